"""The committed tables are exactly what tools/build_data.py writes from shared/reference."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import DATA, SHARED_REFERENCE

from dxmodel.util.paths import ROOT

pytestmark = pytest.mark.skipif(
    not (SHARED_REFERENCE / "PROVENANCE.md").is_file(),
    reason="../shared/reference is not beside this checkout",
)


def _build_module():
    spec = importlib.util.spec_from_file_location("build_data", ROOT / "tools" / "build_data.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_data"] = module
    spec.loader.exec_module(module)
    return module


def test_rebuilding_from_the_reference_reproduces_the_committed_tables(tmp_path):
    written = _build_module().build(SHARED_REFERENCE, tmp_path)
    assert written
    for path in written:
        rel = path.relative_to(tmp_path)
        assert path.read_bytes() == (DATA / rel).read_bytes(), f"data/{rel} is stale: run make data"


def test_the_reference_copies_are_not_in_data():
    """data/ holds our tidy tables, never a verbatim copy of a reference file."""
    ours = {p.read_bytes() for p in DATA.rglob("*.csv")}
    for ref in SHARED_REFERENCE.rglob("*.csv"):
        assert ref.read_bytes() not in ours, ref
