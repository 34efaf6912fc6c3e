"""The target scorecard: each official target against what is observed and what is projected.

A target whose edition or year has been observed is met or missed on the data, never
forecast. An open one takes its probability and expected value from the draws of the
projection for its indicator, geography and series, so the scorecard and the bands agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd

from dxmodel import columns as c
from dxmodel.comparators import meets
from dxmodel.data import Dataset
from dxmodel.frames import rows
from dxmodel.projection import Projection

ProjectionKey = tuple[str, str, str]  # (indicator, geo, series)

SCORECARD_COLUMNS = (
    c.TARGET, c.INDICATOR, c.GEO, c.YEAR, c.JUDGED_ON_YEAR, c.COMPARATOR, c.VALUE, c.UNIT,
    c.SERIES, "latest_observed", "latest_year", "latest_source", "status", "status_note",
    "p_meet", "expected", "warning", c.BASIS, c.CLAUSE,
)  # fmt: skip


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
    """One row per registry target: latest observation, status, P(meet) and expected value.

    `series` maps an indicator to the series the analyst chose for it (see `judged_targets`);
    `as_of` is the current year, used only to say when a deadline has passed unobserved.
    """
    return with_projections(observed_scorecard(dataset, series, as_of), projections or {})


def observed_scorecard(
    dataset: Dataset, series: Mapping[str, str] | None = None, as_of: int | None = None
) -> pd.DataFrame:
    """The scorecard from the data alone: what `assess` starts from, and what a session keeps."""
    as_of = as_of if as_of is not None else dt.date.today().year
    targets = judged_targets(dataset, series)
    observed = target_observations(dataset, targets).groupby([c.INDICATOR, c.GEO, c.SERIES])
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
        }
        if latest is not None and latest[c.YEAR] == t[c.JUDGED_ON_YEAR]:
            ok = bool(meets(latest[c.VALUE], t[c.COMPARATOR], t[c.VALUE]))
            row["status"] = "met" if ok else "missed"
            row["status_note"] = f"observed {latest[c.YEAR]}: {latest[c.VALUE]:g}"
        else:
            row["status"] = "open"
            row["status_note"] = _open_note(t, as_of)
        out.append(row)
    card = pd.DataFrame(out, columns=list(SCORECARD_COLUMNS))
    card["latest_year"] = card["latest_year"].astype("Int64")
    return card


def with_projections(
    card: pd.DataFrame, projections: Mapping[ProjectionKey, Projection]
) -> pd.DataFrame:
    """A copy of `card` with P(meet) and the expected value of each open target filled in."""
    p_meet, expected = card["p_meet"].to_numpy().copy(), card["expected"].to_numpy().copy()
    for i, t in enumerate(rows(card)):
        projection = projections.get((t.indicator, t.geo, t.series))
        if t.status == "open" and projection is not None and t.judged_on_year in projection.years:
            p_meet[i] = projection.probability(t.comparator, t.value, t.judged_on_year)
            expected[i] = projection.mean(t.judged_on_year)
    return card.assign(p_meet=p_meet, expected=expected)


def _open_note(t: dict, as_of: int) -> str:
    if not t[c.SERIES]:
        return "no observed series"
    if t[c.JUDGED_ON_YEAR] < as_of:
        return f"deadline passed; {t[c.JUDGED_ON_YEAR]} not yet observed on {t[c.SERIES]}"
    return f"awaiting {t[c.JUDGED_ON_YEAR]}"
