"""Scenario files: presets load, round-trip exactly, and bad files get one clear line."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pandas as pd
import pytest
from conftest import assert_one_line_error, run_cli

from dxmodel.core.levers import REGISTRY, default_values
from dxmodel.core.scenario import Scenario, list_scenarios, load_scenario, parse_scenario
from dxmodel.util.errors import ScenarioError

PRESETS = ["baseline", "accelerated", "stalled", "mic_normal", "mic_quicker", "mic_breakthrough"]
GOOD = """\
title:
  en: Mine
levers:
  gdp_growth: 7.0
"""


def test_the_required_presets_exist_and_baseline_comes_first():
    names = list_scenarios()
    assert set(PRESETS) <= set(names)
    assert names[0] == "baseline"


@pytest.mark.parametrize("name", PRESETS)
def test_preset_round_trips_through_yaml(name, tmp_path):
    scenario = load_scenario(name)
    assert scenario.title_in("en") and scenario.title_in("vi") != scenario.title_in("en")
    text = scenario.to_yaml()
    copy = tmp_path / f"{name}.yaml"
    copy.write_text(text, encoding="utf-8")
    again = load_scenario(copy)
    assert again == scenario
    assert again.to_yaml() == text
    assert again.digest() == scenario.digest()


def test_baseline_sets_nothing_and_takes_every_default():
    baseline = load_scenario("baseline")
    assert dict(baseline.levers) == {}
    assert baseline.values() == default_values()


def test_scenarios_are_values_not_shared_state():
    baseline = load_scenario("baseline")
    changed = baseline.with_levers(gdp_growth=8.0)
    assert changed.value("gdp_growth") == 8.0
    assert baseline.value("gdp_growth") == REGISTRY["gdp_growth"].default
    with pytest.raises(TypeError):
        baseline.levers["gdp_growth"] = 1.0  # type: ignore[index]
    assert changed.digest() != baseline.digest()


def test_with_levers_validates():
    with pytest.raises(ScenarioError, match="out of range"):
        load_scenario("baseline").with_levers(gdp_growth=99.0)


def write(tmp_path: Path, text: str | bytes, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


BAD_FILES = [
    ("unknown lever", GOOD + "  gdp_grwth: 7\n", ["levers", "unknown lever 'gdp_grwth'",
                                                  "did you mean 'gdp_growth'?"]),
    ("out of range", GOOD.replace("7.0", "25"), ["levers.gdp_growth = 25 is out of range",
                                                 "allowed -10 to 20 (% per year)"]),
    ("text for a number", GOOD.replace("7.0", "fast"), ["levers.gdp_growth must be a number",
                                                        "'fast'"]),
    ("boolean", GOOD.replace("7.0", "yes"), ["levers.gdp_growth must be a number, got True"]),
    ("NaN", GOOD.replace("7.0", ".nan"), ["levers.gdp_growth = nan is not a finite number"]),
    ("infinite", GOOD.replace("7.0", "-.inf"), ["is not a finite number"]),
    ("fraction for a whole number", GOOD.replace("gdp_growth: 7.0", "draws: 2500.5"),
     ["levers.draws = 2500.5 must be a whole number", "100 to 20000"]),
    ("unknown choice", GOOD.replace("gdp_growth: 7.0", "digital_economy_series: gdp"),
     ["levers.digital_economy_series = 'gdp' is not one of: gso_value_added, mic_estimate"]),
    ("a series the model cannot run", GOOD.replace("gdp_growth: 7.0",
                                                   "digital_economy_series: draft_2020"),
     ["levers.digital_economy_series = 'draft_2020' is not one of"]),
    ("YAML syntax", "title: [unclosed\n", ["line 2: not valid YAML"]),
    ("duplicate key", GOOD + "  gdp_growth: 8.0\n", ["duplicate key 'gdp_growth'"]),
    ("a list, not a mapping", "- gdp_growth\n", ["expected a mapping with keys", "got list"]),
    ("empty file", "", ["expected a mapping", "got NoneType"]),
    ("unknown top-level key", GOOD + "colour: red\n", ["unknown key 'colour'",
                                                      "allowed: name, title, description"]),
    ("no title", "levers: {}\n", ["title must be a mapping with a non-empty text in one of: en"]),
    ("title in another language", "title:\n  en: a\n  fr: b\n", ["title.fr is not allowed"]),
    ("levers not a mapping", "title: {en: a}\nlevers: [1, 2]\n", ["levers must be a mapping"]),
    ("name differs from file", "name: baseline\n" + GOOD, ["name 'baseline' does not match",
                                                           "'mine'"]),
    ("not UTF-8", b"title: {en: \xff}\n", ["not UTF-8 text"]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "text", "fragments"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_scenario_file_gets_one_clear_line(tmp_path, case, text, fragments):
    path = write(tmp_path, text)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    for fragment in fragments:
        assert fragment in message, (fragment, message)


@pytest.mark.parametrize(
    ("given", "fragments"),
    [
        ("no_such_preset", ["scenario 'no_such_preset' not found", "presets: baseline"]),
        ("../../etc/passwd", ["passwd", "must end in .yaml"]),
        ("Bad Name", ["scenario name 'Bad Name' is not allowed", "lower-case letters"]),
        ("x" * 65, ["is not allowed"]),
        ("sub/dir/Évil name.yaml", ["file name 'Évil name' is not allowed"]),
        ("missing/file.yaml", ["missing/file.yaml: scenario file not found"]),
    ],
)
def test_bad_names_and_missing_files(given, fragments):
    with pytest.raises(ScenarioError) as err:
        load_scenario(given)
    for fragment in fragments:
        assert fragment in str(err.value), (fragment, str(err.value))


def test_a_file_outside_the_presets_loads_by_path(tmp_path):
    scenario = load_scenario(write(tmp_path, GOOD))
    assert scenario.name == "mine"
    assert scenario.value("gdp_growth") == 7.0
    assert scenario.value("draws") == REGISTRY["draws"].default
    assert isinstance(scenario.value("draws"), int)


def test_integers_given_for_float_levers_are_normalised():
    s = parse_scenario(GOOD.replace("7.0", "7"), Path("x.yaml"))
    assert s.value("gdp_growth") == 7.0 and isinstance(s.value("gdp_growth"), float)
    assert not math.isnan(s.value("gdp_growth"))


def test_cli_rejects_a_bad_scenario_with_exit_2(tmp_path):
    path = write(tmp_path, GOOD.replace("7.0", "25"))
    assert_one_line_error(run_cli("assess", "--scenario", str(path)), "out of range")


def test_cli_assess_accepts_a_scenario_file(tmp_path):
    proc = run_cli("assess", "--scenario", str(write(tmp_path, GOOD)), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    card = pd.read_csv(io.StringIO(proc.stdout)).set_index("target")
    assert (card.scenario == "mine").all()
    assert 0 <= card.loc["egdi_top50_2026_mic", "p_meet"] <= 1  # the models ran on this file


def test_equal_content_means_equal_scenarios():
    a = Scenario("a", {"en": "t"}, {}, {"gdp_growth": 6.0})
    assert a == Scenario("a", {"en": "t"}, {}, {"gdp_growth": 6.0})
    assert a != Scenario("a", {"en": "t"}, {}, {"gdp_growth": 6.1})
    assert hash(a) == hash(Scenario("a", {"en": "t"}, {}, {"gdp_growth": 6.0}))


def test_a_scenario_without_a_description_round_trips_through_its_file_form():
    from pathlib import Path

    from dxmodel.core.scenario import parse_scenario

    plain = parse_scenario("title:\n  en: Mine\nlevers: {}\n", Path("mine.yaml"))
    assert parse_scenario(plain.to_yaml(), Path("mine.yaml")) == plain
