"""The EGDI rank engine: properties of ranks, monotone levers, persistence, determinism."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dxmodel.core.scenario import load_scenario
from dxmodel.core.targets import assess
from dxmodel.models import ranking as r
from dxmodel.util.errors import DataError

EDITIONS = np.array([2026, 2028, 2030])


@pytest.fixture(scope="module")
def fit(dataset):
    sea = dataset.geographies.loc[dataset.geographies.region == "South-eastern Asia", "geo"]
    return r.fit_ranking(dataset.history, sea=tuple(sea))


@pytest.fixture(scope="module")
def world(fit):
    return r.simulate_world(fit, EDITIONS, draws=2000, seed=11)


@pytest.fixture(scope="module")
def baseline_outlook(fit):
    return r.outlook(fit, load_scenario("baseline"), EDITIONS)


def test_ranks_are_integers_from_1_to_193(baseline_outlook, world):
    rank = baseline_outlook.projections[("egdi_rank", "VNM", "undesa_egov")].draws
    assert rank.min() >= 1 and rank.max() <= 193
    assert np.array_equal(rank, np.round(rank))
    sea = baseline_outlook.projections[("egdi_rank_sea", "VNM", "undesa_egov")].draws
    assert sea.min() >= 1 and sea.max() <= 11
    every = r.ranks_of_all(np.where(np.isinf(world.others), 0.5, world.others))
    assert every.min() == 1 and every.max() <= 193 and every.dtype.kind == "i"


def test_ranks_follow_the_scores_under_any_reordering_of_countries():
    rng = np.random.default_rng(0)
    scores = np.round(rng.uniform(size=(50, 193)), 2)  # rounding forces ties
    ranks = r.ranks_of_all(scores)
    perm = rng.permutation(193)
    assert np.array_equal(r.ranks_of_all(scores[:, perm]), ranks[:, perm])
    # the definition, spelled out: 1 + countries strictly higher; ties share the best rank
    direct = 1 + (scores[:, None, :] > scores[:, :, None]).sum(axis=-1)
    assert np.array_equal(ranks, direct)


def test_one_country_ranked_alone_matches_ranking_everyone(world):
    scores = world.others[0, :5].copy()
    vn = np.linspace(0.7, 0.9, 5)
    me = np.flatnonzero(np.isinf(scores[0]))[0]
    scores[:, me] = vn
    assert np.array_equal(r.rank_against(world.others[0, :5], vn), r.ranks_of_all(scores)[:, me])


def test_rank_50_or_better_exactly_when_the_egdi_reaches_the_threshold(baseline_outlook):
    egdi = baseline_outlook.projections[("egdi", "VNM", "undesa_egov")].draws
    rank = baseline_outlook.projections[("egdi_rank", "VNM", "undesa_egov")].draws
    for n, threshold in baseline_outlook.thresholds.items():
        assert np.array_equal(rank <= n, egdi >= threshold.draws)
    assert (baseline_outlook.thresholds[30].draws >= baseline_outlook.thresholds[50].draws).all()


@pytest.mark.parametrize("component", r.COMPONENTS)
@pytest.mark.parametrize("pace", r.PACES)
def test_a_larger_gain_never_lowers_the_chance_of_top_50(world, component, pace):
    k = r.COMPONENTS.index(component)
    probabilities = []
    for gain in np.linspace(-0.05, 0.2, 11):
        gains = np.array([0.02, 0.03, 0.01])
        gains[k] = gain
        probabilities.append([r.probability_top(world, gains, 50, y, pace) for y in EDITIONS])
    assert (np.diff(np.array(probabilities), axis=0) >= 0).all()


def test_no_component_passes_its_ceiling_however_large_the_gain(world):
    for pace in r.PACES:
        paths = r.vietnam_paths(world, np.full(3, 0.3), pace)
        assert paths.max() <= 1.0 and paths.min() >= 0.0
    # extra effort closes at most the whole distance left to 1: beyond that it buys nothing
    room = 1.0 - world.start
    huge = world.step(world.start, np.full(3, 10.0), "fitted", None)
    assert np.allclose(huge, world.step(world.start, room, "fitted", None))
    half = world.step(world.start, room / 2, "fitted", None)
    assert (half <= huge).all() and (half < huge).any()


def test_the_baseline_moves_vietnam_as_the_pooled_fit_moves_a_country_at_its_level(fit):
    world = r.simulate_world(fit, EDITIONS, draws=20, seed=1, noise_scale=0.0)
    me = fit.index("VNM")
    step = world.step(world.start, np.zeros(3), "fitted", None) - world.start
    assert np.allclose(step, fit.drift(fit.levels)[me])
    # the recent-pace preset keeps the 2014-2024 mean gain, less only what the ceiling takes
    recent = world.step(world.start, np.zeros(3), "recent_pace", None) - world.start
    assert np.allclose(recent, fit.historical_gain("VNM"))


def test_zero_noise_and_zero_momentum_reproduce_persistence(fit):
    world = r.simulate_world(fit, EDITIONS, draws=20, seed=1, momentum=0.0, noise_scale=0.0)
    standing = world.egdi(np.broadcast_to(world.start, (len(EDITIONS), 20, 3)))
    rank = r.rank_against(world.others, standing)
    official = fit.table[(fit.table.year == 2024) & (fit.table.geo == "VNM")].egdi_rank.item()
    assert (rank == official).all()  # 71 in every draw and edition
    assert np.allclose(standing, 0.77092)  # the published 2024 EGDI
    me = fit.index("VNM")
    everyone = world.others.copy()
    everyone[..., me] = standing
    latest = fit.table[fit.table.year == 2024].set_index("geo").reindex(fit.geos)
    assert (r.ranks_of_all(everyone) == latest.egdi_rank.to_numpy()).all()
    # without noise, Viet Nam's baseline path is its fitted drift, edition after edition
    paths = r.vietnam_paths(world, np.zeros(3))
    intercept, slope = fit.intercept, fit.slope
    effect = fit.country_effect[me]
    level = world.start
    for e in range(len(EDITIONS)):
        level = np.clip(level + intercept + slope * level + effect, 0, 1)
        assert np.allclose(paths[e], level)


def test_the_same_seed_gives_identical_output_and_another_seed_does_not(fit):
    baseline = load_scenario("baseline")
    a = r.outlook(fit, baseline, EDITIONS)
    b = r.outlook(fit, baseline, EDITIONS)
    key = ("egdi_rank", "VNM", "undesa_egov")
    assert np.array_equal(a.projections[key].draws, b.projections[key].draws)
    pd.testing.assert_frame_equal(a.what_it_takes, b.what_it_takes)
    c = r.outlook(fit, baseline.with_levers(seed=7), EDITIONS)
    assert not np.array_equal(a.projections[key].draws, c.projections[key].draws)


def test_other_countries_momentum_lowers_vietnams_chances(fit):
    # Viet Nam keeps a pace of its own (the 2014-2024 one), so only the others' momentum moves
    recent = load_scenario("recent_pace")
    p = [
        r.outlook(fit, recent.with_levers(others_momentum=m), EDITIONS)
        .projections[("egdi_rank", "VNM", "undesa_egov")]
        .probability("<=", 50, 2030)
        for m in (1.0, 1.5, 2.0)
    ]
    assert p[0] > p[1] > p[2]


WANTED = (("egdi_rank", 50, 2026), ("egdi_rank", 30, 2030), ("egdi_rank_sea", 3, 2030))


def test_what_it_takes_is_the_gain_that_gives_80_percent(world):
    table = r.what_it_takes(
        world, np.array([0.02, 0.03, 0.01]), "fitted", r.required_gains(world, "fitted", WANTED)
    )
    assert list(zip(table.indicator, table.target_rank, table.edition, strict=True)) == list(WANTED)
    for row in table.itertuples():
        need, args = row.gain_needed, (row.target_rank, row.edition, "fitted", row.indicator)
        assert r.probability_top(world, np.full(3, need), *args) >= 0.8
        assert r.probability_top(world, np.full(3, need - 0.002), *args) < 0.8
        assert 0 < row.egdi_needed < 1
        # the recent pace, read as extra effort above the fitted path, is positive for Viet Nam
        assert row.gain_recent_pace > 0
        assert row.p_scenario == pytest.approx(
            r.probability_top(world, np.array([0.02, 0.03, 0.01]), *args)
        )


def test_needs_compare_like_with_like(world):
    """A scenario whose gains equal the need everywhere reads back that same need."""
    table = r.what_it_takes(world, np.zeros(3), "fitted", r.required_gains(world, "fitted", WANTED))
    for row in table.itertuples():
        same = r.what_it_takes(
            world, np.full(3, row.gain_needed), "fitted", table.iloc[[row.Index]]
        )
        assert same.gain_scenario.item() == pytest.approx(row.gain_needed, abs=1e-4)
        assert same.p_scenario.item() >= 0.8
    assert (table.gain_scenario.abs() < 1e-4).all()  # zero extra effort reads as zero


def test_scorecard_gets_probabilities_for_every_open_ranking_target(dataset):
    from dxmodel.engine.session import project

    baseline = load_scenario("baseline")
    card = assess(dataset, project(dataset, baseline), as_of=2026).set_index("target")
    for target in ("egdi_top50_2026_mic", "egdi_top50_2030_d749", "egdi_top30_2030_d942"):
        assert 0 <= card.loc[target, "p_meet"] <= 1
        assert 1 <= card.loc[target, "expected"] <= 193
    assert card.loc["egdi_top30_2030_d942", "p_meet"] <= card.loc["egdi_top50_2030_d749", "p_meet"]
    # observed editions stay judged on the data
    assert card.loc["egdi_top70_2025_d749", "status"] == "missed"


@pytest.fixture(scope="module")
def backtest(dataset):
    return r.backtest_ranking(dataset.history, draws=400)


def test_backtest_scores_model_persistence_and_drift(backtest, dataset):
    table = backtest
    assert sorted(table.forecast_edition.unique()) == [2020, 2022, 2024]
    assert set(table.method) == {"model", "persistence", "drift"}
    assert set(zip(table.fitted_through, table.horizon, strict=True)) == {
        (2018, 1),
        (2018, 2),
        (2018, 3),
        (2020, 1),
        (2020, 2),
        (2022, 1),
    }
    model = table[table.method == "model"]
    assert model.coverage_80.between(0, 1).all()
    # persistence, computed straight from the official ranks
    h = dataset.history
    ranks = h[h.indicator == "egdi_rank"].pivot(index="geo", columns="year", values="value")
    for origin in (2018, 2020, 2022):
        for target in range(origin + 2, 2025, 2):
            direct = (ranks[target] - ranks[origin]).abs().mean()
            got = table[
                (table.method == "persistence")
                & (table.fitted_through == origin)
                & (table.forecast_edition == target)
            ]
            assert got.mae_rank_all.item() == pytest.approx(direct)


def test_egdi_intervals_cover_what_their_backtest_shows(backtest):
    """80% intervals must hold about 80% of outcomes at every horizon, not only the next."""
    coverage = r.coverage_by_horizon(backtest)
    assert list(coverage.index) == [1, 2, 3]
    assert coverage.between(0.7, 0.95).all(), coverage.to_dict()


def test_the_model_does_not_overstate_how_many_countries_enter_the_top_50(backtest):
    """The trap the old baseline fell in: carrying trends forward doubled the entrants."""
    model = backtest[backtest.method == "model"]
    expected, actual = model.entered_top50.sum(), model.entered_top50_actual.sum()
    assert actual > 0
    assert 1 / 1.5 <= expected / actual <= 1.5, (expected, actual)
    drift = backtest[backtest.method == "drift"]
    assert drift.entered_top50.sum() > expected  # the trend recipe overstates; the model less


def test_missing_edition_is_a_clear_error(dataset):
    h = dataset.history
    without_2020 = h[~((h.year == 2020) & h.source.str.startswith("undesa"))]
    with pytest.raises(DataError, match=r"needs the editions 2014-2024.*missing 2020"):
        r.fit_ranking(without_2020)


def test_missing_country_is_a_clear_error(dataset):
    h = dataset.history
    gap = h[~((h.year == 2018) & (h.geo == "KEN") & h.source.str.startswith("undesa"))]
    with pytest.raises(DataError, match=r"2018 UN EGDI edition has 192 countries.*no row for KEN"):
        r.fit_ranking(gap)


def _survey_rows(h):
    return h.source.str.startswith("undesa")


def _leaders(h, year=2024, top=40):
    ranks = h[(h.indicator == "egdi_rank") & (h.year == year)]
    return set(ranks.loc[ranks.value <= top, "geo"])


def _members(dataset):
    from dxmodel.core.data import member_states

    return member_states(dataset.geographies)


@pytest.mark.parametrize("with_members", [False, True])
def test_countries_missing_from_the_latest_edition_are_refused_not_dropped(dataset, with_members):
    """The tester's case: 40 leaders gone from 2024 took P(top 50 in 2026) from ~9% to 99%."""
    h = dataset.history
    gone = h[~(_survey_rows(h) & (h.year == 2024) & h.geo.isin(_leaders(h)))]
    members = _members(dataset) if with_members else None
    with pytest.raises(DataError) as err:
        r.fit_ranking(gone, members=members)
    message = str(err.value)
    assert "the 2024 UN EGDI edition has 153 countries, not the 193" in message
    assert "no row for ARE, AUS, AUT, BHR, CHE and 35 more" in message
    with pytest.raises(DataError, match="2024 UN EGDI edition has 153 countries"):
        r.egdi_table(gone)


def test_a_country_only_in_the_latest_edition_is_refused(dataset):
    """And vice versa: present in 2024, absent before."""
    h = dataset.history
    late = h[~(_survey_rows(h) & (h.year < 2024) & (h.geo == "KEN"))]
    with pytest.raises(DataError, match=r"2014 UN EGDI edition has 192 countries.*no row for KEN"):
        r.fit_ranking(late)


@pytest.mark.parametrize("with_members", [False, True])
def test_a_partial_newer_edition_is_refused_naming_it_and_its_size(dataset, with_members):
    """Three countries of a 2026 edition used to reach `assess` as `kth(=-44) out of bounds`."""
    rows = [
        {"indicator": k, "geo": geo, "year": 2026, "value": v, "source": "undesa_egov_2026"}
        for geo, score, rank in (("DNK", 0.99, 1), ("EST", 0.98, 2), ("SGP", 0.97, 3))
        for k, v in (
            ("osi", score),
            ("tii", score),
            ("hci", score),
            ("egdi", score),
            ("egdi_rank", rank),
        )
    ]
    h = pd.concat([dataset.history, pd.DataFrame(rows)], ignore_index=True)
    members = _members(dataset) if with_members else None
    with pytest.raises(DataError, match=r"the 2026 UN EGDI edition has 3 countries, not the 193"):
        r.fit_ranking(h, members=members)


def test_leaders_missing_from_every_edition_break_the_published_ranks(dataset):
    """Without the member list, the ranks give it away: nobody is ranked 1st."""
    h = dataset.history
    gone = h[~(_survey_rows(h) & h.geo.isin(_leaders(h)))]
    with pytest.raises(DataError, match=r"egdi_rank \d+ in the 2014 edition does not follow"):
        r.fit_ranking(gone)
    with pytest.raises(DataError, match=r"2014 UN EGDI edition has 153 countries"):
        r.fit_ranking(gone, members=_members(dataset))


def test_a_gap_in_an_edition_the_shifts_are_learned_from_is_refused(dataset):
    """Editions 2008-2012 feed the edition-wide shifts: an inner join used to drop the gap."""
    h = dataset.history
    gap = h[~(_survey_rows(h) & (h.year == 2010) & (h.geo == "KEN") & (h.indicator == "osi"))]
    with pytest.raises(DataError, match=r"KEN has no osi in the 2010 UN EGDI edition"):
        r.fit_ranking(gap)
    gone = h[~(_survey_rows(h) & (h.year == 2008) & (h.geo == "KEN"))]
    with pytest.raises(DataError, match=r"2008 UN EGDI edition has 191 countries, not the 192"):
        r.fit_ranking(gone, members=_members(dataset))


def test_countries_admitted_later_are_not_gaps(dataset):
    """South Sudan (2011) is in no edition before 2012: its first transition is simply absent."""
    lines = r.edition_lines(dataset.history, 2024, _members(dataset))
    assert lines.shape == (8, 3, 2)  # 2008 to 2024
    r.check_dataset(dataset)  # the committed data pass what fit_dataset checks


def test_a_target_on_an_edition_the_model_cannot_reach_is_refused(dataset, fit):
    targets = dataset.targets.copy()
    targets.loc[targets.target == "egdi_top50_2026_mic", ["year", "judged_on_year"]] = 2027
    from dataclasses import replace

    with pytest.raises(DataError, match="'egdi_top50_2026_mic' is judged on 2027"):
        r.ranking_editions(fit, replace(dataset, targets=targets))


def test_a_later_target_extends_the_simulated_editions(dataset, fit):
    targets = dataset.targets.copy()
    targets.loc[targets.target == "egdi_top30_2030_d942", ["year", "judged_on_year"]] = 2034
    from dataclasses import replace

    editions = r.ranking_editions(fit, replace(dataset, targets=targets))
    assert list(editions) == [2026, 2028, 2030, 2032, 2034]


def test_ranking_levers_out_of_range_are_refused_before_any_simulation():
    from dxmodel.util.errors import ScenarioError

    with pytest.raises(ScenarioError, match=r"levers.vnm_osi_gain = 0.5 is out of range"):
        load_scenario("baseline").with_levers(vnm_osi_gain=0.5)
    with pytest.raises(ScenarioError, match=r"levers.others_momentum = -1"):
        load_scenario("baseline").with_levers(others_momentum=-1.0)
