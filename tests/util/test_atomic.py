"""write_atomically: a failed write names its file and never costs the good one; a killed
writer's leftovers go at the next write into the folder."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import tempfile
import time

import pytest
from conftest import dead_pid

from dxmodel.util import atomic
from dxmodel.util.atomic import clean_stale, write_atomically

GOOD = "the good report\n"


def full_disk(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def good(tmp_path):
    """A good file at the destination, which no failure may touch."""
    path = tmp_path / "reports" / "baseline.html"
    path.parent.mkdir()
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "step", ["os.write", "os.fsync", "os.replace", "os.chmod", "tempfile.mkstemp"]
)
def test_a_full_disk_at_any_step_names_the_file_and_keeps_the_good_one(good, monkeypatch, step):
    module, name = step.split(".")
    monkeypatch.setattr({"os": os, "tempfile": tempfile}[module], name, full_disk)
    with pytest.raises(OSError) as caught:
        write_atomically(good, "x" * 100_000)
    assert caught.value.errno == errno.ENOSPC
    assert caught.value.filename == str(good)
    assert caught.value.strerror == "No space left on device"
    assert good.read_text(encoding="utf-8") == GOOD
    assert sorted(p.name for p in good.parent.iterdir()) == ["baseline.html"]  # no temp left


def test_a_short_write_is_finished_not_truncated(tmp_path, monkeypatch):
    """os.write may write less than asked (a signal, a pipe, a nearly full disk)."""
    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real(fd, bytes(data[:7])))
    path = tmp_path / "x.json"
    write_atomically(path, "ünïcode " * 1000)
    assert path.read_text(encoding="utf-8") == "ünïcode " * 1000
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)


def test_an_error_without_errno_still_names_the_file(good, monkeypatch):
    def broken(*_args):
        raise OSError("device went away")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError) as caught:
        write_atomically(good, "new")
    assert caught.value.filename == str(good) and caught.value.strerror == "device went away"
    assert good.read_text(encoding="utf-8") == GOOD


def test_the_subclass_follows_the_errno(tmp_path):
    """A folder that cannot be made: PermissionError or NotADirectoryError as the system said,
    naming the destination."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(NotADirectoryError) as caught:
        write_atomically(blocker / "x.html", "x")
    assert caught.value.filename == str(blocker / "x.html")


def test_a_sigkilled_writers_temp_is_removed_by_the_next_write_into_the_folder(tmp_path):
    """A real writer, killed with SIGKILL between writing its temporary file and renaming it
    (its fsync never returns); the next write into that folder, from another process (a new
    run), removes what it left, and keeps a live writer's temporary file."""
    folder = tmp_path / "reports"
    code = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from dxmodel.util.atomic import write_atomically\n"
        "os.fsync = lambda fd: time.sleep(60)\n"
        "write_atomically(Path(sys.argv[1]), 'half a report')\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", code, str(folder / "baseline.html")])
    try:
        deadline = time.monotonic() + 30
        while not list(folder.glob(".baseline.html.*.tmp")) and time.monotonic() < deadline:
            time.sleep(0.02)
        (left,) = folder.glob(".baseline.html.*.tmp")
        assert f".{writer.pid}." in left.name
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    live = folder / f".stalled.html.{os.getppid()}.abcd1234.tmp"  # a live writer's (our parent)
    live.write_text("half")
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from dxmodel.util.atomic import "
            "write_atomically; write_atomically(Path(sys.argv[1]), 'next')",
            str(folder / "other.json"),
        ],
        check=True,
    )
    assert not left.exists() and live.exists()
    assert (folder / "other.json").read_text(encoding="utf-8") == "next"
    assert not (folder / "baseline.html").exists()


def test_the_folder_is_cleaned_once_per_process(tmp_path, monkeypatch):
    """Many writes into one folder (a sweep's batches) glob it once."""
    calls = []
    monkeypatch.setattr(atomic, "clean_stale", lambda folder: calls.append(folder) or [])
    monkeypatch.setattr(atomic, "_cleaned", set())
    for i in range(5):
        write_atomically(tmp_path / f"batch-{i}.parquet", b"x")
    assert calls == [tmp_path]


def test_only_our_temporary_names_are_removed(tmp_path):
    """A user's own dotted .tmp file with digits in it is not a writer's leftover."""
    dead = dead_pid()
    ours = tmp_path / f".x.json.{dead}.k2_9zq0a.tmp"
    theirs = [tmp_path / ".notes.tmp", tmp_path / f".backup.{dead}.tmp", tmp_path / ".a.0.b.tmp"]
    for path in [ours, *theirs]:
        path.write_text("keep")
    assert clean_stale(tmp_path) == [ours]
    assert all(path.exists() for path in theirs)
