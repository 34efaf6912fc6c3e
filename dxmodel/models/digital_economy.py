"""The digital economy's share of GDP, per measured series, under a scenario's growth levers.

Two series measure different things and are never mixed: GSO's official value added and MIC's
revenue-based estimates. The analyst picks one (lever `digital_economy_series`).

The model works on the share's odds (digital / non-digital value added), which grow each year
by the ratio of digital-economy growth to GDP growth. For a share of 10-20% that is the plain
accounting identity (share' = share x ratio) to within a few hundredths of a point; unlike it,
the odds bend as the share nears 100%, so no scenario implies a negative non-digital economy.

Long-run growth rule (`GROWTH_RULE`, applied by `log_growth_path` wherever the model builds a
path: projections, required pace, backtests; `HALF_LIFE` = 2):
    Where the scenario's growth would raise the share's odds faster than the chosen series'
    fastest year on record, the excess halves every 2 years from the first projected year;
    growth up to that pace is held.
A lever set far beyond anything measured (MIC's 2022 'breakthrough', 40% a year) therefore
states a burst, not a pace held for twenty years; growth within the observed range is
untouched, and every path still rises with the lever. The ceiling is the chosen series' own:
MIC's estimates rose by up to 0.21 a year in log-odds (GSO's by 0.07), so on MIC's series a
fast preset runs much further before the rule bites.

Uncertainty has two parts, both in log-odds; the scenario sets the centre, not the certainty:
- a random walk around the scenario's path whose yearly spread comes from the chosen series'
  own year-to-year changes (statsmodels OLS on the changes). With four to six points that
  spread is itself uncertain, so each simulated path draws its own spread from the scaled
  inverse chi-square with the fit's degrees of freedom, and its own error in the pace, as the
  predictive of a random walk with estimated drift would;
- a revision error on each published value. GSO has revised its own figures by up to 0.54 pp
  between vintages (2023: 12.33% in 2024, 12.87% in January 2025), more than the walk alone
  allowed for a year ahead. The revisions' spread is their root mean square in log-odds (about
  zero: nothing says which way the next revision goes), and each path draws its own revision
  spread from the scaled inverse chi-square with one degree of freedom per revision, so the
  error is Student-t with those degrees of freedom: heavy-tailed, as a handful of revisions
  warrants. MIC publishes no vintages; its figures are declared provisional ("to be revised
  after GSO's methodology"), so it borrows GSO's revision spread rather than pretend to none.
Persistence and drift are kept beside it as benchmarks, and `backtest_share` judges the whole
predictive by leaving out 2024 and 2025 (GSO) and 2024 (MIC), with the PIT of each outcome.

The growth lever is absolute (percent a year), not relative to a series: on MIC's series the
baseline's 9% is far below that series' own past pace, which `required_pace` shows beside the
growth that would give each target an 80% chance.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core import published
from dxmodel.core.data import Dataset
from dxmodel.core.levers import REGISTRY
from dxmodel.core.projection import Projection, held_out_score
from dxmodel.core.scenario import Scenario
from dxmodel.core.targets import CHANCE
from dxmodel.models.family import NEED_BASIS, Family, needs_frame
from dxmodel.util.errors import DataError, ScenarioError, short_repr
from dxmodel.util.frames import rows
from dxmodel.util.memo import Memo

INDICATOR = "digital_economy_share"
SUPERSEDED = "digital_economy_share_superseded"  # earlier vintages, kept to measure revision
GEO = c.FOCUS_GEO
UNIT = "% of GDP"
MIN_POINTS = 4  # three yearly changes: one to estimate the pace, two for its spread
MIN_BACKTEST_POINTS = 3  # the least a leave-last-out fit can rest on: one pace, one spread
HORIZON = 2030
HALF_LIFE = 2  # years in which growth above the fastest observed change loses half its excess
SERIES_NAMES = ("gso_value_added", "mic_estimate")  # the measured series the model can run
GROWTH_RULE = (
    "Where the scenario's growth would raise the share's odds faster than the chosen series' "
    f"fastest year on record, the excess halves every {HALF_LIFE} years from the first projected "
    "year; growth up to that pace is held."
)
_STREAM = 1
# what a held-out year is scored against, and the column of `outcomes` naming its source
OUTCOMES = {"first_release": "first_source", "latest": "latest_source"}


def log_odds(share_pct: np.ndarray | float) -> np.ndarray | float:
    p = np.asarray(share_pct, dtype=float) / 100.0
    return np.log(p / (1.0 - p))


def share_of(log_odds_value: np.ndarray | float) -> np.ndarray | float:
    # expit, not 1 / (1 + exp(-x)): the one-dof backtest draws log-odds far enough to overflow
    from scipy.special import expit  # imported when first used: `data check` never needs it

    return 100.0 * expit(np.asarray(log_odds_value, dtype=float))


def log_growth_path(g: float, g_max: float, years_ahead: np.ndarray | float) -> np.ndarray:
    """The rule in `GROWTH_RULE`: cumulative log-odds change after each of `years_ahead` years.

    Year k (1 = the first projected year) adds min(g, g_max) + max(g - g_max, 0) * r**(k-1)
    with r = 0.5**(1/HALF_LIFE); the sum has a closed form, so whole paths cost nothing.
    Both terms rise with g, so the path is monotone in the lever; g_max = inf is plain
    compounding (the accounting identity without the rule).
    """
    k = np.asarray(years_ahead, dtype=float)
    held, excess = min(g, g_max), max(g - g_max, 0.0)
    r = 0.5 ** (1.0 / HALF_LIFE)
    return k * held + excess * (1.0 - r**k) / (1.0 - r)


@dataclass(frozen=True)
class RevisionNoise:
    """How far a published value may still move: spread in log-odds, its dof, and why."""

    spread: float = 0.0  # root mean square of revisions in log-odds
    dof: int = 0  # number of revisions it rests on (0: no revision error)
    basis: str = "none"


@dataclass(frozen=True, eq=False)
class ShareFit:
    """A series' observations and what its year-to-year changes say about pace and spread."""

    series: str
    history: pd.DataFrame  # year, value (%)
    pace: float  # mean yearly change in log-odds: the series' historical pace
    pace_se: float
    spread: float  # standard deviation of yearly log-odds changes around that pace
    dof: int  # degrees of freedom of `spread`
    revision: RevisionNoise = field(default_factory=RevisionNoise)

    @property
    def last_year(self) -> int:
        return int(self.history[c.YEAR].iloc[-1])

    @property
    def last_value(self) -> float:
        return float(self.history[c.VALUE].iloc[-1])

    @property
    def g_max(self) -> float:
        """The fastest yearly log-odds change observed: the growth the decay rule holds."""
        return float(np.max(np.diff(log_odds(self.history[c.VALUE].to_numpy()))))


def _sources_of(dataset: Dataset, series: str) -> pd.Series:
    return dataset.sources.loc[dataset.sources[c.SERIES] == series, c.SOURCE]


def series_history(dataset: Dataset, series: str) -> pd.DataFrame:
    """Observed shares of one series, oldest first, checked usable by the model."""
    h = dataset.history
    observed = h[
        (h[c.INDICATOR] == INDICATOR)
        & (h[c.GEO] == GEO)
        & h[c.SOURCE].isin(_sources_of(dataset, series))
    ]
    observed = observed.sort_values(c.YEAR)
    where = dataset.location(observed) if len(observed) else "history"
    if len(observed) < MIN_POINTS:
        raise DataError(
            f"{where}: series {short_repr(series)} has {len(observed)} digital-economy "
            f"point(s); the model needs at least {MIN_POINTS} consecutive years"
        )
    years = observed[c.YEAR].to_numpy()
    gaps = np.flatnonzero(np.diff(years) != 1)
    if gaps.size:
        before, after = int(years[gaps[0]]), int(years[gaps[0] + 1])
        lacking = f"{before + 1}" if after == before + 2 else f"{before + 1}-{after - 1}"
        raise DataError(
            f"{dataset.location(observed.iloc[[gaps[0] + 1]])}: series {short_repr(series)} "
            f"jumps from {before} to {after}; the digital-economy model needs consecutive "
            f"years (no value for {lacking}: add those years or remove {after})"
        )
    edge = (observed[c.VALUE] <= 0) | (observed[c.VALUE] >= 100)
    if edge.any():
        row = observed[edge].iloc[[0]]
        raise DataError(
            f"{dataset.location(row)}: series {short_repr(series)} has a share of "
            f"{row[c.VALUE].iloc[0]:g}% in {int(row[c.YEAR].iloc[0])}; "
            "the model needs shares strictly between 0 and 100%"
        )
    observed = observed[[c.YEAR, c.VALUE]].reset_index(drop=True)
    return observed


def revisions(dataset: Dataset, series: str) -> pd.DataFrame:
    """Every superseded value of the series beside the latest one for the same year.

    Vintages are the series named f"{series}_vintage_<year>" in the sources; a revision is
    the latest value minus the superseded one, in points and in log-odds.
    """
    vintages = dataset.sources[dataset.sources[c.SERIES].str.startswith(f"{series}_vintage_")]
    h = dataset.history
    old = h[(h[c.INDICATOR] == SUPERSEDED) & (h[c.GEO] == GEO)]
    old = old.merge(vintages[[c.SOURCE, c.SERIES]], on=c.SOURCE)
    latest = h[
        (h[c.INDICATOR] == INDICATOR)
        & (h[c.GEO] == GEO)
        & h[c.SOURCE].isin(_sources_of(dataset, series))
    ][[c.YEAR, c.VALUE]].rename(columns={c.VALUE: "latest"})
    out = old.rename(columns={c.VALUE: "superseded", c.SERIES: "vintage"}).merge(latest, on=c.YEAR)
    out = out[[c.YEAR, "vintage", "superseded", "latest"]].sort_values([c.YEAR, "vintage"])
    out["revision_pp"] = out["latest"] - out["superseded"]
    out["revision_log_odds"] = log_odds(out["latest"]) - log_odds(out["superseded"])
    return out.reset_index(drop=True)


def released(dataset: Dataset, source: str) -> tuple[int, int]:
    """(year, month or 0) a source was published, from 'released YYYY[-MM]' in its
    edition_or_vintage: how a year's vintages are put in order."""
    found = published.released(dataset.sources, source)
    if found is None:
        row = dataset.sources.loc[dataset.sources[c.SOURCE] == source].iloc[0]
        raise DataError(
            f"sources.csv: source {short_repr(source)} has edition_or_vintage "
            f"{short_repr(row['edition_or_vintage'])} with no 'released YYYY-MM'; a year "
            "published in several vintages needs each one's date to tell its first release"
        )
    return found


def outcomes(dataset: Dataset, series: str) -> pd.DataFrame:
    """Per year of the series: its first release (the value published first) and its latest
    vintage (the value the series reads), each with its source.

    The latest vintage is the adopted value, not merely the last dated one: a later figure is
    kept as a vintage without replacing it when nothing says it revises it (the Feb 2026
    report's 13.9% for 2025, see source gso_de_2026_02_report). A year with one published
    value has the same first release and latest vintage."""
    latest = series_history(dataset, series).assign(
        **{c.SOURCE: lambda f: f[c.YEAR].map(_adopted_sources(dataset, series))}
    )
    vintages = dataset.sources[dataset.sources[c.SERIES].str.startswith(f"{series}_vintage_")]
    h = dataset.history
    old = h[
        (h[c.INDICATOR] == SUPERSEDED) & (h[c.GEO] == GEO) & h[c.SOURCE].isin(vintages[c.SOURCE])
    ]
    out = []
    for r in rows(latest):
        earlier = old[old[c.YEAR] == r.year]
        first_value, first_source = r.value, r.source
        if len(earlier):
            when = {s: released(dataset, s) for s in {r.source, *earlier[c.SOURCE]}}
            first = min(rows(earlier), key=lambda v: when[v.source])
            if when[first.source] < when[r.source]:
                first_value, first_source = first.value, first.source
        out.append((r.year, first_value, first_source, r.value, r.source))
    return pd.DataFrame(
        out, columns=[c.YEAR, "first_release", "first_source", "latest", "latest_source"]
    )


def _adopted_sources(dataset: Dataset, series: str) -> dict[int, str]:
    h = dataset.history
    adopted = h[
        (h[c.INDICATOR] == INDICATOR)
        & (h[c.GEO] == GEO)
        & h[c.SOURCE].isin(_sources_of(dataset, series))
    ]
    return dict(zip(adopted[c.YEAR], adopted[c.SOURCE], strict=True))


def revision_noise(dataset: Dataset, series: str) -> RevisionNoise:
    """The series' own revision spread, or, with no vintages, the pooled spread of those that
    have them (MIC's provisional estimates are not exempt from revision just for never having
    been reissued)."""
    own = revisions(dataset, series)
    if len(own):
        r = own["revision_log_odds"].to_numpy()
        return RevisionNoise(float(np.sqrt(np.mean(r**2))), len(r), f"{len(r)} {series} revisions")
    pooled = [s for s in SERIES_NAMES if s != series and len(revisions(dataset, s))]
    if not pooled:
        return RevisionNoise(basis=f"none: no vintages of {series} or any other series")
    r = np.concatenate([revisions(dataset, s)["revision_log_odds"].to_numpy() for s in pooled])
    return RevisionNoise(
        float(np.sqrt(np.mean(r**2))),
        len(r),
        f"borrowed from {', '.join(pooled)} ({len(r)} revisions): {series} publishes no vintages",
    )


def fit_share(
    history: pd.DataFrame, series: str, revision: RevisionNoise | None = None
) -> ShareFit:
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
        revision=revision if revision is not None else RevisionNoise(),
    )


def fit_series(dataset: Dataset, series: str) -> ShareFit:
    """Check and fit one series, with its revision noise: the step every caller starts with."""
    return fit_share(series_history(dataset, series), series, revision_noise(dataset, series))


def check_dataset(dataset: Dataset) -> str:
    """Everything `fit_series` refuses, for every series the model runs, without fitting: for
    `data check`. Returns what the model will stand on, in a few words."""
    points = []
    for series in SERIES_NAMES:
        h = series_history(dataset, series)
        revision_noise(dataset, series)
        points.append(f"{series} {h[c.YEAR].iloc[0]}-{h[c.YEAR].iloc[-1]}")
    return f"digital economy on {', '.join(points)}"


def relative_growth(scenario: Scenario) -> float:
    """Yearly growth factor of the share's odds: (1 + digital growth) / (1 + GDP growth)."""
    de, gdp = (float(scenario.value(k)) for k in ("digital_economy_growth", "gdp_growth"))
    if de <= -100 or gdp <= -100:
        raise ScenarioError(
            f"scenario {scenario.name!r}: digital-economy growth {de:g}% and GDP growth {gdp:g}% "
            "imply an economy that vanishes; both must be above -100%"
        )
    return (1 + de / 100) / (1 + gdp / 100)


def central_path(
    start: float, years_ahead: np.ndarray | float, factor: float, g_max: float = math.inf
) -> np.ndarray:
    """The share (%) after `years_ahead` years of odds growing by `factor` a year.

    The model passes its fit's `g_max`, so the decay rule applies; without it this is the plain
    compounding a published scenario was stated in (MIC's 2022 scenarios are checked so).
    """
    return share_of(log_odds(start) + log_growth_path(np.log(factor), g_max, years_ahead))


def share_noise(
    fit: ShareFit, years: np.ndarray, draws: int, seed: int, scale: float = 1.0
) -> np.ndarray:
    """Log-odds deviations (years, draws) of the published share from the scenario's path."""
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
    out = walk + steps[:, None] * pace_error
    rev = fit.revision
    if rev.dof > 0 and rev.spread > 0:
        # the published figure is the level plus a revision error that does not accumulate;
        # its spread, too, is drawn per path (Student-t with one dof per observed revision)
        sd = rev.spread * np.sqrt(rev.dof / rng.chisquare(rev.dof, size=draws))
        out = out + rng.standard_normal((len(steps), draws)) * sd
    return scale * out


def _central_log_odds(fit: ShareFit, years: np.ndarray, factor: float) -> np.ndarray:
    steps = np.asarray(years) - fit.last_year
    return log_odds(fit.last_value) + log_growth_path(np.log(factor), fit.g_max, steps)


def simulate_share(
    fit: ShareFit, years: np.ndarray, factor: float, draws: int, seed: int, noise: float = 1.0
) -> np.ndarray:
    """Paths (years, draws) of the published share (%): the ruled path plus the noise."""
    deviations = share_noise(fit, years, draws, seed, noise)
    return share_of(_central_log_odds(fit, years, factor)[:, None] + deviations)


@dataclass(frozen=True, eq=False)
class ShareOutlook:
    """One series under one scenario: projection, benchmarks and the pace each target needs."""

    fit: ShareFit
    projection: Projection
    benchmarks: dict[str, Projection]  # persistence, drift
    required_pace: pd.DataFrame
    # every other series under the same levers, with its benchmarks: charted beside the chosen
    # one, never mixed with it (exactly what choosing that series would give)
    others: dict[str, tuple[Projection, dict[str, Projection]]] = field(default_factory=dict)

    @property
    def projections(self) -> dict[tuple[str, str, str], Projection]:
        return {(INDICATOR, GEO, self.fit.series): self.projection}


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
    """The scenario's projection for this series, its benchmarks and the required pace.

    One set of noise draws serves both, so "what it needs" is read off the same simulation
    whose chances the scorecard shows.
    """
    noise = share_noise(fit, years, int(scenario.value("draws")), int(scenario.value("seed")))
    pace = required_pace(fit, scenario, targets, years, noise)
    return ShareOutlook(
        fit, share_projection(fit, scenario, years, noise), benchmarks(fit, years), pace
    )


def share_projection(fit: ShareFit, scenario: Scenario, years: np.ndarray, noise: np.ndarray):
    """The share under `scenario` on given noise draws (`share_noise`): all a sweep needs."""
    central = _central_log_odds(fit, years, relative_growth(scenario))
    draws = share_of(central[:, None] + noise)
    return Projection(INDICATOR, GEO, fit.series, UNIT, years, draws, fit.history)


def _growth_for(fit: ShareFit, steps: int, cumulative: float) -> float:
    """Invert `log_growth_path`: the lever's g whose ruled path gains `cumulative` in `steps`."""
    if cumulative <= steps * fit.g_max:
        return cumulative / steps
    r = 0.5 ** (1.0 / HALF_LIFE)
    return fit.g_max + (cumulative - steps * fit.g_max) / ((1.0 - r**steps) / (1.0 - r))


def required_pace(
    fit: ShareFit,
    scenario: Scenario,
    targets: pd.DataFrame,
    years: np.ndarray | None = None,
    noise: np.ndarray | None = None,
) -> pd.DataFrame:
    """Per share target still ahead: the growth lever that gives it an 80% chance.

    On the same noise draws as the projection (`noise`, for `years`; made from the scenario's
    draws and seed if not given) and under the decay rule. A draw meets the target when the
    ruled path plus its noise reaches it, and the path rises with the lever, so the lever
    giving an 80% chance is the one whose path reaches the target less the noise's 20th
    percentile (counted so that at least 80% of the draws meet it) - exact, no search.
    Beside it: the linear points a year, the series' own past pace and the scenario's lever.
    """
    lever = REGISTRY["digital_economy_growth"]
    gdp = float(scenario.value("gdp_growth")) / 100
    share_targets = targets[targets[c.INDICATOR] == INDICATOR]
    if years is None:
        years = np.arange(fit.last_year + 1, max([fit.last_year + 1, *share_targets[c.YEAR]]) + 1)
    if noise is None:
        noise = share_noise(fit, years, int(scenario.value("draws")), int(scenario.value("seed")))
    h = fit.history
    span = fit.last_year - int(h[c.YEAR].iloc[0])
    past_pp = (fit.last_value - h[c.VALUE].iloc[0]) / span
    past_growth = (1 + gdp) * np.exp(fit.pace) - 1
    out = []
    for t in rows(share_targets):
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
            "basis": f"{CHANCE:.0%} chance",
            c.NOTE: "already observed" if ahead <= 0 else "",
        }
        if ahead > 0 and t.comparator not in (">=", ">"):
            row[c.NOTE] = f"comparator {t.comparator!r}: no growth need computed"
        elif ahead > 0:
            row["pp_per_year_needed"] = (t.value - fit.last_value) / ahead
            at = np.sort(noise[int(np.flatnonzero(np.asarray(years) == t.year)[0])])
            # the noise value that at least CHANCE of the draws reach
            floor = at[len(at) - math.ceil(CHANCE * len(at) - 1e-9)]
            needed = log_odds(t.value) - log_odds(fit.last_value) - floor
            growth = 100 * ((1 + gdp) * np.exp(_growth_for(fit, ahead, needed)) - 1)
            if growth > lever.max:
                row[c.NOTE] = (
                    f"not reached with {CHANCE:.0%} chance within the lever's range "
                    f"({lever.describe_range()})"
                )
            elif growth < lever.min:
                row["growth_needed"] = float(lever.min)
                row[c.NOTE] = f"at least {CHANCE:.0%} chance even at the lever's minimum"
            else:
                row["growth_needed"] = float(growth)
        out.append(row)
    return pd.DataFrame(out)


def backtest_share(
    dataset: Dataset,
    series_names=SERIES_NAMES,
    seed: int = 0,
    held_out: tuple[int, ...] = (2024, 2025),
    draws: int = 4000,
) -> pd.DataFrame:
    """Leave-last-out per series and held-out year: fit on the years before, forecast that one,
    and score the forecast against both the year's first release and its latest vintage
    (`outcome`; `outcomes`), since a forecaster is judged on the figure first published and
    the model is fitted on revised ones.

    The model runs on the series' own pace (no scenario; the pace is never above the fastest
    change, so the decay rule is idle), with the same short-series and revision noise as a
    projection, so it is judged as a forecaster. A year is held out only where the series has
    it and at least MIN_BACKTEST_POINTS years before it: MIC's 2024 forecast rests on three
    points (two changes, one degree of freedom), all there is. `pit` is the share of model
    draws below the outcome: near 0 or 1 says the interval was too narrow or misplaced. The
    revision spread is today's (the vintages it rests on were not all known at the time).
    """
    out = []
    for series in series_names:
        full = series_history(dataset, series)
        revision = revision_noise(dataset, series)
        published = outcomes(dataset, series).set_index(c.YEAR)
        for year in held_out:
            before = full[full[c.YEAR] < year].reset_index(drop=True)
            seen = full.loc[full[c.YEAR] == year, c.VALUE]
            if not len(seen) or len(before) < MIN_BACKTEST_POINTS:
                continue
            fit = fit_share(before, series, revision)
            years = np.array([year])
            sim = simulate_share(fit, years, float(np.exp(fit.pace)), draws, seed)[0]
            mid = np.quantile(sim, 0.5)
            bench = benchmarks(fit, years)
            forecasts = {
                "model": mid,
                "persistence": bench["persistence"].draws[0, 0],
                "drift": bench["drift"].draws[0, 0],
            }
            for outcome, method in itertools.product(OUTCOMES, forecasts):
                forecast, model = forecasts[method], method == "model"
                actual = float(published.loc[year, outcome])
                out.append(
                    {
                        c.SERIES: series,
                        "points_fitted": len(before),
                        "held_out_year": year,
                        "outcome": outcome,
                        "outcome_source": published.loc[year, OUTCOMES[outcome]],
                        "actual": actual,
                        "method": method,
                        **held_out_score(sim if model else None, forecast, actual),
                    }
                )
    return pd.DataFrame(out)


def _value_in(fit: ShareFit, projection: Projection, year: int) -> str:
    """Observed value, or the median with its 80% interval, for a table cell."""
    seen = fit.history.loc[fit.history[c.YEAR] == year, c.VALUE]
    if len(seen):
        return f"{seen.iloc[0]:.2f} (observed)"
    if year not in projection.years:
        return ""  # before the series starts
    lo, mid, hi = np.quantile(projection.at(year), [0.1, 0.5, 0.9])
    return f"{mid:.1f} ({lo:.1f}-{hi:.1f})"


def preset_table(dataset: Dataset, scenarios: list[Scenario], series_names=SERIES_NAMES):
    """Every series under every scenario: the share in each target year, each share target's
    chance and the growth it needs, all from the registry (no target is named here)."""
    targets = dataset.targets[dataset.targets[c.INDICATOR] == INDICATOR]
    goals = targets.drop_duplicates([c.YEAR, c.COMPARATOR, c.VALUE]).sort_values(c.YEAR)
    out = []
    for series in series_names:
        fit = fit_series(dataset, series)
        years = projection_years(fit, dataset)
        for scenario in scenarios:
            view = outlook(fit, scenario, years, dataset.targets)
            p = view.projection
            row = {
                c.SERIES: series,
                "scenario": scenario.name,
                "growth_scenario": float(scenario.value("digital_economy_growth")),
                **{f"share_{y}": _value_in(fit, p, y) for y in sorted(set(targets[c.YEAR]))},
            }
            for g in rows(goals):
                row[f"P({g.comparator}{g.value:g}% in {g.year})"] = (
                    round(p.probability(g.comparator, g.value, g.year), 2)
                    if g.year in p.years
                    else "observed"
                )
            pace = view.required_pace.drop_duplicates([c.YEAR, c.VALUE])
            for r in rows(pace[pace["growth_needed"].notna()]):
                row[f"growth_for_80%_chance_of_{r.value:g}%_in_{r.year}"] = round(
                    r.growth_needed, 1
                )
            out.append(row)
    return pd.DataFrame(out)


def fit_summary(dataset: Dataset, series_names=SERIES_NAMES) -> pd.DataFrame:
    """Per series: the points it rests on, its pace, its spreads, and the rule's ceiling."""
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
                "fastest yearly change (held by the rule)": round(fit.g_max, 4),
                "revision spread (log-odds)": round(fit.revision.spread, 4),
                "revision basis": fit.revision.basis,
            }
        )
    return pd.DataFrame(out)


# --- the family seam ---------------------------------------------------------------------------
class FittedShares:
    """Every series fitted once; a scenario's draws kept per series, draws and seed."""

    def __init__(self, dataset: Dataset, as_of: int) -> None:
        self.targets = dataset.targets
        self.fits = {s: fit_series(dataset, s) for s in SERIES_NAMES}
        self.years = {s: projection_years(f, dataset) for s, f in self.fits.items()}
        self._noise = Memo()

    def _noise_of(self, series: str, scenario: Scenario) -> np.ndarray:
        draws, seed = int(scenario.value("draws")), int(scenario.value("seed"))
        fit, years = self.fits[series], self.years[series]
        return self._noise.get((series, draws, seed), lambda: share_noise(fit, years, draws, seed))

    def _projection(self, series: str, scenario: Scenario) -> Projection:
        fit, years = self.fits[series], self.years[series]
        return share_projection(fit, scenario, years, self._noise_of(series, scenario))

    def outlook(self, scenario: Scenario) -> ShareOutlook:
        series = chosen(scenario)
        fit, years = self.fits[series], self.years[series]
        pace = required_pace(fit, scenario, self.targets, years, self._noise_of(series, scenario))
        others = {
            s: (self._projection(s, scenario), benchmarks(self.fits[s], self.years[s]))
            for s in SERIES_NAMES
            if s != series
        }
        return ShareOutlook(
            fit, self._projection(series, scenario), benchmarks(fit, years), pace, others
        )

    def projections(self, scenario: Scenario) -> dict[tuple[str, str, str], Projection]:
        series = chosen(scenario)
        return {(INDICATOR, GEO, series): self._projection(series, scenario)}

    def needs(self, view: ShareOutlook) -> pd.DataFrame:
        return needs_frame(
            (
                r.target,
                "digital_economy_growth",
                r.growth_needed,
                r.growth_scenario,
                "% a year",
                NEED_BASIS,
                "",
            )
            for r in rows(view.required_pace)
            if not np.isnan(r.growth_needed)
        )


def chosen(scenario: Scenario) -> str:
    """The series the scenario reads the share on."""
    return str(scenario.value("digital_economy_series"))


FAMILY = Family(
    name="digital_economy",
    indicators=(INDICATOR,),
    fit=FittedShares,
    check=check_dataset,
    backtest=backtest_share,
    series=lambda scenario: {INDICATOR: chosen(scenario)},
)
