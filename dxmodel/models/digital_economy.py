"""The digital economy's share of GDP, per measured series, under a scenario's growth levers.

Two series measure different things and are never mixed: GSO's official value added and MIC's
revenue-based estimates. The analyst picks one (lever `digital_economy_series`).

The model works on the share's odds (digital / non-digital value added), which grow each year
by the ratio of digital-economy growth to GDP growth. For a share of 10-20% that is the plain
accounting identity (share' = share x ratio) to within a few hundredths of a point; unlike it,
the odds bend as the share nears 100%, so no scenario implies a negative non-digital economy.

Uncertainty: a random walk in log-odds around the scenario's path. Its yearly spread comes from
the chosen series' own year-to-year changes (statsmodels OLS on the changes), and with four to
six points that spread is itself uncertain: each simulated path draws its own spread from the
scaled inverse chi-square with the fit's degrees of freedom, and its own error in the pace, as
the predictive of a random walk with estimated drift would. That gives the heavy tails a short
series deserves. Persistence and drift are kept beside it as benchmarks.

The growth lever is absolute (percent a year), not relative to a series: on MIC's series the
baseline's 9% is far below that series' own past pace, which `required_pace` shows beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dxmodel import columns as c
from dxmodel.data import Dataset
from dxmodel.errors import DataError, ScenarioError
from dxmodel.frames import rows
from dxmodel.projection import Projection
from dxmodel.scenario import Scenario

INDICATOR = "digital_economy_share"
GEO = "VNM"
UNIT = "% of GDP"
MIN_POINTS = 4  # three yearly changes: one to estimate the pace, two for its spread
HORIZON = 2030
SERIES_NAMES = ("gso_value_added", "mic_estimate")  # the measured series the model can run
_STREAM = 1


def log_odds(share_pct: np.ndarray | float) -> np.ndarray | float:
    p = np.asarray(share_pct, dtype=float) / 100.0
    return np.log(p / (1.0 - p))


def share_of(log_odds_value: np.ndarray | float) -> np.ndarray | float:
    return 100.0 / (1.0 + np.exp(-np.asarray(log_odds_value, dtype=float)))


@dataclass(frozen=True, eq=False)
class ShareFit:
    """A series' observations and what its year-to-year changes say about pace and spread."""

    series: str
    history: pd.DataFrame  # year, value (%)
    pace: float  # mean yearly change in log-odds: the series' historical pace
    pace_se: float
    spread: float  # standard deviation of yearly log-odds changes around that pace
    dof: int  # degrees of freedom of `spread`

    @property
    def last_year(self) -> int:
        return int(self.history[c.YEAR].iloc[-1])

    @property
    def last_value(self) -> float:
        return float(self.history[c.VALUE].iloc[-1])


def series_history(dataset: Dataset, series: str) -> pd.DataFrame:
    """Observed shares of one series, oldest first, checked usable by the model."""
    known = dataset.sources.loc[dataset.sources[c.SERIES] == series, c.SOURCE]
    h = dataset.history
    observed = h[(h[c.INDICATOR] == INDICATOR) & (h[c.GEO] == GEO) & h[c.SOURCE].isin(known)]
    observed = observed.sort_values(c.YEAR)[[c.YEAR, c.VALUE]].reset_index(drop=True)
    if len(observed) < MIN_POINTS:
        raise DataError(
            f"history: series {series!r} has {len(observed)} digital-economy point(s); the model "
            f"needs at least {MIN_POINTS} consecutive years"
        )
    gaps = np.diff(observed[c.YEAR].to_numpy())
    if (gaps != 1).any():
        after = observed[c.YEAR].iloc[int(np.flatnonzero(gaps != 1)[0])]
        raise DataError(f"history: series {series!r} skips the year after {after}; years must run")
    edge = (observed[c.VALUE] <= 0) | (observed[c.VALUE] >= 100)
    if edge.any():
        row = observed[edge].iloc[0]
        raise DataError(
            f"history: series {series!r} has a share of {row[c.VALUE]:g}% in {int(row[c.YEAR])}; "
            "the model needs shares strictly between 0 and 100%"
        )
    return observed


def fit_share(history: pd.DataFrame, series: str) -> ShareFit:
    """Pace and spread of the yearly log-odds changes (statsmodels OLS on a constant)."""
    from statsmodels.regression.linear_model import OLS

    changes = np.diff(log_odds(history[c.VALUE].to_numpy()))
    ols = OLS(changes, np.ones_like(changes)).fit()
    return ShareFit(
        series=series,
        history=history,
        pace=float(ols.params[0]),
        pace_se=float(ols.bse[0]),
        spread=float(np.sqrt(ols.scale)),
        dof=int(ols.df_resid),
    )


def relative_growth(scenario: Scenario) -> float:
    """Yearly growth factor of the share's odds: (1 + digital growth) / (1 + GDP growth)."""
    de, gdp = (float(scenario.value(k)) for k in ("digital_economy_growth", "gdp_growth"))
    if de <= -100 or gdp <= -100:
        raise ScenarioError(
            f"scenario {scenario.name!r}: digital-economy growth {de:g}% and GDP growth {gdp:g}% "
            "imply an economy that vanishes; both must be above -100%"
        )
    return (1 + de / 100) / (1 + gdp / 100)


def central_path(start: float, years_ahead: np.ndarray, factor: float) -> np.ndarray:
    """The share (%) after `years_ahead` years of odds growing by `factor` a year."""
    return share_of(log_odds(start) + np.asarray(years_ahead) * np.log(factor))


def simulate_share(
    fit: ShareFit, years: np.ndarray, factor: float, draws: int, seed: int, noise: float = 1.0
) -> np.ndarray:
    """Paths (years, draws) of the share (%): the scenario's path plus a random walk."""
    rng = np.random.default_rng([seed, _STREAM])
    steps = np.asarray(years) - fit.last_year
    # Each path draws its own spread (sigma^2 = dof * s^2 / chi2(dof)) and, given it, its own
    # pace error (sigma / sqrt(n)): the predictive of a random walk whose pace and spread were
    # both estimated from n yearly changes. The scenario sets the centre, not the certainty.
    spread = fit.spread * np.sqrt(fit.dof / rng.chisquare(fit.dof, size=draws))
    pace_error = spread / np.sqrt(fit.dof + 1) * rng.standard_normal(draws)
    shocks = rng.standard_normal((len(steps), draws)) * spread
    # a year's shock accumulates over every year up to it (years may start after last_year + 1)
    walk = np.cumsum(shocks * np.sqrt(np.diff(steps, prepend=0))[:, None], axis=0)
    path = log_odds(fit.last_value) + steps[:, None] * np.log(factor)
    return share_of(path + noise * (walk + steps[:, None] * pace_error))


@dataclass(frozen=True, eq=False)
class ShareOutlook:
    """One series under one scenario: projection, benchmarks and the pace each target needs."""

    fit: ShareFit
    projection: Projection
    benchmarks: dict[str, Projection]  # persistence, drift
    required_pace: pd.DataFrame


def projection_years(fit: ShareFit, dataset: Dataset) -> np.ndarray:
    """From the year after the last observation through 2030 and every share target."""
    targets = dataset.targets.loc[dataset.targets[c.INDICATOR] == INDICATOR, c.YEAR]
    return np.arange(fit.last_year + 1, max([HORIZON, *targets]) + 1)


def benchmarks(fit: ShareFit, years: np.ndarray) -> dict[str, Projection]:
    """Persistence (the last value held) and drift (the first-to-last line, extended)."""
    h = fit.history
    slope = (h[c.VALUE].iloc[-1] - h[c.VALUE].iloc[0]) / (h[c.YEAR].iloc[-1] - h[c.YEAR].iloc[0])
    lines = {
        "persistence": np.full(len(years), fit.last_value),
        "drift": np.clip(fit.last_value + slope * (years - fit.last_year), 0.0, 100.0),
    }
    return {
        name: Projection(INDICATOR, GEO, fit.series, UNIT, years, line[:, None], h)
        for name, line in lines.items()
    }


def outlook(fit: ShareFit, scenario: Scenario, years: np.ndarray, targets: pd.DataFrame):
    """The scenario's projection for this series, its benchmarks and the required pace."""
    factor = relative_growth(scenario)
    draws = simulate_share(
        fit, years, factor, int(scenario.value("draws")), int(scenario.value("seed"))
    )
    projection = Projection(INDICATOR, GEO, fit.series, UNIT, years, draws, fit.history)
    return ShareOutlook(
        fit, projection, benchmarks(fit, years), required_pace(fit, scenario, targets)
    )


def required_pace(fit: ShareFit, scenario: Scenario, targets: pd.DataFrame) -> pd.DataFrame:
    """Per share target still ahead: the yearly gain needed against the series' own pace."""
    gdp = float(scenario.value("gdp_growth")) / 100
    h = fit.history
    span = fit.last_year - int(h[c.YEAR].iloc[0])
    past_pp = (fit.last_value - h[c.VALUE].iloc[0]) / span
    past_growth = (1 + gdp) * np.exp(fit.pace) - 1
    out = []
    for t in rows(targets[targets[c.INDICATOR] == INDICATOR]):
        ahead = t.year - fit.last_year
        row = {
            c.TARGET: t.target,
            c.YEAR: t.year,
            c.VALUE: t.value,
            c.SERIES: fit.series,
            "from_year": fit.last_year,
            "from_value": fit.last_value,
            "pp_per_year_needed": np.nan,
            "growth_needed": np.nan,
            "pp_per_year_historical": past_pp,
            "growth_historical": 100 * past_growth,
            "growth_scenario": float(scenario.value("digital_economy_growth")),
        }
        if ahead > 0:
            factor = np.exp((log_odds(t.value) - log_odds(fit.last_value)) / ahead)
            row["pp_per_year_needed"] = (t.value - fit.last_value) / ahead
            row["growth_needed"] = 100 * ((1 + gdp) * factor - 1)
        out.append(row)
    return pd.DataFrame(out)


def digital_economy_model(dataset: Dataset, scenario: Scenario) -> dict:
    """The MODELS entry: the share on the scenario's chosen series."""
    fit = fit_series(dataset, str(scenario.value("digital_economy_series")))
    view = outlook(fit, scenario, projection_years(fit, dataset), dataset.targets)
    return {(INDICATOR, GEO, fit.series): view.projection}


def backtest_share(dataset: Dataset, series_names=SERIES_NAMES, seed=0):
    """Leave-last-out per series: fit without the final year, forecast it, compare.

    The model here runs on the series' own pace (no scenario), so it is judged as a forecaster.
    """
    out = []
    for series in series_names:
        full = series_history(dataset, series)
        fit = fit_share(full.iloc[:-1].reset_index(drop=True), series)
        year, actual = int(full[c.YEAR].iloc[-1]), float(full[c.VALUE].iloc[-1])
        years = np.array([year])
        draws = simulate_share(fit, years, float(np.exp(fit.pace)), 4000, seed)[0]
        low, mid, high = np.quantile(draws, [0.1, 0.5, 0.9])
        bench = benchmarks(fit, years)
        forecasts = {
            "model": mid,
            "persistence": bench["persistence"].draws[0, 0],
            "drift": bench["drift"].draws[0, 0],
        }
        for method, forecast in forecasts.items():
            out.append(
                {
                    c.SERIES: series,
                    "points_fitted": len(fit.history),
                    "held_out_year": year,
                    "actual": actual,
                    "method": method,
                    "forecast": float(forecast),
                    "error_pp": float(forecast - actual),
                    "interval_80": f"{low:.2f}-{high:.2f}" if method == "model" else "",
                    "inside_80": bool(low <= actual <= high) if method == "model" else None,
                }
            )
    return pd.DataFrame(out)


def fit_series(dataset: Dataset, series: str) -> ShareFit:
    """Check and fit one series: the step every caller of the model starts with."""
    return fit_share(series_history(dataset, series), series)


def _value_in(fit: ShareFit, projection: Projection, year: int) -> str:
    """Observed value, or the median with its 80% interval, for a table cell."""
    seen = fit.history.loc[fit.history[c.YEAR] == year, c.VALUE]
    if len(seen):
        return f"{seen.iloc[0]:.2f} (observed)"
    lo, mid, hi = np.quantile(projection.at(year), [0.1, 0.5, 0.9])
    return f"{mid:.1f} ({lo:.1f}-{hi:.1f})"


def preset_table(dataset: Dataset, scenarios: list[Scenario], series_names=SERIES_NAMES):
    """Every series under every scenario: key values, target chances and the pace needed."""
    out = []
    for series in series_names:
        fit = fit_series(dataset, series)
        years = projection_years(fit, dataset)
        for scenario in scenarios:
            view = outlook(fit, scenario, years, dataset.targets)
            p = view.projection
            pace = view.required_pace.set_index(c.YEAR)
            row = {
                c.SERIES: series,
                "scenario": scenario.name,
                "growth_scenario": float(scenario.value("digital_economy_growth")),
                "share_2025": _value_in(fit, p, 2025),
                "share_2030": _value_in(fit, p, 2030),
            }
            for year, threshold in ((2025, 20), (2030, 30), (2045, 50)):
                row[f"P(>={threshold}% in {year})"] = (
                    round(p.probability(">=", threshold, year), 2)
                    if year in p.years
                    else "observed"
                )
            row["growth_needed_for_30%_in_2030"] = round(pace.loc[2030, "growth_needed"].iloc[0], 1)
            out.append(row)
    return pd.DataFrame(out)


def fit_summary(dataset: Dataset, series_names=SERIES_NAMES) -> pd.DataFrame:
    """Per series: the points it rests on, its past pace and the spread of its yearly changes."""
    out = []
    for series in series_names:
        fit = fit_series(dataset, series)
        h = fit.history
        out.append(
            {
                c.SERIES: series,
                "years": f"{h[c.YEAR].iloc[0]}-{fit.last_year}",
                "points": len(h),
                "pace (log-odds per year)": round(fit.pace, 4),
                "pace standard error": round(fit.pace_se, 4),
                "spread of yearly changes": round(fit.spread, 4),
                "degrees of freedom": fit.dof,
            }
        )
    return pd.DataFrame(out)
