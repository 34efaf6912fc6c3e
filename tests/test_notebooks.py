"""Notebooks stay thin and run top to bottom under papermill, on the kernel of the Python that
runs them (no registration step)."""

from __future__ import annotations

import json

import pytest

from dxmodel.util.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
# a template that needs a finished sweep to read runs on one in tests/test_sweep_page.py
NEEDS_A_SWEEP = ("sweep.ipynb",)
RUNNABLE = [p for p in NOTEBOOKS if p.name not in NEEDS_A_SWEEP]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_holds_no_definitions_and_names_the_project_kernel(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"  # the Python that runs Jupyter
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            for line in "".join(cell["source"]).splitlines():
                assert not line.lstrip().startswith(("def ", "class ")), (path.name, line)
            assert not cell.get("outputs"), f"{path.name}: commit notebooks without outputs"


@pytest.mark.slow
@pytest.mark.parametrize("path", RUNNABLE, ids=[p.name for p in RUNNABLE])
def test_notebook_runs_under_papermill(path, tmp_path):
    papermill = pytest.importorskip("papermill")
    out = tmp_path / path.name
    papermill.execute_notebook(
        str(path), str(out), kernel_name="python3", cwd=str(NOTEBOOKS_DIR), progress_bar=False
    )
    executed = json.loads(out.read_text(encoding="utf-8"))
    errors = [
        o for c in executed["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"
    ]
    assert not errors
    assert any(c.get("outputs") for c in executed["cells"] if c["cell_type"] == "code")
