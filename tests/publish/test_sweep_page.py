"""The sweep's page: every section in both languages, read from the sweep's own files."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from vietnamese import problems, visible_text

from dxmodel.core.levers import REGISTRY
from dxmodel.core.targets import KEY_TARGETS
from dxmodel.outputs.sweep_page import SweepPage
from dxmodel.publish import index
from dxmodel.publish.pages import page_path
from dxmodel.publish.sweep_pages import write_pages
from dxmodel.sweeps.discovery import interest
from dxmodel.sweeps.run import plan_sweep, run_sweep
from dxmodel.text.i18n import share, t

LEVERS = ["digital_economy_growth", "gdp_growth", "stem_share_gain", "graduate_intake"]
SECTIONS = ("header", "summary", "indices", "rules", "varied", "methodology", "footer")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    reports = tmp_path_factory.mktemp("reports")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DXMODEL_REPORTS_DIR", str(reports))
        spec = plan_sweep("baseline", "sobol", 16, levers=LEVERS, draws=300, name="page")
        return run_sweep(spec, jobs=1).folder


def page_html(folder, language: str) -> str:
    page = SweepPage.load(folder, language)
    return "".join(getattr(page, name)().data for name in SECTIONS)


@pytest.mark.parametrize("language", ["en", "vi"])
def test_every_section_has_its_heading_in_the_language(folder, language):
    text = page_html(folder, language)
    for key in ("sw_h_summary", "sw_h_indices", "sw_h_rules", "sw_h_varied", "h_methodology"):
        assert t(key, language) in text, key


def test_the_vietnamese_page_has_no_english_but_proper_names(folder):
    assert problems(visible_text(page_html(folder, "vi"))) == []


def test_the_summary_has_a_row_per_scored_target_key_targets_first(folder):
    page = SweepPage.load(folder)
    scored = set(page.run.results["target"])
    order = page._targets()
    assert set(order) == scored
    keys = [x for x in order if x in KEY_TARGETS]
    assert order[: len(keys)] == keys
    rows = re.findall(r"<tr><td>", page.summary().data)
    assert len(rows) == len(scored)


def test_the_rules_table_states_the_coverage_and_density_in_rules_csv(folder):
    page = SweepPage.load(folder)
    rules = pd.read_csv(folder / "rules.csv")
    text = page.rules().data
    for target, rule in rules.groupby("target"):
        hits, runs = interest(page.run, target)
        assert rule["interesting"].iloc[0] == hits and rule["samples"].iloc[0] == runs
        assert html.escape(share(rule["density"].iloc[0])) in text  # counted: 100% is exact


def test_every_swept_lever_is_listed_with_its_range(folder):
    text = SweepPage.load(folder).varied().data
    for name in LEVERS:
        assert REGISTRY[name].label("en") in text


@pytest.mark.slow
def test_the_command_renders_both_pages_offline(folder):
    written = write_pages(folder)
    assert written == [page_path(folder, "en"), page_path(folder, "vi")]
    for path, language in zip(written, ("en", "vi"), strict=True):
        page = path.read_text(encoding="utf-8")
        assert f'lang="{language}"' in page
        assert "https://cdn" not in page and "<script src=" not in page
        assert "chart-indices-0" in page  # a chart per key target, drawn offline
    assert problems(visible_text(written[1].read_text(encoding="utf-8"))) == []
    for language in ("en", "vi"):  # the reports' index links every sweep page it finds
        listed = index._sweeps(folder.parent.parent, language)
        assert f"href='sweeps/{folder.name}/{page_path(folder, language).name}'" in listed
    assert problems(visible_text(index._sweeps(folder.parent.parent, "vi"))) == []
