"""The Explore part as HTML, without a browser: labelled range inputs whose min, max and step
hold exactly the grid's values, a card per key target whose text is the scorecard's own
P(meet), a scenario file that dxmodel reads back as the scenario, no English on the Vietnamese
part, nothing that could close its script, and a report that can leave it out.
(The browser tests are in tests/publish/test_explore_browser.py.)"""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pytest

from dxmodel.core.levers import REGISTRY
from dxmodel.core.scenario import NAME_PATTERN, load_scenario, scenario_from_text
from dxmodel.outputs import explore
from dxmodel.sweeps.grid import MAX_LEVERS, explore_grid
from dxmodel.text.i18n import indicator_labels, languages, percent, t

DRAWS = 2000  # P(meet) in steps of 1/2000: a rounding twice would show, as at 200 it would not
INPUT = re.compile(r"<input type='range'([^>]*)>")
ATTRIBUTE = re.compile(r"([a-z-]+)='([^']*)'")


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("accelerated").with_levers(draws=DRAWS)


@pytest.fixture(scope="module")
def grid(session, scenario):
    return explore_grid(session, scenario, jobs=1)


@pytest.fixture(scope="module")
def parts(session, scenario, grid):
    view = session.outlook(scenario)
    base = session.outlook(session.baseline_for(scenario))
    out = {}
    for language in languages():
        labels = indicator_labels(session.dataset.indicators, language)
        units = {k: unit for k, (_, unit) in labels.items()}
        out[language] = explore.explore_html(
            grid, scenario, view, base, session.dataset, language, units
        )
    return out


def sliders(part: str) -> list[dict[str, str]]:
    return [dict(ATTRIBUTE.findall(m)) for m in INPUT.findall(part)]


def page_data(part: str) -> dict:
    found = re.search(r"<script type='application/json' class='dx-x-data'>(.*?)</script>", part)
    return json.loads(found.group(1))


def test_every_slider_is_a_labelled_range_stepping_through_its_grid_only(parts, grid):
    axes = {a.name: a for family in grid.axes.values() for a in family}
    for part in parts.values():
        found = sliders(part)
        assert 0 < len(found) == len(axes) <= MAX_LEVERS
        for s in found:
            a = axes[s["name"]]
            assert f"<label for='{s['id']}'>" in part  # a visible label, tied to the input
            low, high, step = float(s["min"]), float(s["max"]), float(s["step"])
            # what the browser lets the slider take: min + k * step up to max
            allowed = low + step * np.arange(round((high - low) / step) + 1)
            assert np.allclose(allowed, a.values) and float(s["value"]) == a.own


def test_every_key_target_card_shows_the_scorecards_probability(parts, grid, session, scenario):
    card = session.scorecard(scenario).set_index("target")
    for language, part in parts.items():
        shown = dict(re.findall(r"data-target='([^']+)'[^>]*>([^<]*)<", part))
        assert list(shown) == grid.payload["targets"] and shown
        for target, text in shown.items():
            assert html.unescape(text) == percent(card.loc[target, "p_meet"], language)


def test_each_grid_points_card_is_that_points_probability_rounded_once(parts, grid):
    """From the model's number at full precision, as `dxmodel assess` and the report round
    it: never from a rounded copy (0.1345 -> 0.135 -> 14% where the report says 13%)."""
    for language, part in parts.items():
        data = page_data(part)
        for family, body in data["families"].items():
            exact = grid.table[(grid.table.family == family) & (grid.table.part == "p_meet")]
            assert len(body["cards"]) == grid.points[family]
            for r in exact.itertuples():
                j = body["targets"].index(r.name)
                assert body["cards"][r.point][j][0] == percent(r.value, language)


def test_the_scenario_file_shown_is_the_scenario(parts, scenario, tmp_path):
    for language, part in parts.items():
        text = html.unescape(re.search(r"data-scenario-yaml><code>(.*?)</code>", part, re.S)[1])
        folder = tmp_path / language
        folder.mkdir()
        path = folder / f"{scenario.name}-explored.yaml"  # the name the page says
        assert f"<code>{path.name}</code>" in part
        path.write_text(text, encoding="utf-8")
        read = load_scenario(str(path))
        assert read.values() == scenario.values()  # every lever, the draws and seed too
        assert NAME_PATTERN.fullmatch(read.name) and read.name != scenario.name
        assert set(read.title) == set(languages())
        assert {"draws", "seed"} <= set(read.levers)


def test_a_slider_line_of_the_file_is_each_grid_value_as_yaml_writes_it(parts, grid):
    data = page_data(parts["en"])
    sliders_ = {lv["name"]: lv for body in data["families"].values() for lv in body["levers"]}
    assert set(sliders_) <= set(data["yaml"]["lines"])  # a slider's line is chosen in the page
    for name, lever in sliders_.items():
        for value, line in zip(lever["values"], lever["yaml"], strict=True):
            assert line == f"  {name}: {value}" or line == f"  {name}: {float(value)}"
            REGISTRY[name].check(value, "grid")


def test_the_levers_held_fixed_are_listed_with_their_values(parts, grid):
    for part in parts.values():
        fixed = re.search(r"<details class='dx-x-fixed'>(.*?)</details>", part, re.S)[1]
        assert fixed.count("<li>") == len([k for k in grid.fixed if k in REGISTRY]) > 0


def test_the_vietnamese_part_speaks_vietnamese(parts):
    from vietnamese import problems, visible_text

    assert problems(visible_text(parts["vi"])) == []
    assert "Explore" not in visible_text(parts["vi"])


def test_a_hostile_title_cannot_close_the_parts_script_or_end_the_part(session, grid):
    from dataclasses import replace

    evil = "</script><!-- dx-explore:end --><img src=x onerror=alert(1)> `x` & '\""
    scenario = replace(load_scenario("accelerated"), title={"en": evil, "vi": evil})
    view = session.outlook(scenario)
    part = explore.explore_html(grid, scenario, view, view, session.dataset, "en", {})
    assert part.count("</script>") == 2  # the data's and the code's own
    assert part.count(explore.END) == 1 and explore.explore_part(part) == part
    assert "<img" not in part
    page_data(part)  # the data still parses, whole
    text = html.unescape(re.search(r"data-scenario-yaml><code>(.*?)</code>", part, re.S)[1])
    read = scenario_from_text(text, "the page's file")  # the title comes back as it was
    assert read.title["en"] == t("explore_yaml_title", "en", title=evil)


def test_a_report_can_leave_the_part_out(session):
    from dxmodel.outputs.report import Report

    report = Report.create("baseline", "en", draws=DRAWS, session=session, explore=False)
    assert report.explore().data == ""


def test_the_index_copies_a_reports_part_and_says_when_it_cannot():
    page = f"<p>before</p>{explore.START}<h2 id='explore'>x</h2>{explore.END}<p>after</p>"
    assert explore.explore_part(page) == f"{explore.START}<h2 id='explore'>x</h2>{explore.END}"
    assert explore.explore_part("<p>an older report</p>") is None
    assert explore.explore_part(f"{explore.END}{explore.START}") is None


def test_a_scenario_where_no_lever_moves_a_key_target_says_so(session, scenario, grid):
    from dataclasses import replace

    empty = replace(grid, axes={}, payload={**grid.payload, "families": {}})
    view = session.outlook(scenario)
    for language in languages():
        part = explore.explore_html(empty, scenario, view, view, session.dataset, language, {})
        assert t("explore_none", language) in html.unescape(part)
        assert "<input" not in part and "<script" not in part
        assert explore.explore_part(part) == part
