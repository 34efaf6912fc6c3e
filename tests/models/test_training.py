"""Training and skills: bounded coverage, monotone levers, exact stock-flow accounting."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest

from dxmodel.core.scenario import list_scenarios, load_scenario
from dxmodel.core.targets import assess
from dxmodel.engine.session import project
from dxmodel.models import training as tr
from dxmodel.util.errors import DataError, ScenarioError

SHARES = ("officials_trained_share", "online_service_skills_share", "stem_school_share")


@pytest.fixture(scope="module")
def inputs(dataset):
    return tr.training_inputs(dataset)


@pytest.fixture(scope="module")
def noise():
    return tr.Noise.draw(2000, 5)


def still(draws: int = 3) -> tr.Noise:
    """Zero uncertainty: every sampled assumption sits on its lever."""
    template = tr.Noise.draw(draws, 0)
    return tr.Noise({k: np.zeros_like(v) for k, v in template.z.items()}, np.full(draws, 0.5))


def test_headcount_range_comes_from_the_published_figures(inputs):
    assert inputs.headcount_low == 249_650 + 1_743_326  # payroll 2021 + public employees 2023
    assert inputs.headcount_high == 2_710_000  # civil servants and public employees, 2017
    assert inputs.working_age[2023] == 68_011_676


@pytest.mark.parametrize(
    "levers",
    [{}, {"officials_training_capacity": 3000.0, "instances_per_person": 1.0,
          "skills_diffusion_speed": 1.5, "stem_share_gain": 20.0, "officials_attrition": 0.0},
     {"officials_training_capacity": 0.0, "skills_start_share": 0.0, "skills_ceiling": 1.0,
      "stem_start_share": 0.0, "officials_headcount_change": -10.0}],
)  # fmt: skip
def test_coverage_stays_between_0_and_100_percent(inputs, noise, levers):
    scenario = load_scenario("baseline").with_levers(**levers)
    for name in SHARES:
        values = tr.SIMULATORS[name](inputs, scenario, noise)
        assert (values >= 0).all() and (values <= 100).all(), name
    staff = tr.officials(inputs, scenario, noise)
    assert (staff["ever_trained"] <= staff["workforce"] + 1e-6).all()


@pytest.mark.parametrize(
    ("lever", "indicator", "values"),
    [
        ("officials_training_capacity", "officials_trained_share", [0, 100, 500, 2000, 3000]),
        ("expert_training_capacity", "dt_experts_trained", [0, 100, 250, 1000, 2000]),
        ("graduate_intake", "digital_tech_graduates", [0, 1000, 3000, 20000]),
        ("skills_diffusion_speed", "online_service_skills_share", [0.0, 0.2, 0.5, 1.5]),
        ("skills_outreach", "online_service_skills_share", [0.0, 0.1, 0.3, 0.5]),
        ("stem_share_gain", "stem_school_share", [0.0, 3.0, 10.0, 20.0]),
    ],
)
def test_more_capacity_never_lowers_coverage_or_the_chance(
    inputs, noise, dataset, lever, indicator, values
):
    baseline = load_scenario("baseline")
    runs = [
        tr.SIMULATORS[indicator](inputs, baseline.with_levers(**{lever: v}), noise) for v in values
    ]
    for lower, higher in itertools.pairwise(runs):
        assert (higher >= lower - 1e-9).all()  # draw by draw, year by year
    target = dataset.targets[dataset.targets.indicator == indicator].iloc[0]
    i = int(np.flatnonzero(target.year == tr.YEARS)[0])
    chances = [np.mean(run[i] >= target.value) for run in runs]
    assert chances == sorted(chances)


def test_more_capacity_also_grows_the_stock_ever_trained(inputs, noise):
    baseline = load_scenario("baseline")
    low = tr.officials(inputs, baseline, noise)["ever_trained"]
    high = tr.officials(inputs, baseline.with_levers(officials_training_capacity=600.0), noise)
    assert (high["ever_trained"] >= low - 1e-6).all()


@pytest.mark.parametrize("noise_kind", ["zero", "random"])
def test_the_stock_flow_accounting_balances_exactly(inputs, noise_kind):
    noise = still() if noise_kind == "zero" else tr.Noise.draw(50, 3)
    staff = tr.officials(inputs, load_scenario("stalled"), noise)
    stock = staff["ever_trained"]
    previous = np.vstack([np.zeros_like(stock[:1]), stock[:-1]])
    np.testing.assert_allclose(stock, previous + staff["first_time"] - staff["leavers"], rtol=1e-12)


def test_with_zero_uncertainty_the_flows_are_the_levers(inputs):
    staff = tr.officials(inputs, load_scenario("baseline"), still())
    workforce_2022 = (inputs.headcount_low + inputs.headcount_high) / 2
    assert staff["workforce"][0] == pytest.approx(workforce_2022)
    assert staff["trained_in_year"] == pytest.approx(200_000 / 1.5)  # capacity / per person
    assert staff["leavers"][1] == pytest.approx(0.05 * staff["ever_trained"][0])
    experts = tr.experts(load_scenario("baseline"), still())
    assert experts[:, 0] == pytest.approx(200 * 0.8 * np.arange(1, len(tr.YEARS) + 1))


def test_the_same_seed_gives_identical_output(inputs, dataset):
    baseline = load_scenario("baseline")
    a = tr.outlook(inputs, baseline, dataset)
    b = tr.outlook(inputs, baseline, dataset)
    for key in a.projections:
        assert np.array_equal(a.projections[key].draws, b.projections[key].draws)
    assert a.requirements.equals(b.requirements)
    c = tr.outlook(inputs, baseline.with_levers(seed=1), dataset)
    key = ("online_service_skills_share", "VNM", "")
    assert not np.array_equal(a.projections[key].draws, c.projections[key].draws)


def test_requirements_give_eighty_percent_and_no_less(inputs, noise, dataset):
    baseline = load_scenario("baseline")
    table = tr.requirements(inputs, baseline, noise, dataset.targets).set_index("target")
    row = table.loc["dt_experts_1000_2025_d146"]
    i = int(np.flatnonzero(tr.YEARS == 2025)[0])

    def chance(capacity):
        moved = baseline.with_levers(expert_training_capacity=capacity)
        return np.mean(tr.experts(moved, noise)[i] >= 1000)

    assert chance(int(row.needed_for_80pct)) >= 0.8 > chance(int(row.needed_for_80pct) - 1)
    unreachable = table.loc["officials_trained_100_2025_d146"]
    assert np.isnan(unreachable.needed_for_80pct) and "not reached" in unreachable.note


@pytest.mark.parametrize("name", list_scenarios())
def test_every_open_decision_146_target_gets_a_probability_under_every_preset(dataset, name):
    scenario = load_scenario(name).with_levers(draws=300)
    card = assess(dataset, project(dataset, scenario), as_of=2026).set_index("target")
    modelled = card[card.indicator.isin(tr.INDICATORS)]
    judged_here = dataset.targets[dataset.targets.indicator.isin(tr.INDICATORS)]
    assert set(modelled.index) == set(judged_here.target)  # every one, none dropped
    is_open = modelled.status == "open"
    assert set(modelled[modelled.judged_on_year >= 2026].status) == {"open"}
    assert modelled[is_open].p_meet.between(0, 1).all()
    assert modelled[is_open].expected.notna().all()
    assert (modelled[is_open].p_basis == "assumptions").all()
    # 2023 and 2025 are past and nothing measured them: no forecast of the past
    past = modelled[~is_open]
    assert set(past.status) == {"unmeasured"} and past.p_meet.isna().all()


def test_a_ceiling_below_the_starting_share_is_refused(noise):
    scenario = load_scenario("baseline").with_levers(skills_ceiling=30, skills_start_share=40)
    with pytest.raises(ScenarioError, match="skills_ceiling = 30% is not above"):
        tr.skills(scenario, noise)


@pytest.mark.parametrize(
    ("lever", "value", "message"),
    [("officials_training_capacity", -1.0, "out of range; allowed 0 to 3000"),
     ("officials_attrition", 120.0, "out of range; allowed 0 to 30")],
)  # fmt: skip
def test_negative_capacity_and_impossible_attrition_are_refused(lever, value, message):
    with pytest.raises(ScenarioError, match=message):
        load_scenario("baseline").with_levers(**{lever: value})


def test_missing_headcount_or_population_year_is_a_clear_error(dataset):
    h = dataset.history
    with pytest.raises(DataError, match="no public_employees observation"):
        tr.training_inputs(replace(dataset, history=h[h.indicator != "public_employees"]))
    gap = h[~((h.indicator == "population_15_64") & (h.year == 2027))]
    with pytest.raises(DataError, match="population_15_64 is missing for 2027"):
        tr.training_inputs(replace(dataset, history=gap))
