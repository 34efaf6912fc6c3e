"""Which chart shows what: one place mapping an outlook to every chart, for explorer and report.

A *slot* is one chart: its model family (so the explorer redraws only what a lever touched),
how to build it once, and how to compute its datasets for a refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import altair as alt

from dxmodel.core.data import Dataset
from dxmodel.engine.session import Outlook
from dxmodel.models import FAMILIES, dti, ranking, training
from dxmodel.models import digital_economy as de
from dxmodel.models import online_services as os_
from dxmodel.outputs import charts, dti_charts
from dxmodel.text.i18n import indicator_labels, t

RANK = ("egdi_rank", ranking.VIETNAM, ranking.SERIES)
EGDI = ("egdi", ranking.VIETNAM, ranking.SERIES)


def _same(view: Outlook) -> str:
    return ""


@dataclass(frozen=True)
class Slot:
    """One chart: its family, how to build it, and how to compute the datasets levers move.

    `data` returns only what moves with levers (bands, baseline, thresholds); history,
    targets and benchmarks stay as the chart was built (they change with its `structure`).
    """

    name: str
    family: str  # the registry's name of the family whose outlook it draws
    chart: Callable[[Outlook, Outlook, Dataset, str], alt.LayerChart]
    data: Callable[[Outlook, Outlook, str], dict]
    variant: Callable[[Outlook], str] = _same  # what else its spec depends on (a series)

    @property
    def varies(self) -> bool:
        """Whether its spec depends on a setting (a series), not on the language alone."""
        return self.variant is not _same

    def structure(self, view: Outlook, language: str) -> tuple:
        """What the chart's spec depends on besides data: rebuild it only when this changes."""
        return (self.name, language, self.variant(view))


def _share_chart(v: Outlook, b: Outlook, d: Dataset, lang: str, both: bool = True):
    """Both series side by side (`both`; else the scenario's own alone), each projected under
    the scenario, the MIC 2022 scenarios."""
    view, other = v.digital_economy, None
    for series, (projection, benchmarks) in view.others.items() if both else ():
        other = charts.SharePanel(projection, b.digital_economy.others[series][0], benchmarks)
    return charts.share_chart(
        view.projection,
        d.targets,
        view.benchmarks,
        baseline=b.digital_economy.projection,
        other=other,
        published=d.benchmarks,
        language=lang,
    )


def own_series_chart(v: Outlook, b: Outlook, d: Dataset, lang: str) -> alt.LayerChart:
    """The digital economy on the scenario's own series alone: where only it moves (Explore)."""
    return _share_chart(v, b, d, lang, both=False)


def _share_data(v: Outlook, b: Outlook, lang: str) -> dict:
    view, base = v.digital_economy, b.digital_economy
    data = charts.band_data(view.projection, base.projection, lang)
    for series, (projection, _) in view.others.items():
        data |= charts.band_data(projection, base.others[series][0], lang, prefix="other_")
    return data


def _rank_chart(v: Outlook, b: Outlook, d: Dataset, lang: str) -> alt.LayerChart:
    return charts.rank_chart(
        v.ranking.projections[RANK], d.targets, baseline=b.ranking.projections[RANK], language=lang
    )


def _rank_data(v: Outlook, b: Outlook, lang: str) -> dict:
    return charts.band_data(v.ranking.projections[RANK], b.ranking.projections[RANK], lang)


def _egdi_chart(v: Outlook, b: Outlook, d: Dataset, lang: str) -> alt.LayerChart:
    return charts.egdi_chart(
        v.ranking.projections[EGDI],
        v.ranking.thresholds,
        baseline=b.ranking.projections[EGDI],
        language=lang,
    )


def _egdi_data(v: Outlook, b: Outlook, lang: str) -> dict:
    return {
        **charts.band_data(v.ranking.projections[EGDI], b.ranking.projections[EGDI], lang),
        "needed": charts.needed_records(v.ranking.thresholds, lang),
    }


def _training(name: str) -> Slot:
    key = (name, training.GEO, "")

    def chart(v: Outlook, b: Outlook, d: Dataset, lang: str) -> alt.LayerChart:
        title, unit = indicator_labels(d.indicators, lang)[name]
        return charts.indicator_chart(
            v.training.projections[key],
            d.targets,
            baseline=b.training.projections[key],
            title=title,
            y_title=unit,
            note=t("assumption_note", lang),
            language=lang,
        )

    def data(v: Outlook, b: Outlook, lang: str) -> dict:
        return charts.band_data(v.training.projections[key], b.training.projections[key], lang)

    return Slot(name, training.FAMILY.name, chart, data)


def _dti(name: str, draw) -> Slot:
    """A DTI chart: published data and persistence, the same under every lever."""

    def chart(v: Outlook, b: Outlook, d: Dataset, lang: str) -> alt.LayerChart:
        return draw(v.dti, lang)

    def data(v: Outlook, b: Outlook, lang: str) -> dict:
        return {}

    return Slot(name, dti.FAMILY.name, chart, data)


def _online(indicator: str, series: str, note: str) -> Slot:
    """An online-services projection with its targets; `note` says what its band rests on."""
    key = (indicator, os_.GEO, series)

    def chart(v: Outlook, b: Outlook, d: Dataset, lang: str) -> alt.LayerChart:
        title, unit = indicator_labels(d.indicators, lang)[indicator]
        return charts.indicator_chart(
            v.online_services.projections[key],
            d.targets,
            baseline=b.online_services.projections[key],
            title=title,
            y_title=unit,
            note=t(note, lang),
            language=lang,
        )

    def data(v: Outlook, b: Outlook, lang: str) -> dict:
        view, base = v.online_services.projections[key], b.online_services.projections[key]
        return charts.band_data(view, base, lang)

    return Slot(indicator, os_.FAMILY.name, chart, data)


def _series(view: Outlook) -> str:
    return view.digital_economy.fit.series


SLOTS: dict[str, Slot] = {
    "digital_economy": Slot("digital_economy", de.FAMILY.name, _share_chart, _share_data, _series),
    "egdi_rank": Slot("egdi_rank", ranking.FAMILY.name, _rank_chart, _rank_data),
    "egdi_score": Slot("egdi_score", ranking.FAMILY.name, _egdi_chart, _egdi_data),
    **{name: _training(name) for name in training.INDICATORS},
    "dti_national": _dti("dti_national", lambda o, lang: dti_charts.national_chart(o.data, lang)),
    "dti_ranks": _dti(
        "dti_ranks", lambda o, lang: dti_charts.ranks_chart(o.data, o.forecast, lang)
    ),
    os_.USE: _online(os_.USE, os_.USE_SERIES, "os_use_note"),
    os_.DOSSIERS: _online(os_.DOSSIERS, os_.DOSSIER_SERIES, "os_dossier_note"),
    os_.UNIVERSITY: _online(os_.UNIVERSITY, "", "assumption_note"),
}

#: Each family's charts, in registry order: the explorer's tabs and the report's sections.
GROUPS: dict[str, tuple[str, ...]] = {
    family.name: tuple(name for name, slot in SLOTS.items() if slot.family == family.name)
    for family in FAMILIES
}
