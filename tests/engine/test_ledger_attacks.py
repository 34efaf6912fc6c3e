"""The frozen-forecast ledger under attack (issue 18): a re-sealed ledger with impossible
cells, a hash file in capitals, two freezes racing for one name, a freeze killed half-way,
a user's file posing as a preset, and a refused freeze that must be refused before the models
run. Every refusal is one line naming the file (and row and column), and nothing is lost.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import shutil
import subprocess
import sys
import threading
import types

import pytest
from conftest import DATA, assert_one_line_error, run_cli, run_cli_process

from dxmodel.engine import ledger
from dxmodel.util import sealed
from dxmodel.util.errors import DataError
from dxmodel.util.paths import ROOT
from dxmodel.util.signals import Stopped

SHIPPED = ledger.ledger_files(DATA / ledger.FOLDER)[0]
TODAY = dt.date.today().isoformat()


def reseal(path) -> None:
    """What an attacker does after editing: recompute the hash, as `sha256sum` would."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    ledger.hash_path(path).write_text(f"{digest}  {path.name}\n", encoding="utf-8")


def edited(tmp_path, changes: dict[str, str], row: int = 0):
    """A copy of the shipped ledger with cells of one row changed, then re-sealed."""
    rows = list(csv.DictReader(io.StringIO(SHIPPED.read_text(encoding="utf-8"))))
    rows[row].update(changes)
    path = tmp_path / SHIPPED.name
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    reseal(path)
    return path


def files_of(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --- 1. a re-sealed ledger is range-checked, cell by cell ----------------------------------
FIRST = 0  # de_share_2030_r52, % of GDP, judged on gso_value_added, row 2 of the file
HUGE_YEAR = "99999999999"
ATTACKS = {
    "p_meet inf": ({"p_meet": "inf"}, "column p_meet", "'inf'"),
    "p_meet 5 (Brier 25)": ({"p_meet": "5"}, "column p_meet", "'5'"),
    "comparator ==": ({"comparator": "=="}, "column comparator", "'=='"),
    "huge year": ({"year": HUGE_YEAR}, "column year", HUGE_YEAR),
    "huge judged-on year": ({"judged_on_year": HUGE_YEAR}, "column judged_on_year", HUGE_YEAR),
    "low_80 > high_80": (
        {"low_80": "17.5", "high_80": "13.5"},
        "column low_80",
        "low_80 17.5, median 15.4278, high_80 13.5",
    ),
    "median outside": ({"median": "20"}, "column median", "median 20"),
    "unknown target": ({"target": "made_up_target"}, "column target", "'made_up_target'"),
    "unknown series": ({"series": "made_up_series"}, "column series", "'made_up_series'"),
    "p_persistence forged": ({"p_persistence": "1.0"}, "column p_persistence", "'1.0'"),
    "value nan": ({"value": "nan"}, "column value", "'nan'"),
    "median beyond the indicator": (
        {"median": "150", "high_80": "200"},
        "column median",
        "150 is outside digital_economy_share's range",
    ),
}


@pytest.mark.parametrize("attack", list(ATTACKS), ids=list(ATTACKS))
def test_a_resealed_ledger_with_an_impossible_cell_is_refused_by_score(attack, tmp_path):
    changes, column, shown = ATTACKS[attack]
    path = edited(tmp_path, changes, FIRST)
    before = files_of(tmp_path)
    proc = run_cli("--data-dir", str(DATA), "ledger", "score", str(path))
    assert_one_line_error(proc, path.name, "row 2", column, shown)
    assert files_of(tmp_path) == before  # nothing rewritten, nothing removed


@pytest.mark.parametrize(
    "attack",
    ["p_meet inf", "p_meet 5 (Brier 25)", "comparator ==", "huge year", "low_80 > high_80"],
)
def test_read_ledger_refuses_the_same_cells_without_the_data(attack, tmp_path):
    changes, column, shown = ATTACKS[attack]
    path = edited(tmp_path, changes, FIRST)
    with pytest.raises(DataError) as info:
        ledger.read_ledger(path)
    message = str(info.value)
    assert "\n" not in message
    for fragment in (path.name, "row 2", column, shown):
        assert fragment in message


def test_the_row_named_is_the_row_at_fault(tmp_path):
    path = edited(tmp_path, {"p_meet": "-0.1"}, row=4)  # egdi_top50_2026_mic, row 6
    with pytest.raises(DataError, match=r"row 6 \(target 'egdi_top50_2026_mic'\), column p_meet"):
        ledger.read_ledger(path)


def test_a_duplicated_forecast_cannot_weigh_twice(tmp_path):
    path = edited(tmp_path, {"target": "de_share_2030_r52"}, row=1)
    with pytest.raises(DataError, match=r"row 3 .*already forecast in row 2"):
        ledger.read_ledger(path)


def test_the_untouched_shipped_ledger_still_reads_with_its_numbers(dataset):
    frozen = ledger.read_ledger(SHIPPED, dataset)
    raw = list(csv.DictReader(io.StringIO(SHIPPED.read_text(encoding="utf-8"))))
    assert len(frozen) == len(raw)
    assert list(frozen["p_meet"]) == [float(r["p_meet"]) for r in raw]
    assert frozen["year"].dtype == "Int64" and frozen["p_meet"].dtype == float


# --- 2. the hash file: hex in either case, anything else malformed refused ------------------
def test_an_upper_case_hash_is_accepted_as_sha256sum_accepts_it(tmp_path):
    path = tmp_path / SHIPPED.name
    shutil.copy(SHIPPED, path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest().upper()
    ledger.hash_path(path).write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    if shutil.which("sha256sum"):
        check = subprocess.run(
            ["sha256sum", "-c", ledger.hash_path(path).name], cwd=tmp_path, capture_output=True
        )
        assert check.returncode == 0, check
    proc = run_cli("--data-dir", str(DATA), "ledger", "score", "--format", "csv", str(path))
    assert proc.returncode == 0, proc.stderr
    assert path.name in proc.stdout


@pytest.mark.parametrize(
    "seal",
    [
        "{d63}  {name}\n",  # 63 digits
        "{d63}g  {name}\n",  # not hex
        "{d}{name}\n",  # no separator
        "{d} {name}\n",  # one space
        "{d}  other.csv\n",  # seals another file
        "{d}  {name}\n{d}  {name}\n",  # two lines
        "\n",  # empty
    ],
    ids=["short", "not-hex", "no-space", "one-space", "other-file", "two-lines", "empty"],
)
def test_a_malformed_hash_file_is_refused_in_one_line(seal, tmp_path):
    path = tmp_path / SHIPPED.name
    shutil.copy(SHIPPED, path)
    d = hashlib.sha256(path.read_bytes()).hexdigest()
    ledger.hash_path(path).write_text(
        seal.format(d=d, d63=d[:63], name=path.name), encoding="utf-8"
    )
    proc = run_cli("--data-dir", str(DATA), "ledger", "score", str(path))
    assert_one_line_error(proc, ledger.hash_path(path).name, "sha256sum format")


# --- 3. freezes are exclusive -------------------------------------------------------------
def stub_session(barrier: threading.Barrier | None = None):
    """A session whose scorecard is the shipped ledger's forecasts, at no model cost; with a
    barrier, every racer has passed the folder check before any of them publishes."""
    frozen = ledger.read_ledger(SHIPPED)
    card = frozen.rename(columns={"median": "expected", "low_80": "low", "high_80": "high"})
    card = card.assign(status="open")

    def scorecard(_scenario):
        if barrier is not None:
            barrier.wait(timeout=30)
        return card

    return types.SimpleNamespace(as_of=int(frozen["as_of"].iloc[0]), scorecard=scorecard)


@pytest.mark.parametrize("with_lock", [True, False], ids=["flock", "link-only"])
def test_two_freezes_racing_for_one_name_leave_one_whole_ledger(with_lock, tmp_path, monkeypatch):
    from dxmodel.core.scenario import load_scenario

    if not with_lock:
        monkeypatch.setattr(sealed, "fcntl", None)
    scenario = load_scenario("baseline")
    for round_ in range(8):
        day = dt.date(2030, 1, 1) + dt.timedelta(days=round_)
        barrier = threading.Barrier(2)
        session = stub_session(barrier)
        won, lost = [], []

        def race(digest, session=session, day=day, won=won, lost=lost):
            try:
                won.append(
                    (
                        digest,
                        ledger.freeze(
                            session, scenario, folder=tmp_path, frozen_on=day, data_digest=digest
                        ),
                    )
                )
            except DataError as exc:
                lost.append(str(exc))

        threads = [threading.Thread(target=race, args=(d,)) for d in ("aaaa", "bbbb")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert len(won) == 1 and len(lost) == 1, (won, lost)
        assert "already frozen" in lost[0] and "\n" not in lost[0]
        digest, path = won[0]
        frozen = ledger.read_ledger(path)  # the winner's bytes, sealed by the winner's hash
        assert set(frozen["data_hash"]) == {digest}
    left = sorted(p.name for p in tmp_path.iterdir())
    assert all(not n.startswith(".") for n in left), left  # no temporaries left
    assert len(left) == 16


@pytest.mark.slow
def test_two_freeze_processes_at_once_one_wins_whole(data_copy, tmp_path):
    shutil.rmtree(data_copy / ledger.FOLDER, ignore_errors=True)
    quick = tmp_path / "quick.yaml"
    quick.write_text("name: quick\ntitle:\n  en: Quick\nlevers:\n  draws: 200\n", encoding="utf-8")
    args = ("--data-dir", str(data_copy), "ledger", "freeze", "--scenario", str(quick))
    results = [None, None]

    def run(i):
        results[i] = run_cli_process(*args)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=150)
    assert sorted(r.returncode for r in results) == [0, 2], results
    winner = next(r for r in results if r.returncode == 0)
    loser = next(r for r in results if r.returncode == 2)
    assert_one_line_error(loser, "already frozen")
    path = data_copy / ledger.FOLDER / f"{TODAY}_quick.csv"
    assert winner.stdout.strip() == str(path)
    assert len(ledger.read_ledger(path)) > 0
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name, path.name + ".sha256"]


# --- 4. a CSV never stands without its hash ------------------------------------------------
def _stop(*_args):
    raise Stopped(2)  # what Ctrl-C or SIGTERM raises in the main thread


@pytest.mark.parametrize("step", ["_seal", "_commit", "_sync_folder"])
def test_a_freeze_stopped_at_any_step_leaves_nothing_or_a_whole_ledger(step, tmp_path, monkeypatch):
    from dxmodel.core.scenario import load_scenario

    scenario = load_scenario("baseline")
    day = dt.date(2030, 1, 1)
    with monkeypatch.context() as m:
        m.setattr(sealed, step, _stop)
        with pytest.raises(Stopped):
            ledger.freeze(stub_session(), scenario, folder=tmp_path, frozen_on=day, data_digest="x")
    path = tmp_path / f"{day.isoformat()}_baseline.csv"
    left = sorted(p.name for p in tmp_path.iterdir())
    if step == "_sync_folder":  # stopped after both names were taken: a whole, sealed ledger
        assert left == [path.name, path.name + ".sha256"]
        assert len(ledger.read_ledger(path)) > 0
    else:  # stopped before the ledger took its name: nothing at all, the next freeze works
        assert left == []
        ledger.freeze(stub_session(), scenario, folder=tmp_path, frozen_on=day, data_digest="x")
        assert len(ledger.read_ledger(path)) > 0


KILLED_FREEZE = """
import os, sys
from pathlib import Path
from dxmodel.util import sealed
sealed._commit = lambda *a: os._exit(9)  # killed after the hash took its name, before the CSV
sealed.publish(Path(sys.argv[1]), b"target\\nhalf\\n")
"""


@pytest.mark.slow  # a killed process, then score and freeze through the CLI: ~5 s
def test_a_hash_left_by_a_killed_freeze_blocks_neither_score_nor_freeze(data_copy, tmp_path):
    folder = data_copy / ledger.FOLDER
    path = folder / f"{TODAY}_quick.csv"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_FREEZE, str(path)], cwd=ROOT, capture_output=True, timeout=120
    )
    assert killed.returncode == 9, killed.stderr
    sidecar = ledger.hash_path(path)
    assert sidecar.is_file() and not path.exists()  # what a SIGKILL leaves: a hash alone
    assert any(p.name.startswith(".") for p in folder.iterdir())  # and its temporaries
    shipped = files_of(folder)[SHIPPED.name]

    scored = run_cli("--data-dir", str(data_copy), "ledger", "score", "--format", "csv")
    assert scored.returncode == 0, scored.stderr
    assert SHIPPED.name in scored.stdout and path.name not in scored.stdout

    quick = tmp_path / "quick.yaml"
    quick.write_text("name: quick\ntitle:\n  en: Quick\nlevers:\n  draws: 200\n", encoding="utf-8")
    frozen = run_cli("--data-dir", str(data_copy), "ledger", "freeze", "--scenario", str(quick))
    assert frozen.returncode == 0, frozen.stderr
    assert frozen.stdout.strip() == str(path)
    assert len(ledger.read_ledger(path)) > 0  # the new ledger, sealed by its own hash
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [SHIPPED.name, SHIPPED.name + ".sha256", path.name, sidecar.name]
    )  # the killed freeze's temporaries are gone
    assert files_of(folder)[SHIPPED.name] == shipped


# --- 5. a file posing as a preset ----------------------------------------------------------
def _no_models(monkeypatch):
    """Fail the test if a freeze gets as far as loading the data or running a model."""

    def ran(*_a, **_k):
        raise AssertionError("the models ran before the freeze was refused")

    monkeypatch.setattr(ledger, "Session", ran)
    monkeypatch.setattr(ledger, "load_dataset", ran)


def test_a_users_file_named_baseline_cannot_take_the_presets_ledger_name(
    data_copy, tmp_path, monkeypatch
):
    _no_models(monkeypatch)
    mine = tmp_path / "baseline.yaml"
    mine.write_text("title:\n  en: Mine\nlevers:\n  draws: 200\n", encoding="utf-8")
    before = files_of(data_copy / ledger.FOLDER)
    proc = run_cli("--data-dir", str(data_copy), "ledger", "freeze", "--scenario", str(mine))
    assert_one_line_error(proc, str(mine), "not the preset 'baseline'", "rename")
    assert files_of(data_copy / ledger.FOLDER) == before


def test_the_preset_itself_by_path_or_name_keeps_its_ledger_name(data_copy):
    for ref in ("baseline", str(data_copy / "scenarios" / "baseline.yaml")):
        scenario, path = ledger.check_freeze(ref, frozen_on=dt.date(2030, 1, 1))
        assert scenario.name == "baseline"
        assert path == data_copy / ledger.FOLDER / "2030-01-01_baseline.csv"


# --- 6. a refused freeze is answered before the models run --------------------------------
def test_todays_ledger_already_there_is_refused_before_the_models_run(data_copy, monkeypatch):
    _no_models(monkeypatch)
    path = data_copy / ledger.FOLDER / f"{TODAY}_baseline.csv"
    shutil.copy(SHIPPED, path)
    reseal(path)
    before = files_of(path.parent)
    proc = run_cli("--data-dir", str(data_copy), "ledger", "freeze")
    assert_one_line_error(proc, path.name, "already frozen", "never overwritten")
    assert files_of(path.parent) == before


def test_a_ledger_folder_that_is_a_file_is_refused_before_the_models_run(data_copy, monkeypatch):
    _no_models(monkeypatch)
    shutil.rmtree(data_copy / ledger.FOLDER)
    (data_copy / ledger.FOLDER).write_text("not a folder\n", encoding="utf-8")
    proc = run_cli("--data-dir", str(data_copy), "ledger", "freeze")
    assert_one_line_error(proc, "ledger", "not a folder")
    assert (data_copy / ledger.FOLDER).read_text(encoding="utf-8") == "not a folder\n"


def test_an_unwritable_ledger_folder_is_refused_before_the_models_run(data_copy, monkeypatch):
    _no_models(monkeypatch)

    def refused(*_a, **_k):  # what a read-only disk or folder says (root passes chmod 0o555)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sealed.tempfile, "mkstemp", refused)
    before = files_of(data_copy / ledger.FOLDER)
    proc = run_cli("--data-dir", str(data_copy), "ledger", "freeze")
    assert_one_line_error(proc, "ledger", "cannot write a ledger here", "Permission denied")
    assert files_of(data_copy / ledger.FOLDER) == before


def test_a_hash_alone_does_not_block_the_check(data_copy):
    day = dt.date(2030, 1, 1)
    sidecar = data_copy / ledger.FOLDER / "2030-01-01_baseline.csv.sha256"
    sidecar.write_text(f"{'0' * 64}  2030-01-01_baseline.csv\n", encoding="utf-8")
    _, path = ledger.check_freeze("baseline", frozen_on=day)
    assert path == data_copy / ledger.FOLDER / "2030-01-01_baseline.csv"


def test_without_a_folder_lock_only_an_old_lone_hash_counts_as_a_leftover(tmp_path, monkeypatch):
    """Where `flock` is missing, a fresh lone hash may be another run between its two links."""
    from dxmodel.core.scenario import load_scenario

    monkeypatch.setattr(sealed, "fcntl", None)
    day = dt.date(2030, 1, 1)
    sidecar = tmp_path / "2030-01-01_baseline.csv.sha256"
    sidecar.write_text(f"{'0' * 64}  2030-01-01_baseline.csv\n", encoding="utf-8")
    scenario = load_scenario("baseline")
    with pytest.raises(DataError, match="already frozen by another run"):
        ledger.freeze(stub_session(), scenario, folder=tmp_path, frozen_on=day, data_digest="x")
    assert sidecar.read_text(encoding="utf-8").startswith("0" * 64)  # left alone
    old = sidecar.stat().st_mtime - 2 * ledger.LEFTOVER_AGE
    os.utime(sidecar, (old, old))
    path = ledger.freeze(stub_session(), scenario, folder=tmp_path, frozen_on=day, data_digest="x")
    assert len(ledger.read_ledger(path)) > 0
