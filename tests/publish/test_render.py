"""`dxmodel report` as dependable as a build tool: checked before any kernel, contained output,
one process per render, and the same jobs on a Dask cluster."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time

import nbformat
import pytest
from conftest import RENDERED, dead_pid, run_cli

from dxmodel.outputs.summary import summary_of
from dxmodel.publish import jobs as render
from dxmodel.publish import notebooks
from dxmodel.util.atomic import clean_stale
from dxmodel.util.errors import DxError
from dxmodel.util.paths import ROOT


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["nosuch"], "nosuch"),
        (["baseline", "--draws", "0"], "draws"),
        (["baseline", "--seed", "-1"], "seed"),
        (["baseline", "--timeout", "0"], "--timeout 0"),
        (["baseline", "--timeout", "-5"], "--timeout -5"),
        (["baseline", "--jobs", "0"], "--jobs 0"),
        (["baseline", "--language", "fr"], "language"),
        (["baseline", "--scheduler", "tcp://127.0.0.1:9"], "cannot reach"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2_before_any_kernel(
    args, fragment, tmp_path, quick_connect
):
    start = time.perf_counter()
    proc = run_cli("report", *args, env={"DXMODEL_REPORTS_DIR": str(tmp_path)})
    assert time.perf_counter() - start < 30  # no kernel started (start-up, a 5 s connect)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and fragment in proc.stderr
    assert not (tmp_path / "index.html").exists()  # nothing rewritten


def test_a_fractional_timeout_is_refused_as_a_usage_error(tmp_path):
    proc = run_cli("report", "baseline", "--timeout", "1.5")
    assert proc.returncode == 2 and "invalid int value" in proc.stderr


def test_a_file_named_like_a_preset_is_refused_unless_renamed(tmp_path):
    mine = tmp_path / "baseline.yaml"
    mine.write_text("title:\n  en: Mine\nlevers:\n  draws: 300\n", encoding="utf-8")
    with pytest.raises(DxError, match="is a preset's, whose report it would replace"):
        render.plan([str(mine)], ("en",))
    (job,) = render.plan([str(mine)], ("en",), names=["my_baseline"])
    assert job.name == "my_baseline" and "Mine" in job.text


def test_relative_paths_are_read_in_the_callers_directory(tmp_path, monkeypatch):
    (tmp_path / "plan.yaml").write_text("title:\n  en: Plan\nlevers: {}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (job,) = render.plan(["./plan.yaml"], ("en",))
    assert job.name == "plan" and "Plan" in job.text  # the worker gets the text, not the path


def test_a_killed_writers_leftovers_are_removed_and_a_live_ones_kept(tmp_path):
    dead = dead_pid()
    left = tmp_path / f".baseline.html.{dead}.abc123.tmp"
    live = tmp_path / f".stalled.html.{os.getppid()}.def456.tmp"
    left.write_text("half"), live.write_text("half")
    assert clean_stale(tmp_path) == [left]
    assert live.exists() and not left.exists()


@pytest.mark.slow
def test_a_relative_reports_dir_with_two_jobs_writes_nothing_outside_it(tmp_path):
    """Also: renders need no registered kernel. A broken kernel named 'dxmodel' is first on
    the path, and the reports still render with the Python that runs dxmodel."""
    broken = tmp_path / "jupyter" / "kernels" / "dxmodel"
    broken.mkdir(parents=True)
    (broken / "kernel.json").write_text(
        '{"argv": ["/bin/false", "{connection_file}"], "display_name": "x", "language": "python"}'
    )
    (tmp_path / "mine.yaml").write_text(
        "title:\n  en: Mine\n  vi: Của tôi\nlevers:\n  draws: 200\n", encoding="utf-8"
    )
    before = {p.name for p in (ROOT / "notebooks").iterdir()}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "dxmodel.cli",
            "report",
            "./mine.yaml",
            "stalled",
            "--jobs",
            "2",
            "--draws",
            "200",
            "--language",
            "en",
        ],
        cwd=tmp_path,
        env={**os.environ, "DXMODEL_REPORTS_DIR": "out", "JUPYTER_PATH": str(tmp_path / "jupyter")},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "eavesdropping" not in proc.stderr and "Traceback" not in proc.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == [
        "index.html",
        "index.vi.html",
        "mine.html",
        "mine.json",
        "stalled.html",
        "stalled.json",
    ]
    assert {p.name for p in (ROOT / "notebooks").iterdir()} == before
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Mine" in index and "200" in index  # the settings the reports were computed with


@pytest.mark.slow
def test_renders_on_a_dask_cluster_match_the_local_ones(
    dask_cluster, rendered, tmp_path, monkeypatch
):
    """The same reports through a Dask scheduler give the numbers the local pool gave, their
    Explore grids (computed on the cluster's workers) included."""
    monkeypatch.setenv("DXMODEL_REPORTS_DIR", str(tmp_path))
    outcomes = render.render_reports(
        list(RENDERED), ("en",), jobs=2, draws=300, progress=False, scheduler=dask_cluster
    )
    assert all(o.path is not None for o in outcomes), [o.reason for o in outcomes]
    for name in RENDERED:
        on_dask = (tmp_path / f"{name}.html").read_text(encoding="utf-8")
        local = (rendered[0] / f"{name}.html").read_text(encoding="utf-8")
        assert summary_of(on_dask) == summary_of(local), name
        grid = re.compile(r"class=.dx-x-data.[^>]*>(.*?)</script>", re.S)
        assert grid.search(on_dask)[1] == grid.search(local)[1], name


def test_a_relative_data_dir_is_the_callers(tmp_path):
    """`dxmodel --data-dir data report ...` from the checkout finds the presets."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    proc = subprocess.run(
        [sys.executable, "-m", "dxmodel.cli", "--data-dir", "data", "report", "nosuch"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2 and "baseline" in proc.stderr  # the presets it lists


def test_an_output_folder_that_cannot_be_written_is_refused_before_rendering(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder")
    proc = run_cli("report", "baseline", env={"DXMODEL_REPORTS_DIR": str(blocker)})
    assert proc.returncode == 2 and "reports cannot be written there" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_a_worker_keeps_its_kernel_between_reports_and_drops_it_after_a_failure(tmp_path):
    """The kernel's start and imports are paid once per worker; a failure never leaves a
    busy or broken kernel for the next report."""
    pid = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("# parameters\nfail = False"),
        nbformat.v4.new_code_cell("import os\nassert not fail\nprint(f'pid={os.getpid()}')"),
    ])  # fmt: skip
    pid.cells[0].metadata["tags"] = ["parameters"]
    pid.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "x"}
    path = tmp_path / "pid.ipynb"
    nbformat.write(pid, path)

    def run(fail: bool = False) -> str:
        folder = tmp_path / f"run{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        page = notebooks.execute(path, {"fail": fail}, "en", "t", 60, folder, warm=True)
        return re.search(r"pid=(\d+)", page.decode()).group(1)

    try:
        first, second = run(), run()
        assert first == second  # one kernel for both
        with pytest.raises(Exception, match="AssertionError"):
            run(fail=True)
        assert run() != first  # a new kernel after the failure
    finally:
        notebooks.discard_warm_kernel()
    assert getattr(notebooks._WARM, "km", None) is None


def test_no_explore_reaches_every_job_and_its_notebook(monkeypatch):
    """`report --no-explore`: every job says so, and the notebook gets it as a parameter."""
    jobs = render.plan(["baseline", "stalled"], ("en", "vi"), explore=False)
    assert jobs and not any(job.explore for job in jobs)
    assert all(job.explore for job in render.plan(["baseline"], ("en",)))
    seen = {}
    monkeypatch.setattr(
        render, "execute", lambda notebook, parameters, *args, **kw: seen.update(parameters)
    )
    render.render_job(jobs[0], 60, None, None)
    assert seen["explore"] is False
