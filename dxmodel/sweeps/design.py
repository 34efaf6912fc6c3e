"""What a sweep varies: levers from the registry, each over its span or a narrower range.

The designs a sweep may use and their defaults are declared here too (light: the CLI reads
them to build its help). Policy levers ("what we control") and assumptions ("what we assume")
are both sweepable and
always labelled apart; settings (draws, seed) and choices (which series, which path) are held
at the scenario's value. Every name and range is checked here, before any work starts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from dxmodel.core.levers import SWEPT, Lever, get_lever
from dxmodel.util.errors import DxError, short_repr

SWEPT_KINDS = ("policy", "assumption")
METHODS = ("sobol", "morris", "lhs")  # SALib designs: Sobol' (Saltelli), Morris, Latin hypercube
DEFAULT_SAMPLES = {"sobol": 256, "morris": 40, "lhs": 2000}
DEFAULT_DRAWS = 1000  # per run: P(meet) within about 1.6 points, on common random numbers
DEFAULT_SEED = 2026
MORRIS_LEVELS = 4  # grid levels of a Morris design (and of its analysis)
OUTCOMES = ("p_meet", "median")  # what every sweep run records per target
KIND_NAMES = {"policy": "a policy lever", "assumption": "an assumption"}
KIND_PLURALS = {"policy": "policy levers", "assumption": "assumptions"}
_RANGE = re.compile(r"^(?P<name>[a-z_]{1,60})=(?P<low>[^:]{1,30}):(?P<high>[^:]{1,30})$")


@dataclass(frozen=True)
class Dimension:
    """One lever a sweep varies, over [low, high] inside the lever's registry range."""

    lever: Lever
    low: float
    high: float

    @property
    def name(self) -> str:
        return self.lever.name

    @property
    def kind(self) -> str:
        return self.lever.kind

    def value(self, x: float) -> float | int:
        """A sampled value as the lever takes it: whole for whole levers, inside the range."""
        x = min(max(float(x), self.low), self.high)
        return round(x) if self.lever.integer else x


@dataclass(frozen=True)
class Space:
    dimensions: tuple[Dimension, ...]

    @property
    def names(self) -> list[str]:
        return [d.name for d in self.dimensions]

    def problem(self) -> dict:
        """The space as SALib describes one."""
        return {
            "num_vars": len(self.dimensions),
            "names": self.names,
            "bounds": [[d.low, d.high] for d in self.dimensions],
        }

    def levers(self, row: Sequence[float]) -> dict[str, float | int]:
        """One sampled row as lever values a scenario accepts."""
        return {d.name: d.value(x) for d, x in zip(self.dimensions, row, strict=True)}

    def to_dict(self) -> list[dict]:
        return [{"lever": d.name, "kind": d.kind, "low": d.low, "high": d.high} for d in self]

    def __iter__(self):
        return iter(self.dimensions)

    def __len__(self) -> int:
        return len(self.dimensions)


def parse_range(text: str) -> tuple[str, float, float]:
    """'name=low:high' as (name, low, high); a one-line DxError otherwise."""
    match = _RANGE.match(text) if isinstance(text, str) else None
    if match is None:
        raise DxError(
            f"--range {short_repr(text)}: write it as lever=low:high, e.g. gdp_growth=4:8"
        )
    try:
        low, high = float(match["low"]), float(match["high"])
    except ValueError:
        raise DxError(f"--range {short_repr(text)}: low and high must be numbers") from None
    return match["name"], low, high


def sweep_space(
    names: Iterable[str] | None = None,
    kinds: Iterable[str] = SWEPT_KINDS,
    ranges: Mapping[str, tuple[float, float]] | None = None,
) -> Space:
    """The levers to vary: `names` (default every sweepable lever of `kinds`), each over its
    span unless `ranges` narrows it. Unknown, repeated or unsweepable names and ranges outside
    the registry are refused in one line."""
    kinds = tuple(kinds)
    for kind in kinds:
        if kind not in SWEPT_KINDS:
            raise DxError(f"--kind {short_repr(kind)}: use one of {', '.join(SWEPT_KINDS)}")
    if names is None:
        chosen = [lever for lever in SWEPT if lever.kind in kinds]
    else:
        chosen, seen = [], set()
        for name in names:
            lever = get_lever(name, "--levers")
            if name in seen:
                raise DxError(f"--levers: {name!r} is named twice")
            if lever.span is None:
                what = "a setting" if lever.kind == "setting" else "a choice, not a number"
                allowed = ", ".join(lv.name for lv in SWEPT)
                raise DxError(f"--levers: {name!r} is {what}; a sweep varies: {allowed}")
            if lever.kind not in kinds:
                wanted = " and ".join(KIND_PLURALS[k] for k in kinds)
                raise DxError(
                    f"--levers: {name!r} is {KIND_NAMES[lever.kind]}, but --kind asks for "
                    f"{wanted} only"
                )
            seen.add(name)
            chosen.append(lever)
    if not chosen:
        raise DxError("a sweep needs at least one lever to vary")
    ranges = dict(ranges or {})
    for name in ranges:
        lever = get_lever(name, "--range")
        if lever not in chosen:
            raise DxError(f"--range {name}: that lever is not among the levers swept")
    return Space(tuple(_dimension(lever, ranges.get(lever.name)) for lever in chosen))


def _dimension(lever: Lever, bounds: tuple[float, float] | None) -> Dimension:
    low, high = bounds if bounds is not None else lever.span
    if not (math.isfinite(low) and math.isfinite(high)) or low >= high:
        raise DxError(f"--range {lever.name}={low:g}:{high:g}: low must be below high")
    if low < lever.min or high > lever.max:
        raise DxError(
            f"--range {lever.name}={low:g}:{high:g} is outside the lever's range "
            f"{lever.describe_range()}"
        )
    return Dimension(lever, float(low), float(high))


def space_from_dict(items: list[dict]) -> Space:
    """The space a sweep's metadata recorded (for resuming and re-scoring)."""
    return sweep_space(
        [item["lever"] for item in items],
        ranges={item["lever"]: (item["low"], item["high"]) for item in items},
    )
