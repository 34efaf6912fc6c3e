"""Projection: what every model returns — simulated paths for one indicator and geography.

Bands, the median path and target probabilities are all read from the same draws, so a
probability can never disagree with the band drawn beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core.comparators import meets

DEFAULT_QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)

INTERVAL = 0.8  # the central interval shown beside every median: "80% interval"


def held_out_score(sim: np.ndarray | None, forecast: float, actual: float) -> dict:
    """One backtest row's scores: the point error, and for a model (its draws `sim`) the 80%
    interval, whether it held the outcome and the PIT; benchmarks (`sim` None) have none."""
    out = {"forecast": float(forecast), "error_pp": float(forecast - actual)}
    if sim is None:
        return out | {"low_80": np.nan, "high_80": np.nan, "interval_80": "", "pit": np.nan,
                      "inside_80": None}  # fmt: skip
    low, high = np.quantile(sim, [round((1 - INTERVAL) / 2, 9), round((1 + INTERVAL) / 2, 9)])
    return out | {
        "low_80": float(low),
        "high_80": float(high),
        "interval_80": f"{low:.2f}-{high:.2f}",
        "pit": float(np.mean(sim < actual)),
        "inside_80": bool(low <= actual <= high),
    }


@dataclass(frozen=True, eq=False)
class Projection:
    """Simulated paths `draws[year, n]` of one indicator in one geography and series.

    `history` holds the observations the model was fitted on (columns year, value), so a
    chart or report can always show what the projection stands on.
    """

    indicator: str
    geo: str
    series: str
    unit: str
    years: np.ndarray
    draws: np.ndarray
    history: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=[c.YEAR, c.VALUE]))
    basis: str = (
        "model"  # "model": fitted to observations; "assumptions": labelled assumptions only
    )

    def __post_init__(self) -> None:
        years = np.asarray(self.years, dtype=int)
        draws = np.asarray(self.draws, dtype=float)
        if years.ndim != 1 or draws.ndim != 2 or draws.shape[0] != years.size:
            raise ValueError(
                f"draws must have shape (len(years), n); got {draws.shape} for {years.size} years"
            )
        if years.size and np.any(np.diff(years) <= 0):
            raise ValueError("years must be strictly increasing")
        if not np.isfinite(draws).all():
            raise ValueError(f"{self.indicator}: draws contain NaN or infinite values")
        years.setflags(write=False)
        draws.setflags(write=False)
        object.__setattr__(self, "years", years)
        object.__setattr__(self, "draws", draws)

    def at(self, year: int) -> np.ndarray:
        """The simulated values for one year."""
        hit = np.flatnonzero(self.years == year)
        if hit.size == 0:
            raise KeyError(
                f"{self.indicator}: no projection for {year}; "
                f"years {self.years[0]}-{self.years[-1]}"
            )
        return self.draws[hit[0]]

    def probability(self, comparator: str, threshold: float, year: int) -> float:
        """Share of draws with `value <comparator> threshold` in `year`."""
        return float(np.mean(meets(self.at(year), comparator, threshold)))

    def median(self) -> pd.Series:
        return pd.Series(np.median(self.draws, axis=1), index=pd.Index(self.years, name=c.YEAR))

    def mean(self, year: int) -> float:
        return float(np.mean(self.at(year)))

    def median_at(self, year: int) -> float:
        """The median of one year's draws: a value some draw took, so ranks stay whole."""
        return float(np.quantile(self.at(year), 0.5, method="inverted_cdf"))

    def interval(self, year: int, level: float = INTERVAL) -> tuple[float, float]:
        """The central `level` interval of one year's draws (10th-90th percentile by default)."""
        tail = (1 - level) / 2
        low, high = np.quantile(self.at(year), [tail, 1 - tail], method="inverted_cdf")
        return float(low), float(high)

    def quantiles(self, levels: tuple[float, ...] = DEFAULT_QUANTILES) -> pd.DataFrame:
        """Tidy long bands (indicator, geo, series, year, quantile, value), cheap to chart."""
        q = np.quantile(self.draws, levels, axis=1)  # (len(levels), years)
        return pd.DataFrame(
            {
                c.INDICATOR: self.indicator,
                c.GEO: self.geo,
                c.SERIES: self.series,
                c.YEAR: np.tile(self.years, len(levels)),
                c.QUANTILE: np.repeat(levels, self.years.size),
                c.VALUE: q.ravel(),
            }
        )
