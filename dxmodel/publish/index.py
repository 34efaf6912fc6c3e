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
from dxmodel.core.scenario import list_scenarios
from dxmodel.core.targets import outlook_key
from dxmodel.outputs.summary import KEY_VALUES
from dxmodel.outputs.tables import STATUS_COLOURS, STYLE, base_rate_cell
from dxmodel.outputs.wording import target_label, value_text
from dxmodel.publish.pages import index_name, page_path, report_path
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
from dxmodel.util.frames import rows
from dxmodel.util.paths import reports_dir

e = html.escape


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


def read_summaries(folder: Path) -> list[Summary]:
    """Every report's numbers in `folder`, presets first: one per scenario (its English
    report's, else another language's), so the index shows what the reports show."""
    found: dict[str, Summary] = {}
    for path in sorted(folder.glob("*.json"), key=lambda p: (p.stem.count("."), p.name)):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            summary = Summary(
                data["scenario"],
                data["title"],
                int(data["draws"]),
                int(data["seed"]),
                pd.DataFrame(data["card"]).set_index("target"),
                data["key_values"],
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not a report's numbers (or a damaged one): never stops the index
        found.setdefault(summary.name, summary)
    presets = list_scenarios()
    order = [n for n in presets if n in found] + sorted(n for n in found if n not in presets)
    return [found[n] for n in order]


def write_index(
    summaries: list[Summary], failures: dict[str, str] | None = None, folder: Path | None = None
) -> Path | None:
    """reports/index.html and one page per other language: every scenario side by side, with
    why a scenario failed (`failures`: name -> reason) beside its column."""
    if not summaries:
        return None
    failures = failures or {}
    folder = folder or reports_dir()
    labels = load_dataset().indicators
    for language in languages():
        page = index_page(summaries, failures, folder, language, labels)
        write_atomically(folder / index_name(language), page)
    return folder / index_name(SOURCE_LANGUAGE)


def index_page(
    summaries: list[Summary],
    failures: dict[str, str],
    folder: Path,
    language: str,
    indicators: pd.DataFrame,
) -> str:
    """One language's index: P(meet) per target and scenario, key values, settings, legend."""
    labels = indicator_labels(indicators, language)
    cards = {s.name: s.card for s in summaries}
    usual = Counter((s.draws, s.seed) for s in summaries).most_common(1)[0][0]
    head = "".join(
        f"<th>{e(s.title_in(language))}{_links(s.name, folder, failures, language)}"
        f"{_settings_flag(s, usual, language)}</th>"
        for s in summaries
    )
    scenarios = summaries
    first = summaries[0].card.reset_index()
    target_rows = []
    for _, group in first.groupby(
        ["indicator", "judged_on_year", "comparator", "value"], sort=False
    ):
        row = next(rows(group.head(1)))
        cells = []
        for s in scenarios:
            r = cards[s.name].loc[row.target]
            colour = STATUS_COLOURS[outlook_key(r.status, r.p_meet)]
            text = (
                t(f"status_{outlook_key(r.status, r.p_meet)}", language)
                if r.status != "open" or np.isnan(r.p_meet)
                else percent(r.p_meet, language)
            )
            cells.append(f"<td class='dx-num' style='color:{colour}'><b>{e(text)}</b></td>")
        bases = "; ".join(dict.fromkeys(basis_in(b, language) for b in group.basis))
        target_rows.append(
            f"<tr><td>{e(target_label(row, labels, language))}<div class='dx-muted'>"
            f"{e(t('index_by', language, year=row.year))} · {e(bases)}</div></td>"
            f"<td class='dx-num'>{base_rate_cell(row, language)}</td>{''.join(cells)}</tr>"
        )
    value_rows = []
    for indicator, _, year in KEY_VALUES:
        cells = []
        for s in scenarios:
            value = s.key_values.get(f"{indicator}:{year}")
            if value is None:
                seen = cards[s.name]
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
    settings = sorted({(s.draws, s.seed) for s in scenarios})
    used = "; ".join(
        t("index_settings", language, draws=number(d, 0, language), seed=seed)
        for d, seed in settings
    )
    other = [x for x in languages() if x != language]
    switch = " · ".join(f"<a href='{index_name(x)}'>{e(t('language_name', x))}</a>" for x in other)
    legend = "".join(
        f"<li><span class='dx-pill' style='background:{STATUS_COLOURS[k]}'>"
        f"{e(t('status_' + k, language))}</span> {e(t('legend_' + k, language))}</li>"
        for k in STATUS_COLOURS
    )
    return (
        f"<!DOCTYPE html><html lang='{language}'><head><meta charset='utf-8'>"
        f"<title>dxmodel — {e(t('index_title', language))}</title>"
        f"{STYLE}<style>body{{font:14px system-ui,sans-serif;max-width:1200px;margin:24px auto}}"
        ".dx-legend{list-style:none;padding:0}.dx-legend li{margin:2px 0}</style></head><body>"
        f"<p class='dx-muted'>{switch}</p><h1>{e(t('index_title', language))}</h1>"
        f"<p>{e(t('index_intro', language))}</p><p class='dx-muted'>{e(used)}</p>"
        f"<table class='dx-table'><tr><th>{e(t('col_target', language))}</th>"
        f"<th>{e(t('col_base_rate', language))}</th>{head}</tr>{''.join(target_rows)}</table>"
        f"<h2>{e(t('index_values', language))}</h2><p>{e(t('index_values_note', language))}</p>"
        f"<table class='dx-table'><tr><th></th><th></th>{head}</tr>{''.join(value_rows)}"
        f"</table><h2>{e(t('index_legend', language))}</h2><ul class='dx-legend'>{legend}</ul>"
        f"{_sweeps(folder, language)}</body></html>"
    )


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


def _settings_flag(summary: Summary, usual: tuple[int, int], language: str) -> str:
    """A mark on a report computed with other draws or seed than the rest of the index."""
    if (summary.draws, summary.seed) == usual:
        return ""
    text = t(
        "index_other_settings",
        language,
        draws=number(summary.draws, 0, language),
        seed=summary.seed,
    )
    return f"<div class='dx-flag'>{e(text)}</div>"


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
