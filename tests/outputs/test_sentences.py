"""Report sentences come from the registry, one per distinct target, and never forecast the past."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from dxmodel.core.scenario import load_scenario
from dxmodel.engine.session import Session
from dxmodel.outputs.sentences import target_sentences
from dxmodel.text.i18n import percent

LABELS = {}


@pytest.fixture(scope="module")
def card(dataset):
    return Session(dataset, as_of=2026).scorecard(
        load_scenario("accelerated").with_levers(draws=300)
    )


def test_one_sentence_per_distinct_target_listing_every_legal_basis(card):
    de = card[card.indicator == "digital_economy_share"]
    sentences = target_sentences(card, ["digital_economy_share"], "en", LABELS)
    distinct = de.drop_duplicates(["indicator", "judged_on_year", "comparator", "value"])
    assert len(sentences) == len(distinct)
    by_2030 = next(s for s in sentences if "by 2030" in s)
    for document in ("Resolution 52-NQ/TW", "Decision 749/QD-TTg", "Resolution 57-NQ/TW"):
        assert document in by_2030


def test_a_passed_deadline_gets_no_probability_and_an_open_target_gets_its_own(card):
    indicators = list(dict.fromkeys(card.indicator))
    sentences = target_sentences(card, indicators, "en", LABELS)
    for s in sentences:
        if "by 2023" in s or "by 2025" in s:
            assert "Chance" not in s and "80% chance needs" not in s, s
    top50 = card.set_index("target").loc["egdi_top50_2026_mic"]
    wanted = f"Chance {percent(top50.p_meet)} (data-driven model); median {int(top50.expected)}"
    assert any(wanted in s for s in sentences)


def test_a_target_added_to_the_registry_gets_a_sentence_without_code(dataset):
    extra = dataset.targets[dataset.targets.target == "egdi_top30_2030_d942"].assign(
        target="egdi_top40_2028_test", value=40, year=2028, judged_on_year=2028
    )
    grown = replace(dataset, targets=pd.concat([dataset.targets, extra], ignore_index=True))
    card = Session(grown, as_of=2026).scorecard(load_scenario("baseline").with_levers(draws=200))
    sentences = target_sentences(card, ["egdi_rank"], "en", LABELS)
    new = [s for s in sentences if "top 40 by 2028" in s]
    assert len(new) == 1 and "Chance" in new[0] and "comparable countries" in new[0]


def test_vietnamese_sentences_carry_no_english_words(card):
    indicators = list(dict.fromkeys(card.indicator))
    vi = " ".join(target_sentences(card, indicators, "vi", LABELS))
    for word in ("Chance", "median", "Missed", "deadline", "needs", "by 20"):
        assert word not in vi
