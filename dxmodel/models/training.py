"""Training and digital-skills coverage against Decision 146/QD-TTg (2022).

The data here are thin, so the model's job is to make every assumption visible and
adjustable. Each uncertain assumption is a lever (its centre) and is sampled around that centre
in the draws; the spreads are named constants below, not hidden in the code.

- Officials: a yearly stock-flow. Training capacity (instances) / instances per person =
  people trained in the year, at most the whole workforce; the share trained *in each year* is
  what "100% trained every year" is judged on. The stock ever trained loses leavers (turnover,
  or more when the workforce shrinks faster) and gains first-time trainees, so
  stock = previous stock + first-time trained - leavers, exactly.
- Experts and high-quality engineers/bachelors: pipelines (places x completion; intake growing
  yearly, graduating PROGRAMME_YEARS later), cumulative from 2022.
- Working-age people able to use online public services: logistic diffusion from an assumed
  2022 share towards an assumed ceiling (no measured share exists), at an assumed speed plus
  what outreach (a policy lever) adds.
- STEM/STEAM schools: an assumption-only path (start + yearly gain), no data exists.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core.data import Dataset
from dxmodel.core.levers import REGISTRY
from dxmodel.core.projection import Projection
from dxmodel.core.scenario import Scenario
from dxmodel.core.targets import CHANCE
from dxmodel.models.family import NEED_BASIS, Family, needs_frame
from dxmodel.util.errors import DataError, ScenarioError
from dxmodel.util.frames import rows
from dxmodel.util.memo import Memo

GEO = c.FOCUS_GEO
START = 2022  # Decision 146 runs from 2022
YEARS = np.arange(START, 2031)
PROGRAMME_YEARS = 4  # intake to graduation, engineers and bachelors
_STREAM = 2

# Spreads of the sampled assumptions around their levers (one standard deviation).
SPREAD = {
    "instances_per_person": 0.25,  # log scale
    "capacity": 0.15,  # log scale: delivered vs planned places and training instances
    "completion": 8.0,  # percentage points
    "skills_start_share": 10.0,  # percentage points
    "skills_diffusion_speed": 0.3,  # log scale
    "stem_start_share": 8.0,  # percentage points
    "stem_share_gain": 0.25,  # log scale
}
HEADCOUNT = ("civil_servants_payroll", "public_employees", "civil_servants_and_public_employees")
INDICATORS = (
    "officials_trained_share", "dt_experts_trained", "dt_expert_network_members",
    "digital_tech_graduates", "online_service_skills_share", "stem_school_share",
)  # fmt: skip


@dataclass(frozen=True, eq=False)
class TrainingInputs:
    """What the data say: the workforce's plausible size and the working-age population."""

    headcount_low: float  # latest civil-servant payroll + latest public employees
    headcount_high: float  # latest total of civil servants and public employees
    headcount_note: str
    working_age: pd.Series  # persons aged 15-64 by year (WPP 2024 estimates, then medium)
    community_teams: pd.DataFrame  # observed community digital technology team members


def training_inputs(dataset: Dataset) -> TrainingInputs:
    """Read and check the observations the training model stands on."""
    known = set(dataset.indicators[c.INDICATOR])
    unlisted = [name for name in (*INDICATORS, *HEADCOUNT, "population_15_64") if name not in known]
    if unlisted:
        raise DataError(
            f"indicators.csv: no row for {', '.join(unlisted)}; the training model reads or "
            "projects it and takes its unit from there"
        )
    t = dataset.targets
    beyond = t[t[c.INDICATOR].isin(INDICATORS) & (t[c.JUDGED_ON_YEAR] > YEARS[-1])]
    if len(beyond):
        row = beyond.iloc[0]
        raise DataError(
            f"targets.csv: target {row[c.TARGET]!r} is judged on {row[c.JUDGED_ON_YEAR]}, after "
            f"the training model's years {YEARS[0]}-{YEARS[-1]}; it would get no probability"
        )
    h = dataset.history[dataset.history[c.GEO] == GEO]

    def latest(indicator: str) -> pd.Series:
        found = h[h[c.INDICATOR] == indicator].sort_values(c.YEAR)
        if found.empty:
            raise DataError(
                f"history: no {indicator} observation; the officials model needs the "
                f"headcounts {', '.join(HEADCOUNT)}"
            )
        return found.iloc[-1]

    payroll, employees, total = (latest(i) for i in HEADCOUNT)
    low = payroll[c.VALUE] + employees[c.VALUE]
    population = h[h[c.INDICATOR] == "population_15_64"]
    where = dataset.location(population)  # the file(s) it is read from
    pop = population.set_index(c.YEAR)[c.VALUE].sort_index()
    twice = pop.index[pop.index.duplicated() & pop.index.isin(YEARS)]
    if len(twice):
        raise DataError(
            f"{where}: population_15_64 has {int((pop.index == twice[0]).sum())} values for "
            f"{twice[0]}, from different series; the skills model needs one per year"
        )
    missing = [int(y) for y in YEARS if y not in pop.index]
    if missing:
        raise DataError(
            f"{where}: population_15_64 is missing for {missing[0]}; the skills model needs "
            f"every year {YEARS[0]}-{YEARS[-1]}"
        )
    note = (
        f"between {low:,.0f} (civil-service payroll {payroll[c.YEAR]} + public employees "
        f"{employees[c.YEAR]}) and {total[c.VALUE]:,.0f} (all officials, {total[c.YEAR]})"
    )
    cdt = h[h[c.INDICATOR] == "cdt_members"][[c.YEAR, c.VALUE]].reset_index(drop=True)
    return TrainingInputs(
        headcount_low=float(min(low, total[c.VALUE])),
        headcount_high=float(max(low, total[c.VALUE])),
        headcount_note=note,
        working_age=pop.loc[YEARS],
        community_teams=cdt,
    )


@dataclass(frozen=True, eq=False)
class Noise:
    """Standard normal and uniform draws, fixed by the seed: levers only rescale them."""

    z: dict[str, np.ndarray]  # per assumption, (draws,) or (years, draws)
    headcount_u: np.ndarray  # (draws,) uniform position between low and high headcount

    @classmethod
    def draw(cls, draws: int, seed: int) -> Noise:
        rng = np.random.default_rng([seed, _STREAM])
        shapes = {
            "instances_per_person": (draws,),
            "officials_capacity": (len(YEARS), draws),
            "expert_capacity": (len(YEARS), draws),
            "expert_completion": (draws,),
            "graduate_intake": (len(YEARS) + PROGRAMME_YEARS, draws),
            "graduate_completion": (draws,),
            "skills_start_share": (draws,),
            "skills_diffusion_speed": (draws,),
            "stem_start_share": (draws,),
            "stem_share_gain": (draws,),
        }
        z = {name: rng.standard_normal(shape) for name, shape in shapes.items()}
        return cls(z, rng.uniform(size=draws))


def _lever(scenario: Scenario, name: str) -> float:
    return float(scenario.value(name))


def _rate(centre: float, z: np.ndarray) -> np.ndarray:
    """A percentage sampled around its lever, kept within 0-100."""
    return np.clip(centre + SPREAD["completion"] * z, 0.0, 100.0) / 100.0


def officials(inputs: TrainingInputs, scenario: Scenario, noise: Noise) -> dict[str, np.ndarray]:
    """The officials' stock-flow, (years, draws) arrays; see the module docstring."""
    span = inputs.headcount_high - inputs.headcount_low
    start = inputs.headcount_low + span * noise.headcount_u
    growth = 1 + _lever(scenario, "officials_headcount_change") / 100
    workforce = start * growth ** (YEARS - START)[:, None]
    per_person = np.maximum(
        _lever(scenario, "instances_per_person")
        * np.exp(SPREAD["instances_per_person"] * noise.z["instances_per_person"]),
        1.0,
    )
    capacity = (
        1000
        * _lever(scenario, "officials_training_capacity")
        * np.exp(SPREAD["capacity"] * noise.z["officials_capacity"])
    )
    reach = np.minimum(capacity / per_person / workforce, 1.0)  # nobody is trained twice a year
    trained = reach * workforce
    turnover = _lever(scenario, "officials_attrition") / 100
    stock = np.zeros_like(workforce)
    first_time = np.zeros_like(workforce)
    leavers = np.zeros_like(workforce)
    previous_stock, previous_workforce = np.zeros(workforce.shape[1]), workforce[0]
    for i in range(len(YEARS)):
        exit_rate = np.maximum(turnover, 1 - workforce[i] / previous_workforce)
        leavers[i] = previous_stock * exit_rate
        kept = previous_stock - leavers[i]
        # trainees are drawn from the whole workforce: those not yet trained are new to it
        first_time[i] = trained[i] * (1 - kept / workforce[i])
        stock[i] = kept + first_time[i]
        previous_stock, previous_workforce = stock[i], workforce[i]
    return {
        "workforce": workforce,
        "trained_in_year": trained,
        "first_time": first_time,
        "leavers": leavers,
        "ever_trained": stock,
        "officials_trained_share": 100 * reach,
        "ever_trained_share": 100 * np.minimum(stock / workforce, 1.0),
    }


def experts(scenario: Scenario, noise: Noise) -> np.ndarray:
    """Digital-transformation experts trained, cumulative from 2022, (years, draws)."""
    places = _lever(scenario, "expert_training_capacity") * np.exp(
        SPREAD["capacity"] * noise.z["expert_capacity"]
    )
    completion = _rate(_lever(scenario, "expert_completion_rate"), noise.z["expert_completion"])
    return np.cumsum(places * completion, axis=0)


def graduates(scenario: Scenario, noise: Noise) -> np.ndarray:
    """High-quality digital-technology graduates, cumulative from 2022, (years, draws)."""
    intake_years = np.arange(START - PROGRAMME_YEARS, YEARS[-1] + 1)
    growth = 1 + _lever(scenario, "graduate_intake_growth") / 100
    intake = (
        _lever(scenario, "graduate_intake")
        * growth ** (intake_years - START)[:, None]
        * np.exp(SPREAD["capacity"] * noise.z["graduate_intake"])
    )
    completion = _rate(_lever(scenario, "graduate_completion_rate"), noise.z["graduate_completion"])
    graduating = intake[: len(YEARS)] * completion  # intake of year t - 4 graduates in year t
    return np.cumsum(graduating, axis=0)


def skills(scenario: Scenario, noise: Noise) -> np.ndarray:
    """Share (%) of working-age people able to use online public services, (years, draws)."""
    ceiling = _lever(scenario, "skills_ceiling")
    start_centre = _lever(scenario, "skills_start_share")
    if ceiling <= start_centre:
        raise ScenarioError(
            f"scenario {scenario.name!r}: levers.skills_ceiling = {ceiling:g}% is not above "
            f"levers.skills_start_share = {start_centre:g}%; the ceiling must be higher"
        )
    start = np.clip(
        start_centre + SPREAD["skills_start_share"] * noise.z["skills_start_share"],
        0.5,
        ceiling - 0.5,
    )
    speed = _lever(scenario, "skills_diffusion_speed") * np.exp(
        SPREAD["skills_diffusion_speed"] * noise.z["skills_diffusion_speed"]
    ) + _lever(scenario, "skills_outreach")
    elapsed = (YEARS - START)[:, None]
    return ceiling / (1 + (ceiling / start - 1) * np.exp(-speed * elapsed))


def stem(scenario: Scenario, noise: Noise) -> np.ndarray:
    """Share (%) of schools teaching STEM/STEAM: an assumption-only path, (years, draws)."""
    start = (
        _lever(scenario, "stem_start_share")
        + SPREAD["stem_start_share"] * noise.z["stem_start_share"]
    )
    gain = _lever(scenario, "stem_share_gain") * np.exp(
        SPREAD["stem_share_gain"] * noise.z["stem_share_gain"]
    )
    return np.clip(start + gain * (YEARS - START)[:, None], 0.0, 100.0)


# How each target indicator is simulated, (years, draws).
SIMULATORS = {
    "officials_trained_share": lambda i, s, n: officials(i, s, n)["officials_trained_share"],
    "dt_experts_trained": lambda i, s, n: experts(s, n),
    # assumption: the expert network is drawn from the experts trained since 2022
    "dt_expert_network_members": lambda i, s, n: experts(s, n),
    "digital_tech_graduates": lambda i, s, n: graduates(s, n),
    "online_service_skills_share": lambda i, s, n: skills(s, n),
    "stem_school_share": lambda i, s, n: stem(s, n),
}
# Per target indicator: the lever that moves it, searched for an 80% chance.
REQUIREMENT_LEVERS = {
    "officials_trained_share": "officials_training_capacity",
    "dt_experts_trained": "expert_training_capacity",
    "dt_expert_network_members": "expert_training_capacity",
    "digital_tech_graduates": "graduate_intake",
    "online_service_skills_share": "skills_outreach",
    "stem_school_share": "stem_share_gain",
}


def project(
    inputs: TrainingInputs, scenario: Scenario, units: dict[str, str], noise: Noise
) -> dict[tuple[str, str, str], Projection]:
    """A Projection per training indicator, keyed as the scorecard looks them up."""
    return {
        (name, GEO, ""): Projection(
            name, GEO, "", units[name], YEARS, run(inputs, scenario, noise), basis="assumptions"
        )
        for name, run in SIMULATORS.items()
    }


@dataclass(frozen=True, eq=False)
class TrainingOutlook:
    """Projections, the officials' flows, and the lever each target needs for an 80% chance."""

    projections: dict[tuple[str, str, str], Projection]
    officials: dict[str, np.ndarray]  # the stock-flow, (years, draws) per flow
    requirements: pd.DataFrame


def outlook(inputs: TrainingInputs, scenario: Scenario, dataset: Dataset) -> TrainingOutlook:
    """Projections, the officials' flows, and the lever each target needs for 80%."""
    noise = Noise.draw(int(scenario.value("draws")), int(scenario.value("seed")))
    return TrainingOutlook(
        project(inputs, scenario, units_of(dataset), noise),
        officials(inputs, scenario, noise),
        requirements(inputs, scenario, noise, dataset.targets),
    )


def requirements(
    inputs: TrainingInputs, scenario: Scenario, noise: Noise, targets: pd.DataFrame
) -> pd.DataFrame:
    """Per training target: the lever value that gives an 80% chance, against the scenario's.

    Found by bisection within the lever's range on the same draws; each indicator rises with
    its lever, so the answer is exact for this simulation.
    """
    out = []
    for t in rows(targets[targets[c.INDICATOR].isin(INDICATORS)]):
        if t.year not in YEARS:
            continue
        lever = REGISTRY[REQUIREMENT_LEVERS[t.indicator]]
        run, i = SIMULATORS[t.indicator], int(np.flatnonzero(t.year == YEARS)[0])

        def chance(value: float, t=t, i=i, lever=lever, run=run) -> float:
            moved = scenario.with_levers(**{lever.name: value})
            return float(np.mean(run(inputs, moved, noise)[i] >= t.value))

        lo, hi = lever.min, lever.max
        needed = np.nan
        if chance(hi) >= CHANCE:
            while hi - lo > (1 if lever.integer else 1e-3 * (lever.max - lever.min)):
                mid = (lo + hi) // 2 if lever.integer else (lo + hi) / 2
                lo, hi = (lo, mid) if chance(mid) >= CHANCE else (mid, hi)
            needed = hi
        out.append(
            {
                c.TARGET: t.target,
                c.YEAR: t.year,
                c.VALUE: t.value,
                "lever": lever.name,
                "unit": lever.unit_text,
                "needed_for_80pct": needed,
                "scenario": float(scenario.value(lever.name)),
                "p_scenario": chance(float(scenario.value(lever.name))),
                c.NOTE: ""
                if not np.isnan(needed)
                else f"not reached within the lever's range ({lever.describe_range()})",
            }
        )
    return pd.DataFrame(out)


def flows_table(view: TrainingOutlook) -> pd.DataFrame:
    """The officials' stock-flow by year (medians over draws): the accounting laid open."""
    return pd.DataFrame(
        {name: np.median(values, axis=1) for name, values in view.officials.items()},
        index=pd.Index(YEARS, name=c.YEAR),
    ).round(1)


def units_of(dataset: Dataset) -> dict[str, str]:
    return dataset.indicators.set_index(c.INDICATOR)[c.UNIT].to_dict()


def assumptions_table(scenario: Scenario, inputs: TrainingInputs) -> pd.DataFrame:
    """Every sampled assumption: its centre in this scenario and the spread drawn around it."""
    out = [
        ("officials' headcount in 2022", inputs.headcount_note, "uniform between the two"),
        ("programme length", f"{PROGRAMME_YEARS} years from intake to graduation", "fixed"),
        ("expert network", "drawn from the experts trained since 2022", "fixed"),
    ]
    scales = {
        "instances_per_person": "log-normal, sd {:.0%}",
        "officials_training_capacity": "log-normal, sd {:.0%} (delivered vs planned)",
        "expert_training_capacity": "log-normal, sd {:.0%} (delivered vs planned)",
        "graduate_intake": "log-normal, sd {:.0%} (delivered vs planned)",
        "expert_completion_rate": "normal, sd {:g} points",
        "graduate_completion_rate": "normal, sd {:g} points",
        "skills_start_share": "normal, sd {:g} points",
        "skills_diffusion_speed": "log-normal, sd {:.0%}",
        "stem_start_share": "normal, sd {:g} points",
        "stem_share_gain": "log-normal, sd {:.0%}",
    }
    spread_of = {
        "officials_training_capacity": "capacity",
        "expert_training_capacity": "capacity",
        "graduate_intake": "capacity",
        "expert_completion_rate": "completion",
        "graduate_completion_rate": "completion",
    }
    for name, text in scales.items():
        lever = REGISTRY[name]
        centre = f"{scenario.value(name):g} {lever.unit_text}"
        out.append((lever.label_text, centre, text.format(SPREAD[spread_of.get(name, name)])))
    return pd.DataFrame(out, columns=["assumption", "centre in this scenario", "drawn as"])


# --- the family seam ---------------------------------------------------------------------------
def check_dataset(dataset: Dataset) -> str:
    """What the model stands on, in one line; a DataError where the inputs are refused."""
    inputs = training_inputs(dataset)
    return f"training on {len(inputs.working_age)} years of population_15_64 and the headcounts"


class FittedTraining:
    """The inputs read once; a scenario's draws kept per draws and seed."""

    def __init__(self, dataset: Dataset, as_of: int) -> None:
        self.inputs = training_inputs(dataset)
        self.units = units_of(dataset)
        targets = dataset.targets
        self.ahead = targets[targets[c.JUDGED_ON_YEAR] >= as_of]  # a need is sought for these
        self._noise = Memo()

    def noise(self, scenario: Scenario) -> Noise:
        draws, seed = int(scenario.value("draws")), int(scenario.value("seed"))
        return self._noise.get((draws, seed), lambda: Noise.draw(draws, seed))

    def outlook(self, scenario: Scenario) -> TrainingOutlook:
        noise = self.noise(scenario)
        return TrainingOutlook(
            project(self.inputs, scenario, self.units, noise),
            officials(self.inputs, scenario, noise),
            requirements(self.inputs, scenario, noise, self.ahead),
        )

    def projections(self, scenario: Scenario) -> dict[tuple[str, str, str], Projection]:
        return project(self.inputs, scenario, self.units, self.noise(scenario))

    def needs(self, view: TrainingOutlook) -> pd.DataFrame:
        return needs_frame(
            (r.target, r.lever, r.needed_for_80pct, r.scenario, r.unit, NEED_BASIS, r.note)
            for r in rows(view.requirements)
        )


FAMILY = Family(
    name="training",
    indicators=INDICATORS,
    fit=FittedTraining,
    check=check_dataset,
    backtest=None,  # no observed series to hold out: the bands rest on labelled assumptions
)
