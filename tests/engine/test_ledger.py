"""The forecast ledger: frozen forecasts are sealed, and scored honestly when outcomes land.

The hindcast freezes the baseline from the data as they stood before the 2024 UN survey
(editions up to 2022), then scores it with the 2024 edition, the way the shipped ledger will
be scored when the 2026 edition is added.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil

import pandas as pd
import pytest
from conftest import DATA

from dxmodel.cli.main import main
from dxmodel.core import columns as c
from dxmodel.core.comparators import meets
from dxmodel.core.data import load_dataset
from dxmodel.core.scenario import load_scenario
from dxmodel.engine import ledger
from dxmodel.engine.session import Session
from dxmodel.util.errors import DataError

UN_SERIES = "undesa_egov"
LAST_KNOWN, NEXT_EDITION = 2022, 2024
JUDGED_ON_2024 = ("egdi_top70_2025_d749", "egdi_top50_2025_d942", "egdi_top4_asean_2025_r52")
DAY = dt.date(2023, 1, 15)


def before_2024_edition(dataset):
    """The dataset without any UN survey row after 2022, including the derived ASEAN ranks."""
    h = dataset.history
    series = h[c.SOURCE].map(dataset.sources.set_index(c.SOURCE)[c.SERIES])
    later = (series == UN_SERIES) & (h[c.YEAR] > LAST_KNOWN)
    return dataclasses.replace(dataset, history=h[~later].reset_index(drop=True))


def observed(dataset, indicator: str, year: int) -> float:
    h = dataset.history
    hit = h[(h[c.INDICATOR] == indicator) & (h[c.GEO] == "VNM") & (h[c.YEAR] == year)]
    assert len(hit) == 1, hit
    return float(hit[c.VALUE].iloc[0])


@pytest.fixture(scope="module")
def hindcast(dataset, tmp_path_factory):
    """(session, path of the ledger frozen from data up to 2022)."""
    session = Session(before_2024_edition(dataset), as_of=LAST_KNOWN + 1)
    folder = tmp_path_factory.mktemp("ledger")
    path = ledger.freeze(
        session, load_scenario("baseline"), folder=folder, frozen_on=DAY, data_digest="upto2022"
    )
    return session, path


@pytest.fixture(scope="module")
def scored(hindcast, dataset):
    return ledger.score(hindcast[1], dataset).set_index(c.TARGET)


def test_the_frozen_ledger_holds_every_open_modelled_target_with_its_provenance(hindcast):
    session, path = hindcast
    assert path.name == f"{DAY.isoformat()}_baseline.csv"
    frozen = ledger.read_ledger(path)
    card = session.scorecard(load_scenario("baseline"))
    wanted = card[(card["status"] == "open") & card["p_meet"].notna()]
    assert list(frozen[c.TARGET]) == list(wanted[c.TARGET])
    assert set(JUDGED_ON_2024) <= set(frozen[c.TARGET])
    assert frozen["p_meet"].between(0, 1).all()
    assert (frozen["low_80"] <= frozen["median"]).all()
    assert (frozen["median"] <= frozen["high_80"]).all()
    assert (frozen["scenario"] == "baseline").all()
    assert (frozen["scenario_digest"] == load_scenario("baseline").digest()).all()
    assert (frozen["as_of"] == LAST_KNOWN + 1).all()
    assert (frozen["data_hash"] == "upto2022").all()
    assert (frozen["frozen_on"] == DAY.isoformat()).all()


def test_persistence_is_the_last_edition_before_the_freeze(hindcast, dataset):
    frozen = ledger.read_ledger(hindcast[1]).set_index(c.TARGET)
    for target in JUDGED_ON_2024:
        row = frozen.loc[target]
        assert row["latest_year"] == LAST_KNOWN
        assert row["latest_observed"] == observed(dataset, row[c.INDICATOR], LAST_KNOWN)
        hit = bool(meets(row["latest_observed"], row[c.COMPARATOR], row[c.VALUE]))
        assert row["p_persistence"] == float(hit)


def test_the_hindcast_scores_the_2024_edition_by_hand(hindcast, scored, dataset):
    frozen = ledger.read_ledger(hindcast[1]).set_index(c.TARGET)
    for target in JUDGED_ON_2024:
        row, s = frozen.loc[target], scored.loc[target]
        outcome = observed(dataset, row[c.INDICATOR], NEXT_EDITION)  # 71st; 5th of 11 in SEA
        met = bool(meets(outcome, row[c.COMPARATOR], row[c.VALUE]))
        assert s["status"] == "scored"
        assert s["outcome"] == outcome
        assert bool(s["met"]) is met
        assert 0 <= s["brier"] <= 1
        assert s["brier"] == pytest.approx((row["p_meet"] - met) ** 2)
        assert s["brier_persistence"] == pytest.approx((row["p_persistence"] - met) ** 2)
        assert s["abs_error"] == abs(row["median"] - outcome)
        assert s["abs_error_persistence"] == abs(row["latest_observed"] - outcome)
        assert bool(s["inside_80"]) is bool(row["low_80"] <= outcome <= row["high_80"])


def test_the_published_2024_ranks_are_what_the_hindcast_is_scored_on(scored):
    assert scored.loc["egdi_top70_2025_d749", "outcome"] == 71
    assert scored.loc["egdi_top4_asean_2025_r52", "outcome"] == 5
    assert not scored.loc[list(JUDGED_ON_2024), "met"].any()  # all three were missed


def test_what_is_not_yet_published_is_awaiting_and_unscored(scored):
    later = scored[scored[c.JUDGED_ON_YEAR] > NEXT_EDITION]
    assert len(later) and (later["status"].isin(["awaiting", "no series"])).all()
    assert later[["outcome", "brier", "abs_error"]].isna().all().all()
    unseriesed = scored[scored["status"] == "no series"]
    assert (unseriesed["brier"].isna()).all()


def test_the_summary_compares_model_and_persistence_on_the_same_rows(scored):
    done = scored[scored["status"] == "scored"]
    line = ledger.summary(scored.reset_index())
    assert "\n" not in line
    assert f"scored {len(done)} of {len(scored)}" in line
    assert f"{done['brier'].mean():.3f} (model)" in line
    assert f"{done['brier_persistence'].mean():.3f} (persistence)" in line
    assert f"{int(done['inside_80'].sum())}/{len(done)}" in line


def _tampered(path, tmp_path):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    shutil.copy(ledger.hash_path(path), ledger.hash_path(copy))
    raw = bytearray(copy.read_bytes())
    first_row = raw.index(b"\n") + 1
    at = next(i for i in range(first_row, len(raw)) if chr(raw[i]).isdigit())
    raw[at] = ord("0") + (raw[at] - ord("0") + 1) % 10  # one digit of the first forecast
    copy.write_bytes(bytes(raw))
    return copy


def test_editing_one_byte_of_a_frozen_ledger_is_refused(hindcast, dataset, tmp_path):
    copy = _tampered(hindcast[1], tmp_path)
    for read in (ledger.read_ledger, lambda p: ledger.score(p, dataset)):
        with pytest.raises(DataError, match="was edited after it was frozen") as info:
            read(copy)
        assert "\n" not in str(info.value)


def test_a_ledger_without_its_hash_is_refused(hindcast, tmp_path):
    copy = tmp_path / hindcast[1].name
    shutil.copy(hindcast[1], copy)
    with pytest.raises(DataError, match="sha256"):
        ledger.read_ledger(copy)


def test_freezing_twice_to_the_same_name_is_refused(hindcast):
    session, path = hindcast
    before = path.read_bytes()
    with pytest.raises(DataError, match="never overwritten"):
        ledger.freeze(session, load_scenario("baseline"), folder=path.parent, frozen_on=DAY)
    assert path.read_bytes() == before


def test_the_data_hash_is_the_reports_rule_without_the_ledgers(tmp_path, monkeypatch):
    from dxmodel.outputs import report

    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns(ledger.FOLDER))
    monkeypatch.setenv("DXMODEL_DATA_DIR", str(copy))
    before = ledger.data_hash()
    assert before == report.data_hash()
    (copy / ledger.FOLDER).mkdir()
    (copy / ledger.FOLDER / "2030-01-01_baseline.csv").write_text("target\nx\n")
    assert ledger.data_hash() == before


def test_the_shipped_ledgers_are_intact_and_scorable(dataset):
    shipped = ledger.ledger_files(DATA / ledger.FOLDER)
    assert shipped, "no ledger frozen from the current data: run 'dxmodel ledger freeze'"
    for path in shipped:  # a committed ledger edited by hand fails here, not on scoring day
        scored = ledger.score(path, dataset)
        assert scored[scored["status"] == "scored"]["brier"].between(0, 1).all()


# --- the command -----------------------------------------------------------------------------
@pytest.fixture
def quick_scenario(tmp_path):
    path = tmp_path / "quick.yaml"
    path.write_text("name: quick\ntitle:\n  en: Quick\nlevers:\n  draws: 200\n", encoding="utf-8")
    return path


def test_the_cli_freezes_then_scores_and_refuses_a_tampered_ledger(
    data_copy, quick_scenario, capsys, tmp_path, dataset
):
    shutil.rmtree(data_copy / ledger.FOLDER, ignore_errors=True)
    flags = ["--data-dir", str(data_copy), "ledger"]
    assert main([*flags, "freeze", "--scenario", str(quick_scenario)]) == 0
    written = capsys.readouterr().out.strip()
    path = data_copy / ledger.FOLDER / f"{dt.date.today().isoformat()}_quick.csv"
    assert written == str(path) and path.is_file() and ledger.hash_path(path).is_file()

    assert main([*flags, "freeze", "--scenario", str(quick_scenario)]) == 2
    assert "never overwritten" in capsys.readouterr().err

    assert main([*flags, "score", "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(table["ledger"]) == {path.name}
    assert set(table["status"]) <= {"awaiting", "no series"}  # nothing newer than the data yet

    assert main([*flags, "score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "NaN" not in out and "scored 0 of" in out.splitlines()[-1]

    assert len(load_dataset(data_copy).files) == len(dataset.files)  # ledger/ is not a table

    tampered = _tampered(path, tmp_path)
    assert main([*flags, "score", str(tampered)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dxmodel: error: ledger ")
    assert "edited after it was frozen" in lines[0]


def test_scoring_an_empty_ledger_folder_says_what_to_do(data_copy, capsys):
    shutil.rmtree(data_copy / ledger.FOLDER, ignore_errors=True)
    assert main(["--data-dir", str(data_copy), "ledger", "score"]) == 2
    assert "dxmodel ledger freeze" in capsys.readouterr().err
