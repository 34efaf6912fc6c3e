"""Reading a frozen ledger back: its columns, its hash, and every cell one a freeze could write.

Anyone can re-seal an edited file (`sha256sum` is all it takes), so the hash proves only that
nothing changed by accident; `read_ledger` also checks that every cell is one a freeze could
have written (probabilities in [0, 1], known comparators, plausible years, ordered intervals,
persistence as the data said) and, when scoring, that the data knows every target and series.
A freeze checks its own rows the same way (`checked`), so what is frozen can be scored.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path

import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core.comparators import COMPARATORS, meets
from dxmodel.core.data import Dataset
from dxmodel.core.scenario import NAME_PATTERN
from dxmodel.util import sealed
from dxmodel.util.errors import DataError, short_path, short_repr

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
#: What each numeric cell may hold: (required, low, high, what is allowed). Years are those a
#: target, an observation or a freeze can plausibly have; draws and seed as the levers allow.
_YEAR = (1900, 2200, "a whole year from 1900 to 2200")
_FINITE = (-math.inf, math.inf, "a finite number")
_PROBABILITY = (0.0, 1.0, "a probability, a finite number from 0 to 1")
_CELLS = {
    "value": (True, *_FINITE),
    "p_meet": (True, *_PROBABILITY),
    "median": (True, *_FINITE),
    "low_80": (True, *_FINITE),
    "high_80": (True, *_FINITE),
    "latest_observed": (False, *_FINITE),
    "p_persistence": (False, *_PROBABILITY),
    "year": (True, *_YEAR),
    "judged_on_year": (True, *_YEAR),
    "latest_year": (False, *_YEAR),
    "as_of": (True, *_YEAR),
    "draws": (True, 1, 10**7, "a whole number of draws from 1 to 10,000,000"),
    "seed": (True, 0, 2**63 - 1, "a whole number from 0 to 2**63 - 1"),
}
P_BASES = ("model", "assumptions")  # what a projection's `basis` may be


def read_ledger(path: Path | str, dataset: Dataset | None = None) -> pd.DataFrame:
    """A frozen ledger, after checking its bytes against the hash written when it was frozen
    and every cell against what a freeze writes; with `dataset`, every target, indicator,
    geography and series must be one it knows, and every number inside its indicator's range.

    Rows are counted as in a spreadsheet (the header is row 1), so a message's row is the
    line to look at.
    """
    path = Path(path)
    where = short_path(path)
    try:
        if not path.is_file():
            raise DataError(f"{where}: ledger not found")
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)  # never more, whatever its size
    except OSError as exc:
        raise DataError(f"{where}: cannot be read ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise DataError(f"{where}: too big for a ledger (at most {MAX_BYTES:,} bytes)")
    recorded = _recorded_hash(path)
    actual = sealed.sha256(raw)
    if actual != recorded:
        raise DataError(
            f"ledger {where} was edited after it was frozen: sha256 {actual[:12]} != "
            f"{recorded[:12]} recorded in {sealed.hash_path(path).name}"
        )
    try:
        frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        message = " ".join(str(exc).split())[:200]
        raise DataError(f"{where}: not a readable ledger CSV ({message})") from None
    missing = [k for k in LEDGER_COLUMNS if k not in frame.columns]
    if missing:
        raise DataError(f"{where}: missing column(s) {', '.join(missing)}; not a dxmodel ledger")
    if frame.empty:
        raise DataError(f"{where}: no forecast in it; a freeze writes at least one row")
    return checked(frame, where, dataset)


def _recorded_hash(path: Path) -> str:
    """The hash in `<ledger>.sha256` (`sealed.recorded_hash`), refusals in a ledger's words."""
    try:
        return sealed.recorded_hash(path)
    except sealed.Unsealed:
        raise DataError(
            f"{short_path(path)}: no {sealed.hash_path(path).name} beside it; a ledger is only "
            "read with the hash written when it was frozen"
        ) from None
    except sealed.SealError as exc:
        raise DataError(str(exc)) from None


def checked(frame: pd.DataFrame, where: str, dataset: Dataset | None = None) -> pd.DataFrame:
    """The ledger's cells parsed, each one refused in one line unless a freeze could have
    written it."""
    known = _known(dataset) if dataset is not None else None
    numbers: dict[str, list] = {k: [] for k in _CELLS}
    seen: dict[str, int] = {}
    for i, record in enumerate(frame.to_dict("records")):
        row = i + 2  # the header is row 1

        def refuse(column: str, problem: str, _row: int = row, _rec: dict = record) -> DataError:
            target = short_repr(_rec[c.TARGET], 40)
            return DataError(f"{where}: row {_row} (target {target}), column {column}: {problem}")

        cells = {k: _cell(record[k], k, refuse) for k in _CELLS}
        for k, v in cells.items():
            numbers[k].append(v)
        _check_row(record, cells, refuse, seen, row)
        if known is not None:
            _check_known_row(record, cells, refuse, known)
    out = frame.copy()
    for column in _NUMBERS:
        out[column] = pd.array(numbers[column], dtype="float64")
    for column in _WHOLE:
        out[column] = pd.array(numbers[column], dtype="Int64")
    return out


def _cell(text: str, column: str, refuse) -> float | int | None:
    """One numeric cell parsed and range-checked; None (missing) only where allowed."""
    required, low, high, allowed = _CELLS[column]
    text = text.strip()
    if not text:
        if required:
            raise refuse(column, f"empty; allowed: {allowed}")
        return None
    whole = column in _WHOLE
    try:
        number: float | int = int(text) if whole else float(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            raise refuse(
                column, f"{short_repr(text)} is not a number; allowed: {allowed}"
            ) from None
    if isinstance(number, float):
        if not math.isfinite(number) or (whole and not number.is_integer()):
            raise refuse(column, f"{short_repr(text)} is not allowed; allowed: {allowed}")
        number = int(number) if whole else number
    if not low <= number <= high:
        raise refuse(column, f"{short_repr(text)} is out of range; allowed: {allowed}")
    return number


def _check_row(record: dict, cells: dict, refuse, seen: dict[str, int], row: int) -> None:
    """What one row must say whatever the data: its words, its interval, its persistence."""
    for column in (c.TARGET, c.INDICATOR, c.GEO):
        if not record[column].strip():
            raise refuse(column, "empty; every forecast names its target, indicator and geo")
    if record[c.TARGET] in seen:
        raise refuse(c.TARGET, f"the target is already forecast in row {seen[record[c.TARGET]]}")
    seen[record[c.TARGET]] = row
    comparator = record[c.COMPARATOR]
    if comparator not in COMPARATORS:
        raise refuse(
            c.COMPARATOR,
            f"{short_repr(comparator)} is not allowed; allowed: {', '.join(COMPARATORS)}",
        )
    if record["p_basis"] not in P_BASES:
        raise refuse(
            "p_basis",
            f"{short_repr(record['p_basis'])} is not allowed; allowed: {', '.join(P_BASES)}",
        )
    if not NAME_PATTERN.fullmatch(record["scenario"]):
        raise refuse("scenario", f"{short_repr(record['scenario'])} is not a scenario name")
    try:
        dt.date.fromisoformat(record["frozen_on"])
    except ValueError:
        raise refuse(
            "frozen_on", f"{short_repr(record['frozen_on'])} is not a date (YYYY-MM-DD)"
        ) from None
    if cells[c.JUDGED_ON_YEAR] > cells[c.YEAR]:
        raise refuse(
            c.JUDGED_ON_YEAR,
            f"{cells[c.JUDGED_ON_YEAR]} is after the target's year {cells[c.YEAR]}; "
            "a target is judged on its year or before",
        )
    low, median, high = cells["low_80"], cells["median"], cells["high_80"]
    if not low <= median <= high:
        raise refuse(
            "low_80" if low > high else "median",
            f"low_80 {low:g}, median {median:g}, high_80 {high:g}: the 80% interval must be "
            "ordered (low_80 <= high_80) with the median inside",
        )
    latest, latest_year, persistence = (
        cells["latest_observed"],
        cells["latest_year"],
        cells["p_persistence"],
    )
    if (latest is None) != (latest_year is None):
        raise refuse(
            "latest_year" if latest_year is None else "latest_observed",
            "latest_observed and latest_year are both set or both empty",
        )
    says = None if latest is None else float(meets(latest, comparator, cells[c.VALUE]))
    if persistence != says:
        allowed = "empty" if says is None else f"{says:g}"
        raise refuse(
            "p_persistence",
            f"{short_repr(record['p_persistence'])} is not what persistence says; allowed: "
            f"{allowed} (latest_observed {short_repr(record['latest_observed'])} "
            f"{comparator} {record[c.VALUE]})",
        )


def _known(dataset: Dataset) -> dict:
    ranges = dataset.indicators.set_index(c.INDICATOR)[["min", "max"]].astype(float)
    return {
        c.TARGET: set(dataset.targets[c.TARGET]),
        c.INDICATOR: ranges.to_dict("index"),
        c.GEO: set(dataset.geographies[c.GEO]),
        c.SERIES: {s for s in dataset.sources[c.SERIES] if isinstance(s, str) and s},
    }


def _check_known_row(record: dict, cells: dict, refuse, known: dict) -> None:
    """A row the data can score: its target, indicator, geography and series are the data's,
    and its numbers lie inside its indicator's range."""
    for column, what in (
        (c.TARGET, "targets.csv"),
        (c.INDICATOR, "indicators.csv"),
        (c.GEO, "geographies.csv"),
    ):
        if record[column] not in known[column]:
            raise refuse(column, f"{short_repr(record[column])} is not in the data's {what}")
    if record[c.SERIES] and record[c.SERIES] not in known[c.SERIES]:
        raise refuse(
            c.SERIES, f"{short_repr(record[c.SERIES])} is not a series of the data's sources.csv"
        )
    bounds = known[c.INDICATOR][record[c.INDICATOR]]
    low, high = bounds["min"], bounds["max"]
    for column in ("value", "median", "low_80", "high_80", "latest_observed"):
        number = cells[column]
        if number is not None and not low <= number <= high:
            raise refuse(
                column,
                f"{number:g} is outside {record[c.INDICATOR]}'s range; allowed: "
                f"{low:g} to {high:g} (indicators.csv)",
            )
