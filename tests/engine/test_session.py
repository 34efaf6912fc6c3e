"""The session's caches: a warm session must answer exactly as a fresh one would."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dxmodel.core.levers import LEVERS, SWEPT
from dxmodel.core.scenario import load_scenario
from dxmodel.engine.session import Session
from dxmodel.models import FAMILIES
from dxmodel.util.errors import DxError


def _moved(lever):
    """Another allowed value of `lever`: the next choice, or one step up (down at the top)."""
    if lever.choices:
        return lever.choices[(lever.choices.index(lever.default) + 1) % len(lever.choices)]
    value = (
        lever.default + lever.step
        if lever.default + lever.step <= lever.max
        else (lever.default - lever.step)
    )
    return int(value) if lever.integer else float(value)


@pytest.fixture(scope="module")
def warm(dataset):
    return Session(dataset, as_of=2026)


@pytest.mark.parametrize(
    "lever", [lv for lv in LEVERS if lv.name != "draws"], ids=lambda lv: lv.name
)
def test_moving_any_lever_on_a_warm_session_gives_what_a_fresh_session_gives(warm, dataset, lever):
    """A lever left out of a cache key would return the previous scenario's numbers."""
    base = load_scenario("baseline").with_levers(draws=200)
    warm.scorecard(base)  # every cache filled with the baseline
    moved = base.with_levers(**{lever.name: _moved(lever)})
    fresh = Session(dataset, as_of=2026)
    pd.testing.assert_frame_equal(warm.scorecard(moved), fresh.scorecard(moved))
    others = fresh.outlook(moved).projections
    for key, projection in warm.outlook(moved).projections.items():
        assert np.array_equal(projection.draws, others[key].draws), key


def test_the_scorecard_blanks_probabilities_and_needs_for_decided_targets(warm):
    card = warm.scorecard(load_scenario("accelerated").with_levers(draws=200))
    decided = card[card.status != "open"]
    assert len(decided) > 0
    assert decided[["p_meet", "p_meet_baseline", "expected", "need_value"]].isna().all().all()
    opened = card[(card.status == "open") & card.p_meet.notna()]
    ranks = opened[opened.unit.str.startswith(("rank", "persons"))]
    assert (ranks.expected == ranks.expected.round()).all()  # whole ranks and persons
    assert (opened.need_basis.dropna() == "80% chance").all()


def _span_end(lever, scenario):
    """The end of the lever's span furthest from the scenario's value: a real move."""
    low, high = lever.span
    value = float(scenario.value(lever.name))
    end = high if abs(high - value) >= abs(value - low) else low
    return int(end) if lever.integer else float(end)


JUDGING = [f for f in FAMILIES if f.indicators]  # a family that judges no target has no levers


@pytest.mark.parametrize("family", JUDGING, ids=lambda f: f.name)
def test_the_lean_path_gives_the_scorecards_numbers_after_lever_moves(warm, family):
    """Sweeps, tornados and the report's sensitivity section read the lean path: after any
    move of the family's levers it must give the scorecard's P(meet) and median exactly."""
    base = load_scenario("baseline").with_levers(draws=300)
    levers = [lv for lv in SWEPT if lv.model.split(".")[0] == family.name]
    assert levers, f"{family.name} has no lever to move"
    for lever in levers:
        try:
            moved = base.with_levers(**{lever.name: _span_end(lever, base)})
            card = warm.scorecard(moved)
        except DxError:  # an ordered pair (a start above its ceiling): the other end
            low, _ = lever.span
            moved = base.with_levers(**{lever.name: int(low) if lever.integer else float(low)})
            card = warm.scorecard(moved)
        card = card.set_index("target")
        judged = card[
            (card.status == "open") & card.p_meet.notna() & card.indicator.map(family.owns)
        ]
        assert len(judged), f"{family.name}: no open target to compare"
        lean = warm.chances(moved).set_index("target")
        assert set(judged.index) <= set(lean.index)
        for target, row in judged.iterrows():
            assert lean.loc[target, "p_meet"] == row.p_meet, (lever.name, target)
            assert lean.loc[target, "median"] == row.expected, (lever.name, target)
