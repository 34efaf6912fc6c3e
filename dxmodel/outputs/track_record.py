"""The report's "How did our earlier forecasts do": frozen forecasts scored on what was published.

A forecast frozen in the ledger (`dxmodel ledger freeze`) is judged once its outcome is in the
data: Brier score beside persistence and the base rate of comparable countries, whether the
80% interval held it, and its PIT. The section says nothing until something is scored, so a
report never shows an empty track record.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from dxmodel.core import columns as c
from dxmodel.core.data import Dataset
from dxmodel.engine import ledger
from dxmodel.outputs.wording import target_label
from dxmodel.text.i18n import indicator_labels, number, percent, t

e = html.escape
COLUMNS = (
    "tr_target", "tr_frozen_on", "tr_outcome", "tr_met", "tr_p_meet", "tr_p_persistence",
    "tr_base_rate", "tr_brier", "tr_brier_persistence", "tr_brier_base_rate", "tr_interval",
    "tr_pit",
)  # fmt: skip


def scored_forecasts(dataset: Dataset) -> pd.DataFrame:
    """Every frozen forecast (all ledgers the data folder and the workspace hold) whose outcome
    the data now has, scored; empty when there is none or no ledger."""
    paths = ledger.ledger_files()
    if not paths:
        return pd.DataFrame(columns=list(ledger.SCORE_COLUMNS))
    scored = ledger.score_ledgers(paths, dataset)
    return scored[scored["status"] == "scored"].reset_index(drop=True)


def track_record_html(dataset: Dataset, language: str) -> str:
    """The section's HTML, or '' while no frozen forecast has been scored."""
    done = scored_forecasts(dataset)
    if done.empty:
        return ""
    frozen = ledger.ledger_files()
    card = dataset.targets.set_index(c.TARGET)
    labels = indicator_labels(dataset.indicators, language)
    rated = done[done["brier_base_rate"].notna()]
    base = (
        t(
            "track_record_base",
            language,
            brier=number(rated["brier_base_rate"].mean(), 3, language),
            n=len(rated),
        )
        if len(rated)
        else ""
    )
    intro = t(
        "track_record_intro",
        language,
        n=len(done),
        ledgers=len({p.name for p in frozen}),
        model=number(done["brier"].mean(), 3, language),
        persistence=number(done["brier_persistence"].mean(), 3, language),
        base=base,
        hits=int(done["inside_80"].sum()),
    )
    head = "".join(f"<th>{e(t(k, language))}</th>" for k in COLUMNS)
    body = "".join(_row(r, card, labels, language) for r in done.to_dict("records"))
    return (
        f"<h2>{e(t('h_track_record', language))}</h2><p>{e(intro)}</p>"
        f"<table class='dx-table'><tr>{head}</tr>{body}</table>"
    )


def _row(r: dict, card: pd.DataFrame, labels: dict, language: str) -> str:
    target = r[c.TARGET]
    label = target_label(card.loc[target], labels, language) if target in card.index else target
    day = str(r["ledger"]).split("_", 1)[0]

    def p(value: float) -> str:
        return "—" if pd.isna(value) else percent(float(value), language)

    def n(value: float, digits: int = 3) -> str:
        return "—" if pd.isna(value) else number(float(value), digits, language)

    outcome = r["outcome"]
    whole = float(outcome).is_integer()
    cells = (
        f"{e(label)}<div class='dx-muted'><code>{e(target)}</code></div>",
        e(day),
        e(n(outcome, 0 if whole else 2)),
        e(_yes_no(r["met"], language)),
        e(p(r["p_meet"])),
        e(_yes_no(r["p_persistence"], language)),
        e(p(r["base_rate"])),
        e(n(r["brier"])),
        e(n(r["brier_persistence"])),
        e(n(r["brier_base_rate"])),
        e(
            f"{n(r['low_80'], 0 if whole else 2)} – {n(r['high_80'], 0 if whole else 2)} "
            f"({_yes_no(r['inside_80'], language)})"
        ),
        e(n(r["pit"], 2) if np.isfinite(r["pit"]) else t("tr_pit_outside", language)),
    )
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def _yes_no(value: object, language: str) -> str:
    """Yes or no in `language`; a dash where there is nothing to say."""
    if value is None or pd.isna(value):
        return "—"
    return t("tr_yes" if bool(value) else "tr_no", language)
