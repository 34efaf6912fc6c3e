"""Online public services: series never mixed, months never read as years, bounded and
monotone projections, honest intervals beside naive benchmarks, every new target answered."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dxmodel.core import columns as c
from dxmodel.core.data import load_dataset
from dxmodel.core.scenario import load_scenario
from dxmodel.models import online_services as os_
from dxmodel.util.errors import DataError

USE = (os_.USE, os_.GEO, os_.USE_SERIES)
DOSSIERS = (os_.DOSSIERS, os_.GEO, os_.DOSSIER_SERIES)
UNIVERSITY = (os_.UNIVERSITY, os_.GEO, "")
LEVERS = {
    USE: "portal_use_extra_growth",
    DOSSIERS: "online_dossier_gain",
    UNIVERSITY: "digital_university_push",
}


@pytest.fixture(scope="module")
def fitted(dataset):
    return os_.FittedServices(dataset, 2026)


@pytest.fixture(scope="module")
def baseline():
    return load_scenario("baseline").with_levers(draws=2000, seed=11)


def test_the_published_figures_are_read_as_published(dataset):
    papi = os_.use_history(dataset)
    assert papi[c.YEAR].tolist() == [2020, 2021, 2022, 2023, 2024]
    assert papi[c.VALUE].tolist() == [4.05, 4.11, 4.85, 8.3, 13.8]
    base = os_.dossier_base(dataset)
    assert dict(zip(base.history[c.YEAR], base.history[c.VALUE], strict=True)) == {
        2023: 17.0,
        2024: 45.8,
    }
    assert base.level_year == 2025
    assert base.level == pytest.approx((39.51 + 39.98 + 51.7) / 3)


def test_a_single_month_is_never_a_years_value(dataset):
    published = os_.published_dossiers(dataset)
    months = published[published["kind"] == "month"]
    assert sorted(months["period"]) == ["06/2025", "10/2025", "11/2025"]
    assert set(months[c.SERIES]) == {"dossiers_full_process"}
    whole = dataset.history[dataset.history[c.INDICATOR] == os_.DOSSIERS]
    assert 2025 not in set(whole[c.YEAR])  # 2025 is known only from months: no year value
    c_series = published[published[c.SERIES] == "dossiers_online_34_provinces"]
    assert set(c_series["kind"]) == {"part_year"} and len(c_series) == 2
    assert os_.period_of("dossiers_full_process_2024_jan_jun").label() == "01-06/2024"
    assert os_.period_of("dossiers_full_process_2025_jun").single_month
    assert os_.period_of("gso_value_added_2025_jun") is None  # not a dossier series


def test_a_part_year_figure_without_its_period_is_refused(data_copy):
    sources = pd.read_csv(data_copy / "sources.csv", dtype=str, keep_default_na=False)
    hit = sources[c.SOURCE] == "baomoi_dossiers_2025_06"
    sources.loc[hit, c.SERIES] = "dossiers_full_process"
    sources.to_csv(data_copy / "sources.csv", index=False, lineterminator="\n")
    with pytest.raises(DataError) as err:
        os_.check_dataset(load_dataset(data_copy))
    message = str(err.value)
    assert "\n" not in message and "online_services.csv" in message and "2025" in message


def test_series_are_never_mixed(fitted, baseline):
    p = fitted.projections(baseline)
    assert set(p) == {USE, DOSSIERS, UNIVERSITY}
    assert p[USE].history[c.VALUE].tolist() == [4.05, 4.11, 4.85, 8.3, 13.8]
    assert p[DOSSIERS].history[c.VALUE].tolist() == [17.0, 45.8]  # B only: no A, no C
    assert p[UNIVERSITY].basis == "assumptions" and p[USE].basis == "model"


def test_no_passed_year_is_forecast(fitted, baseline):
    p = fitted.projections(baseline)
    assert p[USE].years[0] == 2025 and p[DOSSIERS].years[0] == 2026
    assert p[UNIVERSITY].years[0] == 2022 and p[UNIVERSITY].history.empty


def test_shares_stay_within_0_and_100_even_at_the_levers_ends(fitted, baseline):
    for key, lever in LEVERS.items():
        spec = os_.REGISTRY[lever]
        for value in (spec.min, spec.max):
            draws = fitted.projections(baseline.with_levers(**{lever: value}))[key].draws
            assert draws.min() >= 0 and draws.max() <= 100


def test_same_seed_same_numbers_other_seed_other_numbers(dataset, baseline):
    a = os_.FittedServices(dataset, 2026).projections(baseline)
    b = os_.FittedServices(dataset, 2026).projections(baseline)
    other = os_.FittedServices(dataset, 2026).projections(baseline.with_levers(seed=12))
    for key in a:
        assert np.array_equal(a[key].draws, b[key].draws)
        assert not np.array_equal(a[key].draws, other[key].draws)


@pytest.mark.parametrize("key", list(LEVERS), ids=lambda k: k[0])
def test_each_projection_rises_with_its_policy_lever(fitted, baseline, key):
    lever = LEVERS[key]
    low, high = os_.REGISTRY[lever].span
    years = fitted.projections(baseline)[key].years
    year = int(years[-1])
    lo = fitted.projections(baseline.with_levers(**{lever: low}))[key]
    hi = fitted.projections(baseline.with_levers(**{lever: high}))[key]
    assert np.all(hi.at(year) >= lo.at(year))  # path by path, on the same draws
    assert hi.median_at(year) > lo.median_at(year)


def test_a_lever_of_another_indicator_moves_nothing_here(fitted, baseline):
    before = fitted.projections(baseline)
    after = fitted.projections(baseline.with_levers(online_dossier_gain=10))
    assert np.array_equal(before[USE].draws, after[USE].draws)
    assert np.array_equal(before[UNIVERSITY].draws, after[UNIVERSITY].draws)


def test_five_survey_points_give_a_wide_interval(fitted, baseline):
    use = fitted.projections(baseline)[USE]
    low, high = use.interval(2030)
    assert high - low > 40  # four yearly changes cannot pin 2030 down
    low26, high26 = fitted.projections(baseline)[DOSSIERS].interval(2026)
    assert high26 - low26 > 10  # nor can two whole years and three months


def test_backtest_sits_beside_persistence_and_drift(dataset):
    table = os_.backtest_use(dataset, draws=2000)
    assert sorted(table["held_out_year"].unique()) == [2023, 2024]
    assert set(table["method"]) == {"model", "persistence", "drift"}
    model = table[table["method"] == "model"]
    assert model["pit"].between(0, 1).all()
    assert model["points_fitted"].tolist() == [3, 4]


def test_every_new_target_has_a_status_and_a_chance_or_a_reason(session):
    card = session.scorecard(load_scenario("baseline")).set_index(c.TARGET)
    use = card.loc["online_service_use_80_2030_r57"]
    assert use["status"] == "open" and use["p_basis"] == "model" and 0 < use["p_meet"] < 1
    assert use[c.SERIES] == "papi_national_portal"
    rate = card.loc["online_application_70_2026_mst"]
    assert rate["status"] == "open" and rate["p_basis"] == "model"
    assert rate[c.SERIES] == "dossiers_full_process"
    uni = card.loc["digital_university_50_2030_d146"]
    assert uni["status"] == "open" and uni["p_basis"] == "assumptions" and uni["p_meet"] > 0
    adults = card.loc["online_service_use_40_2025_d126"]
    assert adults["status"] == "unmeasured" and np.isnan(adults["p_meet"])
    assert "papi_national_portal" in adults["status_note"]


def test_what_it_needs_gives_the_chance_it_says(fitted, baseline):
    view = fitted.outlook(baseline)
    need = view.requirements.set_index(c.TARGET).loc["online_service_use_80_2030_r57"]
    moved = fitted.projections(baseline.with_levers(**{need["lever"]: need["needed"]}))
    assert moved[USE].probability(">=", 80, 2030) >= 0.8
