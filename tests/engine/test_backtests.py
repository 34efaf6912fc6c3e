"""Backtests are kept per data and code: the cached table is the computed one, and a change to
the data, or a damaged file, never serves a stale one."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from dxmodel.engine import backtests as bt
from dxmodel.models import BY_NAME

SHARE = BY_NAME["digital_economy"]


def test_the_cached_backtest_is_the_computed_one(dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("DXMODEL_CACHE_DIR", str(tmp_path))
    first = bt.backtest(SHARE, dataset)
    assert len(list((tmp_path / bt.FOLDER).iterdir())) == 1
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
    assert len(list((tmp_path / bt.FOLDER).iterdir())) == 2


def test_a_damaged_cache_file_is_computed_again(dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("DXMODEL_CACHE_DIR", str(tmp_path))
    bt.backtest(SHARE, dataset)
    (entry,) = (tmp_path / bt.FOLDER).iterdir()
    entry.write_bytes(b"not a pickle")
    pd.testing.assert_frame_equal(bt.backtest(SHARE, dataset), SHARE.backtest(dataset))


def test_a_family_without_a_backtest_has_none(dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("DXMODEL_CACHE_DIR", str(tmp_path))
    assert bt.backtest(BY_NAME["training"], dataset) is None
    assert set(bt.backtests(dataset)) == {"digital_economy", "ranking"}
