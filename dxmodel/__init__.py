"""dxmodel: will Viet Nam meet its digital-transformation targets, and what would it take?

The public API is re-exported here and imported on first use, so `import dxmodel` (and the
CLI's start-up) does not pay for pandas until a table is actually needed.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dxmodel")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

_EXPORTS = {
    "Dataset": "dxmodel.core.data",
    "load_dataset": "dxmodel.core.data",
    "load_history": "dxmodel.core.data",
    "load_targets": "dxmodel.core.data",
    "load_sources": "dxmodel.core.data",
    "Scenario": "dxmodel.core.scenario",
    "load_scenario": "dxmodel.core.scenario",
    "list_scenarios": "dxmodel.core.scenario",
    "Lever": "dxmodel.core.levers",
    "LEVERS": "dxmodel.core.levers",
    "REGISTRY": "dxmodel.core.levers",
    "get_lever": "dxmodel.core.levers",
    "Projection": "dxmodel.core.projection",
    "assess": "dxmodel.core.targets",
    "project": "dxmodel.engine.session",
    "Session": "dxmodel.engine.session",
    "FAMILIES": "dxmodel.models",
    "Report": "dxmodel.outputs.report",
    "SweepPage": "dxmodel.outputs.sweep_page",
    "Explorer": "dxmodel.explorer.widgets",
    "DxError": "dxmodel.util.errors",
    "DataError": "dxmodel.util.errors",
    "ScenarioError": "dxmodel.util.errors",
    "t": "dxmodel.text.i18n",
}

# submodules notebooks use by name: `from dxmodel import charts`
_MODULES = {
    "charts": "dxmodel.outputs.charts",
    "digital_economy": "dxmodel.models.digital_economy",
    "ranking": "dxmodel.models.ranking",
    "training": "dxmodel.models.training",
}

__all__ = ["__version__", *sorted(_EXPORTS), *sorted(_MODULES)]


def __getattr__(name: str):
    if name in _MODULES:
        value = import_module(_MODULES[name])
    elif name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
    else:
        raise AttributeError(f"module 'dxmodel' has no attribute {name!r}")
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return list(__all__)
