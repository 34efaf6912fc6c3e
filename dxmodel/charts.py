"""Altair chart builders: each returns a new chart and never displays it.

Every chart reads *named* datasets, computed by a `*_data` function from projections: quantile
bands (a few rows per year, never raw draws), the baseline's median, history and targets.
So a chart's spec can be built once and refreshed by swapping its `datasets` alone, which is
what the explorer does on each slider move (building the altair objects costs far more).
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from dxmodel import columns as c
from dxmodel.i18n import t
from dxmodel.projection import Projection

Records = list[dict]
BANDS = (0.1, 0.25, 0.5, 0.75, 0.9)
COLOURS = {
    "scenario": "#1f5fa8",
    "baseline": "#8a8a8a",
    "observed": "#1a1a1a",
    "target": "#c4271b",
    "threshold": "#e08a00",
    "persistence": "#6a3d9a",
    "drift": "#33a02c",
}
WIDTH, HEIGHT = 520, 260
X = alt.X(f"{c.YEAR}:O")


# --- datasets --------------------------------------------------------------------------------
def fan_records(projection: Projection, what: str) -> Records:
    """q10 ... q90 of the draws per year: the bands and the median line."""
    q = np.quantile(projection.draws, BANDS, axis=1)
    return [
        {c.YEAR: int(year), **{f"q{round(b * 100)}": float(q[i, j]) for i, b in enumerate(BANDS)},
         "what": what}
        for j, year in enumerate(projection.years)
    ]  # fmt: skip


def fan_frame(projection: Projection) -> pd.DataFrame:
    """The bands as a table: year, q10, q25, q50, q75, q90."""
    return pd.DataFrame(fan_records(projection, "")).drop(columns="what")


def history_records(projection: Projection, what: str) -> Records:
    h = projection.history
    return [
        {c.YEAR: int(y), c.VALUE: float(v), "what": what}
        for y, v in zip(h[c.YEAR], h[c.VALUE], strict=True)
    ]


def target_records(projection: Projection, targets: pd.DataFrame, language: str) -> Records:
    """The registry targets on this projection's indicator, at the year they are judged on."""
    same = (targets[c.INDICATOR] == projection.indicator) & (targets[c.GEO] == projection.geo)
    return [
        {
            c.YEAR: int(row.judged_on_year),
            c.VALUE: float(row.value),
            c.TARGET: row.target,
            c.BASIS: row.basis,
            c.CLAUSE: row.clause,
            "label": f"{row.comparator} {row.value:g} "
            f"({t('judged_on', language, year=row.judged_on_year)})",
            "what": t("legend_target", language),
        }
        for row in targets[same].itertuples()
    ]


def band_data(
    projection: Projection, baseline: Projection | None, language: str
) -> dict[str, Records]:
    """What moves with the levers: this scenario's bands and the baseline's median."""
    return {
        "fan": fan_records(projection, t("legend_scenario", language)),
        "baseline": fan_records(baseline, t("legend_baseline", language)) if baseline else [],
    }


def fan_data(
    projection: Projection,
    baseline: Projection | None,
    targets: pd.DataFrame | None,
    language: str,
) -> dict[str, Records]:
    """The datasets every fan chart shares: bands, baseline median, history, targets."""
    return {
        **band_data(projection, baseline, language),
        "history": history_records(projection, t("legend_observed", language)),
        "targets": target_records(projection, targets, language) if targets is not None else [],
    }


def share_data(projection, targets, benchmarks, baseline=None, language="en"):
    data = fan_data(projection, baseline, targets, language)
    for name, bench in benchmarks.items():
        data[name] = [
            {c.YEAR: int(y), c.VALUE: float(v), "what": t(f"legend_{name}", language)}
            for y, v in zip(bench.years, bench.draws[:, 0], strict=True)
        ]
    return data


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


# --- layers ----------------------------------------------------------------------------------
def legend(language: str, keys: tuple[str, ...]) -> alt.Color:
    """One colour scale shared by a chart's layers, so its legend names each colour."""
    return alt.Color(
        "what:N",
        scale=alt.Scale(
            domain=[t(f"legend_{key}", language) for key in keys],
            range=[COLOURS[key] for key in keys],
        ),
        legend=alt.Legend(title=None, orient="bottom", labelLimit=400, columns=3),
    )


def fan_layers(y_title: str, language: str, colour: alt.Color, reverse: bool = False) -> list:
    """Bands, median, baseline median and observed history, on the named datasets."""
    scale = alt.Scale(reverse=reverse, zero=False)
    fan = alt.Chart(alt.Data(name="fan")).encode(
        x=alt.X(f"{c.YEAR}:O", title=t("year", language)), color=colour
    )
    number = ".3~f"
    return [
        fan.mark_area(opacity=0.18).encode(
            y=alt.Y("q10:Q", title=y_title, scale=scale), y2="q90:Q"
        ),
        fan.mark_area(opacity=0.3).encode(y="q25:Q", y2="q75:Q"),
        fan.mark_line(point=True).encode(
            y="q50:Q",
            tooltip=[
                alt.Tooltip(f"{c.YEAR}:O", title=t("year", language)),
                alt.Tooltip("q50:Q", title=t("median", language), format=number),
                alt.Tooltip("q10:Q", title="10%", format=number),
                alt.Tooltip("q90:Q", title="90%", format=number),
            ],
        ),
        alt.Chart(alt.Data(name="baseline"))
        .mark_line(strokeDash=[5, 4])
        .encode(
            x=X, y="q50:Q", color=colour,
            tooltip=[alt.Tooltip("q50:Q", title=t("baseline_median", language), format=number)],
        ),
        alt.Chart(alt.Data(name="history"))
        .mark_line(point=True)
        .encode(
            x=X, y=f"{c.VALUE}:Q", color=colour,
            tooltip=[alt.Tooltip(f"{c.YEAR}:O", title=t("year", language)),
                     alt.Tooltip(f"{c.VALUE}:Q", title=t("observed", language), format=".4~f")],
        ),
    ]  # fmt: skip


def target_layer(language: str, colour: alt.Color) -> alt.Chart:
    """Each target as a marker at the year it is judged on, its legal basis in the tooltip."""
    return (
        alt.Chart(alt.Data(name="targets"))
        .mark_point(shape="diamond", size=120, filled=True, opacity=0.9)
        .encode(
            x=X,
            y=f"{c.VALUE}:Q",
            color=colour,
            tooltip=[
                alt.Tooltip(f"{c.TARGET}:N", title=t("target", language)),
                alt.Tooltip("label:N", title=t("value", language)),
                alt.Tooltip(f"{c.BASIS}:N", title=t("basis", language)),
                alt.Tooltip(f"{c.CLAUSE}:N", title=""),
            ],
        )
    )


def _chart(layers: list, data: dict[str, Records], title) -> alt.LayerChart:
    return alt.layer(*layers).properties(title=title, width=WIDTH, height=HEIGHT, datasets=data)


# --- charts ----------------------------------------------------------------------------------
def rank_chart(
    projection: Projection,
    targets: pd.DataFrame,
    *,
    baseline: Projection | None = None,
    language: str = "en",
) -> alt.LayerChart:
    """Viet Nam's EGDI rank: fan bands, baseline, history and every rank target (1 on top)."""
    colour = legend(language, ("scenario", "baseline", "observed", "target"))
    layers = [
        *fan_layers(t("rank_axis", language), language, colour, reverse=True),
        target_layer(language, colour),
    ]
    data = fan_data(projection, baseline, targets, language)
    return _chart(layers, data, t("rank_title", language))


def egdi_chart(
    projection: Projection,
    thresholds: dict[int, Projection],
    *,
    baseline: Projection | None = None,
    language: str = "en",
) -> alt.LayerChart:
    """Viet Nam's EGDI against the score it would need to rank 50th and 30th."""
    colour = legend(language, ("scenario", "baseline", "observed", "threshold"))
    needed = alt.Chart(alt.Data(name="needed")).encode(x=X, y="q50:Q", color=colour)
    layers = [
        *fan_layers(t("egdi_axis", language), language, colour),
        needed.mark_line(strokeDash=[2, 2]).encode(
            detail="threshold:N",
            tooltip=[
                alt.Tooltip("threshold:N", title=""),
                alt.Tooltip("q50:Q", title=t("median", language), format=".3f"),
            ],
        ),
        needed.transform_filter(alt.datum.last)
        .mark_text(align="left", dx=6, fontSize=10)
        .encode(text="threshold:N"),
    ]
    data = egdi_data(projection, thresholds, baseline, language)
    return _chart(layers, data, t("egdi_title", language))


def share_chart(
    projection: Projection,
    targets: pd.DataFrame,
    benchmarks: dict[str, Projection],
    *,
    baseline: Projection | None = None,
    language: str = "en",
) -> alt.LayerChart:
    """The digital-economy share on one series: fan, baseline, benchmarks, history, targets."""
    keys = ("scenario", "baseline", *benchmarks, "observed", "target")
    colour = legend(language, keys)
    layers = [*fan_layers(t("share_axis", language), language, colour)]
    for name in benchmarks:
        layers.append(
            alt.Chart(alt.Data(name=name))
            .mark_line(strokeDash=[1, 3], strokeWidth=2)
            .encode(
                x=X, y=f"{c.VALUE}:Q", color=colour,
                tooltip=[alt.Tooltip(f"{c.VALUE}:Q", title=t(f"legend_{name}", language),
                                     format=".2f")],
            )
        )  # fmt: skip
    layers.append(target_layer(language, colour))
    data = share_data(projection, targets, benchmarks, baseline, language)
    title = t("share_title", language, series=t(f"series_{projection.series}", language))
    return _chart(layers, data, title)


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
    colour = legend(language, ("scenario", "baseline", "target"))
    layers = [*fan_layers(y_title, language, colour), target_layer(language, colour)]
    data = fan_data(projection, baseline, targets, language)
    return _chart(layers, data, alt.TitleParams(title, subtitle=[note] if note else []))


def stack(*charts: alt.LayerChart) -> alt.VConcatChart:
    """Charts one above the other, each keeping its own data, scales and legend."""
    parts, datasets = [], {}
    for i, chart in enumerate(charts):
        part = chart.copy(deep=True)
        for layer in part.layer:
            layer.data = alt.Data(name=f"{i}_{layer.data.name}")
        datasets |= {f"{i}_{name}": rows for name, rows in part.datasets.items()}
        part.datasets = alt.Undefined
        parts.append(part)
    return alt.vconcat(*parts, datasets=datasets).resolve_scale(
        color="independent", y="independent"
    )
