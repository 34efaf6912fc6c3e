"""Base rates from the UN survey: what happened to countries ranked where Viet Nam is now."""

from __future__ import annotations

import pytest

from dxmodel.core import reference
from dxmodel.core.targets import _rank_table


@pytest.fixture(scope="module")
def ranks(dataset):
    return _rank_table(dataset)


@pytest.mark.parametrize(
    ("top", "ahead", "published"),
    [(50, 1, 0.09), (50, 3, 0.17), (30, 3, 0.03)],
)
def test_base_rates_match_the_figures_counted_by_hand_from_the_un_data(
    ranks, top, ahead, published
):
    """Issue 10 counted these from the UN files (ranks 56-86, editions 2008 on)."""
    rate = reference.base_rate(ranks, "egdi_rank", top, ahead)
    assert (rate.low_rank, rate.high_rank) == (56, 86)  # Viet Nam's 71 +/- 15
    assert rate.origins[0] == 2008
    assert rate.rate == pytest.approx(published, abs=0.005)


def test_a_harder_target_or_a_shorter_horizon_never_has_a_higher_base_rate(ranks):
    for ahead in (1, 2, 3):
        rates = [reference.base_rate(ranks, "egdi_rank", top, ahead).rate for top in (30, 50, 70)]
        assert rates == sorted(rates)
    # counted per case: every case is a country ranked inside the band at its origin
    one = reference.base_rate(ranks, "egdi_rank", 50, 1)
    assert 0 <= one.hits <= one.cases and one.one_in() == round(one.cases / one.hits)


def test_the_south_east_asian_class_uses_neighbours_of_viet_nams_regional_rank(ranks):
    rate = reference.base_rate(ranks, "egdi_rank_sea", 3, 3)
    assert (rate.low_rank, rate.high_rank) == (4, 6)  # Viet Nam was 5th of 11 in 2024
    assert 0 < rate.cases <= 11 * 6


def test_no_base_rate_for_an_indicator_without_a_reference_class(ranks):
    assert reference.base_rate(ranks, "gci_rank", 40, 1) is None
    assert reference.base_rate(ranks, "egdi_rank", 50, 0) is None


@pytest.mark.parametrize("top", [56, 60, 65, 70, 80, 86])
def test_a_class_never_counts_a_country_already_past_the_target_as_reaching_it(ranks, top):
    """Viet Nam (rank 71) is outside a top N that the band 56-86 straddles: its comparable
    cases are the countries outside it too, so none of them 'reaches' it by standing still."""
    rate = reference.base_rate(ranks, "egdi_rank", top, 1)
    assert rate.low_rank == top + 1 if top < 71 else rate.high_rank == top
