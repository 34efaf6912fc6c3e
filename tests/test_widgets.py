"""The explorer, driven as an analyst would: move levers, reset, save, load, switch language."""

from __future__ import annotations

import numpy as np
import pytest

from dxmodel.levers import KINDS, LEVERS, REGISTRY
from dxmodel.scenario import load_scenario
from dxmodel.session import Session
from dxmodel.widgets import Explorer


@pytest.fixture(scope="module")
def session(dataset):
    return Session(dataset)


@pytest.fixture
def explorer(session, data_copy):
    return Explorer(session=session)


def median_at(explorer: Explorer, chart: str, year: int) -> float:
    (row,) = [r for r in explorer.charts[chart].spec["datasets"]["fan"] if r["year"] == year]
    return row["q50"]


def card(explorer: Explorer):
    return explorer.session.scorecard(explorer.scenario).set_index("target")


def test_controls_come_from_the_registry_grouped_by_kind(explorer):
    assert set(explorer.controls) == set(REGISTRY)
    accordion = explorer.widget.children[2]
    sizes = [len(group.children) for group in accordion.children]
    assert sizes == [sum(lv.kind == kind for lv in LEVERS) for kind in KINDS]
    for lever in LEVERS:
        control = explorer.controls[lever.name]
        if lever.choices:
            assert list(control.options) == list(lever.choices)
        else:  # a slider cannot leave the registry's range
            assert (control.min, control.max, control.step) == (lever.min, lever.max, lever.step)
            assert type(control).__name__ == ("IntSlider" if lever.integer else "FloatSlider")
        assert lever.label_en in control.description and lever.unit_en in control.description
        assert control.tooltip == lever.help_en


def test_a_faster_osi_gain_raises_vietnams_chances_and_lifts_its_rank(explorer):
    before_p = card(explorer).loc["egdi_top50_2026_mic", "p_meet"]
    before_rank = median_at(explorer, "egdi_rank", 2030)
    explorer.set_lever("vnm_osi_gain", 0.15)
    assert card(explorer).loc["egdi_top50_2026_mic", "p_meet"] > before_p
    assert median_at(explorer, "egdi_rank", 2030) < before_rank  # a smaller rank is better
    assert card(explorer).loc["egdi_top50_2026_mic", "p_meet_baseline"] == pytest.approx(before_p)


def test_digital_growth_moves_the_share_chart_and_leaves_other_families_alone(explorer):
    rank_spec, skills_spec = (explorer.charts[n].spec for n in ("egdi_rank", "stem_school_share"))
    before = median_at(explorer, "digital_economy", 2030)
    baseline = explorer.charts["digital_economy"].spec["datasets"]["baseline"]
    explorer.set_lever("digital_economy_growth", 20.0)
    assert median_at(explorer, "digital_economy", 2030) > before
    assert explorer.charts["digital_economy"].spec["datasets"]["baseline"] == baseline
    assert explorer.charts["egdi_rank"].spec is rank_spec  # not redrawn: not its family
    assert explorer.charts["stem_school_share"].spec is skills_spec


def test_more_training_capacity_raises_coverage(explorer):
    before = median_at(explorer, "officials_trained_share", 2025)
    explorer.set_lever("officials_training_capacity", 1000.0)
    assert median_at(explorer, "officials_trained_share", 2025) > before
    assert "officials_trained_100_2025_d146" in explorer.scorecard.value


def test_reset_restores_the_baseline_exactly(explorer):
    first = {name: chart.spec for name, chart in explorer.charts.items()}
    explorer.set_lever("vnm_tii_gain", 0.0)
    explorer.set_lever("skills_outreach", 0.3)
    explorer.reset_button.click()
    assert explorer.scenario == load_scenario("baseline")
    for name, chart in explorer.charts.items():
        assert chart.spec["datasets"] == first[name]["datasets"], name
    assert all(explorer.controls[lv.name].value == lv.default for lv in LEVERS)


def test_save_then_load_round_trips(explorer, data_copy):
    explorer.set_lever("graduate_intake", 4000)
    explorer.set_lever("digital_economy_series", "mic_estimate")
    path = explorer.save("my_plan", "My plan")
    assert path == data_copy / "scenarios" / "my_plan.yaml" and path.is_file()
    saved = load_scenario("my_plan")
    assert saved.value("graduate_intake") == 4000
    assert saved.value("digital_economy_series") == "mic_estimate"
    explorer.load("baseline")
    assert explorer.scenario.value("graduate_intake") == REGISTRY["graduate_intake"].default
    explorer.load(str(path))
    assert dict(explorer.scenario.levers) == dict(saved.levers)
    assert explorer.controls["graduate_intake"].value == 4000
    assert "my_plan" in explorer.preset.options


@pytest.mark.parametrize("name", ["baseline", "my_plan"])
def test_saving_never_overwrites_a_file_without_asking(explorer, data_copy, name):
    explorer.save("my_plan")
    target = data_copy / "scenarios" / f"{name}.yaml"
    before = target.read_bytes()
    explorer.set_lever("seed", 7)
    assert explorer.save(name) is None
    assert "already exists" in explorer.message.value
    assert target.read_bytes() == before
    assert explorer.save(name, replace=True) == target
    assert load_scenario(name).value("seed") == 7


@pytest.mark.parametrize("name", ["../outside", "Bad Name", ""])
def test_hostile_or_empty_names_are_refused(explorer, data_copy, name):
    assert explorer.save(name) is None
    assert "is not allowed" in explorer.message.value
    assert not (data_copy.parent / "outside.yaml").exists()


def test_a_model_error_is_a_message_and_the_last_good_charts_stay(explorer):
    good = {name: chart.spec for name, chart in explorer.charts.items()}
    scenario = explorer.scenario
    explorer.set_lever("skills_ceiling", 30)  # below the 40% starting share
    assert "skills_ceiling" in explorer.message.value and "Traceback" not in explorer.message.value
    assert all(chart.spec is good[name] for name, chart in explorer.charts.items())
    assert explorer.scenario == scenario
    assert explorer.controls["skills_ceiling"].value == scenario.value("skills_ceiling")


def test_a_bad_file_is_a_message_not_an_exception(explorer, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: {en: x}\nlevers: {gdp_growth: 99}\n", encoding="utf-8")
    explorer.load(str(bad))
    assert "out of range" in explorer.message.value
    assert explorer.scenario == load_scenario("baseline")


def test_the_language_switch_relabels_controls_and_charts(explorer):
    explorer.language_switch.value = "vi"
    assert explorer.controls["gdp_growth"].description.startswith(REGISTRY["gdp_growth"].label_vi)
    assert explorer.charts["egdi_rank"].spec["title"].startswith("Thứ hạng EGDI")
    assert "Xác suất đạt" in explorer.scorecard.value
    explorer.language_switch.value = "en"
    assert explorer.charts["egdi_rank"].spec["title"].startswith("Viet Nam's UN EGDI rank")


def test_the_charts_run_offline(explorer):
    import altair as alt

    assert alt.JupyterChart._is_offline
    bundle = alt.JupyterChart._esm
    assert "cdn.jsdelivr" not in bundle and "unpkg.com" not in bundle
    assert all(chart.embed_options == {"actions": False} for chart in explorer.charts.values())


def test_refreshes_are_timed_for_the_benchmark(explorer):
    explorer.timings.clear()
    for value in np.linspace(0.04, 0.1, 3):
        explorer.set_lever("vnm_hci_gain", float(value))
    assert len(explorer.timings) == 3 and all(t > 0 for t in explorer.timings)
