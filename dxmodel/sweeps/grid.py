"""Explore grids: the real models' results on a grid over the levers that decide the key
targets, so a page can move sliders offline and show only numbers the model produced.

Per family, a full factorial over its chosen levers, every other lever at the scenario's value,
on the scenario's draws and seed (common random numbers), through the lean path sweeps use: a
grid point's P(meet) and median are the scorecard's for that scenario, exactly. Families are
gridded apart because a family's projections read only its own levers (`Scenario.read_by`):
sliders of two families never interact, so the page needs no product across families.

A grid point is found by its lever values' positions in `itertools.product` order (the last
lever varies fastest), so the payload stores no coordinates.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core.levers import ORDERED_PAIRS, REGISTRY, Lever, Value, ordered_ends
from dxmodel.core.projection import DEFAULT_QUANTILES
from dxmodel.core.scenario import Scenario, scenario_from_text
from dxmodel.core.targets import KEY_TARGETS, is_whole, judging
from dxmodel.engine.kept import kept
from dxmodel.engine.session import Session
from dxmodel.models import BY_NAME, FAMILIES
from dxmodel.sweeps.design import SWEPT_KINDS
from dxmodel.sweeps.run import worker_session
from dxmodel.sweeps.sensitivity import MOVES, kept_tornado
from dxmodel.util.errors import DxError
from dxmodel.util.executors import executor, local_workers
from dxmodel.util.frames import rows
from dxmodel.util.provenance import data_hash

VALUES = 5  # per lever, about: evenly spaced through the scenario's own value (see lever_values)
MAX_LEVERS = 8
PER_FAMILY = 3
CHUNK = 50  # grid points per task: milliseconds each, so a task is worth sending
QUANTILES = DEFAULT_QUANTILES  # the fan chart's bands
COLUMNS = ("family", "point", "part", "name", "series", "year", "quantile", "value")


@dataclass(frozen=True)
class Axis:
    """One slider: a lever and the values its grid holds (the scenario's own among them)."""

    name: str
    kind: str
    unit: str
    values: tuple[Value, ...]  # evenly spaced: values[0] + k * step
    own: Value
    step: Value


@dataclass(frozen=True, eq=False)
class ExploreGrid:
    """A scenario's grid: sliders per family, the levers held fixed, the tidy results
    (COLUMNS; full precision), each key target's (P(meet), median) at the scenario's own
    values, and the compact payload (rounded: for reading and charts; a page's texts are
    written from the full-precision numbers, `outcome`)."""

    scenario: str
    axes: Mapping[str, tuple[Axis, ...]]
    fixed: Mapping[str, Value]
    table: pd.DataFrame
    payload: dict
    base: Mapping[str, tuple[float, float]]

    def outcome(self, family: str, part: str) -> pd.DataFrame:
        """P(meet) (`part` "p_meet") or the median ("median") per grid point (rows, in
        `itertools.product` order) and key target (columns), at full precision."""
        rows_ = self.table[(self.table["family"] == family) & (self.table["part"] == part)]
        wide = rows_.pivot(index="point", columns="name", values="value")
        return wide.reindex(index=range(self.points[family]))

    @property
    def points(self) -> dict[str, int]:
        return {
            family: math.prod(len(a.values) for a in axes) for family, axes in self.axes.items()
        }

    def to_json(self) -> str:
        return json.dumps(self.payload, separators=(",", ":"), ensure_ascii=False)


def fan_key(indicator: str, series: str) -> str:
    """A projection's name in the payload's fans: a family may project one indicator on
    several series."""
    return f"{indicator}|{series}"


def family_of_lever(lever: Lever) -> str:
    return lever.model.split(".")[0]


def key_targets(session: Session, scenario: Scenario) -> list[str]:
    """The key targets a model still judges here (open, projected), as the report lists them."""
    judged = set(session.chances(scenario)[c.TARGET])
    return [k for k in KEY_TARGETS if k in judged]


def choose_levers(
    table: pd.DataFrame, max_levers: int = MAX_LEVERS, per_family: int = PER_FAMILY
) -> dict[str, tuple[Lever, ...]]:
    """Family -> its levers, most decisive first: by the largest P(meet) swing a lever gives
    any key target in the tornado; then, for key targets whose P(meet) no lever moves (one
    out of reach at every end), by the median's swing relative to the scenario's: a slider
    still shows how far such a target's outcome moves. Levers that move nothing are left out.

    A family's grid holds values**levers points, so a fourth lever would multiply its points
    (and the page's bytes and compute) by five for less than the first three move; eight in
    all keeps the sliders readable and a page to a few hundred points.
    """
    t = table.assign(
        _p=table["swing"].abs(),
        _m=(table["median_high"] - table["median_low"]).abs()
        / table["median_base"].abs().where(table["median_base"] != 0, 1.0),
    )
    moved = t.groupby(c.TARGET)["_p"].transform("max") >= MOVES
    by_p = t[t["_p"] >= MOVES].groupby("lever", sort=False)["_p"].max()
    still = t[~moved & (t["_m"] >= MOVES) & ~t["lever"].isin(by_p.index)]
    by_median = still.groupby("lever", sort=False)["_m"].max()
    ranked = [
        *by_p.sort_values(ascending=False, kind="stable").index,
        *by_median.sort_values(ascending=False, kind="stable").index,
    ]
    chosen: dict[str, list[Lever]] = {}
    total = 0
    for name in ranked:
        lever = REGISTRY[name]
        family = family_of_lever(lever)
        group = chosen.setdefault(family, [])
        if family not in BY_NAME or lever.kind not in SWEPT_KINDS or len(group) >= per_family:
            continue
        if any(partner.name in _partners(name) for partner in group):
            continue  # two ordered levers on sliders could cross: one scenario no file allows
        group.append(lever)
        total += 1
        if total >= max_levers:
            break
    return {f.name: tuple(chosen[f.name]) for f in FAMILIES if chosen.get(f.name)}


def _partners(name: str) -> set[str]:
    return {b if a == name else a for a, b in ORDERED_PAIRS if name in (a, b)}


NICE = (1, 1.5, 2, 2.5, 3, 4, 5)  # a spacing is one of these times a power of ten: 4, 0.025


def spacings(lever: Lever, low: float, high: float, n: int = VALUES) -> list[Value]:
    """Round distances between a lever's grid values, best first: the `NICE` number nearest
    (high - low) / (n - 1), then each smaller one, then one step; only whole numbers of the
    lever's steps. So a slider reads 5, 9, 13, 17 rather than 5.2, 9, 12.8, 16.6."""
    raw = (high - low) / max(n - 1, 1)
    unit = 1 if lever.integer else (lever.step or raw or 1.0)
    if raw <= 0:
        return [unit]
    power = 10.0 ** math.floor(math.log10(raw))
    ladder = sorted(
        {
            round(m * power * scale, 9)
            for m in NICE
            for scale in (0.1, 1, 10)
            if m * power * scale >= unit - 1e-12
            and abs(m * power * scale / unit - round(m * power * scale / unit)) < 1e-6
        }
    )
    if not ladder:
        return [unit]
    nearest = min(ladder, key=lambda x: abs(math.log(x / raw)))
    below = [x for x in reversed(ladder) if x < nearest]
    return [nearest, *below, unit]


def _through(own: float, low: float, high: float, gap: float) -> list[float]:
    """Every own + k * gap inside [low, high]."""
    tolerance = 1e-9 * max(1.0, abs(gap))
    below = math.floor((own - low) / gap + tolerance)
    above = math.floor((high - own) / gap + tolerance)
    return [own + k * gap for k in range(-below, above + 1)]


def lever_values(
    lever: Lever, values: Mapping[str, Value], n: int = VALUES
) -> tuple[tuple[Value, ...], Value]:
    """At least n - 1 evenly spaced round values across the lever's span (widened to its own
    value, narrowed to keep ordered pairs ordered, as the tornado does), the scenario's own
    value one of them, and their spacing: a slider's rest position is a number the report
    shows, and a page's `<input type="range">` steps through exactly these values (min, max
    and step). Anchored on the scenario's value, the grid reaches a span's end only when the
    spacing divides the way there."""
    own = values[lever.name]
    low, high = min(lever.span[0], own), max(lever.span[1], own)
    low, high = ordered_ends(lever, low, high, values)
    for gap in spacings(lever, low, high, n):
        grid = _through(own, low, high, gap)
        if len(grid) >= n - 1:
            break
    if lever.integer:
        return tuple(round(v) for v in grid), round(gap)
    return tuple(round(float(v), 9) + 0.0 for v in grid), gap  # + 0.0: never -0.0


def _values_and_own(lever: Lever, own: Mapping[str, Value], n: int):
    values, gap = lever_values(lever, own, n)
    return values, (int if lever.integer else float)(own[lever.name]), gap


# --- evaluation: plain functions on plain arguments, for any executor ------------------------
@dataclass(frozen=True)
class GridTask:
    """Consecutive points of one family's grid, with the data hash the client read."""

    scenario: str  # Scenario.to_yaml: plain text travels to any worker
    data: str
    as_of: int
    family: str
    levers: tuple[str, ...]
    targets: tuple[str, ...]
    first: int
    points: tuple[tuple[Value, ...], ...]


def evaluate_task(task: GridTask) -> pd.DataFrame:
    """A task's results in a worker, on the Session it fitted once."""
    session = worker_session(task.data)
    if session.as_of != task.as_of:
        raise DxError(
            f"a worker judges as of {session.as_of}, the grid as of {task.as_of}: "
            "run it on the same day everywhere"
        )
    return evaluate(session, task)


def evaluate(session: Session, task: GridTask) -> pd.DataFrame:
    """Per point: each key target's P(meet) and median as the scorecard reads them (the target's
    judging year), and every projection of the family as fan quantiles per year."""
    base = scenario_from_text(task.scenario, "explore grid: scenario")
    fitted, family = session.families[task.family], BY_NAME[task.family]
    judged = [t for t in rows(session.open_targets(base)) if t.target in task.targets]
    out: list[tuple] = []
    for point, at in enumerate(task.points, task.first):
        projections = fitted.projections(
            base.with_levers(**dict(zip(task.levers, at, strict=True)))
        )
        for t in judged:
            projection = judging(t, projections)
            if projection is None:
                continue
            year = int(t.judged_on_year)
            p = projection.probability(t.comparator, t.value, year)
            median = projection.median_at(year)
            median = round(median) if is_whole(t.unit) else median
            out.append((task.family, point, "p_meet", t.target, t.series, year, np.nan, p))
            out.append((task.family, point, "median", t.target, t.series, year, np.nan, median))
        for (indicator, _geo, series), projection in projections.items():
            if not family.owns(indicator):
                continue
            q = np.quantile(projection.draws, QUANTILES, axis=1)
            for level, band in zip(QUANTILES, q, strict=True):
                for year, value in zip(projection.years, band, strict=True):
                    out.append(
                        (task.family, point, "fan", indicator, series, int(year), level, value)
                    )
    frame = pd.DataFrame(out, columns=list(COLUMNS))
    return frame.astype({"point": int, "year": int, "quantile": float, "value": float})


def _compute(
    session: Session, tasks: list[GridTask], jobs: int | None, scheduler: str | None
) -> pd.DataFrame:
    """Every task: here on this session for one local job, else through the executor seam."""
    if not tasks:
        return pd.DataFrame(columns=list(COLUMNS))
    if jobs == 1 and not scheduler:
        frames = [evaluate(session, task) for task in tasks]
    else:
        with executor(jobs or local_workers(), scheduler) as pool:
            futures = [pool.submit(evaluate_task, task) for task in tasks]
            frames = [future.result() for future in futures]
    return pd.concat(frames, ignore_index=True)


def explore_grid(
    session: Session,
    scenario: Scenario,
    values: int = VALUES,
    max_levers: int = MAX_LEVERS,
    per_family: int = PER_FAMILY,
    jobs: int | None = None,
    scheduler: str | None = None,
) -> ExploreGrid:
    """The scenario's explore grid, kept on disk under its design (scenario, levers, values,
    draws and seed): a second call with the same design reads it back.

    Workers (any `jobs` but 1, or a scheduler) fit the checkout's data and refuse other data;
    one local job runs on `session` itself.
    """
    keys = key_targets(session, scenario)
    chosen = choose_levers(kept_tornado(session, scenario, keys), max_levers, per_family)
    own = scenario.values()
    made = {
        family: [
            Axis(lv.name, lv.kind, lv.unit_text, *_values_and_own(lv, own, values)) for lv in levers
        ]
        for family, levers in chosen.items()
    }
    # a lever its ordered partner pins to one value has nothing to slide through
    axes = {f: tuple(a for a in ax if len(a.values) > 1) for f, ax in made.items()}
    axes = {f: ax for f, ax in axes.items() if ax}
    design = tuple((f, tuple((a.name, a.values) for a in ax)) for f, ax in axes.items())
    key = (
        "explore-grid",
        session.as_of,
        scenario.digest(),
        tuple(sorted(own.items())),
        tuple(keys),
        design,
        QUANTILES,
    )

    def make() -> pd.DataFrame:
        text, digest = scenario.to_yaml(), data_hash()
        tasks = []
        for family, ax in axes.items():
            points = list(itertools.product(*(a.values for a in ax)))
            names = tuple(a.name for a in ax)
            for first in range(0, len(points), CHUNK):
                chunk = tuple(points[first : first + CHUNK])
                tasks.append(
                    GridTask(text, digest, session.as_of, family, names, tuple(keys), first, chunk)
                )
        return _compute(session, tasks, jobs, scheduler)

    table = kept("explore", session.dataset, key, make)
    chosen_names = {a.name for ax in axes.values() for a in ax}
    fixed = {k: v for k, v in own.items() if k not in chosen_names}
    chances = session.chances(scenario).set_index(c.TARGET)
    base = {k: (float(chances.loc[k, "p_meet"]), float(chances.loc[k, "median"])) for k in keys}
    payload = _payload(scenario, axes, fixed, keys, table)
    payload["base"] = {k: {"p_meet": _p(p), "median": _sig(m)} for k, (p, m) in base.items()}
    return ExploreGrid(scenario.name, axes, fixed, table, payload, base)


# --- the payload: compact; the bands to more figures than a chart's tooltip shows ------------
FAN_FIGURES = 6


def _p(x: float) -> float:
    return round(float(x), 3)


def _sig(x: float, figures: int = 4) -> float | int:
    r = float(f"{float(x):.{figures}g}")
    return int(r) if r.is_integer() and abs(r) < 1e15 else r


def _payload(
    scenario: Scenario,
    axes: Mapping[str, tuple[Axis, ...]],
    fixed: Mapping[str, Value],
    keys: Sequence[str],
    table: pd.DataFrame,
) -> dict:
    """Plain JSON: per family its sliders, its key targets' P(meet) and median per point, and
    each indicator's fan (point x quantile x year), points in `itertools.product` order."""
    families = {}
    for family, ax in axes.items():
        n = math.prod(len(a.values) for a in ax)
        rows_ = table[table["family"] == family]
        outcome = rows_[rows_["part"] != "fan"]
        targets = [k for k in keys if k in set(outcome["name"])]
        wide = {
            part: outcome[outcome["part"] == part]
            .pivot(index="point", columns="name", values="value")
            .reindex(index=range(n), columns=targets)
            for part in ("p_meet", "median")
        }
        fans = {}
        fan = rows_[rows_["part"] == "fan"]
        for (indicator, series), one in fan.groupby(["name", "series"], sort=False):
            years = sorted(one["year"].unique())
            cube = (
                one.set_index(["point", "quantile", "year"])["value"]
                .sort_index()
                .to_numpy()
                .reshape(n, len(QUANTILES), len(years))
            )
            fans[fan_key(indicator, series)] = {
                "series": series,
                "years": [int(y) for y in years],
                "values": [
                    [[_sig(v, FAN_FIGURES) for v in band] for band in point] for point in cube
                ],
            }
        families[family] = {
            "levers": [
                {
                    "name": a.name,
                    "kind": a.kind,
                    "unit": a.unit,
                    "values": list(a.values),
                    "own": a.own,
                    "step": a.step,
                }
                for a in ax
            ],
            "targets": targets,
            "p_meet": [[_p(v) for v in r] for r in wide["p_meet"].to_numpy()],
            "median": [[_sig(v) for v in r] for r in wide["median"].to_numpy()],
            "fans": fans,
        }
    return {
        "scenario": scenario.name,
        "digest": scenario.digest(),
        "draws": int(scenario.value("draws")),
        "seed": int(scenario.value("seed")),
        "quantiles": list(QUANTILES),
        "targets": list(keys),
        "fixed": dict(fixed),
        "families": families,
    }
