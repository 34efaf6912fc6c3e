"""HTML tables for people: the target scorecard and the parameter table, escaped and offline.

Used by the explorer (as widget HTML) and by the reports (as notebook output), so a reviewer
and an analyst read the same table. Every piece of text from data or a scenario is escaped.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from dxmodel.core.levers import LEVERS
from dxmodel.core.scenario import Scenario
from dxmodel.core.targets import outlook_key
from dxmodel.outputs.wording import (
    choice_label,
    lever_value,
    needs_text,
    target_label,
    value_text,
)
from dxmodel.text.i18n import basis_in, number, percent, significant, t
from dxmodel.util.frames import rows

STATUS_COLOURS = {
    "met": "#1a7f37",
    "on_track": "#1a7f37",
    "at_risk": "#b7791f",
    "off_track": "#c4271b",
    "missed": "#c4271b",
    "unmeasured": "#6b5b95",
    "no_model": "#777777",
}
STYLE = """<style>
.dx-table{border-collapse:collapse;font:13px/1.35 system-ui,sans-serif;width:100%}
.dx-table th,.dx-table td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left!important;
vertical-align:top}
.dx-table th{background:#f4f4f4}.dx-num{text-align:right!important;white-space:nowrap}
.dx-pill{color:#fff;border-radius:8px;padding:1px 7px;white-space:nowrap;font-size:12px}
.dx-muted{color:#666;font-size:12px}.dx-flag{color:#8a4b00;font-size:12px}
.dx-table code{word-break:break-all}.dx-changed td{background:#fff8e1}
.dx-verdict td{font-size:14px}.dx-verdict th:first-child{width:34%}
</style>"""
VERDICT_COLUMNS = (
    "col_target", "col_deadline", "col_status", "col_p", "col_p_baseline", "col_base_rate",
    "col_expected",
)  # fmt: skip
FAR_ABOVE = 2.0  # P(meet) this many times the base rate (and 10 points above) gets a sentence


def rarity_sentence(p: float, hits: int, cases: int, language: str = "en") -> str:
    """ "1 in N comparable countries" when P(meet) is far above the base rate, else ""."""
    if pd.isna(p) or pd.isna(cases) or not cases:
        return ""
    rate = hits / cases
    if not (p >= FAR_ABOVE * rate and p - rate >= 0.1):
        return ""
    if hits == 0:
        return t("rarity_none", language, cases=number(cases, 0, language))
    return t("rarity", language, n=number(round(cases / hits), 0, language))


def base_rate_cell(r, language: str = "en") -> str:
    """The reference class beside P(meet): rate, counts, and a flag when P is far above it."""
    e = html.escape
    if pd.isna(r.base_rate):
        return ""
    counts = f"{number(r.base_rate_hits, 0, language)}/{number(r.base_rate_cases, 0, language)}"
    flag = rarity_sentence(r.p_meet, r.base_rate_hits, r.base_rate_cases, language)
    return (
        f"<span title='{e(r.base_rate_note)}'>{percent(r.base_rate, language)}</span>"
        f"<div class='dx-muted'>{counts}</div>"
        + (f"<div class='dx-flag'>{e(flag)}</div>" if flag else "")
    )


def needs_html(r, language: str = "en") -> str:
    """What an 80% chance needs (`wording.needs_text`), and that it is for that chance."""
    text = needs_text(r, language)
    if not text:
        return ""
    e = html.escape
    return f"{e(text)} <span class='dx-muted'>({e(t('basis_80%', language))})</span>"


def scorecard_html(
    card: pd.DataFrame, language: str = "en", units: dict[str, str] | None = None
) -> str:
    """The scorecard as an HTML table: status, P(meet) with its basis beside the baseline's and
    the base rate, the median with its 80% interval, and what an 80% chance needs.

    `units` maps an indicator to its unit in `language` (from indicators.csv).
    """
    e = html.escape
    units = units or {}
    head = _head((*VERDICT_COLUMNS, "col_needs"), language)
    out = []
    for r in rows(card):
        key = outlook_key(r.status, r.p_meet)
        pill = (
            f'<span class="dx-pill" style="background:{STATUS_COLOURS[key]}">'
            f"{e(t('status_' + key, language))}</span>"
        )
        judged = "" if r.judged_on_year == r.year else f" ({r.judged_on_year})"
        seen = value_text(r.latest_observed, r.unit, language, digits=4)
        latest = (
            f"<div class='dx-muted'>{e(t('latest', language))}: {seen} ({r.latest_year})</div>"
            if not pd.isna(r.latest_year)
            else ""
        )
        series = t("series_" + r.series, language) if r.warning else ""
        warning = t("warning_series", language, series=series) if r.warning else ""
        warning = f"<div class='dx-muted'>⚠ {e(warning)}</div>" if warning else ""
        basis = (
            f"<div class='dx-muted'>{e(t('p_basis_' + r.p_basis, language))}</div>"
            if r.p_basis
            else ""
        )
        expected = value_text(r.expected, r.unit, language)
        if expected:
            low, high = (value_text(v, r.unit, language) for v in (r.low, r.high))
            expected += f"<div class='dx-muted'>{low}–{high}</div>"
        out.append(
            "<tr>"
            f"<td><b>{e(r.comparator)} {_num(r.value, language)}</b> "
            f"{e(units.get(r.indicator, r.unit))}<div class='dx-muted' title='{e(str(r.clause))}'>"
            f"<code>{e(r.target)}</code> · {e(basis_in(r.basis, language))}</div>"
            f"{latest}{warning}</td>"
            f"<td class='dx-num'>{r.year}{judged}</td><td>{pill}</td>"
            f"<td class='dx-num'>{_pct(r.p_meet, language)}{basis}</td>"
            f"<td class='dx-num'>{_pct(getattr(r, 'p_meet_baseline', np.nan), language)}</td>"
            f"<td class='dx-num'>{base_rate_cell(r, language)}</td>"
            f"<td class='dx-num'>{expected}</td><td>{needs_html(r, language)}</td></tr>"
        )
    return f"{STYLE}<table class='dx-table'><tr>{head}</tr>{''.join(out)}</table>"


def _head(keys: tuple[str, ...], language: str) -> str:
    """A table's header row: each column's name in `language`."""
    return "".join(f"<th>{html.escape(t(k, language))}</th>" for k in keys)


def _pct(p: float, language: str = "en") -> str:
    return "" if np.isnan(p) else percent(p, language)


def _num(v: float, language: str = "en") -> str:
    """Up to four significant digits, written as `language` writes numbers."""
    if isinstance(v, float) and np.isnan(v):
        return ""
    return number(v, 0, language) if abs(v) >= 1000 else significant(v, 4, language)


def parameters_html(scenario: Scenario, baseline: Scenario, language: str = "en") -> str:
    """Every lever: its value in this scenario, its unit, and the difference from the baseline."""
    e = html.escape
    head = "".join(
        f"<th>{e(t(k, language))}</th>"
        for k in ("col_lever", "col_kind", "col_value", "col_unit", "col_vs_baseline")
    )
    out = []
    for lever in LEVERS:
        value, base = scenario.value(lever.name), baseline.value(lever.name)
        if value == base:
            diff = ""
        elif lever.choices:
            diff = f"{choice_label(base, language)} → {choice_label(value, language)}"
        else:
            step = value - base
            diff = ("+" if step > 0 else "−") + significant(abs(step), 3, language)
        changed = " class='dx-changed'" if diff else ""
        out.append(
            f"<tr{changed}><td title='{e(lever.help(language))}'>{e(lever.label(language))}</td>"
            f"<td>{e(t('kind_' + lever.kind, language))}</td>"
            f"<td class='dx-num'>{e(lever_value(lever, value, language))}</td>"
            f"<td>{e(lever.unit(language))}</td><td class='dx-num'>{e(diff)}</td></tr>"
        )
    return f"{STYLE}<table class='dx-table'><tr>{head}</tr>{''.join(out)}</table>"


def verdict_html(
    card: pd.DataFrame, labels: dict[str, tuple[str, str]], language: str = "en"
) -> str:
    """The briefing's first table: one row per distinct target, its verdict at a glance."""
    e = html.escape
    head = _head(VERDICT_COLUMNS, language)
    out = []
    for _, group in card.groupby(
        ["indicator", "judged_on_year", "comparator", "value"], sort=False
    ):
        r = next(rows(group.head(1)))
        key = outlook_key(r.status, r.p_meet)
        bases = "; ".join(dict.fromkeys(basis_in(b, language) for b in group.basis))
        expected = value_text(r.expected, r.unit, language)
        if expected:
            low, high = (value_text(v, r.unit, language) for v in (r.low, r.high))
            expected += f" <span class='dx-muted'>({low}–{high})</span>"
        elif r.status in ("met", "missed"):
            expected = f"{value_text(r.latest_observed, r.unit, language, digits=4)}*"
        out.append(
            f"<tr><td>{e(target_label(r, labels, language))}"
            f"<div class='dx-muted'>{e(bases)}</div></td>"
            f"<td class='dx-num'>{r.year}</td>"
            f"<td><span class='dx-pill' style='background:{STATUS_COLOURS[key]}'>"
            f"{e(t('status_' + key, language))}</span></td>"
            f"<td class='dx-num'><b>{_pct(r.p_meet, language)}</b></td>"
            f"<td class='dx-num'>{_pct(getattr(r, 'p_meet_baseline', np.nan), language)}</td>"
            f"<td class='dx-num'>{base_rate_cell(r, language)}</td>"
            f"<td class='dx-num'>{expected}</td></tr>"
        )
    note = f"<p class='dx-muted'>{e(t('verdict_note', language))}</p>"
    return f"{STYLE}<table class='dx-table dx-verdict'><tr>{head}</tr>{''.join(out)}</table>{note}"
