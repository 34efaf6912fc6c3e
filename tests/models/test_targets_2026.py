"""The targets set since the end of 2025 (issue 19) and the digital-economy vintages.

Each new target is open on 7 Dec 2026 and gets a P(meet) with its basis; the top-65 base rate
is checked against the UN ranks; the Feb 2026 report's 13.9% for 2025 is a vintage that does not
replace GSO's January 14.02%; the backtest scores each held-out year against its first release
and its latest vintage.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from dxmodel.core import reference
from dxmodel.core.scenario import load_scenario
from dxmodel.core.targets import _rank_table
from dxmodel.engine.session import Session
from dxmodel.models import digital_economy as de
from dxmodel.models import training
from dxmodel.outputs.sentences import target_sentences
from dxmodel.outputs.wording import target_name
from dxmodel.text.i18n import indicator_labels, t
from dxmodel.util.errors import DataError
from tests.vietnamese import problems

# target -> what its P(meet) rests on
NEW = {
    "egdi_top65_2026_mst": "model",
    "de_share_2026_d11": "model",
    "de_share_2030_c14": "model",
    "officials_skills_100_2026_mst": "assumptions",
    "officials_trained_100_2026_d11": "assumptions",
}


@pytest.fixture(scope="module")
def card(dataset):
    scenario = load_scenario("baseline").with_levers(draws=400)
    return Session(dataset, as_of=2026).scorecard(scenario).set_index("target")


def test_new_targets_are_open_with_a_probability_and_its_basis(card):
    for target, basis in NEW.items():
        row = card.loc[target]
        assert row.status == "open", target
        assert 0 <= row.p_meet <= 1 and row.p_basis == basis, target
        assert row.low <= row.expected <= row.high, target


def test_new_targets_are_named_in_english_and_vietnamese(card, dataset):
    rows = card.loc[list(NEW)].reset_index()
    names = {}
    for language in ("en", "vi"):
        labels = indicator_labels(dataset.indicators, language)
        names[language] = [target_name(r, labels, language) for r in rows.itertuples()]
    assert "top 65 by 2026" in names["en"][0] and "14.5% by 2026" in names["en"][1]
    for en, vi in zip(names["en"], names["vi"], strict=True):
        assert vi and vi != en and not problems(vi), (vi, problems(vi))
    labels = indicator_labels(dataset.indicators, "vi")
    sentences = target_sentences(card.reset_index(), ["officials_trained_share"], "vi", labels)
    both = next(s for s in sentences if "2026" in s)
    assert "Kế hoạch của Bộ KH&CN (2026)" in both and "Quyết định 11/QĐ-BCĐCP (2026)" in both
    assert not problems(" ".join(sentences))


def test_the_congress_is_one_more_basis_of_the_2030_share_target(card):
    sentences = target_sentences(card.reset_index(), ["digital_economy_share"], "en", {})
    by_2030 = next(s for s in sentences if "30" in s and "by 2030" in s)
    assert "14th Party Congress resolution (2026)" in by_2030 and "Resolution 57-NQ/TW" in by_2030
    same = card.loc[["de_share_2030_c14", "de_share_2030_r57"], ["p_meet", "expected"]]
    assert (same.iloc[0] == same.iloc[1]).all()


def test_top65_base_rate_from_the_un_ranks(card, dataset):
    """The reference class is Viet Nam's rank 71 +-15 on its side of the target (66-86: a
    country already in the top 65 is no case of getting there), one edition ahead, counted
    here again from the UN ranks. The issue's 27% is the narrower class 66-76: 24 of 88."""

    def counted(low: int, high: int) -> tuple[int, int]:
        table = _rank_table(dataset).pivot(index="geo", columns="year", values="egdi_rank")
        years = [y for y in sorted(table.columns) if y >= reference.FIRST_EDITION]
        hits = cases = 0
        for now, later in itertools.pairwise(years):
            start = table[now].between(low, high) & table[later].notna()
            cases += int(start.sum())
            hits += int((table.loc[start, later] <= 65).sum())
        return hits, cases

    row = card.loc["egdi_top65_2026_mst"]
    assert (row.base_rate_hits, row.base_rate_cases) == counted(66, 86)
    assert "ranked 66-86" in row.base_rate_note
    hits, cases = counted(66, 76)
    assert (hits, cases) == (24, 88) and round(hits / cases, 2) == 0.27  # the figure


def test_basic_skills_and_trained_in_the_year_get_the_same_chance(dataset):
    """Ever trained reaches 100% only where the year's training reaches everyone."""
    inputs = training.training_inputs(dataset)
    noise = training.Noise.draw(2000, 0)
    i = int(np.flatnonzero(training.YEARS == 2026)[0])
    for capacity in (1000.0, 2000.0, 3000.0):
        scenario = load_scenario("baseline").with_levers(officials_training_capacity=capacity)
        flows = training.officials(inputs, scenario, noise)
        in_year = np.mean(flows["officials_trained_share"][i] >= 100)
        ever = np.mean(flows["ever_trained_share"][i] >= 100 - 1e-9)
        assert in_year == ever
    assert 0 < in_year < 1  # at the highest capacity the chance is neither 0 nor 1


# --- vintages ---------------------------------------------------------------------------------
def test_the_february_report_is_a_vintage_not_the_latest_value(dataset):
    out = de.outcomes(dataset, "gso_value_added").set_index("year")
    assert out.loc[2025, ["first_release", "latest"]].tolist() == [14.02, 14.02]
    assert out.loc[2023, ["first_release", "latest"]].tolist() == [12.33, 12.87]
    assert out.loc[2022, "first_source"] == "gso_de_2023_workshop"  # Dec 2023, the first
    revisions = de.revisions(dataset, "gso_value_added").set_index(["year", "vintage"])
    late = revisions.loc[(2025, "gso_value_added_vintage_2026_02")]
    assert (late.superseded, late.latest) == (13.9, 14.02)
    assert de.fit_series(dataset, "gso_value_added").last_value == 14.02


def test_backtest_scores_first_release_and_latest_vintage(dataset):
    table = de.backtest_share(dataset, draws=1000)
    keys = ["series", "held_out_year", "method"]
    each = table.groupby(keys)["outcome"].apply(sorted)
    assert len(each) == 9 and all(o == ["first_release", "latest"] for o in each)
    published = {s: de.outcomes(dataset, s).set_index("year") for s in de.SERIES_NAMES}
    for r in table.itertuples():
        assert r.actual == published[r.series].loc[r.held_out_year, r.outcome]


def test_where_first_release_and_latest_differ_the_scores_differ(dataset):
    """Dated before January 2026, the 13.9% would be 2025's first release: its rows change
    and the latest-vintage rows do not."""
    sources = dataset.sources.copy()
    early = sources["source"] == "gso_de_2026_02_report"
    sources.loc[early, "edition_or_vintage"] = "as if released 2025-12"
    moved = replace(dataset, sources=sources)
    base = de.backtest_share(dataset, ("gso_value_added",), draws=1000).set_index(
        ["held_out_year", "outcome", "method"]
    )
    table = de.backtest_share(moved, ("gso_value_added",), draws=1000).set_index(
        ["held_out_year", "outcome", "method"]
    )
    first, latest = table.loc[(2025, "first_release")], table.loc[(2025, "latest")]
    assert first.loc["model", "actual"] == 13.9 and latest.loc["model", "actual"] == 14.02
    assert (first.error_pp != latest.error_pp).all()
    assert first.loc["model", "pit"] < latest.loc["model", "pit"]
    pd.testing.assert_frame_equal(latest, base.loc[(2025, "latest")])
    same = table.loc[(2024, "first_release")].drop(columns="outcome_source")
    pd.testing.assert_frame_equal(same, table.loc[(2024, "latest")].drop(columns="outcome_source"))


def test_a_vintage_without_a_release_date_is_refused_in_one_line(dataset):
    sources = dataset.sources.copy()
    sources.loc[sources["source"] == "gso_de_2024_vintage", "edition_or_vintage"] = "2024"
    with pytest.raises(DataError, match=r"^sources\.csv: source 'gso_de_2024_vintage' .*released"):
        de.outcomes(replace(dataset, sources=sources), "gso_value_added")


def test_the_backtest_says_which_outcome_is_which_in_both_languages():
    for key in ("bt_outcome", "bt_outcome_first_release", "bt_outcome_latest"):
        assert t(key, "vi") != t(key, "en") and not problems(t(key, "vi"))
    assert "first release" in t("backtest_share", "en")
    assert "công bố lần đầu" in t("backtest_share", "vi")
