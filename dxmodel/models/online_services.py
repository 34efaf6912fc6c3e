"""Online public services, and public universities on the digital higher-education model.

Two kinds of figure measure online public services, and they are never mixed:
- **Use by people** (`public_service_portal_use_share`): PAPI's sample survey of adults, the share
  who used the National Public Service Portal in the past 12 months (4.05% in 2020 to 13.8% in
  2024). The targets on people's use are judged on it. Model: a random walk with drift in
  log-odds (logistic diffusion with noise), pace and spread from the five points' four yearly
  changes (statsmodels OLS), each path drawing its own spread (scaled inverse chi-square, 3
  dof) and pace error: with so few points the intervals are wide, on purpose. Its policy lever
  adds to the yearly growth of the odds above that fitted pace.
- **Dossiers filed online** (`online_dossier_rate`): three administrative series, joined never
  (A level-3/4 to Apr 2023, B full-process from end 2023, C provinces-only from Jul 2025).
  Months and parts of a year are kept apart (`online_dossier_rate_part_year`, the period named
  by the source's series, `<series>_<year>_<first month>[_<last month>]`), so no month is read
  as a year's value. Series B, the one a target is judged on, has two whole years (the first
  the monitoring's start) and three single months of 2025: too little for a fitted trend. It
  is projected as persistence: the 2025 level is the mean of its published months, the spread
  that of B's published values in its last two years (Student-t), a random walk a year after
  that, plus the scenario's yearly gain in points (a policy lever, 0 in the baseline: the
  2024-2025 values show no rise beyond their swings).
- **Digital universities** (`digital_university_share`): no share was ever published (5 pilot
  universities in 2022; about 242 universities in 2021, no public/private split), so the path
  is logistic diffusion from an assumed 2022 share at an assumed speed, both levers of kind
  "assumption", sampled around them; what effort adds is a policy lever.
Every projection sits beside persistence (and drift where two whole years allow it).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core.data import Dataset
from dxmodel.core.levers import REGISTRY
from dxmodel.core.projection import Projection, held_out_score
from dxmodel.core.scenario import Scenario
from dxmodel.core.targets import CHANCE
from dxmodel.models.family import NEED_BASIS, Family, needs_frame
from dxmodel.util.errors import DataError, short_repr
from dxmodel.util.frames import rows
from dxmodel.util.memo import Memo

GEO = c.FOCUS_GEO
USE, USE_SERIES = "public_service_portal_use_share", "papi_national_portal"
DOSSIERS, PART_YEAR = "online_dossier_rate", "online_dossier_rate_part_year"
DOSSIER_SERIES = "dossiers_full_process"  # B: the series a dossier target is judged on
#: the administrative series, never joined: id -> its letter in the reference notes
DOSSIER_SERIES_NAMES = {
    "dossiers_level34": "A",
    "dossiers_full_process": "B",
    "dossiers_online_34_provinces": "C",
}
UNIVERSITY = "digital_university_share"
PILOTS, UNIVERSITIES = "digital_university_pilots", "universities_total"
INDICATORS = (USE, DOSSIERS, UNIVERSITY)
HORIZON = 2030
MIN_POINTS = 4  # survey editions the use model needs: three yearly changes
MIN_BACKTEST_POINTS = 3
UNIVERSITY_START = 2022  # Decision 146's first year; the pilots' year
RECENT_YEARS = 2  # B's spread: its published values (any period) in its last two years
UNIVERSITY_SPREAD = {"start": 0.3, "speed": 0.3}  # log-normal sd around each assumption lever
_STREAM = 5
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_PERIOD = re.compile(rf"^(?P<base>[a-z0-9_]+?)_(?P<year>\d{{4}})_(?P<first>{'|'.join(_MONTHS)})"
                     rf"(?:_(?P<last>{'|'.join(_MONTHS)}))?$")  # fmt: skip
#: The lever each target indicator's "what it needs" searches.
REQUIREMENT_LEVERS = {
    USE: "portal_use_extra_growth",
    DOSSIERS: "online_dossier_gain",
    UNIVERSITY: "digital_university_push",
}


def logit(share_pct):
    p = np.asarray(share_pct, dtype=float) / 100.0
    return np.log(p / (1.0 - p))


def expit_pct(x):
    from scipy.special import expit

    return 100.0 * expit(np.asarray(x, dtype=float))


@dataclass(frozen=True)
class Period:
    """What a part-year figure covers: its series (A, B or C) and months, as its series says."""

    base: str
    year: int
    first: int  # month, 1-12
    last: int

    @property
    def single_month(self) -> bool:
        return self.first == self.last

    @property
    def middle(self) -> float:
        """The period's middle as a fractional year (June 2025 -> 2025.46)."""
        return self.year + (self.first - 1 + self.last) / 24

    def label(self) -> str:
        """Numeric, so it reads the same in every language: '06/2025', '01-06/2024'."""
        span = f"{self.first:02d}" if self.single_month else f"{self.first:02d}-{self.last:02d}"
        return f"{span}/{self.year}"


def period_of(series: str) -> Period | None:
    """The period a part-year series names, or None if it names none."""
    m = _PERIOD.match(series)
    if m is None or m["base"] not in DOSSIER_SERIES_NAMES:
        return None
    first = _MONTHS.index(m["first"]) + 1
    last = _MONTHS.index(m["last"]) + 1 if m["last"] else first
    return Period(m["base"], int(m["year"]), first, last) if last >= first else None


def _observed(dataset: Dataset, indicator: str) -> pd.DataFrame:
    h = dataset.history
    out = h[(h[c.INDICATOR] == indicator) & (h[c.GEO] == GEO)]
    return out.assign(**{c.SERIES: out[c.SOURCE].map(dataset.series_of)}).sort_values(c.YEAR)


def published_dossiers(dataset: Dataset) -> pd.DataFrame:
    """Every administrative dossier figure as published: series, period, value, source.

    A whole-year row's period is its year; a part-year row's comes from its series name,
    which must name one of DOSSIER_SERIES_NAMES and the row's own year (a DataError if not).
    """
    out = []
    whole = _observed(dataset, DOSSIERS)
    for i, r in enumerate(rows(whole)):
        if r.series not in DOSSIER_SERIES_NAMES:
            raise DataError(
                f"{dataset.location(whole.iloc[[i]])}: {DOSSIERS} of {r.year} is on series "
                f"{short_repr(r.series)}; known: {', '.join(DOSSIER_SERIES_NAMES)}"
            )
        out.append((r.series, "year", str(r.year), r.year + 0.5, r.value, r.source))
    part = _observed(dataset, PART_YEAR)
    for i, r in enumerate(rows(part)):
        period = period_of(r.series)
        if period is None or period.year != r.year:
            raise DataError(
                f"{dataset.location(part.iloc[[i]])}: {PART_YEAR} of {r.year} is on series "
                f"{short_repr(r.series)}, which does not name its period as "
                "<series>_<year>_<first month>[_<last month>] (e.g. dossiers_full_process_2025_jun)"
            )
        kind = "month" if period.single_month else "part_year"
        out.append((period.base, kind, period.label(), period.middle, r.value, r.source))
    columns = [c.SERIES, "kind", "period", "when", c.VALUE, c.SOURCE]
    return pd.DataFrame(out, columns=columns).sort_values([c.SERIES, "when"], ignore_index=True)


# --- use by people: PAPI ------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class UseFit:
    """The survey's editions and what their yearly log-odds changes say about pace and spread."""

    history: pd.DataFrame  # year, value
    pace: float
    pace_se: float
    spread: float
    dof: int

    @property
    def last_year(self) -> int:
        return int(self.history[c.YEAR].iloc[-1])

    @property
    def last_value(self) -> float:
        return float(self.history[c.VALUE].iloc[-1])


def use_history(dataset: Dataset) -> pd.DataFrame:
    """PAPI's yearly shares, checked: consecutive years, strictly between 0 and 100%."""
    seen = _observed(dataset, USE)
    seen = seen[seen[c.SERIES] == USE_SERIES]
    where = dataset.location(seen) if len(seen) else "history"
    years = seen[c.YEAR].to_numpy()
    if len(seen) < MIN_POINTS or np.any(np.diff(years) != 1):
        raise DataError(
            f"{where}: series {USE_SERIES} has {len(seen)} point(s) in years "
            f"{', '.join(map(str, years)) or 'none'}; the use model needs at least {MIN_POINTS} "
            "consecutive years"
        )
    if ((seen[c.VALUE] <= 0) | (seen[c.VALUE] >= 100)).any():
        raise DataError(f"{where}: series {USE_SERIES} needs shares strictly between 0 and 100%")
    return seen[[c.YEAR, c.VALUE]].reset_index(drop=True)


def fit_use(history: pd.DataFrame) -> UseFit:
    """Pace and spread of the yearly log-odds changes (statsmodels OLS on a constant)."""
    from statsmodels.regression.linear_model import OLS

    changes = np.diff(logit(history[c.VALUE].to_numpy()))
    ols = OLS(changes, np.ones_like(changes)).fit()
    return UseFit(
        history, float(ols.params[0]), float(ols.bse[0]), float(np.sqrt(ols.scale)),
        int(ols.df_resid),
    )  # fmt: skip


def use_noise(fit: UseFit, years: np.ndarray, draws: int, seed: int) -> np.ndarray:
    """Log-odds deviations (years, draws) from the central path: the predictive of a random walk
    whose pace and spread were both estimated from a handful of changes."""
    rng = np.random.default_rng([seed, _STREAM, 1])
    steps = np.asarray(years) - fit.last_year
    spread = fit.spread * np.sqrt(fit.dof / rng.chisquare(fit.dof, size=draws))
    pace_error = spread / np.sqrt(fit.dof + 1) * rng.standard_normal(draws)
    shocks = rng.standard_normal((len(steps), draws)) * spread
    walk = np.cumsum(shocks * np.sqrt(np.diff(steps, prepend=0))[:, None], axis=0)
    return walk + steps[:, None] * pace_error


def use_draws(fit: UseFit, years: np.ndarray, extra_growth: float, noise: np.ndarray):
    """Shares (%) of adults: the fitted pace plus the lever's extra odds growth, plus noise."""
    steps = np.asarray(years) - fit.last_year
    pace = fit.pace + math.log1p(extra_growth / 100)
    return expit_pct((logit(fit.last_value) + steps * pace)[:, None] + noise)


def naive(history: pd.DataFrame, years: np.ndarray) -> dict[str, np.ndarray]:
    """Persistence (the last value held) and drift (the first-to-last line), within 0-100."""
    y, v = history[c.YEAR].to_numpy(), history[c.VALUE].to_numpy()
    slope = (v[-1] - v[0]) / (y[-1] - y[0]) if len(y) > 1 else 0.0
    return {
        "persistence": np.full(len(years), float(v[-1])),
        "drift": np.clip(v[-1] + slope * (np.asarray(years) - y[-1]), 0.0, 100.0),
    }


def backtest_use(dataset: Dataset, seed: int = 0, draws: int = 4000) -> pd.DataFrame:
    """Leave the last survey year out, and the last two: the model's median, 80% interval and
    PIT beside persistence and drift. Fitted on three or four editions, as all there was."""
    full = use_history(dataset)
    out = []
    for year in full[c.YEAR].iloc[MIN_BACKTEST_POINTS:]:
        before = full[full[c.YEAR] < year].reset_index(drop=True)
        fit, years = fit_use(before), np.array([year])
        actual = float(full.loc[full[c.YEAR] == year, c.VALUE].iloc[0])
        sim = use_draws(fit, years, 0.0, use_noise(fit, years, draws, seed))[0]
        mid = np.quantile(sim, 0.5)
        bench = naive(before, years)
        for method, forecast in (("model", mid), *((k, v[0]) for k, v in bench.items())):
            model = method == "model"
            out.append(
                {
                    c.SERIES: USE_SERIES,
                    "points_fitted": len(before),
                    "held_out_year": int(year),
                    "actual": actual,
                    "method": method,
                    **held_out_score(sim if model else None, forecast, actual),
                }
            )
    return pd.DataFrame(out)


# --- dossiers filed online: series B ------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class DossierBase:
    """Series B's whole years, the level its latest year's published figures stand at, and the
    spread of its recent published values (the only measure of how much it swings)."""

    history: pd.DataFrame  # whole years: year, value
    level_year: int
    level: float
    spread: float
    dof: int
    recent: pd.DataFrame  # the published values the level and spread rest on


def dossier_base(dataset: Dataset) -> DossierBase:
    """Read series B: its whole years and its part-year figures, each dated by its period."""
    published = published_dossiers(dataset)
    b = published[published[c.SERIES] == DOSSIER_SERIES]
    whole = b[b["kind"] == "year"]
    if len(whole) < 1 or len(b) < 3:
        raise DataError(
            f"history: series {DOSSIER_SERIES} has {len(whole)} whole year(s) and {len(b)} "
            "published value(s); the dossier model needs a whole year and three values"
        )
    year_of = np.floor(b["when"]).astype(int)
    last = int(year_of.max())
    recent = b[year_of > last - RECENT_YEARS]
    latest = b[year_of == last]
    return DossierBase(
        history=pd.DataFrame(
            {c.YEAR: np.floor(whole["when"]).astype(int), c.VALUE: whole[c.VALUE]}
        ).reset_index(drop=True),
        level_year=last,
        level=float(latest[c.VALUE].mean()),
        spread=float(recent[c.VALUE].std(ddof=1)),
        dof=len(recent) - 1,
        recent=recent.reset_index(drop=True),
    )


def dossier_noise(base: DossierBase, years: np.ndarray, draws: int, seed: int) -> np.ndarray:
    """Points (years, draws) around the level: the level's own error, then a yearly walk, each
    path with its spread drawn from the scaled inverse chi-square (Student-t, `dof`)."""
    rng = np.random.default_rng([seed, _STREAM, 2])
    spread = base.spread * np.sqrt(base.dof / rng.chisquare(base.dof, size=draws))
    steps = np.asarray(years) - base.level_year
    level_error = rng.standard_normal(draws)
    walk = np.cumsum(rng.standard_normal((len(steps), draws)), axis=0)
    return spread * (level_error + walk)


def dossier_draws(base: DossierBase, years: np.ndarray, gain: float, noise: np.ndarray):
    steps = np.asarray(years) - base.level_year
    return np.clip(base.level + gain * steps[:, None] + noise, 0.0, 100.0)


# --- digital universities: assumptions only -----------------------------------------------------
UNIVERSITY_YEARS = np.arange(UNIVERSITY_START, HORIZON + 1)


def university_noise(draws: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng([seed, _STREAM, 3])
    return {name: rng.standard_normal(draws) for name in UNIVERSITY_SPREAD}


def university_draws(scenario: Scenario, z: dict[str, np.ndarray]) -> np.ndarray:
    """Logistic diffusion from an assumed 2022 share at an assumed speed plus effort (%)."""
    start = float(scenario.value("digital_university_start_share")) * np.exp(
        UNIVERSITY_SPREAD["start"] * z["start"]
    )
    start = np.clip(start, 0.1, 99.0)
    speed = float(scenario.value("digital_university_speed")) * np.exp(
        UNIVERSITY_SPREAD["speed"] * z["speed"]
    ) + float(scenario.value("digital_university_push"))
    elapsed = (UNIVERSITY_YEARS - UNIVERSITY_START)[:, None]
    return 100.0 / (1 + (100.0 / start - 1) * np.exp(-speed * elapsed))


def university_context(dataset: Dataset) -> str:
    """What the start-share assumption rests on, from the data: pilots over all universities."""
    h = dataset.history
    pilots, total = (h.loc[h[c.INDICATOR] == name] for name in (PILOTS, UNIVERSITIES))
    if pilots.empty or total.empty:
        return "no count of pilot universities or of universities in the data"
    p, n = pilots.iloc[-1], total.iloc[-1]
    return (
        f"{p[c.VALUE]:g} pilot universities ({p[c.YEAR]}) of about {n[c.VALUE]:g} universities "
        f"({n[c.YEAR]}, public and private): {100 * p[c.VALUE] / n[c.VALUE]:.1f}%, a lower bound "
        "on the public share"
    )


# --- the outlook --------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class ServicesOutlook:
    """Projections (use, dossiers, universities), their naive benchmarks, and the lever value
    each open target needs for an 80% chance."""

    projections: dict[tuple[str, str, str], Projection]
    benchmarks: dict[str, dict[str, np.ndarray]]  # indicator -> name -> path over its years
    requirements: pd.DataFrame


class FittedServices:
    """Data read and fitted once; noise kept per draws and seed."""

    def __init__(self, dataset: Dataset, as_of: int) -> None:
        self.use = fit_use(use_history(dataset))
        self.dossiers = dossier_base(dataset)
        self.units = dataset.indicators.set_index(c.INDICATOR)[c.UNIT].to_dict()
        self.use_years = np.arange(self.use.last_year + 1, HORIZON + 1)
        self.dossier_years = np.arange(self.dossiers.level_year + 1, HORIZON + 1)
        t = dataset.targets
        self.ahead = t[t[c.INDICATOR].isin(INDICATORS) & (t[c.JUDGED_ON_YEAR] >= as_of)]
        self._noise = Memo()

    def noise(self, scenario: Scenario) -> dict[str, object]:
        draws, seed = int(scenario.value("draws")), int(scenario.value("seed"))
        return self._noise.get(
            (draws, seed),
            lambda: {
                USE: use_noise(self.use, self.use_years, draws, seed),
                DOSSIERS: dossier_noise(self.dossiers, self.dossier_years, draws, seed),
                UNIVERSITY: university_noise(draws, seed),
            },
        )

    def _draws(self, indicator: str, scenario: Scenario) -> np.ndarray:
        noise = self.noise(scenario)[indicator]
        if indicator == USE:
            lever = float(scenario.value("portal_use_extra_growth"))
            return use_draws(self.use, self.use_years, lever, noise)
        if indicator == DOSSIERS:
            lever = float(scenario.value("online_dossier_gain"))
            return dossier_draws(self.dossiers, self.dossier_years, lever, noise)
        return university_draws(scenario, noise)

    def projections(self, scenario: Scenario) -> dict[tuple[str, str, str], Projection]:
        made = {
            USE: (USE_SERIES, self.use_years, self.use.history, "model"),
            DOSSIERS: (DOSSIER_SERIES, self.dossier_years, self.dossiers.history, "model"),
            UNIVERSITY: ("", UNIVERSITY_YEARS, None, "assumptions"),
        }
        out = {}
        for indicator, (series, years, history, basis) in made.items():
            extra = {"history": history} if history is not None else {}
            out[(indicator, GEO, series)] = Projection(
                indicator, GEO, series, self.units[indicator], years,
                self._draws(indicator, scenario), basis=basis, **extra,
            )  # fmt: skip
        return out

    def outlook(self, scenario: Scenario) -> ServicesOutlook:
        return ServicesOutlook(
            self.projections(scenario),
            {
                USE: naive(self.use.history, self.use_years),
                DOSSIERS: {
                    "persistence": naive(self.dossiers.history, self.dossier_years)["persistence"]
                },
            },
            self.requirements(scenario),
        )

    def requirements(self, scenario: Scenario) -> pd.DataFrame:
        """Per open target: the lever value giving an 80% chance on the same draws, by bisection
        (each projection rises with its lever, so the answer is exact for this simulation)."""
        years = {USE: self.use_years, DOSSIERS: self.dossier_years, UNIVERSITY: UNIVERSITY_YEARS}
        out = []
        for t in rows(self.ahead):
            if t.year not in years[t.indicator] or t.comparator not in (">=", ">"):
                continue
            lever = REGISTRY[REQUIREMENT_LEVERS[t.indicator]]
            i = int(np.flatnonzero(years[t.indicator] == t.judged_on_year)[0])

            def chance(value: float, t=t, i=i, lever=lever) -> float:
                moved = scenario.with_levers(**{lever.name: value})
                return float(np.mean(self._draws(t.indicator, moved)[i] >= t.value))

            lo, hi, needed = lever.min, lever.max, np.nan
            if chance(hi) >= CHANCE:
                while hi - lo > 1e-3 * (lever.max - lever.min):
                    mid = (lo + hi) / 2
                    lo, hi = (lo, mid) if chance(mid) >= CHANCE else (mid, hi)
                needed = hi
            note = "" if not np.isnan(needed) else (
                f"not reached within the lever's range ({lever.describe_range()})"
            )  # fmt: skip
            scenario_value = float(scenario.value(lever.name))
            out.append((t.target, lever.name, needed, scenario_value, lever.unit_text, note))
        return pd.DataFrame(out, columns=[c.TARGET, "lever", "needed", "scenario", "unit", c.NOTE])

    def needs(self, view: ServicesOutlook) -> pd.DataFrame:
        return needs_frame(
            (r.target, r.lever, r.needed, r.scenario, r.unit, NEED_BASIS, r.note)
            for r in rows(view.requirements)
        )


def check_dataset(dataset: Dataset) -> str:
    """What the family stands on, in one line; a DataError where the data are refused."""
    use = use_history(dataset)
    base = dossier_base(dataset)
    return (
        f"online services on {USE_SERIES} {use[c.YEAR].iloc[0]}-{use[c.YEAR].iloc[-1]} and "
        f"{DOSSIER_SERIES} ({len(base.history)} whole years, {len(base.recent)} recent values)"
    )


FAMILY = Family(
    name="online_services",
    indicators=INDICATORS,
    fit=FittedServices,
    check=check_dataset,
    backtest=backtest_use,
)
