"""Attack inputs of issue 18 that reach the CLI's own checks, each with its exact input:
control characters in a scenario file (every command that reads one, and the explorer's Load)
and a data folder without its presets."""

from __future__ import annotations

import shutil

import pytest
from conftest import assert_one_line_error, run_cli

from dxmodel.explorer.widgets import Explorer

CONTROL = {
    "NUL": "\x00",
    "escape": "\x1b",
    "bell": "\x07",
    "DEL": "\x7f",
    "C1 NEL": "\x85",
}
COMMANDS = {  # every command that reads a scenario file, with arguments that would otherwise run
    "assess": ("assess", "{path}"),
    "report": ("report", "{path}", "--language", "en"),
    "sweep": ("sweep", "{path}", "--method", "morris", "--samples", "2", "--jobs", "1"),
    "ledger freeze": ("ledger", "freeze", "{path}"),
}


def _poisoned(folder, character: str):
    path = folder / "plan.yaml"
    path.write_text(f"name: plan\ntitle:\n  en: My{character}plan\nlevers: {{}}\n", "utf-8")
    return path


@pytest.mark.parametrize("character", CONTROL.values(), ids=CONTROL.keys())
@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_control_character_in_a_scenario_file_is_one_line_with_its_place(
    command, character, data_copy, tmp_path
):
    path = _poisoned(tmp_path, character)
    proc = run_cli(*(arg.format(path=path) for arg in command))
    code = f"U+{ord(character):04X}"
    assert_one_line_error(proc, "plan.yaml line 3 column 9", code, "not allowed")
    assert not (tmp_path / "reports").exists() and not list(data_copy.glob("ledger/*_plan.csv"))


def test_the_explorer_says_a_control_character_instead_of_failing(session, data_copy, tmp_path):
    explorer = Explorer(session=session)
    before = explorer.scenario
    assert explorer.load(str(_poisoned(tmp_path, "\x00"))) is False
    assert "U+0000 is not allowed" in explorer.message.value
    assert explorer.scenario == before  # nothing taken from the file


def test_data_check_refuses_a_data_folder_without_its_scenarios(data_copy):
    shutil.rmtree(data_copy / "scenarios")
    assert_one_line_error(run_cli("data", "check"), "scenarios: no scenarios folder")


def test_data_check_refuses_a_data_folder_without_the_baseline(data_copy):
    (data_copy / "scenarios" / "baseline.yaml").unlink()
    assert_one_line_error(run_cli("data", "check"), "baseline.yaml is missing")


def test_a_removed_key_target_stops_report_before_any_render(data_copy, tmp_path):
    targets = data_copy / "targets.csv"
    lines = targets.read_text("utf-8").splitlines(keepends=True)
    targets.write_text("".join(x for x in lines if not x.startswith("egdi_top50_2026_mic,")))
    proc = run_cli("report", "baseline", "--language", "en")
    assert_one_line_error(proc, "targets.csv", "egdi_top50_2026_mic")
    assert not (tmp_path / "reports").exists()
