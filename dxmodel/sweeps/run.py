"""Sweeps: many scenarios sampled over the levers' spans, each scored on every open target.

SALib draws the design: Sobol' (Saltelli's scheme) for variance-based indices, Morris for a
cheap screen, a Latin hypercube for scenario discovery. Samples are evaluated in batches
through the executor seam (a local process pool, or Dask), each worker fitting the models
once and keeping them; every finished batch is written at once, so an interrupted sweep
resumes where it stopped. Every sample runs on the base scenario's draws and seed (common
random numbers), so P(meet) moves between samples only because a lever moved.

A sweep's folder, `reports/sweeps/<name>/`, holds `sweep.json` (design, seeds, data hash,
version), `design.parquet`, `batches/`, and once complete `results.parquet` (sample,
lever..., target, p_meet, median), `sensitivity.csv` and `rules.csv`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, as_completed
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dxmodel import __version__
from dxmodel.core import columns as c
from dxmodel.core.levers import ORDERED_PAIRS, REGISTRY
from dxmodel.core.scenario import Scenario, check_name, load_scenario, scenario_from_text
from dxmodel.core.targets import today_year
from dxmodel.engine.session import Session
from dxmodel.sweeps import discovery, sensitivity
from dxmodel.sweeps.design import (
    DEFAULT_DRAWS,
    DEFAULT_SAMPLES,
    DEFAULT_SEED,
    METHODS,
    MORRIS_LEVELS,
    OUTCOMES,
    SWEPT_KINDS,
    Space,
    space_from_dict,
    sweep_space,
)
from dxmodel.util.atomic import clean_stale, write_atomically
from dxmodel.util.errors import DxError, short_path, short_repr
from dxmodel.util.executors import executor, local_workers
from dxmodel.util.paths import reports_dir
from dxmodel.util.provenance import data_hash, git_commit

BATCH_ROWS = 200  # samples per task: a few seconds of work, small enough to resume from
MAX_ROWS = 1_000_000
FOLDER = "sweeps"  # under reports/
SPEC_FILE, DESIGN_FILE, RESULTS_FILE = "sweep.json", "design.parquet", "results.parquet"


@dataclass(frozen=True)
class SweepSpec:
    """Everything that decides a sweep's numbers: equal specs on equal data, equal tables."""

    name: str
    method: str
    samples: int  # Sobol': base N (a power of two); Morris: trajectories; LHS: rows
    seed: int  # the design's seed; the models' draws and seed are the scenario's
    scenario: str  # the base scenario's file form (Scenario.to_yaml), draws included
    space: Space

    @property
    def rows(self) -> int:
        return design_rows(self.method, self.samples, len(self.space))

    def base(self) -> Scenario:
        """The scenario every sample starts from: unswept levers keep its values."""
        return scenario_from_text(self.scenario, "sweep.json: scenario")

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "method": self.method,
            "samples": self.samples,
            "seed": self.seed,
            "scenario": self.scenario,
            "levers": self.space.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: Mapping) -> SweepSpec:
        return cls(
            d["name"],
            d["method"],
            int(d["samples"]),
            int(d["seed"]),
            d["scenario"],
            space_from_dict(d["levers"]),
        )

    def digest(self) -> str:
        text = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=True)
        return hashlib.sha256(text.encode()).hexdigest()[:12]


def design_rows(method: str, samples: int, dimensions: int) -> int:
    """How many model runs a design of `samples` makes over `dimensions` levers."""
    return {
        "sobol": samples * (dimensions + 2),  # A, B and one A_B matrix per lever
        "morris": samples * (dimensions + 1),
        "lhs": samples,
    }[method]


def plan_sweep(
    scenario: str = "baseline",
    method: str = "sobol",
    samples: int | None = None,
    seed: int = DEFAULT_SEED,
    draws: int = DEFAULT_DRAWS,
    levers: Iterable[str] | None = None,
    kinds: Iterable[str] = SWEPT_KINDS,
    ranges: Mapping[str, tuple[float, float]] | None = None,
    name: str | None = None,
) -> SweepSpec:
    """Check every argument and return the sweep to run; a one-line DxError on any fault."""
    if method not in METHODS:
        raise DxError(f"--method {short_repr(method)}: use one of {', '.join(METHODS)}")
    samples = DEFAULT_SAMPLES[method] if samples is None else samples
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 2:
        raise DxError(f"--samples {short_repr(samples)}: use a whole number of 2 or more")
    if method == "sobol" and samples & (samples - 1):
        below = 1 << (samples.bit_length() - 1)
        raise DxError(
            f"--samples {samples}: Saltelli's Sobol' design needs a power of two "
            f"(e.g. {below} or {below * 2})"
        )
    REGISTRY["seed"].check(seed, "--seed")
    REGISTRY["draws"].check(draws, "--draws")
    base = load_scenario(scenario).with_levers(draws=draws)
    space = sweep_space(levers, kinds, ranges)
    _check_pairs(space, base)
    rows = design_rows(method, samples, len(space))
    if rows > MAX_ROWS:
        raise DxError(
            f"--samples {samples}: a {method} design over {len(space)} levers makes {rows:,} "
            f"runs; at most {MAX_ROWS:,} are allowed"
        )
    where = (
        "--name" if name is not None else f"the default name (pass --name): {base.name}-{method};"
    )
    name = check_name(name if name is not None else f"{base.name}-{method}", where)
    return SweepSpec(name, method, samples, seed, base.to_yaml(), space)


def _check_pairs(space: Space, base: Scenario) -> None:
    """Levers that must stay ordered (a start below its ceiling) must do so in every sample."""
    ranges = {d.name: (d.low, d.high) for d in space}
    for below, above in ORDERED_PAIRS:
        low_end = ranges.get(below, (float(base.value(below)),) * 2)[1]
        high_start = ranges.get(above, (float(base.value(above)),) * 2)[0]
        if low_end >= high_start:
            raise DxError(
                f"--range: {below} may reach {low_end:g} and {above} fall to {high_start:g}; "
                f"{below} must stay below {above} in every sample"
            )


def design(spec: SweepSpec) -> pd.DataFrame:
    """The samples (one row each, a column per lever, values as the levers take them)."""
    from SALib.sample import latin, morris
    from SALib.sample import sobol as saltelli

    problem = spec.space.problem()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SALib's notes on sample sizes: checked above
        if spec.method == "sobol":
            raw = saltelli.sample(problem, spec.samples, calc_second_order=False, seed=spec.seed)
        elif spec.method == "morris":
            raw = morris.sample(problem, spec.samples, num_levels=MORRIS_LEVELS, seed=spec.seed)
        else:
            raw = latin.sample(problem, spec.samples, seed=spec.seed)
    values = [[d.value(x) for d, x in zip(spec.space, row, strict=True)] for row in raw]
    frame = pd.DataFrame(values, columns=spec.space.names)
    return frame.rename_axis("sample").reset_index()


# --- evaluation, in worker processes ------------------------------------------------------------
@dataclass(frozen=True)
class Batch:
    """One task: consecutive samples of a sweep, with the data hash the client read."""

    spec: str  # SweepSpec as JSON: plain text travels to any worker
    data: str
    first: int
    values: np.ndarray  # (samples, levers), in the space's order


_WORKER: dict[str, object] = {}
_WORKER_LOCK = threading.Lock()


def worker_session(expected: str):
    """This process's Session, fitted on its first batch and kept for every later one."""
    with _WORKER_LOCK:
        held = _WORKER.get("session")
        if held is None or _WORKER.get("data") != expected:
            found = data_hash()
            if found != expected:
                raise DxError(
                    f"a worker's data/ (hash {found}) differ from the data the sweep was planned "
                    f"on (hash {expected}): give every worker the same data"
                )
            held = _WORKER["session"] = Session()
            _WORKER["data"] = found
        return held


def evaluate_batch(batch: Batch) -> pd.DataFrame:
    """P(meet) and the median of every open target for each sample of the batch."""
    spec = SweepSpec.from_dict(json.loads(batch.spec))
    session = worker_session(batch.data)
    base = spec.base()
    frames = []
    for i, row in enumerate(batch.values):
        chances = session.chances(base.with_levers(**spec.space.levers(row)))
        frames.append(chances.assign(sample=batch.first + i))
    return pd.concat(frames, ignore_index=True)[["sample", c.TARGET, *OUTCOMES]]


# --- running, resuming, storing ----------------------------------------------------------------
def sweep_folder(name: str) -> Path:
    """reports/sweeps/<name>; refused if `sweeps` or `<name>` is a symbolic link: a sweep
    writes inside the reports folder only."""
    sweeps = reports_dir() / FOLDER
    _check_not_linked(sweeps)
    return sweeps / check_name(name, "--name")


def _check_not_linked(folder: Path) -> None:
    """A symbolic link where a sweep writes (its folder, `batches`) is refused, not followed:
    it would put the sweep's files, and --fresh's deletions, wherever it points."""
    for path in (folder, folder / "batches"):
        if path.is_symlink():
            try:
                target = short_path(os.readlink(path))
            except OSError:
                target = "?"
            raise DxError(
                f"{short_path(path)}: a symbolic link (to {target}); a sweep writes only in a "
                "real folder inside the reports folder: remove the link or pass another --name"
            )


def _kept(path: Path, first: int, end: int, note: Callable[[str], None]) -> bool:
    """Whether a finished batch is on disk, whole: samples first..end-1 with every outcome.
    One that cannot be read (truncated, overwritten) is a lost cache entry: said, removed,
    and computed again."""
    if not path.exists():
        return False
    try:
        frame = pd.read_parquet(path)
        whole = list(frame.columns) == ["sample", c.TARGET, *OUTCOMES] and set(
            frame["sample"]
        ) == set(range(first, end))
    except Exception:  # pyarrow says "corrupt" in many ways: any of them means recompute
        whole = False
    if not whole:
        note(f"{short_path(path)}: unreadable, computed again")
        path.unlink(missing_ok=True)
    return whole


def _say(line: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(f"dxmodel: {line}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class SweepRun:
    """A finished sweep as stored: its spec, metadata, design and tidy results."""

    folder: Path
    spec: SweepSpec
    meta: dict
    design: pd.DataFrame
    results: pd.DataFrame
    evaluated: int = 0  # samples evaluated by this call (0 when all were on disk)
    seconds: float = 0.0


def _parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _batch_path(folder: Path, index: int) -> Path:
    return folder / "batches" / f"batch-{index:05d}.parquet"


def run_sweep(
    spec: SweepSpec,
    jobs: int | None = None,
    scheduler: str | None = None,
    progress: bool = False,
    fresh: bool = False,
    folder: Path | None = None,
    on_batch: Callable[[int, int], None] | None = None,
    note: Callable[[str], None] | None = None,
) -> SweepRun:
    """Evaluate every batch not already on disk, then write the tidy table.

    A folder holding another sweep (other spec or other data) is refused unless `fresh`; a
    kept batch that cannot be read is a lost cache entry: `note` says so (one line, on stderr
    by default) and it is computed again.
    """
    from tqdm.auto import tqdm

    folder = folder if folder is not None else sweep_folder(spec.name)
    _check_not_linked(folder)
    note = note if note is not None else _say
    digest = data_hash()
    with _runner(jobs, scheduler) as pool:  # an unreachable scheduler: refused before any file
        table = design(spec)
        meta = _start(folder, spec, table, digest, fresh)
        clean_stale(folder / "batches")
        starts = range(0, len(table), BATCH_ROWS)
        values = table[spec.space.names].to_numpy(dtype=float)
        spec_text = json.dumps(spec.to_dict())
        batches = {
            i: Batch(spec_text, digest, start, values[start : start + BATCH_ROWS])
            for i, start in enumerate(starts)
            if not _kept(_batch_path(folder, i), start, min(start + BATCH_ROWS, len(table)), note)
        }
        started = time.perf_counter()
        with tqdm(
            total=len(starts),
            initial=len(starts) - len(batches),
            desc=spec.name,
            unit="batch",
            disable=not progress,
        ) as bar:
            for done, (i, frame) in enumerate(_evaluate(pool, batches), 1):
                write_atomically(_batch_path(folder, i), _parquet(frame))
                bar.update()
                if on_batch is not None:
                    on_batch(done, len(batches))
        seconds = time.perf_counter() - started
    results = _assemble(folder, table, len(starts))
    write_atomically(folder / RESULTS_FILE, _parquet(results))
    meta = {**meta, "completed": _now(), "targets": sorted(results[c.TARGET].unique())}
    write_atomically(folder / SPEC_FILE, json.dumps(meta, indent=1, ensure_ascii=False))
    evaluated = sum(len(batch.values) for batch in batches.values())
    run = SweepRun(folder, spec, meta, table, results, evaluated, seconds)
    _write_analyses(run)
    return run


@contextlib.contextmanager
def _runner(jobs: int | None, scheduler: str | None) -> Iterator[Executor | None]:
    """The executor seam (a local pool, or Dask); None for one local job: this process."""
    if jobs == 1 and not scheduler:
        yield None
    else:
        with executor(jobs or local_workers(), scheduler) as pool:
            yield pool


def _evaluate(
    pool: Executor | None, batches: dict[int, Batch]
) -> Iterator[tuple[int, pd.DataFrame]]:
    """(index, outcomes) of each batch as it finishes; in order, here, without a pool."""
    if pool is None:
        for i, batch in batches.items():
            yield i, evaluate_batch(batch)
        return
    futures = {pool.submit(evaluate_batch, batch): i for i, batch in batches.items()}
    try:
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:  # interrupted or failed: what has not started never will
        for future in futures:
            future.cancel()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# what must match for finished batches to be reused: same design and data, same code, same day
# of judgement (which targets are open), same batch boundaries
RESUME_KEYS = ("digest", "data_hash", "version", "commit", "as_of", "batch_rows")
DERIVED = (RESULTS_FILE, DESIGN_FILE, "sensitivity.csv", "rules.csv")
PAGES = "sweep*.html"  # its page in every language (see dxmodel.publish.pages)


def _start(folder: Path, spec: SweepSpec, table: pd.DataFrame, digest: str, fresh: bool) -> dict:
    """The folder's metadata: this sweep's, resumed or new. Another sweep's (other design,
    data, code or day) is refused unless `fresh`, which removes every file it derived."""
    base = spec.base()
    meta = {
        **spec.to_dict(),
        "digest": spec.digest(),
        "rows": spec.rows,
        "batch_rows": BATCH_ROWS,
        "data_hash": digest,
        "version": __version__,
        "commit": git_commit(),
        "as_of": today_year(),
        "base_scenario": base.name,
        "draws": int(base.value("draws")),
        "model_seed": int(base.value("seed")),
        "created": _now(),
    }
    path = folder / SPEC_FILE
    if path.exists():
        try:
            old = read_meta(path)
            same = all(old.get(k) == meta[k] for k in RESUME_KEYS)
            same = same and pd.read_parquet(folder / DESIGN_FILE).equals(table)
        except DxError:
            if not fresh:  # not a sweep's metadata: refused, and nothing of the folder touched
                raise
            old, same = {}, False
        except (OSError, ValueError):
            old, same = {}, False
        if not same and not fresh:
            raise DxError(
                f"{folder}: holds another sweep (other design, scenario, data or code); pass "
                "--fresh to replace it or --name to keep both"
            )
        if same and not fresh:
            meta["created"] = old.get("created", meta["created"])
        else:
            shutil.rmtree(folder / "batches", ignore_errors=True)
            for derived in [*(folder / name for name in DERIVED), *folder.glob(PAGES)]:
                derived.unlink(missing_ok=True)
    (folder / "batches").mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(meta, indent=1, ensure_ascii=False))
    write_atomically(folder / DESIGN_FILE, _parquet(table))
    return meta


def _assemble(folder: Path, table: pd.DataFrame, batches: int) -> pd.DataFrame:
    """The tidy table from every batch: sample, lever..., target, p_meet, median."""
    outcomes = pd.concat(
        [pd.read_parquet(_batch_path(folder, i)) for i in range(batches)], ignore_index=True
    )
    if sorted(outcomes["sample"].unique()) != list(range(len(table))):
        raise DxError(f"{folder}: the batches do not hold every sample; run with --fresh")
    out = table.merge(outcomes, on="sample", how="right", validate="one_to_many")
    return out.sort_values(["sample", c.TARGET], kind="stable").reset_index(drop=True)


# what sweep.json must hold: the SweepSpec's fields, with their JSON types
META_FIELDS = {
    "name": str,
    "method": str,
    "samples": int,
    "seed": int,
    "scenario": str,
    "levers": list,
    "digest": str,
}
LEVER_FIELDS = {"lever": str, "low": (int, float), "high": (int, float)}


def read_meta(path: Path) -> dict:
    """A sweep's sweep.json, checked: a DxError naming the file and what it should hold
    unless it is a JSON object with every field of a sweep (see META_FIELDS)."""
    expected = (
        "expected a JSON object with a sweep's fields ("
        + ", ".join(META_FIELDS)
        + "), as dxmodel sweep writes it; pass --fresh to replace that sweep"
    )
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise DxError(f"{short_path(path)}: not text; {expected}") from None
    except ValueError as exc:
        raise DxError(f"{short_path(path)}: not valid JSON ({exc}); {expected}") from None
    if not isinstance(meta, dict):
        found = {list: "a list", str: "a string", type(None): "null"}.get(type(meta), "a number")
        raise DxError(f"{short_path(path)}: holds {found}; {expected}")
    for field, kind in META_FIELDS.items():
        value = meta.get(field)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise DxError(
                f"{short_path(path)}: {field} is {short_repr(value)}, not a "
                f"{'whole number' if kind is int else kind.__name__}; {expected}"
            )
    for item in meta["levers"]:
        if not isinstance(item, dict) or any(
            not isinstance(item.get(k), t) or isinstance(item.get(k), bool)
            for k, t in LEVER_FIELDS.items()
        ):
            raise DxError(
                f"{short_path(path)}: levers holds {short_repr(item)}, not "
                f"{{lever, low, high}}; {expected}"
            )
    if meta["method"] not in METHODS:
        raise DxError(f"{short_path(path)}: method {short_repr(meta['method'])}; {expected}")
    return meta


def load_sweep(folder: Path) -> SweepRun:
    """A finished sweep from its folder, for re-scoring and its report page."""
    try:
        meta = read_meta(folder / SPEC_FILE)
        spec = SweepSpec.from_dict(meta)
        table = pd.read_parquet(folder / DESIGN_FILE)
        results = pd.read_parquet(folder / RESULTS_FILE)
    except FileNotFoundError as exc:
        raise DxError(
            f"{folder}: no finished sweep here ({Path(exc.filename).name} missing)"
        ) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DxError(f"{folder}: not a readable sweep ({short_repr(str(exc))})") from None
    return SweepRun(folder, spec, meta, table, results)


def _write_analyses(run: SweepRun) -> None:
    indices = sensitivity.indices(run)
    write_atomically(run.folder / "sensitivity.csv", indices.to_csv(index=False))
    (run.folder / "rules.csv").unlink(missing_ok=True)
    if run.spec.method != "morris":
        rules = discovery.rules(run)
        write_atomically(run.folder / "rules.csv", rules.to_csv(index=False))
