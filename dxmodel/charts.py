"""Altair chart builders: each returns a new chart and never displays it.

Charts are drawn from quantile bands (a few rows per year), never from raw draws, so they
stay far below altair's row limit and embed cheaply in reports.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from dxmodel import columns as c
from dxmodel.i18n import t
from dxmodel.projection import Projection

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


def _what(frame: pd.DataFrame, key: str, language: str) -> pd.DataFrame:
    return frame.assign(what=t(f"legend_{key}", language))


def fan_frame(projection: Projection) -> pd.DataFrame:
    """One row per year: q10, q25, q50, q75, q90 of the projection's draws."""
    q = projection.quantiles(BANDS)
    wide = q.pivot(index=c.YEAR, columns=c.QUANTILE, values=c.VALUE)
    wide.columns = [f"q{round(level * 100)}" for level in wide.columns]
    return wide.reset_index()


def fan_layers(
    projection: Projection,
    *,
    baseline: Projection | None,
    y_title: str,
    language: str,
    colour: alt.Color,
    reverse: bool = False,
) -> list[alt.Chart]:
    """Bands, median, baseline median and observed history on shared axes."""
    fan = _what(fan_frame(projection), "scenario", language)
    x = alt.X(f"{c.YEAR}:O", title=t("year", language))
    scale = alt.Scale(reverse=reverse, zero=False)
    base = alt.Chart(fan).encode(x=x, color=colour)
    tooltip = [
        alt.Tooltip(f"{c.YEAR}:O", title=t("year", language)),
        alt.Tooltip("q50:Q", title=t("median", language), format=".3~f"),
        alt.Tooltip("q10:Q", title="10%", format=".3~f"),
        alt.Tooltip("q90:Q", title="90%", format=".3~f"),
    ]
    layers = [
        base.mark_area(opacity=0.18).encode(
            y=alt.Y("q10:Q", title=y_title, scale=scale), y2="q90:Q"
        ),
        base.mark_area(opacity=0.3).encode(y="q25:Q", y2="q75:Q"),
        base.mark_line(point=True).encode(y="q50:Q", tooltip=tooltip),
    ]
    if baseline is not None:
        baseline_tip = alt.Tooltip("q50:Q", title=t("baseline_median", language), format=".3~f")
        layers.append(
            alt.Chart(_what(fan_frame(baseline), "baseline", language))
            .mark_line(strokeDash=[5, 4])
            .encode(x=x, y="q50:Q", color=colour, tooltip=[baseline_tip])
        )
    if len(projection.history):
        history = projection.history.assign(**{c.YEAR: projection.history[c.YEAR].astype(int)})
        layers.append(
            alt.Chart(_what(history, "observed", language))
            .mark_line(point=True)
            .encode(
                x=x,
                y=f"{c.VALUE}:Q",
                color=colour,
                tooltip=[
                    alt.Tooltip(f"{c.YEAR}:O", title=t("year", language)),
                    alt.Tooltip(f"{c.VALUE}:Q", title=t("observed", language), format=".4~f"),
                ],
            )
        )
    return layers


def target_layer(targets: pd.DataFrame, language: str, colour: alt.Color) -> alt.Chart:
    """Each target as a marker at the year it is judged on, its legal basis in the tooltip."""
    frame = targets.assign(
        label=[
            f"{row.comparator} {row.value:g} ({t('judged_on', language, year=row.judged_on_year)})"
            for row in targets.itertuples()
        ],
        **{c.YEAR: targets[c.JUDGED_ON_YEAR].astype(int)},
    )[[c.YEAR, c.VALUE, c.TARGET, c.BASIS, c.CLAUSE, "label"]]
    return (
        alt.Chart(_what(frame, "target", language))
        .mark_point(shape="diamond", size=120, filled=True, opacity=0.9)
        .encode(
            x=f"{c.YEAR}:O",
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


def own_targets(projection: Projection, targets: pd.DataFrame) -> pd.DataFrame:
    """The registry targets on this projection's indicator and geography."""
    same = (targets[c.INDICATOR] == projection.indicator) & (targets[c.GEO] == projection.geo)
    return targets[same]


def rank_chart(
    projection: Projection,
    targets: pd.DataFrame,
    *,
    baseline: Projection | None = None,
    language: str = "en",
) -> alt.LayerChart:
    """Viet Nam's EGDI rank: fan bands, baseline, history and every rank target (1 on top)."""
    colour = legend(language, ("scenario", "baseline", "observed", "target"))
    layers = fan_layers(
        projection, baseline=baseline, y_title=t("rank_axis", language), language=language,
        colour=colour, reverse=True,
    )  # fmt: skip
    layers.append(target_layer(own_targets(projection, targets), language, colour))
    return alt.layer(*layers).properties(
        title=t("rank_title", language), width=WIDTH, height=HEIGHT
    )


def egdi_chart(
    projection: Projection,
    thresholds: dict[int, Projection],
    *,
    baseline: Projection | None = None,
    language: str = "en",
) -> alt.LayerChart:
    """Viet Nam's EGDI against the score it would need to rank 50th and 30th."""
    colour = legend(language, ("scenario", "baseline", "observed", "threshold"))
    layers = fan_layers(
        projection, baseline=baseline, y_title=t("egdi_axis", language), language=language,
        colour=colour,
    )  # fmt: skip
    needed = _what(
        pd.concat(
            [
                fan_frame(p).assign(threshold=t("needed_for_rank", language, n=n))
                for n, p in sorted(thresholds.items())
            ]
        ),
        "threshold",
        language,
    )
    lines = alt.Chart(needed).encode(x=f"{c.YEAR}:O", y="q50:Q", color=colour)
    layers += [
        lines.mark_line(strokeDash=[2, 2]).encode(
            detail="threshold:N",
            tooltip=[
                alt.Tooltip("threshold:N", title=""),
                alt.Tooltip("q50:Q", title=t("median", language), format=".3f"),
            ],
        ),
        lines.transform_filter(alt.datum[c.YEAR] == int(needed[c.YEAR].max()))
        .mark_text(align="left", dx=6, fontSize=10)
        .encode(text="threshold:N"),
    ]
    return alt.layer(*layers).properties(
        title=t("egdi_title", language), width=WIDTH, height=HEIGHT
    )


def share_chart(
    projection: Projection,
    targets: pd.DataFrame,
    benchmarks: dict[str, Projection],
    *,
    baseline: Projection | None = None,
    language: str = "en",
) -> alt.LayerChart:
    """The digital-economy share on one series: fan, baseline, benchmarks, history, targets."""
    keys = ("scenario", "baseline", "persistence", "drift", "observed", "target")
    colour = legend(language, keys)
    layers = fan_layers(
        projection, baseline=baseline, y_title=t("share_axis", language), language=language,
        colour=colour,
    )  # fmt: skip
    for name, bench in benchmarks.items():
        line = pd.DataFrame({c.YEAR: bench.years, c.VALUE: bench.draws[:, 0]})
        layers.append(
            alt.Chart(_what(line, name, language))
            .mark_line(strokeDash=[1, 3], strokeWidth=2)
            .encode(
                x=f"{c.YEAR}:O",
                y=f"{c.VALUE}:Q",
                color=colour,
                tooltip=[alt.Tooltip(f"{c.VALUE}:Q", title=t(f"legend_{name}", language),
                                     format=".2f")],
            )
        )  # fmt: skip
    layers.append(target_layer(own_targets(projection, targets), language, colour))
    title = t("share_title", language, series=t(f"series_{projection.series}", language))
    return alt.layer(*layers).properties(title=title, width=WIDTH, height=HEIGHT)


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
    layers = fan_layers(
        projection, baseline=baseline, y_title=y_title, language=language, colour=colour
    )
    layers.append(target_layer(own_targets(projection, targets), language, colour))
    heading = alt.TitleParams(title, subtitle=[note] if note else [])
    return alt.layer(*layers).properties(title=heading, width=WIDTH, height=HEIGHT)


def stack(*charts: alt.TopLevelMixin) -> alt.VConcatChart:
    """Charts one above the other, each keeping its own scales and legend."""
    return alt.vconcat(*charts).resolve_scale(color="independent", y="independent")
