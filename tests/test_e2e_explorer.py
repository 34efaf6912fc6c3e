"""End to end: JupyterLab on localhost, the explorer in headless Chromium, no outside host.

Starts JupyterLab on a free loopback port with a copy of the explorer notebook, opens it in
Debian's Chromium (every host but 127.0.0.1 unresolvable), runs all cells, checks that every
chart is drawn, moves a slider through its readout as a user would, and checks that the
chart redrew and that the page asked nothing of any outside host.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dxmodel.paths import NOTEBOOKS_DIR

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]  # fmt: skip
CHARTS = "document.querySelectorAll('.vega-embed svg.marks, .vega-embed canvas.marks').length"
FIRST_TAB_CHART = "document.querySelectorAll('.widget-tab .vega-embed')[0].innerHTML"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path: Path):
    """JupyterLab serving a copy of the explorer notebook; stopped after the test."""
    if not CHROMIUM and os.environ.get("DXMODEL_SKIP_BROWSER") != "1":
        pytest.fail("Debian's chromium is missing: `make setup` installs it (as root)")
    if not CHROMIUM:
        pytest.skip("DXMODEL_SKIP_BROWSER=1")
    shutil.copy(NOTEBOOKS_DIR / "explorer.ipynb", tmp_path / "explorer.ipynb")
    port, token = _free_port(), secrets.token_hex(16)
    log = (tmp_path / "lab.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}",
         "--LabApp.expose_app_in_browser=True"],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", token
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_explorer_draws_offline_and_redraws_when_a_slider_moves(lab):
    playwright = pytest.importorskip("playwright.sync_api")
    base, token = lab
    outside: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:"))
                    else outside.append(r.url))  # fmt: skip
            page.goto(f"{base}/lab/tree/explorer.ipynb?token={token}")
            page.wait_for_function(
                "window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel"
                "?.status === 'idle'",
                timeout=90_000,
            )
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_function(f"{CHARTS} >= 9", timeout=180_000)  # every chart drawn
            assert page.locator(".jp-OutputArea-output[data-mime-type*=error]").count() == 0
            page.evaluate(f"() => {{ window.__before = {FIRST_TAB_CHART}; }}")
            slider = page.locator(".widget-slider", has_text="Digital-economy growth")
            slider.locator(".widget-readout").click()
            page.keyboard.press("Control+A")
            page.keyboard.type("30")
            page.keyboard.press("Enter")
            page.wait_for_function(f"{FIRST_TAB_CHART} !== window.__before", timeout=60_000)
            assert page.evaluate(CHARTS) >= 9
        finally:
            browser.close()
    assert outside == [], f"the page asked outside hosts for: {outside[:5]}"
