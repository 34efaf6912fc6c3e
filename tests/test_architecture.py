"""The house rules a tool can hold: the layers contract, no import circle, the family seam."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp

from dxmodel.util.paths import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def _copy_package(tmp_path: Path) -> Path:
    """The package and its contract, copied where an import can be planted without harm."""
    skip = shutil.ignore_patterns("__pycache__", "locale", "templates")
    shutil.copytree(ROOT / "dxmodel", tmp_path / "dxmodel", ignore=skip)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_layers_contract_holds():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_layers_contract_catches_an_import_from_a_higher_floor(tmp_path, monkeypatch):
    """A model reading a report (a floor above it), even inside a function, breaks it."""
    copy = _copy_package(tmp_path)
    model = copy / "dxmodel" / "models" / "training.py"
    model.write_text(
        model.read_text() + "\n\ndef _wrong():\n    from dxmodel.outputs import report\n"
    )
    monkeypatch.syspath_prepend(str(copy))
    result = _lint_imports(copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "dxmodel.models.training -> dxmodel.outputs.report" in result.stdout


def _circles(graph: grimp.ImportGraph) -> list[set[str]]:
    """Strongly connected groups of more than one module (Tarjan), imports in functions too."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in graph.find_modules_directly_imported_by(module):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(group)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_circle_remains():
    graph = grimp.build_graph("dxmodel", cache_dir=None)
    assert _circles(graph) == []


def test_the_circle_finder_finds_a_planted_circle(tmp_path, monkeypatch):
    pkg = tmp_path / "loop"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from loop import b\n")
    (pkg / "b.py").write_text("def f():\n    from loop import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _circles(grimp.build_graph("loop", cache_dir=None)) == [{"loop.a", "loop.b"}]


def test_the_session_names_no_family():
    """It loops over the registry: a fourth family needs no change there."""
    from dxmodel.models import FAMILIES

    text = (ROOT / "dxmodel" / "engine" / "session.py").read_text()
    for family in FAMILIES:
        assert family.name not in text, family.name
