"""Run a parameterised notebook with papermill and turn it into one offline HTML page.

Kernels are private: made from the running Python in a scratch folder, so nothing depends on a
registered kernel or on the caller's working directory. Each report worker (thread) keeps its
kernel warm between the reports it renders (`execute(..., warm=True)`): the kernel's start and
its imports (pandas, altair, the models: most of a report's cost) are paid once per worker, not
once per report. Every report builds its own Report from its own parameters, the notebook's
names are cleared after each, and any failure discards the kernel. nbconvert then writes the
page with code hidden and the vega code inlined once (no network when it is opened).
"""

from __future__ import annotations

import contextlib
import functools
import json
import multiprocessing.util
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from dxmodel.util.atomic import alive
from dxmodel.util.executors import on_worker_stop

TEMPLATES = Path(__file__).parent / "templates"
PRIVATE_KERNEL = "dxmodel-render"  # made per render from the running Python (see private_kernel)


@functools.cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (from vl-convert), built once a process."""
    import vl_convert

    return vl_convert.javascript_bundle().replace("</script", "<\\/script")


def to_html(notebook, language: str, title: str) -> str:
    """An executed report notebook as one offline HTML page, code hidden."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="dxreport",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=language,
    )
    notebook.metadata["title"] = title
    body, _ = exporter.from_notebook_node(notebook, resources={"vega_bundle": vega_bundle()})
    return body


def execute(
    notebook: Path,
    parameters: dict,
    language: str,
    title: str,
    timeout: int,
    folder: Path,
    warm: bool = False,
) -> bytes:
    """Run a parameterised notebook in `folder` with a private kernel (this thread's warm
    one with `warm`); its offline HTML page."""
    import nbformat
    import papermill

    engine = {"engine_name": _warm_engine()} if warm else {"cwd": str(folder)}
    try:
        papermill.execute_notebook(
            str(notebook),
            str(folder / notebook.name),
            parameters=parameters,
            kernel_name=PRIVATE_KERNEL if warm else private_kernel(folder),
            progress_bar=False,
            execution_timeout=timeout,
            start_timeout=120,
            log_output=False,
            request_save_on_cell_execute=False,  # written once, at the end
            **engine,
        )
    except BaseException:  # a failed cell, a timeout (the kernel may still be busy), Ctrl-C
        if warm:
            discard_warm_kernel()
        raise
    executed = folder / notebook.name
    return to_html(nbformat.read(executed, as_version=4), language, title).encode("utf-8")


# --- warm kernels: one per worker thread, kept between the notebooks it runs ------------------
_WARM = threading.local()  # this thread's kernel manager and folder
_ALL: set = set()  # every warm kernel of this process, for its end
_ALL_LOCK = threading.Lock()
WARM_ENGINE = "dxmodel-warm"
HISTORY = "--HistoryManager.hist_file=:memory:"


def warm_kernel():
    """This thread's kernel, started on first use in a folder of its own and kept until a
    failure or the process's end. One per thread: a Dask worker with several threads never
    runs two reports on one kernel. It dies with its worker however the worker ends: on
    SIGTERM the worker kills it (`_kill_all`), and ipykernel exits within a second once its
    parent is gone (jupyter_client gives it JPY_PARENT_PID, which it polls)."""
    from jupyter_core.utils import run_sync

    km = getattr(_WARM, "km", None)
    if km is not None and run_sync(km.is_alive)():
        return km
    discard_warm_kernel()
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    _first_kernel_of_process()
    folder = make_scratch()
    specs = KernelSpecManager(kernel_dirs=[str(_write_spec(folder).parent)])
    km = AsyncKernelManager(
        kernel_name=PRIVATE_KERNEL,
        kernel_spec_manager=specs,
        connection_file=str(folder / "connection.json"),  # not in the user's runtime folder:
        # removed with the scratch folder, by this run or (if it is killed) the next
    )
    # as nbclient starts its own kernels: no history database shared by parallel workers
    run_sync(km.start_kernel)(cwd=str(folder), extra_arguments=[HISTORY])
    _WARM.km, _WARM.folder = km, folder
    with _ALL_LOCK:
        if not _ALL:  # a pool's worker ends through multiprocessing's finalizers, not atexit
            multiprocessing.util.Finalize(None, _discard_all, exitpriority=10)
        _ALL.add((km, folder))
    return km


@functools.cache
def _first_kernel_of_process() -> None:
    """Once a process: remove what killed renders left on this machine (a Dask worker's
    machine too), and kill this process's kernels and scratch folders if it is stopped."""
    remove_stale_scratch()
    on_worker_stop(_kill_all)


def discard_warm_kernel() -> None:
    """Shut this thread's kept kernel down and remove its folder (nothing if there is none)."""
    km, folder = getattr(_WARM, "km", None), getattr(_WARM, "folder", None)
    _WARM.km = _WARM.folder = None
    if km is not None:
        with _ALL_LOCK:
            _ALL.discard((km, folder))
        _shutdown(km, folder)


def _discard_all() -> None:
    with _ALL_LOCK:
        kept = list(_ALL)
        _ALL.clear()
    for km, folder in kept:
        _shutdown(km, folder)


def _shutdown(km, folder: Path | None) -> None:
    from jupyter_core.utils import run_sync

    with contextlib.suppress(Exception):  # already gone: nothing left to stop
        run_sync(km.shutdown_kernel)(now=True)
    if folder is not None:
        remove_scratch(folder)


def _kill_all() -> None:
    """In a worker's stop handler: kill every kernel (its process group) and remove every
    scratch folder, synchronously, taking no lock the interrupted code may hold."""
    for km, _folder in list(_ALL):
        pid = getattr(getattr(km, "provisioner", None), "pid", None)
        if not pid:
            continue
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)  # jupyter_client starts it in a session of its own
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)
    for folder in list(_SCRATCH):
        shutil.rmtree(folder, ignore_errors=True)


# --- scratch folders: dxmodel-render-<pid>-*, so a later run can tell a killed owner's --------
SCRATCH_PREFIX = "dxmodel-render-"
_SCRATCH: set[Path] = set()  # this process's, for its stop handler
_OWNER = re.compile(rf"^{SCRATCH_PREFIX}(\d+)-")


def make_scratch() -> Path:
    """A new private folder in TMPDIR named after this process."""
    folder = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-"))
    _SCRATCH.add(folder)
    return folder


def remove_scratch(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    _SCRATCH.discard(folder)


@contextlib.contextmanager
def scratch_folder() -> Iterator[Path]:
    """A scratch folder for one render, removed after it (and by the next run if killed)."""
    folder = make_scratch()
    try:
        yield folder
    finally:
        remove_scratch(folder)


def remove_stale_scratch(root: Path | None = None) -> list[Path]:
    """Remove this user's scratch folders in `root` (TMPDIR) whose owner process is gone."""
    root = Path(tempfile.gettempdir()) if root is None else root
    removed = []
    for folder in root.glob(f"{SCRATCH_PREFIX}*"):
        owner = _OWNER.match(folder.name)
        if owner is None or int(owner[1]) == os.getpid() or alive(int(owner[1])):
            continue
        try:
            info = folder.lstat()
        except OSError:
            continue
        if info.st_uid != os.getuid() or not folder.is_dir() or folder.is_symlink():
            continue  # another user's, or not a folder this code made
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


@functools.cache
def _warm_engine() -> str:
    """papermill's nbclient engine on this thread's warm kernel, registered once: the kernel is
    kept, the client's channels are closed and the notebook's names cleared after each run."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines

    class WarmEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False,
                                     stdout_file=None, stderr_file=None, start_timeout=60,
                                     execution_timeout=None, **kwargs):  # fmt: skip
            client = PapermillNotebookClient(
                nb_man, km=warm_kernel(), kernel_name=kernel_name, timeout=execution_timeout,
                startup_timeout=start_timeout, log_output=log_output,
                stdout_file=stdout_file, stderr_file=stderr_file,
            )  # fmt: skip
            try:
                return client.execute()
            finally:
                if client.kc is not None:
                    with contextlib.suppress(Exception):  # the next report starts empty
                        client.wait_for_reply(client.kc.execute("%reset -f", silent=True))
                    client.kc.stop_channels()

    papermill_engines.register(WARM_ENGINE, WarmEngine)
    return WARM_ENGINE


def failure(exc: Exception) -> str:
    """Why a render failed, in one line: the cell's error, or the runner's."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return " ".join(f"{exc.ename}: {exc.evalue}".split())[:300]
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]


def _write_spec(folder: Path) -> Path:
    """A kernel spec for the running interpreter, in `folder`: no registration step, and
    ipykernel's start-up warnings (e.g. TCP without encryption on loopback) kept quiet."""
    spec = folder / "kernels" / PRIVATE_KERNEL
    spec.mkdir(parents=True)
    argv = [
        sys.executable,
        "-m",
        "ipykernel_launcher",
        "-f",
        "{connection_file}",
        "--IPKernelApp.log_level=CRITICAL",
    ]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "dxmodel (this Python)", "language": "python"})
    )
    return spec


def private_kernel(folder: Path) -> str:
    """A kernel spec made in `folder` (`_write_spec`) and found first, for this render only."""
    _write_spec(folder)
    # first on the path, for this render only: the worker's own folder, deleted after it
    inherited = os.environ.get("JUPYTER_PATH", "").split(os.pathsep)
    kept = [p for p in inherited if p and not Path(p).name.startswith("dxmodel-render-")]
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(folder), *kept])
    return PRIVATE_KERNEL
