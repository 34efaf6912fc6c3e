"""The Digital Transformation Index (DTI): ranks as published, and only the forecast they support.

Why so little is modelled: the whole rank order of the 63 former provinces is published for
DTI 2022 alone; other years are the few ranks the press quoted, mostly from the top of the
table. So the one forecast is persistence (each province keeps its last published rank),
which is the naive benchmark itself, with an 80% interval read off the rank changes actually
observed over as many years, and refused in words where too few were observed. The national
DTI includes the UN EGDI rank and changed its indicator set with DTI 2024: it is shown with
the break marked, never extrapolated. No DTI target has a legal basis in the reference, so
the family judges none (`INDICATORS = ()`).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core.data import Dataset
from dxmodel.core.projection import Projection
from dxmodel.core.scenario import Scenario
from dxmodel.models.family import Family, needs_frame
from dxmodel.util.errors import DataError

INDICATORS: tuple[str, ...] = ()  # no DTI target with a legal basis: nothing to judge
RANK, SCORE, NATIONAL = "dti_rank", "dti_score", "dti_national"
FORMER = 63  # provinces before the 2025 merger
MERGED = 34  # provinces after it
COMPLETE_YEAR = 2022  # the only year whose full rank order is published
BREAK_YEAR = 2024  # first DTI on the cut indicator set (the national index: 12 indicators)
COVERAGE = 0.8
MIN_CHANGES = 10  # fewer observed changes give no interval, only words


@dataclass(frozen=True)
class DtiData:
    """What was published: former provinces' ranks and scores (long), the national index, the
    other levels (34 merged provinces, ministries) and the sourced part of the crosswalk."""

    ranks: pd.DataFrame  # geo, name, year, rank, score, source
    national: pd.DataFrame  # year, value, source
    levels: pd.DataFrame  # year, level, rank, name, score, source
    crosswalk: pd.DataFrame  # province_34, former_geo, former_name, source, note


def dti_data(dataset: Dataset) -> DtiData:
    """The DTI as published, from the history and the dataset's two DTI tables (checked by
    load_dataset, like every table)."""
    h = dataset.history
    names = dataset.geographies.set_index(c.GEO)["name"]
    rank = h[h[c.INDICATOR] == RANK][[c.GEO, c.YEAR, c.VALUE, c.SOURCE]]
    score = h[h[c.INDICATOR] == SCORE][[c.GEO, c.YEAR, c.VALUE]].rename(columns={c.VALUE: "score"})
    ranks = rank.rename(columns={c.VALUE: "rank"}).merge(score, on=[c.GEO, c.YEAR], how="left")
    ranks["rank"] = ranks["rank"].astype(int)
    ranks.insert(1, "name", ranks[c.GEO].map(names))
    national = h[h[c.INDICATOR] == NATIONAL][[c.YEAR, c.VALUE, c.SOURCE]]
    full = ranks[ranks[c.YEAR] == COMPLETE_YEAR]
    if len(full) and full[c.GEO].nunique() != FORMER:
        raise DataError(f"DTI {COMPLETE_YEAR}: {full[c.GEO].nunique()} of {FORMER} provinces")
    return DtiData(
        ranks.sort_values([c.YEAR, "rank"], ignore_index=True),
        national.sort_values(c.YEAR, ignore_index=True),
        dataset.dti_levels,
        dataset.dti_crosswalk,
    )


def rank_changes(ranks: pd.DataFrame, horizon: int) -> pd.DataFrame:
    """Every province ranked in two lists `horizon` years apart: from_rank, to_rank, change
    (negative = up the table). Only these are evidence of how much a rank moves."""
    a = ranks[[c.GEO, "name", c.YEAR, "rank"]]
    b = a.assign(**{c.YEAR: a[c.YEAR] - horizon})
    pairs = a.merge(b, on=[c.GEO, "name", c.YEAR], suffixes=("_from", "_to"))
    pairs = pairs.rename(columns={"rank_from": "from_rank", "rank_to": "to_rank"})
    pairs["to_year"] = pairs[c.YEAR] + horizon
    pairs["change"] = pairs["to_rank"] - pairs["from_rank"]
    return pairs.sort_values([c.YEAR, "from_rank"], ignore_index=True)


def complete_years(ranks: pd.DataFrame) -> list[int]:
    """Years whose whole rank order of the former provinces is published."""
    counts = ranks.groupby(c.YEAR)[c.GEO].nunique()
    return sorted(int(y) for y in counts[counts == FORMER].index)


def evidence(ranks: pd.DataFrame, horizon: int) -> pd.DataFrame:
    """The changes an interval may use: those whose later list is complete. A later list that
    printed only its top shows the provinces that stayed near the top and hides those that
    fell, so its changes would make the interval too narrow."""
    changes = rank_changes(ranks, horizon)
    return changes[changes["to_year"].isin(complete_years(ranks))].reset_index(drop=True)


def spread(changes: pd.DataFrame, coverage: float = COVERAGE) -> int:
    """The whole number of places that `coverage` of the observed changes did not exceed."""
    moves = sorted(changes["change"].abs())
    return int(moves[max(0, math.ceil(coverage * len(moves)) - 1)])


def persistence(data: DtiData) -> pd.DataFrame:
    """DTI <next> by persistence, per province with a published rank at either level: the
    last published rank, with an 80% interval from the changes observed over as many years,
    or the reason there is none (`refused`: few, outside or merged)."""
    edition = int(max(data.ranks[c.YEAR].max(), data.levels[c.YEAR].max())) + 1
    out = []
    last = data.ranks.sort_values(c.YEAR).groupby(c.GEO).tail(1)
    by_horizon: dict[int, pd.DataFrame] = {}  # one set of evidence per horizon, not per province
    for r in last.itertuples(index=False):
        horizon = edition - int(r.year)
        if horizon not in by_horizon:
            by_horizon[horizon] = evidence(data.ranks, horizon)
        changes = by_horizon[horizon]
        n, reach = len(changes), int(changes["from_rank"].max()) if len(changes) else 0
        lo = hi = None
        if n < MIN_CHANGES:
            refused = "few"
        elif r.rank > reach:
            refused = "outside"
        else:
            q, refused = spread(changes), ""
            lo, hi = max(1, r.rank - q), min(FORMER, r.rank + q)
        out.append(
            ("province", r.geo, r.name, int(r.year), int(r.rank), horizon, lo, hi, n, reach,
             refused)
        )  # fmt: skip
    merged = data.levels[data.levels["level"] == "province_34"]
    for r in merged.sort_values(c.YEAR).groupby("name").tail(1).itertuples(index=False):
        out.append(
            ("province_34", "", r.name, int(r.year), int(r.rank), edition - int(r.year), None,
             None, 0, 0, "merged")
        )  # fmt: skip
    frame = pd.DataFrame(
        out,
        columns=["level", c.GEO, "name", "last_year", "last_rank", "horizon", "lo", "hi",
                 "changes", "reach", "refused"],
    )  # fmt: skip
    frame.insert(0, "edition", edition)
    for col in ("lo", "hi"):
        frame[col] = frame[col].astype("Int64")
    return frame.sort_values(["level", "last_rank", "name"], ignore_index=True)


@dataclass(frozen=True)
class DtiOutlook:
    """The same for every scenario (no lever moves a published rank): no projections."""

    data: DtiData
    forecast: pd.DataFrame

    @property
    def projections(self) -> dict:
        return {}

    @property
    def edition(self) -> int:
        return int(self.forecast["edition"].iloc[0])


class FittedDti:
    """The published tables read once; the persistence forecast made when first asked for
    (the scorecard never asks: the family judges no target)."""

    def __init__(self, dataset: Dataset, as_of: int) -> None:
        self.dataset = dataset

    @functools.cached_property
    def view(self) -> DtiOutlook:
        data = dti_data(self.dataset)
        return DtiOutlook(data, persistence(data))

    def outlook(self, scenario: Scenario) -> DtiOutlook:
        return self.view

    def projections(self, scenario: Scenario) -> dict[tuple[str, str, str], Projection]:
        return {}

    def needs(self, view: DtiOutlook) -> pd.DataFrame:
        return needs_frame([])


def check_dataset(dataset: Dataset) -> str:
    """What the family stands on, in one line."""
    data = dti_data(dataset)
    years = sorted(data.ranks[c.YEAR].unique())
    usable = sum(len(evidence(data.ranks, h)) for h in range(1, len(years)))
    return (
        f"dti on published ranks of {years[0]}-{years[-1]} ({COMPLETE_YEAR} complete), "
        f"{usable} rank changes into a complete list, national DTI {len(data.national)} years; "
        "no DTI target"
    )


FAMILY = Family(
    name="dti",
    indicators=INDICATORS,
    fit=FittedDti,
    check=check_dataset,
    backtest=None,  # the forecast is persistence: its errors are the rank changes shown
)
