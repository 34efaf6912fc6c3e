"""Where each published page is written: reports, the index, sweep pages; never outside."""

from __future__ import annotations

from pathlib import Path

from dxmodel.core.scenario import check_name
from dxmodel.text.i18n import SOURCE_LANGUAGE
from dxmodel.util.errors import ScenarioError
from dxmodel.util.paths import reports_dir


def report_path(name: str, language: str, folder: Path | None = None) -> Path:
    """reports/<name>.html (English) or reports/<name>.vi.html; never outside the folder."""
    check_name(name)
    folder = (folder or reports_dir()).resolve()
    path = (folder / _named(name, language)).resolve()
    if path.parent != folder:
        raise ScenarioError(f"scenario name {name!r} would write outside {folder}")
    return path


def _named(stem: str, language: str) -> str:
    """<stem>.html in the source language, <stem>.<language>.html in every other."""
    return f"{stem}.html" if language == SOURCE_LANGUAGE else f"{stem}.{language}.html"


def index_name(language: str) -> str:
    """index.html (English) or index.<language>.html."""
    return _named("index", language)


def page_path(folder: Path, language: str) -> Path:
    """A sweep's page in `language`, in its own folder: sweep.html or sweep.<language>.html."""
    return folder / _named("sweep", language)
