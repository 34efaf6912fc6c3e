"""The analyst's workspace: found upward from the working folder, made by `dxmodel init`,
written by commands; the installation is only read. And one grammar for every command."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import assert_one_line_error, run_cli, run_cli_process

from dxmodel.cli.commands import lab_command
from dxmodel.core.scenario import list_saved_scenarios, load_scenario
from dxmodel.util import paths
from dxmodel.util.errors import DxError
from dxmodel.util.workspace import EXAMPLE, init_workspace


@pytest.fixture
def unpinned(monkeypatch, tmp_path):
    """No workspace pinned by the environment: the search from the working folder decides."""
    for name in (paths.WORKSPACE_VARIABLE, paths.DATA_VARIABLE, paths.REPORTS_VARIABLE):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_workspace_is_found_upward_and_else_is_the_working_folder(unpinned, monkeypatch):
    assert paths.workspace() == unpinned  # no dxmodel.toml anywhere above: here
    assert paths.reports_dir() == unpinned / "reports"
    init_workspace(unpinned / "ws")
    deep = unpinned / "ws" / "notebooks" / "deeper"
    deep.mkdir()
    monkeypatch.chdir(deep)
    assert paths.workspace() == unpinned / "ws"
    assert paths.reports_dir() == unpinned / "ws" / "reports"
    assert paths.user_scenarios_dir() == unpinned / "ws" / "scenarios"
    assert paths.data_dir() == paths.SHIPPED_DATA  # no copy of its own: the shipped data


def test_a_workspace_may_rename_its_folders_and_a_bad_marker_is_one_line(unpinned):
    (unpinned / "dxmodel.toml").write_text('[folders]\nreports = "out"\n')
    assert paths.reports_dir() == unpinned / "out"
    (unpinned / "dxmodel.toml").write_text('[folders]\nreprts = "out"\n')
    with pytest.raises(DxError, match=r"dxmodel.toml: \[folders\] takes data, scenarios"):
        paths.reports_dir()
    (unpinned / "dxmodel.toml").write_text("[folders\n")
    with pytest.raises(DxError, match=r"dxmodel\.toml: not valid TOML"):
        paths.reports_dir()


def test_init_adds_what_is_missing_and_never_overwrites(unpinned):
    added = init_workspace(unpinned / "ws")
    example = unpinned / "ws" / "scenarios" / f"{EXAMPLE}.yaml"
    assert example in added and (unpinned / "ws" / "dxmodel.toml") in added
    assert not (unpinned / "ws" / "notebooks" / "report.ipynb").exists()  # a template, not ours
    assert load_scenario(example).levers == {}  # a valid scenario: the baseline, to edit
    example.write_text(example.read_text().replace("levers: {}", "levers: {draws: 500}"))
    assert init_workspace(unpinned / "ws") == []  # again: nothing to add, nothing replaced
    assert "draws: 500" in example.read_text()


def test_init_with_data_gives_an_editable_copy_that_is_read_instead(unpinned, monkeypatch):
    init_workspace(unpinned / "ws", with_data=True)
    monkeypatch.chdir(unpinned / "ws")
    assert paths.data_dir() == unpinned / "ws" / "data"
    assert (unpinned / "ws" / "data" / "scenarios" / "baseline.yaml").is_file()
    assert paths.ledger_dir() == unpinned / "ws" / "data" / "ledger"  # the analyst's data
    assert list_saved_scenarios() == [EXAMPLE]


def test_init_refuses_a_file_and_the_installation(unpinned):
    (unpinned / "taken").write_text("x")
    with pytest.raises(DxError, match="taken: a file, not a folder"):
        init_workspace(unpinned / "taken")
    with pytest.raises(DxError, match="inside dxmodel's installation"):
        init_workspace(paths.PACKAGE / "ws")
    assert not (paths.PACKAGE / "ws").exists()


def test_the_cli_init_says_what_it_made(unpinned):
    made = run_cli_process("init", "ws", cwd=unpinned, env={paths.WORKSPACE_VARIABLE: ""})
    # an empty variable is refused, not taken as the working folder
    assert_one_line_error(made, "DXMODEL_WORKSPACE is set but empty")
    made = subprocess.run(
        [sys.executable, "-m", "dxmodel.cli", "init", "ws"],
        cwd=unpinned, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert f"made {unpinned / 'ws' / 'dxmodel.toml'}" in made.stdout
    assert made.stdout.strip().endswith("is a dxmodel workspace")


def test_an_empty_reports_variable_is_refused_not_the_working_folder(unpinned):
    proc = run_cli_process("report", "baseline", cwd=unpinned, env={"DXMODEL_REPORTS_DIR": ""})
    assert_one_line_error(proc, "DXMODEL_REPORTS_DIR is set but empty")
    assert list(unpinned.iterdir()) == []


def test_reports_dir_flag_and_its_variable_name_where_reports_go(unpinned, tmp_path):
    assert_one_line_error(run_cli("--reports-dir", "", "report"), "--reports-dir is empty")
    (tmp_path / "file").write_text("x")
    proc = run_cli("--reports-dir", str(tmp_path / "file"), "report", "baseline")
    assert_one_line_error(proc, "file: a file, not a folder")
    proc = run_cli("report", "baseline", env={"DXMODEL_REPORTS_DIR": str(paths.PACKAGE / "x")})
    assert_one_line_error(proc, "inside dxmodel's installation")
    assert not (paths.PACKAGE / "x").exists()


def test_a_missing_data_folder_is_named_as_such(unpinned):
    proc = run_cli("--data-dir", "/nonexistent", "assess")
    assert_one_line_error(proc, "--data-dir /nonexistent: no such folder")


def test_the_lab_command_runs_this_pythons_jupyterlab_offline_on_the_workspace(unpinned):
    init_workspace(unpinned)
    argv = lab_command(unpinned, None, ["--no-browser"])
    assert argv[:4] == [sys.executable, "-m", "jupyterlab", "notebooks/explorer.ipynb"]
    assert "--LabApp.news_url=None" in argv and argv[-1] == "--no-browser"
    assert "jupyterlab.NeverCheckForUpdate" in " ".join(argv)
    with pytest.raises(DxError, match="no such notebook"):
        lab_command(unpinned, "missing.ipynb")


def test_lab_outside_a_workspace_says_what_to_do(unpinned):
    proc = run_cli_process("lab", cwd=unpinned, env={paths.WORKSPACE_VARIABLE: str(unpinned)})
    assert_one_line_error(proc, "explorer.ipynb: no such notebook", "dxmodel init")


def test_the_scenario_is_positional_everywhere_and_the_old_flag_still_works():
    by_position = run_cli("assess", "stalled", "--format", "csv")
    by_flag = run_cli("assess", "--scenario", "stalled", "--format", "csv")
    assert by_position.returncode == 0 and by_position.stdout == by_flag.stdout
    assert by_position.stdout.splitlines()[1].startswith("stalled,")
    both = run_cli("assess", "stalled", "--scenario", "baseline")
    assert_one_line_error(both, "give the scenario once")


def test_scenarios_show_labels_and_the_analysts_own(unpinned, monkeypatch):
    init_workspace(unpinned)
    monkeypatch.setenv(paths.WORKSPACE_VARIABLE, str(unpinned))
    proc = run_cli("scenarios", env={"COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    stalled = next(line for line in proc.stdout.splitlines() if line.startswith("stalled"))
    assert "Digital-economy growth: 6.5% per year" in stalled  # labels and units, not ids
    assert "digital_economy_growth" not in stalled
    assert any(
        line.startswith(f"{EXAMPLE} ") and "yours" in line for line in proc.stdout.splitlines()
    )
    with_ids = run_cli("scenarios", "--ids", env={"COLUMNS": "200"})
    assert "digital_economy_growth=6.5" in with_ids.stdout


def test_a_closed_stdout_is_refused_before_anything_is_done(data_copy):
    proc = subprocess.run(
        ["bash", "-c", f"exec '{sys.executable}' -m dxmodel.cli ledger freeze stalled >&-"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "dxmodel: error: standard output is closed: run with it open (or send it to /dev/null)"
    ]
    assert not list((data_copy / "ledger").glob("*_stalled.csv"))


def test_an_empty_data_folder_with_a_scenarios_folder_is_said_not_a_traceback(tmp_path):
    (tmp_path / "scenarios").mkdir()
    listed = run_cli("--data-dir", str(tmp_path), "scenarios")
    assert listed.returncode == 0 and listed.stdout.strip() == "(none)", listed.stderr
    assert_one_line_error(run_cli("--data-dir", str(tmp_path), "assess"), "baseline", "not found")
    assert_one_line_error(run_cli("--data-dir", str(tmp_path), "data", "check"), "sources.csv")
