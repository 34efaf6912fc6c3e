"""The forecasting models. Each is a plain function `(dataset, scenario) -> {key: Projection}`.

`MODELS` lists those in service; `project` runs them all, statelessly. `dxmodel.session`
runs the same functions' parts with caches for the explorer and reports; a test keeps the two
in agreement.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from dxmodel.data import Dataset
from dxmodel.projection import Projection
from dxmodel.scenario import Scenario
from dxmodel.targets import ProjectionKey

Model = Callable[[Dataset, Scenario], Mapping[ProjectionKey, Projection]]


# The models import statsmodels: they load when a model runs, not when dxmodel is imported.
def _digital_economy(dataset: Dataset, scenario: Scenario) -> Mapping[ProjectionKey, Projection]:
    from dxmodel.models.digital_economy import digital_economy_model

    return digital_economy_model(dataset, scenario)


def _ranking(dataset: Dataset, scenario: Scenario) -> Mapping[ProjectionKey, Projection]:
    from dxmodel.models.ranking import ranking_model

    return ranking_model(dataset, scenario)


def _training(dataset: Dataset, scenario: Scenario) -> Mapping[ProjectionKey, Projection]:
    from dxmodel.models.training import training_model

    return training_model(dataset, scenario)


MODELS: tuple[Model, ...] = (_digital_economy, _training, _ranking)


def chosen_series(scenario: Scenario) -> dict[str, str]:
    """The series the scenario reads each multi-series indicator on, for `assess`."""
    return {"digital_economy_share": str(scenario.value("digital_economy_series"))}


def project(dataset: Dataset, scenario: Scenario) -> dict[ProjectionKey, Projection]:
    """Every projection the models in service make for this scenario."""
    out: dict[ProjectionKey, Projection] = {}
    for model in MODELS:
        out.update(model(dataset, scenario))
    return out
