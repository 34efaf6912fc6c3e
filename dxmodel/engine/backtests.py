"""Every family's backtest, which depends on the data and the code alone: computed once and
kept on disk under a hash of both, so each report (a kernel of its own) reads it instead of
refitting every past edition. A missing, damaged or unwritable cache only costs the time."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import pickle
from pathlib import Path

import pandas as pd

from dxmodel.core.data import Dataset
from dxmodel.models import FAMILIES
from dxmodel.models.family import Family
from dxmodel.util.atomic import write_atomically
from dxmodel.util.paths import cache_dir

FOLDER = "backtests"  # under the cache folder


@functools.cache
def code_hash() -> str:
    """The package's own source: any change to it makes a new key."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def dataset_hash(dataset: Dataset) -> str:
    """The tables a model can read, by content (a dataset changed in memory has its own)."""
    digest = hashlib.sha256()
    for name in ("sources", "indicators", "geographies", "history", "targets", "benchmarks"):
        frame = getattr(dataset, name)
        digest.update(name.encode() + ",".join(map(str, frame.columns)).encode())
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def backtest(family: Family, dataset: Dataset) -> pd.DataFrame | None:
    """The family's backtest table (None for a family without one), from the cache if there."""
    if family.backtest is None:
        return None
    key = hashlib.sha256((code_hash() + dataset_hash(dataset)).encode()).hexdigest()[:24]
    path = cache_dir() / FOLDER / f"{family.name}-{key}.pickle"
    try:
        table = pickle.loads(path.read_bytes())
        if isinstance(table, pd.DataFrame):
            return table
    except Exception:  # absent, unreadable or damaged: computed again below
        pass
    table = family.backtest(dataset)
    with contextlib.suppress(OSError):  # a read-only home: the report still gets its table
        write_atomically(path, pickle.dumps(table))
    return table


def backtests(dataset: Dataset) -> dict[str, pd.DataFrame]:
    """Family name -> its backtest table, for every family that has one."""
    tables = {f.name: backtest(f, dataset) for f in FAMILIES}
    return {name: table for name, table in tables.items() if table is not None}
