"""The Explore part of a report: sliders that move the levers deciding the key targets, with
each key target's card and its family's fan charts redrawn in the browser, from the file alone.

Nothing is computed in the page. It holds the models' results on a grid (`sweeps.grid`): each
slider steps through the values the models were run at, and a move only looks up the grid
point and swaps the charts' bands (their `fan` dataset, the report's own chart specs). Every
text the page can show (percentages, medians, lever values, the scenario file's lines) is
written here, through the catalogs and Babel, so a Vietnamese page says nothing in English and
the page's P(meet) is the report's own formatting of the model's number.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import pandas as pd
import yaml

from dxmodel.core import columns as c
from dxmodel.core.data import Dataset
from dxmodel.core.levers import REGISTRY
from dxmodel.core.scenario import NAME_PATTERN, Scenario
from dxmodel.core.targets import outlook_key
from dxmodel.engine.session import Outlook
from dxmodel.models import BY_NAME
from dxmodel.models import digital_economy as de
from dxmodel.outputs import charts
from dxmodel.outputs.figures import SLOTS, own_series_chart
from dxmodel.outputs.summary import script_json
from dxmodel.outputs.tables import STATUS_COLOURS
from dxmodel.outputs.wording import (
    lever_value,
    short_unit,
    target_short,
    value_text,
    with_unit,
)
from dxmodel.sweeps.grid import ExploreGrid, fan_key
from dxmodel.text.i18n import languages, number, percent, t

e = html.escape
HERE = Path(__file__).parent  # explore.js, explore.css
SECTION_ID = "explore"  # the section's anchor: <report>.html#explore
EXPLORED = "-explored"  # the scenario file's name: the scenario's, marked as explored
NAME_LIMIT = 64  # characters in a scenario's name (NAME_PATTERN)
CHART_WIDTH = 520  # px: two charts side by side in a report's or the index's column
START, END = "<!-- dx-explore:start -->", "<!-- dx-explore:end -->"  # for the index to copy


def explore_part(page: str) -> str | None:
    """A report page's Explore part as it wrote it (for the index to carry), or None."""
    start, end = page.find(START), page.find(END)
    return page[start : end + len(END)] if 0 <= start < end else None


@functools.cache
def _inline(name: str) -> str:
    """explore.js or explore.css as page text that cannot close its own tag."""
    return (HERE / name).read_text(encoding="utf-8").replace("</", "<\\/")


def explore_html(
    grid: ExploreGrid,
    scenario: Scenario,
    view: Outlook,
    base: Outlook,
    dataset: Dataset,
    language: str,
    units: dict[str, str],
) -> str:
    """The Explore section: sliders per family, the key targets' cards, the families' main
    fan charts, the levers held fixed, and the scenario file for the sliders' positions."""
    payload = grid.payload
    heading = f"<h2 id='{SECTION_ID}'>{e(t('h_explore', language))}</h2>"
    if not payload["families"]:
        return START + heading + f"<p>{e(t('explore_none', language))}</p>" + END
    rows = dataset.targets.set_index(c.TARGET)
    yaml_parts = _yaml_parts(grid, scenario)
    page = {
        "draws": payload["draws"],
        "seed": payload["seed"],
        "quantiles": [f"q{round(q * 100)}" for q in payload["quantiles"]],
        "families": {},
        "yaml": yaml_parts,
        "words": {k: t(f"explore_{k}", language) for k in ("copied", "copy_failed")},
    }
    sliders, figures = [], []
    for family, body in payload["families"].items():
        specs = _charts(grid, family, view, base, dataset, language)
        page["families"][family] = {
            "levers": [_lever(lv, language) for lv in body["levers"]],
            "targets": body["targets"],
            "cards": _point_cards(grid, family, body["targets"], rows, language, units),
            "charts": specs,
            "fans": {spec["fan"]: body["fans"][spec["fan"]] for spec in specs},
        }
        sliders.append(_fieldset(family, page["families"][family]["levers"], language))
        figures += [f"<div class='dx-chart' id='{s['id']}'></div>" for s in specs]
    n = sum(grid.points.values())
    intro = t(
        "explore_intro",
        language,
        points=number(n, 0, language),
        draws=number(payload["draws"], 0, language),
        seed=payload["seed"],
    )
    text = script_json(page)
    return (
        START
        + f"<section class='dx-explore' lang='{e(language)}'>"
        + f"<style>{_inline('explore.css')}</style>{heading}<p>{e(intro)}</p>"
        + "<div class='dx-x-body'><div class='dx-x-levers'>"
        + "".join(sliders)
        + f"<button type='button' class='dx-x-reset'>{e(t('explore_reset', language))}"
        + "</button></div>"
        + _cards(grid, rows, language, units)
        + "</div>"
        + f"<div class='dx-x-charts'>{''.join(figures)}</div>"
        + _fixed(grid, language)
        + _yaml_block(yaml_parts, grid, language)
        + f"<script type='application/json' class='dx-x-data'>{text}</script>"
        + f"<script>{_inline('explore.js')}</script></section>"
        + END
    )


# --- sliders -----------------------------------------------------------------------------------
def _lever(lever: dict, language: str) -> dict:
    """What the page needs of a slider: its grid, and each value as read and as written."""
    registered = REGISTRY[lever["name"]]
    return {
        "name": lever["name"],
        "values": lever["values"],
        "step": lever["step"],
        "own": lever["own"],
        "texts": [lever_value(registered, v, language, unit=True) for v in lever["values"]],
        "yaml": [_yaml_line(lever["name"], v) for v in lever["values"]],
    }


def _fieldset(family: str, levers: list[dict], language: str) -> str:
    """A family's sliders (`_lever`'s): each a labelled `<input type=range name=LEVER>` whose
    min, max and step are the grid's, so the keyboard and the mouse land on grid values only."""
    out = [f"<fieldset><legend>{e(t(f'mh_{family}', language))}</legend>"]
    for lever in levers:
        registered = REGISTRY[lever["name"]]
        own = lever["texts"][lever["values"].index(lever["own"])]
        ident = f"dx-x-{lever['name']}"
        out.append(
            f"<div class='dx-x-lever'><label for='{ident}'>{e(registered.label(language))}</label>"
            f"<input type='range' id='{ident}' name='{e(lever['name'])}' "
            f"min='{lever['values'][0]}' max='{lever['values'][-1]}' step='{lever['step']}' "
            f"value='{lever['own']}' data-family='{e(family)}' aria-valuetext='{e(own)}'>"
            f"<output for='{ident}'>{e(own)}</output></div>"
        )
    return "".join(out) + "</fieldset>"


# --- cards -------------------------------------------------------------------------------------
def _point_cards(
    grid: ExploreGrid,
    family: str,
    targets: list[str],
    rows: pd.DataFrame,
    language: str,
    units: dict[str, str],
) -> list[list[list[str]]]:
    """Per grid point, each of the family's key targets' card texts, from the model's own
    numbers at full precision (as the report and `dxmodel assess` round them)."""
    ps, medians = grid.outcome(family, "p_meet"), grid.outcome(family, "median")
    return [
        [
            _card_texts(ps.at[point, k], medians.at[point, k], rows.loc[k], language, units)
            for k in targets
        ]
        for point in ps.index
    ]


def _card_texts(p: float, median: float, r, language: str, units: dict[str, str]) -> list[str]:
    """A card at one grid point: P(meet) as the report writes it, the median, the colour."""
    unit = units.get(r[c.INDICATOR], r[c.UNIT])
    shown = value_text(median, r[c.UNIT], language)
    if not str(r[c.UNIT]).startswith("rank"):  # the card's label already says "rank"
        shown = with_unit(shown, short_unit(unit))
    median_text = t("explore_median", language, value=shown)
    return [percent(p, language), median_text, STATUS_COLOURS[outlook_key("open", p)]]


def _cards(grid: ExploreGrid, rows: pd.DataFrame, language: str, units: dict[str, str]) -> str:
    """Every key target's card at the scenario's values; a target no slider moves says so."""
    payload = grid.payload
    moved = {k for body in payload["families"].values() for k in body["targets"]}
    out = []
    for target in payload["targets"]:
        r = rows.loc[target]
        p, median = grid.base[target]
        p_text, median_text, colour = _card_texts(p, median, r, language, units)
        note = (
            ""
            if target in moved
            else f"<div class='dx-muted'>{e(t('explore_fixed_card', language))}</div>"
        )
        out.append(
            f"<div class='dx-card' data-card='{e(target)}' style='border-left-color:{colour}'>"
            f"<div class='dx-card-p' data-target='{e(target)}' style='color:{colour}'>"
            f"{e(p_text)}</div><div>{e(target_short(r, language, units))}"
            f"<div class='dx-card-m'>{e(median_text)}</div>"
            f"<div class='dx-card-b'>{e(t('explore_at_scenario', language, p=p_text))}</div>"
            f"{note}</div></div>"
        )
    return f"<div class='dx-x-cards'>{''.join(out)}</div>"


# --- charts ------------------------------------------------------------------------------------
def _charts(
    grid: ExploreGrid, family: str, view: Outlook, base: Outlook, dataset: Dataset, language: str
) -> list[dict]:
    """The family's fan chart for each key target's projection (the series its scorecard row
    is judged on): the report's own chart, whose `fan` dataset the page replaces with the grid
    point's bands."""
    out, seen = [], set()
    fans = grid.payload["families"][family]["fans"]
    judged = grid.table[(grid.table["family"] == family) & (grid.table["part"] == "p_meet")]
    indicators = dataset.targets.set_index(c.TARGET)[c.INDICATOR]
    for target, series in judged.drop_duplicates("name")[["name", "series"]].itertuples(False):
        indicator = indicators[target]
        key = fan_key(indicator, series)
        if key not in fans or indicator in seen:
            continue
        seen.add(indicator)
        chart = _chart(indicator, view, base, dataset, language)
        if chart is None:
            continue
        spec = charts.with_width(chart.to_dict(validate=False), CHART_WIDTH)
        out.append({"id": f"dx-x-chart-{indicator.replace('_', '-')}", "fan": key, "spec": spec})
    return out


def _chart(indicator: str, view: Outlook, base: Outlook, dataset: Dataset, language: str):
    """The report's chart of the indicator; the digital economy's on the scenario's own series
    alone (the other series is not on the grid)."""
    if indicator == de.INDICATOR:
        return own_series_chart(view, base, dataset, language)
    slot = SLOTS.get(indicator)
    return slot.chart(view, base, dataset, language) if slot and slot.family in BY_NAME else None


# --- the levers held, the scenario file -------------------------------------------------------
def _fixed(grid: ExploreGrid, language: str) -> str:
    """Every lever not on a slider, at the scenario's value: what every number here assumes."""
    items = "".join(
        f"<li>{e(REGISTRY[name].label(language))}: "
        f"<b>{e(lever_value(REGISTRY[name], value, language, unit=True))}</b></li>"
        for name, value in grid.fixed.items()
        if name in REGISTRY
    )
    title = t("explore_fixed", language, n=number(len(grid.fixed), 0, language))
    return f"<details class='dx-x-fixed'><summary>{e(title)}</summary><ul>{items}</ul></details>"


def _yaml_line(name: str, value) -> str:
    return "  " + yaml.safe_dump({name: value}, allow_unicode=True).strip()


def explored_name(scenario: Scenario) -> str:
    """The scenario file's name: the scenario's, marked as explored, still a valid name."""
    name = scenario.name[: NAME_LIMIT - len(EXPLORED)] + EXPLORED
    return name if NAME_PATTERN.fullmatch(name) else "explored"


def _yaml_parts(grid: ExploreGrid, scenario: Scenario) -> dict:
    """The scenario file as the page writes it: a fixed head, then one line per lever in the
    registry's order, a slider's line chosen by its position. The scenario's own levers, every
    slider's and the draws and seed are written out, so `dxmodel` reads exactly these runs."""
    titles = {x: t("explore_yaml_title", x, title=scenario.title_in(x)) for x in languages()}
    notes = {x: t("explore_yaml_description", x, title=scenario.title_in(x)) for x in languages()}
    head = yaml.safe_dump(
        {"name": explored_name(scenario), "title": titles, "description": notes},
        sort_keys=False,
        allow_unicode=True,
        width=88,
    )
    sliders = {a.name for axes in grid.axes.values() for a in axes}
    written = set(scenario.levers) | sliders | {"draws", "seed"}
    values = scenario.values()
    lines = [
        name if name in sliders else _yaml_line(name, values[name])
        for name in REGISTRY
        if name in written
    ]
    return {"name": explored_name(scenario), "head": head + "levers:\n", "lines": lines}


def _with_code(text: str) -> str:
    """Escaped text whose `commands` are set as code: they are typed as written, in any
    language."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", e(text))


def _yaml_block(parts: dict, grid: ExploreGrid, language: str) -> str:
    """The file at the scenario's values, with its name, a copy button and a download link."""
    own = {a.name: _yaml_line(a.name, a.own) for axes in grid.axes.values() for a in axes}
    text = parts["head"] + "\n".join(own.get(line, line) for line in parts["lines"]) + "\n"
    file = f"{parts['name']}.yaml"
    return (
        f"<h3>{e(t('explore_yaml_h', language))}</h3>"
        f"<p>{_with_code(t('explore_yaml_intro', language, file=file))}</p>"
        f"<button type='button' class='dx-x-copy'>{e(t('explore_copy', language))}</button> "
        f"<a class='dx-x-download' href='#' download='{e(file)}'>"
        f"{_with_code(t('explore_download', language, file=file))}</a> "
        f"<span class='dx-x-said dx-muted' role='status'></span>"
        f"<pre class='dx-x-yaml' data-scenario-yaml><code>{e(text)}</code></pre>"
    )
