"""The Explore part in headless Chromium, from file://, with every outside host unreachable:
each slider moved by the keyboard redraws its family's cards and charts with the grid's own
numbers, the median input-to-redraw time is at most 50 ms, and nothing is requested from the
network (reports and index pages, both languages); at 20 random slider positions the P(meet)
shown is `dxmodel assess` on the page's own scenario file; the explorer notebook's cards
give the same P(meet) for the same levers. Screenshots: reports/screenshots/explore-<page>.png.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import re
import statistics

import numpy as np
import pytest
from conftest import run_cli, watched_page

from dxmodel.text.i18n import percent
from dxmodel.util.paths import ROOT

pytestmark = pytest.mark.slow

PAGES = ("baseline.html", "baseline.vi.html", "index.html", "index.vi.html")
SCREENSHOTS = ROOT / "reports" / "screenshots"
# Keeps every vega view by its element's id, to read the data a chart draws.
HOOK = """
(() => {
  let embed;
  window.__viewsById = {};
  Object.defineProperty(window, "vegaEmbed", {
    configurable: true,
    get() { return embed; },
    set(original) {
      embed = (el, spec, options) => original(el, spec, options).then((result) => {
        window.__viewsById[typeof el === "string" ? el.slice(1) : el.id] = result.view;
        return result;
      });
    },
  });
})();
"""
READY = "async () => { await window.__dxExplore.ready; return true; }"
# Move one slider as a script would (value, then the input event); the time to a painted redraw
MOVE = """
async ([name, value]) => {
  const input = document.querySelector(`section.dx-explore input[name="${name}"]`);
  const start = performance.now();
  input.value = String(value);
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await window.__dxExplore.settled;
  await new Promise(requestAnimationFrame);
  return performance.now() - start;
}
"""
# What the page shows: each card's text, the file, each chart's fan rows
SHOWN = """
() => ({
  cards: Object.fromEntries(
    Array.from(document.querySelectorAll("section.dx-explore [data-target]"))
      .map((el) => [el.dataset.target, el.textContent])),
  yaml: document.querySelector("section.dx-explore [data-scenario-yaml]").textContent,
  fans: Object.fromEntries(Object.entries(window.__viewsById)
    .filter(([id]) => id.startsWith("dx-x-chart-"))
    .map(([id, view]) => [id, view.data("fan").filter((r) => !r.anchor)])),
  redraws: Number(document.querySelector("section.dx-explore").dataset.redraws ?? 0),
})
"""


@contextlib.contextmanager
def opened(browser, path):
    """A page open with its Explore part ready, and what it said or asked for."""
    with watched_page(browser, path, HOOK) as (page, messages, outside):
        page.wait_for_function("window.__dxExplore && window.__dxExplore.ready", timeout=60_000)
        page.evaluate(READY)
        yield page, messages, outside


def page_data(page) -> dict:
    return json.loads(page.inner_text("section.dx-explore script.dx-x-data"))


def point_of(levers: list[dict], at: dict[str, int]) -> int:
    """The grid point of slider positions, in itertools.product order."""
    return int(
        np.ravel_multi_index(
            [at[lv["name"]] for lv in levers], [len(lv["values"]) for lv in levers]
        )
    )


def expected(data: dict, positions: dict[str, int]) -> tuple[dict, dict]:
    """The cards' texts and each chart's bands the grid holds at these positions."""
    cards, fans = {}, {}
    for family in data["families"].values():
        point = point_of(family["levers"], positions)
        for target, (text, _, _) in zip(family["targets"], family["cards"][point], strict=True):
            cards[target] = text
        for chart in family["charts"]:
            fan = family["fans"][chart["fan"]]
            fans[chart["id"]] = {
                year: [band[i] for band in fan["values"][point]]
                for i, year in enumerate(fan["years"])
            }
    return cards, fans


def check_shown(shown: dict, data: dict, positions: dict[str, int]) -> None:
    cards, fans = expected(data, positions)
    assert {k: shown["cards"][k] for k in cards} == cards
    names = data["quantiles"]
    for chart, bands in fans.items():
        drawn = {row["year"]: [row[q] for q in names] for row in shown["fans"][chart]}
        assert drawn == bands, chart
    for family in data["families"].values():
        for lever in family["levers"]:
            assert lever["yaml"][positions[lever["name"]]] in shown["yaml"].splitlines()


@pytest.mark.parametrize("name", PAGES)
def test_every_slider_redraws_its_cards_and_charts_fast_and_offline(rendered, browser, name):
    path = rendered[0] / name
    with opened(browser, path) as (page, messages, outside):
        data = page_data(page)
        levers = [lv for family in data["families"].values() for lv in family["levers"]]
        assert 0 < len(levers) <= 8
        positions = {lv["name"]: lv["values"].index(lv["own"]) for lv in levers}
        shown = page.evaluate(SHOWN)
        check_shown(shown, data, positions)
        assert set(shown["fans"]) == {
            c["id"] for f in data["families"].values() for c in f["charts"]
        }
        times = []
        for lever in levers:
            for key in ("ArrowRight", "ArrowLeft", "ArrowLeft"):  # the keyboard moves it
                before = page.evaluate(SHOWN)
                selector = f"section.dx-explore input[name='{lever['name']}']"
                page.focus(selector)
                page.keyboard.press(key)
                page.evaluate("async () => { await window.__dxExplore.settled; }")
                now = positions[lever["name"]] + (1 if key == "ArrowRight" else -1)
                if not 0 <= now < len(lever["values"]):
                    continue  # at an end: the key does nothing
                positions[lever["name"]] = now
                shown = page.evaluate(SHOWN)
                assert shown["redraws"] == before["redraws"] + 1
                assert float(page.input_value(selector)) == pytest.approx(lever["values"][now])
                check_shown(shown, data, positions)
                assert shown != before  # the file's line at least, mostly cards and bands
            times.append(page.evaluate(MOVE, [lever["name"], lever["values"][-1]]))
            positions[lever["name"]] = len(lever["values"]) - 1
            check_shown(page.evaluate(SHOWN), data, positions)
        median = statistics.median(times)
        print(f"\n{name}: median input-to-redraw {median:.1f} ms over {len(times)} moves")
        assert median <= 50
        assert messages == [] and outside == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("section.dx-explore").screenshot(
            path=str(SCREENSHOTS / f"explore-{name.removesuffix('.html').replace('.', '-')}.png")
        )


def assess_p(yaml_text: str, folder) -> dict[str, float]:
    """`dxmodel assess FILE --format csv` on the page's file: P(meet) per target."""
    name = re.search(r"^name: (\S+)$", yaml_text, re.M)[1]
    path = folder / f"{name}.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    done = run_cli("assess", str(path), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = csv.DictReader(io.StringIO(done.stdout))
    return {r["target"]: float(r["p_meet"]) for r in rows if r["p_meet"]}


def test_twenty_random_positions_show_what_dxmodel_assess_says(rendered, browser, tmp_path):
    rng = np.random.default_rng(2026)
    with opened(browser, rendered[0] / "baseline.html") as (page, messages, _):
        data = page_data(page)
        levers = [lv for family in data["families"].values() for lv in family["levers"]]
        for i in range(20):
            for lever in levers:
                value = lever["values"][int(rng.integers(len(lever["values"])))]
                page.evaluate(MOVE, [lever["name"], value])
            shown = page.evaluate(SHOWN)
            folder = tmp_path / str(i)
            folder.mkdir()
            said = assess_p(shown["yaml"], folder)
            assert shown["cards"] and set(shown["cards"]) <= set(said)
            for target, text in shown["cards"].items():  # the same number, rounded alike
                assert text == percent(said[target], "en"), (i, target, text, said[target])
        assert messages == []


def test_the_explorer_notebook_shows_the_pages_probabilities(rendered, browser, session):
    """The explorer's key-target cards (the notebook's widgets, here without a kernel) at the
    page's lever values, the report's draws and seed: the same texts."""
    from dxmodel.explorer.widgets import Explorer

    rng = np.random.default_rng(7)
    with opened(browser, rendered[0] / "baseline.html") as (page, _, _):
        data = page_data(page)
        explorer = Explorer(session, "baseline")
        explorer.set_lever("draws", data["draws"])
        explorer.set_lever("seed", data["seed"])
        levers = [lv for family in data["families"].values() for lv in family["levers"]]
        for _ in range(3):
            for lever in levers:
                value = lever["values"][int(rng.integers(len(lever["values"])))]
                page.evaluate(MOVE, [lever["name"], value])
                explorer.set_lever(lever["name"], value)
            shown = page.evaluate(SHOWN)["cards"]
            cards = dict(
                re.findall(
                    r"title='([a-z0-9_]+) ·[^']*'><div class='dx-card-p'[^>]*>([^<]*)<",
                    explorer.summary.value,
                )
            )
            common = set(shown) & set(cards)
            assert common == set(shown)
            assert {k: html.unescape(cards[k]) for k in common} == shown


def test_every_page_with_its_explore_part_stays_under_6_mb(rendered):
    sizes = {p.name: p.stat().st_size for p in rendered[0].glob("*.html")}
    print("\npage sizes (MB):", {k: round(v / 2**20, 2) for k, v in sorted(sizes.items())})
    assert sizes and max(sizes.values()) <= 6 * 2**20
    for name in PAGES:
        assert "dx-explore:start" in (rendered[0] / name).read_text(encoding="utf-8")
