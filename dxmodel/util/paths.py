"""Where dxmodel's folders are. Nothing else lives here.

`DXMODEL_DATA_DIR` and `DXMODEL_REPORTS_DIR` override the checkout's folders, so tests and
users can point the package at a copy without touching the committed data.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = ROOT / "notebooks"


def data_dir() -> Path:
    """The folder holding sources.csv, targets.csv, history/ and scenarios/."""
    return Path(os.environ.get("DXMODEL_DATA_DIR", ROOT / "data")).absolute()


def scenarios_dir() -> Path:
    """The folder of preset scenario files."""
    return data_dir() / "scenarios"


def reports_dir() -> Path:
    """The folder generated reports are written to."""
    return Path(os.environ.get("DXMODEL_REPORTS_DIR", ROOT / "reports"))


def cache_dir() -> Path:
    """Where results that depend on the data and the code alone are kept between runs:
    `DXMODEL_CACHE_DIR`, else the user's cache folder. Deleting it loses nothing."""
    if os.environ.get("DXMODEL_CACHE_DIR"):
        return Path(os.environ["DXMODEL_CACHE_DIR"]).absolute()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dxmodel"
