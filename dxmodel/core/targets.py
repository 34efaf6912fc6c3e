"""The target scorecard: each official target against what is observed and what is projected.

Time is honest. A target whose edition or year has been observed is met or missed on the
data, never forecast. One whose deadline has passed unobserved is "unmeasured": it gets no
probability and no "what it needs", because policy cannot change the past. An open one takes
its probability, median and 80% interval from the draws of the projection for its indicator,
geography and series, so the scorecard and the bands agree. "Expected" is always the median.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core import data, reference
from dxmodel.core.comparators import meets
from dxmodel.core.data import Dataset
from dxmodel.core.projection import Projection
from dxmodel.util.frames import rows

ProjectionKey = tuple[str, str, str]  # (indicator, geo, series)
# the targets summarised first: the explorer's cards, the reports' tornado charts, the sweep's
# headline (defined with the data contract, which refuses a targets.csv without any of them)
KEY_TARGETS = data.KEY_TARGETS
STATUSES = ("met", "missed", "unmeasured", "open")  # a target, by what the data decided
#: The chance a target must have to be "on track", and the one "what it needs" aims for.
CHANCE = 0.8
#: Below CHANCE and at least this: "at risk"; below it: "off track".
AT_RISK = 0.5
WHOLE_UNITS = ("rank", "persons")  # units whose values are counts or ranks: whole numbers

SCORECARD_COLUMNS = (
    c.TARGET, c.INDICATOR, c.GEO, c.YEAR, c.JUDGED_ON_YEAR, c.COMPARATOR, c.VALUE, c.UNIT,
    c.SERIES, "latest_observed", "latest_year", "latest_source", "status", "status_note",
    "p_meet", "expected", "low", "high", "p_basis", "base_rate", "base_rate_hits",
    "base_rate_cases", "base_rate_note", "warning", c.BASIS, c.CLAUSE, c.NOTE,
)  # fmt: skip


def is_whole(unit: str) -> bool:
    """Whether values in `unit` are counts or ranks, shown as whole numbers."""
    return str(unit).startswith(WHOLE_UNITS)


def outlook_key(status: str, p_meet: float) -> str:
    """How a target stands: met, missed or unmeasured once decided; an open one on track, at
    risk or off track by its chance (CHANCE, AT_RISK), or without a model when it has none."""
    if status != "open":  # decided, or past its deadline unmeasured
        return status
    if np.isnan(p_meet):
        return "no_model"
    return "on_track" if p_meet >= CHANCE else "at_risk" if p_meet >= AT_RISK else "off_track"


def today_year() -> int:
    """The current year: `data.today()`'s, so a test that sets today sets it here too."""
    return data.today().year


def judged_targets(dataset: Dataset, series: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The registry with each target's series replaced by the analyst's choice, where made.

    `series` maps an indicator to the series chosen for it (the digital-economy share is
    measured by several); a `warning` says where that differs from the registry's series.
    """
    t = dataset.targets.copy()
    t["warning"] = ""
    for indicator, chosen in (series or {}).items():
        differs = (t[c.INDICATOR] == indicator) & (t[c.SERIES] != chosen)
        t.loc[differs, "warning"] = [
            f"judged on {chosen}; the registry reads this target on {registry}, "
            "and the two measure different things"
            for registry in t.loc[differs, c.SERIES]
        ]
        t.loc[t[c.INDICATOR] == indicator, c.SERIES] = chosen
    return t


def target_observations(dataset: Dataset, targets: pd.DataFrame) -> pd.DataFrame:
    """History rows that some target is judged on, with their series: a small frame."""
    t, h = targets, dataset.history
    series = h[c.SOURCE].map(dataset.sources.set_index(c.SOURCE)[c.SERIES])
    keys = pd.MultiIndex.from_frame(t[[c.INDICATOR, c.GEO, c.SERIES]])
    judged = pd.MultiIndex.from_arrays([h[c.INDICATOR], h[c.GEO], series]).isin(keys)
    return h[judged].assign(**{c.SERIES: series[judged]}).sort_values(c.YEAR)


def assess(
    dataset: Dataset,
    projections: Mapping[ProjectionKey, Projection] | None = None,
    as_of: int | None = None,
    series: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per registry target: latest observation, status, P(meet), median, interval.

    `series` maps an indicator to the series the analyst chose for it (see `judged_targets`);
    `as_of` is the current year: a deadline before it that was not observed is "unmeasured".
    """
    return with_projections(observed_scorecard(dataset, series, as_of), projections or {})


def observed_scorecard(
    dataset: Dataset, series: Mapping[str, str] | None = None, as_of: int | None = None
) -> pd.DataFrame:
    """The scorecard from the data alone: what `assess` starts from, and what a session keeps."""

    as_of = as_of if as_of is not None else today_year()
    targets = judged_targets(dataset, series)
    observed = target_observations(dataset, targets).groupby([c.INDICATOR, c.GEO, c.SERIES])
    ranks = None
    out = []
    for target in targets.itertuples(index=False):
        t = target._asdict()
        key = (t[c.INDICATOR], t[c.GEO], t[c.SERIES])
        seen = observed.get_group(key) if key in observed.groups else dataset.history.iloc[0:0]
        upto = seen[seen[c.YEAR] <= t[c.JUDGED_ON_YEAR]]
        latest = upto.iloc[-1] if len(upto) else None
        row = {
            **{k: t[k] for k in SCORECARD_COLUMNS if k in t},
            "latest_observed": latest[c.VALUE] if latest is not None else np.nan,
            "latest_year": latest[c.YEAR] if latest is not None else pd.NA,
            "latest_source": latest[c.SOURCE] if latest is not None else "",
            "p_meet": np.nan,
            "expected": np.nan,
            "low": np.nan,
            "high": np.nan,
            "p_basis": "",
            "base_rate": np.nan,
            "base_rate_hits": pd.NA,
            "base_rate_cases": pd.NA,
            "base_rate_note": "",
        }
        if latest is not None and latest[c.YEAR] == t[c.JUDGED_ON_YEAR]:
            ok = bool(meets(latest[c.VALUE], t[c.COMPARATOR], t[c.VALUE]))
            row["status"] = "met" if ok else "missed"
            row["status_note"] = (
                f"observed {latest[c.YEAR]}: {latest[c.VALUE]:g} ({latest[c.SOURCE]})"
            )
        elif t[c.JUDGED_ON_YEAR] < as_of:
            row["status"] = "unmeasured"
            row["status_note"] = f"deadline passed; {t[c.JUDGED_ON_YEAR]} not measured" + (
                f" on {t[c.SERIES]}" if t[c.SERIES] else " (no observed series)"
            )
        else:
            row["status"] = "open"
            row["status_note"] = (
                f"awaiting {t[c.JUDGED_ON_YEAR]}" if t[c.SERIES] else "no observed series"
            )
            if t[c.INDICATOR] in reference.BAND and latest is not None:
                ranks = ranks if ranks is not None else _rank_table(dataset)
                ahead = (t[c.JUDGED_ON_YEAR] - int(latest[c.YEAR])) // reference.STEP
                rate = reference.base_rate(ranks, t[c.INDICATOR], int(t[c.VALUE]), ahead)
                if rate is not None:
                    row.update(
                        base_rate=rate.rate,
                        base_rate_hits=rate.hits,
                        base_rate_cases=rate.cases,
                        base_rate_note=(
                            f"{rate.hits} of {rate.cases} countries ranked {rate.low_rank}-"
                            f"{rate.high_rank} in an edition ({rate.origins[0]}-"
                            f"{rate.origins[1]}) were in the top {int(t[c.VALUE])} "
                            f"{rate.editions} edition(s) later"
                        ),
                    )
        out.append(row)
    card = pd.DataFrame(out, columns=list(SCORECARD_COLUMNS))
    for column in ("latest_year", "base_rate_hits", "base_rate_cases"):
        card[column] = card[column].astype("Int64")
    return card


def _rank_table(dataset: Dataset) -> pd.DataFrame:

    geos = dataset.geographies
    sea = tuple(geos.loc[geos["region"] == "South-eastern Asia", c.GEO])
    return reference.rank_table(dataset.history, sea)


def key_first(targets: Iterable[str], registry: Sequence[str]) -> list[str]:
    """`targets` with the key targets first (in KEY_TARGETS order), then the rest in registry
    order: how every summary lists them."""
    rank = {target: i for i, target in enumerate(KEY_TARGETS)}
    order = {target: i for i, target in enumerate(registry)}
    return sorted(targets, key=lambda x: (rank.get(x, len(rank)), order.get(x, len(order))))


def judging(t, projections: Mapping[ProjectionKey, Projection]) -> Projection | None:
    """The projection that judges scorecard row `t`: none unless the target is open and a
    model projects its indicator, geography and series in its year."""
    projection = projections.get((t.indicator, t.geo, t.series))
    if t.status != "open" or projection is None or t.judged_on_year not in projection.years:
        return None
    return projection


def with_projections(
    card: pd.DataFrame, projections: Mapping[ProjectionKey, Projection]
) -> pd.DataFrame:
    """A copy of `card` with P(meet), the median and the 80% interval of each open target."""
    filled = {k: card[k].to_numpy().copy() for k in ("p_meet", "expected", "low", "high")}
    basis = card["p_basis"].to_numpy().copy()
    for i, t in enumerate(rows(card)):
        projection = judging(t, projections)
        if projection is None:
            continue
        year = t.judged_on_year
        filled["p_meet"][i] = projection.probability(t.comparator, t.value, year)
        median, (low, high) = projection.median_at(year), projection.interval(year)
        if is_whole(t.unit):
            median, low, high = round(median), round(low), round(high)
        filled["expected"][i], filled["low"][i], filled["high"][i] = median, low, high
        basis[i] = projection.basis
    return card.assign(**filled, p_basis=basis)
