"""Projection: bands, medians and probabilities all read from the same draws."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from dxmodel.core.projection import Projection


@pytest.fixture
def proj():
    rng = np.random.default_rng(7)
    draws = np.cumsum(rng.normal(0.5, 1.0, size=(6, 500)), axis=0) + 12
    return Projection(
        "digital_economy_share", "VNM", "gso_value_added", "% of GDP", np.arange(2025, 2031), draws
    )


def test_quantile_bands_are_ordered_and_tidy(proj):
    q = proj.quantiles()
    assert len(q) == 6 * 5
    wide = q.pivot(index="year", columns="quantile", values="value")
    assert (np.diff(wide.to_numpy(), axis=1) >= 0).all()
    assert wide[0.5].to_numpy() == pytest.approx(proj.median().to_numpy())


def test_probability_is_the_share_of_draws(proj):
    year = 2030
    values = proj.at(year)
    threshold = float(np.median(values))
    assert proj.probability(">=", threshold, year) == pytest.approx(np.mean(values >= threshold))
    assert proj.probability(">=", values.max() + 1, year) == 0.0
    assert proj.probability("<=", values.max(), year) == 1.0
    # P(>= t) never rises as t rises.
    ps = [proj.probability(">=", t, year) for t in np.linspace(values.min(), values.max(), 9)]
    assert all(a >= b for a, b in itertools.pairwise(ps))


def test_draws_cannot_be_changed_after_the_fact(proj):
    with pytest.raises(ValueError):
        proj.draws[0, 0] = 0.0


@pytest.mark.parametrize(
    ("years", "draws", "match"),
    [
        ([2025, 2026], np.zeros((3, 10)), "shape"),
        ([2026, 2025], np.zeros((2, 10)), "increasing"),
        ([2025, 2026], np.array([[0.0, np.nan], [0.0, 0.0]]), "NaN"),
    ],
)
def test_malformed_projections_are_refused(years, draws, match):
    with pytest.raises(ValueError, match=match):
        Projection("x", "VNM", "s", "u", np.array(years), draws)


def test_asking_for_a_year_outside_the_projection_says_which_years_exist(proj):
    with pytest.raises(KeyError, match="2025-2030"):
        proj.at(2045)
