"""The setup contract: environment.yml in step with pyproject, README commands, make help."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib

import yaml

from dxmodel.util.paths import ROOT


def _name_and_bound(requirement: str) -> tuple[str, str]:
    match = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)\s*(.*?)\s*", requirement)
    assert match, requirement
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    python = [d for d in conda if d.startswith("python")]
    assert python == ["python=3.11"]
    assert "conda-forge" in env["channels"]
    assert "-e ." in pip, "the package itself must be installed from the checkout"
    listed = dict(_name_and_bound(d) for d in conda if not d.startswith(("python", "pip")))
    assert listed == dict(_name_and_bound(r) for r in wanted)


def test_pyproject_pins_lower_bounds_only():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"]:
        assert (
            ">=" in requirement
            and "==" not in requirement
            and "<" not in requirement.replace(">=", "")
        ), requirement


def test_readme_commands_and_ci_agree():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "```sh\nmake\n```" in readme and "```sh\nmake test\n```" in readme
    commands = [
        line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))
    ]
    assert commands == ["make test"]


def test_make_help_lists_every_target():
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    out = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    listed = set(re.findall(r"make (\S+)", out))
    assert targets == listed


def test_import_dxmodel_does_not_load_pandas():
    """`import dxmodel` stays light: the heavy stack loads on first use (timed in the benchmark)."""
    code = (
        "import sys, dxmodel; dxmodel.LEVERS; "
        "print(sorted(m for m in ('pandas', 'numpy', 'yaml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_make_and_its_main_job_need_no_root_and_no_browser():
    """`make` (setup, then the main job) never installs a browser or asks for root: only the
    browser tests need chromium, which `make test` gets when it can."""
    dry = subprocess.run(["make", "-n", "-B", "all"], cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    assert "dxmodel report --all" in dry.stdout
    for word in ("chromium", "apt-get", "sudo", "id -u"):
        assert word not in dry.stdout, word
    tests = subprocess.run(["make", "-n", "-B", "test"], cwd=ROOT, capture_output=True, text=True)
    assert "chromium" in tests.stdout  # the test target is where the browser comes in


def test_without_root_or_chromium_make_test_skips_the_browser_in_one_line(tmp_path):
    """As a user without root (a fake `id` says uid 1000) and with no chromium on PATH, the
    browser step says why the browser tests will be skipped, and does not stop `make test`."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "id").write_text("#!/bin/sh\necho 1000\n")
    (bin_ / "id").chmod(0o755)
    make = shutil.which("make")
    proc = subprocess.run(
        [make, "-s", "browser"], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "PATH": str(bin_)},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines() == [
        "chromium is missing and cannot be installed here (needs root and apt): "
        "the browser tests will be skipped"
    ]
