"""A session: every model fitted once, a scenario's outlook recomputed only where levers moved.

The explorer moves one lever at a time and reports render many scenarios: both ask a Session.
Each model family (digital economy, training, ranking) is cached under the values of the
levers it reads, so a move on a training lever never reruns the ranking engine; inside the
ranking family, the simulated world of the other 192 countries is kept per value of the levers
it reads, so a move on Viet Nam's gains replays Viet Nam alone. Every cache key is derived
from the lever registry (`Lever.model` names the family, or `family.part`, that reads it), so
a new lever can never be left out of a key.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dxmodel import columns as c
from dxmodel.data import Dataset, load_dataset
from dxmodel.frames import rows
from dxmodel.levers import LEVERS
from dxmodel.models import chosen_series, ranking, training
from dxmodel.models import digital_economy as de
from dxmodel.projection import Projection
from dxmodel.scenario import Scenario, load_scenario
from dxmodel.targets import (
    is_whole,
    judging,
    observed_scorecard,
    today_year,
    with_projections,
)

FAMILIES = ("digital_economy", "training", "ranking")
SHARED = "simulation"  # draws and seed: every family reads them
_KEEP = 8  # cached results per family; the explorer's back-and-forth stays warm


def family_key(scenario: Scenario, family: str) -> tuple:
    """The values of every lever a model family (or `family.part`) reads.

    Equal keys, equal results. A family reads its parts' levers too; a part reads only its own.
    """

    def reads(model: str) -> bool:
        return model in (SHARED, family) or model.startswith(family + ".")

    return tuple((lv.name, scenario.value(lv.name)) for lv in LEVERS if reads(lv.model))


@dataclass(frozen=True, eq=False)
class Outlook:
    """Everything the models say about one scenario."""

    scenario: Scenario
    digital_economy: de.ShareOutlook
    training: training.TrainingOutlook
    ranking: ranking.RankingOutlook

    @property
    def projections(self) -> dict[tuple[str, str, str], Projection]:
        return {
            (
                de.INDICATOR,
                de.GEO,
                self.digital_economy.fit.series,
            ): self.digital_economy.projection,
            **self.training.projections,
            **self.ranking.projections,
        }


class _Memo:
    """A small most-recently-used cache."""

    def __init__(self, size: int = _KEEP) -> None:
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._size = size

    def get(self, key: Hashable, make: Callable[[], object]):
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        value = self._items[key] = make()
        if len(self._items) > self._size:
            self._items.popitem(last=False)
        return value


class Session:
    """Fitted models for one dataset, and cached outlooks for the scenarios asked about."""

    def __init__(self, dataset: Dataset | None = None, as_of: int | None = None) -> None:
        self.dataset = dataset if dataset is not None else load_dataset()
        self.as_of = as_of if as_of is not None else today_year()
        self.share_fits = {s: de.fit_series(self.dataset, s) for s in de.SERIES_NAMES}
        self.ranking_fit = ranking.fit_dataset(self.dataset)
        self.vietnam_history = ranking.vietnam_history(self.ranking_fit)
        self.editions = ranking.ranking_editions(self.ranking_fit, self.dataset)
        self.rank_wanted = ranking.rank_targets(
            self.dataset, self.editions[self.editions >= self.as_of]
        )
        self.training_inputs = training.training_inputs(self.dataset)
        self.units = training.units_of(self.dataset)
        self._baseline = load_scenario("baseline")
        names = (*FAMILIES, "world", "thresholds", "required", "noise", "observed")
        names += ("share_noise", "open")
        self._memo = {name: _Memo() for name in names}

    # --- the model families ------------------------------------------------------------------
    def digital_economy(self, scenario: Scenario) -> de.ShareOutlook:
        def make() -> de.ShareOutlook:
            fit = self.share_fits[str(scenario.value("digital_economy_series"))]
            years = de.projection_years(fit, self.dataset)
            return de.outlook(fit, scenario, years, self.dataset.targets)

        return self._memo["digital_economy"].get(family_key(scenario, "digital_economy"), make)

    def training(self, scenario: Scenario) -> training.TrainingOutlook:
        def make() -> training.TrainingOutlook:
            noise = self.noise(scenario)
            return training.TrainingOutlook(
                training.project(self.training_inputs, scenario, self.units, noise),
                training.officials(self.training_inputs, scenario, noise),
                training.requirements(self.training_inputs, scenario, noise, self.ahead()),
            )

        return self._memo["training"].get(family_key(scenario, "training"), make)

    def ranking(self, scenario: Scenario) -> ranking.RankingOutlook:
        def make() -> ranking.RankingOutlook:
            world, required, thresholds = self.world(scenario)
            return ranking.outlook(
                self.ranking_fit, scenario, self.editions, world, required, thresholds
            )

        return self._memo["ranking"].get(family_key(scenario, "ranking"), make)

    def ahead(self) -> pd.DataFrame:
        """Registry targets whose deadline has not passed: the only ones a need is sought for."""
        t = self.dataset.targets
        return t[t[c.JUDGED_ON_YEAR] >= self.as_of]

    def noise(self, scenario: Scenario) -> training.Noise:
        draws, seed = int(scenario.value("draws")), int(scenario.value("seed"))
        key = family_key(scenario, SHARED)
        return self._memo["noise"].get(key, lambda: training.Noise.draw(draws, seed))

    def world(self, scenario: Scenario) -> tuple[ranking.World, pd.DataFrame, dict]:
        """The other countries' simulated editions, what an 80% chance needs, the thresholds."""

        key = family_key(scenario, "ranking.world")
        world = self._memo["world"].get(key, lambda: self._simulate(scenario))
        thresholds = self._memo["thresholds"].get(key, lambda: ranking.threshold_projections(world))
        pace = ranking.scenario_pace(scenario)
        required = self._memo["required"].get(
            (family_key(scenario, "ranking.world"), family_key(scenario, "ranking.pace")),
            lambda: ranking.required_gains(world, pace, self.rank_wanted, thresholds),
        )
        return world, required, thresholds

    def _simulate(self, scenario: Scenario) -> ranking.World:
        return ranking.simulate_world(
            self.ranking_fit, self.editions, draws=int(scenario.value("draws")),
            seed=int(scenario.value("seed")), momentum=float(scenario.value("others_momentum")),
        )  # fmt: skip

    # --- what callers ask for ----------------------------------------------------------------
    def outlook(self, scenario: Scenario) -> Outlook:
        return Outlook(
            scenario,
            self.digital_economy(scenario),
            self.training(scenario),
            self.ranking(scenario),
        )

    def baseline_for(self, scenario: Scenario) -> Scenario:
        """The baseline on the same series, draws and seed, so the two are comparable."""
        same = ("digital_economy_series", "draws", "seed")
        return self._baseline.with_levers(**{k: scenario.value(k) for k in same})

    def scorecard(self, scenario: Scenario) -> pd.DataFrame:
        """Every target: status, P(meet) here and in the baseline, median, base rate, needs."""
        observed = self.observed(scenario)
        view, base = self.outlook(scenario), self.outlook(self.baseline_for(scenario))
        card = with_projections(observed, view.projections)
        card["p_meet_baseline"] = with_projections(observed, base.projections)["p_meet"]
        card = card.merge(needs(view, self.dataset.targets), on=c.TARGET, how="left")
        closed = card["status"] != "open"  # no need, and no probability, for what is decided
        card.loc[closed, list(NEEDS_COLUMNS)] = np.nan
        return card

    # --- the lean path: what sweeps and tornado charts ask, thousands of times ---------------
    def projections(self, scenario: Scenario) -> dict[tuple[str, str, str], Projection]:
        """Every projection the scorecard reads, without the searches for what an 80% chance
        needs: a fraction of `outlook`'s cost, on the same draws, so the same P(meet)."""
        series = str(scenario.value("digital_economy_series"))
        fit = self.share_fits[series]
        draws, seed = int(scenario.value("draws")), int(scenario.value("seed"))
        years = de.projection_years(fit, self.dataset)
        noise = self._memo["share_noise"].get(
            (series, draws, seed), lambda: de.share_noise(fit, years, draws, seed)
        )
        world = self._memo["world"].get(
            family_key(scenario, "ranking.world"), lambda: self._simulate(scenario)
        )
        return {
            (de.INDICATOR, de.GEO, series): de.share_projection(fit, scenario, years, noise),
            **training.project(self.training_inputs, scenario, self.units, self.noise(scenario)),
            **ranking.projections(self.ranking_fit, world, scenario, self.vietnam_history)[0],
        }

    def observed(self, scenario: Scenario) -> pd.DataFrame:
        """The scorecard from the data alone, on the scenario's series (kept per series)."""
        series = chosen_series(scenario)
        return self._memo["observed"].get(
            tuple(series.items()), lambda: observed_scorecard(self.dataset, series, self.as_of)
        )

    def open_targets(self, scenario: Scenario) -> pd.DataFrame:
        """The scorecard's open targets on the scenario's series: those a lever can still move."""
        series = chosen_series(scenario)

        def make() -> pd.DataFrame:
            card = self.observed(scenario)
            return card[card["status"] == "open"].reset_index(drop=True)

        return self._memo["open"].get(tuple(series.items()), make)

    def chances(self, scenario: Scenario) -> pd.DataFrame:
        """P(meet) and the median of every open target a model projects (target, p_meet,
        median): one row per target, in registry order."""
        projections = self.projections(scenario)
        out = []
        for t in rows(self.open_targets(scenario)):
            projection = judging(t, projections)
            if projection is None:
                continue
            median = projection.median_at(t.judged_on_year)
            p_meet = projection.probability(t.comparator, t.value, t.judged_on_year)
            out.append((t.target, p_meet, round(median) if is_whole(t.unit) else median))
        return pd.DataFrame(out, columns=[c.TARGET, "p_meet", "median"])


NEEDS_COLUMNS = (
    "need_lever", "need_value", "need_scenario", "need_unit", "need_basis", "need_note",
)  # fmt: skip
PACE_UNIT = "index points per edition on each component, above Viet Nam's path"


def needs(view: Outlook, targets: pd.DataFrame) -> pd.DataFrame:
    """Per open target the models can answer: the lever value an 80% chance needs, beside the
    scenario's own, on the same scale."""
    out = []
    for r in rows(view.digital_economy.required_pace):
        if not np.isnan(r.growth_needed):
            out.append((r.target, "digital_economy_growth", r.growth_needed,
                         r.growth_scenario, "% a year", "80% chance", ""))  # fmt: skip
    for r in rows(view.training.requirements):
        out.append(
            (r.target, r.lever, r.needed_for_80pct, r.scenario, r.unit, "80% chance", r.note)
        )
    for r in rows(view.ranking.what_it_takes):
        same = targets[
            (targets[c.INDICATOR] == r.indicator) & (targets[c.VALUE] == r.target_rank)
            & (targets[c.JUDGED_ON_YEAR] == r.edition)
        ]  # fmt: skip
        for target in same[c.TARGET]:
            note = "" if not np.isnan(r.gain_needed) else "not reached with +0.6 per edition"
            out.append((target, "vnm_component_gains", r.gain_needed, r.gain_scenario,
                        PACE_UNIT, "80% chance", note))  # fmt: skip
    return pd.DataFrame(out, columns=[c.TARGET, *NEEDS_COLUMNS])
