"""Where dxmodel's folders are. Nothing else lives here.

Two places, never mixed:

- **the installation** (read only): the data tables, the preset scenarios, the frozen ledgers
  and the notebook templates, shipped inside the package (`dxmodel/resources/`; in a checkout
  these are links to its `data/` and `notebooks/`). Nothing is ever written there.
- **the workspace** (the analyst's): the folder holding `dxmodel.toml`, found from the working
  directory upward as git finds `.git`, else the working directory itself. Its `reports/`,
  `scenarios/` (the analyst's own), `notebooks/` (copies to explore in) and `ledger/` are
  written by commands; a `data/` folder there (an editable copy, `dxmodel init --data`) is read
  instead of the shipped data. `dxmodel.toml` may name other folders for these
  (`reports = "out"`); the checkout's own names its `data/scenarios/mine/` for scenarios.

`DXMODEL_WORKSPACE`, `DXMODEL_DATA_DIR` and `DXMODEL_REPORTS_DIR` override the search, so
render workers and kernels (which run in scratch folders) use the folders their command used.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from dxmodel.util.errors import DxError, short_path

PACKAGE = Path(__file__).resolve().parents[1]
RESOURCES = PACKAGE / "resources"
SHIPPED_DATA = RESOURCES / "data"
NOTEBOOKS_DIR = RESOURCES / "notebooks"  # the templates reports render from
ROOT = PACKAGE.parent  # the source checkout, when dxmodel runs from one (tests, git commit)

MARKER = "dxmodel.toml"
WORKSPACE_VARIABLE = "DXMODEL_WORKSPACE"
DATA_VARIABLE = "DXMODEL_DATA_DIR"
REPORTS_VARIABLE = "DXMODEL_REPORTS_DIR"
FOLDERS = {  # what a workspace holds, and the default name of each folder
    "data": "data",
    "scenarios": "scenarios",
    "reports": "reports",
    "notebooks": "notebooks",
    "ledger": "ledger",
}
MARKER_LIMIT = 64_000  # bytes: a workspace file is a few lines


def _variable(name: str) -> Path | None:
    """An environment variable naming a folder; set but empty is refused, not taken as '.'."""
    value = os.environ.get(name)
    if value is None:
        return None
    if not value.strip():
        raise DxError(f"{name} is set but empty: unset it, or name a folder")
    return Path(value).absolute()


def find_workspace(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` (the working directory) holding dxmodel.toml."""
    here = (start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        try:
            if (folder / MARKER).is_file():
                return folder
        except OSError:  # a folder we may not look into ends the search, as for git
            return None
    return None


def workspace() -> Path:
    """The workspace commands read and write: pinned, found upward, or the working directory."""
    pinned = _variable(WORKSPACE_VARIABLE)
    if pinned is not None:
        return pinned
    try:
        return find_workspace() or Path.cwd()
    except FileNotFoundError:  # the working directory was deleted under us
        raise DxError("the working directory no longer exists: cd into a folder") from None


def pin_workspace() -> Path:
    """Fix this process's workspace (and its children's) to the one found now: workers and
    kernels run in scratch folders, where the search would find nothing."""
    folder = workspace()
    os.environ[WORKSPACE_VARIABLE] = str(folder)
    return folder


def workspace_settings(folder: Path | None = None) -> dict[str, str]:
    """The folder names a workspace's dxmodel.toml sets (those it does not set: defaults)."""
    folder = folder or workspace()
    marker = folder / MARKER
    names = dict(FOLDERS)
    try:
        if not marker.is_file():
            return names
        raw = marker.read_bytes()[: MARKER_LIMIT + 1]
    except OSError as exc:
        raise DxError(f"{short_path(marker)}: cannot be read ({exc.strerror})") from None
    if len(raw) > MARKER_LIMIT:
        raise DxError(f"{short_path(marker)}: larger than {MARKER_LIMIT:,} bytes")
    try:
        table = tomllib.loads(raw.decode("utf-8")).get("folders", {})
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DxError(f"{short_path(marker)}: not valid TOML ({exc})") from None
    unknown = sorted(set(table) - set(FOLDERS)) if isinstance(table, dict) else ["folders"]
    if unknown or not all(isinstance(v, str) and v.strip() for v in table.values()):
        raise DxError(
            f"{short_path(marker)}: [folders] takes {', '.join(FOLDERS)} as non-empty strings"
        )
    return names | table


def workspace_folder(kind: str) -> Path:
    """A folder of the workspace (`FOLDERS`), relative names read from its root."""
    root = workspace()
    return (root / workspace_settings(root)[kind]).absolute()


def data_dir() -> Path:
    """The data folder read: DXMODEL_DATA_DIR (`--data-dir`), else the workspace's own copy
    when it has one, else the data shipped with the package."""
    chosen = _variable(DATA_VARIABLE)
    if chosen is not None:
        return chosen
    own = workspace_folder("data")
    return own if own.is_dir() else SHIPPED_DATA


def in_installation(path: Path) -> bool:
    """Whether `path` is inside the installed package (never written to)."""
    try:
        return path.resolve().is_relative_to(PACKAGE.resolve())
    except OSError:
        return False


def shipped(folder: Path) -> bool:
    """Whether `folder` is the data shipped with dxmodel (its link in a checkout, too)."""
    return folder.absolute() == SHIPPED_DATA or in_installation(folder)


def own_data_dir() -> Path:
    """The data folder a command may write (an imported edition, an added figure): the
    analyst's, never the one shipped with dxmodel."""
    folder = data_dir()
    if shipped(folder):
        raise DxError(
            f"{short_path(folder)}: the data in use is the one shipped with dxmodel, which is "
            "never written; run 'dxmodel init --data' for an editable copy in this workspace, "
            "or pass --data-dir DIR"
        )
    return folder


def scenarios_dir() -> Path:
    """The folder of preset scenario files (in the data folder)."""
    return data_dir() / "scenarios"


def user_scenarios_dir() -> Path:
    """The folder of the analyst's own scenarios (saved from the explorer, or written by hand)."""
    return workspace_folder("scenarios")


def reports_dir() -> Path:
    """The folder generated reports are written to: DXMODEL_REPORTS_DIR (`--reports-dir`),
    else the workspace's `reports/`."""
    return _variable(REPORTS_VARIABLE) or workspace_folder("reports")


def ledger_dir() -> Path:
    """Where frozen ledgers are written: the data folder's `ledger/` when that folder is the
    analyst's, the workspace's `ledger/` when the data is the installation's."""
    folder = data_dir()
    return workspace_folder("ledger") if in_installation(folder) else folder / "ledger"


def cache_dir() -> Path:
    """Where results that depend on the data and the code alone are kept between runs:
    `DXMODEL_CACHE_DIR`, else the user's cache folder. Deleting it loses nothing."""
    if os.environ.get("DXMODEL_CACHE_DIR"):
        return Path(os.environ["DXMODEL_CACHE_DIR"]).absolute()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dxmodel"
