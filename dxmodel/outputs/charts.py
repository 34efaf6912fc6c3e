"""Altair chart builders: each returns a new chart and never displays it.

Every chart reads *named* datasets, computed by a `*_data` function from projections: quantile
bands (a few rows per year, never raw draws), the baseline's median, history and targets.
So a chart's spec can be built once and refreshed by swapping its `datasets` alone, which is
what the explorer does on each slider move (building the altair objects costs far more).

How the charts read:
- one legend per chart whose every entry is drawn as its mark is: a filled square for a band,
  a line (dashed, dotted, ...) for a line, the marker itself for a point. All layers share one
  field, `entry`, encoded on fill, stroke, strokeDash, shape and size with the same domain, so
  Vega-Lite merges those channels into that one legend (`Legend`, `LOOKS`);
- the baseline is a grey dashed line, unlike every other line in colour and in dash;
- the year axis is numeric: ticks every 5 years (every year on short spans, every edition on
  the EGDI charts), never rotated;
- targets at the same (year, value) are one marker whose tooltip lists each legal basis;
- no layer is drawn from an empty dataset, so no scale gets an infinite extent;
- Vietnamese charts carry a number locale in their config (decimal comma, '.' thousands), so
  axes and tooltips format numbers as the report's text does.
"""

from __future__ import annotations

import copy
import json
import textwrap
from dataclasses import dataclass, field

import altair as alt
import numpy as np
import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core.levers import REGISTRY
from dxmodel.core.projection import Projection
from dxmodel.outputs.wording import symbol
from dxmodel.sweeps.sensitivity import MOVES
from dxmodel.text.i18n import (
    SOURCE_LANGUAGE,
    basis_in,
    clause_in,
    number,
    percent,
    significant,
    t,
    vega_locale,
)
from dxmodel.text.messages import MESSAGES

Records = list[dict]
BANDS = (0.1, 0.25, 0.5, 0.75, 0.9)
# Fixed sizes: vega cannot fit a "container" width inside the report's chart divs (inline
# blocks: the chart collapsed to 0 px) nor inside an explorer tab hidden when drawn, and the
# two-panel digital-economy chart cannot use it at all. 920 px in all fills most of the
# report's 1,080 px column and fits the explorer's chart area in a 1400 px window (about
# 925 px; a narrower area scales the SVG down).
WIDTH, HEIGHT = 920, 300
PANEL_WIDTH = 400  # each panel of the two-series digital-economy chart (plot area)
SIDE_BY_SIDE = 760  # narrower than this, `with_width` puts the two panels one above the other
SERIES_ORDER = ("gso_value_added", "mic_estimate")  # the official series on the left
PUBLISHED_PREFIX = "mic_2022_"  # benchmarks.csv rows drawn as MIC's published scenarios
RANKS = ("egdi_rank", "egdi_rank_sea")


@dataclass(frozen=True)
class Look:
    """How one legend entry is drawn: its mark kind, colour and dash or marker shape."""

    kind: str  # "band", "line" or "point"
    colour: str
    dash: tuple[int, ...] = (1, 0)
    shape: str = "stroke"  # the legend symbol: "stroke" draws a short line
    size: int = 300


LOOKS = {
    "band_80": Look("band", "#d7e2ef", shape="square"),
    "band_50": Look("band", "#a0bbda", shape="square"),
    "median": Look("line", "#1f5fa8"),
    "baseline": Look("line", "#7a7a7a", (6, 4)),
    "persistence": Look("line", "#6a3d9a", (2, 3)),
    "drift": Look("line", "#2f9e44", (10, 3, 2, 3)),
    "threshold": Look("line", "#e08a00", (2, 2)),
    "observed": Look("point", "#1a1a1a", shape="circle", size=50),
    "target": Look("point", "#c4271b", shape="diamond", size=150),
    "mic_2022": Look("point", "#b35806", shape="triangle-right", size=110),
    # the tornado: bars from this scenario's chance to the chance with a lever at each end of
    # its span (orange, blue: apart for red-green colour blindness too), a rule at the scenario
    "tornado_low": Look("band", "#e3893b", shape="square"),
    "tornado_high": Look("band", "#3f78b8", shape="square"),
    "tornado_centre": Look("line", "#1a1a1a"),
    # the DTI: where a published series changed what it measures
    "series_break": Look("line", "#b35806", (6, 3)),
    "rank_interval": Look("band", "#c9d6e8", shape="square"),  # from observed changes
}
LABEL_KEYS = {
    "band_80": "ch_band_80", "band_50": "ch_band_50", "median": "median",
    "baseline": "legend_baseline", "persistence": "legend_persistence",
    "drift": "legend_drift", "threshold": "legend_threshold", "observed": "legend_observed",
    "target": "legend_target", "mic_2022": "ch_mic_2022", "tornado_low": "tornado_low",
    "tornado_high": "tornado_high", "tornado_centre": "tornado_centre",
    "series_break": "legend_series_break",
    "rank_interval": "legend_rank_interval",
}  # fmt: skip
CHANNELS = {
    "band": ("fill",),
    "line": ("stroke", "strokeDash"),
    "point": ("fill", "stroke", "shape", "size"),
}


# --- datasets --------------------------------------------------------------------------------
def fan_records(projection: Projection, what: str, baseline: Projection | None = None) -> Records:
    """q10 ... q90 of the draws per year: the bands and the median line.

    When the projection has history, a first row at the last observed year holds every
    quantile at the observed value, so the bands start from the last observation. With
    `baseline`, each row also carries the baseline's median (for the tooltip).
    """
    q = np.quantile(projection.draws, BANDS, axis=1)
    names = [f"q{round(b * 100)}" for b in BANDS]
    base = (
        dict(zip(baseline.years.tolist(), np.median(baseline.draws, axis=1).tolist(), strict=True))
        if baseline is not None
        else {}
    )
    rows = [
        {c.YEAR: int(year), **{n: float(q[i, j]) for i, n in enumerate(names)}, "what": what}
        for j, year in enumerate(projection.years)
    ]
    for row in rows:
        if row[c.YEAR] in base:
            row["baseline_q50"] = float(base[row[c.YEAR]])
    h = projection.history
    if len(h) and int(h[c.YEAR].iloc[-1]) < int(projection.years[0]):
        last = float(h[c.VALUE].iloc[-1])
        anchor = {c.YEAR: int(h[c.YEAR].iloc[-1]), **dict.fromkeys(names, last), "what": what}
        rows.insert(0, {**anchor, "anchor": True})
    return rows


def fan_frame(projection: Projection) -> pd.DataFrame:
    """The bands as a table: year, q10, q25, q50, q75, q90 (projected years only)."""
    rows = [r for r in fan_records(projection, "") if not r.get("anchor")]
    return pd.DataFrame(rows).drop(columns="what")


def history_records(projection: Projection, what: str) -> Records:
    h = projection.history
    return [
        {c.YEAR: int(y), c.VALUE: float(v), "what": what}
        for y, v in zip(h[c.YEAR], h[c.VALUE], strict=True)
    ]


def unit_text(value: str, unit: str) -> str:
    """A value with its unit when the unit is short ('20% of GDP', '500 persons', '70%')."""
    short = len(unit) <= 16
    if unit.startswith("%"):
        rest = unit[1:].strip()
        return f"{value}% {rest}" if rest and short else f"{value}%"
    return f"{value} {unit}" if unit and short else value


def target_records(
    projection: Projection, targets: pd.DataFrame, language: str, unit: str = ""
) -> Records:
    """The registry targets on this projection's indicator, at the year they are judged on.

    Targets at the same (year, value) are one record: `targets` lists their ids, `label` says
    what they ask for and `tip` is the tooltip: the label, then each legal basis on its line.
    """
    same = targets[
        (targets[c.INDICATOR] == projection.indicator) & (targets[c.GEO] == projection.geo)
    ]
    out = []
    keys = [c.JUDGED_ON_YEAR, c.VALUE, c.COMPARATOR]
    for (year, value, comparator), group in same.groupby(keys, sort=True):
        ranked = projection.indicator in RANKS
        when = (
            t("judged_on", language, year=int(year))
            if ranked or int(year) != int(group[c.YEAR].iloc[0])
            else t("ch_in_year", language, year=int(year))
        )
        shown = significant(float(value), 3, language)
        what = f"{symbol(comparator)} "
        what += (shown if ranked else unit_text(shown, unit)) + f" ({when})"
        label = (
            t("ch_target_one", language, what=what)
            if len(group) == 1
            else t("ch_target_many", language, n=len(group), what=what)
        )
        tip = {"title": label}
        for i, r in enumerate(group.itertuples()):
            clause = clause_in(r.clause, language)
            text = basis_in(r.basis, language) + (f", {clause}" if clause else "")
            tip[t("basis", language) if i == 0 else " " * i] = f"{text} [{r.target}]"
        out.append(
            {
                c.YEAR: int(year),
                c.VALUE: float(value),
                "targets": [str(x) for x in group[c.TARGET]],
                "label": label,
                "tip": tip,
                "what": t("legend_target", language),
            }
        )
    return out


def band_data(
    projection: Projection, baseline: Projection | None, language: str, prefix: str = ""
) -> dict[str, Records]:
    """What moves with the levers: this scenario's bands and the baseline's median."""
    return {
        f"{prefix}fan": fan_records(projection, t("legend_scenario", language), baseline),
        f"{prefix}baseline": fan_records(baseline, t("legend_baseline", language))
        if baseline
        else [],
    }


def fan_data(
    projection: Projection,
    baseline: Projection | None,
    targets: pd.DataFrame | None,
    language: str,
    unit: str = "",
    prefix: str = "",
) -> dict[str, Records]:
    """The datasets every fan chart shares: bands, baseline median, history, targets."""
    data = {
        **band_data(projection, baseline, language, prefix),
        f"{prefix}history": history_records(projection, t("legend_observed", language)),
    }
    if targets is not None:
        data["targets"] = target_records(projection, targets, language, unit)
    return data


def benchmark_records(bench: Projection, name: str, language: str) -> Records:
    return [
        {c.YEAR: int(y), c.VALUE: float(v), "what": t(f"legend_{name}", language)}
        for y, v in zip(bench.years, bench.draws[:, 0], strict=True)
    ]


def published_records(published: pd.DataFrame | None, language: str) -> Records:
    """MIC's 2022 scenarios for 2025 (benchmarks.csv): published figures, never observations."""
    if published is None or not len(published):
        return []
    rows = published[published["benchmark"].str.startswith(PUBLISHED_PREFIX)]
    out = []
    for r in rows.sort_values(c.VALUE).itertuples():
        key = f"ch_{r.benchmark}"
        name = t(key, language) if key in MESSAGES else r.benchmark.removeprefix(PUBLISHED_PREFIX)
        value = significant(float(r.value), 3, language)
        out.append(
            {
                c.YEAR: int(r.year),
                c.VALUE: float(r.value),
                "label": t("ch_mic_2022_label", language, name=name, value=value),
                "tip": {
                    "title": t("ch_mic_2022_title", language, name=name, value=value),
                    "": t("ch_mic_2022_note", language),
                },
                c.SOURCE: r.source,
            }
        )
    return out


def needed_records(thresholds: dict[int, Projection], language: str) -> Records:
    """The EGDI needed to rank N-th, per year (bands of the N-th highest other country)."""
    return [
        {**row, "threshold": t("needed_for_rank", language, n=n), "last": i == len(p.years) - 1}
        for n, p in sorted(thresholds.items())
        for i, row in enumerate(fan_records(p, t("legend_threshold", language)))
    ]


def egdi_data(projection, thresholds, baseline=None, language="en"):
    data = fan_data(projection, baseline, None, language)
    data["needed"] = needed_records(thresholds, language)
    return data


# --- legend, axes, formats -------------------------------------------------------------------
class Legend:
    """One legend for all of a chart's layers, each entry drawn as its mark is.

    Every layer gets a constant `entry` (its legend label) and the channels its mark kind
    draws with (`CHANNELS`); every channel's scale has the same domain (all entries), so
    Vega-Lite merges them into one legend whose symbols take the fill, stroke, dash, shape and
    size of each entry. Channels a mark does not draw with are never encoded on it.
    """

    def __init__(self, keys: list[str], language: str, columns: int = 4) -> None:
        self.keys = list(dict.fromkeys(keys))
        self.labels = {k: t(LABEL_KEYS[k], language) for k in self.keys}
        looks = [LOOKS[k] for k in self.keys]
        clear = "transparent"
        self.ranges = {
            "fill": [x.colour if x.kind != "line" else clear for x in looks],
            "stroke": [x.colour if x.kind != "band" else clear for x in looks],
            "strokeDash": [list(x.dash) for x in looks],
            "shape": [x.shape for x in looks],
            "size": [x.size for x in looks],
        }
        self.legend = alt.Legend(
            title=None,
            orient="bottom",
            direction="horizontal",
            columns=min(columns, len(self.keys)),
            labelLimit=360,
            labelFontSize=12,
            symbolStrokeWidth=2,
            symbolOpacity=1,
            columnPadding=18,
            rowPadding=6,
        )

    def channel(self, name: str):
        kind = {
            "fill": alt.Fill,
            "stroke": alt.Stroke,
            "strokeDash": alt.StrokeDash,
            "shape": alt.Shape,
            "size": alt.Size,
        }[name]
        domain = [self.labels[k] for k in self.keys]
        if name == "size":  # an ordered field (else VL warns), mapped entry by entry
            scale = alt.Scale(type="ordinal", domain=domain, range=self.ranges[name])
            return kind("entry:O", scale=scale, legend=self.legend)
        scale = alt.Scale(domain=domain, range=self.ranges[name])
        return kind("entry:N", scale=scale, legend=self.legend)

    def draw(self, chart: alt.Chart, key: str) -> alt.Chart:
        """`chart` as legend entry `key`: its label as `entry`, its look from the scales."""
        look = LOOKS[key]
        chart = chart.transform_calculate(entry=json.dumps(self.labels[key]))
        return chart.encode(**{name: self.channel(name) for name in CHANNELS[look.kind]})


def year_ticks(years: list[int], editions: bool = False) -> list[int]:
    """Every edition (EGDI), every year on a short span, else every 5 years."""
    years = sorted(set(years))
    if editions:
        return years
    every = range(years[0], years[-1] + 1)
    return list(every) if len(every) <= 13 else [y for y in every if y % 5 == 0]


def x_axis(years: list[int], title: str, editions: bool = False) -> alt.X:
    """The year axis: numeric, whole years, labels upright."""
    ticks = year_ticks(years, editions)
    return alt.X(
        f"{c.YEAR}:Q",
        title=title,
        scale=alt.Scale(domain=[min(years), max(years)], nice=False, zero=False, padding=14),
        axis=alt.Axis(values=ticks, format="d", labelAngle=0, labelFlush=False, grid=True),
    )


def formats(unit: str) -> tuple[str, str]:
    """Tooltip number formats (projected, observed) for a unit."""
    if unit.startswith("rank"):
        return ".0f", ".0f"
    if unit.startswith("index"):
        return ".3f", ".4f"
    if unit.startswith("%"):
        return ".1f", ".2f"
    return ",.0f", ",.0f"


def years_of(data: dict[str, Records]) -> list[int]:
    return sorted({row[c.YEAR] for rows in data.values() for row in rows if c.YEAR in row})


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- layers ----------------------------------------------------------------------------------
def fan_layers(
    data: dict[str, Records],
    legend: Legend,
    x: alt.X,
    y_title: str,
    unit: str,
    language: str,
    reverse: bool = False,
    prefix: str = "",
    y_axis: alt.Axis | None = None,
    lines: tuple = (),
    year_title: str = "",
) -> list:
    """Bands, `lines` (benchmarks), median, baseline median, a tooltip per year, observed
    history; only from datasets with rows (an empty one would give a scale no extent)."""
    projected, observed = formats(unit)
    year_title = year_title or t("year", language)
    wrapped = textwrap.wrap(y_title, 36) if len(y_title) > 36 else y_title  # fits 300 px
    y = alt.Y(
        "q10:Q",
        title=wrapped,
        scale=alt.Scale(reverse=reverse, zero=False),
        axis=alt.Undefined if y_axis is None else y_axis,
    )
    fan = alt.Chart(alt.Data(name=f"{prefix}fan")).encode(x=x)
    layers = [
        legend.draw(fan.mark_area(opacity=1).encode(y=y, y2="q90:Q"), "band_80"),
        legend.draw(fan.mark_area(opacity=1).encode(y="q25:Q", y2="q75:Q"), "band_50"),
        *lines,
        legend.draw(fan.mark_line(strokeWidth=2.5).encode(y="q50:Q"), "median"),
    ]
    if data.get(f"{prefix}baseline"):
        baseline = alt.Chart(alt.Data(name=f"{prefix}baseline")).encode(x=x, y="q50:Q")
        layers.append(legend.draw(baseline.mark_line(strokeWidth=2), "baseline"))
    tips = [
        alt.Tooltip(f"{c.YEAR}:Q", title=year_title, format="d"),
        alt.Tooltip("q50:Q", title=t("median", language), format=projected),
        alt.Tooltip("i50:N", title=t("band_50", language)),
        alt.Tooltip("i80:N", title=t("band_80", language)),
    ]
    if any("baseline_q50" in row for row in data[f"{prefix}fan"]):
        tips.append(
            alt.Tooltip("baseline_q50:Q", title=t("baseline_median", language), format=projected)
        )
    interval = "format(datum.{0}, '{2}') + ' – ' + format(datum.{1}, '{2}')"
    layers.append(  # invisible points over the median: one tooltip per year
        fan.transform_filter("!datum.anchor")
        .transform_calculate(
            i50=interval.format("q25", "q75", projected),
            i80=interval.format("q10", "q90", projected),
        )
        .mark_point(filled=True, size=220, opacity=0.001)
        .encode(y="q50:Q", tooltip=tips)
    )
    if data.get(f"{prefix}history"):
        history = alt.Chart(alt.Data(name=f"{prefix}history")).encode(x=x, y=f"{c.VALUE}:Q")
        layers += [
            history.mark_line(strokeWidth=1.5, color=LOOKS["observed"].colour),
            legend.draw(
                history.mark_point(filled=True, opacity=1).encode(
                    tooltip=[
                        alt.Tooltip(f"{c.YEAR}:Q", title=year_title, format="d"),
                        alt.Tooltip(f"{c.VALUE}:Q", title=t("observed", language), format=observed),
                    ]
                ),
                "observed",
            ),
        ]
    return layers


def target_layer(data: dict[str, Records], legend: Legend, x: alt.X) -> list:
    """One marker per (year, value) with targets; its tooltip lists each legal basis."""
    if not data.get("targets"):
        return []
    marker = alt.Chart(alt.Data(name="targets")).mark_point(
        filled=True, opacity=1, tooltip=alt.ExprRef(expr="datum.tip")
    )
    return [legend.draw(marker.encode(x=x, y=f"{c.VALUE}:Q"), "target")]


def line_layer(name, legend: Legend, x: alt.X, title: str, fmt: str, key: str, year_title: str):
    return legend.draw(
        alt.Chart(alt.Data(name=name))
        .mark_line(strokeWidth=2)
        .encode(
            x=x,
            y=f"{c.VALUE}:Q",
            tooltip=[
                alt.Tooltip(f"{c.YEAR}:Q", title=year_title, format="d"),
                alt.Tooltip(f"{c.VALUE}:Q", title=title, format=fmt),
            ],
        ),
        key,
    )


def published_layers(legend: Legend, x: alt.X) -> list:
    """MIC's published 2025 scenarios: a marker left of the year, its name beside it."""
    base = alt.Chart(alt.Data(name="published")).encode(x=x, y=f"{c.VALUE}:Q")
    text = base.mark_text(align="right", dx=-17, fontSize=11, baseline="middle")
    return [
        legend.draw(
            base.mark_point(
                filled=True, opacity=1, xOffset=-8, tooltip=alt.ExprRef(expr="datum.tip")
            ),
            "mic_2022",
        ),
        text.mark_text(
            align="right",
            dx=-17,
            fontSize=11,
            baseline="middle",
            stroke="white",
            strokeWidth=4,
            strokeJoin="round",
        ).encode(text="label:N"),
        text.encode(text="label:N", color=alt.value(LOOKS["mic_2022"].colour)),
    ]


def _configured(chart, language: str):
    """Top-level settings: the language's number format (Vega's own is English), titles."""
    config = {} if language == SOURCE_LANGUAGE else {"locale": vega_locale(language)}
    return chart.configure(**config).configure_title(
        anchor="start", fontSize=15, subtitleFontSize=12, offset=8
    )


def _chart(layers: list, data: dict[str, Records], title, language: str):
    chart = alt.layer(*layers).properties(
        title=title,
        width=WIDTH,
        height=HEIGHT,
        datasets=data,
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )
    return _configured(chart, language)


def _legend_keys(data: dict[str, Records], prefixes=("",), extra=()) -> list[str]:
    keys = ["band_80", "band_50", "median"]
    if any(data.get(f"{p}baseline") for p in prefixes):
        keys.append("baseline")
    keys += [k for k in extra if k not in ("observed", "target", "mic_2022")]
    if any(data.get(f"{p}history") for p in prefixes):
        keys.append("observed")
    if data.get("targets"):
        keys.append("target")
    if "mic_2022" in extra and data.get("published"):
        keys.append("mic_2022")
    return keys


# --- charts ----------------------------------------------------------------------------------
def rank_chart(
    projection: Projection,
    targets: pd.DataFrame,
    *,
    baseline: Projection | None = None,
    language: str = "en",
) -> alt.LayerChart:
    """Viet Nam's EGDI rank: fan bands, baseline, history and every rank target (1 on top)."""
    data = fan_data(projection, baseline, targets, language)
    legend = Legend(_legend_keys(data), language)
    x = x_axis(years_of(data), t("edition", language), editions=True)
    layers = [
        *fan_layers(
            data,
            legend,
            x,
            t("rank_axis", language),
            "rank",
            language,
            reverse=True,
            year_title=t("edition", language),
        ),
        *target_layer(data, legend, x),
    ]
    return _chart(layers, data, t("rank_title", language), language)


def egdi_chart(
    projection: Projection,
    thresholds: dict[int, Projection],
    *,
    baseline: Projection | None = None,
    language: str = "en",
) -> alt.LayerChart:
    """Viet Nam's EGDI against the score it would need to rank 50th and 30th."""
    data = egdi_data(projection, thresholds, baseline, language)
    keys = _legend_keys(data)
    keys.insert(keys.index("observed") if "observed" in keys else len(keys), "threshold")
    legend = Legend(keys, language)
    x = x_axis(years_of(data), t("edition", language), editions=True)
    needed = alt.Chart(alt.Data(name="needed")).encode(x=x, y="q50:Q")
    layers = fan_layers(
        data,
        legend,
        x,
        t("egdi_axis", language),
        "index",
        language,
        year_title=t("edition", language),
    )
    layers += [
        legend.draw(
            needed.mark_line(strokeWidth=2).encode(
                detail="threshold:N",
                tooltip=[
                    alt.Tooltip("threshold:N", title=""),
                    alt.Tooltip(f"{c.YEAR}:Q", title=t("edition", language), format="d"),
                    alt.Tooltip("q50:Q", title=t("median", language), format=".3f"),
                ],
            ),
            "threshold",
        ),
        needed.transform_filter(alt.datum.last)
        .mark_text(align="left", dx=8, fontSize=11, color=LOOKS["threshold"].colour)
        .encode(text="threshold:N"),
    ]
    return _chart(layers, data, t("egdi_title", language), language)


@dataclass(frozen=True)
class SharePanel:
    """The digital-economy share on one series: projection, baseline and benchmarks."""

    projection: Projection
    baseline: Projection | None = None
    benchmarks: dict[str, Projection] = field(default_factory=dict)


def _share_layers(data, legend, x, panel: SharePanel, prefix, language, y_axis=None):
    lines = [
        line_layer(
            f"{prefix}{name}",
            legend,
            x,
            t(f"legend_{name}", language),
            ".2f",
            name,
            t("year", language),
        )
        for name in panel.benchmarks
        if data.get(f"{prefix}{name}")
    ]
    return fan_layers(
        data,
        legend,
        x,
        t("share_axis", language),
        panel.projection.unit,
        language,
        prefix=prefix,
        y_axis=y_axis,
        lines=tuple(lines),
    )


def share_chart(
    projection: Projection,
    targets: pd.DataFrame,
    benchmarks: dict[str, Projection],
    *,
    baseline: Projection | None = None,
    language: str = "en",
    other: SharePanel | None = None,
    published: pd.DataFrame | None = None,
):
    """The digital-economy share: fan, baseline, benchmarks, history, targets.

    With `other` (the other series under the same levers), two panels side by side on one
    y scale, GSO's official series on the left, each from its own fit, never mixed; the
    targets in both; MIC's published 2022 scenarios for 2025 (`published`, benchmarks.csv) on
    MIC's. Without it, the scenario's series alone (as before), with the published scenarios
    if it is MIC's.
    """
    chosen = SharePanel(projection, baseline, benchmarks)
    panels = {projection.series: ("", chosen)}
    if other is not None:
        panels[other.projection.series] = ("other_", other)
    order = sorted(panels, key=lambda s: SERIES_ORDER.index(s) if s in SERIES_ORDER else 9)
    unit = t("share_axis", language)
    data: dict[str, Records] = {}
    for prefix, panel in panels.values():
        data |= fan_data(panel.projection, panel.baseline, targets, language, unit, prefix)
        for name, bench in panel.benchmarks.items():
            data[f"{prefix}{name}"] = benchmark_records(bench, name, language)
    shown = published_records(published, language) if "mic_estimate" in panels else []
    if shown:
        data["published"] = shown
    names = [name for _, panel in panels.values() for name in panel.benchmarks]
    prefixes = [prefix for prefix, _ in panels.values()]
    keys = _legend_keys(data, prefixes, extra=[*dict.fromkeys(names), "mic_2022"])
    legend = Legend(keys, language, columns=3 if other is not None else 4)
    x = x_axis(years_of(data), t("year", language))
    built = []
    for i, series in enumerate(order):
        prefix, panel = panels[series]
        right = i > 0
        axis = alt.Axis(title=None, labels=False, ticks=False, domain=False) if right else None
        layers = _share_layers(data, legend, x, panel, prefix, language, axis)
        layers += target_layer(data, legend, x)
        if series == "mic_estimate" and shown:
            layers += published_layers(legend, x)
        built.append((series, prefix, layers))
    series_name = t(f"series_{projection.series}", language)
    if other is None:
        ((_, _, layers),) = built
        title = t("share_title", language, series=series_name)
        return _chart(layers, data, title, language)
    parts = []
    for series, prefix, layers in built:
        note = t("ch_panel_chosen" if prefix == "" else "ch_panel_other", language)
        title = alt.TitleParams(
            capitalised(t(f"series_{series}", language)),
            subtitle=[note],
            anchor="start",
            fontSize=13,
        )
        parts.append(alt.layer(*layers).properties(width=PANEL_WIDTH, height=HEIGHT, title=title))
    chart = (
        alt.hconcat(*parts, spacing=18)
        .resolve_scale(x="shared", y="shared")
        .properties(title=t("ch_share_title", language), datasets=data)
    )
    return _configured(chart, language)


def indicator_chart(
    projection: Projection,
    targets: pd.DataFrame,
    *,
    title: str,
    y_title: str,
    baseline: Projection | None = None,
    note: str = "",
    language: str = "en",
) -> alt.LayerChart:
    """Any projected indicator with its targets; `note` says what the bands rest on."""
    data = fan_data(projection, baseline, targets, language, y_title)
    legend = Legend(_legend_keys(data), language)
    x = x_axis(years_of(data), t("year", language))
    layers = [
        *fan_layers(data, legend, x, y_title, projection.unit, language),
        *target_layer(data, legend, x),
    ]
    title = alt.TitleParams(title, subtitle=[note] if note else [])
    return _chart(layers, data, title, language)


# --- the tornado -----------------------------------------------------------------------------
TORNADO_LABELS = 230  # px: the lever labels left of the bars (two lines each at most)
TORNADO_PAD = 40  # px: the rest of the chart beside its plot area and labels
TORNADO_ROW = 36  # px per lever
TORNADO_WRAP = 36  # characters per line of a lever's label
TORNADO_KINDS = ("policy", "assumption")  # what we control, then what we assume


def tornado_levers(table: pd.DataFrame, threshold: float = MOVES) -> pd.DataFrame:
    """One target's tornado rows for the levers that move its chance (|swing| >= `threshold`),
    the largest |swing| first (ties in registry order). The others are what `tornado_more`
    counts."""
    size = table["swing"].abs()
    rows = table.assign(_size=size)[size >= threshold]
    return rows.sort_values("_size", ascending=False, kind="stable").drop(columns="_size")


def span_text(name: str, low: float, high: float, language: str = "en") -> str:
    """A lever's span with its unit: '5–20% per year', '1,000–5,000 persons per year'."""
    lever = REGISTRY[name]

    def one(v: float) -> str:
        return number(v, 0, language) if lever.integer else significant(float(v), 3, language)

    text = one(low) + (" – " if min(low, high) < 0 else "–") + one(high)
    unit = lever.unit(language)
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}".strip()


def tornado_data(
    table: pd.DataFrame, language: str = "en", width: int = WIDTH
) -> dict[str, Records]:
    """The moving levers as drawn `width` px wide, one dataset per kind (`tornado_policy`,
    `tornado_assumption`; none for a kind no lever of which moves the chance): one record per
    end of each lever's span (`end` low or high, `p` the chance there, `base` this scenario's,
    `label` the chance written by the bar's end: outside it, or inside where the plot's edge
    leaves no room), the lever's label wrapped for the axis (`row`), its place by |swing|
    (`rank`) and the tooltip's texts."""
    moving = tornado_levers(table)
    if not len(moving):
        return {}
    low, high = _tornado_domain(moving)
    inner = width - TORNADO_LABELS - TORNADO_PAD
    room = 36 / inner * (high - low)  # a label's width ("100%", "<1%"), in chance
    entries = {"low": t("tornado_low", language), "high": t("tornado_high", language)}
    data: dict[str, Records] = {}
    for rank, r in enumerate(moving.itertuples()):
        label = REGISTRY[r.lever].label(language)
        base = float(r.p_base)
        rows = data.setdefault(f"tornado_{r.kind}", [])
        common = {
            "row": "\n".join(textwrap.wrap(label, TORNADO_WRAP)),
            "lever": label,
            "kind": r.kind,
            "rank": rank,
            "base": base,
            "span": span_text(r.lever, r.low, r.high, language),
            "low_text": percent(r.p_low, language),
            "high_text": percent(r.p_high, language),
            "base_text": percent(base, language),
        }
        for end, p in (("low", float(r.p_low)), ("high", float(r.p_high))):
            right = p >= base
            inside = p + room > high if right else p - room < low
            rows.append(
                {
                    **common,
                    "end": end,
                    "entry": entries[end],
                    "p": p,
                    "gap": abs(p - base),
                    "label": percent(p, language) if abs(p - base) >= MOVES else "",
                    "align": "left" if right != inside else "right",
                    "dx": 4 if right != inside else -4,
                    "inside": inside,
                    "first": not rows,  # the dataset's first record carries the rule
                }
            )
    return {f"tornado_{k}": data[f"tornado_{k}"] for k in TORNADO_KINDS if f"tornado_{k}" in data}


def _tornado_domain(moving: pd.DataFrame) -> tuple[float, float]:
    """The chance axis: the drawn chances and a little room, to whole tens of percent."""
    values = moving[["p_low", "p_high", "p_base"]].to_numpy(dtype=float)
    low = max(0.0, np.floor((values.min() - 0.03) * 10) / 10)
    high = min(1.0, np.ceil((values.max() + 0.03) * 10) / 10)
    return float(low), float(high)


def tornado_chart(
    table: pd.DataFrame, language: str = "en", title: str = "", width: int = WIDTH
) -> alt.VConcatChart | alt.Chart:
    """Which levers decide one target's chance: a tornado of `sensitivity.tornado`'s rows for
    that target, `width` px wide in all (`with_width` does not resize it: pass the width).

    One row per lever that moves the chance by half a point or more, the largest swing on top,
    policy levers (titled "Policy levers": what we control) in a panel above the assumptions
    ("Assumptions": what we assume). From this scenario's chance (a black rule) a bar runs to
    the chance with the lever at the low end of its span (orange) and one to the chance at the
    high end (blue), each labelled with its percentage; the tooltip gives the lever, its span
    with its unit, and the three chances, all as the language writes numbers. The chance axis
    spans the drawn chances, to whole tens of percent. One legend: low end, high end, this
    scenario, each drawn as its mark is.

    Pure: the caller says how many levers are left out (`tornado_more`, counted with
    `tornado_levers`). When no lever moves the chance, the chart is text alone saying so
    (`tornado_flat`, with the chance), under the same title, so a caller can always show it.
    """
    if table[c.TARGET].nunique() > 1:
        raise ValueError(f"tornado_chart draws one target; got {table[c.TARGET].nunique()}")
    data = tornado_data(table, language, width)
    if not data:
        return _tornado_flat(table, language, title, width)
    columns = 3 if width >= 900 else 2 if width >= 700 else 1  # no wider than the chart
    legend = Legend(["tornado_low", "tornado_high", "tornado_centre"], language, columns)
    axis_title = t("tornado_axis", language)
    tips = [
        alt.Tooltip("lever:N", title=t("tornado_lever", language)),
        alt.Tooltip("span:N", title=t("tornado_span", language)),
        alt.Tooltip("low_text:N", title=t("tornado_low", language)),
        alt.Tooltip("high_text:N", title=t("tornado_high", language)),
        alt.Tooltip("base_text:N", title=t("tornado_centre", language)),
    ]
    scale = alt.Scale(domain=list(_tornado_domain(tornado_levers(table))), nice=False, zero=False)
    y = alt.Y(
        "row:N",
        title=None,
        sort=alt.EncodingSortField(field="rank", op="min", order="ascending"),
        scale=alt.Scale(paddingInner=0.3, paddingOuter=0.2),
        axis=alt.Axis(
            labelExpr="split(datum.label, '\\n')",
            labelLimit=TORNADO_LABELS,
            labelFontSize=12,
            labelPadding=6,
            ticks=False,
            domain=False,
            minExtent=TORNADO_LABELS,
            maxExtent=TORNADO_LABELS,
        ),  # panels aligned
    )
    panels = []
    for i, name in enumerate(data):
        last = i == len(data) - 1
        axis = alt.Axis(format=".0%", grid=True, labelFlush=False, tickCount=10)
        x = alt.X("p:Q", title=axis_title if last else None, scale=scale, axis=axis)
        base = alt.Chart(alt.Data(name=name)).encode(y=y)
        bars = base.mark_bar(opacity=1).encode(
            x=x,
            x2="base:Q",
            fill=legend.channel("fill"),
            tooltip=tips,
            order=alt.Order("gap:Q", sort="descending"),  # a shorter bar over a longer one
        )
        label = base.mark_text(  # by the end of its bar (`tornado_data` says which side)
            fontSize=11,
            baseline="middle",
            align=alt.ExprRef(expr="datum.align"),
            dx=alt.ExprRef(expr="datum.dx"),
            fill=alt.ExprRef(expr="datum.inside ? 'white' : '#1a1a1a'"),
        ).encode(x=x, text="label:N", tooltip=tips)
        symbols = base.mark_point(opacity=0).encode(  # the legend's symbol shapes; under all
            x=x, shape=legend.channel("shape")
        )
        rule = alt.Chart(alt.Data(name=name)).transform_filter("datum.first")
        rule = legend.draw(
            rule.mark_rule(strokeWidth=2).encode(
                x=alt.X("base:Q", title=axis_title if last else None),
                tooltip=[alt.Tooltip("base_text:N", title=t("tornado_centre", language))],
            ),
            "tornado_centre",
        )
        kind = t(f"group_{name.removeprefix('tornado_')}", language)
        panels.append(
            alt.layer(symbols, bars, label, rule).properties(
                width=width - TORNADO_LABELS - TORNADO_PAD,
                height=alt.Step(TORNADO_ROW),
                title=alt.TitleParams(kind, anchor="start", fontSize=13, offset=4),
            )
        )
    chart = (
        alt.vconcat(*panels, spacing=12)
        .resolve_scale(x="shared", y="independent")
        .properties(title=title or axis_title)
    )
    chart = _configured(chart, language)
    chart.datasets = data  # last: altair copies a chart's datasets at every step
    return chart


def _tornado_flat(table: pd.DataFrame, language: str, title: str, width: int) -> alt.Chart:
    """Text alone (wrapped): no lever moves the chance, and the chance it stays at."""
    p = float(table["p_base"].iloc[0]) if len(table) else float("nan")
    line = t("tornado_flat", language, p=percent(p, language))
    rows = [{"text": "\n".join(textwrap.wrap(line, max(30, width // 7)))}]
    chart = (
        alt.Chart(alt.Data(name="tornado_flat"))
        .mark_text(align="left", baseline="top", fontSize=13, lineBreak="\n", x=0, y=4)
        .encode(text="text:N")
        .properties(
            title=title or t("tornado_axis", language),
            width=width - 10,
            height=40,
            datasets={"tornado_flat": rows},
        )
    )
    return _configured(chart, language).configure_view(stroke=None)


def with_width(spec: dict, width: int) -> dict:
    """A chart's spec (from `to_dict()`) redrawn `width` px wide in all, datasets untouched.

    For a narrower place than the report's column (the explorer's chart area): a single chart
    fits `width`; the two-panel chart splits it between its panels, or, below `SIDE_BY_SIDE`
    px, puts one panel above the other, each with its own y labels; the legend takes fewer
    columns when the width cannot hold four (three for the two-panel chart).
    """
    out = {k: v if k == "datasets" else copy.deepcopy(v) for k, v in spec.items()}
    panels = out.get("hconcat")
    if panels and width < SIDE_BY_SIDE:
        out["vconcat"] = out.pop("hconcat")
        for panel in panels:
            panel["width"], panel["height"] = width - 90, 240
            for layer in panel["layer"]:
                layer.get("encoding", {}).get("y", {}).pop("axis", None)
    elif panels:
        for panel in panels:
            panel["width"] = (width - 120) // len(panels)
    else:
        out["width"] = width
    title = out.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    if isinstance(text, str) and len(text) * 8 > width:  # wrapped: 15 px bold, ~8 px a letter
        lines = textwrap.wrap(text, width=width // 9)
        out["title"] = {**title, "text": lines} if isinstance(title, dict) else lines
    columns = max(1, min(3 if panels else 4, width // 230))
    for panel in panels or [out]:
        for layer in panel.get("layer", []):
            for channel in layer.get("encoding", {}).values():
                if isinstance(channel, dict) and isinstance(channel.get("legend"), dict):
                    channel["legend"]["columns"] = columns
    return out


def stack(*charts: alt.LayerChart) -> alt.VConcatChart:
    """Charts one above the other, each keeping its own data, scales and legend."""
    parts, datasets, config = [], {}, alt.Undefined
    for i, chart in enumerate(charts):
        part = chart.copy(deep=True)
        for layer in part.layer:
            layer.data = alt.Data(name=f"{i}_{layer.data.name}")
        datasets |= {f"{i}_{name}": rows for name, rows in part.datasets.items()}
        config = part.config if config is alt.Undefined else config
        part.datasets = part.config = alt.Undefined
        part.autosize = alt.Undefined
        parts.append(part)
    scales = {k: "independent" for k in ("x", "y", "fill", "stroke", "strokeDash", "shape", "size")}
    out = alt.vconcat(*parts, datasets=datasets).resolve_scale(**scales)
    return out if config is alt.Undefined else out.properties(config=config)
