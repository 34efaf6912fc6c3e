"""The report's "How did our earlier forecasts do" appears once a frozen forecast is scored,
and not before, in English and Vietnamese.

No edition after the shipped ledger's freeze is published, so the scored case imports a 2026
edition simulated from the 2024 values (a TEST FIXTURE, tests/un_egdi.py) into a copy of data/.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, run_cli
from un_egdi import simulated_2026_file

from dxmodel.core.data import load_dataset
from dxmodel.outputs.track_record import scored_forecasts, track_record_html
from dxmodel.text.i18n import t


@pytest.mark.parametrize("language", ["en", "vi"])
def test_no_section_while_nothing_is_scored(data_copy, language):
    dataset = load_dataset(data_copy)
    assert scored_forecasts(dataset).empty
    assert track_record_html(dataset, language) == ""


def test_the_section_appears_once_the_ledgers_2026_forecast_is_scored(data_copy, tmp_path):
    assert run_cli("data", "import", "egdi", str(simulated_2026_file(tmp_path))).returncode == 0
    dataset = load_dataset(data_copy)
    assert list(scored_forecasts(dataset)["target"]) == ["egdi_top50_2026_mic"]
    english = track_record_html(dataset, "en")
    assert "<h2>How did our earlier forecasts do</h2>" in english
    assert "1 forecast(s) frozen in the ledger" in english
    assert "egdi_top50_2026_mic" in english and "2026-12-03" in english
    assert "9%" in english  # the base rate, 22 of 248
    vietnamese = track_record_html(dataset, "vi")
    assert f"<h2>{t('h_track_record', 'vi')}</h2>" in vietnamese
    assert t("h_track_record", "vi") != t("h_track_record", "en")
    assert "How did" not in vietnamese and "0,56" in vietnamese  # PIT, Vietnamese decimals


def test_the_report_template_shows_the_section_after_the_backtests():
    cells = json.loads((ROOT / "notebooks" / "report.ipynb").read_text(encoding="utf-8"))["cells"]
    sources = ["".join(cell["source"]) for cell in cells]
    at = sources.index("report.earlier_forecasts()")
    assert sources[at - 1] == "report.backtests()"
