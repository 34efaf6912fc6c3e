"""The `dxmodel` command: each subcommand's output, and one-line errors with exit code 2."""

from __future__ import annotations

import io
import json

import pandas as pd
from conftest import assert_one_line_error, run_cli

REQUIRED_SCORECARD = ["target", "indicator", "year", "comparator", "value", "latest_observed",
                      "p_meet", "expected"]  # fmt: skip


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
    proc = run_cli("assess")
    assert proc.returncode == 0, proc.stderr
    assert "egdi_top50_2026_mic" in proc.stdout
    assert "NaN" not in proc.stdout and "<NA>" not in proc.stdout


def test_data_check_lists_every_table_with_rows_and_sources():
    proc = run_cli("data", "check")
    assert proc.returncode == 0, proc.stderr
    for table in ("sources.csv", "targets.csv", "history/egdi.csv", "history/training.csv"):
        assert table in proc.stdout
    assert "undesa_egov_2024" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1].startswith("OK: 13 tables")


def test_scenarios_levers_and_targets_list_the_registries():
    scenarios = run_cli("scenarios", "--format", "csv").stdout
    assert scenarios.splitlines()[1].startswith("baseline,")
    levers = pd.read_csv(io.StringIO(run_cli("levers", "--format", "csv").stdout))
    assert {"policy", "assumption", "setting"} == set(levers.kind)
    targets = run_cli("targets").stdout
    assert "Decision 146/QD-TTg" in targets


def test_usage_errors_are_one_line_with_exit_2():
    assert_one_line_error(run_cli("frobnicate"), "invalid choice: 'frobnicate'")
    assert_one_line_error(run_cli("assess", "--format", "xml"), "invalid choice: 'xml'")
    assert_one_line_error(run_cli("assess", "--scenario", "nope"), "scenario 'nope' not found")
    assert_one_line_error(run_cli(), "the following arguments are required")
