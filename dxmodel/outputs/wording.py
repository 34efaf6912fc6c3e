"""How dxmodel writes things down, in any language with a catalog: a value with its unit, a
lever's value, a comparator, a target, and what a target needs. One place, used by the CLI,
the reports, the index, the explorer and the sweep pages, so they never word a thing two ways.
Everything here is plain text: HTML callers escape it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dxmodel.core.comparators import SYMBOLS
from dxmodel.core.levers import REGISTRY, Lever
from dxmodel.core.targets import is_whole
from dxmodel.text.i18n import basis_in, indicator_labels, number, significant, t
from dxmodel.text.messages import MESSAGES


def symbol(comparator: str) -> str:
    """'≥' for '>=': how a reader writes a comparator."""
    return SYMBOLS.get(comparator, comparator)


def value_text(v: float, unit: str, language: str = "en", digits: int = 3) -> str:
    """A value as a reader wants it: whole for counts and ranks, else `digits` significant."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    return number(v, 0, language) if is_whole(unit) else significant(v, digits, language)


def with_unit(value: str, unit: str) -> str:
    """'30% of GDP', '1,000 persons': a percent sign sits on the number, other units apart."""
    return f"{value}{unit}" if unit.startswith("%") else f"{value} {unit}"


def choice_label(value: object, language: str = "en") -> str:
    """A lever's choice (a series, a pace) as readers name it, not as the code does."""
    key = f"choice_{value}"
    return t(key, language) if key in MESSAGES else str(value)


def lever_value(lever: Lever, value: object, language: str = "en", unit: bool = False) -> str:
    """A lever's value as `language` writes it: a named choice, or a number (with its unit)."""
    if lever.choices:
        return choice_label(value, language)
    text = number(value, 0, language) if lever.integer else significant(float(value), 3, language)
    return with_unit(text, lever.unit(language)) if unit else text


def target_label(r, labels: dict[str, tuple[str, str]], language: str = "en") -> str:
    """What a target asks, without its year: 'Digital economy share of GDP ≥ 30%', 'EGDI rank
    among 193 UN member states: top 50'. `labels`: indicator -> (label, unit)."""
    label, unit = labels.get(r.indicator, (r.indicator, r.unit))
    if str(r.unit).startswith("rank") and r.comparator == "<=":
        return t("goal_top", language, label=label, value=value_text(r.value, r.unit, language))
    shown = with_unit(value_text(r.value, r.unit, language), short_unit(unit))
    return f"{label} {symbol(r.comparator)} {shown}"


def short_unit(unit: str) -> str:
    """A unit where a label already names what is counted: its first words ('%', 'persons')."""
    return "%" if unit.startswith("%") else unit.split(" (")[0]


def target_name(r, labels: dict[str, tuple[str, str]], language: str = "en") -> str:
    """A target in full: what it asks and by when, and the edition it is judged on where that
    is another year ('… top 50 by 2025, judged on the 2024 edition')."""
    name = f"{target_label(r, labels, language)} {t('index_by', language, year=r.year)}"
    if r.judged_on_year != r.year:
        name += f", {t('judged_on', language, year=r.judged_on_year)}"
    return name


def target_names(
    targets: pd.DataFrame, indicators: pd.DataFrame, language: str = "en"
) -> dict[str, str]:
    """Target id -> its full name; where several documents set the same goal, the name says
    which document (' · Decision 749/QD-TTg (2020)')."""
    labels = indicator_labels(indicators, language)
    names = {r.target: target_name(r, labels, language) for r in targets.itertuples(index=False)}
    twins = pd.Series(names, dtype=object).duplicated(keep=False)
    bases = dict(zip(targets["target"], targets["basis"], strict=True))
    return {k: f"{v} · {basis_in(bases[k], language)}" if twins[k] else v for k, v in names.items()}


def target_short(r, language: str, units: dict[str, str]) -> str:
    """A target in a few words, where space is short (the explorer's cards and picker):
    'Digital economy, share of GDP: ≥ 30% · 2030'."""
    name = t(f"ex_short_{r.indicator}", language)  # every targeted indicator has one (tested)
    unit = units.get(r.indicator, r.unit)
    value = value_text(r["value"], r.unit, language) + ("%" if unit.startswith("%") else "")
    return f"{name}: {symbol(r.comparator)} {value} · {r.year}"


def need_words(r, language: str = "en") -> dict[str, str] | None:
    """The pieces of what a CHANCE of meeting a target needs, in `language`: the lever, its
    unit, the value needed ('' where no value within the lever's range gives it) and the
    scenario's value; None where no family answers for the target."""
    if not isinstance(getattr(r, "need_lever", None), str):
        return None
    lever = REGISTRY.get(r.need_lever)  # else Viet Nam's EGDI gains, which are not one lever
    return {
        "lever": lever.label(language) if lever else t("need_gain", language),
        "unit": lever.unit(language) if lever else t("need_gain_unit", language),
        "need": "" if pd.isna(r.need_value) else significant(r.need_value, 3, language),
        "scenario": significant(r.need_scenario, 3, language),
    }


def needs_text(r, language: str = "en") -> str:
    """What a CHANCE of meeting the target needs: '<lever>: <need> <unit> vs <scenario's>'
    ('' where no family answers it)."""
    words = need_words(r, language)
    if words is None:
        return ""
    if not words["need"]:
        return f"{words['lever']}: {t('need_unreachable', language)}"
    need = with_unit(words["need"], words["unit"])
    return f"{words['lever']}: {need} {t('vs', language)} {words['scenario']}"
