"""Shared fixtures: the real dataset (loaded once), a scratch copy of data/, and CLI runners."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import dxmodel
from dxmodel.cli import main as cli
from dxmodel.publish import jobs
from dxmodel.util.paths import ROOT

DATA = ROOT / "data"
SHARED_REFERENCE = ROOT.parent / "shared" / "reference"


@pytest.fixture(scope="session", autouse=True)
def kept_results(tmp_path_factory):
    """Results kept on disk (backtests, tornados) go to this run's own folder: every run starts
    cold, as CI and a new user do, and nothing is read from or left in the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DXMODEL_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session", autouse=True)
def own_workspace(tmp_path_factory):
    """Every test runs in a workspace of its own (reports, the analyst's scenarios, ledgers),
    reading the checkout's data: nothing a test writes lands in the checkout."""
    folder = tmp_path_factory.mktemp("workspace")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DXMODEL_WORKSPACE", str(folder))
        yield folder


@pytest.fixture(scope="session")
def dataset() -> dxmodel.Dataset:
    return dxmodel.load_dataset(DATA)


@pytest.fixture(scope="session")
def session(dataset):
    """The fitted models on the checkout's data, shared by every test that only reads them
    (its caches warm up across modules; a test that needs its own makes one)."""
    from dxmodel.engine.session import Session

    return Session(dataset)


@pytest.fixture
def quick_connect(monkeypatch):
    """An unreachable scheduler is given up on in half a second, not five: what is tested is
    that it is refused in one line before anything is written, not how long it was tried."""
    from dxmodel.util import executors

    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", "0.5s")


@pytest.fixture(scope="session")
def history(dataset):
    return dataset.history


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of data/ that the package reads instead of the checkout's."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("mine"))
    monkeypatch.setenv("DXMODEL_DATA_DIR", str(copy))
    monkeypatch.setenv("DXMODEL_WORKSPACE", str(tmp_path))  # its scenarios/, reports/ beside it
    return copy


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The `dxmodel` command run in this process, as its entry point runs it: its exit code
    and what it wrote to stdout and stderr. The environment and working directory are the
    command's alone and put back after; `run_cli_process` runs a real process instead."""
    out, err = io.StringIO(), io.StringIO()
    saved, here = dict(os.environ), os.getcwd()
    os.environ.update(env or {})
    try:
        os.chdir(ROOT)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as exc:  # argparse: --help, --version and usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(here)
        os.environ.clear()
        os.environ.update(saved)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def run_cli_process(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess:
    """Run the installed `dxmodel` command as a user would (own process, real exit code)."""
    return subprocess.run(
        [sys.executable, "-m", "dxmodel.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=120,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess, *fragments: str) -> None:
    """Exit 2, one line on stderr naming each fragment, nothing on stdout, no traceback."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("dxmodel: error: "), lines[0]
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]  # fmt: skip


def need_chromium() -> str:
    """Debian's chromium for a browser test. `make test` installs it where it can (root and
    apt, as in CI): there its absence is a failure; elsewhere the test is skipped, saying why."""
    if CHROMIUM:
        return CHROMIUM
    if os.geteuid() == 0 and shutil.which("apt-get"):
        pytest.fail("chromium is missing: `make test` installs it (as root, with apt)")
    pytest.skip("chromium is missing and cannot be installed without root and apt")


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium with every outside host unresolvable (CHROMIUM_ARGS)."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=need_chromium(), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@contextlib.contextmanager
def watched_page(browser, path: Path, init_script: str = ""):
    """`path` open from file:// in a new page: (page, what its console warned or erred,
    every request it made to anything but the file itself)."""
    messages: list[str] = []
    outside: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    if init_script:
        page.add_init_script(init_script)
    page.on(
        "console",
        lambda m: m.type in ("warning", "error") and messages.append(f"{m.type}: {m.text}"),
    )
    page.on("pageerror", lambda exc: messages.append(f"pageerror: {exc}"))
    page.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "data:", "blob:")) else outside.append(r.url),
    )
    try:
        page.goto(path.as_uri())
        yield page, messages, outside
    finally:
        page.close()


def dead_pid() -> str:
    """The pid of a process that has ended: what a killed writer's leftovers are named with."""
    return subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the time of asking)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dask_cluster(tmp_path):
    """A Dask scheduler and two one-thread workers on 127.0.0.1, as a user would start them;
    yields the scheduler's address and stops every process it started."""
    dask = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")
    if dask is None:
        pytest.fail("dask distributed is missing: `make setup` installs it")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = (tmp_path / "dask.log").open("w")
    processes = [
        subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    ]
    processes += [
        subprocess.Popen(
            [
                dask,
                "worker",
                address,
                "--nworkers",
                "1",
                "--nthreads",
                "1",
                "--host",
                "127.0.0.1",
                "--no-dashboard",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(2)
    ]
    try:
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        log.close()


# --- rendered reports ------------------------------------------------------------------------
HOSTILE = """\
title:
  en: "<script>alert('title')</script> Evil & Co"
description:
  en: "<img src=x onerror=alert(1)> described"
levers:
  draws: 300
"""
RENDERED = ("stalled", "baseline")  # stalled: its scenario, baseline and benchmark lines differ


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """stalled, baseline and a hostile scenario file, in every language at 300 draws, rendered
    once into a scratch reports/ (never the checkout's): (folder, outcomes, hostile file)."""
    folder = tmp_path_factory.mktemp("reports")
    hostile = tmp_path_factory.mktemp("files") / "evil.yaml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DXMODEL_REPORTS_DIR", str(folder))
        outcomes = jobs.render_reports([*RENDERED, str(hostile)], draws=300, progress=False)
    return folder, outcomes, hostile
