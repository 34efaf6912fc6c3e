"""Render scenario reports: one job per scenario and language, in worker processes.

Scenarios render in parallel (one kernel each, all cores, or a Dask cluster), with a progress
bar. Workers return HTML; this process writes every file to a temporary name and renames it, so
a failed, timed-out or interrupted scenario never replaces the last good report; then the index.
"""

from __future__ import annotations

import json
import tempfile
import time
from concurrent.futures import as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from dxmodel.core.scenario import check_name, list_scenarios, load_scenario
from dxmodel.outputs.summary import summary_of
from dxmodel.publish.index import read_summaries, write_index
from dxmodel.publish.notebooks import execute, failure, remove_stale_scratch, scratch_folder
from dxmodel.publish.pages import report_path
from dxmodel.text import i18n
from dxmodel.util.atomic import clean_stale, write_atomically
from dxmodel.util.errors import DxError
from dxmodel.util.executors import executor, local_workers
from dxmodel.util.paths import NOTEBOOKS_DIR, reports_dir

REPORT_NOTEBOOK = NOTEBOOKS_DIR / "report.ipynb"


@dataclass(frozen=True)
class Job:
    """One report to render: the scenario travels as its YAML text, so a worker on another
    machine, or in another directory, needs no access to the caller's files."""

    name: str
    language: str
    text: str  # the scenario file's content (Scenario.to_yaml)
    explore: bool = True  # the page's Explore part (sliders over a grid the models computed)

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


def render_job(job: Job, timeout: int, draws: int | None, seed: int | None) -> Rendered:
    """Execute the report notebook for one job and return its HTML: runs in a worker process.

    The worker writes the scenario into a scratch folder of its own and runs the notebook on
    its warm kernel (made from the Python that runs this function, kept between the worker's
    reports and discarded after any failure: see `publish.notebooks`), so nothing depends on
    the caller's working directory or on a registered kernel, and nothing it does moves
    another render's paths.
    """
    start = time.perf_counter()
    with scratch_folder() as folder:  # named after this worker: see remove_stale_scratch
        source = folder / f"{job.name}.yaml"
        source.write_text(job.text, encoding="utf-8")
        try:
            title = load_scenario(source).title_in(job.language)
            parameters = {
                "scenario": str(source),
                "language": job.language,
                "draws": draws,
                "seed": seed,
                "explore": job.explore,
            }
            page = execute(
                REPORT_NOTEBOOK, parameters, job.language, title, timeout, folder, warm=True
            )
        except Exception as exc:  # a failed cell, a timeout, a dead kernel, a conversion
            return Rendered(job, None, failure(exc), time.perf_counter() - start)
    return Rendered(job, page, "", time.perf_counter() - start)


def plan(
    references: list[str],
    languages: tuple[str, ...],
    names: list[str] | None = None,
    explore: bool = True,
) -> list[Job]:
    """Load and check every scenario before any kernel starts: bad input is one DxError.

    Paths are read here, in the caller's directory. A file named like a preset would replace
    the preset's report, so it is refused unless `names` gives it another name.
    """
    for language in languages:
        i18n.check_language(language)
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
        report_path(name, i18n.SOURCE_LANGUAGE)
        text = scenario.to_yaml()
        jobs += [Job(name, language, text, explore) for language in languages]
    # every scenario in one language first: a scenario's other languages then start after its
    # first, and read what that one kept (its tornado) instead of computing it at the same time
    return sorted(jobs, key=lambda job: languages.index(job.language))


def render_reports(
    references: list[str] | None = None,
    languages: tuple[str, ...] | None = None,
    jobs: int | None = None,
    timeout: int = 600,
    draws: int | None = None,
    seed: int | None = None,
    progress: bool = True,
    scheduler: str | None = None,
    names: list[str] | None = None,
    explore: bool = True,
) -> list[Outcome]:
    """Render each scenario in each language, in worker processes, then the index.

    Workers return HTML; this process writes every file atomically, with the numbers each
    report shows beside it, and builds the index from those numbers.
    """
    from tqdm.auto import tqdm

    work = plan(references or list_scenarios(), languages or i18n.languages(), names, explore)
    folder = writable(reports_dir().resolve())  # the caller's directory, before any render
    clean_stale(folder)
    remove_stale_scratch()  # what killed renders left in TMPDIR
    outcomes: list[Outcome] = []
    bar = tqdm(total=len(work), desc="reports", unit="report", disable=not progress)
    workers = jobs or local_workers()
    try:
        # stopped or failed: the executor ends the workers (their kernels and scratch folders
        # with them) before this returns; rendered reports already written stay
        with executor(workers, scheduler) as pool:
            futures = [pool.submit(render_job, job, timeout, draws, seed) for job in work]
            for future in as_completed(futures):
                outcomes.append(write_rendered(future.result(), folder))
                bar.update(1)
    finally:
        bar.close()
        remove_stale_scratch()  # a worker that had to be killed could not remove its own
    failures = {o.job.name: o.reason for o in outcomes if not o.path}
    write_index(read_summaries(folder), failures, folder)
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
