"""Run a parameterised notebook with papermill and turn it into one offline HTML page.

Kernels are private: made from the running Python in a scratch folder, so nothing depends on a
registered kernel or on the caller's working directory. A report worker keeps its kernel warm
between the reports it renders (`execute(..., warm=True)`): the kernel's start and its imports
(pandas, altair, the models: most of a report's cost) are paid once per worker, not once per
report. Every report still builds its own Report from its own parameters; any failure discards
the kernel, so the next report starts clean. nbconvert then writes the page with code hidden
and the vega code inlined once (no network when it is opened).
"""

from __future__ import annotations

import contextlib
import functools
import json
import multiprocessing.util
import os
import shutil
import sys
import tempfile
from pathlib import Path

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
    """Run a parameterised notebook in `folder` with a private kernel (this process's warm
    one with `warm`); its offline HTML page."""
    import nbformat
    import papermill

    kernel = {"km": warm_kernel()} if warm else {"cwd": str(folder)}
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
            **kernel,
        )
    except BaseException:  # a failed cell, a timeout (the kernel may still be busy), Ctrl-C
        if warm:
            discard_warm_kernel()
        raise
    executed = folder / notebook.name

    return to_html(nbformat.read(executed, as_version=4), language, title).encode("utf-8")


_WARM: dict = {}  # this process's kept kernel: its manager and its folder


def warm_kernel():
    """This process's kernel, started on first use in a folder of its own and kept until a
    failure or the process's end (it also exits by itself when its parent does)."""
    km = _WARM.get("km")
    if km is not None and km.is_alive():
        return km
    discard_warm_kernel()
    from jupyter_client import KernelManager

    folder = Path(tempfile.mkdtemp(prefix="dxmodel-render-"))
    km = KernelManager(kernel_name=private_kernel(folder))
    km.start_kernel(cwd=str(folder))
    if "finalizer" not in _WARM:  # a pool's worker ends through multiprocessing, not atexit
        _WARM["finalizer"] = multiprocessing.util.Finalize(
            None, discard_warm_kernel, exitpriority=10
        )
    _WARM.update(km=km, folder=folder)
    return km


def discard_warm_kernel() -> None:
    """Shut this process's kept kernel down and remove its folder (nothing if there is none)."""
    km, folder = _WARM.pop("km", None), _WARM.pop("folder", None)
    if km is not None:
        with contextlib.suppress(Exception):  # already gone: nothing left to stop
            km.shutdown_kernel(now=True)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def failure(exc: Exception) -> str:
    """Why a render failed, in one line: the cell's error, or the runner's."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return " ".join(f"{exc.ename}: {exc.evalue}".split())[:300]
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]


def private_kernel(folder: Path) -> str:
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
    # first on the path, for this render only: the worker's own folder, deleted after it
    inherited = os.environ.get("JUPYTER_PATH", "").split(os.pathsep)
    kept = [p for p in inherited if p and not Path(p).name.startswith("dxmodel-render-")]
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(folder), *kept])
    return PRIVATE_KERNEL
