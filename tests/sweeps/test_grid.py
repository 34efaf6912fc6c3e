"""Explore grids: the levers chosen from the tornado within their caps, the scenario's own values
on the grid, every point's P(meet) and median the scorecard's for that scenario, kept on disk
by design, deterministic, and compact JSON."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pandas as pd
import pytest

from dxmodel.core.levers import REGISTRY, SWEPT
from dxmodel.core.scenario import load_scenario
from dxmodel.models import BY_NAME
from dxmodel.sweeps import grid as g
from dxmodel.sweeps.design import SWEPT_KINDS

DRAWS = 200


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("baseline").with_levers(draws=DRAWS)


@pytest.fixture(scope="module")
def explored(session, scenario):
    return g.explore_grid(session, scenario, values=3, jobs=1)


def test_the_caps_bind_and_the_most_decisive_levers_come_first():
    swings = {lever.name: (i + 1) / 100 for i, lever in enumerate(SWEPT)}  # later: larger
    table = pd.DataFrame(
        {"target": "t", "lever": list(swings), "swing": [-s for s in swings.values()]}
    ).assign(median_low=1.0, median_high=1.0, median_base=1.0)
    chosen = g.choose_levers(table)
    flat = [lever for levers in chosen.values() for lever in levers]
    assert len(flat) == g.MAX_LEVERS
    assert all(len(levers) <= g.PER_FAMILY for levers in chosen.values())
    for levers in chosen.values():
        assert [swings[lv.name] for lv in levers] == sorted(
            (swings[lv.name] for lv in levers), reverse=True
        )
    assert g.choose_levers(table.assign(swing=g.MOVES / 2)) == {}


def test_a_target_out_of_reach_gets_the_levers_that_move_its_median_after_the_rest():
    table = pd.DataFrame(
        [
            ("reachable", "vnm_osi_gain", 0.3, 60.0, 50.0, 55.0),
            ("reachable", "gdp_growth", 0.0, 55.0, 55.0, 55.0),
            ("far", "vnm_osi_gain", 0.0, 10.0, 10.0, 10.0),
            ("far", "digital_economy_growth", 0.0, 13.0, 21.0, 15.0),
            ("far", "gdp_growth", 0.0, 15.0, 15.0, 15.0),
        ],
        columns=["target", "lever", "swing", "median_low", "median_high", "median_base"],
    )
    chosen = g.choose_levers(table)
    assert chosen == {
        "digital_economy": (REGISTRY["digital_economy_growth"],),
        "ranking": (REGISTRY["vnm_osi_gain"],),
    }
    assert g.choose_levers(table, max_levers=1) == {"ranking": (REGISTRY["vnm_osi_gain"],)}


def test_at_most_eight_swept_levers_three_per_family(explored):
    axes = [a for family in explored.axes.values() for a in family]
    assert 0 < len(axes) <= 8
    assert len({a.name for a in axes}) == len(axes)
    for family, family_axes in explored.axes.items():
        assert family in BY_NAME and len(family_axes) <= 3
        for a in family_axes:
            lever = REGISTRY[a.name]
            assert lever.kind in SWEPT_KINDS and a.kind == lever.kind
            assert g.family_of_lever(lever) == family
    assert not {a.name for a in axes} & set(explored.fixed)


def test_the_scenarios_own_values_are_on_the_grid_within_the_span(explored, scenario):
    for a in [a for family in explored.axes.values() for a in family]:
        lever = REGISTRY[a.name]
        assert a.own == scenario.value(a.name) and a.own in a.values
        assert list(a.values) == sorted(set(a.values)) and 2 <= len(a.values) <= 7
        low, high = min(lever.span[0], a.own), max(lever.span[1], a.own)
        assert low <= min(a.values) and max(a.values) <= high
        # evenly spaced, so a range input's min, max and step hold exactly these values; and
        # no room for one more value inside the span at either end
        assert np.allclose(np.diff(a.values), a.step)
        assert min(a.values) - a.step < low - 1e-9 and max(a.values) + a.step > high + 1e-9
        for v in a.values:
            lever.check(v, "grid")
            steps = v / lever.step
            assert abs(steps - round(steps)) < 1e-6
    sliders = {a.name for family in explored.axes.values() for a in family}
    # every lever not on a slider, at the scenario's value
    assert explored.fixed == {k: v for k, v in scenario.values().items() if k not in sliders}


@pytest.mark.parametrize(
    ("name", "expected"),
    [  # span 5-20 around 9: steps of 4, not 3.8 (5.2, 9, 12.8, 16.6)
        ("digital_economy_growth", (5.0, 9.0, 13.0, 17.0)),
        ("others_momentum", (0.5, 0.75, 1.0, 1.25, 1.5)),
        ("vnm_osi_gain", (0.0, 0.025, 0.05, 0.075)),  # -0.025 is outside the span
    ],
)
def test_grid_values_are_round_and_evenly_spaced_through_the_scenarios_value(name, expected):
    own = load_scenario("baseline").values()
    values, step = g.lever_values(REGISTRY[name], own)
    assert values == expected and own[name] in values
    assert np.allclose(np.diff(values), step)


def test_every_preset_lever_gets_four_to_seven_values_never_minus_zero():
    from dxmodel.core.levers import SWEPT
    from dxmodel.core.scenario import list_scenarios

    for name in list_scenarios():
        own = load_scenario(name).values()
        for lever in SWEPT:
            values, step = g.lever_values(lever, own)
            assert 4 <= len(values) <= 7, (name, lever.name, values)
            assert own[lever.name] in values and step > 0
            assert all(math.copysign(1, v) == 1 for v in values if v == 0), (name, lever.name)


def test_random_points_are_the_scorecards_numbers_exactly(explored, scenario, dataset):
    """Against a fresh Session's full scorecard, so no cache shared with the grid can agree."""
    from dxmodel.engine.session import Session

    fresh = Session(dataset)
    rng = np.random.default_rng(20)
    for family, axes in explored.axes.items():
        points = list(itertools.product(*(a.values for a in axes)))
        body = explored.payload["families"][family]
        assert len(points) == explored.points[family] == len(body["p_meet"])
        for point in rng.choice(len(points), size=min(2, len(points)), replace=False):
            at = dict(zip((a.name for a in axes), points[point], strict=True))
            card = fresh.scorecard(scenario.with_levers(**at)).set_index("target")
            rows = explored.table[explored.table.point == point]
            rows = rows[(rows.family == family) & (rows.part != "fan")]
            assert set(rows.name) == set(body["targets"]) and body["targets"]
            for _, r in rows.iterrows():
                column = "p_meet" if r.part == "p_meet" else "expected"
                assert r.value == card.loc[r["name"], column], (family, point, r["name"])
            for j, target in enumerate(body["targets"]):
                assert body["p_meet"][point][j] == round(card.loc[target, "p_meet"], 3)


def test_the_fans_at_the_scenarios_own_point_are_its_outlooks(explored, session, scenario):
    view = session.outlook(scenario)
    for family, axes in explored.axes.items():
        index = np.ravel_multi_index(
            [a.values.index(a.own) for a in axes], [len(a.values) for a in axes]
        )
        fans = explored.payload["families"][family]["fans"]
        projections = {g.fan_key(k[0], k[2]): p for k, p in view.parts[family].projections.items()}
        assert set(fans) == set(projections) and fans
        for key, fan in fans.items():
            bands = (
                projections[key].quantiles().pivot(index="quantile", columns="year", values="value")
            )
            assert fan["years"] == list(bands.columns)
            assert fan["values"][index] == [
                [g._sig(v, g.FAN_FIGURES) for v in row] for row in bands.to_numpy()
            ]


def test_a_second_call_reads_the_grid_from_disk(session, scenario, tmp_path, monkeypatch):
    monkeypatch.setenv("DXMODEL_CACHE_DIR", str(tmp_path))
    calls = []
    evaluate = g.evaluate

    def counted(*args):
        calls.append(1)
        return evaluate(*args)

    monkeypatch.setattr(g, "evaluate", counted)
    first = g.explore_grid(session, scenario, values=3, max_levers=3, jobs=1)
    made = len(calls)
    assert made > 0 and len(list((tmp_path / "explore").iterdir())) == 1
    again = g.explore_grid(session, scenario, values=3, max_levers=3, jobs=1)
    assert len(calls) == made
    pd.testing.assert_frame_equal(again.table, first.table)
    other = g.explore_grid(session, scenario, values=4, max_levers=3, jobs=1)  # other design
    assert len(calls) > made and len(list((tmp_path / "explore").iterdir())) == 2
    assert other.points != first.points


def test_the_same_seed_gives_the_same_grid_another_seed_another(
    dataset, scenario, tmp_path, monkeypatch
):
    from dxmodel.engine.session import Session

    grids = []
    for i, seed in enumerate((2026, 2026, 7)):
        monkeypatch.setenv("DXMODEL_CACHE_DIR", str(tmp_path / str(i)))  # computed each time
        grids.append(
            g.explore_grid(
                Session(dataset), scenario.with_levers(seed=seed), values=2, max_levers=3, jobs=1
            )
        )
    assert grids[0].to_json() == grids[1].to_json()
    assert grids[0].to_json() != grids[2].to_json()


def test_local_processes_give_what_this_process_gives(session, scenario, tmp_path, monkeypatch):
    monkeypatch.setattr(g, "CHUNK", 2)  # several tasks over both workers
    monkeypatch.setenv("DXMODEL_CACHE_DIR", str(tmp_path / "here"))
    here = g.explore_grid(session, scenario, values=2, max_levers=2, jobs=1)
    monkeypatch.setenv("DXMODEL_CACHE_DIR", str(tmp_path / "pool"))
    pooled = g.explore_grid(session, scenario, values=2, max_levers=2, jobs=2)
    pd.testing.assert_frame_equal(pooled.table, here.table)


def test_the_json_round_trips_compactly(explored, scenario):
    text = explored.to_json()
    assert json.loads(text) == explored.payload
    print(
        f"\nexplore grid JSON, {DRAWS} draws, points {explored.points}: {len(text) / 1024:.1f} KB"
    )
    payload = json.loads(text)
    assert payload["draws"] == DRAWS and payload["seed"] == scenario.value("seed")
    assert payload["quantiles"] == [0.1, 0.25, 0.5, 0.75, 0.9]
    assert list(payload["base"]) == payload["targets"]
    for family, body in payload["families"].items():
        n = explored.points[family]
        assert n == math.prod(len(lv["values"]) for lv in body["levers"])
        assert len(body["median"]) == n
        for fan in body["fans"].values():
            assert np.shape(fan["values"]) == (n, 5, len(fan["years"]))
        assert all(p == round(p, 3) for row in body["p_meet"] for p in row)
    assert "  " not in text and ": " not in text
