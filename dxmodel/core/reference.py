"""Base rates: how often countries placed where Viet Nam is now have reached a rank target.

A probability from a model is only as good as its assumptions; the reference class says what
has actually happened to comparable cases. For a target "top N in edition Y", the comparable
cases are every country ranked within BAND places of Viet Nam's latest rank in some past
edition, on the same side of the target as Viet Nam (outside the top N while it is), followed
the same number of editions ahead; the base rate is the share of them that
were in the top N then. Ranks of every biennial edition since FIRST_EDITION are used: ranks
are comparable across editions even where the scores' method changed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dxmodel.core import columns as c

FIRST_EDITION = 2008  # the survey is biennial from here on
STEP = 2
BAND = {"egdi_rank": 15, "egdi_rank_sea": 1}  # places either side of Viet Nam's rank
FOCUS = c.FOCUS_GEO


@dataclass(frozen=True)
class BaseRate:
    """`hits` of `cases` comparable countries reached the target `editions` editions later."""

    hits: int
    cases: int
    low_rank: int
    high_rank: int
    editions: int
    origins: tuple[int, int]  # first and last edition the cases start from

    @property
    def rate(self) -> float:
        return self.hits / self.cases if self.cases else np.nan

    def one_in(self) -> int | None:
        """'1 in N' comparable countries did it; None when none did."""
        return round(self.cases / self.hits) if self.hits else None


def rank_table(history: pd.DataFrame, sea: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every country's world rank and South-East Asian rank per edition (year x geo)."""
    h = history[
        history[c.SOURCE].str.startswith("undesa_egov") & (history[c.YEAR] >= FIRST_EDITION)
    ]
    wide = h[h[c.INDICATOR].isin(("egdi", "egdi_rank"))].pivot_table(
        index=[c.YEAR, c.GEO], columns=c.INDICATOR, values=c.VALUE
    )
    wide = wide.dropna().reset_index()
    wide["egdi_rank_sea"] = np.nan
    in_sea = wide[c.GEO].isin(sea)
    for _, edition in wide[in_sea].groupby(c.YEAR):
        scores = edition["egdi"].to_numpy()
        wide.loc[edition.index, "egdi_rank_sea"] = 1 + (scores[None, :] > scores[:, None]).sum(1)
    return wide


def base_rate(
    ranks: pd.DataFrame, indicator: str, top: int, editions_ahead: int
) -> BaseRate | None:
    """The reference class for 'top `top` on `indicator`, `editions_ahead` editions from now'."""
    if indicator not in BAND or editions_ahead < 1:
        return None
    table = ranks.dropna(subset=[indicator]).pivot(index=c.GEO, columns=c.YEAR, values=indicator)
    years = sorted(table.columns)
    if FOCUS not in table.index or not years:
        return None
    now = table.loc[FOCUS, years[-1]]
    low, high = max(1, int(now) - BAND[indicator]), int(now) + BAND[indicator]
    # on Viet Nam's side of the target: where the band straddles it, a country already in the
    # top N is no case of getting there (nor one outside it of staying there)
    low, high = (max(low, top + 1), high) if now > top else (low, min(high, top))
    hits = cases = 0
    origins = []
    for i, origin in enumerate(years):
        if i + editions_ahead >= len(years):
            break
        later = years[i + editions_ahead]
        if later - origin != STEP * editions_ahead:
            continue
        start, end = table[origin], table[later]
        comparable = start.between(low, high) & end.notna()
        cases += int(comparable.sum())
        hits += int((end[comparable] <= top).sum())
        origins.append(int(origin))
    if not cases:
        return None
    return BaseRate(hits, cases, low, high, editions_ahead, (origins[0], origins[-1]))
