"""The DTI's two charts: the national index with its break marked, and the provinces' ranks
with the persistence forecast. Nothing here moves with a lever, so both are drawn once."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dxmodel.core import columns as c
from dxmodel.models import dti
from dxmodel.outputs import charts
from dxmodel.outputs.charts import Legend
from dxmodel.text.i18n import t

BREAK_AT = dti.BREAK_YEAR - 0.5  # between the last year on the old set and the first on the new


def national_chart(data: dti.DtiData, language: str = "en") -> alt.LayerChart:
    """The national DTI as published, and where its indicator set changed."""
    points = [{c.YEAR: int(r.year), c.VALUE: float(r.value)} for r in data.national.itertuples()]
    values = [p[c.VALUE] for p in points]
    low, high = round(min(values) - 0.05, 2), round(max(values) + 0.05, 2)
    data_sets = {
        "national": points,
        "break": [{c.YEAR: BREAK_AT, c.VALUE: low}, {c.YEAR: BREAK_AT, c.VALUE: high}],
    }
    legend = Legend(["observed", "series_break"], language)
    x = charts.x_axis([p[c.YEAR] for p in points], t("year", language))
    y = alt.Y(f"{c.VALUE}:Q", title=t("dti_national_axis", language), scale=alt.Scale(zero=False))
    tips = [
        alt.Tooltip(f"{c.YEAR}:Q", title=t("year", language), format="d"),
        alt.Tooltip(f"{c.VALUE}:Q", title=t("observed", language), format=".4f"),
    ]
    base = alt.Chart(alt.Data(name="national")).encode(x=x, y=y)
    layers = [
        base.mark_line(strokeWidth=1.5, color=charts.LOOKS["observed"].colour),
        legend.draw(base.mark_point(filled=True, opacity=1).encode(tooltip=tips), "observed"),
        legend.draw(
            alt.Chart(alt.Data(name="break")).mark_line(strokeWidth=2).encode(x=x, y=y),
            "series_break",
        ),
    ]
    return charts._chart(layers, data_sets, t("dti_national_title", language), language)


def _rank_sets(data: dti.DtiData, forecast: pd.DataFrame) -> dict[str, list[dict]]:
    shown = forecast[(forecast["level"] == "province") & (forecast["refused"] == "")]
    history = data.ranks[data.ranks[c.GEO].isin(shown[c.GEO])]
    persist, band = [], []
    for r in shown.itertuples(index=False):
        for year, lo, hi in ((r.last_year, r.last_rank, r.last_rank), (r.edition, r.lo, r.hi)):
            row = {c.GEO: r.geo, "name": r.name, c.YEAR: int(year), "rank": int(r.last_rank)}
            persist.append(row)
            band.append({**row, "lo": int(lo), "hi": int(hi)})
    return {
        "history": [
            {c.GEO: r.geo, "name": r.name, c.YEAR: int(r.year), "rank": int(r.rank)}
            for r in history.itertuples(index=False)
        ],
        "persistence": persist,
        "band": band,
    }


def ranks_chart(data: dti.DtiData, forecast: pd.DataFrame, language: str = "en") -> alt.LayerChart:
    """Provinces with an interval: their published ranks, then DTI <edition> by persistence
    with the 80% interval of the observed changes (rank 1 on top)."""
    sets = _rank_sets(data, forecast)
    edition = int(forecast["edition"].iloc[0])
    legend = Legend(["rank_interval", "persistence", "observed"], language)
    years = sorted({r[c.YEAR] for r in sets["history"]} | {edition})
    x = charts.x_axis(years, t("year", language))
    title = t("dti_rank_axis", language)
    scale = alt.Scale(reverse=True, zero=False, domainMin=1)
    y = alt.Y("rank:Q", title=title, scale=scale)
    name = alt.Tooltip("name:N", title=t("dti_col_province", language))
    year = alt.Tooltip(f"{c.YEAR}:Q", title=t("year", language), format="d")
    band = alt.Chart(alt.Data(name="band")).encode(x=x, detail=f"{c.GEO}:N")
    persist = alt.Chart(alt.Data(name="persistence")).encode(x=x, y=y, detail=f"{c.GEO}:N")
    history = alt.Chart(alt.Data(name="history")).encode(x=x, y=y, detail=f"{c.GEO}:N")
    low = alt.Y("lo:Q", title=title, scale=scale)
    layers = [
        legend.draw(band.mark_area(opacity=0.35).encode(y=low, y2="hi:Q"), "rank_interval"),
        legend.draw(persist.mark_line(strokeWidth=1.5), "persistence"),
        history.mark_line(strokeWidth=1, color="#9a9a9a"),
        legend.draw(
            history.mark_point(filled=True, opacity=1).encode(
                tooltip=[name, year, alt.Tooltip("rank:Q", title=title)]
            ),
            "observed",
        ),
    ]  # fmt: skip
    heading = t("dti_ranks_title", language, edition=edition)
    return charts._chart(layers, sets, heading, language)
