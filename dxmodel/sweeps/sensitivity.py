"""Which lever decides a target: Sobol' and Morris indices from a sweep, tornado swings around
one scenario.

Indices come from SALib on the sweep's own table; a tornado needs no sweep, only two runs per
lever (its span's low and high end, every other lever at the scenario's value) on the
scenario's draws, so it agrees with the P(meet) its report shows. Policy levers ("what we
control") and assumptions ("what we assume") carry their kind everywhere, so every table and
chart can keep them apart.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core.levers import SWEPT, Lever, ordered_ends
from dxmodel.core.scenario import Scenario
from dxmodel.engine.kept import kept
from dxmodel.sweeps.design import MORRIS_LEVELS, OUTCOMES, Space

MOVES = 0.005  # a swing or index below this is "does not move it"
CONFIDENCE = 0.95
RESAMPLES = 200
SOBOL_COLUMNS = ("S1", "S1_conf", "ST", "ST_conf")
MORRIS_COLUMNS = ("mu_star", "mu_star_conf", "sigma")
TORNADO_COLUMNS = (
    c.TARGET, "lever", "kind", "low", "high", "p_low", "p_high", "p_base",
    "median_low", "median_high", "median_base", "swing",
)  # fmt: skip


def sobol_indices(space: Space, y: np.ndarray, seed: int, still: float = 0.0) -> pd.DataFrame:
    """First-order and total Sobol' indices (95% bootstrap intervals) of `y`, the outputs of a
    Saltelli design over `space` in its row order. An output whose range is not above `still`
    has none (NaN): no lever can explain a variance of (next to) nothing."""
    from SALib.analyze import sobol

    frame = _levers_frame(space)
    if not np.ptp(y) > still:
        return frame.assign(**dict.fromkeys(SOBOL_COLUMNS, np.nan))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = sobol.analyze(
            space.problem(),
            np.asarray(y, dtype=float),
            calc_second_order=False,
            num_resamples=RESAMPLES,
            conf_level=CONFIDENCE,
            seed=seed,
        )
    return frame.assign(**{k: np.asarray(found[k], dtype=float) for k in SOBOL_COLUMNS})


def morris_indices(
    space: Space, x: np.ndarray, y: np.ndarray, seed: int, still: float = 0.0
) -> pd.DataFrame:
    """Morris's screening measures: mu* (mean absolute elementary effect, per whole span of
    each lever) with its 95% interval, and sigma (how much the effect depends on the others).
    None (NaN) for an output whose range is not above `still`."""
    from SALib.analyze import morris

    frame = _levers_frame(space)
    if not np.ptp(y) > still:
        return frame.assign(**dict.fromkeys(MORRIS_COLUMNS, np.nan))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = morris.analyze(
            space.problem(),
            np.asarray(x, dtype=float),
            np.asarray(y, dtype=float),
            num_resamples=RESAMPLES,
            conf_level=CONFIDENCE,
            num_levels=MORRIS_LEVELS,
            seed=seed,
        )
    return frame.assign(**{k: np.asarray(found[k], dtype=float) for k in MORRIS_COLUMNS})


def _levers_frame(space: Space) -> pd.DataFrame:
    return pd.DataFrame({"lever": space.names, "kind": [d.kind for d in space]})


def indices(run) -> pd.DataFrame:
    """Per target and outcome (P(meet), median): each swept lever's indices, by the sweep's
    method (Sobol' or Morris; none for a Latin hypercube, which is for discovery). A P(meet)
    that moves by less than half a point over all runs gets none: its shares would only
    split noise-sized differences."""

    spec = run.spec
    columns = {"sobol": SOBOL_COLUMNS, "morris": MORRIS_COLUMNS}.get(spec.method, ())
    frames = []
    for target, rows in run.results.groupby(c.TARGET, sort=False):
        rows = rows.sort_values("sample")
        for outcome in OUTCOMES:
            y = rows[outcome].to_numpy(dtype=float)
            still = MOVES if outcome == "p_meet" else 0.0
            if spec.method == "sobol":
                found = sobol_indices(spec.space, y, spec.seed, still)
            elif spec.method == "morris":
                x = rows[spec.space.names].to_numpy(dtype=float)
                found = morris_indices(spec.space, x, y, spec.seed, still)
            else:
                continue
            frames.append(found.assign(target=target, outcome=outcome))
    if not frames:
        return pd.DataFrame(columns=[c.TARGET, "outcome", "lever", "kind", *columns])
    out = pd.concat(frames, ignore_index=True)
    return out[[c.TARGET, "outcome", "lever", "kind", *columns]]


def ranked(table: pd.DataFrame, target: str, n: int = 3) -> pd.DataFrame:
    """The `n` levers that matter most for `target`: by total Sobol' index on P(meet) (on the
    median where P(meet) never varies), by mu*, or by the tornado's swing."""
    rows = table[table[c.TARGET] == target]
    if "swing" in rows:
        key = rows["swing"].abs()
    else:
        column = "ST" if "ST" in rows else "mu_star"
        chance = rows[rows["outcome"] == "p_meet"]
        rows = chance if chance[column].notna().any() else rows[rows["outcome"] == "median"]
        key = rows[column]
    return rows.assign(_key=key).sort_values("_key", ascending=False).head(n).drop(columns="_key")


def kept_tornado(session, scenario: Scenario, targets: Iterable[str]) -> pd.DataFrame:
    """`tornado` over `targets`, kept on disk under the scenario's values and the session's
    day: the report's section and its Explore grid read one computation."""
    keys = list(targets)
    key = (session.as_of, tuple(sorted(scenario.values().items())), tuple(keys))
    return kept("tornado", session.dataset, key, lambda: tornado(session, scenario, targets=keys))


def tornado(
    session, scenario: Scenario, levers: Iterable[Lever] = SWEPT, targets: Iterable[str] = ()
) -> pd.DataFrame:
    """Each lever at the low and high end of its span, every other lever at the scenario's
    value: P(meet) and the median of each open target at both ends, and the swing (high minus
    low). A scenario value outside the span widens it to include that value (MIC's presets
    set growth far above it); levers that must stay ordered (a start below its ceiling) are
    narrowed to stay so.

    Runs on the scenario's draws and seed, so the centre is the P(meet) its report shows.
    """
    wanted = set(targets)
    base = _chances(session, scenario, wanted).set_index(c.TARGET)
    values = scenario.values()
    out = []
    for lever in levers:
        own = float(values[lever.name])
        low, high = min(lever.span[0], own), max(lever.span[1], own)
        low, high = ordered_ends(lever, low, high, values)
        ends = [
            _chances(
                session, scenario.with_levers(**{lever.name: _end(lever, v)}), wanted
            ).set_index(c.TARGET)
            for v in (low, high)
        ]
        for target in base.index:
            lo, hi = ends[0].loc[target], ends[1].loc[target]
            b = base.loc[target]
            out.append(
                (
                    target,
                    lever.name,
                    lever.kind,
                    _end(lever, low),
                    _end(lever, high),
                    lo.p_meet,
                    hi.p_meet,
                    b.p_meet,
                    lo["median"],
                    hi["median"],
                    b["median"],
                    hi.p_meet - lo.p_meet,
                )
            )
    return pd.DataFrame(out, columns=list(TORNADO_COLUMNS))


def _end(lever: Lever, value: float) -> float | int:
    return round(value) if lever.integer else float(value)


def _chances(session, scenario: Scenario, wanted: set[str]) -> pd.DataFrame:
    found = session.chances(scenario)
    return found[found[c.TARGET].isin(wanted)] if wanted else found
