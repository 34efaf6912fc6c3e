"""The lever registry: well-formed, and its defaults traceable to the data they cite."""

from __future__ import annotations

import math

import pytest

from dxmodel.core.levers import KINDS, LEVERS, REGISTRY, SHARED, default_values, get_lever
from dxmodel.core.scenario import load_scenario
from dxmodel.models import FAMILIES
from dxmodel.models.digital_economy import central_path, relative_growth

MODELS = {f.name for f in FAMILIES if f.indicators} | {SHARED}  # families that judge targets


@pytest.mark.parametrize("lever", LEVERS, ids=[lv.name for lv in LEVERS])
def test_every_lever_is_complete_and_its_default_is_allowed(lever):
    assert lever.kind in KINDS and lever.model.split(".")[0] in MODELS
    for language in ("en", "vi"):
        for text in (lever.label(language), lever.unit(language), lever.help(language)):
            assert text.strip()
    assert lever.label("vi") != lever.label_text  # translated, not fallen back to English
    assert lever.check(lever.default, "registry") == lever.default
    if not lever.choices:
        assert lever.min < lever.max and lever.step > 0
        on_grid = (lever.default - lever.min) / lever.step
        assert math.isclose(on_grid, round(on_grid), abs_tol=1e-6), "default off the slider grid"


def test_names_are_unique_and_the_registry_is_read_only():
    assert len(REGISTRY) == len(LEVERS)
    with pytest.raises(TypeError):
        REGISTRY["x"] = LEVERS[0]  # type: ignore[index]


def test_every_model_family_and_kind_has_levers():
    assert {lv.model.split(".")[0] for lv in LEVERS} == MODELS
    assert {lv.kind for lv in LEVERS} == set(KINDS)


def test_unknown_lever_suggests_the_closest_name():
    with pytest.raises(Exception, match="did you mean 'draws'"):
        get_lever("draw")


def _series(history, dataset, indicator, series):
    rows = history[(history.indicator == indicator) & (history.geo == "VNM")]
    return rows[rows.source.map(dataset.series_of) == series].set_index("year").value


def test_recent_pace_is_the_2014_2024_mean_change_the_lever_help_quotes(history, dataset):
    """vnm_pace=recent_pace repeats Viet Nam's measured mean gains; the help text quotes them."""
    from dxmodel.models.ranking import fit_dataset

    fit = fit_dataset(dataset)
    help_text = REGISTRY["vnm_pace"].help_text
    for k, component in enumerate(("osi", "tii", "hci")):
        s = _series(history, dataset, component, "undesa_egov").loc[2014:2024]
        mean_change = (s.iloc[-1] - s.iloc[0]) / (len(s) - 1)
        assert fit.historical_gain("VNM")[k] == pytest.approx(mean_change)
        assert f"+{mean_change:.3f} {component.upper()}" in help_text
        # extra effort is zero in the baseline: the baseline is the fitted path
        assert default_values()[f"vnm_{component}_gain"] == 0


def test_growth_defaults_follow_the_cited_series(history, dataset):
    gdp = _series(history, dataset, "gdp_current_usd", "wb_wdi")
    cagr = 100 * ((gdp[2023] / gdp[2019]) ** (1 / 4) - 1)
    assert default_values()["gdp_growth"] == pytest.approx(cagr, abs=0.05)
    # Five years of the default growth take GSO's 2020 share to its published 2025 share.
    share = _series(history, dataset, "digital_economy_share", "gso_value_added")
    factor = relative_growth(load_scenario("baseline"))
    assert central_path(share[2020], 5, factor) == pytest.approx(share[2025], abs=0.05)


@pytest.mark.parametrize("variant", ["normal", "quicker", "breakthrough"])
def test_mic_presets_reach_the_published_2025_share(dataset, variant):
    """From the 8.2% of 2020, five years of the preset's relative growth land on MIC's 2025."""
    published = dataset.benchmarks.set_index("benchmark").value[f"mic_2022_{variant}"]
    draft = dataset.history.query("source == 'vnexpress_de_2020'").value.item()  # 8.2% in 2020
    factor = relative_growth(load_scenario(f"mic_{variant}"))
    assert central_path(draft, 5, factor) == pytest.approx(published, abs=0.1)


@pytest.mark.parametrize("name", ["accelerated", "stalled"])
def test_policy_presets_move_only_policy_levers(name):
    scenario = load_scenario(name)
    assert scenario.levers, "a preset that changes nothing is the baseline"
    assert {REGISTRY[k].kind for k in scenario.levers} == {"policy"}


def test_accelerated_pushes_every_lever_it_sets_beyond_stalled():
    fast, slow = load_scenario("accelerated"), load_scenario("stalled")
    for name in set(fast.levers) | set(slow.levers):
        assert fast.value(name) > slow.value(name), name


def test_every_policy_lever_and_numeric_assumption_has_a_span_settings_and_choices_none():
    for lever in LEVERS:
        sweepable = lever.kind in ("policy", "assumption") and not lever.choices
        assert (lever.span is not None) == sweepable, lever.name


@pytest.mark.parametrize("lever", [lv for lv in LEVERS if lv.span], ids=lambda lv: lv.name)
def test_a_span_lies_inside_the_registry_range_and_holds_the_default(lever):
    low, high = lever.span
    assert lever.min <= low < high <= lever.max
    assert low <= lever.default <= high


def test_policy_spans_reach_from_below_stalled_to_beyond_accelerated():
    """What the sweep page says of the spans: every policy lever the presets move is swept
    over at least the stalled-to-accelerated range (its span holds both presets' values)."""
    fast, slow = load_scenario("accelerated"), load_scenario("stalled")
    for name in set(fast.levers) | set(slow.levers):
        low, high = REGISTRY[name].span
        assert low <= slow.value(name) and fast.value(name) <= high, name


def test_ordered_pairs_cannot_cross_within_their_spans():
    from dxmodel.core.levers import ORDERED_PAIRS

    for below, above in ORDERED_PAIRS:
        assert REGISTRY[below].span[1] < REGISTRY[above].span[0]
