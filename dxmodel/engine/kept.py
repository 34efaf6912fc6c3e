"""Results that depend on the data, the code and their own inputs alone, kept on disk under a
hash of all three: each report renders in a kernel of its own, and reading a table back costs
milliseconds where refitting every past edition (a backtest) or rerunning every lever at both
ends of its span (a tornado) costs seconds. A missing, damaged or unwritable cache only costs
the time; deleting the folder loses nothing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import pickle
import sys
from collections.abc import Callable, Hashable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from dxmodel.core.data import Dataset
from dxmodel.models import FAMILIES
from dxmodel.models.family import Family
from dxmodel.util.atomic import write_atomically
from dxmodel.util.paths import cache_dir

LIBRARIES = ("numpy", "pandas", "scipy", "statsmodels", "salib")  # what the numbers rest on


@functools.cache
def code_hash() -> str:
    """The package's own source, Python's and the numerical libraries' versions: a change to
    any of them makes a new key."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(sys.version.encode())
    for library in LIBRARIES:
        with contextlib.suppress(PackageNotFoundError):
            digest.update(f"{library}=={version(library)}".encode())
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


def kept(kind: str, dataset: Dataset, key: Hashable, make: Callable[[], pd.DataFrame]):
    """`make()`'s table for this data, code and `key` (a repr-stable tuple), from the cache
    folder if it is there, else computed and kept."""
    text = repr((code_hash(), dataset_hash(dataset), key))
    path = cache_dir() / kind / f"{hashlib.sha256(text.encode()).hexdigest()[:32]}.pickle"
    try:
        table = pickle.loads(path.read_bytes())
        if isinstance(table, pd.DataFrame):
            return table
    except Exception:  # absent, unreadable or damaged: computed again below
        pass
    table = make()
    with contextlib.suppress(OSError):  # a read-only home: the caller still gets its table
        write_atomically(path, pickle.dumps(table))
    return table


def backtest(family: Family, dataset: Dataset) -> pd.DataFrame | None:
    """The family's backtest table (None for a family without one)."""
    if family.backtest is None:
        return None
    return kept("backtests", dataset, family.name, lambda: family.backtest(dataset))


def backtests(dataset: Dataset) -> dict[str, pd.DataFrame]:
    """Family name -> its backtest table, for every family that has one."""
    tables = {f.name: backtest(f, dataset) for f in FAMILIES}
    return {name: table for name, table in tables.items() if table is not None}
