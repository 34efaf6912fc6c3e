"""`dxmodel data add`: one published figure joins its series; a later release revises it and
the earlier value is kept as a vintage; anything else is one line and the data untouched."""

from __future__ import annotations

import pytest
from conftest import assert_one_line_error, run_cli

from dxmodel.core import columns as c
from dxmodel.core.data import load_dataset
from dxmodel.models import digital_economy as de

GSO = ("--publisher", "General Statistics Office (GSO)", "--url", "https://www.gso.gov.vn")


def _snapshot(folder):
    return {p: p.read_bytes() for p in sorted(folder.rglob("*.csv"))}


def test_a_new_years_figure_joins_its_series(data_copy):
    proc = run_cli(
        "data", "add", "digital_economy_share", "2026", "14.8", "--source", "gso_de_2026",
        "--title", "GSO: the digital economy in 2026", "--released", "2026-12", *GSO,
        "--series", "gso_value_added",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "added digital_economy_share VNM 2026 = 14.8 (source gso_de_2026)" in proc.stdout
    dataset = load_dataset(data_copy)
    series = de.series_history(dataset, "gso_value_added").set_index(c.YEAR)[c.VALUE]
    assert series[2026] == 14.8 and series[2025] == 14.02  # joined, nothing else moved
    source = dataset.sources.set_index(c.SOURCE).loc["gso_de_2026"]
    assert source["edition_or_vintage"] == "released 2026-12" and source[c.SERIES] == (
        "gso_value_added"
    )


def test_a_later_release_revises_the_year_and_keeps_the_earlier_value_as_a_vintage(data_copy):
    proc = run_cli(
        "data", "add", "digital_economy_share", "2025", "14.1", "--source", "gso_de_2025_rev",
        "--title", "GSO: 2025 revised", "--released", "2026-11", *GSO,
        "--series", "gso_value_added",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "14.02 of gso_de_2021_2025 kept as vintage" in proc.stdout
    dataset = load_dataset(data_copy)
    series = de.series_history(dataset, "gso_value_added").set_index(c.YEAR)[c.VALUE]
    assert series[2025] == 14.1 and series[2024] == 13.17  # the other years keep their source
    outcomes = de.outcomes(dataset, "gso_value_added").set_index(c.YEAR)
    assert outcomes.loc[2025, "latest"] == 14.1 and outcomes.loc[2025, "first_release"] == 14.02


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (  # an earlier release than the value the series has
            ("digital_economy_share", "2025", "13.5", "--source", "gso_old", "--title", "Old",
             "--released", "2025-01", *GSO, "--series", "gso_value_added"),
            ("not later than gso_de_2021_2025", "add only a later release"),
        ),
        (  # a source whose series measures another indicator
            ("dti_national", "2025", "0.81", "--source", "gso_de_2021_2025"),
            ("series 'gso_value_added', which does not measure dti_national",),
        ),
        (  # a year its series has, for an indicator that keeps no vintages
            ("dti_national", "2024", "0.8", "--source", "dantri_dti_2024"),
            ("already has 0.7955 for 2024", "keeps no vintages"),
        ),
        (  # released after today
            ("digital_economy_share", "2026", "15", "--source", "gso_future", "--title", "F",
             "--released", "2027-01", *GSO, "--series", "gso_value_added"),
            ("--released 2027-01 is after today",),
        ),
        (  # a new series cannot be made this way
            ("digital_economy_share", "2026", "15", "--source", "x", "--title", "X",
             "--released", "2026-01", *GSO, "--series", "my_series"),
            ("--series 'my_series' is not a series of sources.csv",),
        ),
        (("nosuch", "2025", "1", "--source", "gso_de_2021_2025"), ("unknown indicator 'nosuch'",)),
        (("digital_economy_share", "2026", "15", "--source", "unknown_source"),
         ("source 'unknown_source' is not in sources.csv",)),
        (("digital_economy_share", "2026", "15", "--source", "x", "--title", "X"),
         ("missing --publisher, --url, --released, --series",)),
        (("digital_economy_share", "2026", "nan", "--source", "gso_de_2021_2025"),
         ("VALUE nan: not a finite number",)),
        (("digital_economy_share", "2026", "150", "--source", "gso_de_2021_2025"), ("150",)),
    ],
    ids=["earlier release", "wrong series", "no vintages", "future", "new series",
         "unknown indicator", "unknown source", "half a source", "nan", "out of range"],
)  # fmt: skip
def test_a_figure_that_does_not_fit_is_one_line_and_nothing_is_written(data_copy, args, fragments):
    before = _snapshot(data_copy)
    assert_one_line_error(run_cli("data", "add", *args), *fragments)
    assert _snapshot(data_copy) == before


def test_the_shipped_data_is_never_written(monkeypatch):
    from dxmodel.util import paths

    monkeypatch.setenv("DXMODEL_DATA_DIR", str(paths.SHIPPED_DATA))
    proc = run_cli("data", "add", "dti_national", "2025", "0.81", "--source", "dantri_dti_2024")
    assert_one_line_error(proc, "shipped with dxmodel", "dxmodel init --data")
