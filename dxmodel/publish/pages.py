"""Where each published page is written: reports, the index, sweep pages; never outside."""

from __future__ import annotations

from pathlib import Path

from dxmodel.core.scenario import check_name
from dxmodel.text.i18n import SOURCE_LANGUAGE
from dxmodel.util.errors import ScenarioError, short_repr
from dxmodel.util.paths import reports_dir

INDEX = "index"  # the index pages' stem: index.html, index.<language>.html


def check_report_name(
    name: object, where: str = "--name", hint: str = "choose another name"
) -> str:
    """`name` if a report may be called so, else one line saying why: a safe name, and not one
    whose pages would replace a page the tool writes in the reports folder (the index).

    Cheap on purpose (no pandas): the CLI checks --name before the render stack loads.
    `where` says what named it ('--name', or '<file>: scenario name' for a file's own name),
    `hint` what to do instead ('rename the file or pass --name').
    """
    check_name(name, where)
    if name == INDEX:  # report pages are <name>.html and <name>.<language>.html, as the index's
        raise ScenarioError(
            f"{where} {short_repr(name)}: reserved for the reports' index page "
            f"({index_name(SOURCE_LANGUAGE)}); {hint}"
        )
    return name


def report_path(name: str, language: str, folder: Path | None = None) -> Path:
    """reports/<name>.html (English) or reports/<name>.vi.html; never outside the folder, and
    never the index's page."""
    check_report_name(name, "scenario name")
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
    return _named(INDEX, language)


def page_path(folder: Path, language: str) -> Path:
    """A sweep's page in `language`, in its own folder: sweep.html or sweep.<language>.html."""
    return folder / _named("sweep", language)
