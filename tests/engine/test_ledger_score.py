"""A ledger frozen before an edition is imported is scored after it: Brier score, interval hit
and PIT, beside persistence and the base rate as it stood when the forecast was frozen.

The freeze reads a copy of data/ without the 2024 edition (as of 2023); `dxmodel data import
egdi` then adds the UN's 2024 file, and `dxmodel ledger score` scores the forecasts judged on
it. The shipped 2026-12-03 ledger forecasts the 2026 edition, which is not published: a 2026
edition simulated from the 2024 values (a TEST FIXTURE, tests/un_egdi.py) shows it scored.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
import pytest
from conftest import run_cli
from un_egdi import simulated_2026_file, un_2024_file, without_edition

from dxmodel.core import columns as c
from dxmodel.core import reference
from dxmodel.core.data import load_dataset
from dxmodel.core.scenario import load_scenario
from dxmodel.engine import ledger
from dxmodel.engine.session import Session

JUDGED_ON_2024 = ("egdi_top70_2025_d749", "egdi_top50_2025_d942", "egdi_top4_asean_2025_r52")
DAY = dt.date(2023, 1, 15)


def scored_by_cli(*files: str) -> pd.DataFrame:
    done = run_cli("ledger", "score", "--format", "csv", *files)
    assert done.returncode == 0, done.stderr
    return pd.read_csv(io.StringIO(done.stdout), keep_default_na=False, na_values=[""])


@pytest.fixture
def frozen_before_import(data_copy, tmp_path):
    """A ledger frozen from the data without the 2024 edition, in the copy's ledger folder."""
    without_edition(data_copy, 2024)
    scenario = tmp_path / "quick.yaml"
    scenario.write_text("name: quick\ntitle:\n  en: Quick\nlevers:\n  draws: 300\n")
    session = Session(load_dataset(data_copy), as_of=2023)
    path = ledger.freeze(
        session, load_scenario(scenario), folder=data_copy / ledger.FOLDER, frozen_on=DAY
    )
    return path


def test_a_ledger_frozen_before_the_import_is_scored_after_it(
    frozen_before_import, data_copy, tmp_path
):
    path = frozen_before_import
    before = scored_by_cli(str(path)).set_index(c.TARGET)
    assert set(before.loc[list(JUDGED_ON_2024), "status"]) == {"awaiting"}

    done = run_cli("data", "import", "egdi", str(un_2024_file(tmp_path)))
    assert done.returncode == 0, done.stderr

    after = scored_by_cli().set_index(["ledger", c.TARGET])  # every ledger of the folder
    rows = after.loc[path.name]
    frozen = ledger.read_ledger(path).set_index(c.TARGET)
    outcomes = {"egdi_top70_2025_d749": 71, "egdi_top50_2025_d942": 71}
    outcomes["egdi_top4_asean_2025_r52"] = 5
    upto_2022 = load_dataset(data_copy)
    for target, outcome in outcomes.items():
        r, f = rows.loc[target], frozen.loc[target]
        assert r["status"] == "scored" and r["outcome"] == outcome
        assert str(r["met"]) == "False"  # all three were missed
        assert r["brier"] == pytest.approx(f["p_meet"] ** 2)
        assert r["brier_persistence"] == pytest.approx(f["p_persistence"] ** 2)
        assert bool(r["inside_80"]) is bool(f["low_80"] <= outcome <= f["high_80"])
        # PIT from the stored quantiles; outside the interval none is made up
        if outcome < f["low_80"] or outcome > f["high_80"]:
            assert math.isnan(r["pit"]) and "percentile" in r["pit_note"]
        else:
            assert 0.1 <= r["pit"] <= 0.9 and "interpolated" in r["pit_note"]
        # the base rate as it stood at the freeze: editions up to 2022 only
        h = upto_2022.history
        sea = tuple(upto_2022.geographies.query("region == 'South-eastern Asia'").geo)
        ranks = reference.rank_table(h[h[c.YEAR] <= 2022], sea)
        rate = reference.base_rate(ranks, f[c.INDICATOR], int(f[c.VALUE]), 1)
        assert r["base_rate"] == pytest.approx(rate.rate)
        assert r["brier_base_rate"] == pytest.approx(rate.rate**2)
        assert f"{rate.hits} of {rate.cases} countries" in r["base_rate_note"]


def test_the_shipped_ledgers_2026_forecast_is_scored_on_a_simulated_2026_edition(
    data_copy, tmp_path
):
    """TEST FIXTURE: the 2024 values relabelled 2026; nothing of it reaches data/."""
    shipped = data_copy / ledger.FOLDER / "2026-12-03_baseline.csv"
    assert scored_by_cli(str(shipped))["status"].isin(["awaiting", "no series"]).all()
    assert run_cli("data", "import", "egdi", str(simulated_2026_file(tmp_path))).returncode == 0
    row = scored_by_cli(str(shipped)).set_index(c.TARGET).loc["egdi_top50_2026_mic"]
    frozen = ledger.read_ledger(shipped).set_index(c.TARGET).loc["egdi_top50_2026_mic"]
    assert row["status"] == "scored" and row["outcome"] == 71
    assert row["brier"] == pytest.approx(frozen["p_meet"] ** 2)
    low, median, high = frozen["low_80"], frozen["median"], frozen["high_80"]
    assert low <= 71 <= high
    assert row["pit"] == pytest.approx(0.5 + 0.4 * (71 - median) / (high - median))
    assert row["base_rate"] == pytest.approx(22 / 248)  # the README's top-50 base rate
    done = run_cli("ledger", "score", str(shipped))
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("scored 1 of") and "base rate 0.008" in last and "PIT 0.56" in last


@pytest.mark.parametrize(
    ("outcome", "expected", "note"),
    [
        (60, 0.5, "interpolated"),  # the median
        (55, 0.3, "interpolated"),  # half-way from the 10th to the 50th percentile
        (70, 0.9, "interpolated"),  # the 90th percentile
        (49, math.nan, "below the 10th percentile"),
        (71, math.nan, "above the 90th percentile"),
    ],
)
def test_pit_interpolates_through_the_stored_quantiles_and_no_further(outcome, expected, note):
    value, said = ledger.pit(outcome, {"low_80": 50, "median": 60, "high_80": 70})
    assert note in said
    assert (math.isnan(value) and math.isnan(expected)) or value == pytest.approx(expected)


def test_pit_of_a_whole_rank_on_tied_quantiles_is_the_middle_of_the_levels_they_span():
    assert ledger.pit(5, {"low_80": 5, "median": 5, "high_80": 6})[0] == pytest.approx(0.3)
    assert ledger.pit(5, {"low_80": 5, "median": 5, "high_80": 5})[0] == pytest.approx(0.5)


def test_no_base_rate_where_no_reference_class_applies(dataset):
    rates = ledger.BaseRates(dataset)
    row = {c.INDICATOR: "digital_economy_share", c.COMPARATOR: ">=", "latest_year": 2025}
    assert math.isnan(rates.of(row)[0]) and rates.of(row)[1] == ""
