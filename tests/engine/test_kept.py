"""Results kept per data, code and inputs: the kept table is the computed one, and other data,
other inputs or a damaged file never serve a stale one."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from dxmodel.engine import kept as bt
from dxmodel.models import BY_NAME, FAMILIES

SHARE = BY_NAME["digital_economy"]


def test_the_cached_backtest_is_the_computed_one(dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("DXMODEL_CACHE_DIR", str(tmp_path))
    first = bt.backtest(SHARE, dataset)
    assert len(list((tmp_path / "backtests").iterdir())) == 1
    pd.testing.assert_frame_equal(bt.backtest(SHARE, dataset), first)
    pd.testing.assert_frame_equal(first, SHARE.backtest(dataset))


def test_other_data_gets_its_own_entry(dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("DXMODEL_CACHE_DIR", str(tmp_path))
    bt.backtest(SHARE, dataset)
    h = dataset.history
    fewer = replace(
        dataset, history=h[~((h.indicator == "digital_economy_share") & (h.year == 2025))]
    )
    assert bt.dataset_hash(fewer) != bt.dataset_hash(dataset)
    pd.testing.assert_frame_equal(bt.backtest(SHARE, fewer), SHARE.backtest(fewer))
    assert len(list((tmp_path / "backtests").iterdir())) == 2


def test_a_damaged_cache_file_is_computed_again(dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("DXMODEL_CACHE_DIR", str(tmp_path))
    bt.backtest(SHARE, dataset)
    (entry,) = (tmp_path / "backtests").iterdir()
    entry.write_bytes(b"not a pickle")
    pd.testing.assert_frame_equal(bt.backtest(SHARE, dataset), SHARE.backtest(dataset))


def test_a_family_without_a_backtest_has_none(dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("DXMODEL_CACHE_DIR", str(tmp_path))
    assert bt.backtest(BY_NAME["training"], dataset) is None
    assert set(bt.backtests(dataset)) == {f.name for f in FAMILIES if f.backtest is not None}
    assert {"digital_economy", "ranking"} <= set(bt.backtests(dataset))


def test_a_kept_result_is_made_once_per_input(dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("DXMODEL_CACHE_DIR", str(tmp_path))
    made = []

    def make(value: float):
        made.append(value)
        return pd.DataFrame({"x": [value]})

    first = bt.kept("test", dataset, ("a", 1.0), lambda: make(1.0))
    again = bt.kept("test", dataset, ("a", 1.0), lambda: make(99.0))  # read back, not made
    other = bt.kept("test", dataset, ("a", 2.0), lambda: make(2.0))
    assert made == [1.0, 2.0]
    pd.testing.assert_frame_equal(again, first)
    assert other.x.iloc[0] == 2.0
