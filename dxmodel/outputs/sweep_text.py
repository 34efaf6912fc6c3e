"""What a sweep found, said in a line per target: the levers that matter, and the rule.

Shared by the CLI, the sweep's page and the reports' sensitivity section, in English or
Vietnamese; numbers through Babel. Rule limits are rounded to three significant figures for
reading; `rules.csv` keeps them exact.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dxmodel.core.levers import REGISTRY
from dxmodel.core.targets import key_first
from dxmodel.outputs.wording import lever_value
from dxmodel.sweeps.discovery import DENSITY_GOAL, interest
from dxmodel.sweeps.sensitivity import MOVES, ranked
from dxmodel.text.i18n import number, percent, share, t


def condition(name: str, low: float, high: float, language: str = "en") -> str:
    """One restriction of a rule: ≥, ≤ or from-to (an open side is infinite)."""
    lever = REGISTRY[name]
    label = lever.label(language)

    def said(value: float) -> str:
        return lever_value(lever, value, language, unit=True)

    lows, highs = np.isfinite(low), np.isfinite(high)
    if lows and highs:
        return t("cond_between", language, lever=label, low=said(low), high=said(high))
    if lows:
        return t("cond_at_least", language, lever=label, value=said(low))
    return t("cond_at_most", language, lever=label, value=said(high))


def rule_sentence(rule: pd.DataFrame, interesting: int, runs: int, language: str = "en") -> str:
    """A target's rule (its rows of rules.csv) as a sentence. Without one: no run reaches an
    80% chance, or too few, too scattered, for a rule (`interesting` of `runs` do)."""
    if rule.empty:
        if interesting == 0:
            return t("rule_none", language)
        return t(
            "rule_scattered",
            language,
            n=number(interesting, 0, language),
            runs=number(runs, 0, language),
        )
    first = rule.iloc[0]
    numbers = dict(
        density=share(first["density"], language),
        cases=number(first["cases"], 0, language),
        coverage=share(first["coverage"], language),
    )
    limited = rule[rule["lever"].fillna("").astype(str) != ""]
    if limited.empty and first["density"] < DENSITY_GOAL:  # the densest "box" is everything
        return t(
            "rule_scattered",
            language,
            n=number(first["hits"], 0, language),
            runs=number(first["samples"], 0, language),
        )
    if limited.empty:
        return t("rule_everywhere", language, **numbers)
    parts = [condition(r.lever, r.low, r.high, language) for r in limited.itertuples()]
    text = t("rule_text", language, conditions=t("rule_and", language).join(parts), **numbers)
    return text if first["density"] >= DENSITY_GOAL else t("rule_short", language, rule=text)


def percent_range(low: float, high: float, language: str = "en") -> str:
    """'12%–35%', or '<1%' once when both ends read the same."""
    a, b = percent(low, language), percent(high, language)
    return a if a == b else f"{a}–{b}"


def kind_label(kind: str, language: str = "en") -> str:
    return t(f"kind_{kind}", language)


def top_levers(ranked: pd.DataFrame, language: str = "en") -> str:
    """'A (policy lever, 62%), B (assumption, 30%)': the levers that matter most, with the
    share of the outcome's variance each explains in total (Sobol'), or in their order alone.
    A lever whose index is below MOVES, or whose 95% interval reaches zero, is not named."""
    column = next(k for k in ("ST", "mu_star", "swing") if k in ranked)
    size = ranked[column].abs() if column == "swing" else ranked[column]
    if f"{column}_conf" in ranked:
        size = size.where(ranked[column] - ranked[f"{column}_conf"] > 0)
    out = []
    for r, value in zip(ranked.itertuples(), size, strict=True):
        if not value >= MOVES:  # NaN too: a lever that explains nothing is not named
            continue
        label, kind = REGISTRY[r.lever].label(language), kind_label(r.kind, language)
        if column == "ST":
            share_ = percent(min(value, 1.0), language)
            out.append(t("top_lever", language, lever=label, kind=kind, share=share_))
        else:
            out.append(t("top_lever_plain", language, lever=label, kind=kind))
    return ", ".join(out)


def matters(indices: pd.DataFrame, p_meet: pd.Series, target: str, language: str = "en") -> str:
    """What matters most for one target in a sweep, saying when P(meet) barely moves and the
    ranking is on the median instead."""

    if indices.empty:
        return t("sw_no_indices", language)
    found = ranked(indices, target)
    text = top_levers(found, language) or t("sw_nothing_moves", language)
    if (found["outcome"] == "median").any():
        spread = percent_range(p_meet.min(), p_meet.max(), language)
        return t("sw_on_median", language, spread=spread, levers=text)
    return text


def target_summary(
    run, indices: pd.DataFrame, rules: pd.DataFrame | None, target: str, language: str = "en"
) -> dict[str, str]:
    """One target of a sweep in words: P(meet)'s 10th-90th percentile over the runs, what
    matters most, when it is met. The CLI and the sweep's page both print this."""

    p = run.results.loc[run.results["target"] == target, "p_meet"]
    low, high = p.quantile([0.1, 0.9])
    rule = (
        ""
        if rules is None
        else rule_sentence(rules[rules["target"] == target], *interest(run, target), language)
    )
    return {
        "spread": percent_range(low, high, language),
        "matters": matters(indices, p, target, language),
        "rule": rule,
    }


def tornado_reading(rows: pd.DataFrame, language: str = "en") -> str:
    """One target's tornado in a line: the three levers that swing it most, and how many
    others barely move it; or that nothing does."""
    moving = rows[rows["swing"].abs() >= MOVES]
    if moving.empty:
        p = percent(float(rows["p_base"].iloc[0]), language) if len(rows) else "—"
        return t("tornado_flat", language, p=p)
    top = moving.reindex(moving["swing"].abs().sort_values(ascending=False).index).head(3)
    line = t("tornado_top", language, levers=top_levers(top, language))
    still = len(rows) - len(moving)
    if still:
        key = "tornado_more_one" if still == 1 else "tornado_more"
        line += " " + t(key, language, n=still)
    return line


def sweep_tables(run) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The indices and rules a finished sweep wrote beside its table (none for a method that
    makes none)."""
    folder = run.folder
    indices = pd.read_csv(folder / "sensitivity.csv", keep_default_na=True)
    rules = pd.read_csv(folder / "rules.csv") if (folder / "rules.csv").exists() else None
    return indices, rules


def ordered_targets(run, dataset) -> list[str]:
    """The targets a sweep scored: key targets first, then in registry order."""

    return key_first(run.results["target"].unique(), list(dataset.targets["target"]))
