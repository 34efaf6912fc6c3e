"""Shared fixtures: the real dataset (loaded once), a scratch copy of data/, and CLI runners."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import dxmodel
from dxmodel.util.paths import ROOT

DATA = ROOT / "data"
SHARED_REFERENCE = ROOT.parent / "shared" / "reference"


@pytest.fixture(scope="session")
def dataset() -> dxmodel.Dataset:
    return dxmodel.load_dataset(DATA)


@pytest.fixture(scope="session")
def history(dataset):
    return dataset.history


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of data/ that the package reads instead of the checkout's."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("DXMODEL_DATA_DIR", str(copy))
    return copy


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the installed `dxmodel` command as a user would (own process, real exit code)."""
    return subprocess.run(
        [sys.executable, "-m", "dxmodel.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
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
        subprocess.Popen([dask, "worker", address, "--nworkers", "1", "--nthreads", "1",
                          "--host", "127.0.0.1", "--no-dashboard"],
                         stdout=log, stderr=subprocess.STDOUT)
        for _ in range(2)
    ]  # fmt: skip
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
