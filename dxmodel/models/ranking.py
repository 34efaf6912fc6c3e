"""Viet Nam's UN EGDI rank among 193 countries: simulate every country, then count.

The EGDI is relative, so Viet Nam's rank depends on the other 192 countries. The engine

1. fits, across countries, how each component (OSI, TII, HCI) changes from one edition to the
   next given its level (`fit_ranking`: pooled OLS, so leaders slow and laggards catch up, plus a
   shrunken effect for countries that persistently beat that line);
2. simulates every other country's next editions from that fit (`simulate_world`), with noise
   resampled from the fit's own residuals: a common edition shock plus an idiosyncratic part;
3. drives Viet Nam's components by the scenario's per-edition gains, with its own share of the
   same noise (`vietnam_paths`), so a slider on Viet Nam replays only Viet Nam;
4. ranks: rank = 1 + the number of countries with a strictly higher EGDI in the same draw.

Only editions of the current method are used (2014 on, where EGDI is the mean of the three
components). `backtest_ranking` scores the engine against persistence and drift.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dxmodel import columns as c
from dxmodel.data import Dataset
from dxmodel.errors import DataError
from dxmodel.frames import rows
from dxmodel.projection import Projection
from dxmodel.scenario import Scenario

COMPONENTS = ("osi", "tii", "hci")
SERIES = "undesa_egov"
FIRST_EDITION = 2014  # EGDI = mean(OSI, TII, HCI) from here on; earlier editions differ
STEP = 2  # the survey is biennial
HORIZON = 2030
VIETNAM = "VNM"
RANK_THRESHOLDS = (50, 30)
WHAT_IT_TAKES = ((50, 2026), (30, 2030))  # (top N, edition)
TARGET_PROBABILITY = 0.8
INDICATORS = ("egdi", "egdi_rank", "egdi_rank_sea")
_STREAM = 3  # keeps this model's random numbers apart from the other models'


@dataclass(frozen=True, eq=False)
class RankingFit:
    """Levels at the last observed edition and the fitted change model, for every country."""

    geos: np.ndarray  # (C,) ISO3, sorted
    sea: np.ndarray  # (C,) bool: UN M49 South-eastern Asia
    last_edition: int
    levels: np.ndarray  # (C, 3) components at the last edition
    egdi_offset: np.ndarray  # (C,) published EGDI minus the mean of its rounded components
    intercept: np.ndarray  # (3,) change = intercept + slope * level + country effect
    slope: np.ndarray  # (3,)
    country_effect: np.ndarray  # (C, 3)
    shocks: np.ndarray  # (T, 3) common residual of each fitted transition
    residuals: np.ndarray  # (T * C, 3) idiosyncratic residuals, resampled as noise
    table: pd.DataFrame  # the wide history it stands on: year, geo, components, egdi, egdi_rank

    def index(self, geo: str) -> int:
        hit = np.flatnonzero(self.geos == geo)
        if hit.size == 0:
            raise DataError(f"history: {geo} is not in the {self.last_edition} EGDI edition")
        return int(hit[0])

    def drift(self, levels: np.ndarray) -> np.ndarray:
        """Expected change over one edition at these levels, per country and component."""
        return self.intercept + self.slope * levels + self.country_effect

    def historical_gain(self, geo: str = VIETNAM) -> np.ndarray:
        """Mean per-edition change of each component since FIRST_EDITION."""
        own = self.table[self.table[c.GEO] == geo].sort_values(c.YEAR)
        values = own[list(COMPONENTS)].to_numpy()
        return (values[-1] - values[0]) / (len(values) - 1)


def egdi_table(history: pd.DataFrame, last: int | None = None) -> pd.DataFrame:
    """Wide UN survey table (year, geo, osi, tii, hci, egdi, egdi_rank), checked complete."""
    un = history[
        history[c.SOURCE].str.startswith("undesa_egov")
        & history[c.INDICATOR].isin((*COMPONENTS, "egdi", "egdi_rank"))
        & (history[c.YEAR] >= FIRST_EDITION)
        & (history[c.YEAR] <= (last or 9999))
    ]
    wide = un.pivot_table(index=[c.YEAR, c.GEO], columns=c.INDICATOR, values=c.VALUE)
    wide = wide.reindex(columns=[*COMPONENTS, "egdi", "egdi_rank"]).reset_index()
    years = sorted(wide[c.YEAR].unique())
    wanted = list(range(FIRST_EDITION, (last or max(years, default=FIRST_EDITION)) + 1, STEP))
    missing = [str(y) for y in wanted if y not in years]
    if missing or len(wanted) < 3:
        raise DataError(
            f"history: the EGDI ranking model needs the editions {wanted[0]}-{wanted[-1]} "
            f"(at least three); missing {', '.join(missing) or 'none'}"
        )
    latest = set(wide.loc[wide[c.YEAR] == years[-1], c.GEO])
    for year in years:
        absent = sorted(latest - set(wide.loc[wide[c.YEAR] == year, c.GEO]))
        if absent:
            raise DataError(
                f"history: {absent[0]} has no EGDI row in the {year} edition; every country of "
                f"the {years[-1]} edition must be in every edition from {FIRST_EDITION}"
            )
    wide = wide[wide[c.GEO].isin(latest)]
    gaps = wide[[*COMPONENTS, "egdi", "egdi_rank"]].isna().any(axis=1)
    if gaps.any():
        row = wide[gaps].iloc[0]
        raise DataError(
            f"history: {row[c.GEO]} in {int(row[c.YEAR])} lacks OSI, TII, HCI, EGDI or its rank"
        )
    return wide.sort_values([c.YEAR, c.GEO], ignore_index=True)


def fit_ranking(history: pd.DataFrame, last: int | None = None, sea=()) -> RankingFit:
    """Fit the pooled change-against-level model on the editions FIRST_EDITION..`last`."""
    from statsmodels.regression.linear_model import OLS  # heavy: imported when fitting only

    table = egdi_table(history, last=last)
    years = sorted(table[c.YEAR].unique())
    cube = np.stack([table[table[c.YEAR] == y][list(COMPONENTS)].to_numpy() for y in years])
    geos = table.loc[table[c.YEAR] == years[-1], c.GEO].to_numpy()
    before, change = cube[:-1], np.diff(cube, axis=0)  # (T, C, 3)
    intercept, slope, resid = np.empty(3), np.empty(3), np.empty_like(change)
    for k in range(3):
        level = before[..., k].ravel()
        ols = OLS(change[..., k].ravel(), np.column_stack([np.ones_like(level), level])).fit()
        intercept[k], slope[k] = ols.params
        resid[..., k] = ols.resid.reshape(change.shape[:2])
    shocks = resid.mean(axis=1)  # (T, 3): what moved every country in one edition
    own = resid - shocks[:, None, :]
    n = own.shape[0]
    # Empirical Bayes: keep the part of a country's mean residual that n editions of pure
    # noise would not produce; the rest stays in the noise.
    noise_var = own.var(axis=(0, 1), ddof=1)
    country_mean = own.mean(axis=0)
    signal_var = np.maximum(country_mean.var(axis=0, ddof=1) - noise_var / n, 0.0)
    effect = signal_var / (signal_var + noise_var / n) * country_mean
    return RankingFit(
        geos=geos,
        sea=np.isin(geos, list(sea)),
        last_edition=int(years[-1]),
        levels=cube[-1],
        egdi_offset=table.loc[table[c.YEAR] == years[-1], "egdi"].to_numpy() - cube[-1].mean(-1),
        intercept=intercept,
        slope=slope,
        country_effect=effect,
        shocks=shocks,
        residuals=(own - effect).reshape(-1, 3),
        table=table,
    )


@dataclass(frozen=True, eq=False)
class World:
    """Simulated editions of every country, and the focus country's own share of the noise.

    The focus country's column of `others` holds -inf: it never counts as someone above,
    so ranks and thresholds need no copy without it.
    """

    editions: np.ndarray  # (E,)
    others: np.ndarray  # (E, N, C) EGDI of every country, -inf for the focus country
    others_sea: np.ndarray  # (C,) bool: South-eastern Asia, focus country excluded
    start: np.ndarray  # (3,) the focus country's components at the last edition
    offset: float  # the focus country's published EGDI minus the mean of its components
    noise: np.ndarray  # (E, N, 3) the focus country's noise, reused for its scenario path

    def egdi(self, components: np.ndarray) -> np.ndarray:
        """The focus country's EGDI from its simulated components (…, 3)."""
        return components.mean(axis=-1) + self.offset


def simulate_world(
    fit: RankingFit,
    editions: np.ndarray,
    draws: int,
    seed: int,
    momentum: float = 1.0,
    noise_scale: float = 1.0,
    focus: str = VIETNAM,
) -> World:
    """Every country's components edition by edition, from the fitted change model.

    Each country draws one residual row per edition (its three components together, so their
    correlation is kept) plus the edition's common shock; `momentum` scales the expected change
    and `noise_scale` the noise (0 and 0 reproduce persistence).
    """
    rng = np.random.default_rng([seed, _STREAM])
    n_countries = fit.levels.shape[0]
    me = fit.index(focus)
    others = np.empty((len(editions), draws, n_countries))
    my_noise = np.empty((len(editions), draws, 3))
    # component-major and contiguous: one (draws, countries) array per component, updated in place
    levels = [np.tile(fit.levels[:, k], (draws, 1)) for k in range(3)]
    for e in range(len(editions)):
        picks = rng.integers(len(fit.residuals), size=(draws, n_countries))
        shock = rng.integers(len(fit.shocks), size=draws)
        egdi = others[e]
        egdi[:] = 0.0
        for k, level in enumerate(levels):
            noise = fit.residuals[:, k].take(picks)
            noise += fit.shocks[shock, k][:, None]
            noise *= noise_scale
            my_noise[e, :, k] = noise[:, me]
            # level + momentum * (intercept + slope * level + effect) + noise, in place
            level *= 1.0 + momentum * fit.slope[k]
            level += momentum * (fit.intercept[k] + fit.country_effect[:, k])
            level += noise
            np.clip(level, 0.0, 1.0, out=level)
            egdi += level
        egdi /= 3.0
        egdi += fit.egdi_offset  # anchored on the published EGDI: no rank moves by rounding
        egdi[:, me] = -np.inf
    sea = fit.sea.copy()
    sea[me] = False
    return World(
        np.asarray(editions), others, sea, fit.levels[me], float(fit.egdi_offset[me]), my_noise
    )


def vietnam_paths(world: World, gains: np.ndarray) -> np.ndarray:
    """The focus country's components (E, N, 3) under per-edition `gains` plus its noise."""
    level = np.broadcast_to(world.start, world.noise.shape[1:])
    out = np.empty_like(world.noise)
    for e in range(len(world.editions)):
        level = np.clip(level + gains + world.noise[e], 0.0, 1.0)
        out[e] = level
    return out


def rank_against(others: np.ndarray, score: np.ndarray) -> np.ndarray:
    """1 + the number of `others` (…, K) strictly above `score` (…): integer ranks."""
    return 1 + (others > score[..., None]).sum(axis=-1)


def ranks_of_all(scores: np.ndarray) -> np.ndarray:
    """Rank of every country in every row of `scores` (…, C): 1 + countries strictly higher."""
    flat = scores.reshape(-1, scores.shape[-1])
    n_rows, n = flat.shape
    offset = (np.ptp(flat) + 1.0) * np.arange(n_rows)[:, None]  # one sorted array for all
    ordered = np.sort(flat + offset, axis=-1).ravel()
    at_or_below = np.searchsorted(ordered, (flat + offset).ravel(), side="right")
    at_or_below = at_or_below.reshape(n_rows, n) - n * np.arange(n_rows)[:, None]
    return (1 + n - at_or_below).reshape(scores.shape)


def nth_highest(others: np.ndarray, n: int) -> np.ndarray:
    """The n-th highest of `others` along the last axis: the score needed to rank n-th."""
    k = others.shape[-1] - n
    return np.partition(others, k, axis=-1)[..., k]


def ranking_editions(fit: RankingFit, dataset: Dataset) -> np.ndarray:
    """Future editions to simulate: through 2030 and every ranking target; checks targets."""
    t = dataset.targets[dataset.targets[c.INDICATOR].isin(INDICATORS)]
    observed = set(fit.table[c.YEAR])
    for row in t.itertuples(index=False):
        year = row.judged_on_year
        if year in observed or (year > fit.last_edition and (year - fit.last_edition) % STEP == 0):
            continue
        raise DataError(
            f"targets.csv: target {row.target!r} is judged on {year}, which is not a UN survey "
            f"edition the ranking model observes or simulates (even years from {FIRST_EDITION})"
        )
    last = max([HORIZON, *t[c.JUDGED_ON_YEAR]])
    return np.arange(fit.last_edition + STEP, last + 1, STEP)


@dataclass(frozen=True, eq=False)
class RankingOutlook:
    """What the engine says about one scenario: projections, thresholds, what it takes."""

    projections: dict[tuple[str, str, str], Projection]  # keyed as the scorecard looks them up
    components: dict[str, Projection]  # Viet Nam's OSI, TII, HCI
    thresholds: dict[int, Projection]  # N -> EGDI Viet Nam needs to rank N-th
    what_it_takes: pd.DataFrame


def outlook(
    fit: RankingFit,
    scenario: Scenario,
    editions: np.ndarray,
    world: World | None = None,
    required: pd.DataFrame | None = None,
    thresholds: dict[int, Projection] | None = None,
) -> RankingOutlook:
    """Viet Nam's EGDI, rank and ASEAN position under `scenario`.

    `world`, `required` (from `required_gains`) and `thresholds` (from `threshold_projections`)
    depend only on the other countries and the draws, so a caller that keeps them replays
    Viet Nam alone when its gains move.
    """
    if world is None:
        world = simulate_world(
            fit,
            editions,
            draws=int(scenario.value("draws")),
            seed=int(scenario.value("seed")),
            momentum=float(scenario.value("others_momentum")),
        )
    gains = scenario_gains(scenario)
    paths = vietnam_paths(world, gains)
    egdi = world.egdi(paths)
    draws = {
        "egdi": egdi,
        "egdi_rank": rank_against(world.others, egdi).astype(float),
        "egdi_rank_sea": rank_against(world.others[..., world.others_sea], egdi).astype(float),
        **{name: paths[..., k] for k, name in enumerate(COMPONENTS)},
    }
    past = vietnam_history(fit)

    def projection(indicator: str) -> Projection:
        unit = "rank" if indicator.startswith("egdi_rank") else "index 0-1"
        return Projection(
            indicator, VIETNAM, SERIES, unit, world.editions, draws[indicator], past[indicator]
        )

    return RankingOutlook(
        projections={(name, VIETNAM, SERIES): projection(name) for name in INDICATORS},
        components={name: projection(name) for name in COMPONENTS},
        thresholds=thresholds if thresholds is not None else threshold_projections(world),
        what_it_takes=what_it_takes(fit, world, gains, required),
    )


def threshold_projections(world: World) -> dict[int, Projection]:
    """Per N in RANK_THRESHOLDS: the EGDI Viet Nam needs to rank N-th, in every draw."""
    size = world.others.shape[-1]
    kth = [size - n for n in RANK_THRESHOLDS]
    ordered = np.partition(world.others, kth, axis=-1)  # one partition for every threshold
    return {
        n: Projection(f"egdi_needed_for_rank_{n}", VIETNAM, SERIES, "index 0-1",
                      world.editions, ordered[..., k])
        for n, k in zip(RANK_THRESHOLDS, kth, strict=True)
    }  # fmt: skip


def vietnam_history(fit: RankingFit) -> dict[str, pd.DataFrame]:
    """Viet Nam's observed editions the fit stands on, per indicator (year, value)."""
    table = fit.table.copy()
    table["egdi_rank_sea"] = np.nan
    sea_rows = table[c.GEO].isin(fit.geos[fit.sea])
    for _, edition in table[sea_rows].groupby(c.YEAR):
        table.loc[edition.index, "egdi_rank_sea"] = ranks_of_all(edition["egdi"].to_numpy())
    vn = table[table[c.GEO] == VIETNAM]
    return {
        name: vn[[c.YEAR, name]].rename(columns={name: c.VALUE}).reset_index(drop=True)
        for name in (*INDICATORS, *COMPONENTS)
    }


def scenario_gains(scenario: Scenario) -> np.ndarray:
    return np.array([float(scenario.value(f"vnm_{k}_gain")) for k in COMPONENTS])


def probability_top(world: World, gains: np.ndarray, top: int, edition: int) -> float:
    """P(rank <= top) in `edition` with Viet Nam's components rising by `gains` per edition."""
    e = int(np.flatnonzero(world.editions == edition)[0])
    level = world.start
    for step in range(e + 1):  # Viet Nam's path up to that edition only
        level = np.clip(level + gains + world.noise[step], 0.0, 1.0)
    return float(np.mean(rank_against(world.others[e], world.egdi(level)) <= top))


def required_gains(
    fit: RankingFit,
    world: World,
    wanted=WHAT_IT_TAKES,
    thresholds: dict[int, Projection] | None = None,
) -> pd.DataFrame:
    """Per (top N, edition): the EGDI and equal per-edition component gain for an 80% chance.

    For each draw, the smallest equal gain that puts Viet Nam at or above the N-th highest
    other country is found by bisection (vectorised over draws); the gain needed for an 80%
    chance is the 80th percentile of those. Exact for this simulation, and independent of
    Viet Nam's scenario gains, so it is computed once per simulated world.
    """
    out = []
    historical = fit.historical_gain(VIETNAM).mean()
    for top, edition in wanted:
        if edition not in world.editions:
            continue
        e = int(np.flatnonzero(world.editions == edition)[0])
        known = (thresholds or {}).get(top)
        needed = known.draws[e] if known is not None else nth_highest(world.others[e], top)
        per_draw = _smallest_gain(world, e, needed, low=-0.1, high=0.4)
        gain = float(np.quantile(per_draw, TARGET_PROBABILITY, method="higher"))
        out.append(
            {
                "target_rank": top,
                "edition": edition,
                "probability": TARGET_PROBABILITY,
                "egdi_needed": float(np.quantile(needed, TARGET_PROBABILITY)),
                "gain_needed": gain if np.isfinite(gain) else np.nan,
                "gain_historical": float(historical),
            }
        )
    return pd.DataFrame(out)


def _smallest_gain(world: World, e: int, needed: np.ndarray, low: float, high: float):
    """Per draw: the least equal component gain reaching `needed` by edition `e` (inf if none)."""

    def reaches(gain: np.ndarray) -> np.ndarray:
        level = np.broadcast_to(world.start, (len(gain), 3))
        for step in range(e + 1):
            level = np.clip(level + gain[:, None] + world.noise[step], 0.0, 1.0)
        return world.egdi(level) >= needed

    lo, hi = np.full(len(needed), low), np.full(len(needed), high)
    possible = reaches(hi)
    for _ in range(20):  # to within 0.5 / 2**20 per draw
        mid = (lo + hi) / 2
        ok = reaches(mid)
        hi, lo = np.where(ok, mid, hi), np.where(ok, lo, mid)
    return np.where(possible, hi, np.inf)


def what_it_takes(
    fit: RankingFit, world: World, gains: np.ndarray, required: pd.DataFrame | None = None
) -> pd.DataFrame:
    """`required_gains` beside the scenario's own gain and its chance of each target."""
    table = required if required is not None else required_gains(fit, world)
    return table.assign(
        gain_scenario=float(gains.mean()),
        p_scenario=[
            probability_top(world, gains, row.target_rank, row.edition) for row in rows(table)
        ],
    )


def rank_targets(dataset: Dataset, editions: np.ndarray) -> tuple[tuple[int, int], ...]:
    """(top N, edition) of every registry rank target judged on a simulated edition."""
    t = dataset.targets
    t = t[(t[c.INDICATOR] == "egdi_rank") & t[c.JUDGED_ON_YEAR].isin(editions)]
    pairs = zip(t[c.VALUE], t[c.JUDGED_ON_YEAR], strict=True)
    return tuple(sorted({(int(v), int(y)) for v, y in pairs}))


def fit_dataset(dataset: Dataset) -> RankingFit:
    """`fit_ranking` on a dataset, with South-eastern Asia taken from its geographies."""
    sea = dataset.geographies.loc[dataset.geographies["region"] == "South-eastern Asia", c.GEO]
    return fit_ranking(dataset.history, sea=tuple(sea))


def ranking_model(dataset: Dataset, scenario: Scenario) -> dict:
    """The MODELS entry: Viet Nam's EGDI, rank and ASEAN position for the scorecard."""
    fit = fit_dataset(dataset)
    return outlook(fit, scenario, ranking_editions(fit, dataset)).projections


def summary_table(view: RankingOutlook) -> pd.DataFrame:
    """Per simulated edition: EGDI and ranks (median and 80% interval), thresholds, chances."""
    egdi = view.projections[("egdi", VIETNAM, SERIES)]
    rank = view.projections[("egdi_rank", VIETNAM, SERIES)]
    sea = view.projections[("egdi_rank_sea", VIETNAM, SERIES)]

    def interval(p: Projection, year: int, fmt: str) -> str:
        lo, mid, hi = np.quantile(p.at(year), [0.1, 0.5, 0.9])
        return f"{mid:{fmt}} ({lo:{fmt}}-{hi:{fmt}})"

    out = []
    for year in egdi.years:
        row = {
            "edition": int(year),
            "egdi, median (80% interval)": interval(egdi, year, ".3f"),
            "rank of 193": interval(rank, year, ".0f"),
            "rank in South-East Asia": interval(sea, year, ".0f"),
        }
        for n, threshold in view.thresholds.items():
            row[f"egdi needed for rank {n} (median)"] = round(
                float(np.median(threshold.at(year))), 3
            )
            row[f"P(top {n})"] = round(rank.probability("<=", n, year), 2)
        out.append(row)
    return pd.DataFrame(out)


def fit_summary(fit: RankingFit) -> pd.DataFrame:
    """The fitted change model per component: what a reader needs to judge it."""
    return pd.DataFrame(
        {
            "component": COMPONENTS,
            "intercept": fit.intercept,
            "slope on level": fit.slope,
            "common shock sd": fit.shocks.std(axis=0, ddof=1),
            "idiosyncratic sd": fit.residuals.std(axis=0, ddof=1),
            "Viet Nam mean gain per edition": fit.historical_gain(VIETNAM),
        }
    ).round(4)


def backtest_numbers(table: pd.DataFrame) -> dict:
    """What the backtest shows, as numbers: mean errors per method, wins, coverage range."""
    mae = table.pivot(index="forecast_edition", columns="method", values="mae_rank_all")
    coverage = table.loc[table["method"] == "model", "coverage_80"]
    return {
        "n": len(mae),
        "wins": int((mae["model"] < mae["persistence"]).sum()),
        **{method: float(mae[method].mean()) for method in ("model", "persistence", "drift")},
        "cov_lo": float(coverage.min()),
        "cov_hi": float(coverage.max()),
    }


def backtest_summary(table: pd.DataFrame) -> str:
    """One sentence saying what the backtest shows, whichever way it goes."""
    n = backtest_numbers(table)
    return (
        f"Over {n['n']} editions the model's mean absolute rank error was {n['model']:.1f} "
        f"against {n['persistence']:.1f} for persistence and {n['drift']:.1f} for drift; it beat "
        f"persistence in {n['wins']} of {n['n']}. Its 80% intervals held "
        f"{n['cov_lo']:.0%}-{n['cov_hi']:.0%} of actual EGDI values."
    )


BACKTEST_ORIGINS = (2018, 2020, 2022)


def backtest_ranking(
    history: pd.DataFrame, origins=BACKTEST_ORIGINS, draws: int = 1000, seed: int = 0
) -> pd.DataFrame:
    """Fit on editions up to each origin, forecast the next one, score against what happened.

    Methods: the model (median simulated rank; 80% interval of EGDI), persistence (rank
    unchanged) and drift (each country's last EGDI change repeated, then ranked). Errors are
    mean absolute rank errors over all countries, and Viet Nam's absolute rank error.
    """
    out = []
    for origin in origins:
        fit = fit_ranking(history, last=origin)
        target = origin + STEP
        actual = egdi_table(history, last=target)
        actual = actual[actual[c.YEAR] == target].set_index(c.GEO).reindex(fit.geos)
        if actual["egdi"].isna().any():
            raise DataError(f"history: the {target} edition lacks countries ranked in {origin}")
        world = simulate_world(fit, np.array([target]), draws, seed, focus=VIETNAM)
        # put Viet Nam back among the others, on the fitted model like everyone else
        egdi = world.others[0].copy()
        me = fit.index(VIETNAM)
        mine = np.clip(fit.levels[me] + fit.drift(fit.levels)[me] + world.noise[0], 0.0, 1.0)
        egdi[:, me] = world.egdi(mine)
        low, high = np.quantile(egdi, [0.1, 0.9], axis=0)
        inside = (actual["egdi"].to_numpy() >= low) & (actual["egdi"].to_numpy() <= high)
        past = fit.table[fit.table[c.YEAR] == origin].set_index(c.GEO).reindex(fit.geos)
        before = fit.table[fit.table[c.YEAR] == origin - STEP].set_index(c.GEO).reindex(fit.geos)
        drift_scores = 2 * past["egdi"].to_numpy() - before["egdi"].to_numpy()
        forecasts = {
            "model": np.median(ranks_of_all(egdi), axis=0),
            "persistence": past["egdi_rank"].to_numpy(),
            "drift": ranks_of_all(drift_scores),
        }
        truth = actual["egdi_rank"].to_numpy()
        for method, forecast in forecasts.items():
            error = np.abs(forecast - truth)
            out.append(
                {
                    "fitted_through": origin,
                    "forecast_edition": target,
                    "method": method,
                    "mae_rank_all": float(error.mean()),
                    "abs_error_vietnam": float(error[me]),
                    "coverage_80": float(inside.mean()) if method == "model" else np.nan,
                }
            )
    return pd.DataFrame(out)
