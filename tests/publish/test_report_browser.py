"""A rendered report's charts in headless Chromium, read as a reviewer reads them.

Reads the shared rendered reports (stalled, baseline; rendered as `dxmodel report` does,
papermill then nbconvert to offline HTML, into a scratch folder), opens each page in Debian's
Chromium with every outside host unresolvable, and checks: every chart is drawn, the console
holds no warning or error (Vega's "Infinite extent" included), the Vietnamese axes and
tooltips use decimal commas, and hovering the three targets stacked at (2030, 30%) shows one
tooltip naming all three. Screenshots go to reports/screenshots/ for a person to look at:
report-charts-<language>.png (the chart sections) and report-tooltip-en.png.
"""

from __future__ import annotations

import contextlib
import re

import pytest
from conftest import RENDERED, watched_page

from dxmodel.outputs.figures import SLOTS
from dxmodel.util.paths import ROOT

pytestmark = pytest.mark.slow

PAGES = {name: {"en": f"{name}.html", "vi": f"{name}.vi.html"} for name in RENDERED}
SCREENSHOTS = ROOT / "reports" / "screenshots"
CHARTS_DRAWN = (
    "document.querySelectorAll('.dx-chart svg.marks, .dx-chart canvas.marks').length"
    " === document.querySelectorAll('.dx-chart').length"
    " && window.__views.length === document.querySelectorAll('.dx-chart').length"
)
# Keeps every vega view the page's own vegaEmbed calls make, to read its scenegraph.
HOOK = """
(() => {
  let embed;
  window.__views = [];
  Object.defineProperty(window, "vegaEmbed", {
    configurable: true,
    get() { return embed; },
    set(original) {
      embed = (el, spec, options) => original(el, spec, options).then((result) => {
        window.__views.push([String(el), result.view]);
        return result;
      });
    },
  });
})();
"""
# Every tooltip and every text (axis labels, legend, titles) the views drew, per chart.
SCENEGRAPH = """
() => window.__views.map(([id, view]) => {
  const tips = [], texts = [];
  const walk = (node) => {
    for (const item of node.items ?? []) {
      if (item.tooltip != null) tips.push(item.tooltip);
      if (node.marktype === "text" && item.text != null) texts.push(String(item.text));
      walk(item);
    }
  };
  walk(view.scenegraph().root);
  return { id, tips, texts };
})
"""
# Where on screen the item whose tooltip title starts with `title` is (as vega-tooltip finds it).
LOCATE = """
([id, title]) => {
  const [, view] = window.__views.find(([el]) => el === id);
  let found = null;
  const walk = (node) => {
    for (const item of node.items ?? []) {
      if (!found && String(item.tooltip?.title ?? "").startsWith(title)) found = item;
      walk(item);
    }
  };
  walk(view.scenegraph().root);
  if (!found) return null;
  view.container().scrollIntoView({ block: "center" });
  if (found._svg) {  // the SVG renderer keeps each item's element
    const r = found._svg.getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2];
  }
  let x = (found.bounds.x1 + found.bounds.x2) / 2, y = (found.bounds.y1 + found.bounds.y2) / 2;
  for (let s = found; s.mark?.group; ) { s = s.mark.group; x += s.x ?? 0; y += s.y ?? 0; }
  const box = view.container().querySelector(".marks").getBoundingClientRect();
  const [ox, oy] = view.origin();
  return [box.left + ox + x, box.top + oy + y];
}
"""
# The chart sections alone: every other cell, and the text around the charts, hidden.
ONLY_CHARTS = """
.jp-Cell:not(:has(.dx-chart)), .dx-explore { display: none !important; }
.jp-OutputArea-output:has(.dx-chart) > :not(.dx-chart):not(h2) { display: none !important; }
"""
DOT_DECIMAL = re.compile(r"\d\.(\d{1,2}|\d{4,})(?!\d)")  # 0.85, 12.66, 0.4704 (not 1.000)
COMMA_DECIMAL = re.compile(r"\d,(\d{1,2}|\d{4,})(?!\d)")


@pytest.fixture(scope="module")
def reports(rendered):
    """stalled's report in English and Vietnamese, from the shared rendered set."""
    return {language: rendered[0] / name for language, name in PAGES["stalled"].items()}


@contextlib.contextmanager
def open_report(browser, path):
    """A report open in Chromium with every chart drawn, and what its console said."""
    with watched_page(browser, path, HOOK) as (page, messages, outside):
        page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
        page.wait_for_timeout(300)  # let any late warning reach the console
        yield page, messages, outside


@pytest.fixture(scope="module", params=["en", "vi"])
def opened(request, reports, browser):
    with open_report(browser, reports[request.param]) as (page, messages, outside):
        yield request.param, page, messages, outside


def test_every_chart_draws_with_nothing_in_the_console(opened):
    language, page, messages, outside = opened
    tornados = page.locator("[id^='chart-tornado-']").count()  # one per key target it moves
    explored = page.locator("[id^='dx-x-chart-']").count()  # the Explore part's (own test)
    assert page.locator(".dx-chart").count() == len(SLOTS) + tornados + explored
    assert messages == [], messages  # no "Infinite extent", no Vega-Lite warning, no error
    assert outside == []
    widths = page.evaluate(
        "Array.from(document.querySelectorAll('.dx-chart:not([id^=\"dx-x-\"])'))"
        ".map(d => d.offsetWidth)"
    )
    column = page.evaluate("document.querySelector('.dx-chart').parentElement.clientWidth")
    assert all(0.8 * column <= w <= column for w in widths), (widths, column)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.add_style_tag(content=ONLY_CHARTS)
    page.wait_for_timeout(200)
    page.screenshot(path=str(SCREENSHOTS / f"report-charts-{language}.png"), full_page=True)


def test_numbers_read_in_the_reports_language(opened):
    language, page, _, _ = opened
    drawn = page.evaluate(SCENEGRAPH)
    values = [
        str(v)
        for chart in drawn
        for tip in chart["tips"]
        if isinstance(tip, dict)
        for v in tip.values()
    ]
    texts = [text for chart in drawn for text in chart["texts"]]
    assert values and texts
    wrong, right = (DOT_DECIMAL, COMMA_DECIMAL) if language == "vi" else (COMMA_DECIMAL, None)
    assert [v for v in values + texts if wrong.search(v)] == []
    if right is not None:  # decimals are there, with commas: "0,85" on the EGDI axis
        assert any(right.search(v) for v in values) and "0,85" in texts
    else:
        assert "0.85" in texts
    de = next(chart for chart in drawn if chart["id"] == "#chart-digital-economy")
    observed = [tip for tip in de["tips"] if isinstance(tip, dict) and "2024" in tip.values()]
    mic = "18,30" if language == "vi" else "18.30"
    assert any(mic in tip.values() for tip in observed)  # MIC's own 2024 estimate
    quicker = "‘nhanh hơn’ 19,9%" if language == "vi" else "‘quicker’ 19.9%"
    assert quicker in de["texts"]  # MIC's published 2022 scenario, labelled


def test_the_targets_stacked_at_2030_show_one_tooltip_naming_each(reports, browser, dataset):
    """One marker for every basis of '30% of GDP by 2030' (r52, d749, r57, the 14th Congress)."""
    t = dataset.targets
    stacked = t[(t.indicator == "digital_economy_share") & (t.year == 2030) & (t.value == 30)]
    n = len(stacked)
    with open_report(browser, reports["en"]) as (page, _, _):
        where = page.evaluate(LOCATE, ["#chart-digital-economy", f"{n} official targets"])
        assert where is not None
        page.mouse.move(where[0] - 30, where[1] - 30)
        page.mouse.move(where[0], where[1], steps=3)
        tooltip = page.locator("#vg-tooltip-element.visible")
        tooltip.wait_for(timeout=5_000)
        text = tooltip.inner_text()
        assert f"{n} official targets: ≥ 30% of GDP" in text and n >= 4
        for target in stacked.target:
            assert target in text
        box = page.locator("#chart-digital-economy").bounding_box()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "report-tooltip-en.png"), clip=box)


@pytest.fixture(scope="module")
def baseline_reports(rendered):
    """The baseline's report in English and Vietnamese: what a minister's office opens first."""
    return {language: rendered[0] / name for language, name in PAGES["baseline"].items()}


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_first_screen_is_the_verdict(browser, baseline_reports, language):
    """At 1400x900 the reader sees the scenario, the key sentences and the verdict table."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(baseline_reports[language].as_uri())
        verdict = page.locator("table.dx-verdict")
        box = verdict.bounding_box()
        assert box is not None and box["y"] < 900 - 150, box  # its head and first rows show
        first = page.locator("table.dx-verdict tr").nth(1).bounding_box()
        assert first["y"] + first["height"] <= 900
        assert page.locator("h2").first.bounding_box()["y"] < box["y"]  # "The verdict" above
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"report-first-screen-{language}.png"))
    finally:
        page.close()
