"""The wheel, installed as a user installs it, is the whole tool in any folder.

Built from this checkout, installed with its dependencies into a fresh virtual environment
(bytecode compiled, as `pip install` does), then run from an empty temporary folder with no
DXMODEL_* variable set and no kernel registered: the commands find the shipped data and
presets, a report lands under the working folder, `dxmodel init` makes a workspace that the
next report writes into, and nothing under the installation changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dxmodel.util.paths import ROOT

pytestmark = pytest.mark.slow


def _uv() -> str:
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        pytest.fail("uv is missing: `make setup` installs it into .venv")
    return uv


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder`, by content: what 'unchanged' means for an installation."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the wheel of this checkout installed; its bin folder."""
    uv, scratch = _uv(), tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(scratch / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = (scratch / "dist").glob("dxmodel-*.whl")
    venv = scratch / "venv"
    subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
    install = subprocess.run(
        [uv, "pip", "install", "--quiet", "--compile-bytecode", "--python",
         str(venv / "bin" / "python"), str(wheel)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-2000:]
    return venv


def _run(venv: Path, cwd: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DXMODEL_", "JUPYTER"))}
    env |= {
        "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        "DXMODEL_CACHE_DIR": str(cwd.parent / "cache"),  # the user's cache, not the test run's
        "COLUMNS": "100",
    }
    return subprocess.run(
        ["dxmodel", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_the_installed_wheel_works_from_any_folder_and_writes_only_there(installed, tmp_path):
    package = next((installed / "lib").glob("python3*/site-packages/dxmodel"))
    assert (package / "resources" / "data" / "targets.csv").is_file()  # shipped, not linked
    assert not (package / "resources" / "data").is_symlink()
    before = _snapshot(installed)
    empty = tmp_path / "empty"
    empty.mkdir()

    assess = _run(installed, empty, "assess", "--format", "csv")
    assert assess.returncode == 0, assess.stderr
    assert "egdi_top50_2026_mic" in assess.stdout and "baseline" in assess.stdout

    listed = _run(installed, empty, "scenarios")
    assert listed.returncode == 0, listed.stderr
    assert "baseline" in listed.stdout and "accelerated" in listed.stdout

    report = _run(installed, empty, "report", "baseline", "--language", "en")
    assert report.returncode == 0, report.stdout + report.stderr
    assert (empty / "reports" / "baseline.html").is_file()
    assert (empty / "reports" / "index.html").is_file()
    assert str(empty / "reports") in report.stdout  # the folder and the index are named

    made = _run(installed, empty, "init", "ws")
    assert made.returncode == 0, made.stderr
    workspace = empty / "ws"
    assert (workspace / "dxmodel.toml").is_file()
    assert (workspace / "notebooks" / "explorer.ipynb").is_file()
    inside = workspace / "notebooks"  # found upward, as git finds its folder
    report = _run(installed, inside, "report", "example", "--language", "en")
    assert report.returncode == 0, report.stdout + report.stderr
    assert (workspace / "reports" / "example.html").is_file()
    assert not (inside / "reports").exists()

    assert _snapshot(installed) == before  # nothing under the installation changed
