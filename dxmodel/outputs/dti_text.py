"""The DTI section's words and tables: what was published, and the persistence forecast with
each interval or the reason it has none. Shared by the report and the `dxmodel dti` command."""

from __future__ import annotations

import html
import re

import pandas as pd

from dxmodel.core import columns as c
from dxmodel.models import dti
from dxmodel.text.i18n import number, t

e = html.escape


def plain_name(name: str, language: str) -> str:
    """A ministry as published ('Bộ Tài chính (Ministry of Finance)'); on a Vietnamese page
    without the English gloss in brackets, which is no proper name."""
    return name if language == "en" else re.sub(r"\s*\([^)]*\)\s*$", "", name)


def interval_text(row, language: str) -> str:
    """'1–22', or why there is no interval, in words."""
    if not row.refused:
        return f"{int(row.lo)}–{int(row.hi)}"
    if row.refused == "few":
        return t("dti_refused_few", language, n=row.changes, h=row.horizon, min=dti.MIN_CHANGES)
    if row.refused == "outside":
        return t("dti_refused_outside", language, reach=row.reach)
    return t("dti_refused_merged", language)


def _table(heads: list[str], body: list[list[str]]) -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in heads)
    rows = "".join("<tr>" + "".join(f"<td>{e(x)}</td>" for x in r) + "</tr>" for r in body)
    return f"<table class='dx-table'><tr>{head}</tr>{rows}</table>"


def forecast_rows(view: dti.DtiOutlook, language: str, level: str) -> list[list[str]]:
    rows = view.forecast[view.forecast["level"] == level]
    return [
        [r.name, f"{r.last_rank} ({r.last_year})", str(r.last_rank), interval_text(r, language)]
        for r in rows.itertuples(index=False)
    ]


def all_years(data: dti.DtiData) -> list[int]:
    return sorted(int(y) for y in data.ranks[c.YEAR].unique())


def province_rows(view: dti.DtiOutlook, language: str) -> list[list[str]]:
    """Each former province: its published rank in every year (blank: not published), then
    DTI <edition> by persistence and its interval or the reason there is none."""
    wide = view.data.ranks.pivot(index=c.GEO, columns=c.YEAR, values="rank")
    rows = view.forecast[view.forecast["level"] == "province"]
    return [
        [
            r.name,
            *("" if pd.isna(wide.loc[r.geo, y]) else str(int(wide.loc[r.geo, y]))
              for y in all_years(view.data)),
            str(r.last_rank),
            interval_text(r, language),
        ]
        for r in rows.itertuples(index=False)
    ]  # fmt: skip


def section(view: dti.DtiOutlook, language: str) -> str:
    """The DTI section's HTML between its heading and its charts."""
    data, f = view.data, view.forecast
    lang = language
    years = sorted(int(y) for y in data.ranks[c.YEAR].unique() if y != dti.COMPLETE_YEAR)
    partial = data.ranks[data.ranks[c.YEAR] != dti.COMPLETE_YEAR]
    national = ", ".join(
        f"{number(r.value, 4 if r.value != round(r.value, 2) else 2, lang)} ({r.year})"
        for r in data.national.itertuples(index=False)
    )
    former = f[f["level"] == "province"]
    shown = former[former["refused"] == ""]
    edition = view.edition
    heads = [
        t("dti_col_province", lang),
        t("dti_col_last", lang),
        t("dti_col_forecast", lang, edition=edition),
        t("dti_col_interval", lang),
    ]
    out = [
        f"<p>{e(t('dti_intro', lang, full=dti.COMPLETE_YEAR, years=', '.join(map(str, years)), count=len(partial)))}</p>",  # noqa: E501
        f"<p>{e(t('dti_national_text', lang, values=national, break_year=dti.BREAK_YEAR))}</p>",
        f"<h3>{e(t('dti_h_forecast', lang))}</h3>",
        "<p>"
        + e(
            t(
                "dti_forecast_text",
                lang,
                edition=edition,
                due=edition + 1,
                with_interval=len(shown),
                changes=int(shown["changes"].max()) if len(shown) else 0,
                without=len(former) - len(shown),
            )
        )
        + "</p>",
        _table([heads[0], *map(str, all_years(data)), *heads[2:]], province_rows(view, lang)),
        f"<h3>{e(t('dti_h_merged', lang))}</h3>",
        f"<p>{e(t('dti_34_text', lang, count=int((f['level'] == 'province_34').sum())))}</p>",
        _table(heads, forecast_rows(view, lang, "province_34")),
        f"<p>{e(t('dti_crosswalk_text', lang, count=data.crosswalk['province_34'].nunique()))}</p>",
        _table(
            [t("dti_col_province", lang), t("dti_col_former", lang)],
            [
                [merged, ", ".join(group["former_name"])]
                for merged, group in data.crosswalk.groupby("province_34", sort=True)
            ],
        ),
        f"<h3>{e(t('dti_h_ministries', lang))}</h3>",
        f"<p>{e(t('dti_ministry_text', lang))}</p>",
        _table(
            [
                t("year", lang),
                t("dti_col_group", lang),
                t("dti_col_rank", lang),
                t("dti_col_name", lang),
                t("dti_col_score", lang),
            ],
            ministry_rows(data.levels, lang),
        ),
    ]
    return "".join(out)


def ministry_rows(levels: pd.DataFrame, language: str) -> list[list[str]]:
    rows = levels[levels["level"].str.startswith("ministry")].sort_values([c.YEAR, "level", "rank"])
    return [
        [
            str(r.year),
            t(f"dti_level_{r.level}", language),
            str(r.rank),
            plain_name(r.name, language),
            "" if pd.isna(r.score) else number(r.score, 4, language),
        ]
        for r in rows.itertuples(index=False)
    ]
