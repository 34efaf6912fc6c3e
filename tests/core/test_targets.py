"""The target registry and the scorecard built from it."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from dxmodel.core.projection import Projection
from dxmodel.core.targets import AT_RISK, CHANCE, SCORECARD_COLUMNS, assess, outlook_key

# (indicator, year, comparator, value) of every commitment the foundation issue names.
REQUIRED = [
    ("digital_economy_share", 2025, ">=", 20), ("digital_economy_share", 2030, ">=", 30),
    ("digital_economy_share", 2045, ">=", 50),
    ("egdi_rank", 2025, "<=", 70), ("egdi_rank", 2030, "<=", 50), ("egdi_rank", 2025, "<=", 50),
    ("egdi_rank", 2030, "<=", 30), ("egdi_rank", 2026, "<=", 50),
    ("egdi_rank_sea", 2025, "<=", 4),
    ("gci_rank", 2025, "<=", 40), ("dt_experts_trained", 2025, ">=", 1000),
    ("online_service_skills_share", 2025, ">=", 70),
    ("online_service_skills_share", 2030, ">=", 90),
    ("digital_tech_graduates", 2025, ">=", 5000), ("digital_tech_graduates", 2030, ">=", 20000),
    ("stem_school_share", 2025, ">=", 50), ("stem_school_share", 2030, ">=", 80),
    ("officials_trained_share", 2025, ">=", 100), ("digital_university_share", 2030, ">=", 50),
    ("dt_expert_network_members", 2023, ">=", 500),
]  # fmt: skip


@pytest.fixture(scope="module")
def card(dataset):
    return assess(dataset, as_of=2026).set_index("target")


def test_every_required_target_is_registered_with_a_legal_basis(dataset):
    t = dataset.targets
    keys = set(zip(t.indicator, t.year, t.comparator, t.value, strict=True))
    for key in REQUIRED:
        assert key in keys, key
    assert (t.basis.str.len() > 0).all()


def test_the_same_target_in_two_documents_keeps_both_rows(dataset):
    t = dataset.targets
    de2030 = t[(t.indicator == "digital_economy_share") & (t.year == 2030)]
    assert set(de2030.basis.str.split().str[:2].str.join(" ")) == {
        "Resolution 52-NQ/TW",
        "Decision 749/QD-TTg",
        "Resolution 57-NQ/TW",
        "14th Party",  # Congress resolution (2026)
    }


def test_scorecard_has_the_promised_columns_and_one_row_per_target(card, dataset):
    assert list(card.reset_index().columns) == list(SCORECARD_COLUMNS)
    assert len(card) == len(dataset.targets)


def test_observed_years_are_judged_on_the_data_not_forecast(card):
    # GSO's 2025 share is published (14.02%): the 20% target is missed, not forecast.
    row = card.loc["de_share_2025_d749"]
    assert (row.status, row.latest_observed, row.latest_year) == ("missed", 14.02, 2025)
    assert np.isnan(row.p_meet)
    # "Top 70 by 2025" is read on the 2024 edition, where Viet Nam ranked 71st.
    assert card.loc["egdi_top70_2025_d749", "status"] == "missed"
    assert card.loc["egdi_top70_2025_d749", "latest_observed"] == 71
    assert card.loc["egdi_top4_asean_2025_r52", "latest_observed"] == 5


def test_future_targets_stay_open_and_passed_deadlines_are_not_forecast(card):
    assert card.loc["egdi_top50_2026_mic", "status"] == "open"
    assert card.loc["egdi_top50_2026_mic", "latest_year"] == 2024
    # every target whose deadline passed before 2026 is decided: met, missed or unmeasured
    passed = card[card.judged_on_year < 2026]
    assert set(passed.status) <= {"met", "missed", "unmeasured"}
    assert set(card[card.judged_on_year >= 2026].status) == {"open"}
    expert = card.loc["dt_experts_1000_2025_d146"]
    assert expert.status == "unmeasured" and "deadline passed" in expert.status_note
    assert card.loc["expert_network_500_2023_mic", "status"] == "unmeasured"
    # the same registry read a year earlier: 2025 was still ahead
    assert assess_as_of_2025(card).loc["dt_experts_1000_2025_d146", "status"] == "open"


def assess_as_of_2025(card):
    from dxmodel.core.data import load_dataset

    return assess(load_dataset(), as_of=2025).set_index("target")


def test_gci_is_met_on_a_press_derived_rank_and_says_so(card):
    gci = card.loc["gci_top40_2025_d749"]
    assert (gci.status, gci.latest_observed, gci.latest_year) == ("met", 17, 2024)
    assert "not an official ITU rank" in gci.note


def test_a_projection_fills_p_meet_and_the_median_from_its_draws(dataset):
    draws = np.array([[40, 45, 60, 80], [30, 35, 50, 90]], dtype=float)
    proj = Projection("egdi_rank", "VNM", "undesa_egov", "rank", np.array([2026, 2030]), draws)
    card = assess(dataset, {("egdi_rank", "VNM", "undesa_egov"): proj}, as_of=2026)
    row = card.set_index("target").loc["egdi_top50_2026_mic"]
    assert row.p_meet == pytest.approx(0.5)  # 40 and 45 are within the top 50
    # "expected" is the median, a rank one of the draws reached (not the mean, 56.25)
    assert row.expected == 45 and float(row.expected).is_integer()
    assert row.low <= row.expected <= row.high
    assert row.p_basis == "model"
    top30 = card.set_index("target").loc["egdi_top30_2030_d942"]
    assert top30.p_meet == pytest.approx(0.25)  # rank 30 is inside the top 30
    # Met or missed targets are not overridden by a projection.
    assert np.isnan(card.set_index("target").loc["egdi_top70_2025_d749", "p_meet"])


def test_no_probability_for_a_passed_deadline_even_with_a_projection(dataset):
    draws = np.full((3, 10), 2000.0)
    proj = Projection(
        "dt_experts_trained", "VNM", "", "persons", np.array([2024, 2025, 2026]), draws
    )
    late = assess(dataset, {("dt_experts_trained", "VNM", ""): proj}, as_of=2026)
    early = assess(dataset, {("dt_experts_trained", "VNM", ""): proj}, as_of=2025)
    pick = lambda card: card.set_index("target").loc["dt_experts_1000_2025_d146"]  # noqa: E731
    assert np.isnan(pick(late).p_meet) and np.isnan(pick(late).expected)
    assert pick(early).p_meet == 1.0 and pick(early).expected == 2000


def test_units_of_targets_match_their_indicators(dataset):
    units = dataset.indicators.set_index("indicator").unit
    t = dataset.targets
    assert (t.unit == t.indicator.map(units)).all()
    assert pd.api.types.is_integer_dtype(t.year)


def test_the_session_and_the_plain_model_functions_agree(dataset):
    """Two ways to run every model for a scenario: they must give the same draws."""
    from dxmodel.core.scenario import load_scenario
    from dxmodel.engine.session import Session, project

    scenario = load_scenario("accelerated").with_levers(draws=300)
    plain = project(dataset, scenario)
    cached = Session(dataset).outlook(scenario).projections
    assert set(plain) == set(cached)
    for key, projection in plain.items():
        assert np.array_equal(projection.draws, cached[key].draws), key


def test_the_status_cut_offs_are_the_named_chances():
    """'On track' is the chance 'what it needs' aims at; both are one constant."""
    assert 0 < AT_RISK < CHANCE < 1
    assert outlook_key("open", CHANCE) == "on_track"
    assert outlook_key("open", np.nextafter(CHANCE, 0)) == "at_risk"
    assert outlook_key("open", AT_RISK) == "at_risk"
    assert outlook_key("open", np.nextafter(AT_RISK, 0)) == "off_track"
    assert outlook_key("open", np.nan) == "no_model"
    for decided in ("met", "missed", "unmeasured"):
        assert outlook_key(decided, 0.99) == decided == outlook_key(decided, np.nan)


def test_what_it_needs_says_the_chance_it_aims_at():
    from dxmodel.models.family import NEED_BASIS

    assert f"{round(CHANCE * 100)}% chance" == NEED_BASIS


def test_no_module_writes_the_chance_as_a_number():
    """A literal 0.8 in code beside CHANCE would drift from it the day CHANCE changes: the
    number may stand only where a module names a constant (CHANCE itself, a search bracket)
    or as a lever's bound (`max=0.8`: a value on the lever's own scale, not a chance)."""
    from dxmodel.util.paths import ROOT

    for path in (ROOT / "dxmodel").rglob("*.py"):
        code = [line.split("#")[0] for line in path.read_text(encoding="utf-8").splitlines()]
        hits = [line for line in code if re.search(r"(?<![\d.])0\.80?(?!\d)", line)]
        named = [line for line in hits if not re.match(r"\s*(min|max|default)=", line)]  # ranges
        assert all(re.match(r"[A-Z_]+ = ", line) for line in named), (path, named)
