"""New data by command: a UN E-Government Survey edition, read as the UN publishes it.

`import_egdi` reads one UN country file (`EGOV_DATA_<year>.csv`: Survey Year, Country Name,
E-Government Rank and the five indices), maps the UN's names to ISO3 through
`geography_names.csv`, and refuses in one line (file, line, value) anything `data check`
would refuse: a missing member state, an unknown name, a duplicated country, text in a number
column, an index out of range, a rank the scores contradict, an edition already there (unless
`replace`). Only then is `history/egdi.csv` written, whole and atomically, with the rows
`tools/build_data.py` writes for the same file (and each South-eastern Asian country's rank
among them). The data folder must be the analyst's: the installation's is never written.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core import data
from dxmodel.util import paths
from dxmodel.util.atomic import write_atomically
from dxmodel.util.errors import DataError, short_path, short_repr

MAX_BYTES = 1_000_000  # a UN country file is about 13 KB; a file this big is not one
MAX_ROWS = 1_000  # 193 member states; a few thousand rows would be another table
EGDI_FILE = "history/egdi.csv"
SEA_SOURCE = "dxmodel_egdi_sea_rank"

#: The UN's columns, as in every edition's country file, and the indicator each one holds.
UN_YEAR, UN_NAME, UN_RANK = "Survey Year", "Country Name", "E-Government Rank"
UN_INDICES = {
    "E-Government Index": "egdi",
    "E-Participation Index": "epart",
    "Online Service Index": "osi",
    "Human Capital Index": "hci",
    "Telecommunication Infrastructure Index": "tii",
}
UN_COLUMNS = (UN_YEAR, UN_NAME, UN_RANK, *UN_INDICES)


@dataclass(frozen=True)
class Imported:
    """What an import wrote: the edition, its rows, the file, and whether it replaced one."""

    year: int
    countries: int
    rows: int
    path: Path
    replaced: bool
    source: str

    def __str__(self) -> str:
        verb = "replaced" if self.replaced else "added"
        return (
            f"{verb} the {self.year} UN EGDI edition: {self.countries} countries, {self.rows} "
            f"rows (source {self.source}) in {short_path(self.path)}"
        )


def import_egdi(path: Path | str, folder: Path | None = None, replace: bool = False) -> Imported:
    """Add (or with `replace`, replace) the edition in UN country file `path` to the data.

    Every check runs before anything is written; a refusal leaves the data as it was.
    """
    folder = Path(folder) if folder is not None else paths.own_data_dir()
    if paths.shipped(folder):
        raise DataError(f"{short_path(folder)}: inside dxmodel's installation, never written")
    dataset = data.load_dataset(folder)
    names = read_names(dataset)
    edition = read_un_file(Path(path), names, dataset)
    where = data._show(Path(path))
    series = dataset.sources.set_index(c.SOURCE)[c.SERIES]
    history = dataset.history
    survey = history[(history[c.SOURCE].map(series) == data.SURVEY_SERIES).to_numpy()]
    present = survey[survey[c.YEAR] == edition.year]
    if len(present) and not replace:
        raise DataError(
            f"{where}: the {edition.year} UN EGDI edition is already in the data "
            f"({len(present)} rows in {EGDI_FILE}); pass --replace to replace it"
        )
    source, new_source = edition_source(edition.year, present, dataset.sources, Path(path))
    rows = edition_rows(edition, source, dataset)
    egdi_path = folder / EGDI_FILE
    text = merged_text(egdi_path, rows, edition.year, set(survey[c.SOURCE]))
    sources_path = folder / data.SOURCES.path
    sources_text = with_source(sources_path, new_source) if new_source else None
    verify(folder, {EGDI_FILE: text, data.SOURCES.path: sources_text}, where)
    write_both(egdi_path, text, sources_path, sources_text)
    return Imported(
        edition.year, len(edition.frame), len(rows), egdi_path, bool(len(present)), source
    )


# --- reading the UN file ----------------------------------------------------------------------
@dataclass(frozen=True)
class Edition:
    """One edition read from a UN file: one row per member state (geo-indexed), with its line."""

    year: int
    frame: pd.DataFrame  # index geo; columns line, egdi_rank, egdi, epart, osi, hci, tii


def read_names(dataset: data.Dataset) -> dict[str, str]:
    """The UN spelling (composed Unicode) -> ISO3 table; load_dataset checked its codes."""
    names = dataset.geography_names
    return dict(zip(names["name"].map(data.nfc), names[c.GEO], strict=True))


def read_un_file(path: Path, names: dict[str, str], dataset: data.Dataset) -> Edition:
    """The UN country file parsed and checked, each refusal naming its line and value."""
    where = data._show(path)
    header, records = _records(path, where)
    col = {name: header.index(name) for name in UN_COLUMNS}
    spec = dataset.indicators.set_index(c.INDICATOR)
    year_text = records[0][1][col[UN_YEAR]].strip()
    if not year_text.isdigit() or not data.YEARS[0] <= int(year_text) <= data.YEARS[1]:
        raise DataError(
            f"{where} line {records[0][0]}: {UN_YEAR} {short_repr(year_text)} is not a year"
        )
    year = int(year_text)
    members = data.members_in(data.member_states(dataset.geographies), year)
    seen: dict[str, int] = {}
    out = []
    for line, record in records:
        cell = {name: record[i].strip() for name, i in col.items()}

        def refuse(column: str, problem: str, _line: int = line, _cell: dict = cell) -> DataError:
            return DataError(
                f"{where} line {_line}: {column} {short_repr(_cell[column])} {problem}"
            )

        if cell[UN_YEAR] != year_text:
            raise refuse(UN_YEAR, f"differs from line {records[0][0]}'s {year_text}; one file "
                         "holds one edition")  # fmt: skip
        geo = names.get(data.nfc(cell[UN_NAME]))
        if geo is None:
            raise refuse(
                UN_NAME,
                "is not a country name the UN has used (geography_names.csv); if the UN "
                "renamed a member state, add a row name,geo,source for the new name",
            )
        if geo in seen:
            raise refuse(UN_NAME, f"is {geo}, already on line {seen[geo]}; one row per country")
        seen[geo] = line
        if not cell[UN_RANK]:
            if geo in members:
                raise refuse(UN_RANK, f"is empty, but {geo} was a UN member state in {year}")
            continue  # not yet a member: the UN lists it with no rank and zero scores
        if geo not in members:
            raise refuse(UN_NAME, f"was not a UN member state in {year} (data.UN_ADMISSIONS)")
        row = {"geo": geo, "line": line, "egdi_rank": _number(cell, UN_RANK, refuse, whole=True)}
        for column, indicator in UN_INDICES.items():
            row[indicator] = _number(cell, column, refuse)
        for indicator in ("egdi_rank", *UN_INDICES.values()):
            low, high = spec.loc[indicator, "min"], spec.loc[indicator, "max"]
            if not low <= row[indicator] <= high:
                column = UN_RANK if indicator == "egdi_rank" else _column_of(indicator)
                raise refuse(column, f"is outside {indicator}'s range {low:g} to {high:g}")
        out.append(row)
    frame = pd.DataFrame(out).set_index("geo")
    missing = sorted(members - set(frame.index))
    if missing:
        raise DataError(
            f"{where}: the {year} edition has {len(frame)} member states, not the "
            f"{len(members)} of {year}: no row for {data.some(missing)}; an edition must be "
            "complete"
        )
    conflict = data.rank_conflict(frame.index, frame["egdi"], frame["egdi_rank"], year)
    if conflict is not None:
        i, why = conflict
        raise DataError(f"{where} line {frame['line'].iloc[i]}: {why}")
    return Edition(year, frame)


def _records(path: Path, where: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and (line, record) pairs of a bounded UTF-8 CSV file with the UN's columns."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DataError(f"{where}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise DataError(f"{where}: larger than {MAX_BYTES:,} bytes; not a UN country file")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise DataError(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    records: list[tuple[int, list[str]]] = []
    expected = ", ".join(UN_COLUMNS)
    try:
        first = 1
        for record in reader:
            if record and header is None:
                header = [h.strip() for h in record]
                missing = [h for h in UN_COLUMNS if h not in header]
                extra = [h for h in header if h not in UN_COLUMNS]
                twice = sorted({h for h in header if header.count(h) > 1})
                if missing or extra or twice:
                    what = (
                        f"missing column(s) {data.some(missing)}" if missing
                        else f"unexpected column(s) {data.some(extra)}" if extra
                        else f"column {twice[0]!r} twice"
                    )  # fmt: skip
                    raise DataError(
                        f"{where} line {first}: {what}; a UN country file has exactly the "
                        f"columns {expected}"
                    )
            elif record and any(v.strip() for v in record):
                if len(record) != len(header):
                    raise DataError(
                        f"{where} line {first}: {len(record)} field(s) where the header has "
                        f"{len(header)}"
                    )
                records.append((first, record))
                if len(records) > MAX_ROWS:
                    raise DataError(f"{where}: more than {MAX_ROWS} rows; not a UN country file")
            first = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(f"{where} line {reader.line_num}: not a readable CSV ({exc})") from None
    if header is None or not records:
        raise DataError(f"{where}: no {'rows' if header else 'header'}; expected {expected}")
    return header, records


def _number(cell: dict, column: str, refuse, whole: bool = False) -> float:
    text = cell[column]
    try:
        value = float(text)
    except ValueError:
        raise refuse(column, "is not a number") from None
    if not np.isfinite(value) or (whole and not value.is_integer()):
        raise refuse(column, "is not " + ("a whole number" if whole else "a finite number"))
    return value


def _column_of(indicator: str) -> str:
    return next(k for k, v in UN_INDICES.items() if v == indicator)


# --- the rows, the source, the write ----------------------------------------------------------
def edition_source(
    year: int, present: pd.DataFrame, sources: pd.DataFrame, path: Path
) -> tuple[str, dict | None]:
    """The source id the edition's rows name: the one its rows named before (a replacement),
    else `undesa_egov_<year>` (described in sources.csv, or described now: the new row)."""
    before = sorted(set(present[c.SOURCE]) - {SEA_SOURCE})
    if before:
        return before[0], None
    source = f"{data.SURVEY_SERIES}_{year}"
    if source in set(sources[c.SOURCE]):
        return source, None
    return source, {
        c.SOURCE: source,
        "publisher": "UN DESA (Division for Public Institutions and Digital Government)",
        "title": f"UN E-Government Survey {year} country data ({path.name[:80]})",
        "url": "https://publicadministration.un.org/egovkb/en-us/Data-Center",
        "edition_or_vintage": f"{year} edition",
        "accessed": data.today().isoformat(),
        c.SERIES: data.SURVEY_SERIES,
        c.NOTE: "Imported with 'dxmodel data import egdi' from the UN's country file; checked "
        "as data check does (every member state, ranks from scores, indices in range).",
    }


def edition_rows(edition: Edition, source: str, dataset: data.Dataset) -> list[list[str]]:
    """The long rows of an edition, as tools/build_data.py writes them: each index and the
    rank per member state, and each South-eastern Asian country's rank among them."""
    units = dataset.indicators.set_index(c.INDICATOR)[c.UNIT]
    frame, year = edition.frame, str(edition.year)
    rows = [
        [indicator, geo, year, plain_number(value), units[indicator], source]
        for indicator in ("egdi_rank", *UN_INDICES.values())
        for geo, value in frame[indicator].items()
    ]
    geos = dataset.geographies
    sea = frame[frame.index.isin(geos.loc[geos["region"] == data.SEA, c.GEO])]
    scores = sea["egdi"].to_numpy()
    for geo, higher in zip(sea.index, (scores[None, :] > scores[:, None]).sum(axis=1), strict=True):
        rows.append([data.SEA_RANK, geo, year, str(1 + higher), units[data.SEA_RANK], SEA_SOURCE])
    return rows


def plain_number(value: float) -> str:
    """Shortest exact text for a number, no trailing '.0' (as tools/build_data.py writes)."""
    return repr(float(value)).removesuffix(".0")


def merged_text(path: Path, rows: list[list[str]], year: int, survey_sources: set[str]) -> str:
    """egdi.csv's text with the edition's rows (any earlier ones of its year taken out), in
    the file's order: indicator, geo, year, source."""
    header, *kept = list(csv.reader(io.StringIO(_read_text(path), newline="")))
    kept = [r for r in kept if r and not (r[2] == str(year) and r[5] in survey_sources)]
    merged = sorted([*kept, *rows], key=lambda r: (r[0], r[1], int(r[2]), r[5]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(merged)
    return out.getvalue()


def with_source(path: Path, row: dict) -> str:
    """sources.csv's text with one more row at its end."""
    text = _read_text(path)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([row[f.name] for f in data.SOURCES.fields])
    return text + ("" if text.endswith("\n") else "\n") + out.getvalue()


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{short_path(path)}: cannot be read ({exc})") from None


def verify(folder: Path, texts: dict[str, str | None], where: str) -> None:
    """Load the data as it would be after the write, with every check of `data check`: in a
    scratch folder that links to the real tables and holds the new ones."""
    scratch = Path(tempfile.mkdtemp(prefix="dxmodel-import-"))
    try:
        _mirror(folder, scratch, {k for k, v in texts.items() if v is not None})
        for rel, text in texts.items():
            if text is not None:
                (scratch / rel).write_text(text, encoding="utf-8")
        try:
            data.load_dataset(scratch)
        except DataError as exc:
            said = str(exc).replace(str(scratch), str(folder))
            raise DataError(f"{where}: the data would then be refused: {said}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _mirror(folder: Path, scratch: Path, replaced: Iterable[str]) -> None:
    """Symbolic links in `scratch` to every table under `folder` except those `replaced`."""
    replaced = set(replaced)
    for source in folder.rglob("*.csv"):
        rel = source.relative_to(folder).as_posix()
        if rel in replaced or rel.split("/")[0] in ("ledger", "scenarios"):
            continue
        (scratch / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(source.resolve(), scratch / rel)
    (scratch / "history").mkdir(exist_ok=True)


def write_both(egdi_path: Path, text: str, sources_path: Path, sources_text: str | None) -> None:
    """Write sources.csv (when it gains a row), then egdi.csv, each atomically; if the second
    fails, the first is put back, so the folder is as before or wholly after."""
    old_sources = sources_path.read_bytes() if sources_text is not None else None
    if sources_text is not None:
        write_atomically(sources_path, sources_text)
    try:
        write_atomically(egdi_path, text)
    except BaseException:
        if old_sources is not None:
            write_atomically(sources_path, old_sources)
        raise
