"""The commit a report names is dxmodel's own, never that of a repository holding the venv."""

from __future__ import annotations

import subprocess

from dxmodel.util import provenance


def test_an_installed_package_inside_someone_elses_repository_names_no_commit(
    tmp_path, monkeypatch
):
    git = ["git", "-C", str(tmp_path), "-c", "user.name=u", "-c", "user.email=u@example.org"]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "theirs"], check=True)
    site = tmp_path / ".venv" / "lib" / "python3.11" / "site-packages"  # a user's project venv
    site.mkdir(parents=True)
    monkeypatch.setattr(provenance, "ROOT", site)
    assert provenance.git_commit() == "unknown"


def test_the_checkout_names_its_commit():
    assert provenance.git_commit() not in ("", "unknown")
