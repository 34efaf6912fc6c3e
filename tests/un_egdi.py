"""Test fixtures: UN E-Government Survey country files, as the UN publishes them.

The reference holds the 2024 edition only as a third party's re-headed copy
(EGOV_DATA_2024_renamed_cols.csv: Country, Rank, E_Index, ... and an erroneous Region column;
see PROVENANCE.md). `un_2024_file` renames its headers back to the UN's and drops Region, which
gives the UN's own EGOV_DATA_2024.csv (same values, the UN's CRLF lines and trailing spaces).
`simulated_2026_file` is a TEST FIXTURE ONLY: the 2024 values relabelled as a 2026 edition, so
the shipped ledger's 2026 forecasts can be scored in a test; it is never written to data/.
"""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import SHARED_REFERENCE

RENAMED_2024 = SHARED_REFERENCE / "egdi" / "EGOV_DATA_2024_renamed_cols.csv"
UN_HEADERS = {
    "Survey Year": "Survey Year",
    "Country": "Country Name",
    "Rank": "E-Government Rank",
    "E_Index": "E-Government Index",
    "E_Participation": "E-Participation Index",
    "Online_Service": "Online Service Index",
    "Human_Capital": "Human Capital Index",
    "Tele_Infra": "Telecommunication Infrastructure Index",
}


def un_rows(year_as: int | None = None) -> list[list[str]]:
    """The 2024 file's header and rows with the UN's headers, Region dropped."""
    with RENAMED_2024.open(newline="", encoding="utf-8") as file:
        header, *rows = list(csv.reader(file))
    keep = [i for i, h in enumerate(header) if h in UN_HEADERS]
    out = [[UN_HEADERS[header[i]] for i in keep]]
    for row in rows:
        cells = [row[i] for i in keep]
        if year_as is not None:
            cells[0] = str(year_as)
        out.append(cells)
    return out


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file, lineterminator="\r\n").writerows(rows)
    return path


def un_2024_file(folder: Path) -> Path:
    """The UN's EGOV_DATA_2024.csv, rebuilt from the reference's re-headed copy."""
    return write_rows(folder / "EGOV_DATA_2024.csv", un_rows())


def simulated_2026_file(folder: Path) -> Path:
    """TEST FIXTURE: the 2024 values labelled 2026 (no 2026 edition exists in the reference)."""
    return write_rows(folder / "SIMULATED_EGOV_DATA_2026.csv", un_rows(year_as=2026))


def without_edition(data: Path, year: int) -> None:
    """Remove every row of one edition (its indices, ranks and South-East Asian ranks) from
    a copy of data/history/egdi.csv."""
    path = data / "history" / "egdi.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        header + "".join(r for r in rows if r.split(",")[2] != str(year)), encoding="utf-8"
    )
