"""Issue 18: what an attack on a writable data folder found. Each case is one line and exit 2
through the CLI, naming the file (and line) and the value at fault."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path

import pytest
from conftest import assert_one_line_error, run_cli

from dxmodel.core import data
from dxmodel.core.data import load_dataset
from dxmodel.util.errors import DataError

TODAY = dt.date(2026, 12, 7)  # the day the issue was filed; every case fixes it
DE = "history/digital_economy.csv"
COMMANDS = [("data", "check"), ("assess", "--format", "csv")]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Future-dated checks depend on the date: pin it, as the issue's attack ran on it."""
    monkeypatch.setattr(data, "today", lambda: TODAY)


def append(path: Path, *lines: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))


def line_of(path: Path, row: str) -> int:
    """The 1-based line of `row` in the file as written (its last, for a row written twice)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert row in lines, row
    return len(lines) - lines[::-1].index(row)


def last_line(path: Path) -> int:
    """The 1-based line of the file's last line: the row a case has just appended."""
    return len(path.read_text(encoding="utf-8").splitlines())


def drop_target(folder: Path, target: str) -> None:
    path = folder / "targets.csv"
    kept = [
        line for line in path.read_text().splitlines(keepends=True) if line.split(",")[0] != target
    ]
    path.write_text("".join(kept))


# --- 1. symbolic links that lead nowhere ------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_a_symlink_loop_among_the_history_tables_is_named(data_copy, command):
    """`ln -s loop.csv data/history/loop.csv`: was a RuntimeError traceback from resolve()."""
    os.symlink("loop.csv", data_copy / "history" / "loop.csv")
    assert_one_line_error(run_cli(*command), "history/loop.csv: is a symbolic link loop")


def test_a_history_table_replaced_by_a_symlink_loop_is_named(data_copy):
    (data_copy / "history" / "egdi.csv").unlink()
    os.symlink("egdi.csv", data_copy / "history" / "egdi.csv")
    assert_one_line_error(run_cli("data", "check"), "history/egdi.csv: is a symbolic link loop")


def test_a_directory_symlink_cycle_is_named(data_copy):
    """history -> elsewhere -> history: the folder itself is the loop."""
    (data_copy / "history").rename(data_copy / "kept")
    os.symlink("elsewhere", data_copy / "history")
    os.symlink("history", data_copy / "elsewhere")
    assert_one_line_error(run_cli("assess"), "data/history: is a symbolic link loop")


def test_a_dangling_symlink_says_where_it_points(data_copy):
    (data_copy / "targets.csv").unlink()
    os.symlink("gone.csv", data_copy / "targets.csv")
    assert_one_line_error(
        run_cli("data", "check"),
        "targets.csv: is a symbolic link to gone.csv, which does not exist",
    )


def test_a_folder_named_like_a_table_is_not_read_as_one(data_copy):
    (data_copy / "benchmarks.csv").unlink()
    (data_copy / "benchmarks.csv").mkdir()
    assert_one_line_error(run_cli("data", "check"), "benchmarks.csv: is a folder")


# --- 2. observations from the future ----------------------------------------------------------

GSO_AHEAD = [
    f"digital_economy_share,VNM,{year},{share},% of GDP,gso_de_2021_2025"
    for year, share in ((2026, 16), (2027, 19), (2028, 22), (2029, 26), (2030, 31))
]


@pytest.mark.parametrize("command", COMMANDS)
def test_gso_shares_for_2026_to_2030_are_refused_as_future(data_copy, command):
    """The attack: with these rows the 2030 targets read "met". 2026 is this year (allowed);
    2027, the second row appended, is the first after today."""
    append(data_copy / DE, *GSO_AHEAD)
    line = line_of(data_copy / DE, GSO_AHEAD[1])
    assert_one_line_error(
        run_cli(*command),
        f"digital_economy.csv line {line}: year 2027 is after today (2026-12-07)",
        "source 'gso_de_2021_2025' cannot have been observed yet (3 more such row(s))",
    )


def test_today_is_one_function_the_check_reads(data_copy, monkeypatch):
    """Set today back to mid-2024 (and the sources' access dates with it): GSO's 2025 share
    becomes a future observation."""
    monkeypatch.setattr(data, "today", lambda: dt.date(2024, 6, 30))
    path = data_copy / "sources.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    accessed = rows[0].index("accessed")
    for row in rows[1:]:  # every access date after the new today moves back with it
        if row[accessed] > "2024-06":
            row[accessed] = "2024-01"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    assert_one_line_error(
        run_cli("data", "check"),
        "digital_economy.csv line",
        "year 2025 is after today (2024-06-30)",
    )


def test_published_projections_may_run_ahead_and_targets_and_benchmarks_too(data_copy):
    """The UN's medium-variant population runs to 2100, targets to 2045 and benchmarks are
    projections: none of them is an observation, so the committed data pass."""
    dataset = load_dataset(data_copy)
    population = dataset.history[dataset.history.source.isin(data.PROJECTION_SERIES)]
    assert population.year.max() == 2100
    assert dataset.targets.year.max() > TODAY.year


def test_a_source_accessed_after_today_is_refused(data_copy):
    path = data_copy / "sources.csv"
    path.write_text(path.read_text().replace(",2026-11,", ",2027-01,", 1))
    assert_one_line_error(
        run_cli("data", "check"),
        "sources.csv line 2: accessed '2027-01' is after today (2026-12-07)",
    )


def test_an_impossible_access_date_is_refused(data_copy):
    path = data_copy / "sources.csv"
    path.write_text(path.read_text().replace(",2026-11,", ",2026-13,", 1))
    assert_one_line_error(
        run_cli("data", "check"), "sources.csv line 2: accessed '2026-13' is not a date"
    )


# --- 3. a target the code names is gone ------------------------------------------------------


@pytest.mark.parametrize("command", [*COMMANDS, ("targets",)])
def test_a_key_target_removed_from_targets_csv_is_refused(data_copy, command):
    """`assess` exited 0 without it; every command that loads the data now says so."""
    drop_target(data_copy, "egdi_top50_2026_mic")
    assert_one_line_error(
        run_cli(*command), "targets.csv: no target 'egdi_top50_2026_mic'", "KEY_TARGETS"
    )


def test_every_missing_key_target_is_named(data_copy):
    drop_target(data_copy, "de_share_2030_d749")
    drop_target(data_copy, "stem_schools_80_2030_d146")
    assert_one_line_error(
        run_cli("assess"), "no target 'de_share_2030_d749', 'stem_schools_80_2030_d146'"
    )


# --- 4. a gap in a digital-economy series ----------------------------------------------------

GSO_2099 = "digital_economy_share,VNM,2099,40,% of GDP,gso_de_2021_2025"


def test_a_year_2099_is_refused_as_future_before_the_model_sees_the_gap(data_copy):
    append(data_copy / DE, GSO_2099)
    assert_one_line_error(
        run_cli("data", "check"),
        f"digital_economy.csv line {line_of(data_copy / DE, GSO_2099)}: year 2099 is after today",
    )


def test_a_year_2099_in_a_series_jumps_and_says_so_in_user_terms(data_copy, monkeypatch):
    """Were it 2100, 2099 would be past: the model then names the jump, not "skips the year"."""
    monkeypatch.setattr(data, "today", lambda: dt.date(2100, 1, 1))
    append(data_copy / DE, GSO_2099)
    line = line_of(data_copy / DE, GSO_2099)
    assert_one_line_error(
        run_cli("data", "check"),
        f"digital_economy.csv line {line}: series 'gso_value_added' jumps from 2025 to 2099",
        "needs consecutive years (no value for 2026-2098: add those years or remove 2099)",
    )


def test_a_missing_year_inside_a_series_is_named(data_copy):
    path = data_copy / DE
    lines = path.read_text().splitlines(keepends=True)
    gone = "digital_economy_share,VNM,2022,12.83,% of GDP,gso_de_2025_release\n"
    assert gone in lines
    path.write_text("".join(line for line in lines if line != gone))
    assert_one_line_error(
        run_cli("data", "check"),
        "digital_economy.csv line 7:",  # GSO's 2023 row, the first after the gap
        "series 'gso_value_added' jumps from 2021 to 2023",
        "no value for 2022",
    )


def test_a_missing_population_year_names_its_file(data_copy):
    """The skills model's own gap message names population.csv too, not just "history"."""
    path = data_copy / "history" / "population.csv"
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(line for line in lines if ",VNM,2027," not in line))
    assert_one_line_error(
        run_cli("data", "check"),
        "population.csv: population_15_64 is missing for 2027",
    )


# --- 5. malformed files found by a quick fuzz -----------------------------------------------

# A fragment may be a function of the corrupted data folder: the line of the row just appended.
FUZZ = [
    ("an empty file", "indicators.csv", lambda p: p.write_text(""),
     ["indicators.csv: no header line; expected columns: indicator"]),
    ("a column twice in the header", "geographies.csv",
     lambda p: p.write_text(p.read_text().replace("geo,name,", "geo,geo,name,", 1)),
     ["geographies.csv: column 'geo' appears twice in the header"]),
    ("a row with too few fields", DE, lambda p: append(p, "digital_economy_share,VNM"),
     [lambda d: f"digital_economy.csv line {last_line(d / DE)}: 2 field(s) where the header "
                "has 6"]),
    ("a row with too many fields", "targets.csv",
     lambda p: append(p, "a,b,c,d,e,f,g,h,i,j,k,l,m,n"),
     [lambda d: f"targets.csv line {last_line(d / 'targets.csv')}: 14 field(s) where the header "
                "has 13"]),
    ("a blank line before a bad row keeps line numbers true", DE,
     lambda p: append(p, "", "", "digital_economy_share,VNM,20x5,1,% of GDP,gso_de_2021_2025"),
     [lambda d: f"digital_economy.csv line {last_line(d / DE)}: year '20x5' is not a whole "
                "number"]),
    ("a NUL byte", "benchmarks.csv", lambda p: append(p, "x\0y,a,b,c,d,e,f,g"),
     ["benchmarks.csv line 9: benchmark 'x\\x00y' is not valid"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "file", "corrupt", "fragments"), FUZZ, ids=[case[0] for case in FUZZ]
)
def test_a_malformed_file_is_one_line(data_copy, case, file, corrupt, fragments):
    corrupt(data_copy / file)
    fragments = [f(data_copy) if callable(f) else f for f in fragments]
    assert_one_line_error(run_cli("data", "check"), *fragments)


def test_a_quoted_field_over_two_lines_is_read_and_later_lines_keep_their_numbers(data_copy):
    """Line numbers count the file's lines, not its records (pandas counted records)."""
    row = "mic_x,digital_economy_share,{},2025,10,% of GDP,mic_scenarios_2022,"
    append(data_copy / "benchmarks.csv", row.format("VNM") + '"a note\nover two lines"')
    append(data_copy / "benchmarks.csv", row.format("Viet Nam") + "note")
    assert_one_line_error(  # 8 lines, then lines 9-10 for one record: the bad row is line 11
        run_cli("data", "check"), "benchmarks.csv line 11: geo 'Viet Nam' is not valid"
    )


def test_a_byte_order_mark_is_allowed(data_copy):
    """Spreadsheets save UTF-8 with a BOM; the header must still read as `source`."""
    path = data_copy / "sources.csv"
    listed = [row["source"] for row in csv.DictReader(io.StringIO(path.read_text("utf-8")))]
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert list(load_dataset(data_copy).sources["source"]) == listed


def test_data_errors_in_the_loader_never_raise_anything_else(data_copy):
    """A table's loop raises DataError for any caller (notebooks too), not RuntimeError."""
    os.symlink("x.csv", data_copy / "history" / "x.csv")
    with pytest.raises(DataError, match="is a symbolic link loop"):
        load_dataset(data_copy)


# --- 6. the DTI and name tables read outside history -----------------------------------------

DTI_CASES = [
    ("a DTI row naming an unknown source", "dti_published.csv",
     "2024,province_34,8,Nghệ An,0.7,nobody_dti_2024", "source 'nobody_dti_2024' is not listed"),
    ("a crosswalk row naming an unknown province", "dti_crosswalk.csv",
     "TP. Huế,VN-99,Nowhere,baokhanhhoa_dti_2024,", "former_geo 'VN-99' is not listed in "
     "geographies.csv"),
    ("a duplicated geography name", "geography_names.csv", "Angola,AGO,undesa_egov_2024",
     "duplicates line 3 on (name) = (Angola)"),
    ("a rank that is not whole", "dti_published.csv",
     "2024,province_34,8.5,Nghệ An,0.7,dantri_dti_2024", "rank '8.5' is not a whole number"),
    ("a rank below 1", "dti_published.csv", "2024,province_34,0,Nghệ An,0.7,dantri_dti_2024",
     "rank 0 is outside 1 or more"),
    ("a score above 1", "dti_published.csv", "2024,province_34,8,Nghệ An,7,dantri_dti_2024",
     "score 7 is outside 0 to 1"),
    ("an unknown level", "dti_published.csv", "2024,province_63,8,Nghệ An,0.7,dantri_dti_2024",
     "level 'province_63' is not one of: ministry_no_public_service"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "file", "row", "fragment"), DTI_CASES, ids=[case[0] for case in DTI_CASES]
)
def test_the_dti_and_name_tables_are_checked_like_the_others(data_copy, case, file, row, fragment):
    """These tables were read with pandas, unchecked; now a bad row is one line with its place."""
    append(data_copy / file, row)
    where = f"{file} line {last_line(data_copy / file)}: "
    assert_one_line_error(run_cli("data", "check"), where + fragment)
