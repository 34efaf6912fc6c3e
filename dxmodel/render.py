"""Render scenario reports: papermill runs the report notebook, nbconvert makes offline HTML.

Scenarios render in parallel (one kernel each, all cores), with a progress bar. Every file is
written to a temporary name and renamed, so a failed, timed-out or interrupted scenario never
replaces the last good report. `reports/index.html` compares every scenario side by side.
"""

from __future__ import annotations

import functools
import html
import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat
import numpy as np

from dxmodel.atomic import write_atomically
from dxmodel.errors import DxError, ScenarioError
from dxmodel.frames import rows
from dxmodel.i18n import LANGUAGES, basis_in, indicator_labels, number, percent, t
from dxmodel.paths import NOTEBOOKS_DIR, reports_dir
from dxmodel.scenario import Scenario, check_name, list_scenarios, load_scenario
from dxmodel.session import Session
from dxmodel.tables import (
    STATUS_COLOURS,
    STYLE,
    base_rate_cell,
    status_key,
    target_label,
    value_text,
)

REPORT_NOTEBOOK = NOTEBOOKS_DIR / "report.ipynb"
TEMPLATES = Path(__file__).parent / "templates"
KERNEL = "dxmodel"
e = html.escape


@dataclass(frozen=True)
class Job:
    reference: str  # what the notebook is given: a preset name or a file path
    name: str
    language: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.language})"


@dataclass(frozen=True)
class Outcome:
    job: Job
    path: Path | None  # the report written, None if it failed
    reason: str = ""
    seconds: float = 0.0


def report_path(name: str, language: str, folder: Path | None = None) -> Path:
    """reports/<name>.html (English) or reports/<name>.vi.html; never outside the folder."""
    check_name(name)
    folder = (folder or reports_dir()).resolve()
    path = (folder / (f"{name}.html" if language == "en" else f"{name}.{language}.html")).resolve()
    if path.parent != folder:
        raise ScenarioError(f"scenario name {name!r} would write outside {folder}")
    return path


@functools.cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (from vl-convert), built once a process."""
    import vl_convert

    return vl_convert.javascript_bundle().replace("</script", "<\\/script")


def to_html(notebook: nbformat.NotebookNode, language: str, title: str) -> str:
    """An executed report notebook as one offline HTML page, code hidden."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="dxreport",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=language,
    )
    notebook.metadata["title"] = title
    body, _ = exporter.from_notebook_node(notebook, resources={"vega_bundle": vega_bundle()})
    return body


def render_one(job: Job, timeout: float, stop: threading.Event, draws=None, seed=None) -> Outcome:
    """Execute the report notebook for one scenario and language, then write its HTML."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    start = time.perf_counter()
    out = report_path(job.name, job.language)
    with tempfile.TemporaryDirectory(prefix="dxmodel-report-") as scratch:
        executed = Path(scratch) / "report.ipynb"
        try:
            papermill.execute_notebook(
                str(REPORT_NOTEBOOK), str(executed),
                parameters={"scenario": job.reference, "language": job.language,
                            "draws": draws, "seed": seed},
                kernel_name=KERNEL, cwd=str(NOTEBOOKS_DIR), progress_bar=False,
                execution_timeout=timeout, start_timeout=120,
                request_save_on_cell_execute=False,  # written once, at the end
            )  # fmt: skip
            notebook = nbformat.read(executed, as_version=4)
            title = load_scenario(job.reference).title_in(job.language)
            write_atomically(out, to_html(notebook, job.language, title), stop)
        except PapermillExecutionError as exc:
            reason = f"{exc.ename}: {exc.evalue}"
            return Outcome(job, None, " ".join(reason.split()), time.perf_counter() - start)
        except KeyboardInterrupt:
            return Outcome(job, None, "interrupted", time.perf_counter() - start)
        except Exception as exc:  # a timeout, a dead kernel, a conversion failure
            reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            return Outcome(job, None, reason, time.perf_counter() - start)
    return Outcome(job, out, "", time.perf_counter() - start)


def plan(references: list[str], languages: tuple[str, ...]) -> tuple[list[Job], list[Outcome]]:
    """Jobs for the scenarios that load; a failed Outcome (with its reason) for those that don't."""
    jobs, failed = [], []
    for language in languages:
        if language not in LANGUAGES:
            raise DxError(f"language {language!r} is not allowed; use en, vi or both")
    for reference in references:
        try:
            scenario = load_scenario(reference)
            report_path(scenario.name, "en")
        except DxError as exc:
            failed.append(Outcome(Job(reference, Path(reference).stem, "-"), None, str(exc)))
            continue
        jobs += [Job(reference, scenario.name, language) for language in languages]
    return jobs, failed


def render_reports(
    references: list[str] | None = None,
    languages: tuple[str, ...] = LANGUAGES,
    jobs: int | None = None,
    timeout: float = 600,
    draws: int | None = None,
    seed: int | None = None,
    progress: bool = True,
) -> list[Outcome]:
    """Render each scenario in each language in parallel, then the comparison index."""
    from tqdm.auto import tqdm

    references = references or list_scenarios()
    work, outcomes = plan(references, languages)
    listed = list_scenarios() + [r for r in references if r not in list_scenarios()]
    index = ThreadPoolExecutor(max_workers=1)  # the index's models run beside the reports
    comparison = index.submit(compare_scenarios, listed, draws, seed)
    stop = threading.Event()
    running: set[str] = set()
    bar = tqdm(total=len(work), desc="reports", unit="report", disable=not progress)
    pool = ThreadPoolExecutor(max_workers=max(1, jobs or os.cpu_count() or 1))
    try:
        futures = {}
        for job in work:
            futures[pool.submit(_tracked, job, timeout, stop, draws, seed, running, bar)] = job
        for future in as_completed(futures):
            outcomes.append(future.result())
            bar.update(1)
    except KeyboardInterrupt:
        stop.set()
        pool.shutdown(wait=False, cancel_futures=True)
        index.shutdown(wait=False, cancel_futures=True)
        bar.close()
        raise
    finally:
        pool.shutdown(wait=True)
        bar.close()
    write_index(comparison.result(), outcomes)
    index.shutdown()
    return sorted(outcomes, key=lambda o: (o.job.name, o.job.language))


def _tracked(job, timeout, stop, draws, seed, running: set[str], bar) -> Outcome:
    """render_one, with the scenarios in flight shown on the progress bar."""
    running.add(job.label)
    bar.set_postfix_str(", ".join(sorted(running)), refresh=True)
    try:
        return render_one(job, timeout, stop, draws, seed)
    finally:
        running.discard(job.label)
        bar.set_postfix_str(", ".join(sorted(running)), refresh=True)


# --- the comparison index ------------------------------------------------------------------
KEY_VALUES = (  # (indicator, series (None: the scenario's own), year)
    ("digital_economy_share", None, 2025),
    ("digital_economy_share", None, 2030),
    ("egdi_rank", "undesa_egov", 2026),
    ("egdi_rank", "undesa_egov", 2030),
    ("online_service_skills_share", "", 2030),
)


@dataclass(frozen=True)
class Comparison:
    """What the index shows, computed in the renderer's own process."""

    scenarios: list[Scenario]
    cards: dict[str, object]  # name -> scorecard indexed by target
    views: dict[str, object]  # name -> Outlook
    failures: dict[str, str]  # name -> why its models failed
    labels: object  # indicators table indexed by indicator

    def label_pairs(self, language: str) -> dict[str, tuple[str, str]]:
        """Indicator -> (label, unit) in `language`."""
        return indicator_labels(self.labels.reset_index(), language)


def compare_scenarios(references: list[str], draws=None, seed=None) -> Comparison:
    """Every scenario's scorecard and outlook, for the index (references that fail are named)."""
    overrides = {k: v for k, v in (("draws", draws), ("seed", seed)) if v is not None}
    session = Session()
    scenarios, cards, views, failures = [], {}, {}, {}
    for reference in references:
        try:
            scenario = load_scenario(reference)
            scenario = scenario.with_levers(**overrides) if overrides else scenario
            cards[scenario.name] = session.scorecard(scenario).set_index("target")
            views[scenario.name] = session.outlook(scenario)
            scenarios.append(scenario)
        except DxError as exc:  # shown as failed, never stops the index
            failures[Path(reference).stem] = str(exc)
    labels = session.dataset.indicators.set_index("indicator")
    return Comparison(scenarios, cards, views, failures, labels)


def write_index(comparison: Comparison, outcomes: list[Outcome]) -> Path | None:
    """reports/index.html (English) and index.vi.html: every scenario side by side."""
    if not comparison.scenarios:
        return None
    failures = {**comparison.failures, **{o.job.name: o.reason for o in outcomes if not o.path}}
    folder = reports_dir()
    for language in LANGUAGES:
        page = index_page(comparison, failures, folder, language)
        write_atomically(folder / index_name(language), page)
    return folder / index_name("en")


def index_name(language: str) -> str:
    return "index.html" if language == "en" else f"index.{language}.html"


def index_page(comparison: Comparison, failures: dict[str, str], folder: Path,
               language: str) -> str:  # fmt: skip
    """One language's index: P(meet) per target and scenario, key values, settings, legend."""
    scenarios, cards, views = comparison.scenarios, comparison.cards, comparison.views
    labels = comparison.label_pairs(language)
    head = "".join(
        f"<th>{e(s.title_in(language))}{_links(s.name, folder, failures, language)}</th>"
        for s in scenarios
    )
    first = next(iter(cards.values())).reset_index()
    target_rows = []
    for _, group in first.groupby(["indicator", "judged_on_year", "comparator", "value"],
                                  sort=False):  # fmt: skip
        row = next(rows(group.head(1)))
        cells = []
        for s in scenarios:
            r = cards[s.name].loc[row.target]
            colour = STATUS_COLOURS[status_key(r.status, r.p_meet)]
            text = (
                t(f"status_{status_key(r.status, r.p_meet)}", language)
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
    for indicator, series, year in KEY_VALUES:
        cells = []
        for s in scenarios:
            chosen = series if series is not None else s.value("digital_economy_series")
            p = views[s.name].projections.get((indicator, "VNM", chosen))
            if p is None or year not in p.years:
                seen = cards[s.name]
                observed = seen[(seen.indicator == indicator) & (seen.judged_on_year == year)]
                value = observed.latest_observed.iloc[0] if len(observed) else np.nan
                unit = observed.unit.iloc[0] if len(observed) else ""
                text = "—" if np.isnan(value) else f"{value_text(value, unit, language, 4)}*"
            else:
                mid, (lo, hi) = p.median_at(year), p.interval(year)
                lo, mid, hi = (value_text(v, p.unit, language) for v in (lo, mid, hi))
                text = f"{mid} ({lo}–{hi})"
            cells.append(f"<td class='dx-num'>{e(text)}</td>")
        label, unit = labels.get(indicator, (indicator, ""))
        value_rows.append(f"<tr><td>{e(label)}, {year}<div class='dx-muted'>{e(unit)}</div>"
                          f"</td><td></td>{''.join(cells)}</tr>")  # fmt: skip
    settings = sorted({(int(s.value("draws")), int(s.value("seed"))) for s in scenarios})
    used = "; ".join(
        t("index_settings", language, draws=number(d, 0, language), seed=seed)
        for d, seed in settings
    )
    other = [x for x in LANGUAGES if x != language]
    switch = " · ".join(f"<a href='{index_name(x)}'>{e(t('language_name', x))}</a>"
                        for x in other)  # fmt: skip
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
        "</body></html>"
    )


def _links(name: str, folder: Path, failures: dict[str, str], language: str = "en") -> str:
    """The scenario's reports, its own language first, and why it failed if it did."""
    links = []
    for other in sorted(LANGUAGES, key=lambda x: x != language):
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
