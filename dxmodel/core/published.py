"""New data by command: one published figure, added to the series it belongs to.

`add_figure` puts one value (a GSO digital-economy share, a DTI value, an online-service rate)
into the history table that already holds its indicator, naming its source: a source already
described in sources.csv, or a new one described on the command line (publisher, title, URL,
release date and the series it measures; a new series cannot be made this way). A value for a
year its series already has is a revision: where the indicator keeps vintages (its
`<indicator>_superseded` twin is declared in indicators.csv) the earlier value is kept as a
vintage of its own release and the later-released value is the series' value; elsewhere it is
refused. Every check of `data check` runs on the data as it would be, before anything is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from dxmodel.core import columns as c
from dxmodel.core import data
from dxmodel.core.imports import plain_number, verify, with_source, write_both
from dxmodel.util.errors import DataError, short_repr
from dxmodel.util.paths import own_data_dir

VINTAGE = "_superseded"  # an indicator's twin holding its earlier vintages
RELEASED = re.compile(r"released (\d{4})(?:-(\d{2}))?")  # in sources.csv's edition_or_vintage
RELEASE_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
NEW_SOURCE_FIELDS = ("publisher", "title", "url", "released", "series")


@dataclass(frozen=True)
class NewSource:
    """A source described on the command line."""

    publisher: str
    title: str
    url: str
    released: str  # YYYY-MM or YYYY-MM-DD
    series: str


@dataclass(frozen=True)
class Added:
    """What `add_figure` wrote, in words for the command line."""

    indicator: str
    geo: str
    year: int
    value: float
    source: str
    path: Path
    revised: str  # "" or what became a vintage

    def __str__(self) -> str:
        said = f"added {self.indicator} {self.geo} {self.year} = {plain_number(self.value)} "
        said += f"(source {self.source}) to {self.path}"
        return said + (f"; {self.revised}" if self.revised else "")


def released(sources, source: str) -> tuple[int, int] | None:
    """(year, month or 0) a source was published, from 'released YYYY[-MM]'; None if unsaid."""
    row = sources.loc[sources[c.SOURCE] == source]
    found = RELEASED.search(str(row["edition_or_vintage"].iloc[0])) if len(row) else None
    return (int(found[1]), int(found[2] or 0)) if found else None


def add_figure(
    indicator: str,
    geo: str,
    year: int,
    value: float,
    source: str,
    new_source: NewSource | None = None,
    folder: Path | None = None,
) -> Added:
    """Add one published figure; a refusal (one line) leaves the data as it was."""
    folder = Path(folder) if folder is not None else own_data_dir()
    dataset = data.load_dataset(folder)
    where = f"data add {indicator} {geo} {year}"
    rel = _table_of(dataset, indicator, where)
    sources = dataset.sources
    known = source in set(sources[c.SOURCE])
    sources_text = None
    if known and new_source is not None:
        raise DataError(f"{where}: source {source!r} is already described; drop --title etc.")
    if not known:
        if new_source is None:
            raise DataError(
                f"{where}: source {short_repr(source)} is not in sources.csv; describe it with "
                f"--{', --'.join(NEW_SOURCE_FIELDS)}"
            )
        sources_text = with_source(folder / data.SOURCES.path, _source_row(source, new_source))
        series = _known_series(sources, new_source.series, where)
        when = _release(new_source.released, where)
    else:
        series = sources.loc[sources[c.SOURCE] == source, c.SERIES].iloc[0]
        when = released(sources, source)
    series_of = sources.set_index(c.SOURCE)[c.SERIES]
    h = dataset.history
    measured_on = set(h.loc[h[c.INDICATOR] == indicator, c.SOURCE].map(series_of))
    if series not in measured_on:
        raise DataError(
            f"{where}: source {source!r} is of series {series!r}, which does not measure "
            f"{indicator}; its series: {', '.join(sorted(measured_on))}"
        )
    same = h[
        (h[c.INDICATOR] == indicator)
        & (h[c.GEO] == geo)
        & (h[c.YEAR] == year)
        & (h[c.SOURCE].map(series_of) == series).to_numpy()
    ]
    unit = dataset.indicators.set_index(c.INDICATOR).loc[indicator, c.UNIT]
    new_row = [indicator, geo, str(year), plain_number(value), unit, source]
    removed, extra, revised = None, [], ""
    if len(same):
        old = same.iloc[0]
        twin = indicator + VINTAGE
        if twin not in set(dataset.indicators[c.INDICATOR]):
            raise DataError(
                f"{where}: the series {series!r} already has {plain_number(old[c.VALUE])} for "
                f"{year} (source {old[c.SOURCE]}), and {indicator} keeps no vintages"
            )
        before = released(sources, old[c.SOURCE])
        if when is None or before is None:
            raise DataError(
                f"{where}: a revision needs both release dates ('released YYYY-MM' in "
                f"edition_or_vintage of {old[c.SOURCE]} and of {source}) to know which is later"
            )
        if when <= before:
            raise DataError(
                f"{where}: {source} ({when[0]}-{when[1]:02d}) is not later than "
                f"{old[c.SOURCE]} ({before[0]}-{before[1]:02d}), which gave "
                f"{plain_number(old[c.VALUE])}; add only a later release"
            )
        vintage_id = f"{old[c.SOURCE]}_{year}_vintage"[:64]
        vintage = dict(sources.loc[sources[c.SOURCE] == old[c.SOURCE]].iloc[0])
        vintage |= {
            c.SOURCE: vintage_id,
            c.SERIES: f"{series}_vintage_{before[0]}",
            c.NOTE: f"The {year} value {old[c.SOURCE]} gave, kept as a vintage when {source} "
            "revised it (dxmodel data add).",
        }
        base = sources_text if sources_text is not None else None
        sources_text = _append(folder / data.SOURCES.path, base, vintage)
        removed = [indicator, geo, str(year), plain_number(old[c.VALUE]), unit, old[c.SOURCE]]
        twin_unit = dataset.indicators.set_index(c.INDICATOR).loc[twin, c.UNIT]
        extra = [[twin, geo, str(year), plain_number(old[c.VALUE]), twin_unit, vintage_id]]
        revised = f"{plain_number(old[c.VALUE])} of {old[c.SOURCE]} kept as vintage {vintage_id}"
    path = folder / rel
    text = _with_rows(path, [new_row, *extra], removed)
    verify(folder, {rel: text, data.SOURCES.path: sources_text}, where)
    write_both(path, text, folder / data.SOURCES.path, sources_text)
    return Added(indicator, geo, year, value, source, path, revised)


def _table_of(dataset: data.Dataset, indicator: str, where: str) -> str:
    """The history table already holding `indicator`: a figure joins a series, never starts
    a table."""
    if indicator not in set(dataset.indicators[c.INDICATOR]):
        raise DataError(f"{where}: unknown indicator {short_repr(indicator)} (see indicators.csv)")
    rows = dataset.history[dataset.history[c.INDICATOR] == indicator]
    files = dataset.files_of(rows)
    if len(files) != 1:
        raise DataError(
            f"{where}: {indicator} has no series in one history table to add to"
            if not files
            else f"{where}: {indicator} is in several tables ({', '.join(files)})"
        )
    return f"history/{Path(files[0]).name}"


def _known_series(sources, series: str, where: str) -> str:
    if series not in set(sources[c.SERIES]):
        raise DataError(
            f"{where}: --series {short_repr(series)} is not a series of sources.csv; a figure "
            "joins a series that exists"
        )
    return series


def _release(text: str, where: str) -> tuple[int, int]:
    found = RELEASE_DATE.fullmatch(text.strip())
    try:
        date = dt.date(int(found[1]), int(found[2]), int(found[3] or 1)) if found else None
    except ValueError:
        date = None
    if date is None:
        raise DataError(
            f"{where}: --released {short_repr(text)}: write it as YYYY-MM or YYYY-MM-DD"
        )
    if date > data.today():
        raise DataError(f"{where}: --released {text} is after today ({data.today()})")
    return date.year, date.month


def _source_row(source: str, new: NewSource) -> dict:
    return {
        c.SOURCE: source,
        "publisher": new.publisher,
        "title": new.title,
        "url": new.url,
        "edition_or_vintage": f"released {new.released.strip()}",
        "accessed": data.today().isoformat(),
        c.SERIES: new.series,
        c.NOTE: "Added with 'dxmodel data add'.",
    }


def _append(path: Path, text: str | None, row: dict) -> str:
    """sources.csv's text (`text`, if already changed) with one more row."""
    if text is None:
        return with_source(path, row)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([row[f.name] for f in data.SOURCES.fields])
    return text + out.getvalue()


def _with_rows(path: Path, rows: list[list[str]], removed: list[str] | None) -> str:
    """The history table's text with `rows` added (and `removed` taken out), sorted as written."""
    header, *kept = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    if removed is not None:
        kept = [r for r in kept if r != removed]
    merged = sorted([r for r in kept if r] + rows, key=lambda r: (r[0], r[1], int(r[2]), r[5]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(merged)
    return out.getvalue()
