"""A session: every model family fitted once, a scenario's outlook recomputed only where levers
moved.

The explorer moves one lever at a time and reports render many scenarios: both ask a Session.
Each family's outlook is cached under the values of the levers it reads
(`Scenario.read_by`, from the lever registry), so a move on one family's lever never reruns
another; inside a family, its fitted object keeps what its own parts read. The Session loops
over the registry (`dxmodel.models.FAMILIES`) and names no family.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core.data import Dataset, load_dataset
from dxmodel.core.projection import Projection
from dxmodel.core.scenario import Scenario, load_scenario
from dxmodel.core.targets import (
    ProjectionKey,
    is_whole,
    judging,
    observed_scorecard,
    today_year,
    with_projections,
)
from dxmodel.models import FAMILIES, chosen_series
from dxmodel.models.family import NEEDS_COLUMNS, FamilyOutlook, Fitted, needs_frame
from dxmodel.util.frames import rows
from dxmodel.util.memo import Memo


@dataclass(frozen=True, eq=False)
class Outlook:
    """Everything the models say about one scenario: one outlook per family, by its registry
    name (`outlook.parts[name]`, or as an attribute of that name)."""

    scenario: Scenario
    parts: Mapping[str, FamilyOutlook]

    def __getattr__(self, name: str) -> FamilyOutlook:
        if name.startswith("__") or name == "parts":  # copy and pickle look these up first
            raise AttributeError(name)
        try:
            return self.parts[name]
        except KeyError:
            raise AttributeError(f"no model family {name!r}") from None

    @property
    def projections(self) -> dict[ProjectionKey, Projection]:
        out: dict[ProjectionKey, Projection] = {}
        for part in self.parts.values():
            out.update(part.projections)
        return out


class Session:
    """Fitted families for one dataset, and cached outlooks for the scenarios asked about."""

    def __init__(self, dataset: Dataset | None = None, as_of: int | None = None) -> None:
        self.dataset = dataset if dataset is not None else load_dataset()
        self.as_of = as_of if as_of is not None else today_year()
        self.families: dict[str, Fitted] = {
            f.name: f.fit(self.dataset, self.as_of) for f in FAMILIES
        }
        self._memo = {name: Memo() for name in (*self.families, "observed", "open")}

    def family(self, name: str, scenario: Scenario) -> FamilyOutlook:
        """One family's outlook, kept under the values of the levers it reads."""
        fitted = self.families[name]
        return self._memo[name].get(scenario.read_by(name), lambda: fitted.outlook(scenario))

    def outlook(self, scenario: Scenario) -> Outlook:
        return Outlook(scenario, {name: self.family(name, scenario) for name in self.families})

    @functools.cached_property
    def _baseline(self) -> Scenario:
        return load_scenario("baseline")  # read when first compared with, not to project

    def baseline_for(self, scenario: Scenario) -> Scenario:
        """The baseline with the scenario's settings (series, draws, seed): comparable."""
        return self._baseline.with_levers(**scenario.settings())

    def scorecard(self, scenario: Scenario) -> pd.DataFrame:
        """Every target: status, P(meet) here and in the baseline, median, base rate, needs."""
        observed = self.observed(scenario)
        view, base = self.outlook(scenario), self.outlook(self.baseline_for(scenario))
        card = with_projections(observed, view.projections)
        card["p_meet_baseline"] = with_projections(observed, base.projections)["p_meet"]
        card = card.merge(self.needs(view), on=c.TARGET, how="left")
        closed = card["status"] != "open"  # no need, and no probability, for what is decided
        card.loc[closed, list(NEEDS_COLUMNS)] = np.nan
        return card

    def needs(self, view: Outlook) -> pd.DataFrame:
        """Per open target a family can answer: the lever value an 80% chance needs, beside
        the scenario's own, on the same scale (one shape for every family)."""
        frames = [self.families[name].needs(part) for name, part in view.parts.items()]
        return pd.concat([f for f in frames if len(f)] or [needs_frame([])], ignore_index=True)

    # --- the lean path: what sweeps and tornado charts ask, thousands of times ---------------
    def projections(self, scenario: Scenario) -> dict[ProjectionKey, Projection]:
        """Every projection the scorecard reads, without the searches for what an 80% chance
        needs: a fraction of `outlook`'s cost, on the same draws, so the same P(meet)."""
        out: dict[ProjectionKey, Projection] = {}
        for fitted in self.families.values():
            out.update(fitted.projections(scenario))
        return out

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


def project(dataset: Dataset, scenario: Scenario) -> dict[ProjectionKey, Projection]:
    """Every projection the models make for this scenario (a Session made for one question)."""
    return Session(dataset).projections(scenario)
