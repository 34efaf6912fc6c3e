"""The DTI family: the published figures come through unchanged, and the one forecast
(persistence) has an interval only where enough observed rank changes support it."""

from __future__ import annotations

import pandas as pd
import pytest

from dxmodel.core.data import load_dataset
from dxmodel.models import BY_NAME, dti
from dxmodel.outputs import dti_text


@pytest.fixture(scope="module")
def data():
    return dti.dti_data(load_dataset())


@pytest.fixture(scope="module")
def forecast(data):
    return dti.persistence(data)


def _rank(data, geo, year):
    r = data.ranks
    return r[(r.geo == geo) & (r.year == year)].iloc[0]


def test_published_2022_ranks_are_the_whole_list_with_da_nang_first(data):
    full = data.ranks[data.ranks.year == 2022]
    assert full.geo.nunique() == 63
    first = _rank(data, "VN-48", 2022)
    assert first["rank"] == 1 and first.score == pytest.approx(0.8002)
    assert _rank(data, "VN-84", 2022).score == pytest.approx(0.6077)  # Trà Vinh, rank 25
    assert _rank(data, "VN-84", 2022)["rank"] == 25
    tied = full[full["rank"] == 15].name.tolist()  # Thanh Hóa and Yên Bái share 15
    assert sorted(tied) == ["Thanh Hóa", "Yên Bái"] and 16 not in set(full["rank"])
    assert (data.ranks["rank"] == data.ranks["rank"].round()).all()


def test_national_dti_and_the_34_level_are_as_published(data):
    national = dict(zip(data.national.year, data.national.value, strict=True))
    assert national == {2020: 0.48, 2022: 0.71, 2023: 0.7326, 2024: 0.7955}
    merged = data.levels[data.levels.level == "province_34"].set_index("rank")
    assert merged.loc[1, "name"] == "TP. Hà Nội" and merged.loc[1, "score"] == 0.8241
    assert len(merged) == 9  # of 34: the rest are not in the reference material


def test_the_crosswalk_holds_only_what_a_source_names_and_agrees_with_the_scores(data):
    cw = data.crosswalk
    assert set(cw.province_34) == {"TP. Đà Nẵng"}
    assert set(cw.former_geo) == {"VN-48", "VN-49"} and (cw.source != "").all()
    # the 34-level score is the average of the former provinces' (DTI 2024)
    former = [_rank(data, g, 2024).score for g in ("VN-48", "VN-49")]
    merged = data.levels[(data.levels.level == "province_34") & (data.levels.name == "TP. Đà Nẵng")]
    assert sum(former) / 2 == pytest.approx(merged.score.iloc[0], abs=1e-4)


def test_rank_changes_come_only_from_provinces_in_both_lists(data):
    changes = dti.rank_changes(data.ranks, 1)
    for r in changes.itertuples():
        assert _rank(data, r.geo, r.year)["rank"] == r.from_rank
        assert _rank(data, r.geo, r.to_year)["rank"] == r.to_rank
    hn = dti.rank_changes(data.ranks, 1).query("geo == 'VN-01' and year == 2022").iloc[0]
    assert hn.change == -18  # Hà Nội 24th -> 6th: "up 18 places on 2022"


def test_interval_evidence_ends_in_a_complete_list(data):
    """A top-10 list hides who fell out: only changes into a complete year count."""
    for h in (1, 2, 3):
        assert set(dti.evidence(data.ranks, h).to_year) <= set(dti.complete_years(data.ranks))
    assert dti.complete_years(data.ranks) == [2022]
    assert len(dti.evidence(data.ranks, 2)) == 14  # DTI 2020 -> DTI 2022


def test_persistence_is_the_last_published_rank_with_whole_bounds(forecast):
    assert (forecast.edition == 2025).all()  # DTI 2025, due in 2026, not in the data
    ok = forecast[forecast.refused == ""]
    assert len(ok) and (ok.lo <= ok.last_rank).all() and (ok.last_rank <= ok.hi).all()
    assert (ok.lo >= 1).all() and (ok.hi <= 63).all()
    assert (ok.changes >= dti.MIN_CHANGES).all()
    refused = forecast[forecast.refused != ""]
    assert refused.lo.isna().all() and refused.hi.isna().all()
    assert set(refused.refused) <= {"few", "outside", "merged"}
    assert (forecast[forecast.level == "province_34"].refused == "merged").all()


def test_every_former_province_gets_a_forecast_or_a_reason(forecast):
    former = forecast[forecast.level == "province"]
    assert former.geo.nunique() == 63
    for r in former.itertuples():
        for lang in ("en", "vi"):
            text = dti_text.interval_text(r, lang)
            assert text and ("–" in text) == (r.refused == "")


def test_spread_is_the_coverage_quantile_of_absolute_changes():
    changes = pd.DataFrame({"change": [0, -1, 2, -3, 4, 5, -6, 7, 8, -9]})
    assert dti.spread(changes, 0.8) == 7 and dti.spread(changes, 0.5) == 4


def test_the_family_judges_nothing_and_is_the_same_for_every_scenario():
    family = BY_NAME["dti"]
    assert family.indicators == () and family.backtest is None
    fitted = family.fit(load_dataset(), 2026)
    from dxmodel.core.scenario import load_scenario

    a, b = load_scenario("baseline"), load_scenario("accelerated")
    assert fitted.outlook(a) is fitted.outlook(b) and fitted.projections(a) == {}
    assert fitted.needs(fitted.outlook(a)).empty
    assert "no DTI target" in family.check(load_dataset())


def test_a_vietnamese_section_has_no_english_gloss(data, forecast):
    view = dti.DtiOutlook(data, forecast)
    vi = dti_text.section(view, "vi")
    assert "Ministry of Finance" not in vi and "Bộ Tài chính" in vi
    assert "none:" not in vi and "Đà Nẵng" in vi
    assert "Ministry of Finance" in dti_text.section(view, "en")
