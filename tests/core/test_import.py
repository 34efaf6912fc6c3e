"""`dxmodel data import egdi FILE`: a UN country file in, exactly the rows `make data` writes.

Every bad file is refused in one line naming the file, the line and the value, exit 2, with
every file of the data folder byte for byte as before. The UN's 2024 file is rebuilt from the
reference's re-headed copy (tests/un_egdi.py says how).
"""

from __future__ import annotations

import pytest
from conftest import DATA, SHARED_REFERENCE, assert_one_line_error, run_cli
from un_egdi import simulated_2026_file, un_2024_file, un_rows, without_edition, write_rows

from dxmodel.core import imports
from dxmodel.core.data import load_dataset
from dxmodel.util import paths
from dxmodel.util.errors import DxError

VNM_LINE = next(i for i, r in enumerate(un_rows()) if r[1].strip() == "Viet Nam") + 1


def snapshot(folder):
    """Every file of a data folder, byte for byte (the analyst's own scenarios/mine aside)."""
    return {
        p.relative_to(folder): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "mine" not in p.relative_to(folder).parts
    }


def test_importing_the_un_2024_file_restores_the_same_rows(data_copy, tmp_path):
    without_edition(data_copy, 2024)
    assert b",2024," not in (data_copy / "history" / "egdi.csv").read_bytes()
    done = run_cli("data", "import", "egdi", str(un_2024_file(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert "added the 2024 UN EGDI edition: 193 countries, 1169 rows" in done.stdout
    after = (data_copy / "history" / "egdi.csv").read_bytes()
    assert after == (DATA / "history" / "egdi.csv").read_bytes()
    assert snapshot(data_copy) == snapshot(DATA)  # and nothing else changed


def test_replace_rewrites_an_edition_with_the_same_rows(data_copy, tmp_path):
    done = run_cli("data", "import", "egdi", str(un_2024_file(tmp_path)), "--replace")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("replaced the 2024 UN EGDI edition")
    assert snapshot(data_copy) == snapshot(DATA)


def test_older_editions_in_the_uns_own_files_give_the_same_rows(data_copy):
    reference = SHARED_REFERENCE / "egdi"
    for year in (2008, 2022):  # 2008: South Sudan listed with no rank, not yet a member
        done = run_cli("data", "import", "egdi", str(reference / f"EGOV_DATA_{year}.csv"),
                       "--replace")  # fmt: skip
        assert done.returncode == 0, done.stderr
    assert snapshot(data_copy) == snapshot(DATA)


def test_a_new_edition_gets_its_source_described(data_copy, tmp_path):
    """TEST FIXTURE: a 2026 edition simulated from the 2024 values (none is published)."""
    done = run_cli("data", "import", "egdi", str(simulated_2026_file(tmp_path)))
    assert done.returncode == 0, done.stderr
    data = load_dataset(data_copy)
    assert data.sources.set_index("source").loc["undesa_egov_2026", "series"] == "undesa_egov"
    h = data.history
    vnm = h[(h.geo == "VNM") & (h.year == 2026)].set_index("indicator")["value"]
    assert vnm["egdi_rank"] == 71 and vnm["egdi_rank_sea"] == 5 and vnm["egdi"] == 0.77092


def _bad(rows_edit):
    rows = un_rows()
    rows_edit(rows)
    return rows


def _vnm(rows):
    return next(r for r in rows if r[1].strip() == "Viet Nam")


def _set(column, value):
    def edit(rows):
        _vnm(rows)[rows[0].index(column)] = value

    return edit


BAD_FILES = {
    "missing member state": (
        lambda rows: rows.remove(_vnm(rows)),
        ["the 2024 edition has 192 member states, not the 193", "no row for VNM"],
    ),
    "unknown country name": (
        _set("Country Name", "Vietnam"),
        [f"line {VNM_LINE}: Country Name 'Vietnam' is not a country name the UN has used"],
    ),
    "duplicated row": (
        lambda rows: rows.append(list(_vnm(rows))),
        [f"line 195: Country Name 'Viet Nam' is VNM, already on line {VNM_LINE}; one row"],
    ),
    "rank contradicting the scores": (
        _set("E-Government Rank", "60"),
        [f"line {VNM_LINE}: VNM's egdi_rank 60 in the 2024 edition does not follow", "must be 71"],
    ),
    "text in a number column": (
        _set("E-Government Index", "0.77O92"),
        [f"line {VNM_LINE}: E-Government Index '0.77O92' is not a number"],
    ),
    "index out of range": (
        _set("Online Service Index", "1.5"),
        [f"line {VNM_LINE}: Online Service Index '1.5' is outside osi's range 0 to 1"],
    ),
    "renamed headers": (
        lambda rows: rows[0].__setitem__(1, "Country"),
        ["line 1: missing column(s) Country Name", "exactly the columns Survey Year"],
    ),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_each_kind_of_bad_file_is_refused_in_one_line_and_nothing_is_written(
    kind, data_copy, tmp_path
):
    edit, fragments = BAD_FILES[kind]
    without_edition(data_copy, 2024)
    before = snapshot(data_copy)
    bad = write_rows(tmp_path / "EGOV_DATA_2024.csv", _bad(edit))
    done = run_cli("data", "import", "egdi", str(bad))
    assert_one_line_error(done, "EGOV_DATA_2024.csv", *fragments)
    assert snapshot(data_copy) == before


def test_a_second_copy_of_an_edition_is_refused_unless_replace(data_copy, tmp_path):
    before = snapshot(data_copy)
    done = run_cli("data", "import", "egdi", str(un_2024_file(tmp_path)))
    assert_one_line_error(
        done, "EGOV_DATA_2024.csv: the 2024 UN EGDI edition is already in the data", "--replace"
    )
    assert snapshot(data_copy) == before


def test_a_future_edition_is_refused_as_data_check_refuses_it(data_copy, tmp_path):
    before = snapshot(data_copy)
    rows = un_rows(year_as=2028)
    done = run_cli("data", "import", "egdi", str(write_rows(tmp_path / "EGOV_DATA_2028.csv", rows)))
    assert_one_line_error(done, "EGOV_DATA_2028.csv", "year 2028 is after today")
    assert snapshot(data_copy) == before


def test_the_installations_data_is_never_written(tmp_path, monkeypatch):
    monkeypatch.delenv("DXMODEL_DATA_DIR", raising=False)
    monkeypatch.setenv("DXMODEL_WORKSPACE", str(tmp_path))  # a workspace without data/
    before = snapshot(DATA)
    done = run_cli("data", "import", "egdi", str(un_2024_file(tmp_path)))
    assert_one_line_error(done, "shipped with dxmodel", "dxmodel init --data", "--data-dir")
    assert snapshot(DATA) == before
    with pytest.raises(DxError, match="never written"):
        paths.own_data_dir()


def test_a_missing_or_huge_file_is_refused_before_reading(data_copy, tmp_path):
    assert_one_line_error(run_cli("data", "import", "egdi", str(tmp_path / "nope.csv")),
                          "nope.csv: no such file")  # fmt: skip
    huge = tmp_path / "huge.csv"
    huge.write_bytes(b"x" * (imports.MAX_BYTES + 1))
    assert_one_line_error(run_cli("data", "import", "egdi", str(huge)), "larger than")


def test_the_name_table_knows_every_member_state(dataset):
    names = imports.read_names(dataset)
    members = set(dataset.geographies.query("kind == 'country'").geo)
    assert set(names.values()) == members
    assert names["Viet Nam"] == "VNM" and names["Türkiye"] == "TUR"
