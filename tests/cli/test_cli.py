"""The `dxmodel` command: each subcommand's output, and one-line errors with exit code 2."""

from __future__ import annotations

import io
import json
import re
from functools import cache

import pandas as pd
import pytest
from conftest import DATA, assert_one_line_error, run_cli, run_cli_process

from dxmodel.cli.commands import Column, Listing, text_table
from dxmodel.core.targets import SCORECARD_COLUMNS
from dxmodel.models.family import NEEDS_COLUMNS
from dxmodel.text.i18n import significant

REQUIRED_SCORECARD = [
    "target",
    "indicator",
    "year",
    "comparator",
    "value",
    "latest_observed",
    "p_meet",
    "expected",
]
# What scripts read: `--format csv` and `json` keep these columns, in this order.
MACHINE_COLUMNS = {
    "assess": ["scenario", *SCORECARD_COLUMNS, "p_meet_baseline", *NEEDS_COLUMNS],
    "levers": ["lever", "kind", "model", "default", "range", "label"],
    "targets": ["target", "indicator", "geo", "year", "judged_on_year", "comparator", "value",
                "unit", "series", "basis", "clause", "source", "note"],
}  # fmt: skip
EXPONENT = re.compile(r"\d[eE][+-]?\d")  # 3.61e+03, 2.14748e+09
TRAILING_ZERO = re.compile(r"\d\.0(?!\d)")  # 71.0, 20.0


@cache
def table(*args: str, width: int = 100) -> str:
    """A command's text table at a terminal `width` (each run once per test session)."""
    proc = run_cli(*args, env={"COLUMNS": str(width)})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_assess_csv_has_one_row_per_target_and_the_promised_columns(dataset):
    proc = run_cli("assess", "--scenario", "accelerated", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    card = pd.read_csv(io.StringIO(proc.stdout))
    assert set(REQUIRED_SCORECARD) <= set(card.columns)
    assert list(card.target) == list(dataset.targets.target)
    assert (card.scenario == "accelerated").all()


def test_assess_json_is_machine_readable():
    proc = run_cli("assess", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    records = json.loads(proc.stdout)
    by_target = {r["target"]: r for r in records}
    assert by_target["de_share_2025_d749"]["status"] == "missed"
    assert by_target["de_share_2025_d749"]["latest_observed"] == 14.02


def test_assess_table_is_readable_without_nan_markers():
    out = table("assess", width=400)
    assert "EGDI rank among 193 UN member states: top 50 by 2026" in out
    assert "NaN" not in out and "<NA>" not in out and "nan" not in out


def test_data_check_lists_every_table_with_rows_and_sources():
    proc = run_cli("data", "check")
    assert proc.returncode == 0, proc.stderr
    # the loader's eight tables at the top of data/, then every table in data/history
    tables = ["sources.csv", "indicators.csv", "geographies.csv", "targets.csv", "benchmarks.csv",
              "dti_published.csv", "dti_crosswalk.csv", "geography_names.csv"]  # fmt: skip
    tables += [f"history/{path.name}" for path in sorted((DATA / "history").glob("*.csv"))]
    for table in tables:
        assert f"data/{table}" in proc.stdout, table
    assert "undesa_egov_2024" in proc.stdout
    sources, targets = (len(pd.read_csv(DATA / name)) for name in ("sources.csv", "targets.csv"))
    ok = proc.stdout.strip().splitlines()[-1]
    assert ok.startswith(f"OK: {len(tables)} tables, "), ok
    assert f" rows, {sources} sources, {targets} targets, " in ok, ok


def test_scenarios_levers_and_targets_list_the_registries():
    scenarios = run_cli("scenarios", "--format", "csv").stdout
    assert scenarios.splitlines()[1].startswith("baseline,")
    levers = pd.read_csv(io.StringIO(run_cli("levers", "--format", "csv").stdout))
    assert {"policy", "assumption", "setting"} == set(levers.kind)
    assert "Decision 146/QD-TTg" in table("targets", width=400)


def test_usage_errors_are_one_line_with_exit_2():
    assert_one_line_error(run_cli("frobnicate"), "invalid choice: 'frobnicate'")
    assert_one_line_error(run_cli("assess", "--format", "xml"), "invalid choice: 'xml'")
    assert_one_line_error(run_cli("assess", "--scenario", "nope"), "scenario 'nope' not found")
    assert_one_line_error(run_cli(), "the following arguments are required")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [(("frobnicate",), "invalid choice"), (("assess", "--scenario", "nope"), "not found")],
)
def test_the_installed_command_exits_2_with_one_line_and_no_traceback(args, fragment):
    """The rest of this file runs the command in process; a real process shows the real exit
    code and that nothing (an import, the interpreter's shutdown) adds a traceback."""
    assert_one_line_error(run_cli_process(*args), fragment)


def test_the_installed_command_answers_with_exit_0():
    proc = run_cli_process("levers", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout == run_cli("levers", "--format", "csv").stdout


@pytest.mark.parametrize("width", [100, 80])
@pytest.mark.parametrize("command", ["assess", "levers", "targets"])
def test_text_tables_fit_the_terminal_and_never_use_exponents(command, width):
    out = table(command, width=width)
    too_long = [line for line in out.splitlines() if len(line) > width]
    assert not too_long, too_long
    assert not EXPONENT.search(out), EXPONENT.search(out)
    assert not TRAILING_ZERO.search(out), TRAILING_ZERO.search(out)
    assert f"Left out to fit {width} characters:" in out  # each drops a column at these widths


def test_ids_are_hidden_by_default_and_shown_with_ids():
    for command, some_id in [
        ("assess", "egdi_top50_2026_mic"),
        ("targets", "de_share_2030_r52"),
        ("levers", "digital_economy_growth"),
    ]:
        assert some_id not in table(command), command
        assert "--ids adds the ids" in table(command), command
        assert some_id in table(command, "--ids"), command


@pytest.mark.parametrize("command", ["assess", "levers", "targets"])
def test_csv_and_json_keep_their_columns_and_full_precision(command):
    frame = pd.read_csv(io.StringIO(run_cli(command, "--format", "csv", "--ids").stdout))
    records = json.loads(run_cli(command, "--format", "json").stdout)
    assert list(frame.columns) == MACHINE_COLUMNS[command]
    assert list(records[0]) == MACHINE_COLUMNS[command]


def test_assess_csv_has_probabilities_as_fractions_and_unrounded_medians():
    card = pd.read_csv(io.StringIO(run_cli("assess", "--format", "csv").stdout))
    assert card.p_meet.dropna().between(0, 1).all()
    shares = card[card.indicator == "digital_economy_share"].expected.dropna()
    assert (shares != shares.round(1)).any()  # the table rounds; the CSV does not


def test_assess_table_shows_whole_ranks_percentages_units_and_needs():
    card = pd.read_csv(io.StringIO(run_cli("assess", "--format", "csv").stdout))
    out = table("assess", "--ids", width=600)  # wide enough for one line a row
    by_id = {i: next(line for line in out.splitlines() if f" {i} " in line) for i in card.target}
    rank = card.set_index("target").loc["egdi_top50_2026_mic"]
    assert f" {int(rank.expected)} " in by_id["egdi_top50_2026_mic"]
    assert f" {int(rank.low)}–{int(rank.high)} " in by_id["egdi_top50_2026_mic"]
    share = card.set_index("target").loc["de_share_2030_r52"]
    line = by_id["de_share_2030_r52"]
    assert "Digital economy share of GDP ≥ 30% by 2030" in line
    assert f"{significant(share.expected, 3)}%" in line
    need = f"{significant(share.need_value, 3)}% per year vs {significant(share.need_scenario, 3)}"
    assert f"Digital-economy growth: {need}" in line
    assert "<1%" in out and "missed: 71" in out


def test_levers_show_registry_numbers_as_written():
    out = table("levers", width=400)
    assert "2,147,483,647" in out and "2,147,483,647" in table("levers", width=100)
    assert "Random seed" in out and "policy lever" in out


def test_narrow_tables_leave_out_the_lowest_priority_column_and_say_so():
    columns = (
        Column("name", "Name", 1),
        Column("count", "Count", 2, numeric=True),
        Column("note", "Note", 3, min_width=20),
    )
    cells = [
        {"name": "alpha", "count": "1,234", "note": "a note long enough to wrap " * 3},
        {"name": "b", "count": "7", "note": ""},
    ]
    listing = Listing(pd.DataFrame(), columns, cells)
    wide = text_table(listing, ids=False, width=200).splitlines()
    assert wide[0].split() == ["Name", "Count", "Note"]
    narrow = text_table(listing, ids=False, width=30).splitlines()
    assert narrow[:4] == ["Name   Count", "-----  -----", "alpha  1,234", "b          7"]
    assert "Left out to fit 30 characters: Note." in " ".join(narrow)
    assert max(map(len, narrow)) <= 30
