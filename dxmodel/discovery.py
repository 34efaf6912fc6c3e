"""Scenario discovery: the lever conditions under which a target's P(meet) is at least 80%.

PRIM (Friedman and Fisher's patient rule induction, as the EMA workbench uses it) peels a
box off the sweep's samples, a few percent at a time, keeping the cases of interest (samples
with P(meet) >= 80%) as dense as it can. From that trajectory the box with the greatest
coverage among those at least 80% dense is kept (else the densest), then restrictions that
barely change its density are dropped, so the rule reads in a line. Coverage: the share of
all cases of interest inside the box. Density: the share of the box's cases that are of
interest. Limits are inclusive, so the stated figures can be recomputed from the table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dxmodel import columns as c

THRESHOLD = 0.8  # P(meet) that makes a sample a case of interest
DENSITY_GOAL = 0.8
PEEL = 0.05  # share of the box's cases peeled off per step
MIN_MASS = 0.05  # never a box holding fewer than this share of all samples
DROP_TOLERANCE = 0.01  # a restriction whose removal costs less density than this is dropped
RULE_COLUMNS = (
    c.TARGET, "condition", "lever", "low", "high", "coverage", "density", "mass", "cases",
    "hits", "interesting", "samples",
)  # fmt: skip


@dataclass(frozen=True)
class Box:
    """Inclusive limits on some levers; the levers not named are unrestricted."""

    limits: dict[str, tuple[float, float]]
    coverage: float
    density: float
    mass: float
    cases: int
    hits: int


def inside(x: pd.DataFrame, limits: dict[str, tuple[float, float]]) -> np.ndarray:
    """Which samples satisfy every limit (inclusive)."""
    mask = np.ones(len(x), dtype=bool)
    for lever, (low, high) in limits.items():
        values = x[lever].to_numpy(dtype=float)
        mask &= (values >= low) & (values <= high)
    return mask


def measure(x: pd.DataFrame, y: np.ndarray, limits: dict[str, tuple[float, float]]) -> Box:
    mask = inside(x, limits)
    cases, hits, total = int(mask.sum()), int(y[mask].sum()), int(y.sum())
    return Box(
        dict(limits), hits / total if total else np.nan, hits / cases if cases else np.nan,
        cases / len(y), cases, hits,
    )  # fmt: skip


def peel(x: pd.DataFrame, y: np.ndarray) -> list[Box]:
    """PRIM's peeling trajectory, from the whole space to the smallest box allowed."""
    values = {lever: x[lever].to_numpy(dtype=float) for lever in x.columns}
    limits = {lever: (v.min(), v.max()) for lever, v in values.items()}
    mask = np.ones(len(y), dtype=bool)
    trajectory = [measure(x, y, {})]
    while True:
        best = None
        for lever, v in values.items():
            inside_v = v[mask]
            for side in ("low", "high"):
                cut = np.quantile(inside_v, PEEL if side == "low" else 1 - PEEL)
                keep = (v >= cut) if side == "low" else (v <= cut)
                if (mask & keep).sum() == mask.sum():  # ties: peel the extreme value itself
                    keep = (v > inside_v.min()) if side == "low" else (v < inside_v.max())
                kept = mask & keep
                n = kept.sum()
                if n == 0 or n < MIN_MASS * len(y) or n == mask.sum():
                    continue
                density = y[kept].mean()
                if best is None or density > best[0]:
                    best = (density, lever, side, kept)
        if best is None or best[0] <= y[mask].mean() - 1e-12:
            break
        _, lever, side, mask = best
        remaining = values[lever][mask]
        low, high = limits[lever]
        limits[lever] = (remaining.min(), high) if side == "low" else (low, remaining.max())
        restricted = {k: b for k, b in limits.items() if _restricts(values[k], b)}
        trajectory.append(measure(x, y, restricted))
    return trajectory


def _restricts(values: np.ndarray, bounds: tuple[float, float]) -> bool:
    return bounds[0] > values.min() or bounds[1] < values.max()


def choose(trajectory: list[Box]) -> Box:
    """The box with the greatest coverage at the density goal, else the densest."""
    dense = [b for b in trajectory if b.density >= DENSITY_GOAL]
    if dense:
        return max(dense, key=lambda b: (b.coverage, -len(b.limits)))
    return max(trajectory, key=lambda b: (b.density, b.coverage))


def simplify(x: pd.DataFrame, y: np.ndarray, box: Box) -> Box:
    """Drop, one at a time, the restriction whose removal costs the least density, while that
    cost stays under DROP_TOLERANCE: fewer conditions, never a much worse rule."""
    while box.limits:
        trials = [
            measure(x, y, {k: v for k, v in box.limits.items() if k != lever})
            for lever in box.limits
        ]
        trial = max(trials, key=lambda b: (b.density, b.coverage))
        if trial.density < box.density - DROP_TOLERANCE:
            break
        box = trial
    return box


def find_box(x: pd.DataFrame, y: np.ndarray) -> Box | None:
    """The rule for one target: None when no sample is a case of interest."""
    y = np.asarray(y, dtype=bool)
    if not y.any():
        return None
    return simplify(x, y, choose(peel(x, y)))


def rules(run, threshold: float = THRESHOLD) -> pd.DataFrame:
    """Per target: its rule as one row per condition (none when no restriction is needed), with
    the rule's coverage, density, mass and counts; a target no sample meets has no row."""
    names = run.spec.space.names
    out = []
    for target, rows in run.results.groupby(c.TARGET, sort=False):
        rows = rows.sort_values("sample")
        y = rows["p_meet"].to_numpy() >= threshold
        box = find_box(rows[names].reset_index(drop=True), y)
        if box is None:
            continue
        common = dict(coverage=box.coverage, density=box.density, mass=box.mass,
                      cases=box.cases, hits=box.hits, interesting=int(y.sum()),
                      samples=len(y))  # fmt: skip
        conditions = [(n, box.limits[n]) for n in names if n in box.limits] or [("", (np.nan,) * 2)]
        for i, (lever, (low, high)) in enumerate(conditions, 1):
            out.append({c.TARGET: target, "condition": i, "lever": lever, "low": low,
                        "high": high, **common})  # fmt: skip
    return pd.DataFrame(out, columns=list(RULE_COLUMNS))
