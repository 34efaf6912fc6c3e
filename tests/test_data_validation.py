"""Malformed data tables: each gets one clear line naming the file, the line and the rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_one_line_error, run_cli

from dxmodel.data import load_dataset
from dxmodel.errors import DataError


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")


DE = "history/digital_economy.csv"
GSO_2025 = "digital_economy_share,VNM,2025,14.02,% of GDP,gso_de_2021_2025"

# (id, file, how to break it, fragments the one-line message must contain)
CASES = [
    ("missing file", DE, lambda p: p.unlink(), ["digital_economy.csv", "not found"]),
    (
        "not utf-8",
        DE,
        lambda p: p.write_bytes(b"indicator,geo\n\xff\xfe,VNM\n"),
        ["digital_economy.csv", "not UTF-8"],
    ),
    (
        "missing column",
        DE,
        lambda p: p.write_text("indicator,geo,year,value,unit\nx,VNM,2020,1,%\n"),
        ["missing column(s) source", "expected columns: indicator, geo, year, value, unit, source"],
    ),
    (
        "unexpected column",
        "sources.csv",
        lambda p: edit(p, "accessed,series,note", "accessed,series,note,extra"),
        ["sources.csv", "unexpected column(s) extra"],
    ),
    (
        "year not a number",
        DE,
        lambda p: edit(p, GSO_2025, GSO_2025.replace("2025", "20x5", 1)),
        ["digital_economy.csv line 12", "year '20x5' is not a whole number"],
    ),
    (
        "year out of range",
        DE,
        lambda p: edit(p, GSO_2025, GSO_2025.replace("2025", "1850", 1)),
        ["line 12", "year '1850' is outside the years 1950-2100"],
    ),
    (
        "NaN value",
        DE,
        lambda p: edit(p, GSO_2025, GSO_2025.replace("14.02", "nan")),
        ["line 12", "value 'nan' is not a finite number"],
    ),
    (
        "empty value",
        DE,
        lambda p: edit(p, GSO_2025, GSO_2025.replace("14.02", "")),
        ["line 12", "value is empty; a value is required"],
    ),
    (
        "share above 100%",
        DE,
        lambda p: edit(p, GSO_2025, GSO_2025.replace("14.02", "140.2")),
        ["line 12", "value 140.2 is outside the range of 'digital_economy_share' (0 to 100)"],
    ),
    (
        "unknown source",
        DE,
        lambda p: edit(p, GSO_2025, GSO_2025.replace("gso_de_2021_2025", "my_blog")),
        ["line 12", "source 'my_blog' is not listed in sources.csv"],
    ),
    (
        "unknown indicator",
        DE,
        lambda p: edit(p, GSO_2025, GSO_2025.replace("digital_economy_share", "de_share")),
        ["line 12", "indicator 'de_share' is not listed in indicators.csv"],
    ),
    (
        "unit mismatch",
        DE,
        lambda p: edit(p, GSO_2025, GSO_2025.replace("% of GDP", "percent")),
        ["line 12", "unit 'percent' does not match indicator", "'% of GDP'"],
    ),
    (
        "bad geography code",
        DE,
        lambda p: edit(p, GSO_2025, GSO_2025.replace("VNM", "Viet Nam")),
        ["line 12", "geo 'Viet Nam' is not valid: expected an ISO3 country code"],
    ),
    (
        "duplicate row",
        DE,
        lambda p: append(p, GSO_2025),
        ["line 18: duplicates line 12", "(indicator, geo, year, source)"],
    ),
    (
        "two values for one year in one series",
        DE,
        lambda p: append(p, "digital_economy_share,VNM,2025,15,% of GDP,gso_de_2025_release"),
        ["line 18: duplicates line 12", "gso_value_added"],
    ),
    (
        "duplicate across files",
        "history/economy.csv",
        lambda p: append(p, GSO_2025),
        ["economy.csv line 26: duplicates", "digital_economy.csv line 12"],
    ),
    (
        "unlisted history table",
        "history/extra.csv",
        lambda p: p.write_text("indicator,geo,year,value,unit,source\n"),
        ["history: unexpected table extra.csv", "known tables: cybersecurity"],
    ),
    (
        "unknown comparator",
        "targets.csv",
        lambda p: edit(p, "2025,2025,>=,20,", "2025,2025,=>,20,"),
        ["targets.csv line 2", "comparator '=>' is not one of: >=, <=, >, <"],
    ),
    (
        "judged after the target year",
        "targets.csv",
        lambda p: edit(p, "egdi_rank,VNM,2025,2024,<=,70", "egdi_rank,VNM,2025,2026,<=,70"),
        ["targets.csv line 9", "judged_on_year 2026 is after the target year 2025"],
    ),
    (
        "unknown series in a target",
        "targets.csv",
        lambda p: edit(p, "% of GDP,gso_value_added,Resolution 52", "% of GDP,gso,Resolution 52"),
        ["targets.csv line 2", "series 'gso' is not listed in the series column of sources.csv"],
    ),
    (
        "hostile source id",
        "sources.csv",
        lambda p: edit(p, "\nwb_wdi_gdp,", "\n../../etc/passwd,"),
        ["sources.csv line", "source '../../etc/passwd' is not valid"],
    ),
    (
        "unterminated quote",
        "indicators.csv",
        lambda p: append(p, 'x,"unit,0,1,higher,a,b,c'),
        ["indicators.csv", "not a readable CSV table"],
    ),
    (
        "empty table",
        "benchmarks.csv",
        lambda p: p.write_text("benchmark,indicator,geo,year,value,unit,source,note\n"),
        ["benchmarks.csv", "no rows"],
    ),
]


@pytest.mark.parametrize(("case", "file", "corrupt", "fragments"), CASES, ids=[c[0] for c in CASES])
def test_malformed_table_gets_one_clear_line(data_copy, case, file, corrupt, fragments):
    corrupt(data_copy / file)
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    message = str(err.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, (fragment, message)


@pytest.mark.parametrize("command", [["data", "check"], ["assess"], ["targets"]])
def test_cli_reports_bad_data_in_one_line_with_exit_2(data_copy, command):
    edit(data_copy / DE, GSO_2025, GSO_2025.replace("14.02", "inf"))
    proc = run_cli(*command)
    assert_one_line_error(proc, "digital_economy.csv line 12", "not a finite number")


def test_missing_data_folder(tmp_path):
    proc = run_cli("--data-dir", str(tmp_path / "nowhere"), "data", "check")
    assert_one_line_error(proc, "nowhere", "data folder not found")


def test_the_committed_data_passes_its_own_checks(data_copy):
    assert len(load_dataset(data_copy).history) > 14_000


def test_data_check_also_validates_the_preset_scenarios(data_copy):
    edit(data_copy / "scenarios" / "stalled.yaml", "graduate_intake: 1000", "graduate_intake: -5")
    proc = run_cli("data", "check")
    assert_one_line_error(proc, "stalled.yaml: levers.graduate_intake = -5 is out of range")


def test_data_dir_option_reads_that_folder_for_tables_and_presets(data_copy, monkeypatch):
    monkeypatch.delenv("DXMODEL_DATA_DIR")
    (data_copy / "scenarios" / "extra.yaml").write_text("title: {en: Extra}\n", encoding="utf-8")
    proc = run_cli("--data-dir", str(data_copy), "scenarios", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert "extra,Extra," in proc.stdout
