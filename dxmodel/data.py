"""Load dxmodel's data tables and check them on the way in.

Every table is read as text and converted column by column, so a bad cell is reported with
its file, line, column and what is allowed, in one line, instead of surfacing later as a
wrong number. Cross-table rules (known indicator, unit, range, source, geography, one value
per series and year) are checked here too: downstream code can trust what it is given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dxmodel import columns as c
from dxmodel.errors import DataError
from dxmodel.paths import data_dir as default_data_dir

YEARS = (1950, 2100)
_CODE = (r"[a-z][a-z0-9_]*", "lower-case letters, digits and '_', starting with a letter")
_GEO = (r"[A-Z]{3}|VN-\d{2}", "an ISO3 country code (VNM) or a province code (VN-01)")
COMPARATORS = (">=", "<=", ">", "<")


@dataclass(frozen=True)
class Field:
    """One column of a table: its kind, whether it may be empty, and what it may hold."""

    name: str
    kind: str = "text"  # text | int | number
    required: bool = True
    pattern: tuple[str, str] | None = None  # (regex, description for the error message)
    allowed: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Table:
    """A CSV table: where it lives under data/, its columns and what makes a row unique."""

    path: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]


SOURCES = Table(
    "sources.csv",
    (
        Field(c.SOURCE, pattern=_CODE),
        Field("publisher"),
        Field("title"),
        Field("url", required=False, pattern=(r"https?://\S+", "an http(s) URL")),
        Field("edition_or_vintage"),
        Field("accessed", required=False, pattern=(r"\d{4}-\d{2}(-\d{2})?", "YYYY-MM[-DD]")),
        Field(c.SERIES, required=False, pattern=_CODE),
        Field(c.NOTE, required=False),
    ),
    key=(c.SOURCE,),
)
INDICATORS = Table(
    "indicators.csv",
    (
        Field(c.INDICATOR, pattern=_CODE),
        Field("label"),  # English; other languages in the gettext catalogs
        Field(c.UNIT),
        Field("min", "number"),
        Field("max", "number"),
        Field("better", allowed=("higher", "lower")),
        Field("description", required=False),
    ),
    key=(c.INDICATOR,),
)
GEOGRAPHIES = Table(
    "geographies.csv",
    (
        Field(c.GEO, pattern=_GEO),
        Field("name"),
        Field("kind", allowed=("country", "non-member economy", "province")),
        Field("region", required=False),
        Field(c.SOURCE, pattern=_CODE),
    ),
    key=(c.GEO,),
)
HISTORY = Table(
    "history/*.csv",
    (
        Field(c.INDICATOR, pattern=_CODE),
        Field(c.GEO, pattern=_GEO),
        Field(c.YEAR, "int"),
        Field(c.VALUE, "number"),
        Field(c.UNIT),
        Field(c.SOURCE, pattern=_CODE),
    ),
    key=c.LONG_KEY,
)
TARGETS = Table(
    "targets.csv",
    (
        Field(c.TARGET, pattern=_CODE),
        Field(c.INDICATOR, pattern=_CODE),
        Field(c.GEO, pattern=_GEO),
        Field(c.YEAR, "int"),
        Field(c.JUDGED_ON_YEAR, "int"),
        Field(c.COMPARATOR, allowed=COMPARATORS),
        Field(c.VALUE, "number"),
        Field(c.UNIT),
        Field(c.SERIES, required=False, pattern=_CODE),
        Field(c.BASIS),
        Field(c.CLAUSE, required=False),
        Field(c.SOURCE, pattern=_CODE),
        Field(c.NOTE, required=False),
    ),
    key=(c.TARGET,),
)
BENCHMARKS = Table(
    "benchmarks.csv",
    (
        Field("benchmark", pattern=_CODE),
        Field(c.INDICATOR, pattern=_CODE),
        Field(c.GEO, pattern=_GEO),
        Field(c.YEAR, "int"),
        Field(c.VALUE, "number"),
        Field(c.UNIT),
        Field(c.SOURCE, pattern=_CODE),
        Field(c.NOTE, required=False),
    ),
    key=("benchmark", c.INDICATOR, c.GEO, c.YEAR),
)

#: The history tables, by topic. Each is read and checked; an unlisted file is an error.
HISTORY_FILES = (
    "cybersecurity", "digital_economy", "dti", "economy", "egdi", "population",
    "public_sector", "training",
)  # fmt: skip

# Book-keeping columns that carry each row's file and line through the cross-table checks.
_FILE, _LINE = "_file", "_line"


@dataclass(frozen=True)
class Dataset:
    """Every table of a data folder, loaded and cross-checked together."""

    sources: pd.DataFrame
    indicators: pd.DataFrame
    geographies: pd.DataFrame
    history: pd.DataFrame
    targets: pd.DataFrame
    benchmarks: pd.DataFrame
    files: pd.DataFrame  # one row per file read: file, table, rows, sources

    def series_of(self, source: str) -> str:
        """The measurement series a source belongs to ('' for legal texts)."""
        return str(self.sources.loc[self.sources[c.SOURCE] == source, c.SERIES].iloc[0])


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Load and check every table under `data_dir` (default: the checkout's data/)."""
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    if not root.is_dir():
        raise DataError(f"{_show(root)}: data folder not found")
    sources = read_table(SOURCES, root / SOURCES.path)
    indicators = read_table(INDICATORS, root / INDICATORS.path)
    _check_indicator_ranges(indicators)
    geographies = read_table(GEOGRAPHIES, root / GEOGRAPHIES.path)
    _check_known(geographies, c.SOURCE, sources[c.SOURCE], "sources.csv")

    unlisted = sorted(
        p.name for p in (root / "history").glob("*.csv") if p.stem not in HISTORY_FILES
    )
    if unlisted:
        raise DataError(
            f"{_show(root / 'history')}: unexpected table {unlisted[0]}; "
            f"known tables: {', '.join(HISTORY_FILES)} (add new ones to data.HISTORY_FILES)"
        )
    parts = [read_table(HISTORY, root / "history" / f"{name}.csv") for name in HISTORY_FILES]
    history = pd.concat(parts, ignore_index=True)
    _check_unique(history, HISTORY.key)
    _check_rows(history, sources, indicators, geographies)
    _check_one_value_per_series(history, sources)

    targets = read_table(TARGETS, root / TARGETS.path)
    _check_rows(targets, sources, indicators, geographies)
    _check_known(targets, c.SERIES, sources[c.SERIES], "the series column of sources.csv")
    late = targets[targets[c.JUDGED_ON_YEAR] > targets[c.YEAR]]
    if len(late):
        row = late.iloc[0]
        raise DataError(
            f"{row[_FILE]} line {row[_LINE]}: judged_on_year {row[c.JUDGED_ON_YEAR]} is after "
            f"the target year {row[c.YEAR]}; it must be the same year or an earlier edition"
        )
    benchmarks = read_table(BENCHMARKS, root / BENCHMARKS.path)
    _check_rows(benchmarks, sources, indicators, geographies)

    tables = {
        "sources": sources,
        "indicators": indicators,
        "geographies": geographies,
        "targets": targets,
        "benchmarks": benchmarks,
    }
    files = _file_summary(
        [*((name, t) for name, t in tables.items()), *(("history", p) for p in parts)]
    )
    return Dataset(
        **{name: _strip(t) for name, t in tables.items()},
        history=_strip(history).sort_values(list(c.LONG_KEY), ignore_index=True),
        files=files,
    )


def load_history(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The observed history: one long table `indicator, geo, year, value, unit, source`."""
    return load_dataset(data_dir).history


def load_targets(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The registry of official targets, one row per commitment with its legal basis."""
    return load_dataset(data_dir).targets


def load_sources(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Every source a row of history or a target names, with its series and caveats."""
    return load_dataset(data_dir).sources


def read_table(table: Table, path: Path) -> pd.DataFrame:
    """Read one CSV file and type its columns; raise DataError naming the first bad cell."""
    where = _show(path)
    if not path.is_file():
        raise DataError(f"{where}: file not found")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"{where}: not a readable CSV table ({str(exc).strip()})") from None
    names = [f.name for f in table.fields]
    missing = [n for n in names if n not in raw.columns]
    extra = [str(n) for n in raw.columns if n not in names]
    if missing or extra:
        what = f"missing column(s) {', '.join(missing)}" if missing else ""
        what += ("; " if missing and extra else "") + (
            f"unexpected column(s) {', '.join(extra)}" if extra else ""
        )
        raise DataError(f"{where}: {what}; expected columns: {', '.join(names)}")
    if raw.empty:
        raise DataError(f"{where}: no rows; the table must not be empty")

    out = pd.DataFrame(index=raw.index)
    lines = raw.index.to_numpy() + 2  # header is line 1
    for f in table.fields:
        out[f.name] = _convert(raw[f.name].str.strip(), f, where, lines)
    out[_FILE], out[_LINE] = where, lines
    _check_unique(out, table.key)
    return out


def _convert(text: pd.Series, f: Field, where: str, lines: np.ndarray) -> pd.Series:
    def fail(mask: Iterable[bool], problem: str) -> None:
        i = int(np.flatnonzero(np.asarray(mask))[0])
        raise DataError(f"{where} line {lines[i]}: {f.name} {text.iloc[i]!r} {problem}")

    empty = text == ""
    if f.required and empty.any():
        i = int(np.flatnonzero(empty.to_numpy())[0])
        raise DataError(f"{where} line {lines[i]}: {f.name} is empty; a value is required")
    if f.kind == "int":
        bad = ~text.str.fullmatch(r"-?\d+")
        if bad.any():
            fail(bad, "is not a whole number")
        values = text.astype("int64")
        if f.name in (c.YEAR, c.JUDGED_ON_YEAR):
            out_of_range = (values < YEARS[0]) | (values > YEARS[1])
            if out_of_range.any():
                fail(out_of_range, f"is outside the years {YEARS[0]}-{YEARS[1]}")
        return values
    if f.kind == "number":
        values = pd.to_numeric(text, errors="coerce").astype("float64")
        bad = ~np.isfinite(values.to_numpy())
        if bad.any():
            fail(bad, "is not a finite number")
        return values
    given = ~empty
    if f.allowed is not None and (given & ~text.isin(f.allowed)).any():
        fail(given & ~text.isin(f.allowed), f"is not one of: {', '.join(f.allowed)}")
    if f.pattern is not None:
        bad = given & ~text.str.fullmatch(f.pattern[0])
        if bad.any():
            fail(bad, f"is not valid: expected {f.pattern[1]}")
    return text.astype(object)


def _check_unique(frame: pd.DataFrame, key: tuple[str, ...]) -> None:
    dup = frame.duplicated(list(key), keep="first")
    if dup.any():
        second = frame[dup].iloc[0]
        first = frame[(frame[list(key)] == second[list(key)]).all(axis=1)].iloc[0]
        earlier = f"line {first[_LINE]}"
        if first[_FILE] != second[_FILE]:
            earlier = f"{first[_FILE]} {earlier}"
        raise DataError(
            f"{second[_FILE]} line {second[_LINE]}: duplicates {earlier} on "
            f"({', '.join(key)}) = ({', '.join(str(second[k]) for k in key)})"
        )


def _check_known(frame: pd.DataFrame, col: str, known: Iterable[str], where_known: str) -> None:
    given = frame[col] != ""
    unknown = given & ~frame[col].isin(set(known))
    if unknown.any():
        row = frame[unknown].iloc[0]
        raise DataError(
            f"{row[_FILE]} line {row[_LINE]}: {col} {row[col]!r} is not listed in {where_known}"
        )


def _check_indicator_ranges(indicators: pd.DataFrame) -> None:
    bad = indicators[indicators["min"] >= indicators["max"]]
    if len(bad):
        row = bad.iloc[0]
        raise DataError(f"{row[_FILE]} line {row[_LINE]}: min must be below max")


def _check_rows(
    frame: pd.DataFrame,
    sources: pd.DataFrame,
    indicators: pd.DataFrame,
    geographies: pd.DataFrame,
) -> None:
    """Indicator, unit, value range, source and geography of each row against the registries."""
    _check_known(frame, c.INDICATOR, indicators[c.INDICATOR], "indicators.csv")
    _check_known(frame, c.SOURCE, sources[c.SOURCE], "sources.csv")
    _check_known(frame, c.GEO, geographies[c.GEO], "geographies.csv")
    spec = indicators.set_index(c.INDICATOR)
    want_unit = frame[c.INDICATOR].map(spec[c.UNIT])
    wrong_unit = frame[c.UNIT] != want_unit
    if wrong_unit.any():
        row = frame[wrong_unit].iloc[0]
        raise DataError(
            f"{row[_FILE]} line {row[_LINE]}: unit {row[c.UNIT]!r} does not match indicator "
            f"{row[c.INDICATOR]!r}, whose unit is {want_unit[wrong_unit].iloc[0]!r}"
        )
    lo, hi = frame[c.INDICATOR].map(spec["min"]), frame[c.INDICATOR].map(spec["max"])
    outside = (frame[c.VALUE] < lo) | (frame[c.VALUE] > hi)
    if outside.any():
        row = frame[outside].iloc[0]
        raise DataError(
            f"{row[_FILE]} line {row[_LINE]}: value {row[c.VALUE]:g} is outside the range of "
            f"{row[c.INDICATOR]!r} ({lo[outside].iloc[0]:g} to {hi[outside].iloc[0]:g})"
        )


def _check_one_value_per_series(history: pd.DataFrame, sources: pd.DataFrame) -> None:
    """A series may be quoted by several sources, but never with two values for one year."""
    series = history[c.SOURCE].map(sources.set_index(c.SOURCE)[c.SERIES])
    unnamed = series == ""
    if unnamed.any():
        row = history[unnamed].iloc[0]
        raise DataError(
            f"{row[_FILE]} line {row[_LINE]}: source {row[c.SOURCE]!r} has no series in "
            "sources.csv; every observed row needs one"
        )
    keyed = history.assign(**{c.SERIES: series})
    _check_unique(keyed, (c.INDICATOR, c.GEO, c.YEAR, c.SERIES))


def _file_summary(tables: list[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    rows = []
    for name, frame in tables:
        for where, part in frame.groupby(_FILE, sort=False):
            srcs = part[c.SOURCE].unique() if c.SOURCE in part and name != "sources" else []
            rows.append(
                {
                    "file": where,
                    "table": name,
                    "rows": len(part),
                    "sources": ", ".join(sorted(srcs)),
                }
            )
    return pd.DataFrame(rows)


def _strip(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=[_FILE, _LINE]).reset_index(drop=True)


def _show(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
