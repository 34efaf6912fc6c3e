"""The online-services section's own words: the two kinds of figure side by side, each beside
its naive benchmark, the dossier figures as published (series and period, never joined), and
how the survey model did when its last editions were left out."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core.data import Dataset
from dxmodel.models import online_services as os_
from dxmodel.text.i18n import number, t

e = html.escape


def intro(view: os_.ServicesOutlook, dataset: Dataset, language: str) -> str:
    """PAPI and series B in one paragraph: latest, median and interval, naive benchmarks."""
    use = view.projections[(os_.USE, os_.GEO, os_.USE_SERIES)]
    dossiers = view.projections[(os_.DOSSIERS, os_.GEO, os_.DOSSIER_SERIES)]
    base = os_.dossier_base(dataset)
    year, first = int(use.years[-1]), int(dossiers.years[0])
    i = int(np.flatnonzero(use.years == year)[0])
    n = lambda v, d=1: number(v, d, language)  # noqa: E731
    u_lo, u_hi = use.interval(year)
    d_lo, d_hi = dossiers.interval(first)
    months = base.recent[np.floor(base.recent["when"]).astype(int) == base.level_year]
    text = t(
        "os_intro",
        language,
        use=n(use.history[c.VALUE].iloc[-1], 2),
        use_year=int(use.history[c.YEAR].iloc[-1]),
        year=year,
        use_mid=n(use.median_at(year)),
        use_lo=n(u_lo),
        use_hi=n(u_hi),
        persistence=n(view.benchmarks[os_.USE]["persistence"][i]),
        drift=n(view.benchmarks[os_.USE]["drift"][i]),
        level=n(base.level),
        months=len(months),
        level_year=base.level_year,
        next_year=first,
        dossier_mid=n(dossiers.median_at(first)),
        dossier_lo=n(d_lo),
        dossier_hi=n(d_hi),
        whole=n(base.history[c.VALUE].iloc[-1]),
        whole_year=int(base.history[c.YEAR].iloc[-1]),
    )
    return f"<p>{e(text)}</p>"


def published_table(dataset: Dataset, language: str) -> str:
    """Every administrative dossier figure: series, period, kind, value, source."""
    rows = os_.published_dossiers(dataset)
    heads = [t(k, language) for k in ("series", "os_col_period", "col_kind", "col_value")]
    heads.append(t("col_source", language))
    body = "".join(
        "<tr>"
        f"<td>{e(t(f'series_{r.series}', language))}</td><td>{e(r.period)}</td>"
        f"<td>{e(t(f'os_kind_{r.kind}', language))}</td>"
        f"<td>{e(number(r.value, 2, language))}%</td><td><code>{e(r.source)}</code></td>"
        "</tr>"
        for r in rows.itertuples()
    )
    return (
        f"<h3>{e(t('os_published', language))}</h3>"
        f"<p class='dx-muted'>{e(t('os_published_intro', language))}</p>"
        f"<table class='dx-table'><tr>{''.join(f'<th>{e(h)}</th>' for h in heads)}</tr>"
        f"{body}</table>"
    )


def backtest_text(table: pd.DataFrame | None, language: str) -> str:
    """The survey model's leave-last-out forecasts beside persistence, in one sentence."""
    if table is None or table.empty:
        return ""
    n = lambda v: number(v, 1, language)  # noqa: E731
    parts = []
    for year, group in table.groupby("held_out_year"):
        model = group[group["method"] == "model"].iloc[0]
        persistence = group[group["method"] == "persistence"].iloc[0]
        parts.append(
            t(
                "os_backtest_row",
                language,
                year=int(year),
                mid=n(model["forecast"]),
                lo=n(model["low_80"]),
                hi=n(model["high_80"]),
                actual=n(model["actual"]),
                persistence=n(persistence["forecast"]),
            )
        )
    return f"<p class='dx-muted'>{e(t('os_backtest', language, rows='; '.join(parts)))}</p>"


def section(
    view: os_.ServicesOutlook, dataset: Dataset, backtest: pd.DataFrame | None, language: str
) -> tuple[str, dict[str, str], str]:
    """(intro, extra sentences per target, note) as the report's family sections take them."""
    note = backtest_text(backtest, language) + published_table(dataset, language)
    return intro(view, dataset, language), {}, note
