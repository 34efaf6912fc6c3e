"""Load dxmodel's data tables and check them on the way in.

Every table is read as text and converted column by column, so a bad cell is reported with
its file, line, column and what is allowed, in one line, instead of surfacing later as a
wrong number. Cross-table rules (known indicator, unit, range, source, geography, one value
per series and year) are checked here too: downstream code can trust what it is given.

So are the rules of the UN E-Government Survey that every ranking and base rate rests on
(`_check_survey_editions`): each edition holds EGDI and rank for exactly the UN member states
of its year, each published rank follows from the scores (1 + countries with a higher EGDI),
and each South-eastern Asian country has its rank among them. An edition that lacks countries
would otherwise rank the rest too high, silently.

Time is checked too: an observation dated after `today()` is refused (only the published
projection series of PROJECTION_SERIES run ahead), and so is a registry without a target
that code names (KEY_TARGETS).
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import os
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core.comparators import COMPARATORS
from dxmodel.util.errors import DataError, short_path, short_repr
from dxmodel.util.paths import data_dir as default_data_dir

YEARS = (1950, 2100)
_CODE = (r"[a-z][a-z0-9_]*", "lower-case letters, digits and '_', starting with a letter")
_GEO = (r"[A-Z]{3}|VN-\d{2}", "an ISO3 country code (VNM) or a province code (VN-01)")

#: The UN E-Government Survey: the series of its editions, what every member state has in each,
#: and the region whose own ranks are derived from it (source dxmodel_egdi_sea_rank).
SURVEY_SERIES = "undesa_egov"
SURVEY_INDICATORS = ("egdi", "egdi_rank")
SEA_RANK, SEA = "egdi_rank_sea", "South-eastern Asia"
#: Member states admitted since the first survey (2003), with the year; an edition before it
#: has no row for them: Montenegro (28 June 2006), South Sudan (14 July 2011). Every other
#: country of geographies.csv (kind "country") is in every edition.
UN_ADMISSIONS = {"MNE": 2006, "SSD": 2011}

#: Series that are published projections, not observations: the only history rows whose year
#: may lie after today (the UN's medium-variant working-age population, which the skills model
#: reads to 2030). Any other projection belongs in benchmarks.csv.
PROJECTION_SERIES = ("unwpp2024_medium",)

#: Targets the code names by id, so targets.csv must hold them: the key targets summarised
#: first (the explorer's cards, the reports' tornado charts, the sweep's headline).
KEY_TARGETS = (
    "de_share_2030_d749",
    "egdi_top50_2026_mic",
    "egdi_top50_2030_d749",
    "online_skills_90_2030_d146",
    "digital_graduates_20000_2030_d146",
    "stem_schools_80_2030_d146",
)


def today() -> dt.date:
    """Today's date: no observation may come after it. One function, so tests can set it."""
    return dt.date.today()


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
        Field(c.COMPARATOR, allowed=tuple(COMPARATORS)),
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

#: The levels of dti_published.csv beside the 63 former provinces (whose ranks are history).
DTI_LEVELS = ("ministry_no_public_service", "ministry_public_service", "province_34")
DTI_LEVELS_TABLE = Table(
    "dti_published.csv",
    (
        Field(c.YEAR, "int"),
        Field("level", allowed=DTI_LEVELS),
        Field("rank", "int"),
        Field("name"),
        Field("score", "number", required=False),  # some ranks were published without one
        Field(c.SOURCE, pattern=_CODE),
    ),
    key=(c.YEAR, "level", "name"),
)
#: The sourced part of the 63-to-34 province merger: each former province in one new one.
DTI_CROSSWALK = Table(
    "dti_crosswalk.csv",
    (
        Field("province_34"),
        Field("former_geo", pattern=(r"VN-\d{2}", "a province code (VN-01)")),
        Field("former_name"),
        Field(c.SOURCE, pattern=_CODE),
        Field(c.NOTE, required=False),
    ),
    key=("former_geo",),
)
#: Every country name as the UN spells it across editions (written by tools/build_data.py).
GEOGRAPHY_NAMES = Table(
    "geography_names.csv",
    (
        Field("name"),
        Field(c.GEO, pattern=(r"[A-Z]{3}", "an ISO3 country code (VNM)")),
        Field(c.SOURCE, pattern=_CODE),
    ),
    key=("name",),
)

#: The history tables, by topic. Each is read and checked; an unlisted file is an error.
HISTORY_FILES = (
    "cybersecurity", "digital_economy", "dti", "economy", "egdi", "population",
    "online_services", "public_sector", "training",
)  # fmt: skip

# Names in data check's listing no wider than "geographies", so its sources keep 80 columns.
_LABELS = {"dti_levels": "dti", "dti_crosswalk": "dti", "geography_names": "un_names"}

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
    dti_levels: pd.DataFrame  # year, level, rank, name, score (NaN: none published), source
    dti_crosswalk: pd.DataFrame  # province_34, former_geo, former_name, source, note
    geography_names: pd.DataFrame  # name (as the UN spells it), geo, source
    files: pd.DataFrame  # one row per file read: file, table, rows, sources
    origin: pd.DataFrame | None = None  # file and line of each history row, by LONG_KEY

    def series_of(self, source: str) -> str:
        """The measurement series a source belongs to ('' for legal texts)."""
        return str(self.sources.loc[self.sources[c.SOURCE] == source, c.SERIES].iloc[0])

    def location(self, rows: pd.DataFrame) -> str:
        """Where `rows` of history were read, for a message: "<file> line <n>" for one row, the
        file(s) for several, "history" when unknown (rows found by their key, so a filtered or
        re-indexed copy of the history is located as well)."""
        found = self._origin_of(rows)
        if found is None:
            return "history"
        if len(found) == 1:
            return f"{found['file'].iloc[0]} line {found['line'].iloc[0]}"
        return " and ".join(dict.fromkeys(found["file"]))

    def files_of(self, rows: pd.DataFrame) -> list[str]:
        """The file(s) `rows` of history were read from, in order; [] when unknown."""
        found = self._origin_of(rows)
        return [] if found is None else list(dict.fromkeys(found["file"]))

    def _origin_of(self, rows: pd.DataFrame) -> pd.DataFrame | None:
        if self.origin is None or rows.empty:
            return None
        keys = pd.MultiIndex.from_frame(rows[list(c.LONG_KEY)])
        return self.origin.loc[keys] if keys.isin(self.origin.index).all() else None


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Load and check every table under `data_dir` (default: the checkout's data/)."""
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    _check_path(root, "data folder")
    sources = read_table(SOURCES, root / SOURCES.path)
    _check_accessed(sources)
    indicators = read_table(INDICATORS, root / INDICATORS.path)
    _check_indicator_ranges(indicators)
    geographies = read_table(GEOGRAPHIES, root / GEOGRAPHIES.path)
    _check_known(geographies, c.SOURCE, sources[c.SOURCE], "sources.csv")

    _check_path(root / "history", "folder")
    found = sorted((root / "history").glob("*.csv"))
    for path in found:  # a loop or a folder named *.csv is refused as what it is
        _check_path(path, "file")
    unlisted = [p.name for p in found if p.stem not in HISTORY_FILES]
    if unlisted:
        raise DataError(
            f"{_show(root / 'history')}: unexpected table {unlisted[0]}; "
            f"known tables: {', '.join(HISTORY_FILES)} (add new ones to data.HISTORY_FILES)"
        )
    parts = [read_table(HISTORY, root / "history" / f"{name}.csv") for name in HISTORY_FILES]
    history = pd.concat(parts, ignore_index=True)
    _check_unique(history, HISTORY.key)
    _check_rows(history, sources, indicators, geographies)
    _check_not_future(history, sources)
    _check_one_value_per_series(history, sources)
    _check_survey_editions(history, sources, geographies)

    targets = read_table(TARGETS, root / TARGETS.path)
    _check_rows(targets, sources, indicators, geographies)
    _check_known(targets, c.SERIES, sources[c.SERIES], "the series column of sources.csv")
    _check_key_targets(targets, root / TARGETS.path)
    _check_targets_observable(targets, history, sources)
    late = targets[targets[c.JUDGED_ON_YEAR] > targets[c.YEAR]]
    if len(late):
        row = late.iloc[0]
        raise DataError(
            f"{row[_FILE]} line {row[_LINE]}: judged_on_year {row[c.JUDGED_ON_YEAR]} is after "
            f"the target year {row[c.YEAR]}; it must be the same year or an earlier edition"
        )
    benchmarks = read_table(BENCHMARKS, root / BENCHMARKS.path)
    _check_rows(benchmarks, sources, indicators, geographies)
    dti_levels = read_table(DTI_LEVELS_TABLE, root / DTI_LEVELS_TABLE.path)
    _check_known(dti_levels, c.SOURCE, sources[c.SOURCE], "sources.csv")
    _check_between(dti_levels, "rank", 1)
    _check_between(dti_levels, "score", 0, 1)
    dti_crosswalk = read_table(DTI_CROSSWALK, root / DTI_CROSSWALK.path)
    _check_known(dti_crosswalk, c.SOURCE, sources[c.SOURCE], "sources.csv")
    _check_known(dti_crosswalk, "former_geo", geographies[c.GEO], "geographies.csv")
    geography_names = read_table(GEOGRAPHY_NAMES, root / GEOGRAPHY_NAMES.path)
    _check_geography_names(geography_names, sources, geographies)

    tables = {
        "sources": sources,
        "indicators": indicators,
        "geographies": geographies,
        "targets": targets,
        "benchmarks": benchmarks,
        "dti_levels": dti_levels,
        "dti_crosswalk": dti_crosswalk,
        "geography_names": geography_names,
    }
    files = _file_summary(
        [*((_LABELS.get(name, name), t) for name, t in tables.items())]
        + [("history", p) for p in parts]
    )
    history = history.sort_values(list(c.LONG_KEY), ignore_index=True)
    return Dataset(
        **{name: _strip(t) for name, t in tables.items()},
        history=_strip(history),
        files=files,
        origin=history.set_index(list(c.LONG_KEY))[[_FILE, _LINE]].set_axis(
            ["file", "line"], axis=1
        ),
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
    _check_path(path, "file")
    names = [f.name for f in table.fields]
    header, records, lines = _read_csv(path, where, names)
    columns = list(zip(*records, strict=True)) or [() for _ in header]
    raw = pd.DataFrame(
        {n: np.array(col, dtype=object) for n, col in zip(header, columns, strict=True)}
    )
    if raw.empty:
        raise DataError(f"{where}: no rows; the table must not be empty")

    out = pd.DataFrame(index=raw.index)
    for f in table.fields:
        out[f.name] = _convert(raw[f.name].str.strip(), f, where, lines)
    out[_FILE], out[_LINE] = where, lines
    _check_unique(out, table.key)
    return out


def _check_header(header: list[str], names: list[str], where: str) -> None:
    """The header names each column once, and only the table's columns."""
    twice = sorted({n for n in header if header.count(n) > 1})
    if twice:
        raise DataError(
            f"{where}: column {short_repr(twice[0])} appears twice in the header; expected "
            f"columns: {', '.join(names)}"
        )
    missing = [n for n in names if n not in header]
    extra = [n for n in header if n not in names]
    if missing or extra:
        what = f"missing column(s) {some(missing)}" if missing else ""
        what += ("; " if missing and extra else "") + (
            f"unexpected column(s) {some(extra)}" if extra else ""
        )
        raise DataError(f"{where}: {what}; expected columns: {', '.join(names)}")


def _read_csv(path: Path, where: str, names: list[str]) -> tuple[list, list, np.ndarray]:
    """The header, the records and each record's line in the file (blank lines skipped, a
    quoted field may span lines), every record as wide as the header."""
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise DataError(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise DataError(f"{where}: cannot be read ({exc.strerror or exc})") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, lines, header = [], [], None
    try:
        first = 1
        for record in reader:
            if record and header is None:
                header = record
                _check_header(header, names, where)
            elif record:
                if len(record) != len(header):
                    raise DataError(
                        f"{where} line {first}: {len(record)} field(s) where the header has "
                        f"{len(header)}; each row needs one per column ({', '.join(names)})"
                    )
                records.append(record)
                lines.append(first)
            first = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(
            f"{where} line {reader.line_num}: not a readable CSV table ({exc})"
        ) from None
    if header is None:
        raise DataError(f"{where}: no header line; expected columns: {', '.join(names)}")
    return header, records, np.asarray(lines, dtype=np.int64)


def _convert(text: pd.Series, f: Field, where: str, lines: np.ndarray) -> pd.Series:
    def fail(mask: Iterable[bool], problem: str) -> None:
        i = int(np.flatnonzero(np.asarray(mask))[0])
        raise DataError(f"{where} line {lines[i]}: {f.name} {short_repr(text.iloc[i])} {problem}")

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
        bad = ~np.isfinite(values.to_numpy()) & ~empty.to_numpy()  # an optional empty is NaN
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


def _check_path(path: Path, kind: str) -> None:
    """`path` is a readable `kind` ("file", else a folder): one line naming it if it is a
    symbolic link loop, a broken link, missing, or the wrong kind of thing."""
    where = _show(path)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise DataError(
                f"{where}: is a symbolic link loop (it leads back to itself); replace it with "
                f"the {kind} itself"
            ) from None
        if exc.errno == errno.ENOENT and path.is_symlink():
            raise DataError(
                f"{where}: is a symbolic link to {short_path(os.readlink(path))}, which does "
                f"not exist; the {kind} must be there"
            ) from None
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise DataError(f"{where}: {kind} not found") from None
        raise DataError(f"{where}: cannot be read ({exc.strerror or exc})") from None
    if kind == "file" and not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise DataError(f"{where}: is {what}; a CSV table must be a file")
    if kind != "file" and not stat.S_ISDIR(mode):
        raise DataError(f"{where}: is not a folder; the {kind} must be one")


def _check_accessed(sources: pd.DataFrame) -> None:
    """Each source's access date is a real date (YYYY-MM or YYYY-MM-DD), not after today."""
    now = today()
    for row in sources[sources["accessed"] != ""].to_dict("records"):
        text = row["accessed"]
        try:
            day = dt.date.fromisoformat(text if len(text) > 7 else f"{text}-01")
        except ValueError:
            raise DataError(
                f"{row[_FILE]} line {row[_LINE]}: accessed {short_repr(text)} is not a date; "
                "expected YYYY-MM or YYYY-MM-DD"
            ) from None
        shown = now.isoformat()[: len(text)]  # a month is after today only from the next month
        if day.isoformat()[: len(text)] > shown:
            raise DataError(
                f"{row[_FILE]} line {row[_LINE]}: accessed {short_repr(text)} is after today "
                f"({now.isoformat()}); a source cannot have been read in the future"
            )


def _check_not_future(history: pd.DataFrame, sources: pd.DataFrame) -> None:
    """No observation is of a year after today's; the projection series may run ahead."""
    now = today()
    series = history[c.SOURCE].map(sources.set_index(c.SOURCE)[c.SERIES])
    future = (history[c.YEAR] > now.year) & ~series.isin(PROJECTION_SERIES)
    if future.any():
        row = history[future].iloc[0]
        later = int(future.sum()) - 1
        raise DataError(
            f"{row[_FILE]} line {row[_LINE]}: year {row[c.YEAR]} is after today "
            f"({now.isoformat()}): {row[c.INDICATOR]} for {row[c.GEO]} from source "
            f"{short_repr(row[c.SOURCE])} cannot have been observed yet"
            + (f" ({later} more such row(s))" if later else "")
            + "; only the projection series "
            f"{', '.join(PROJECTION_SERIES)} may run ahead (published projections belong in "
            "benchmarks.csv)"
        )


def _check_key_targets(targets: pd.DataFrame, path: Path) -> None:
    """Every target the code names by id (KEY_TARGETS) is in the registry: without it the
    explorer, the reports and the sweeps would silently leave it out."""
    missing = [t for t in KEY_TARGETS if t not in set(targets[c.TARGET])]
    if missing:
        raise DataError(
            f"{_show(path)}: no target {', '.join(short_repr(t) for t in missing)}; the code "
            "names it among the key targets (KEY_TARGETS in dxmodel/core/data.py, summarised by "
            "the explorer, the reports and the sweeps): restore its row"
        )


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
            f"{row[_FILE]} line {row[_LINE]}: {col} {short_repr(row[col])} is not listed in "
            f"{where_known}"
        )


def _check_between(frame: pd.DataFrame, col: str, low: float, high: float | None = None) -> None:
    """Each given value of `col` lies in [low, high] (no upper bound without `high`)."""
    values = frame[col]
    outside = (values < low) | (values > high if high is not None else False)
    if outside.any():
        row = frame[outside].iloc[0]
        allowed = f"{low:g} to {high:g}" if high is not None else f"{low:g} or more"
        raise DataError(f"{row[_FILE]} line {row[_LINE]}: {col} {row[col]:g} is outside {allowed}")


def _check_geography_names(
    names: pd.DataFrame, sources: pd.DataFrame, geographies: pd.DataFrame
) -> None:
    """Each UN spelling names a member state, once as compared (composed Unicode), so an
    imported edition maps every country and no name two ways."""
    _check_known(names, c.SOURCE, sources[c.SOURCE], "sources.csv")
    members = set(member_states(geographies))
    stray = names[~names[c.GEO].isin(members)]
    if len(stray):
        row = stray.iloc[0]
        raise DataError(
            f"{row[_FILE]} line {row[_LINE]}: {c.GEO} {short_repr(row[c.GEO])} is not a "
            "member state of geographies.csv (kind 'country')"
        )
    _check_unique(names.assign(name=names["name"].map(nfc)), ("name",))


def nfc(name: str) -> str:
    """A name as compared: composed Unicode (a download may decompose 'Türkiye')."""
    return unicodedata.normalize("NFC", name)


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
            f"{row[_FILE]} line {row[_LINE]}: unit {short_repr(row[c.UNIT])} does not match "
            f"indicator {short_repr(row[c.INDICATOR])}, whose unit is "
            f"{short_repr(want_unit[wrong_unit].iloc[0])}"
        )
    lo, hi = frame[c.INDICATOR].map(spec["min"]), frame[c.INDICATOR].map(spec["max"])
    outside = (frame[c.VALUE] < lo) | (frame[c.VALUE] > hi)
    if outside.any():
        row = frame[outside].iloc[0]
        raise DataError(
            f"{row[_FILE]} line {row[_LINE]}: value {row[c.VALUE]:g} is outside the range of "
            f"{short_repr(row[c.INDICATOR])} ({lo[outside].iloc[0]:g} to {hi[outside].iloc[0]:g})"
        )


def _check_one_value_per_series(history: pd.DataFrame, sources: pd.DataFrame) -> None:
    """A series may be quoted by several sources, but never with two values for one year."""
    series = history[c.SOURCE].map(sources.set_index(c.SOURCE)[c.SERIES])
    unnamed = series == ""
    if unnamed.any():
        row = history[unnamed].iloc[0]
        raise DataError(
            f"{row[_FILE]} line {row[_LINE]}: source {short_repr(row[c.SOURCE])} has no series in "
            "sources.csv; every observed row needs one"
        )
    keyed = history.assign(**{c.SERIES: series})
    _check_unique(keyed, (c.INDICATOR, c.GEO, c.YEAR, c.SERIES))


def member_states(geographies: pd.DataFrame) -> tuple[str, ...]:
    """The UN member states today: geographies.csv's countries (kind "country")."""
    return tuple(sorted(geographies.loc[geographies["kind"] == "country", c.GEO]))


def members_in(members: Iterable[str], year: int) -> set[str]:
    """Those of `members` that were UN member states in `year` (see UN_ADMISSIONS)."""
    return {geo for geo in members if UN_ADMISSIONS.get(geo, year) <= year}


def some(names: Iterable[str], shown: int = 5) -> str:
    """'A, B, C, D, E and 35 more': a list that keeps an error message to one short line."""
    names = list(names)
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def rank_bounds(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per score, the ranks it may publish: 1 + the scores above it, to the scores at or above.

    The two are equal unless scores tie; a published rank may break a tie (2020: four ties hidden
    by 4-decimal scores) but never place a country above one with a higher score.
    """
    above = (scores[None, :] > scores[:, None]).sum(axis=1)
    at_or_above = (scores[None, :] >= scores[:, None]).sum(axis=1)
    return 1 + above, at_or_above


def rank_conflict(geos, scores, ranks, year: int) -> tuple[int, str] | None:
    """The first country whose published EGDI rank does not follow from the scores, and why.

    Returns (its position, what is wrong and what is allowed) or None; callers say where.
    """
    scores, ranks = np.asarray(scores, dtype=float), np.asarray(ranks, dtype=float)
    low, high = rank_bounds(scores)
    bad = np.flatnonzero((ranks < low) | (ranks > high))
    if bad.size == 0:
        return None
    off = np.maximum(low - ranks, ranks - high)  # how far each rank is from its scores
    # the furthest first (one moved score names its own country), then the best placed
    i = int(bad[np.lexsort((ranks[bad], -off[bad]))[0]])
    allowed = f"{low[i]}" if low[i] == high[i] else f"{low[i]}-{high[i]} (tied scores)"
    others = f"; {bad.size - 1} other rank(s) disagree too" if bad.size > 1 else ""
    return i, (
        f"{geos[i]}'s egdi_rank {ranks[i]:g} in the {year} edition does not follow from the "
        f"EGDI scores: {low[i] - 1} of {len(scores)} countries score above its {scores[i]:g}, so "
        f"its rank must be {allowed} (1 + countries with a higher EGDI){others}"
    )


def _check_survey_editions(
    history: pd.DataFrame, sources: pd.DataFrame, geographies: pd.DataFrame
) -> None:
    """Each UN EGDI edition: the member states of its year, each with EGDI and a rank that
    follows from the scores, and each South-eastern Asian country with its rank among them."""
    series = history[c.SOURCE].map(sources.set_index(c.SOURCE)[c.SERIES])
    survey = history[(series == SURVEY_SERIES).to_numpy()]
    if survey.empty:
        return  # the ranking model says what it misses
    members = member_states(geographies)
    sea = set(geographies.loc[geographies["region"] == SEA, c.GEO])
    scored = survey[survey[c.INDICATOR].isin(SURVEY_INDICATORS)]
    stray = survey[~survey[c.YEAR].isin(set(scored[c.YEAR]))]
    if len(stray):
        row = stray.iloc[0]
        raise DataError(
            f"{row[_FILE]} line {row[_LINE]}: {row[c.INDICATOR]} for {row[c.YEAR]}, a year with "
            f"no UN EGDI edition; survey rows need the edition's {' and '.join(SURVEY_INDICATORS)}"
        )
    outsiders = scored[
        ~scored[c.GEO].isin(members)
        | (scored[c.GEO].map(UN_ADMISSIONS).fillna(0).to_numpy() > scored[c.YEAR].to_numpy())
    ]
    if len(outsiders):
        row = outsiders.iloc[0]
        raise DataError(
            f"{row[_FILE]} line {row[_LINE]}: {row[c.GEO]} was not a UN member state in "
            f"{row[c.YEAR]}; an EGDI edition ranks the member states of its year (geographies.csv "
            "kind 'country', admitted by then: data.UN_ADMISSIONS)"
        )
    wanted = [*SURVEY_INDICATORS, SEA_RANK]
    wide = survey[survey[c.INDICATOR].isin(wanted)].pivot(
        index=[c.YEAR, c.GEO], columns=c.INDICATOR, values=c.VALUE
    )
    wide = wide.reindex(columns=wanted)
    for year, edition in wide.groupby(level=c.YEAR):
        edition = edition.droplevel(c.YEAR)
        where = scored.loc[scored[c.YEAR] == year, _FILE].iloc[0]
        expected = members_in(members, int(year))
        have = edition.index[edition[list(SURVEY_INDICATORS)].notna().any(axis=1)]
        missing = sorted(expected - set(have))
        if missing:
            never = not set(missing) & set(scored[c.GEO])  # in no edition: admitted lately?
            raise DataError(
                f"{where}: the {year} UN EGDI edition has {len(have)} countries, not the "
                f"{len(expected)} UN member states of {year} (no row for {some(missing)}); "
                + (
                    f"it is in no edition: if admitted after {year}, list it in data.UN_ADMISSIONS"
                    if never
                    else "an edition must be complete: add all of it or none"
                )
            )
        edition = edition.loc[have]
        lacking = edition[list(SURVEY_INDICATORS)].isna()
        if lacking.any(axis=None):
            geo = edition.index[lacking.any(axis=1)][0]
            indicator = lacking.columns[lacking.loc[geo]][0]
            raise DataError(
                f"{where}: {geo} has no {indicator} in the {year} UN EGDI edition; every member "
                f"state needs {' and '.join(SURVEY_INDICATORS)}"
            )
        scores = edition["egdi"].to_numpy()
        conflict = rank_conflict(edition.index, scores, edition["egdi_rank"], int(year))
        if conflict is not None:
            i, why = conflict
            raise DataError(f"{_line_of(scored, year, edition.index[i], 'egdi_rank')}: {why}")
        region = np.isin(edition.index, list(sea))
        if not region.any():
            continue
        given = edition[SEA_RANK].to_numpy()[region]
        geos = edition.index[region]
        if np.isnan(given).any():
            raise DataError(
                f"{where}: the {year} UN EGDI edition has no {SEA_RANK} for "
                f"{some(geos[np.isnan(given)])}; every country of {SEA} needs its rank among the "
                f"{region.sum()} (make data computes them)"
            )
        own = scores[region]
        should = 1 + (own[None, :] > own[:, None]).sum(axis=1)
        bad = np.flatnonzero(given != should)
        if bad.size:
            geo = geos[bad[0]]
            raise DataError(
                f"{_line_of(survey, year, geo, SEA_RANK)}: {geo}'s {SEA_RANK} {given[bad[0]]:g} "
                f"in the {year} edition does not follow from the EGDI scores; it must be "
                f"{should[bad[0]]} (1 + {SEA} countries with a higher EGDI)"
            )


def _line_of(frame: pd.DataFrame, year: int, geo: str, indicator: str) -> str:
    hit = (frame[c.YEAR] == year) & (frame[c.GEO] == geo) & (frame[c.INDICATOR] == indicator)
    row = frame[hit].iloc[0]
    return f"{row[_FILE]} line {row[_LINE]}"


def _check_targets_observable(
    targets: pd.DataFrame, history: pd.DataFrame, sources: pd.DataFrame
) -> None:
    """A target judged on a series needs that series to measure its indicator and geography;
    otherwise the scorecard could only ever say "awaiting", whatever is published."""
    series = history[c.SOURCE].map(sources.set_index(c.SOURCE)[c.SERIES])
    measured = set(zip(history[c.INDICATOR], history[c.GEO], series, strict=True))
    for row in targets[targets[c.SERIES] != ""].to_dict("records"):
        if (row[c.INDICATOR], row[c.GEO], row[c.SERIES]) in measured:
            continue
        able = sorted({s for i, g, s in measured if i == row[c.INDICATOR] and g == row[c.GEO]})
        raise DataError(
            f"{row[_FILE]} line {row[_LINE]}: target {short_repr(row[c.TARGET])} is judged on "
            f"series {short_repr(row[c.SERIES])}, which has no {row[c.INDICATOR]} observation "
            f"for {row[c.GEO]}; "
            f"series that have: {', '.join(able) or 'none (leave the series empty)'}"
        )


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
    """A path as the user would type it: relative to the working folder when inside it.

    os.path.realpath, unlike Path.resolve, leaves a symbolic link loop as it is instead of
    raising, so the message about the loop can name it."""
    try:
        text = str(Path(os.path.realpath(path)).relative_to(os.path.realpath(os.getcwd())))
    except (ValueError, OSError):
        text = str(path)
    return short_path(text)
