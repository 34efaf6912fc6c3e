"""Shared fixtures: the real dataset (loaded once), a scratch copy of data/, and CLI runners."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import dxmodel
from dxmodel.paths import ROOT

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
