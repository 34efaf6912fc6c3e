"""The explorer's levers: a labelled slider (or a dropdown for a choice) per registry lever."""

from __future__ import annotations

import html
import math

import ipywidgets as w

from dxmodel.core.levers import Lever
from dxmodel.outputs.wording import choice_label


def label_html(lever: Lever, language: str, was: str = "") -> str:
    """A lever's label, in full (it wraps, never cut); `was` names what it differs from."""
    e = html.escape
    tip = lever.help(language) + (f"\n\n{was}" if was else "")
    return (
        f"<div class='dx-lever-label' title='{e(tip)}'><span class='dx-dot'>●</span> "
        f"{e(lever.label(language))} <span class='dx-unit'>({e(lever.unit(language))})</span>"
        "</div>"
    )


def _decimals(step: float) -> int:
    return max(0, -math.floor(math.log10(step) + 1e-9))


def control_for(lever: Lever, value, language: str) -> w.Widget:
    """A slider (a dropdown for a choice) bounded by the registry, redrawing while it moves."""
    common = {"tooltip": lever.help(language), "layout": w.Layout(width="98%")}
    if lever.choices:
        options = [(choice_label(c, language), c) for c in lever.choices]
        return w.Dropdown(options=options, value=value, **common)
    kind = w.IntSlider if lever.integer else w.FloatSlider
    extra = {} if lever.integer else {"readout_format": f".{_decimals(lever.step)}f"}
    return kind(
        value=value,
        min=lever.min,
        max=lever.max,
        step=lever.step,
        continuous_update=True,
        style={"description_width": "0px"},
        **extra,
        **common,
    )


def same(lever: Lever, a, b) -> bool:
    if lever.choices:
        return a == b
    return math.isclose(float(a), float(b), rel_tol=0, abs_tol=float(lever.step) * 1e-6)
