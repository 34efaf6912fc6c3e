"""The comparison index: every rendered report's numbers side by side, in each language.

Built from the numbers each report carries (its .json), so it always agrees with the reports
it links to; a damaged file is skipped, never fatal.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dxmodel.core.data import load_dataset
from dxmodel.core.scenario import BASELINE, list_scenarios
from dxmodel.core.targets import outlook_key
from dxmodel.outputs.explore import SECTION_ID, explore_part
from dxmodel.outputs.summary import KEY_VALUES, SUMMARY_COLUMNS
from dxmodel.outputs.tables import STATUS_COLOURS, STYLE, base_rate_cell
from dxmodel.outputs.wording import target_label, value_text
from dxmodel.publish.notebooks import vega_bundle
from dxmodel.publish.pages import check_report_name, index_name, page_path, report_path
from dxmodel.sweeps.run import FOLDER, SPEC_FILE
from dxmodel.text.i18n import (
    SOURCE_LANGUAGE,
    basis_in,
    indicator_labels,
    languages,
    number,
    percent,
    t,
)
from dxmodel.util.atomic import write_atomically
from dxmodel.util.errors import DxError
from dxmodel.util.frames import rows
from dxmodel.util.paths import reports_dir

e = html.escape


SUMMARY_TEXT = ("target", "indicator", "comparator", "status")  # required, as text
SUMMARY_YEARS = ("year", "judged_on_year")  # required, whole numbers
SUMMARY_NUMBERS = (
    "value", "latest_observed", "latest_year", "p_meet", "p_meet_baseline", "expected", "low",
    "high", "base_rate", "base_rate_hits", "base_rate_cases",
)  # fmt: skip
PAGE_LIMIT = 32 * 2**20  # bytes of a report page the index reads its Explore part from
CLEAN_COMMAND = "make clean"  # what deletes the pages and keeps their numbers


@dataclass(frozen=True)
class Summary:
    """One rendered report's numbers (from its .json), as the index shows them."""

    name: str
    title: dict[str, str]
    draws: int
    seed: int
    card: pd.DataFrame  # indexed by target
    key_values: dict[str, dict]

    def title_in(self, language: str) -> str:
        return self.title.get(language) or next(iter(self.title.values()), self.name)


@dataclass(frozen=True)
class LeftOut:
    """A summary file the index does not show, and why (a message key: `index_<why>`)."""

    file: str
    why: str  # "bad_json", "bad_shape", "unreadable" or "page_gone"
    page: str = ""  # the report page it belongs to

    def text(self, language: str, markup: bool = False) -> str:
        """What a reader is told: plain text, or HTML with the file names in <code>."""
        return _filled(
            "index_" + self.why, language, markup, file=self.file, page=self.page,
            command=CLEAN_COMMAND,
        )  # fmt: skip


class Summaries(list):
    """The summaries the index shows (a list of Summary), and the files it left out."""

    def __init__(self, summaries=(), left_out=()) -> None:
        super().__init__(summaries)
        self.left_out: list[LeftOut] = list(left_out)

    def left_out_line(self) -> str | None:
        """One English line for the command line, or None when nothing was left out."""
        if not self.left_out:
            return None
        texts = (x.text(SOURCE_LANGUAGE).rstrip(".") for x in self.left_out)
        return "index: left out " + "; ".join(texts)


def read_summaries(folder: Path) -> Summaries:
    """Every report's numbers in `folder`, presets first: one per scenario (its English
    report's, else another language's), so the index shows what the reports show.

    Never fatal, never silent: a file that is not valid JSON or not a report's numbers (a
    hand edit, another version) is left out and named in `.left_out`. So is a summary whose
    page is gone (`make clean` deletes the pages and keeps the .json): its numbers are not
    listed at all, rather than listed unlinked, because the index promises numbers that agree
    with a report the reader can open, and a column nobody can check (from a run that may be
    months old) reads as current. The note names it and says to render it again.
    """
    found: dict[str, Summary] = {}
    gone: dict[str, list[LeftOut]] = {}
    left_out: list[LeftOut] = []
    for path in sorted(folder.glob("*.json"), key=lambda p: (p.stem.count("."), p.name)):
        name = path.stem.split(".")[0]
        page = path.with_suffix(".html")
        if not page.exists():
            gone.setdefault(name, []).append(LeftOut(path.name, "page_gone", page.name))
            continue
        try:
            data = json.loads(path.read_bytes())
        except OSError:
            left_out.append(LeftOut(path.name, "unreadable"))
            continue
        except ValueError:  # not JSON, or not UTF-8
            left_out.append(LeftOut(path.name, "bad_json"))
            continue
        try:
            summary = _summary(data, name)
        except (ValueError, KeyError, TypeError, OverflowError, DxError):
            left_out.append(LeftOut(path.name, "bad_shape"))
            continue
        found.setdefault(summary.name, summary)
    # a scenario still listed (from its other language's page) lost nothing worth a note
    left_out += [x for name, xs in gone.items() if name not in found for x in xs]
    presets = list_scenarios()
    order = [n for n in presets if n in found] + sorted(n for n in found if n not in presets)
    return Summaries([found[n] for n in order], left_out)


def _summary(data: object, name: str) -> Summary:
    """A summary checked for everything the index reads: a wrong shape raises, never half
    a column. Columns a later version added are filled empty (shown as a dash)."""
    if not isinstance(data, dict) or data.get("scenario") != name:
        raise ValueError("not the numbers of the report beside it")
    check_report_name(name, "scenario name")
    title = data.get("title") or {}
    if not isinstance(title, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in title.items()
    ):
        raise TypeError("title")
    key_values = data.get("key_values") or {}
    if not isinstance(key_values, dict):
        raise TypeError("key_values")
    for value in key_values.values():
        if not isinstance(value, dict) or not isinstance(value.get("unit"), str):
            raise TypeError("key_values")
        for k in ("median", "low", "high"):
            if not _is_number(value.get(k)):
                raise TypeError("key_values")
    return Summary(
        name, title, _whole(data["draws"], 1), _whole(data["seed"], 0), _card(data["card"]),
        key_values,
    )  # fmt: skip


def _card(records: object) -> pd.DataFrame:
    """The scorecard's rows, typed as the index reads them, indexed by target."""
    if not isinstance(records, list) or not records:
        raise TypeError("card")
    if not all(isinstance(r, dict) for r in records):
        raise TypeError("card")
    card = pd.DataFrame.from_records(records)
    for column in (*SUMMARY_TEXT, *SUMMARY_YEARS, "value"):
        if column not in card or card[column].isna().any():
            raise KeyError(column)
    for column in SUMMARY_COLUMNS:
        if column not in card:
            card[column] = None
    for column in SUMMARY_COLUMNS:
        if column in SUMMARY_YEARS or column in SUMMARY_NUMBERS:
            if not card[column].map(lambda v: v is None or _is_number(v)).all():
                raise TypeError(column)
            card[column] = pd.to_numeric(card[column]).astype(float)
        else:
            if not card[column].map(lambda v: v is None or isinstance(v, str)).all():
                raise TypeError(column)
            card[column] = card[column].where(card[column].notna(), "").astype(str)
    years = card[list(SUMMARY_YEARS)]
    if not (years == years.round()).all().all():
        raise ValueError("year")
    card[list(SUMMARY_YEARS)] = years.astype(int)
    if not card.status.map(lambda s: s == "open" or s in STATUS_COLOURS).all():
        raise ValueError("status")
    if card.target.duplicated().any():
        raise ValueError("target")
    return card.set_index("target")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _whole(value: object, least: int) -> int:
    if not _is_number(value) or value != int(value) or value < least:
        raise ValueError(value)
    return int(value)


def write_index(
    summaries: list[Summary], failures: dict[str, str] | None = None, folder: Path | None = None
) -> Path | None:
    """reports/index.html and one page per other language: every scenario side by side, with
    why a scenario failed (`failures`: name -> reason) beside its column, and what was left
    out (`summaries.left_out`, see `read_summaries`) above the table. None when there is
    nothing to show or to say."""
    failures = failures or {}
    left_out = list(getattr(summaries, "left_out", []))
    listed = {s.name for s in summaries}
    if not summaries and not left_out and not set(failures) - listed:
        return None
    folder = folder or reports_dir()
    labels = load_dataset().indicators
    for language in languages():
        page = index_page(summaries, failures, folder, language, labels, left_out)
        write_atomically(folder / index_name(language), page)
    return folder / index_name(SOURCE_LANGUAGE)


def index_page(
    summaries: list[Summary],
    failures: dict[str, str],
    folder: Path,
    language: str,
    indicators: pd.DataFrame,
    left_out: list[LeftOut] | None = None,
) -> str:
    """One language's index: P(meet) per target and scenario, key values, settings, legend.

    Every column says its draws and seed when they are not the same for all (see
    `_settings_badge`); a target a report predates is a dash with a note, not an error.
    """
    labels = indicator_labels(indicators, language)
    settings = _settings_colours(summaries)
    head = "".join(
        f"<th>{e(s.title_in(language))}{_links(s.name, folder, failures, language)}"
        f"{_settings_badge(s, settings, language)}</th>"
        for s in summaries
    )
    target_rows, predated = _target_rows(summaries, labels, language)
    value_rows = []
    for indicator, _, year in KEY_VALUES:
        cells = []
        for s in summaries:
            value = s.key_values.get(f"{indicator}:{year}")
            if value is None:
                seen = s.card
                observed = seen[(seen.indicator == indicator) & (seen.judged_on_year == year)]
                known = observed.latest_observed.dropna()
                unit = observed.unit.iloc[0] if len(observed) else ""
                text = f"{value_text(known.iloc[0], unit, language, 4)}*" if len(known) else "—"
            else:
                mid, lo, hi = (
                    value_text(value[k], value["unit"], language) for k in ("median", "low", "high")
                )
                text = f"{mid} ({lo}–{hi})"
            cells.append(f"<td class='dx-num'>{e(text)}</td>")
        label, unit = labels.get(indicator, (indicator, ""))
        value_rows.append(
            f"<tr><td>{e(label)}, {year}<div class='dx-muted'>{e(unit)}</div>"
            f"</td><td></td>{''.join(cells)}</tr>"
        )
    other = [x for x in languages() if x != language]
    switch = " · ".join(f"<a href='{index_name(x)}'>{e(t('language_name', x))}</a>" for x in other)
    legend = "".join(
        f"<li><span class='dx-pill' style='background:{STATUS_COLOURS[k]}'>"
        f"{e(t('status_' + k, language))}</span> {e(t('legend_' + k, language))}</li>"
        for k in STATUS_COLOURS
    )
    if summaries:
        note = (
            f"<p class='dx-muted'>{e(t('index_predates_note', language))}</p>" if predated else ""
        )
        tables = (
            f"<table class='dx-table'><tr><th>{e(t('col_target', language))}</th>"
            f"<th>{e(t('col_base_rate', language))}</th>{head}</tr>{''.join(target_rows)}"
            f"</table>{note}<h2>{e(t('index_values', language))}</h2>"
            f"<p>{e(t('index_values_note', language))}</p>"
            f"<table class='dx-table'><tr><th></th><th></th>{head}</tr>{''.join(value_rows)}"
            "</table>"
        )
    else:
        tables = f"<p>{e(t('index_empty', language))}</p>"
    return (
        f"<!DOCTYPE html><html lang='{language}'><head><meta charset='utf-8'>"
        f"<title>dxmodel — {e(t('index_title', language))}</title>"
        f"{STYLE}<style>body{{font:14px system-ui,sans-serif;max-width:1200px;margin:24px auto}}"
        ".dx-legend{list-style:none;padding:0}.dx-legend li{margin:2px 0}"
        ".dx-settings{display:inline-block;margin-top:4px;padding:1px 6px;border-radius:3px;"
        "color:#fff;font-size:12px;font-weight:600;white-space:nowrap}"
        ".dx-warn{border:2px solid #b7791f;background:#fff8e6;padding:8px 12px;margin:12px 0}"
        ".dx-warn p{margin:4px 0}.dx-leftout{border-left:4px solid #777;padding:4px 12px;"
        "margin:12px 0;background:#f6f6f6}.dx-leftout ul{margin:4px 0;padding-left:18px}</style>"
        f"</head><body><p class='dx-muted'>{switch}</p><h1>{e(t('index_title', language))}</h1>"
        f"<p>{e(t('index_intro', language))}</p>{_settings_note(settings, language)}"
        f"{_left_out_note(left_out or [], summaries, failures, language)}{tables}"
        f"<h2>{e(t('index_legend', language))}</h2><ul class='dx-legend'>{legend}</ul>"
        f"{_explore(summaries, folder, language)}{_sweeps(folder, language)}</body></html>"
    )


def _explore(summaries: list[Summary], folder: Path, language: str) -> str:
    """The baseline's Explore part (else the first scenario's), copied from its page in this
    language with the vega code it needs: the index is a simulator too. Nothing when no
    report is listed; a line saying why when its page is gone or has none."""
    if not summaries:
        return ""
    first = next((s for s in summaries if s.name == BASELINE), summaries[0])
    title = first.title_in(language)
    try:
        path = report_path(first.name, language, folder)
        small = path.stat().st_size <= PAGE_LIMIT  # a report is a few MB; never read a giant
        page = path.read_text(encoding="utf-8") if small else ""
    except (OSError, UnicodeDecodeError, DxError):
        page = ""
    part = explore_part(page)
    if part is None:
        missing = t("explore_index_missing", language, title=title)
        return f"<h2>{e(t('h_explore', language))}</h2><p class='dx-muted'>{e(missing)}</p>"
    href = f"{report_path(first.name, language, folder).name}#{SECTION_ID}"
    intro = f"<p><a href='{e(href)}'>{e(t('explore_index_intro', language, title=title))}</a></p>"
    return f"<script>{vega_bundle()}</script>" + part.replace("</h2>", f"</h2>{intro}", 1)


def _target_rows(summaries: list[Summary], labels: dict, language: str) -> tuple[list[str], bool]:
    """One row per target any report has (the first report's order, then the rest's), and
    whether any report predates one of them: its cell is then a dash with a title."""
    if not summaries:
        return [], False
    every = pd.concat([s.card.reset_index() for s in summaries], ignore_index=True)
    every = every.drop_duplicates("target", keep="first")
    target_rows, predated = [], False
    for _, group in every.groupby(
        ["indicator", "judged_on_year", "comparator", "value"], sort=False, dropna=False
    ):
        row = next(rows(group.head(1)))
        cells = []
        for s in summaries:
            held = [x for x in group.target if x in s.card.index]
            if not held:
                predated = True
                cells.append(
                    f"<td class='dx-num' title='{e(t('index_predates', language))}'>—<sup>†</sup>"
                    "</td>"
                )
                continue
            r = s.card.loc[held[0]]
            key = outlook_key(r.status, r.p_meet)
            text = (
                t(f"status_{key}", language)
                if r.status != "open" or np.isnan(r.p_meet)
                else percent(r.p_meet, language)
            )
            cells.append(
                f"<td class='dx-num' style='color:{STATUS_COLOURS[key]}'><b>{e(text)}</b></td>"
            )
        bases = "; ".join(dict.fromkeys(basis_in(b, language) for b in group.basis if b))
        target_rows.append(
            f"<tr><td>{e(target_label(row, labels, language))}<div class='dx-muted'>"
            f"{e(t('index_by', language, year=row.year))} · {e(bases)}</div></td>"
            f"<td class='dx-num'>{base_rate_cell(row, language)}</td>{''.join(cells)}</tr>"
        )
    return target_rows, predated


def _left_out_note(
    left_out: list[LeftOut], summaries: list[Summary], failures: dict[str, str], language: str
) -> str:
    """What the index does not show and why, above the tables: files skipped, pages gone,
    scenarios that failed with no earlier report. Nothing is dropped silently."""
    listed = {s.name for s in summaries}
    items = [x.text(language, markup=True) for x in left_out]
    items += [
        _filled("index_no_report", language, True, name=name, reason=reason)
        for name, reason in failures.items()
        if name not in listed
    ]
    if not items:
        return ""
    return (
        f"<div class='dx-leftout'><b>{e(t('index_left_out', language))}</b><ul>"
        + "".join(f"<li>{item}</li>" for item in items)
        + "</ul></div>"
    )


def _filled(key: str, language: str, markup: bool, **values: object) -> str:
    """t(key) with `values` put in as they are (plain text), or, with `markup`, the text
    escaped and each value in <code> (names and commands, not prose to translate)."""
    if not markup:
        return t(key, language, **values)
    marks = {k: f"\x00{k}\x00" for k in values}
    text = e(t(key, language, **marks))
    for k, v in values.items():
        text = text.replace(marks[k], _code(str(v)))
    return text


def _code(text: str) -> str:
    return f"<code>{e(text)}</code>"


def _sweeps(folder: Path, language: str) -> str:
    """Links to the sweeps whose page exists in this language (`dxmodel sweep --report`)."""
    items = []
    for spec in sorted((folder / FOLDER).glob(f"*/{SPEC_FILE}")):
        page = page_path(spec.parent, language)
        if not page.exists():
            continue
        try:
            meta = json.loads(spec.read_text(encoding="utf-8"))
            method, rows_ = t("method_" + meta["method"], language), int(meta["rows"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # a damaged sweep never stops the index
        href = page.relative_to(folder).as_posix()
        items.append(
            f"<li><a href='{e(href)}'>{e(spec.parent.name)}</a> · {e(method)}, "
            f"{e(t('index_sweep_runs', language, runs=number(rows_, 0, language)))}"
            "</li>"
        )
    if not items:
        return ""
    return f"<h2>{e(t('index_sweeps', language))}</h2><ul class='dx-legend'>{''.join(items)}</ul>"


SETTINGS_COLOURS = ("#1f4e79", "#8c510a", "#5b2a86", "#01665e", "#9e0142", "#4d4d4d")


def _settings_colours(summaries: list[Summary]) -> dict[tuple[int, int], str]:
    """A colour per (draws, seed) used, the most used first; one entry when all agree."""
    counts = Counter((s.draws, s.seed) for s in summaries)
    ordered = sorted(counts, key=lambda k: (-counts[k], k))
    return {k: SETTINGS_COLOURS[i % len(SETTINGS_COLOURS)] for i, k in enumerate(ordered)}


def _settings_note(settings: dict[tuple[int, int], str], language: str) -> str:
    """Above the tables: the draws and seed when all reports agree; when they do not, a
    warning box that says so and shows each set of settings as the badge its columns carry,
    so no reader compares two columns computed differently without being told."""
    if len(settings) <= 1:
        return "".join(
            f"<p class='dx-muted'>"
            f"{e(t('index_settings', language, draws=number(d, 0, language), seed=seed))}</p>"
            for d, seed in settings
        )
    badges = " ".join(_badge(k, colour, language) for k, colour in settings.items())
    return (
        f"<div class='dx-warn' role='note'><p><b>⚠ {e(t('index_mixed_settings', language))}</b>"
        f"</p><p>{badges}</p></div>"
    )


def _settings_badge(summary: Summary, settings: dict[tuple[int, int], str], language: str) -> str:
    """Under a column's title, when the reports do not all agree: its draws and seed, in its
    settings' colour (the colours repeat in the warning above the table)."""
    if len(settings) <= 1:
        return ""
    key = (summary.draws, summary.seed)
    return f"<div>{_badge(key, settings[key], language)}</div>"


def _badge(key: tuple[int, int], colour: str, language: str) -> str:
    draws, seed = key
    text = t("index_column_settings", language, draws=number(draws, 0, language), seed=seed)
    return f"<span class='dx-settings' style='background:{colour}'>{e(text)}</span>"


def _links(name: str, folder: Path, failures: dict[str, str], language: str = "en") -> str:
    """The scenario's reports, its own language first, and why it failed if it did."""
    links = []
    for other in sorted(languages(), key=lambda x: x != language):
        path = report_path(name, other, folder)
        if path.exists():
            links.append(f"<a href='{e(path.name)}'>{e(t('language_name', other))}</a>")
    failed = (
        f"<div style='color:{STATUS_COLOURS['missed']}'>"
        f"{e(t('index_failed', language))}: {e(failures[name])}</div>"
        if name in failures
        else ""
    )
    return f"<div class='dx-muted'>{' · '.join(links)}</div>{failed}"
