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
    "Dataset": "dxmodel.data",
    "load_dataset": "dxmodel.data",
    "load_history": "dxmodel.data",
    "load_targets": "dxmodel.data",
    "load_sources": "dxmodel.data",
    "Scenario": "dxmodel.scenario",
    "load_scenario": "dxmodel.scenario",
    "list_scenarios": "dxmodel.scenario",
    "Lever": "dxmodel.levers",
    "LEVERS": "dxmodel.levers",
    "REGISTRY": "dxmodel.levers",
    "get_lever": "dxmodel.levers",
    "Projection": "dxmodel.projection",
    "assess": "dxmodel.targets",
    "project": "dxmodel.models",
    "DxError": "dxmodel.errors",
    "DataError": "dxmodel.errors",
    "ScenarioError": "dxmodel.errors",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str):
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'dxmodel' has no attribute {name!r}") from None
    value = getattr(import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return list(__all__)
