"""Chart builders: compare specs (chart.to_dict()), not pixels."""

from __future__ import annotations

import numpy as np
import pytest

from dxmodel import charts
from dxmodel.models import ranking
from dxmodel.scenario import load_scenario

RANK = ("egdi_rank", "VNM", "undesa_egov")
EGDI = ("egdi", "VNM", "undesa_egov")


@pytest.fixture(scope="module")
def views(dataset):
    fit = ranking.fit_dataset(dataset)
    editions = np.array([2026, 2028, 2030])
    small = {"draws": 500}
    return (
        ranking.outlook(fit, load_scenario("accelerated").with_levers(**small), editions),
        ranking.outlook(fit, load_scenario("baseline").with_levers(**small), editions),
    )


def datasets(spec: dict) -> list[list[dict]]:
    return list(spec["datasets"].values())


def test_rank_chart_puts_rank_1_on_top_and_marks_every_rank_target(dataset, views):
    view, base = views
    spec = charts.rank_chart(view.projections[RANK], dataset.targets,
                             baseline=base.projections[RANK]).to_dict()  # fmt: skip
    assert spec["layer"][0]["encoding"]["y"]["scale"]["reverse"] is True
    targets = [row for rows in datasets(spec) for row in rows if "target" in row]
    expected = set(dataset.targets.loc[dataset.targets.indicator == "egdi_rank", "target"])
    assert {row["target"] for row in targets} == expected
    top50_2026 = next(row for row in targets if row["target"] == "egdi_top50_2026_mic")
    assert top50_2026["year"] == 2026 and "2026 edition" in top50_2026["label"]
    assert "MIC plan" in top50_2026["basis"]
    assert sum(len(rows) for rows in datasets(spec)) < 5000  # bands, never raw draws


def test_rank_chart_shows_baseline_history_and_scenario_apart(dataset, views):
    view, base = views
    spec = charts.rank_chart(view.projections[RANK], dataset.targets,
                             baseline=base.projections[RANK]).to_dict()  # fmt: skip
    whats = {row.get("what") for rows in datasets(spec) for row in rows}
    assert {"Observed", "Baseline (median)", "Official target"} <= whats
    history = [row for rows in datasets(spec) for row in rows if row.get("what") == "Observed"]
    assert {row["year"]: row["value"] for row in history}[2024] == 71


def test_egdi_chart_draws_both_thresholds_and_speaks_vietnamese(views):
    view, base = views
    spec = charts.egdi_chart(view.projections[EGDI], view.thresholds,
                             baseline=base.projections[EGDI], language="vi").to_dict()  # fmt: skip
    labels = {row.get("threshold") for rows in datasets(spec) for row in rows}
    assert {"Mức cần để xếp thứ 50", "Mức cần để xếp thứ 30"} <= labels
    assert spec["title"].startswith("EGDI của Việt Nam")


def test_fan_frame_quantiles_are_ordered(views):
    fan = charts.fan_frame(views[0].projections[RANK])
    assert list(fan.columns) == ["year", "q10", "q25", "q50", "q75", "q90"]
    values = fan[["q10", "q25", "q50", "q75", "q90"]].to_numpy()
    assert (np.diff(values, axis=1) >= 0).all()
