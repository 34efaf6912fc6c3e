"""The digital-economy share model: bounds, monotone levers, series kept apart, honesty."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest

from dxmodel.errors import DataError, ScenarioError
from dxmodel.models import chosen_series, project
from dxmodel.models import digital_economy as de
from dxmodel.scenario import Scenario, list_scenarios, load_scenario
from dxmodel.targets import assess

SERIES = ("gso_value_added", "mic_estimate")


@pytest.fixture(scope="module")
def fits(dataset):
    return {s: de.fit_share(de.series_history(dataset, s), s) for s in SERIES}


def view(fits, dataset, series, scenario):
    fit = fits[series]
    return de.outlook(fit, scenario, de.projection_years(fit, dataset), dataset.targets)


@pytest.mark.parametrize("series", SERIES)
@pytest.mark.parametrize(
    "levers",
    [{}, {"digital_economy_growth": 50.0, "gdp_growth": -10.0},
     {"digital_economy_growth": -10.0, "gdp_growth": 20.0}],
)  # fmt: skip
def test_shares_stay_strictly_between_0_and_100(fits, dataset, series, levers):
    scenario = load_scenario("baseline").with_levers(**levers)
    draws = view(fits, dataset, series, scenario).projection.draws
    assert (draws > 0).all() and (draws < 100).all()
    assert view(fits, dataset, series, scenario).projection.years[-1] == 2045


@pytest.mark.parametrize(("series", "year", "threshold"),
                         [("mic_estimate", 2025, 20), ("gso_value_added", 2030, 30),
                          ("mic_estimate", 2030, 30)])  # fmt: skip
def test_faster_digital_growth_never_lowers_the_chance(fits, dataset, series, year, threshold):
    baseline = load_scenario("baseline")
    chances = [
        view(
            fits, dataset, series, baseline.with_levers(digital_economy_growth=g)
        ).projection.probability(">=", threshold, year)
        for g in np.arange(0.0, 50.0, 5.0)
    ]
    assert all(b >= a for a, b in itertools.pairwise(chances))
    assert chances[-1] > chances[0]


def test_the_chosen_series_is_honoured(dataset):
    baseline = load_scenario("baseline")
    mic = baseline.with_levers(digital_economy_series="mic_estimate")
    cards = {
        s.value("digital_economy_series"): assess(
            dataset, project(dataset, s), as_of=2026, series=chosen_series(s)
        ).set_index("target")
        for s in (baseline, mic)
    }
    gso, mic_card = cards["gso_value_added"], cards["mic_estimate"]
    # 2025 is published on GSO's series (missed), not yet on MIC's (still open)
    assert gso.loc["de_share_2025_d749", "status"] == "missed"
    assert mic_card.loc["de_share_2025_d749", "status"] == "open"
    assert 0 < mic_card.loc["de_share_2025_d749", "p_meet"] < 1
    assert mic_card.loc["de_share_2030_d749", "latest_observed"] == 18.3
    assert gso.loc["de_share_2030_d749", "latest_observed"] == 14.02
    assert (
        mic_card.loc["de_share_2030_d749", "expected"] > gso.loc["de_share_2030_d749", "expected"]
    )
    assert gso.loc["de_share_2030_d749", "warning"] == ""
    assert "mic_estimate" in mic_card.loc["de_share_2030_d749", "warning"]
    assert mic_card.loc["egdi_top50_2026_mic", "warning"] == ""


def test_the_same_seed_gives_identical_paths_and_another_does_not(fits, dataset):
    baseline = load_scenario("baseline")
    a = view(fits, dataset, "gso_value_added", baseline).projection.draws
    b = view(fits, dataset, "gso_value_added", baseline).projection.draws
    c = view(fits, dataset, "gso_value_added", baseline.with_levers(seed=99)).projection.draws
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_required_pace_reaches_the_target_on_the_central_path(fits, dataset):
    baseline = load_scenario("baseline")
    pace = view(fits, dataset, "gso_value_added", baseline).required_pace.set_index("target")
    row = pace.loc["de_share_2030_d749"]
    assert row.pp_per_year_needed == pytest.approx((30 - 14.02) / 5)  # published start, target
    at_needed = baseline.with_levers(digital_economy_growth=round(row.growth_needed, 1))
    reached = de.central_path(14.02, 5, de.relative_growth(at_needed))
    assert reached == pytest.approx(30, abs=0.2)
    assert row.pp_per_year_historical == pytest.approx((14.02 - 12.66) / 5)
    assert np.isnan(pace.loc["de_share_2025_d749", "pp_per_year_needed"])  # already observed


def test_benchmarks_are_persistence_and_the_past_line(fits, dataset):
    bench = view(fits, dataset, "gso_value_added", load_scenario("baseline")).benchmarks
    assert (bench["persistence"].draws == 14.02).all()
    years = bench["drift"].years
    assert bench["drift"].draws[:, 0] == pytest.approx(14.02 + (14.02 - 12.66) / 5 * (years - 2025))


def test_leave_last_out_backtest_uses_published_values(dataset):
    table = de.backtest_share(dataset)
    assert set(table.method) == {"model", "persistence", "drift"}
    persistence = table[table.method == "persistence"].set_index("series")
    assert persistence.loc["gso_value_added", "forecast"] == 13.17  # the 2024 figure
    assert persistence.loc["mic_estimate", "forecast"] == 16.5  # the 2023 estimate
    assert (table.error_pp == table.forecast - table.actual).all()


def test_every_preset_runs_on_both_series(dataset):
    for name in list_scenarios():
        for series in SERIES:
            scenario = load_scenario(name).with_levers(digital_economy_series=series, draws=200)
            (projection,) = de.digital_economy_model(dataset, scenario).values()
            assert projection.series == series


def test_a_series_too_short_for_the_model_is_refused(dataset):
    h = dataset.history
    short = h[~(h.source.isin(["mic_de_2024", "mic_de_2025"]))]
    with pytest.raises(DataError, match="'mic_estimate' has 2 digital-economy point"):
        de.series_history(replace(dataset, history=short), "mic_estimate")


def test_a_share_of_100_percent_is_refused(dataset):
    h = dataset.history.copy()
    h.loc[h.source == "mic_de_2025", "value"] = 100.0
    with pytest.raises(DataError, match="share of 100% in 2024; the model needs shares strictly"):
        de.series_history(replace(dataset, history=h), "mic_estimate")


def test_growth_that_makes_the_economy_vanish_is_refused():
    scenario = Scenario("x", {"en": "x"}, {}, {"gdp_growth": -150.0})  # built past validation
    with pytest.raises(ScenarioError, match="imply an economy that vanishes"):
        de.relative_growth(scenario)
