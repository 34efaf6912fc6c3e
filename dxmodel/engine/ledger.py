"""The forecast ledger: today's forecasts frozen to a file, scored when the outcome is published.

A forecast is only worth something if it can be checked later against what happened, with
no chance of quietly improving it in hindsight. `freeze` writes every open target's
probability, median and 80% interval, beside what persistence says (the last observed value
stays), to a dated CSV under `data/ledger/`, with a `.sha256` file in `sha256sum` format
holding the hash of the CSV's bytes: an edit after freezing makes `read_ledger` refuse the
file, and `sha256sum -c` says the same without dxmodel. When a new edition or release lands,
`score` judges each frozen row on the same rule as the scorecard (the observation of its
indicator, geography and series in its judged-on year) and reports the Brier score and the
absolute error of the model and of persistence side by side, and whether the 80% interval
held the outcome.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from dxmodel import __version__
from dxmodel.core import columns as c
from dxmodel.core.comparators import meets
from dxmodel.core.data import Dataset, load_dataset
from dxmodel.core.scenario import Scenario, load_scenario
from dxmodel.core.targets import target_observations
from dxmodel.engine.session import Session
from dxmodel.util.atomic import write_atomically
from dxmodel.util.errors import DataError
from dxmodel.util.paths import data_dir
from dxmodel.util.provenance import LEDGER_FOLDER, data_hash, git_commit

FOLDER = LEDGER_FOLDER  # under data/; not a data table: data_hash leaves it out
HASH_SUFFIX = ".sha256"
MAX_BYTES = 2_000_000  # a ledger is a few dozen rows; anything bigger is not one of ours

#: What a frozen row holds: the forecast, what persistence says, and how it was made.
FORECAST_COLUMNS = (
    c.TARGET, c.INDICATOR, c.GEO, c.SERIES, c.YEAR, c.JUDGED_ON_YEAR, c.COMPARATOR, c.VALUE,
    c.UNIT, "p_meet", "median", "low_80", "high_80", "p_basis", "latest_observed",
    "latest_year", "p_persistence",
)  # fmt: skip
PROVENANCE_COLUMNS = (
    "scenario", "scenario_digest", "draws", "seed", "as_of", "frozen_on", "dxmodel_version",
    "code_commit", "data_hash",
)  # fmt: skip
LEDGER_COLUMNS = (*FORECAST_COLUMNS, *PROVENANCE_COLUMNS)
_NUMBERS = ("value", "p_meet", "median", "low_80", "high_80", "latest_observed", "p_persistence")
_WHOLE = ("year", "judged_on_year", "latest_year", "draws", "seed", "as_of")

SCORE_COLUMNS = (
    "ledger", c.TARGET, c.JUDGED_ON_YEAR, c.COMPARATOR, c.VALUE, "status", "outcome",
    "outcome_source", "met", "p_meet", "p_persistence", "brier", "brier_persistence", "median",
    "low_80", "high_80", "inside_80", "latest_observed", "abs_error", "abs_error_persistence",
)  # fmt: skip
TABLE_COLUMNS = (
    "ledger", c.TARGET, c.JUDGED_ON_YEAR, "status", "outcome", "met", "p_meet",
    "p_persistence", "brier", "brier_persistence", "median", "low_80", "high_80", "inside_80",
    "abs_error", "abs_error_persistence",
)  # fmt: skip


def ledger_dir() -> Path:
    """Where ledgers live: `ledger/` in the data folder (honours `--data-dir`)."""
    return data_dir() / FOLDER


# --- freezing --------------------------------------------------------------------------------
def forecasts(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard's open, modelled targets as ledger rows, persistence beside the model.

    Persistence is the forecast "nothing changes": the last observed value is the outcome,
    so its probability of meeting the target is 1 or 0 (NaN when nothing was observed).
    """
    open_ = card[(card["status"] == "open") & np.isfinite(card["p_meet"].astype(float))]
    latest = open_["latest_observed"].astype(float)
    hit = [
        float(meets(v, comp, thr)) if np.isfinite(v) else np.nan
        for v, comp, thr in zip(latest, open_[c.COMPARATOR], open_[c.VALUE], strict=True)
    ]
    out = open_.rename(columns={"expected": "median", "low": "low_80", "high": "high_80"})
    out = out.assign(p_persistence=hit)
    return out[list(FORECAST_COLUMNS)].reset_index(drop=True)


def freeze(
    session: Session,
    scenario: Scenario,
    as_of: int | None = None,
    folder: Path | None = None,
    frozen_on: dt.date | None = None,
    data_digest: str | None = None,
) -> Path:
    """Write the session's forecasts for `scenario` to `<folder>/<frozen_on>_<name>.csv`.

    `as_of` is recorded, and must be the session's own (the scorecard is computed as of it).
    `data_digest` names the data the session read; by default the hash of the data folder,
    which is right when the session loaded it (pass another for an in-memory dataset).
    Never overwrites: a ledger once frozen is evidence.
    """
    as_of = session.as_of if as_of is None else as_of
    if as_of != session.as_of:
        raise DataError(
            f"ledger: as_of {as_of} differs from the session's {session.as_of}; "
            "freeze with the year the session was built for"
        )
    folder = Path(folder) if folder is not None else ledger_dir()
    frozen_on = frozen_on or dt.date.today()
    path = folder / f"{frozen_on.isoformat()}_{scenario.name}.csv"
    sidecar = hash_path(path)
    for existing in (path, sidecar):
        if existing.exists():
            raise DataError(
                f"{existing}: a ledger is never overwritten; score it, or freeze on another "
                "day or scenario"
            )

    rows = forecasts(session.scorecard(scenario))
    if rows.empty:
        raise DataError(f"ledger: scenario {scenario.name!r} has no open, modelled target")
    rows = rows.assign(
        scenario=scenario.name,
        scenario_digest=scenario.digest(),
        draws=int(scenario.value("draws")),
        seed=int(scenario.value("seed")),
        as_of=int(as_of),
        frozen_on=frozen_on.isoformat(),
        dxmodel_version=__version__,
        code_commit=git_commit(),
        data_hash=data_digest if data_digest is not None else data_hash(),
    )
    write_atomically(path, rows.to_csv(index=False, lineterminator="\n"))
    # Hash the bytes as written (the platform may translate line ends), then seal.
    write_atomically(sidecar, f"{_sha256(path.read_bytes())}  {path.name}\n")
    return path


def freeze_current(scenario_ref: str = "baseline", as_of: int | None = None) -> Path:
    """`dxmodel ledger freeze`: the data folder's forecasts for a preset or scenario file."""
    scenario = load_scenario(scenario_ref)
    return freeze(Session(load_dataset(), as_of=as_of), scenario)


# --- reading ---------------------------------------------------------------------------------
def hash_path(path: Path) -> Path:
    """The file holding a ledger's hash: `<ledger>.csv.sha256`, readable by `sha256sum -c`."""
    return path.with_name(path.name + HASH_SUFFIX)


def read_ledger(path: Path | str) -> pd.DataFrame:
    """A frozen ledger, after checking its bytes against the hash written when it was frozen."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: ledger not found")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DataError(f"{path}: {size} bytes is too big for a ledger (at most {MAX_BYTES})")
    raw = path.read_bytes()
    recorded = _recorded_hash(path)
    actual = _sha256(raw)
    if actual != recorded:
        raise DataError(
            f"ledger {path} was edited after it was frozen: sha256 {actual[:12]} != "
            f"{recorded[:12]} recorded in {hash_path(path).name}"
        )
    try:
        frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not a readable ledger CSV ({exc})") from None
    missing = [k for k in LEDGER_COLUMNS if k not in frame.columns]
    if missing:
        raise DataError(f"{path}: missing column(s) {', '.join(missing)}; not a dxmodel ledger")
    try:
        for column in _NUMBERS:
            frame[column] = pd.to_numeric(frame[column].replace("", np.nan))
        for column in _WHOLE:
            frame[column] = pd.to_numeric(frame[column].replace("", np.nan)).astype("Int64")
    except (ValueError, TypeError) as exc:
        raise DataError(f"{path}: column {column} is not numeric ({exc})") from None
    if frame[c.JUDGED_ON_YEAR].isna().any():
        raise DataError(f"{path}: judged_on_year is empty; every forecast needs one")
    return frame


def _recorded_hash(path: Path) -> str:
    sidecar = hash_path(path)
    if not sidecar.is_file():
        raise DataError(
            f"{path}: no {sidecar.name} beside it; a ledger is only read with the hash written "
            "when it was frozen"
        )
    text = sidecar.read_text(encoding="utf-8", errors="replace")[:1000].split()
    if not text or len(text[0]) != 64 or any(ch not in "0123456789abcdef" for ch in text[0]):
        raise DataError(f"{sidecar}: expected '<64 hex digits>  {path.name}' (sha256sum format)")
    return text[0]


def _sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def ledger_files(folder: Path | None = None) -> list[Path]:
    """Every ledger in `folder` (default: the data folder's ledger/), oldest first."""
    folder = folder if folder is not None else ledger_dir()
    return sorted(folder.glob("*.csv"))


# --- scoring ---------------------------------------------------------------------------------
def score(path: Path | str, dataset: Dataset) -> pd.DataFrame:
    """Each frozen forecast of one ledger against the outcome in `dataset`, if published.

    The outcome is the observation of the row's indicator, geography and frozen series in
    its judged-on year, the rule the scorecard judges a target by; the frozen comparator and
    threshold decide `met`, so a later edit of the registry cannot move an old score.
    Rows whose year is not yet observed stay, as "awaiting"; rows with no series are
    "no series" (assumption-only forecasts that no release can score).
    """
    frozen = read_ledger(path)
    observed = target_observations(dataset, frozen)
    outcome = observed.drop_duplicates(
        [c.INDICATOR, c.GEO, c.SERIES, c.YEAR], keep="last"
    ).set_index([c.INDICATOR, c.GEO, c.SERIES, c.YEAR])
    out = []
    for r in frozen.to_dict("records"):
        key = (r[c.INDICATOR], r[c.GEO], r[c.SERIES], int(r[c.JUDGED_ON_YEAR]))
        row = {k: r[k] for k in SCORE_COLUMNS if k in r}
        row.update(ledger=Path(path).name, outcome=np.nan, outcome_source="", met=pd.NA)
        if not r[c.SERIES]:
            row["status"] = "no series"
        elif key not in outcome.index:
            row["status"] = "awaiting"
        else:
            value = float(outcome.loc[key, c.VALUE])
            met = bool(meets(value, r[c.COMPARATOR], r[c.VALUE]))
            row.update(
                status="scored",
                outcome=value,
                outcome_source=outcome.loc[key, c.SOURCE],
                met=met,
                brier=(r["p_meet"] - met) ** 2,
                brier_persistence=(r["p_persistence"] - met) ** 2,
                inside_80=bool(r["low_80"] <= value <= r["high_80"]),
                abs_error=abs(r["median"] - value),
                abs_error_persistence=abs(r["latest_observed"] - value),
            )
        out.append(row)
    frame = pd.DataFrame(out).reindex(columns=list(SCORE_COLUMNS))
    for column in ("met", "inside_80"):
        frame[column] = frame[column].astype("boolean")
    for column in ("brier", "brier_persistence", "abs_error", "abs_error_persistence"):
        frame[column] = frame[column].astype(float)
    frame.attrs["table_columns"] = TABLE_COLUMNS
    return frame


def score_ledgers(paths: Iterable[Path | str] = (), dataset: Dataset | None = None) -> pd.DataFrame:
    """`dxmodel ledger score`: the given ledgers (default: every one) against the data folder."""
    paths = list(paths) or ledger_files()
    if not paths:
        raise DataError(
            f"{ledger_dir()}: no ledger to score; write one with 'dxmodel ledger freeze'"
        )
    dataset = dataset if dataset is not None else load_dataset()
    frame = pd.concat([score(p, dataset) for p in paths], ignore_index=True)
    frame.attrs["table_columns"] = TABLE_COLUMNS
    return frame


def summary(scored: pd.DataFrame) -> str:
    """One line: mean Brier of the model and of persistence on the same rows, interval hits."""
    done = scored[scored["status"] == "scored"]
    if done.empty:
        return f"scored 0 of {len(scored)} forecasts: no outcome published yet"
    both = done[done["brier"].notna() & done["brier_persistence"].notna()]
    brier = (
        f"mean Brier {both['brier'].mean():.3f} (model) vs "
        f"{both['brier_persistence'].mean():.3f} (persistence) on {len(both)}"
        if len(both)
        else "no persistence to compare"
    )
    hits = int(done["inside_80"].sum())
    return (
        f"scored {len(done)} of {len(scored)} forecasts: {brier}; "
        f"80% interval held the outcome {hits}/{len(done)}"
    )
