"""Scenario discovery: the lever conditions under which a target's P(meet) is at least 80%.

PRIM (Friedman and Fisher's patient rule induction, as the EMA workbench uses it) peels a
box off the sweep's samples, a few percent at a time, keeping the cases of interest (samples
with P(meet) >= 80%) as dense as it can. Every box on that trajectory is then simplified as
the workbench's quasi-p-values do: a restriction stays only if the box is denser with it than
without it beyond chance (one-sided binomial, 5%), so a rule names only levers that matter.
Of the simplified boxes at least 80% dense, the one covering most cases of interest is the
rule; if none is that dense, the densest is given, and its density says it falls short.
Coverage: the share of all cases of interest inside the box. Density: the share of the box's
cases that are of interest. Limits are inclusive (an open side is infinite), so the stated
figures can be recomputed from the table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core.targets import CHANCE

THRESHOLD = CHANCE  # P(meet) that makes a run a case of interest: on track
DENSITY_GOAL = 0.8
PEEL = 0.05  # share of the box's cases peeled off per step
MIN_MASS = 0.05  # never a box holding fewer than this share of all samples
SIGNIFICANCE = 0.05  # a restriction stays only if the box is denser with it at this level
RULE_COLUMNS = (
    c.TARGET, "condition", "lever", "low", "high", "coverage", "density", "mass", "cases",
    "hits", "interesting", "samples",
)  # fmt: skip


@dataclass(frozen=True)
class Box:
    """Inclusive limits on some levers; the levers not named are unrestricted."""

    limits: dict[str, tuple[float, float]]  # (low, high), -inf / inf where a side is open
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
        dict(limits),
        hits / total if total else np.nan,
        hits / cases if cases else np.nan,
        cases / len(y),
        cases,
        hits,
    )


def peel(x: pd.DataFrame, y: np.ndarray) -> list[Box]:
    """PRIM's peeling trajectory, from the whole space to the smallest box allowed."""
    values = {lever: x[lever].to_numpy(dtype=float) for lever in x.columns}
    limits: dict[str, tuple[float, float]] = {}
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
        low, high = limits.get(lever, (-np.inf, np.inf))
        limits[lever] = (remaining.min(), high) if side == "low" else (low, remaining.max())
        trajectory.append(measure(x, y, limits))
    return trajectory


def choose(boxes: list[Box]) -> Box:
    """The box with the greatest coverage at the density goal, else the densest."""
    dense = [b for b in boxes if b.density >= DENSITY_GOAL]
    if dense:
        return max(dense, key=lambda b: (b.coverage, -len(b.limits), b.density))
    return max(boxes, key=lambda b: (b.density, b.coverage))


def simplify(x: pd.DataFrame, y: np.ndarray, box: Box) -> Box:
    """Drop the least significant restriction while one is not significant: is the box denser
    with it than without it, more than chance would make it? (one-sided binomial)."""
    from scipy.stats import binom

    while box.limits:
        wider = {lever: measure(x, y, _without(box.limits, lever)) for lever in box.limits}
        # P(at least the box's hits | its cases, the density without the restriction)
        p_values = {
            lever: binom.sf(box.hits - 1, box.cases, min(w.density, 1.0))
            for lever, w in wider.items()
        }
        weakest = max(p_values, key=p_values.get)
        if p_values[weakest] < SIGNIFICANCE:
            break
        box = wider[weakest]
    return box


def _without(limits: dict, lever: str) -> dict:
    return {k: v for k, v in limits.items() if k != lever}


def find_box(x: pd.DataFrame, y: np.ndarray) -> Box | None:
    """The rule for one target (None when no sample is of interest): every box on the peeling
    trajectory, simplified to its significant restrictions; of those at least DENSITY_GOAL
    dense the one covering most, else the densest (its density says it falls short)."""
    y = np.asarray(y, dtype=bool)
    if not y.any():
        return None
    return choose([simplify(x, y, box) for box in peel(x, y)])


def independent(run) -> pd.DataFrame:
    """The runs PRIM may count as independent cases. A Saltelli design repeats each base
    sample's values in its D+2 rows (A, one A_B per lever, B), so only its A and B rows are
    kept; a Latin hypercube's rows are all independent."""
    results = run.results
    if run.spec.method != "sobol":
        return results
    block = len(run.spec.space) + 2
    return results[results["sample"].mod(block).isin([0, block - 1])]


def interest(run, target: str, threshold: float = THRESHOLD) -> tuple[int, int]:
    """(cases of interest, independent runs) for one target: what a rule is counted on."""
    rows = independent(run)
    p = rows.loc[rows[c.TARGET] == target, "p_meet"]
    return int((p >= threshold).sum()), len(p)


def rules(run, threshold: float = THRESHOLD) -> pd.DataFrame:
    """Per target with a rule: one row per condition (one row with no lever when the whole
    swept space qualifies), with the rule's coverage, density, mass and counts."""
    names = run.spec.space.names
    out = []
    for target, rows in independent(run).groupby(c.TARGET, sort=False):
        rows = rows.sort_values("sample")
        y = rows["p_meet"].to_numpy() >= threshold
        box = find_box(rows[names].reset_index(drop=True), y)
        if box is None:
            continue
        common = dict(
            coverage=box.coverage,
            density=box.density,
            mass=box.mass,
            cases=box.cases,
            hits=box.hits,
            interesting=int(y.sum()),
            samples=len(y),
        )
        conditions = [(n, box.limits[n]) for n in names if n in box.limits]
        for i, (lever, (low, high)) in enumerate(conditions or [("", (-np.inf, np.inf))], 1):
            out.append(
                {
                    c.TARGET: target,
                    "condition": i,
                    "lever": lever,
                    "low": low,
                    "high": high,
                    **common,
                }
            )
    return pd.DataFrame(out, columns=list(RULE_COLUMNS))
