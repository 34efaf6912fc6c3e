"""The forecast ledger: today's forecasts frozen to a file, scored when the outcome is published.

A forecast is only worth something if it can be checked later against what happened, with
no chance of quietly improving it in hindsight. `freeze` writes every open target's
probability, median and 80% interval, beside what persistence says (the last observed value
stays), to a dated CSV under `data/ledger/`, sealed with its hash (`dxmodel.util.sealed`):
an edit after freezing makes `read_ledger` (`ledger_rows`) refuse the file. When a new
edition or release lands, `score` judges each frozen row on the same rule as the scorecard
(the observation of its indicator, geography and series in its judged-on year) and reports
the Brier score and the absolute error of the model and of persistence side by side (and
the base rate's Brier score for rank targets), whether the 80% interval held the outcome,
and its PIT as far as the stored quantiles tell it.

A freeze is exclusive and all-or-nothing, and a killed one leaves nothing `score` reads.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from dxmodel import __version__
from dxmodel.core import columns as c
from dxmodel.core import reference
from dxmodel.core.comparators import meets
from dxmodel.core.data import Dataset, load_dataset
from dxmodel.core.scenario import Scenario, list_scenarios, load_scenario, resolve_scenario
from dxmodel.core.targets import target_observations
from dxmodel.engine.ledger_rows import FORECAST_COLUMNS, checked, read_ledger
from dxmodel.engine.session import Session
from dxmodel.util import sealed
from dxmodel.util.errors import DataError, ScenarioError, short_path, short_repr
from dxmodel.util.paths import data_dir, ledger_dir, scenarios_dir
from dxmodel.util.provenance import LEDGER_FOLDER, data_hash, git_commit

# re-exported: where a ledger's hash is, and when a lone hash is a killed freeze's leftover
from dxmodel.util.sealed import LEFTOVER_AGE as LEFTOVER_AGE
from dxmodel.util.sealed import hash_path as hash_path

FOLDER = LEDGER_FOLDER  # under data/; not a data table: data_hash leaves it out

SCORE_COLUMNS = (
    "ledger", c.TARGET, c.JUDGED_ON_YEAR, c.COMPARATOR, c.VALUE, "status", "outcome",
    "outcome_source", "met", "p_meet", "p_persistence", "base_rate", "brier",
    "brier_persistence", "brier_base_rate", "median", "low_80", "high_80", "inside_80", "pit",
    "pit_note", "latest_observed", "abs_error", "abs_error_persistence", "base_rate_note",
)  # fmt: skip
TABLE_COLUMNS = (
    "ledger", c.TARGET, c.JUDGED_ON_YEAR, "status", "outcome", "met", "p_meet",
    "p_persistence", "base_rate", "brier", "brier_persistence", "brier_base_rate", "median",
    "low_80", "high_80", "inside_80", "pit", "abs_error", "abs_error_persistence",
)  # fmt: skip


def ledger_folders() -> list[Path]:
    """Where ledgers are read: the data folder's `ledger/` (the shipped ones, or the analyst's
    copy) and, when freezes go elsewhere (`paths.ledger_dir`), that folder too."""
    folders = [data_dir() / FOLDER, ledger_dir()]
    return [
        f for i, f in enumerate(folders) if f.resolve() not in {g.resolve() for g in folders[:i]}
    ]


def ledger_files(folder: Path | None = None) -> list[Path]:
    """Every ledger in `folder` (default: `ledger_folders()`), oldest first. A hash
    with no ledger (a killed freeze's leftover) is not a ledger, nor is a temporary."""
    folders = [folder] if folder is not None else ledger_folders()
    found = [p for f in folders for p in f.glob("*.csv") if not p.name.startswith(".")]
    return sorted(found, key=lambda p: (p.name, str(p)))


# --- freezing ---------------------------------------------------------------------------------
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


def ledger_path(folder: Path, frozen_on: dt.date, name: str) -> Path:
    """Where a scenario's ledger of one day goes: `<folder>/<frozen_on>_<name>.csv`."""
    return Path(folder) / f"{frozen_on.isoformat()}_{name}.csv"


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
    Never overwrites: a ledger once frozen is evidence; of two freezes racing for one name,
    one wins whole and the other is refused.
    """
    as_of = session.as_of if as_of is None else as_of
    if as_of != session.as_of:
        raise DataError(
            f"ledger: as_of {short_repr(as_of)} differs from the session's {session.as_of}; "
            "freeze with the year the session was built for"
        )
    folder = Path(folder) if folder is not None else ledger_dir()
    frozen_on = frozen_on or dt.date.today()
    path = check_folder(ledger_path(folder, frozen_on, scenario.name))

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
    data = rows.to_csv(index=False, lineterminator="\n").encode("utf-8")
    # what is frozen must be what `read_ledger` accepts, or the ledger could never be scored
    checked(pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False), short_path(path))
    try:
        sealed.publish(path, data)
    except sealed.SealError as exc:
        raise _refusal(exc) from None
    return path


def check_freeze(
    scenario_ref: str | Path = "baseline",
    folder: Path | None = None,
    frozen_on: dt.date | None = None,
) -> tuple[Scenario, Path]:
    """Everything a freeze can be refused for that costs no model run: the scenario (and a file
    posing as a preset), the folder (there or makeable, writable) and the day's name (free).
    Returns the scenario and the ledger's path; `freeze_current` calls it first."""
    source = resolve_scenario(scenario_ref)
    scenario = load_scenario(source)
    _refuse_preset_impostor(source, scenario.name)
    folder = Path(folder) if folder is not None else ledger_dir()
    path = ledger_path(folder, frozen_on or dt.date.today(), scenario.name)
    return scenario, check_folder(path)


def freeze_current(scenario_ref: str = "baseline", as_of: int | None = None) -> Path:
    """`dxmodel ledger freeze`: the data folder's forecasts for a preset or scenario file.

    The cheap refusals (`check_freeze`) come before the data are loaded and the models run."""
    frozen_on = dt.date.today()  # once: a freeze that runs past midnight keeps its checked name
    scenario, _ = check_freeze(scenario_ref, frozen_on=frozen_on)
    return freeze(Session(load_dataset(), as_of=as_of), scenario, frozen_on=frozen_on)


def _refuse_preset_impostor(source: Path, name: str) -> None:
    """A file that is not a preset may not take a preset's name, nor so its ledger's name."""
    if name not in list_scenarios():
        return
    preset = scenarios_dir() / f"{name}.yaml"
    try:
        same = source.resolve() == preset.resolve() or os.path.samefile(source, preset)
    except OSError:
        same = False
    if not same:
        raise ScenarioError(
            f"{short_path(source)}: this file is not the preset {name!r} but has its name, so "
            f"its forecasts would take the preset's ledger name (<date>_{name}.csv); rename "
            f"the file (for example to my_{name}.yaml) and freeze it again"
        )


def check_folder(path: Path) -> Path:
    """`path` if a ledger can be frozen there: its folder is (or can be made) a writable
    folder, and no ledger has that name yet. A hash with no ledger beside it is what a killed
    freeze left, not a ledger: it blocks nothing (`sealed.publish` removes it)."""
    try:
        return sealed.check_free(path)
    except sealed.SealError as exc:
        raise _refusal(exc) from None


def _refusal(exc: sealed.SealError) -> DataError:
    """Why a ledger cannot be frozen, in the words of a ledger and a freeze."""
    where = short_path(exc.path)
    match exc:
        case sealed.StillWriting():
            return DataError(
                f"{where}: already frozen by another run that is still writing "
                "it; a ledger is never overwritten"
            )
        case sealed.Taken():
            return _already_frozen(exc.path)
        case sealed.Busy():
            return DataError(
                f"{where}: another freeze has held this folder for "
                f"{sealed.LOCK_WAIT:.0f} s; try again when it has finished"
            )
        case sealed.CannotMakeFolder():
            return DataError(f"{where}: cannot make the ledger folder ({exc.detail})")
        case sealed.NotAFolder():
            return DataError(f"{where}: not a folder; ledgers are written to a folder")
        case sealed.Unwritable():
            return DataError(f"{where}: cannot write a ledger here ({exc.detail})")
        case sealed.WriteFailed():
            return DataError(f"{where}: cannot write the ledger ({exc.detail})")
    return DataError(str(exc))


def _already_frozen(path: Path) -> DataError:
    return DataError(
        f"{short_path(path)}: already frozen; a ledger is never overwritten: score it, or "
        "freeze on another day or scenario"
    )


# --- scoring ---------------------------------------------------------------------------------
def score(path: Path | str, dataset: Dataset) -> pd.DataFrame:
    """Each frozen forecast of one ledger against the outcome in `dataset`, if published.

    The outcome is the observation of the row's indicator, geography and frozen series in
    its judged-on year, the rule the scorecard judges a target by; the frozen comparator and
    threshold decide `met`, so a later edit of the registry cannot move an old score.
    Rows whose year is not yet observed stay, as "awaiting"; rows with no series are
    "no series" (assumption-only forecasts that no release can score). Beside the model and
    persistence stands the base rate of rank targets (`frozen_base_rate`), and each outcome's
    PIT where the stored quantiles place it (`pit`).
    """
    frozen = read_ledger(path, dataset)
    observed = target_observations(dataset, frozen)
    rates = BaseRates(dataset)
    outcome = observed.drop_duplicates(
        [c.INDICATOR, c.GEO, c.SERIES, c.YEAR], keep="last"
    ).set_index([c.INDICATOR, c.GEO, c.SERIES, c.YEAR])
    out = []
    for r in frozen.to_dict("records"):
        key = (r[c.INDICATOR], r[c.GEO], r[c.SERIES], int(r[c.JUDGED_ON_YEAR]))
        row = {k: r[k] for k in SCORE_COLUMNS if k in r}
        row.update(
            ledger=Path(path).name, outcome=np.nan, outcome_source="", met=pd.NA, pit_note=""
        )
        rate, row["base_rate_note"] = rates.of(r)
        row["base_rate"] = rate
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
                brier_base_rate=(rate - met) ** 2,
                inside_80=bool(r["low_80"] <= value <= r["high_80"]),
                **dict(zip(("pit", "pit_note"), pit(value, r), strict=True)),
                abs_error=abs(r["median"] - value),
                abs_error_persistence=abs(r["latest_observed"] - value),
            )
        out.append(row)
    frame = pd.DataFrame(out).reindex(columns=list(SCORE_COLUMNS))
    for column in ("met", "inside_80"):
        frame[column] = frame[column].astype("boolean")
    for column in (
        "brier", "brier_persistence", "brier_base_rate", "base_rate", "pit", "abs_error",
        "abs_error_persistence",
    ):  # fmt: skip
        frame[column] = frame[column].astype(float)
    frame.attrs["table_columns"] = TABLE_COLUMNS
    return frame


def score_ledgers(paths: Iterable[Path | str] = (), dataset: Dataset | None = None) -> pd.DataFrame:
    """`dxmodel ledger score`: the given ledgers (default: every one) against the data folder."""
    paths = list(paths) or ledger_files()
    if not paths:
        raise DataError(
            f"{short_path(ledger_dir())}: no ledger to score; write one with "
            "'dxmodel ledger freeze'"
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
    rated = done[done["brier_base_rate"].notna()]
    base = (
        f"; base rate {rated['brier_base_rate'].mean():.3f} vs model "
        f"{rated['brier'].mean():.3f} on {len(rated)}"
        if len(rated)
        else ""
    )
    placed = [f"{v:.2f}" for v in done["pit"].dropna()]
    pits = f"; PIT {', '.join(placed)}" if placed else ""
    return (
        f"scored {len(done)} of {len(scored)} forecasts: {brier}{base}; "
        f"80% interval held the outcome {hits}/{len(done)}{pits}"
    )


# --- PIT and the base rate -------------------------------------------------------------------
#: The quantiles a ledger stores of each forecast: (level, column).
STORED_QUANTILES = ((0.1, "low_80"), (0.5, "median"), (0.9, "high_80"))


def pit(outcome: float, row: dict) -> tuple[float, str]:
    """The outcome's PIT (the forecast's CDF at it) from the three quantiles a ledger stores,
    interpolated linearly between them, and how it was found. Outside the 80% interval the
    stored quantiles only say "below 0.1" or "above 0.9": no number is made up there. Where
    quantiles tie at the outcome (whole ranks), the middle of the levels they span."""
    levels = [q for q, _ in STORED_QUANTILES]
    values = [float(row[column]) for _, column in STORED_QUANTILES]
    if outcome < values[0]:
        return np.nan, "below the 10th percentile (PIT < 0.1)"
    if outcome > values[-1]:
        return np.nan, "above the 90th percentile (PIT > 0.9)"
    found = []
    for (qa, va), (qb, vb) in itertools.pairwise(zip(levels, values, strict=True)):
        if va <= outcome <= vb:
            found += [qa, qb] if va == vb else [qa + (qb - qa) * (outcome - va) / (vb - va)]
    return (min(found) + max(found)) / 2, "interpolated through the stored 10/50/90th percentiles"


class BaseRates:
    """Each rank target's base rate as it stood when its forecast was frozen: the reference
    class of `core.reference` computed from the editions up to the row's latest observation,
    so a later edition never leaks into the comparison it is scored against."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._tables: dict[int, pd.DataFrame] = {}

    def of(self, r: dict) -> tuple[float, str]:
        """(base rate, the sentence saying what it counts) or (NaN, '') where none applies."""
        latest = r.get("latest_year")
        if r[c.INDICATOR] not in reference.BAND or r[c.COMPARATOR] != "<=" or pd.isna(latest):
            return np.nan, ""
        ahead = (int(r[c.JUDGED_ON_YEAR]) - int(latest)) // reference.STEP
        rate = reference.base_rate(self._ranks(int(latest)), r[c.INDICATOR], int(r[c.VALUE]), ahead)
        if rate is None:
            return np.nan, ""
        return rate.rate, (
            f"{rate.hits} of {rate.cases} countries ranked {rate.low_rank}-{rate.high_rank} in "
            f"an edition ({rate.origins[0]}-{rate.origins[1]}) were in the top "
            f"{int(r[c.VALUE])} {rate.editions} edition(s) later"
        )

    def _ranks(self, upto: int) -> pd.DataFrame:
        if upto not in self._tables:
            h, geos = self.dataset.history, self.dataset.geographies
            sea = tuple(geos.loc[geos["region"] == "South-eastern Asia", c.GEO])
            self._tables[upto] = reference.rank_table(h[h[c.YEAR] <= upto], sea)
        return self._tables[upto]
