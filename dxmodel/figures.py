"""Which chart shows what: one place mapping an outlook to every chart, for explorer and report.

A *slot* is one chart: its model family (so the explorer redraws only what a lever touched),
how to build it once, and how to compute its datasets for a refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

import altair as alt
import numpy as np

from dxmodel import charts
from dxmodel.data import Dataset
from dxmodel.errors import DxError
from dxmodel.i18n import indicator_labels, t
from dxmodel.models import digital_economy as de
from dxmodel.projection import Projection
from dxmodel.session import Outlook

RANK = ("egdi_rank", "VNM", "undesa_egov")
EGDI = ("egdi", "VNM", "undesa_egov")
TRAINING = (
    "officials_trained_share", "dt_experts_trained", "dt_expert_network_members",
    "digital_tech_graduates", "online_service_skills_share", "stem_school_share",
)  # fmt: skip


@dataclass(frozen=True)
class Slot:
    """One chart: its family, how to build it, and how to compute the datasets levers move.

    `data` returns only what moves with levers (bands, baseline, thresholds); history,
    targets and benchmarks stay as the chart was built (they change with its `structure`).
    """

    name: str
    family: str
    chart: Callable[[Outlook, Outlook, Dataset, str], alt.LayerChart]
    data: Callable[[Outlook, Outlook, str], dict]

    def structure(self, view: Outlook, language: str) -> tuple:
        """What the chart's spec depends on besides data: rebuild it only when this changes."""
        series = view.digital_economy.fit.series if self.family == "digital_economy" else ""
        return (self.name, language, series)


# The scenario's series' fit (the session's own object) -> the other series' fit and years,
# so a refresh (which gets no dataset) can project the other series under the moved levers.
_OTHER: WeakKeyDictionary[de.ShareFit, tuple[de.ShareFit, np.ndarray] | None] = WeakKeyDictionary()


def _other_fit(v: Outlook, d: Dataset | None = None) -> tuple[de.ShareFit, np.ndarray] | None:
    """The series the scenario does not read, fitted on its own (never mixed with the other)."""
    fit = v.digital_economy.fit
    if fit not in _OTHER and d is not None:
        try:
            name = next(s for s in de.SERIES_NAMES if s != fit.series)
            other = de.fit_series(d, name)
            _OTHER[fit] = (other, de.projection_years(other, d))
        except (DxError, StopIteration):  # too few points to fit: the chart shows one series
            _OTHER[fit] = None
    return _OTHER.get(fit)


def _project_other(fit: de.ShareFit, years: np.ndarray, outlook: Outlook) -> Projection:
    """The other series under the same levers: exactly what choosing that series would give."""
    s = outlook.scenario
    draws = de.simulate_share(fit, years, de.relative_growth(s), int(s.value("draws")),
                              int(s.value("seed")))  # fmt: skip
    return Projection(de.INDICATOR, de.GEO, fit.series, de.UNIT, years, draws, fit.history)


def _share_chart(v: Outlook, b: Outlook, d: Dataset, lang: str) -> alt.LayerChart:
    """Both series side by side, each projected under the scenario, the MIC 2022 scenarios."""
    view = v.digital_economy
    other, partner = None, _other_fit(v, d)
    if partner is not None:
        fit, years = partner
        other = charts.SharePanel(
            _project_other(fit, years, v), _project_other(fit, years, b),
            de.benchmarks(fit, years),
        )  # fmt: skip
    return charts.share_chart(view.projection, d.targets, view.benchmarks,
                              baseline=b.digital_economy.projection, other=other,
                              published=d.benchmarks, language=lang)  # fmt: skip


def _share_data(v: Outlook, b: Outlook, lang: str) -> dict:
    data = charts.band_data(v.digital_economy.projection, b.digital_economy.projection, lang)
    partner = _other_fit(v)
    if partner is not None:
        fit, years = partner
        base = _project_other(fit, years, b)
        data |= charts.band_data(_project_other(fit, years, v), base, lang, prefix="other_")
    return data


def _rank_chart(v: Outlook, b: Outlook, d: Dataset, lang: str) -> alt.LayerChart:
    return charts.rank_chart(v.ranking.projections[RANK], d.targets,
                             baseline=b.ranking.projections[RANK], language=lang)  # fmt: skip


def _rank_data(v: Outlook, b: Outlook, lang: str) -> dict:
    return charts.band_data(v.ranking.projections[RANK], b.ranking.projections[RANK], lang)


def _egdi_chart(v: Outlook, b: Outlook, d: Dataset, lang: str) -> alt.LayerChart:
    return charts.egdi_chart(v.ranking.projections[EGDI], v.ranking.thresholds,
                             baseline=b.ranking.projections[EGDI], language=lang)  # fmt: skip


def _egdi_data(v: Outlook, b: Outlook, lang: str) -> dict:
    return {
        **charts.band_data(v.ranking.projections[EGDI], b.ranking.projections[EGDI], lang),
        "needed": charts.needed_records(v.ranking.thresholds, lang),
    }


def _training(name: str) -> Slot:
    key = (name, "VNM", "")

    def chart(v: Outlook, b: Outlook, d: Dataset, lang: str) -> alt.LayerChart:
        title, unit = indicator_labels(d.indicators, lang)[name]
        return charts.indicator_chart(
            v.training.projections[key], d.targets, baseline=b.training.projections[key],
            title=title, y_title=unit, note=t("assumption_note", lang), language=lang,
        )  # fmt: skip

    def data(v: Outlook, b: Outlook, lang: str) -> dict:
        return charts.band_data(v.training.projections[key], b.training.projections[key], lang)

    return Slot(name, "training", chart, data)


SLOTS: dict[str, Slot] = {
    "digital_economy": Slot("digital_economy", "digital_economy", _share_chart, _share_data),
    "egdi_rank": Slot("egdi_rank", "ranking", _rank_chart, _rank_data),
    "egdi_score": Slot("egdi_score", "ranking", _egdi_chart, _egdi_data),
    **{name: _training(name) for name in TRAINING},
}

GROUPS = {
    "tab_digital_economy": ("digital_economy",),
    "tab_training": TRAINING,
    "tab_ranking": ("egdi_rank", "egdi_score"),
}
