"""The family seam: what the engine, the scorecard and the outputs ask of every model family.

A family is one unit, registered once in `dxmodel.models.FAMILIES` (as EMA workbench wraps a
model as `Model(name, function)` and PolicyEngine registers a variable with its system): its
name (the one its levers give as `Lever.model`), the indicators whose targets it judges, how it
checks and fits the data, and how it backtests. A fitted family answers for one scenario in two
ways: the full `outlook` (charts, "what it needs") and the lean `projections` a sweep asks
thousands of times; both rest on the same draws, so they give the same P(meet).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core.data import Dataset
from dxmodel.core.projection import Projection
from dxmodel.core.scenario import Scenario
from dxmodel.core.targets import CHANCE, ProjectionKey

#: "What it needs", one shape for every family: per target, the lever value that gives a
#: CHANCE of meeting it, beside the scenario's own, on one scale.
NEEDS_COLUMNS = (
    "need_lever", "need_value", "need_scenario", "need_unit", "need_basis", "need_note",
)  # fmt: skip
NEED_BASIS = f"{CHANCE:.0%} chance"


class FamilyOutlook(Protocol):
    """What a family says about one scenario: at least its projections, keyed as the
    scorecard looks them up; each family adds what its charts and sentences read."""

    @property
    def projections(self) -> Mapping[ProjectionKey, Projection]: ...


class Fitted(Protocol):
    """A family fitted on one dataset, keeping its own caches between scenarios."""

    def outlook(self, scenario: Scenario) -> FamilyOutlook: ...

    def projections(self, scenario: Scenario) -> dict[ProjectionKey, Projection]: ...

    def needs(self, outlook: FamilyOutlook) -> pd.DataFrame: ...


def no_series(scenario: Scenario) -> dict[str, str]:
    return {}


@dataclass(frozen=True)
class Family:
    """One model family, as the registry holds it."""

    name: str  # as its levers name their model (`Lever.model`, before any `.part`)
    indicators: tuple[str, ...]  # whose targets it judges
    fit: Callable[[Dataset, int], Fitted]  # (dataset, as-of year)
    check: Callable[[Dataset], str]  # what it stands on, in one line; a DataError if refused
    backtest: Callable[[Dataset], pd.DataFrame] | None  # None: no observed series to hold out
    # indicator -> the series a scenario reads it on, for indicators measured by several
    series: Callable[[Scenario], dict[str, str]] = no_series

    def owns(self, indicator: str) -> bool:
        return indicator in self.indicators


def needs_frame(rows: Iterable[tuple]) -> pd.DataFrame:
    """(target, *NEEDS_COLUMNS) tuples as the scorecard merges them."""
    return pd.DataFrame(list(rows), columns=[c.TARGET, *NEEDS_COLUMNS])
