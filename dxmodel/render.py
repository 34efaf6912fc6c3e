"""Render scenario reports: papermill runs the report notebook, nbconvert makes offline HTML.

Scenarios render in parallel (one kernel each, all cores), with a progress bar. Every file is
written to a temporary name and renamed, so a failed, timed-out or interrupted scenario never
replaces the last good report. `reports/index.html` compares every scenario side by side.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import as_completed
from dataclasses import dataclass, replace
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd

from dxmodel.atomic import clean_stale, write_atomically
from dxmodel.data import load_dataset
from dxmodel.errors import DxError, ScenarioError
from dxmodel.executors import executor, local_workers
from dxmodel.frames import rows
from dxmodel.i18n import LANGUAGES, basis_in, indicator_labels, number, percent, t
from dxmodel.paths import NOTEBOOKS_DIR, reports_dir
from dxmodel.report import KEY_VALUES, SUMMARY_ID
from dxmodel.scenario import check_name, list_scenarios, load_scenario
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
PRIVATE_KERNEL = "dxmodel-render"  # made per render from the running Python (see private_kernel)
e = html.escape


@dataclass(frozen=True)
class Job:
    """One report to render: the scenario travels as its YAML text, so a worker on another
    machine, or in another directory, needs no access to the caller's files."""

    name: str
    language: str
    text: str  # the scenario file's content (Scenario.to_yaml)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.language})"


@dataclass(frozen=True)
class Rendered:
    """What a worker sends back: the page's bytes, or why there is none."""

    job: Job
    html: bytes | None
    reason: str = ""
    seconds: float = 0.0


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


def render_job(job: Job, timeout: int, draws: int | None, seed: int | None) -> Rendered:
    """Execute the report notebook for one job and return its HTML: runs in a worker process.

    The worker writes the scenario into a scratch folder of its own and runs the kernel there,
    with a kernel spec made from the Python that runs this function, so nothing depends on the
    caller's working directory or on a registered kernel, and nothing it does moves another
    render's paths.
    """
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dxmodel-render-") as scratch:
        folder = Path(scratch)
        source = folder / f"{job.name}.yaml"
        source.write_text(job.text, encoding="utf-8")
        try:
            title = load_scenario(source).title_in(job.language)
            parameters = {"scenario": str(source), "language": job.language, "draws": draws,
                          "seed": seed}  # fmt: skip
            page = execute(REPORT_NOTEBOOK, parameters, job.language, title, timeout, folder)
        except Exception as exc:  # a failed cell, a timeout, a dead kernel, a conversion
            return Rendered(job, None, failure(exc), time.perf_counter() - start)
    return Rendered(job, page, "", time.perf_counter() - start)


def execute(
    notebook: Path, parameters: dict, language: str, title: str, timeout: int, folder: Path
) -> bytes:
    """Run a parameterised notebook in `folder` with a private kernel; its offline HTML page."""
    import papermill

    executed = folder / notebook.name
    papermill.execute_notebook(
        str(notebook), str(executed), parameters=parameters,
        kernel_name=private_kernel(folder), cwd=str(folder), progress_bar=False,
        execution_timeout=timeout, start_timeout=120, log_output=False,
        request_save_on_cell_execute=False,  # written once, at the end
    )  # fmt: skip
    return to_html(nbformat.read(executed, as_version=4), language, title).encode("utf-8")


def failure(exc: Exception) -> str:
    """Why a render failed, in one line: the cell's error, or the runner's."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return " ".join(f"{exc.ename}: {exc.evalue}".split())[:300]
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]


def private_kernel(folder: Path) -> str:
    """A kernel spec for the running interpreter, in `folder`: no registration step, and
    ipykernel's start-up warnings (e.g. TCP without encryption on loopback) kept quiet."""
    spec = folder / "kernels" / PRIVATE_KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
            "--IPKernelApp.log_level=CRITICAL"]  # fmt: skip
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "dxmodel (this Python)", "language": "python"})
    )
    # first on the path, for this render only: the worker's own folder, deleted after it
    inherited = os.environ.get("JUPYTER_PATH", "").split(os.pathsep)
    kept = [p for p in inherited if p and not Path(p).name.startswith("dxmodel-render-")]
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(folder), *kept])
    return PRIVATE_KERNEL


def plan(references: list[str], languages: tuple[str, ...], names: list[str] | None = None
         ) -> list[Job]:  # fmt: skip
    """Load and check every scenario before any kernel starts: bad input is one DxError.

    Paths are read here, in the caller's directory. A file named like a preset would replace
    the preset's report, so it is refused unless `names` gives it another name.
    """
    for language in languages:
        if language not in LANGUAGES:
            raise DxError(f"language {language!r} is not allowed; use {', '.join(LANGUAGES)}")
    if names and len(names) != len(references):
        raise DxError(f"--name given {len(names)} time(s) for {len(references)} scenario(s)")
    presets = set(list_scenarios())
    jobs, seen = [], {}
    for i, reference in enumerate(references):
        scenario = load_scenario(reference)
        is_file = reference not in presets and Path(reference).suffix in (".yaml", ".yml")
        name = check_name(names[i]) if names else scenario.name
        if names:
            scenario = replace(scenario, name=name)
        if is_file and name in presets and not names:
            raise DxError(
                f"{reference}: its name {name!r} is a preset's, whose report it would replace; "
                "rename the file or pass --name"
            )
        if name in seen:
            raise DxError(f"{reference}: the name {name!r} is also {seen[name]}'s; use --name")
        seen[name] = reference
        report_path(name, "en")
        jobs += [Job(name, language, scenario.to_yaml()) for language in languages]
    return jobs


def render_reports(
    references: list[str] | None = None,
    languages: tuple[str, ...] = LANGUAGES,
    jobs: int | None = None,
    timeout: int = 600,
    draws: int | None = None,
    seed: int | None = None,
    progress: bool = True,
    scheduler: str | None = None,
    names: list[str] | None = None,
) -> list[Outcome]:
    """Render each scenario in each language, in worker processes, then the index.

    Workers return HTML; this process writes every file atomically, with the numbers each
    report shows beside it, and builds the index from those numbers.
    """
    from tqdm.auto import tqdm

    work = plan(references or list_scenarios(), languages, names)
    folder = writable(reports_dir().resolve())  # the caller's directory, before any render
    clean_stale(folder)
    outcomes: list[Outcome] = []
    bar = tqdm(total=len(work), desc="reports", unit="report", disable=not progress)
    workers = jobs or local_workers()
    try:
        with executor(workers, scheduler) as pool:
            futures = [pool.submit(render_job, job, timeout, draws, seed) for job in work]
            for future in as_completed(futures):
                outcomes.append(write_rendered(future.result(), folder))
                bar.update(1)
    finally:
        bar.close()
    write_index(read_summaries(folder), outcomes, folder)
    return sorted(outcomes, key=lambda o: (o.job.name, o.job.language))


def writable(folder: Path) -> Path:
    """`folder`, made if missing, once a file could be written in it: found out now, not after
    every render has run."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".dxmodel-probe-"):
            pass
    except OSError as exc:
        raise DxError(f"{folder}: reports cannot be written there ({exc.strerror})") from None
    return folder


def write_rendered(rendered: Rendered, folder: Path) -> Outcome:
    """The report and its numbers, each written atomically; a failure writes nothing."""
    job = rendered.job
    if rendered.html is None:
        return Outcome(job, None, rendered.reason, rendered.seconds)
    page = rendered.html.decode("utf-8")
    out = report_path(job.name, job.language, folder)
    write_atomically(out, page)
    summary = summary_of(page)
    if summary is not None:
        write_atomically(out.with_suffix(".json"), json.dumps(summary, ensure_ascii=False))
    return Outcome(job, out, "", rendered.seconds)


def summary_of(page: str) -> dict | None:
    """The numbers a report shows, from the JSON it carries (see `Report.summary_data`)."""
    found = re.search(rf"<script[^>]*\bid=[\"']?{SUMMARY_ID}[\"']?[^>]*>(.*?)</script>",
                      page, flags=re.S)  # fmt: skip
    return json.loads(found.group(1)) if found else None


# --- the comparison index ------------------------------------------------------------------
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
                data["scenario"], data["title"], int(data["draws"]), int(data["seed"]),
                pd.DataFrame(data["card"]).set_index("target"), data["key_values"],
            )  # fmt: skip
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not a report's numbers (or a damaged one): never stops the index
        found.setdefault(summary.name, summary)
    presets = list_scenarios()
    order = [n for n in presets if n in found] + sorted(n for n in found if n not in presets)
    return [found[n] for n in order]


def write_index(
    summaries: list[Summary], outcomes: list[Outcome], folder: Path | None = None
) -> Path | None:
    """reports/index.html (English) and index.vi.html: every scenario side by side."""
    if not summaries:
        return None
    failures = {o.job.name: o.reason for o in outcomes if not o.path}
    folder = folder or reports_dir()
    labels = load_dataset().indicators
    for language in LANGUAGES:
        page = index_page(summaries, failures, folder, language, labels)
        write_atomically(folder / index_name(language), page)
    return folder / index_name("en")


def index_name(language: str) -> str:
    return "index.html" if language == "en" else f"index.{language}.html"


def index_page(summaries: list[Summary], failures: dict[str, str], folder: Path,
               language: str, indicators: pd.DataFrame) -> str:  # fmt: skip
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
                mid, lo, hi = (value_text(value[k], value["unit"], language)
                               for k in ("median", "low", "high"))  # fmt: skip
                text = f"{mid} ({lo}–{hi})"
            cells.append(f"<td class='dx-num'>{e(text)}</td>")
        label, unit = labels.get(indicator, (indicator, ""))
        value_rows.append(f"<tr><td>{e(label)}, {year}<div class='dx-muted'>{e(unit)}</div>"
                          f"</td><td></td>{''.join(cells)}</tr>")  # fmt: skip
    settings = sorted({(s.draws, s.seed) for s in scenarios})
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
        f"{_sweeps(folder, language)}</body></html>"
    )


def _sweeps(folder: Path, language: str) -> str:
    """Links to the sweeps whose page exists in this language (`dxmodel sweep --report`)."""
    from dxmodel.sweep import FOLDER, SPEC_FILE
    from dxmodel.sweep_page import page_path

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
        items.append(f"<li><a href='{e(href)}'>{e(spec.parent.name)}</a> · {e(method)}, "
                     f"{e(t('index_sweep_runs', language, runs=number(rows_, 0, language)))}"
                     "</li>")  # fmt: skip
    if not items:
        return ""
    return (f"<h2>{e(t('index_sweeps', language))}</h2>"
            f"<ul class='dx-legend'>{''.join(items)}</ul>")  # fmt: skip


def _settings_flag(summary: Summary, usual: tuple[int, int], language: str) -> str:
    """A mark on a report computed with other draws or seed than the rest of the index."""
    if (summary.draws, summary.seed) == usual:
        return ""
    text = t("index_other_settings", language, draws=number(summary.draws, 0, language),
             seed=summary.seed)  # fmt: skip
    return f"<div class='dx-flag'>{e(text)}</div>"


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
