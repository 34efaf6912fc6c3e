"""The explorer's key-target cards and the tornado's target picker."""

from __future__ import annotations

import html

import pandas as pd

from dxmodel.core.targets import KEY_TARGETS, key_first, outlook_key
from dxmodel.outputs.tables import STATUS_COLOURS
from dxmodel.outputs.wording import target_short
from dxmodel.text.i18n import percent, t


def summary_html(card: pd.DataFrame, language: str, units: dict[str, str]) -> str:
    """A few key targets as cards: P(meet) in its status colour, the baseline's below."""
    e = html.escape
    rows = card.set_index("target")
    cards = []
    for target in KEY_TARGETS:
        if target not in rows.index:
            continue
        r = rows.loc[target]
        key = outlook_key(r.status, r.p_meet)
        colour = STATUS_COLOURS[key]
        p = t("status_" + key, language) if pd.isna(r.p_meet) else _percent(r.p_meet, language)
        base = "" if pd.isna(r.p_meet_baseline) else _percent(r.p_meet_baseline, language)
        label = target_short(r, language, units)
        baseline = e(t("ex_baseline_p", language, p=base)) if base else ""
        cards.append(
            f"<div class='dx-card' style='border-left-color:{colour}' "
            f"title='{e(str(target))} · {e(str(r.basis))}'>"
            f"<div class='dx-card-p' style='color:{colour}'>{e(p)}</div>"
            f"<div>{e(label)}<div class='dx-card-b'>{baseline}</div></div></div>"
        )
    caption = f"<div class='dx-caption'>{e(t('ex_key_targets', language))}</div>"
    return f"{caption}<div class='dx-cards'>{''.join(cards)}</div>"


def _percent(p: float, language: str) -> str:
    return percent(float(p), language)


def tornado_options(
    targets: pd.DataFrame, computed, language: str, units: dict[str, str]
) -> list[tuple[str, str]]:
    """The tornado's target picker: (label, target) for each of `targets` (scorecard rows) in
    `computed`, the key targets first, then the others in registry order. Targets that ask the
    same of the same projection (three bases for a 30% share in 2030) have the same tornado:
    one entry, the first of them."""
    rows = targets[targets["target"].isin(set(computed))].set_index("target", drop=False)
    out, seen = [], set()
    for target in key_first(rows["target"], list(targets["target"])):
        r = rows.loc[target]
        same = (r.indicator, r.geo, r.series, r.judged_on_year, r.comparator, r["value"])
        if same not in seen:
            seen.add(same)
            out.append((target_short(r, language, units), str(r.target)))
    return out
