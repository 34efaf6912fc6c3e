"""One sentence per official target, derived from the scorecard row, in English or Vietnamese.

The report never names a target, a year or a value in its own text: it iterates the registry
(through the scorecard), so a target added to data/targets.csv gets its sentence, and a target
whose deadline passes stops being forecast, without a code change. Targets that say the same
thing in several documents (the same indicator, year, comparator and value) share a sentence
that lists every legal basis.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from dxmodel.core import columns as c
from dxmodel.outputs.tables import rarity_sentence
from dxmodel.outputs.wording import need_words, symbol, value_text, with_unit
from dxmodel.text.i18n import basis_in, number, percent, t
from dxmodel.util.frames import rows

SAME_TARGET = [c.INDICATOR, c.JUDGED_ON_YEAR, c.COMPARATOR, c.VALUE]


def target_sentences(
    card: pd.DataFrame,
    indicators: Iterable[str],
    language: str,
    labels: Mapping[str, tuple[str, str]],
    extra: Mapping[str, str] | None = None,
    publishers: Mapping[str, str] | None = None,
) -> list[str]:
    """A sentence per distinct target on `indicators`, in registry order.

    `labels` maps an indicator to (label, unit) in `language`; `extra` maps a target id to a
    sentence the family adds (for example the recent pace, beside an EGDI need);
    `publishers` maps a source to its publisher, named where an observation is cited.
    """
    chosen = card[card[c.INDICATOR].isin(list(indicators))]
    out = []
    for _, same in chosen.groupby(SAME_TARGET, sort=False):
        r = next(rows(same.head(1)))
        bases = "; ".join(dict.fromkeys(basis_in(b, language) for b in same[c.BASIS]))
        label, unit = labels.get(r.indicator, (r.indicator, r.unit))
        rank = str(r.unit).startswith("rank") and r.comparator == "<="
        goal = t(
            "s_goal_rank" if rank else "s_goal",
            language,
            label=label,
            comparator=symbol(r.comparator),
            value=value_text(r.value, r.unit, language),
            year=r.year,
            bases=bases,
            amount=with_unit(value_text(r.value, r.unit, language), unit),
        )
        judged = t("s_judged_on", language, edition=r.judged_on_year) if rank else ""
        cited = (publishers or {}).get(r.latest_source, r.latest_source)
        parts = [goal, judged if r.judged_on_year != r.year else "", _status(r, language, cited)]
        if r.status == "open" and not pd.isna(r.p_meet):
            parts.append(_base_rate(r, language))
            parts.append(_need(r, language))
            parts.append((extra or {}).get(r.target, ""))
        out.append(" ".join(p for p in parts if p))
    return out


def _status(r, language: str, cited: str) -> str:
    if r.status in ("met", "missed"):
        return t(
            f"s_{r.status}",
            language,
            observed=value_text(r.latest_observed, r.unit, language, digits=4),
            year=r.latest_year,
            source=cited,
        )
    if r.status == "unmeasured":
        return t("s_unmeasured", language)
    if pd.isna(r.p_meet):
        return t("s_no_model", language)
    return t(
        "s_open",
        language,
        p=percent(r.p_meet, language),
        basis=t(f"p_basis_{r.p_basis}", language),
        mid=value_text(r.expected, r.unit, language),
        lo=value_text(r.low, r.unit, language),
        hi=value_text(r.high, r.unit, language),
    )


def _base_rate(r, language: str) -> str:
    if pd.isna(r.base_rate):
        return ""
    text = t(
        "s_base_rate",
        language,
        hits=number(r.base_rate_hits, 0, language),
        cases=number(r.base_rate_cases, 0, language),
        rate=percent(r.base_rate, language),
    )
    rare = rarity_sentence(r.p_meet, r.base_rate_hits, r.base_rate_cases, language)
    return text + (f" {t('s_rare', language, rare=rare)}" if rare else "")


def _need(r, language: str) -> str:
    """What it needs, as a sentence (`wording.need_words`)."""
    words = need_words(r, language)
    if words is None:
        return ""
    if not words["need"]:
        return t("s_need_unreachable", language, lever=words["lever"])
    return t("s_need", language, **words)
