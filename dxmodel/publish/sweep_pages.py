"""Publish a sweep's page in each language (`dxmodel sweep --report`), then relink the index.

papermill runs `notebooks/sweep.ipynb` (see `dxmodel.outputs.sweep_page`) and nbconvert makes
the offline page `reports/sweeps/<name>/sweep.html` (`sweep.<language>.html`), as for reports.
"""

from __future__ import annotations

from pathlib import Path

from dxmodel.publish.index import read_summaries, write_index
from dxmodel.publish.notebooks import execute, failure, scratch_folder
from dxmodel.publish.pages import page_path
from dxmodel.sweeps.run import FOLDER, load_sweep
from dxmodel.text import i18n
from dxmodel.text.i18n import t
from dxmodel.util.atomic import write_atomically
from dxmodel.util.errors import DxError
from dxmodel.util.paths import NOTEBOOKS_DIR

SWEEP_NOTEBOOK = NOTEBOOKS_DIR / "sweep.ipynb"


def write_pages(
    folder: Path, languages: tuple[str, ...] | None = None, timeout: int = 600
) -> list[Path]:
    """Render the sweep's page in each language; a failure leaves any earlier page in place."""
    run = load_sweep(folder)  # a missing or unfinished sweep is refused before any kernel
    written = []
    for language in languages or i18n.languages():
        with scratch_folder() as scratch:
            parameters = {"sweep": str(folder.resolve()), "language": language}
            title = t("sw_title", language, name=run.spec.name)
            try:
                page = execute(SWEEP_NOTEBOOK, parameters, language, title, timeout, scratch)
            except Exception as exc:
                raise DxError(f"{folder.name} ({language}): {failure(exc)}") from None
        path = page_path(folder, language)
        write_atomically(path, page)
        written.append(path)
    if folder.parent.name == FOLDER:  # reports/sweeps/<name>: the index is two levels up
        _refresh_index(folder.parent.parent)
    return written


def _refresh_index(reports: Path) -> None:
    """Rewrite the reports' index (if there are reports) so it links the new page."""
    summaries = read_summaries(reports)
    if summaries:
        write_index(summaries, {}, reports)
