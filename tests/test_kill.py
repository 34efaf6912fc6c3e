"""Stopping `dxmodel report` and `dxmodel sweep` leaves nothing behind: no worker, kernel or
resource tracker, no scratch folder in TMPDIR, no half-written file; and says so in one line.

Each test runs the real command in a process of its own, with TMPDIR and the reports folder in
the test's own folder, and signals it once its workers (and kernel) are up."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from dxmodel.publish import notebooks
from dxmodel.util.paths import ROOT

pytestmark = pytest.mark.slow


class Command:
    """`python -m dxmodel.cli ...` in a session of its own (so a test can send a terminal's
    Ctrl-C to its whole process group), with TMPDIR and DXMODEL_REPORTS_DIR under `tmp`."""

    def __init__(self, tmp: Path, *args: str) -> None:
        self.tmp, self.scratch, self.reports = tmp, tmp / "scratch", tmp / "reports"
        self.scratch.mkdir(exist_ok=True)
        env = {
            **os.environ,
            "TMPDIR": str(self.scratch),
            "DXMODEL_REPORTS_DIR": str(self.reports),
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "dxmodel.cli", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.seen: dict[int, psutil.Process] = {}  # every descendant ever seen

    def descendants(self) -> list[psutil.Process]:
        try:
            found = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            found = []
        for p in found:
            self.seen.setdefault(p.pid, p)
        return found

    def wait_for(self, what: str, ready, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"ended before {what}: {self.proc.returncode} {self.finish()[1]}")
            if ready(self.descendants()):
                return
            time.sleep(0.2)
        pytest.fail(f"no {what} within {timeout} s")

    def kernel_up(self) -> None:
        self.wait_for("kernel", lambda ps: any("ipykernel" in " ".join(_cmd(p)) for p in ps))

    def workers_up(self, n: int) -> None:
        self.wait_for(f"{n} workers", lambda ps: sum(_is_worker(p) for p in ps) >= n)

    def finish(self, timeout: float = 30) -> tuple[str, str]:
        return self.proc.communicate(timeout=timeout)

    def left_behind(self, within: float = 5) -> list[str]:
        """Processes still there after `within` s: any descendant seen, or any naming tmp."""
        deadline = time.monotonic() + within
        while True:
            left = [p for p in self.seen.values() if _running(p)]
            left += [
                p
                for p in psutil.process_iter()
                if p.pid not in self.seen and str(self.tmp) in " ".join(_cmd(p)) and _running(p)
            ]
            if not left or time.monotonic() > deadline:
                return [f"{p.pid} {' '.join(_cmd(p))[:150]}" for p in left]
            time.sleep(0.2)

    def kill_all(self) -> None:
        """Whatever the test found, nothing of its outlives it."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate(timeout=10)
        for p in self.seen.values():
            with contextlib.suppress(psutil.Error):
                p.kill()


def _cmd(p: psutil.Process) -> list[str]:
    try:
        return p.cmdline()
    except psutil.Error:
        return []


def _is_worker(p: psutil.Process) -> bool:
    return "spawn_main" in " ".join(_cmd(p)) and "resource_tracker" not in " ".join(_cmd(p))


def _running(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    return gone.pid


@pytest.fixture
def command(tmp_path):
    started: list[Command] = []

    def start(*args: str) -> Command:
        started.append(Command(tmp_path, *args))
        return started[-1]

    yield start
    for c in started:
        c.kill_all()


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_stopped_report_ends_its_workers_kernel_and_scratch_folders(command, tmp_path, signum):
    """`timeout`, CI cancellation and a closed terminal send these: the report must not leave
    its worker, resource tracker and kernel running for minutes, nor a file half-written. A
    scratch folder a killed run left (its owner's pid is dead) is removed too; a live
    owner's is kept."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    stale = scratch / f"dxmodel-render-{dead_pid()}-abc"
    (stale / "kernels").mkdir(parents=True)
    live = scratch / f"dxmodel-render-{os.getpid()}-abc"
    live.mkdir()
    report = command("report", "baseline", "--language", "en")
    report.kernel_up()
    time.sleep(1)  # the notebook is running
    started = time.monotonic()
    report.proc.send_signal(signum)
    _out, err = report.finish(timeout=30)
    assert time.monotonic() - started < 15
    assert report.proc.returncode == 128 + signum, err
    name = signal.Signals(signum).name
    assert err.strip().splitlines() == [f"dxmodel: stopped by {name}"], err
    assert report.left_behind() == []
    assert files_in(scratch) == [live.name]
    assert not [f for f in files_in(report.reports) if not f.startswith("sweeps")], files_in(
        report.reports
    )


def test_three_ctrl_c_in_a_terminal_print_one_line(command):
    """A terminal sends Ctrl-C to the whole process group: workers ignore it (the parent
    decides), and the second and third are ignored while the first one's clean-up runs."""
    report = command("report", "baseline", "--language", "en")
    report.kernel_up()
    time.sleep(1)
    pgid = os.getpgid(report.proc.pid)
    for _ in range(3):
        os.killpg(pgid, signal.SIGINT)
        time.sleep(0.3)
    _out, err = report.finish(timeout=30)
    assert report.proc.returncode == 130, err
    assert err.strip().splitlines() == ["dxmodel: interrupted"], err
    assert report.left_behind() == []
    assert files_in(report.scratch) == []


def test_a_killed_report_takes_its_workers_and_kernel_along(command):
    """SIGKILL cannot be caught: the workers die with their parent (PR_SET_PDEATHSIG), kill
    their kernel and remove their scratch folders themselves."""
    report = command("report", "baseline", "--language", "en")
    report.kernel_up()
    report.proc.kill()
    report.finish()
    assert report.left_behind(within=5) == []
    assert files_in(report.scratch) == []


SWEEP = ["sweep", "baseline", "--method", "morris", "--samples", "12", "--jobs", "2"]
SWEEP += ["--draws", "100", "--name", "stopped"]


def test_a_stopped_sweep_ends_its_workers_and_keeps_only_whole_batches(command):
    sweep = command(*SWEEP)
    sweep.workers_up(2)
    time.sleep(1.5)  # both fitting or evaluating
    started = time.monotonic()
    sweep.proc.terminate()
    _out, err = sweep.finish(timeout=30)
    assert time.monotonic() - started < 15
    assert sweep.proc.returncode == 143, err
    assert err.strip().splitlines() == ["dxmodel: stopped by SIGTERM"], err
    assert sweep.left_behind() == []
    files = files_in(sweep.reports / "sweeps" / "stopped")
    assert "results.parquet" not in files and not [f for f in files if f.endswith(".tmp")], files


def test_a_killed_sweeps_workers_are_gone_within_seconds(command):
    sweep = command(*SWEEP)
    sweep.workers_up(2)
    time.sleep(1)
    sweep.proc.kill()
    sweep.finish()
    assert sweep.left_behind(within=5) == []


def test_a_warm_kernel_exits_when_its_worker_is_killed_and_its_folder_goes_next_run(tmp_path):
    """SIGKILL of a worker runs none of its clean-up: ipykernel must notice its parent is gone
    (jupyter_client gives it JPY_PARENT_PID to poll) and exit by itself; the scratch folder
    it leaves carries the dead worker's pid, so the next run removes it."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    code = (
        "from dxmodel.publish import notebooks; import time; km = notebooks.warm_kernel(); "
        "print(km.provisioner.pid, flush=True); time.sleep(120)"
    )
    worker = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(scratch)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        kernel = psutil.Process(int(worker.stdout.readline()))
        assert "ipykernel" in " ".join(kernel.cmdline())
        (left,) = scratch.iterdir()
        assert left.name.startswith(f"dxmodel-render-{worker.pid}-")
        worker.kill()
        worker.wait(10)
        deadline = time.monotonic() + 5
        while _running(kernel) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _running(kernel)
    finally:
        worker.kill()
        with contextlib.suppress(psutil.Error, NameError):
            kernel.kill()
    live = scratch / f"dxmodel-render-{os.getpid()}-x"
    live.mkdir()
    assert notebooks.remove_stale_scratch(scratch) == [left]
    assert sorted(scratch.iterdir()) == [live]
