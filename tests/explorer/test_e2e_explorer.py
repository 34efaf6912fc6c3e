"""End to end: JupyterLab on localhost, the explorer in headless Chromium, no outside host.

Starts JupyterLab on a free loopback port, serving a scratch git clone of the explorer notebook
(with the repository's .gitattributes and the notebook-outputs filter set up as README says),
opens it in Debian's Chromium at 1366x768 (every host but 127.0.0.1 unresolvable), runs all
cells and checks, as a user would see it:
- every chart is drawn, and a lever's slider and its chart are on screen together;
- dragging the slider (button held) redraws the chart while it moves; the browser-side redraw
  times are printed (run pytest with -s to see them);
- the scenario picker then says "modified from ..." and the lever is marked;
- the Vietnamese mode relabels levers, picker and summary; screenshots of both languages go to
  reports/screenshots/ (explorer-en.png, explorer-vi.png), and of the tornado tab
  (explorer-tornado-en.png);
- reloading the page with the kernel running draws every chart again with no anywidget error,
  and the charts still follow the levers;
- the saved, run notebook (outputs and all) has no change git would commit;
- the page asked nothing of any outside host.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, need_chromium

from dxmodel.util.paths import NOTEBOOKS_DIR, ROOT, reports_dir

pytestmark = pytest.mark.slow

VIEWPORT = {"width": 1366, "height": 768}
CHARTS = "document.querySelectorAll('.vega-embed svg.marks, .vega-embed canvas.marks').length"
KERNEL_IDLE = (
    "window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?.status === 'idle'"
)
CHART = ".dx-chart[data-chart='digital_economy']"
LEVER = ".dx-lever-digital_economy_growth"
# The clean filter README documents (with .venv/bin/python): outputs, execution counts, widget
# state and the kernel's language details out, in nbformat's own layout.
STRIP_OUTPUTS = (
    'import json,sys;n=json.load(sys.stdin);m=n["metadata"];m.pop("widgets",0);'
    'm["language_info"]={"name":"python"};'
    '[c.update(outputs=[],execution_count=None) for c in n["cells"] if c["cell_type"]=="code"];'
    '[c["metadata"].pop(k,0) for c in n["cells"] for k in ("execution","collapsed","scrolled")];'
    "print(json.dumps(n,indent=1,sort_keys=True,ensure_ascii=False))"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def _clone_with_filter(repo: Path) -> None:
    """A scratch repository holding the explorer notebook, committed, with the filter set."""
    (repo / "notebooks").mkdir(parents=True)
    (repo / "dxmodel.toml").write_text("# a dxmodel workspace\n")
    shutil.copy(NOTEBOOKS_DIR / "explorer.ipynb", repo / "notebooks" / "explorer.ipynb")
    for name in (".gitattributes", ".gitignore"):
        shutil.copy(ROOT / name, repo / name)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "test@example.invalid")
    _git(repo, "config", "user.name", "test")
    command = f"{sys.executable} -c '{STRIP_OUTPUTS}'"
    _git(repo, "config", "filter.notebook-outputs.clean", command)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "explorer")


@pytest.fixture
def lab(tmp_path: Path):
    """JupyterLab serving a scratch clone of the explorer notebook; stopped after the test."""
    need_chromium()
    repo = tmp_path / "clone"
    _clone_with_filter(repo)
    shutil.copytree(ROOT / "data", tmp_path / "data")  # anything the explorer saves goes here
    port, token = _free_port(), secrets.token_hex(16)
    log = (tmp_path / "lab.log").open("w")
    env = {k: v for k, v in os.environ.items() if k != "DXMODEL_WORKSPACE"}
    process = subprocess.Popen(  # as a user starts it: `dxmodel lab` in the workspace
        [
            sys.executable,
            "-m",
            "dxmodel.cli",
            "lab",
            "--",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={repo}",
            "--LabApp.expose_app_in_browser=True",
            f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
            f"--LabApp.user_settings_dir={tmp_path / 'settings'}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**env, "DXMODEL_DATA_DIR": str(tmp_path / "data")},
        cwd=repo / "notebooks",  # found upward, as git finds its folder
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", token, repo
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _open_and_run(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)
    page.evaluate("window.jupyterapp.shell.collapseLeft()")  # the file browser: more room
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(f"{CHARTS} >= 9", timeout=180_000)  # every chart drawn
    page.wait_for_function(f'document.querySelector("{CHART}")?.dataset.redraws >= 1')


def _inside(box: dict | None) -> bool:
    return (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= VIEWPORT["width"]
        and box["y"] + box["height"] <= VIEWPORT["height"]
    )


def _redraws(page) -> int:
    return int(page.evaluate(f'document.querySelector("{CHART}").dataset.redraws ?? 0'))


def _drag_and_time(page) -> tuple[list[float], list[float]]:
    """Hold the slider's handle and move it right, step by step, never letting go; return the
    browser-side redraw times (ms) and the input-to-redrawn latencies (ms) seen meanwhile."""
    handle = page.locator(f"{LEVER} .noUi-handle")
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.evaluate("globalThis.__dxmodelRedraws.length = 0")
    before = page.locator(f"{CHART} svg.marks").inner_html()
    latencies = []
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 13):
        count = _redraws(page)
        page.evaluate("window.__moved = performance.now()")
        page.mouse.move(x + 6 * step, y, steps=2)
        try:
            page.wait_for_function(
                f'document.querySelector("{CHART}").dataset.redraws > {count}', timeout=5_000
            )
        except Exception:  # a move too small to change the value: no redraw to wait for
            continue
        latencies.append(
            page.evaluate(
                "globalThis.__dxmodelRedraws.filter(r => r.chart === 'digital_economy')"
                ".at(-1).at - window.__moved"
            )
        )
    still_held = page.locator(f"{CHART} svg.marks").inner_html()
    assert still_held != before, "the chart did not change while the slider was held"
    page.mouse.up()
    times = page.evaluate(
        "globalThis.__dxmodelRedraws.filter(r => r.chart === 'digital_economy' && "
        "r.kind === 'data').map(r => r.ms)"
    )
    return times, latencies


def test_explorer_is_a_simulator_offline_live_and_reload_safe(lab):
    playwright = pytest.importorskip("playwright.sync_api")
    base, token, repo = lab
    url = f"{base}/lab/tree/notebooks/explorer.ipynb?token={token}"
    shots = reports_dir() / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    console: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=need_chromium(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.on(
                "request",
                lambda r: (
                    None if r.url.startswith((base, "data:", "blob:")) else outside.append(r.url)
                ),
            )
            page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
            page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
            _open_and_run(page, url)
            assert page.locator(".jp-OutputArea-output[data-mime-type*=error]").count() == 0

            # A lever and its chart on one screen, beside the key targets.
            page.locator(".dx-explorer").scroll_into_view_if_needed()
            page.evaluate("document.querySelector('.dx-explorer').scrollIntoView()")
            assert _inside(page.locator(f"{LEVER} .noUi-handle").bounding_box())
            assert _inside(page.locator(f"{CHART} svg.marks").bounding_box())
            assert _inside(page.locator(".dx-cards").bounding_box())
            label = page.locator(f"{LEVER} .dx-lever-label")
            assert "Digital-economy growth" in label.inner_text()
            assert label.evaluate("e => e.scrollWidth <= e.clientWidth")  # wrapped, not cut

            # Live redraw while dragging; the picker and the lever say what changed.
            times, latencies = _drag_and_time(page)
            assert times, "no in-place redraw recorded while dragging"
            print(
                f"\nbrowser-side redraw of the digital-economy chart while dragging: "
                f"median {statistics.median(times):.1f} ms, max {max(times):.1f} ms "
                f"over {len(times)} redraws; slider move -> chart redrawn (kernel round trip "
                f"included): median {statistics.median(latencies):.0f} ms "
                f"over {len(latencies)} moves"
            )
            assert statistics.median(times) < 1000
            page.wait_for_function(  # the picker: its first select
                "document.querySelector('.dx-levers select')?.value"
                ".startsWith('modified from Baseline')",
                timeout=10_000,
            )
            assert page.locator(f"{LEVER}.dx-changed").count() == 1
            assert page.locator(".dx-lever.dx-changed").count() == 1
            page.screenshot(path=str(shots / "explorer-en.png"))

            # Which levers matter: the tornado tab computes on demand and draws its chart.
            page.locator(".lm-TabBar-tab", has_text="Which levers matter").click()
            page.locator(".dx-explorer button", has_text="Compute for this scenario").click()
            page.wait_for_function(
                "document.querySelector(\".dx-chart[data-chart='tornado'] svg.marks\")",
                timeout=60_000,
            )
            assert "Decides most:" in page.locator(".dx-outputs").inner_text()
            time.sleep(1)
            page.screenshot(path=str(shots / "explorer-tornado-en.png"))
            page.locator(".lm-TabBar-tab", has_text="Digital economy").first.click()

            # Vietnamese: levers, picker, summary and charts relabelled.
            page.locator(".dx-levers .widget-toggle-button", has_text="Tiếng Việt").click()
            page.wait_for_function(
                "document.querySelector('.dx-outputs')?.innerText.includes('Mục tiêu chính')",
                timeout=30_000,
            )
            page.wait_for_function(
                f'document.querySelector("{LEVER} .dx-lever-label").innerText'
                ".includes('Tăng trưởng kinh tế số')"
            )
            picked = page.evaluate("document.querySelector('.dx-levers select').value")
            assert picked.startswith("đã chỉnh từ Kịch bản cơ sở"), picked
            time.sleep(1)  # let the relabelled charts settle before the picture
            page.screenshot(path=str(shots / "explorer-vi.png"))

            # Reload with the kernel running: every chart back, no anywidget error, still live.
            page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
            time.sleep(2)
            console.clear()
            page.reload()
            page.wait_for_function(KERNEL_IDLE, timeout=90_000)
            page.wait_for_function(f"{CHARTS} >= 9", timeout=120_000)
            page.evaluate("document.querySelector('.dx-explorer').scrollIntoView()")
            count = _redraws(page)
            readout = page.locator(f"{LEVER} .widget-readout")
            readout.click()
            page.keyboard.press("Control+A")
            page.keyboard.type("30")
            page.keyboard.press("Enter")
            page.wait_for_function(
                f'document.querySelector("{CHART}").dataset.redraws > {count}', timeout=30_000
            )
            time.sleep(3)  # anywidget reports a model that failed to start after 2 s
            errors = [m for m in console if "anywidget" in m.lower() or m.startswith("pageerror")]
            assert errors == [], errors
        finally:
            browser.close()
    assert outside == [], f"the page asked outside hosts for: {outside[:5]}"

    # The run, saved notebook keeps its outputs (the reload above needs them), and git sees no
    # change in it: no diff, nothing to stage. (`git status` may list a file whose size changed
    # until the next `git add` refreshes the index: git skips clean filters on a size change.)
    notebook = repo / "notebooks" / "explorer.ipynb"
    assert any(cell.get("outputs") for cell in json.loads(notebook.read_text())["cells"])
    assert _git(repo, "diff", "--stat") == ""
    _git(repo, "add", "--all")
    assert _git(repo, "status", "--porcelain") == ""
    assert _git(repo, "diff", "--cached", "--stat") == ""
