"""A third language is one catalog file: with a test-only French catalog (every text marked
«…», so each one shows it came from the catalog), the report, the explorer and the CLI speak it,
and write numbers as French does, with no code change."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from conftest import run_cli

from dxmodel.explorer.widgets import Explorer
from dxmodel.outputs.report import Report
from dxmodel.text import i18n
from dxmodel.text.messages import MESSAGES

MARK = re.compile(r"«[^«»]*»")


@pytest.fixture(scope="module")
def french(tmp_path_factory) -> Path:
    """The shipped catalogs plus a pseudo-French one made from the template."""
    locale = tmp_path_factory.mktemp("locale")
    shutil.copytree(
        i18n.LOCALE_DIR, locale, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.mo")
    )
    with (locale / "dxmodel.pot").open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    for message in catalog:
        if message.id:
            message.string = f"«{message.id}»"
    (locale / "fr" / "LC_MESSAGES").mkdir(parents=True)
    with (locale / "fr" / "LC_MESSAGES" / "dxmodel.po").open("wb") as handle:
        write_po(handle, catalog)
    return locale


@pytest.fixture
def in_french(french, monkeypatch):
    monkeypatch.setenv("DXMODEL_LOCALE_DIR", str(french))
    return french


def test_the_catalog_folder_makes_the_language(in_french):
    assert i18n.languages() == ("en", "fr", "vi")
    assert i18n.t("year", "fr") == "«Year»"
    assert i18n.number(1234.5, 1, "fr") == "1\u202f234,5"
    assert i18n.vega_locale("fr")["number"]["decimal"] == ","


def test_a_report_speaks_the_third_language(in_french, session):
    report = Report.create("baseline", "fr", draws=200, session=session)
    page = "".join(
        getattr(report, section)().data
        for section in (
            "header",
            "summary",
            "families",
            "scorecard",
            "parameters",
            "sources",
            "methodology",
        )
    )
    for key in ("h_summary", "h_digital_economy", "h_ranking", "h_scorecard", "h_methodology"):
        assert f"<h2>«{MESSAGES[key]}»</h2>" in page, key
    assert "«Digital-economy growth»" in page  # a lever's label, from the catalog
    assert re.search(r"\d,\d", page), "decimals written with a comma, as in French"


def test_the_explorer_speaks_the_third_language(in_french, session, data_copy):
    explorer = Explorer(session=session, language="fr")
    picker = {value: label for label, value in explorer.language_switch.options}
    assert set(picker) == {"en", "fr", "vi"}
    assert MARK.search(explorer.scorecard.value) and MARK.search(explorer.summary.value)


@pytest.mark.slow
def test_the_cli_renders_a_report_in_the_third_language(in_french, tmp_path):
    proc = run_cli(
        "report",
        "baseline",
        "--language",
        "fr",
        "--draws",
        "200",
        "--jobs",
        "1",
        env={"DXMODEL_REPORTS_DIR": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "baseline.fr.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page or "<html lang='fr'" in page
    assert f"<h2>«{MESSAGES['h_summary']}»</h2>" in page
    index = (tmp_path / "index.fr.html").read_text(encoding="utf-8")
    assert f"«{MESSAGES['index_title']}»" in index


def test_a_catalog_folder_adds_to_the_shipped_ones(french, tmp_path, monkeypatch):
    """A translator's folder holding only the new catalog: Vietnamese stays, presets load."""
    from dxmodel.core.scenario import load_scenario

    shutil.copytree(french / "fr", tmp_path / "fr")
    monkeypatch.setenv("DXMODEL_LOCALE_DIR", str(tmp_path))
    assert i18n.languages() == ("en", "fr", "vi")
    assert i18n.t("year", "fr") == "«Year»" and i18n.t("year", "vi") != "Year"
    assert load_scenario("baseline").title_in("vi")
