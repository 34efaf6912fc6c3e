"""Reports: plain papermill works, the HTML is offline and complete in both languages, a
failing scenario never replaces a good report, hostile names are escaped and contained."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import pytest
from conftest import HOSTILE, RENDERED, run_cli

from dxmodel.core.targets import KEY_TARGETS
from dxmodel.outputs.figures import GROUPS
from dxmodel.outputs.report import Report
from dxmodel.outputs.summary import summary_of
from dxmodel.publish import jobs as render
from dxmodel.publish import pages
from dxmodel.text.i18n import t
from dxmodel.text.messages import MESSAGES
from dxmodel.util.atomic import write_atomically
from dxmodel.util.errors import ScenarioError
from dxmodel.util.paths import NOTEBOOKS_DIR

FAMILY_CHARTS = sum(len(names) for names in GROUPS.values())

pytestmark = pytest.mark.slow

# URL strings inside the vega bundle that are identifiers or links, never fetched by it:
# XML namespaces, the JSON schema ids, an issue link in an error message, the editor link of
# the actions menu (switched off), a template for resolving relative data URLs.
BUNDLE_STRINGS = (
    "http://www.w3.org/",
    "https://vega.github.io/schema/",
    "https://github.com/vega/",
    "https://vega.github.io/editor/",
)


def test_every_report_and_the_index_are_written(rendered):
    folder, outcomes, _ = rendered
    assert all(o.path is not None for o in outcomes), [o.reason for o in outcomes]
    names = {p.name for p in folder.iterdir()}
    pages = {f"{stem}{suffix}" for stem in ("index", "index.vi") for suffix in (".html",)}
    for name in (*RENDERED, "evil"):  # a page and its numbers, per language
        pages |= {f"{name}{suffix}" for suffix in (".html", ".json", ".vi.html", ".vi.json")}
    assert names == pages


def page(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def scripts(text: str) -> list[str]:
    return re.findall(r"<script[^>]*>(.*?)</script>", text, flags=re.S)


@pytest.mark.parametrize(
    "name", ["stalled.html", "stalled.vi.html", "evil.html", "index.html", "index.vi.html"]
)
def test_nothing_in_the_html_loads_from_an_outside_host(rendered, name):
    text = page(rendered[0], name)
    assert not re.search(r"<script[^>]+src=", text)
    assert not re.search(r"<link[^>]+href=[\"']?(https?:)?//", text)
    assert not re.search(r"<(img|iframe|source|video|audio)[^>]+src=[\"']?(https?:)?//", text)
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", text)
    assert "@import" not in text and "require.js" not in text and "mathjax" not in text.lower()
    for script in scripts(text):
        urls = re.findall(r"https?://[^\s\"'`)<>]+", script)
        if "window.vegaEmbed=" in script:  # the bundle: identifiers only
            assert all(u.startswith(BUNDLE_STRINGS) for u in urls), set(urls)
        else:  # our own chart calls: no URL at all, not even in a JSON string, but $schema
            assert all(u.startswith("https://vega.github.io/schema/") for u in urls), set(urls)


def test_the_vega_code_is_included_once_and_the_code_cells_are_hidden(rendered):
    text = page(rendered[0], "stalled.html")
    assert text.count("window.vegaEmbed=") == 1
    tornados = text.count('id="chart-tornado-')
    explored = text.count('id="dx-x-chart-')  # the Explore part's, embedded by its script
    assert 0 < explored <= len(KEY_TARGETS)
    assert text.count('class="dx-chart"') == FAMILY_CHARTS + tornados + explored
    assert "from dxmodel.outputs.report import" not in text and "report.header()" not in text
    assert 'class="jp-InputArea' not in text  # the style sheet names it; no cell uses it


def test_every_open_key_target_has_a_tornado_or_says_nothing_moves_it(rendered):
    for name, language in (("stalled.html", "en"), ("stalled.vi.html", "vi")):
        text = page(rendered[0], name)
        summary = summary_of(text)
        open_keys = [
            r
            for r in summary["card"]
            if r["target"] in KEY_TARGETS and r["status"] == "open" and r["p_meet"] is not None
        ]
        section = text[text.index(t("h_sensitivity", language)) :]
        flat = t("tornado_flat", language, p="@").split("@")[0]
        assert section.count('id="chart-tornado-') + section.count(html.escape(flat)) == len(
            open_keys
        )
        assert section.count('id="chart-tornado-') >= 1  # stalled: some lever moves some


def test_the_sections_come_in_order(rendered):
    text = page(rendered[0], "stalled.html")
    # a briefing: the verdict first, then each model family, then the detail behind them
    order = [
        "h_summary",
        "h_digital_economy",
        "h_training",
        "h_ranking",
        "h_unmodelled",
        "h_sensitivity",
        "h_scorecard",
        "h_parameters",
        "h_backtests",
        "h_sources",
        "h_methodology",
    ]
    positions = [text.index(f"<h2>{html.escape(MESSAGES[k])}</h2>") for k in order]
    assert positions == sorted(positions)
    assert (
        "commit" in text and "seed: <code>2026</code>" in text and "draws: <code>300</code>" in text
    )


@pytest.mark.parametrize("name", ["stalled.vi.html", "index.vi.html"])
def test_the_vietnamese_pages_have_no_english_folded_words_or_dot_decimals(rendered, dataset, name):
    """Proper names pass: publication titles, publishers, and upper-case acronyms."""
    from vietnamese import problems, visible_text

    text = page(rendered[0], name)
    names = [*dataset.sources.title, *dataset.sources.publisher, "Viet Nam", "dxmodel"]
    found = problems(visible_text(text, names))
    assert found == [], found[:20]
    assert 'lang="vi"' in text or "lang='vi'" in text
    if name == "stalled.vi.html":
        assert "Bảng đánh giá mục tiêu" in text
        for spec in re.findall(r'vegaEmbed\("#[^"]+", (\{.*?\}), \{"actions"', text, flags=re.S):
            assert "This scenario" not in spec and "Official target" not in spec


def test_the_english_report_names_no_vietnamese_interface_text(rendered):
    text = page(rendered[0], "stalled.html")
    assert "Xác suất" not in text and "Mục tiêu" not in text


def test_hostile_titles_are_escaped_and_names_contained(rendered):
    folder, _, _ = rendered
    text = page(folder, "evil.html")
    assert "<script>alert('title')" not in text and "<img src=x" not in text
    assert "&lt;script&gt;alert" in text and "&lt;img src=x onerror" in text
    assert "&lt;script&gt;alert" in page(folder, "index.html")
    with pytest.raises(ScenarioError):
        pages.report_path("../../etc/x", "en", folder)


def test_a_failing_scenario_leaves_the_earlier_report_byte_identical(
    rendered, tmp_path, monkeypatch
):
    folder = tmp_path / "reports"  # a copy: the shared pages stay as rendered
    shutil.copytree(rendered[0], folder)
    before = (folder / "evil.html").read_bytes()
    # valid for the registry, refused by the skills model: fails inside the kernel
    hostile = tmp_path / "evil.yaml"
    hostile.write_text(HOSTILE + "  skills_ceiling: 10\n", encoding="utf-8")
    monkeypatch.setenv("DXMODEL_REPORTS_DIR", str(folder))
    (outcome,) = render.render_reports([str(hostile)], ("en",), progress=False)
    assert outcome.path is None
    assert "ScenarioError" in outcome.reason and "skills_ceiling" in outcome.reason
    assert "\n" not in outcome.reason
    assert (folder / "evil.html").read_bytes() == before
    assert not list(folder.glob(".*.tmp"))


def test_an_interrupted_write_leaves_no_file(tmp_path):
    target = tmp_path / "x.html"
    target.write_text("good", encoding="utf-8")
    stop = threading.Event()
    stop.set()
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, "half", stop)
    assert target.read_text(encoding="utf-8") == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["x.html"]


def test_the_same_scenario_and_seed_give_the_same_numbers(dataset):
    from dxmodel.engine.session import Session

    a = Report.create("accelerated", "en", draws=300, session=Session(dataset))
    b = Report.create("accelerated", "en", draws=300, session=Session(dataset))
    for section in ("scorecard", "families", "backtests"):
        assert getattr(a, section)().data == getattr(b, section)().data, section


def test_each_target_is_filed_under_the_family_whose_model_judges_it(dataset, session):
    """From the registry, not from the indicator's name: ITU's cybersecurity rank is not under
    the UN E-Government section, and targets no model projects have a section of their own."""
    from dxmodel.models import FAMILIES, family_of

    report = Report.create("baseline", "en", draws=200, session=session)
    sections = {}
    for part in report.families().data.split("<h2>")[1:]:
        heading, body = part.split("</h2>", 1)
        sections[html.unescape(heading)] = body
    labels = {row.indicator: row.label for row in dataset.indicators.itertuples()}
    ranking_section = sections[MESSAGES["h_ranking"]]
    assert html.escape(labels["gci_rank"]) not in ranking_section
    assert html.escape(labels["egdi_rank"]) in ranking_section
    unmodelled = sections[MESSAGES["h_unmodelled"]]
    for indicator in set(report.card.indicator):
        family = family_of(indicator)
        home = sections[MESSAGES[f"h_{family.name}"]] if family else unmodelled
        assert html.escape(labels[indicator]) in home, indicator
        for other in FAMILIES:
            if other is not family:
                assert html.escape(labels[indicator]) not in sections[MESSAGES[f"h_{other.name}"]]


def test_plain_papermill_renders_the_report(tmp_path, rendered):
    """papermill alone, on the notebook's own `python3` kernel (this Python's, registered by
    nobody), gives the numbers that `dxmodel report` gave on a worker's warm kernel (after
    other reports had run on it)."""
    out = tmp_path / "out.ipynb"
    proc = subprocess.run(
        [sys.executable, "-m", "papermill", str(NOTEBOOKS_DIR / "report.ipynb"), str(out),
         "-p", "scenario", "stalled", "-p", "language", "vi", "-p", "draws", "300"],
        capture_output=True, text=True, cwd=NOTEBOOKS_DIR, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    executed = out.read_text(encoding="utf-8")
    assert "Bảng đánh giá mục tiêu" in executed and '"output_type": "error"' not in executed
    html_out = "".join(
        "".join(o.get("data", {}).get("text/html", ""))
        for cell in nbformat.read(out, as_version=4).cells
        for o in cell.get("outputs", [])
    )
    fresh = summary_of(html_out)
    warm = json.loads((rendered[0] / "stalled.vi.json").read_text(encoding="utf-8"))
    assert fresh["card"] == warm["card"] and fresh["key_values"] == warm["key_values"]


def test_cli_reports_a_bad_scenario_in_one_line_and_exits_non_zero(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: {en: x}\nlevers: {gdp_growth: 99}\n", encoding="utf-8")
    proc = run_cli(
        "report", str(bad), "--language", "en", env={"DXMODEL_REPORTS_DIR": str(tmp_path / "out")}
    )
    assert proc.returncode == 2  # refused before any kernel starts
    errors = [line for line in proc.stderr.splitlines() if line.startswith("dxmodel: error:")]
    assert len(errors) == 1 and "out of range" in errors[0] and "Traceback" not in proc.stderr
    proc = run_cli("report", "--language", "fr")
    assert proc.returncode == 2 and "invalid choice: 'fr'" in proc.stderr


def test_reports_open_offline_in_chromium_with_every_chart_drawn(rendered):
    from conftest import CHROMIUM_ARGS, need_chromium

    playwright = pytest.importorskip("playwright.sync_api")
    folder = rendered[0]
    outside, errors = [], []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=need_chromium(), args=CHROMIUM_ARGS)
        try:
            page_ = browser.new_page()
            page_.on(
                "request",
                lambda r: (
                    None if r.url.startswith(("file:", "data:", "blob:")) else outside.append(r.url)
                ),
            )
            page_.on("pageerror", lambda exc: errors.append(str(exc)))
            page_.goto((folder / "index.html").as_uri())
            assert page_.locator("a[href='stalled.vi.html']").count() >= 1
            for name in ("stalled.html", "stalled.vi.html"):
                page_.goto((folder / name).as_uri())
                page_.wait_for_function(
                    "document.querySelectorAll('.dx-chart svg.marks, .dx-chart canvas.marks')"
                    ".length === document.querySelectorAll('.dx-chart').length",
                    timeout=60_000,
                )
                tornados = page_.locator("[id^='chart-tornado-']").count()
                explored = page_.locator("[id^='dx-x-chart-']").count()
                assert page_.locator(".dx-chart").count() == FAMILY_CHARTS + tornados + explored
        finally:
            browser.close()
    assert errors == [] and outside == []
