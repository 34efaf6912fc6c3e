"""The forecasting model families, registered once.

Each family module ends with its `FAMILY` (see `dxmodel.models.family`): the Session, the
scorecard and its needs, the lean path of sweeps, `data check`, the report's sections and the
explorer's tabs loop over `FAMILIES` and name none. A new family is its module, its levers
(`Lever.model`), its chart slots and texts, and its data - and one line here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from dxmodel.core.scenario import Scenario
from dxmodel.models import digital_economy, dti, online_services, ranking, training
from dxmodel.models.family import Family

FAMILIES: tuple[Family, ...] = (
    digital_economy.FAMILY, training.FAMILY, ranking.FAMILY, dti.FAMILY,
    online_services.FAMILY,
)  # fmt: skip
BY_NAME: Mapping[str, Family] = MappingProxyType({f.name: f for f in FAMILIES})


def family_of(indicator: str) -> Family | None:
    """The family whose model judges `indicator`'s targets; None where no model does."""
    return next((f for f in FAMILIES if f.owns(indicator)), None)


def chosen_series(scenario: Scenario) -> dict[str, str]:
    """indicator -> the series the scenario reads it on, where an indicator has several."""
    out: dict[str, str] = {}
    for family in FAMILIES:
        out |= family.series(scenario)
    return out
