"""Every English text a catalog translates, with its context: from the code and the data.

`tools/catalogs.py` writes these to `dxmodel/text/locale/dxmodel.pot`; a test checks that every
catalog translates all of them, so nothing shows in English on another language's page.
"""

from __future__ import annotations

from collections.abc import Iterator

from dxmodel.core.data import Dataset, load_dataset
from dxmodel.core.levers import LEVERS
from dxmodel.text.messages import MESSAGES

# Sources whose titles are translated: the legal documents and dxmodel's own. Other titles are
# the names of publications, quoted as published.
TRANSLATED_SOURCES = (
    "resolution_52_2019", "decision_749_2020", "decision_942_2021", "decision_146_2022",
    "resolution_57_2024", "decision_1437_2024", "mic_plan_2023", "dxmodel_egdi_sea_rank",
)  # fmt: skip


def messages(dataset: Dataset | None = None) -> Iterator[tuple[str, str]]:
    """(context, English) for every UI string, lever text and data label, without repeats."""
    dataset = dataset if dataset is not None else load_dataset()
    seen: set[tuple[str, str]] = set()
    for pair in _all(dataset):
        if pair[1] and pair not in seen:
            seen.add(pair)
            yield pair


def _all(dataset: Dataset) -> Iterator[tuple[str, str]]:
    yield from MESSAGES.items()
    for lever in LEVERS:
        for field in ("label", "unit", "help"):
            yield lever.context(field), getattr(lever, f"{field}_text")
    for row in dataset.indicators.itertuples(index=False):
        yield f"indicator:{row.indicator}:label", row.label
        yield f"indicator:{row.indicator}:unit", row.unit
    for row in dataset.targets.itertuples(index=False):
        yield "basis", row.basis
        if isinstance(row.clause, str):
            yield "clause", row.clause
    titles = dataset.sources.set_index("source")["title"]
    for source in TRANSLATED_SOURCES:
        yield f"source:{source}:title", titles[source]
