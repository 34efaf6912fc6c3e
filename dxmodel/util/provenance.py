"""What a written result read and which code wrote it: the data hash and the git commit.

Reports, ledgers and sweeps all stamp these, by one rule, so two outputs can say whether they
stand on the same data and code. Light on purpose: no model or notebook library is imported.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from dxmodel.util.paths import ROOT, data_dir

LEDGER_FOLDER = "ledger"  # under data/: what forecasts wrote, not what models read


def data_hash(root: Path | None = None) -> str:
    """A short hash of every data table the models read. Ledgers are left out, so freezing
    one never changes the hash of the data it was frozen from."""
    root = root if root is not None else data_dir()
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.csv")):
        relative = path.relative_to(root)
        if relative.parts[0] == LEDGER_FOLDER:
            continue
        digest.update(str(relative).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def git_commit() -> str:
    """The checkout's commit, with '+modified' when the tree differs from it; 'unknown' for an
    installed package (git would otherwise answer for whatever repository holds the venv)."""
    if not (ROOT / ".git").exists():
        return "unknown"
    try:

        def git(*args: str) -> str:
            done = subprocess.run(
                ["git", *args], cwd=ROOT, text=True, capture_output=True, check=True, timeout=10
            )
            return done.stdout.strip()

        head = git("rev-parse", "--short=12", "HEAD")
        dirty = git("status", "--porcelain", "--", "dxmodel", "data")
        return head + ("+modified" if dirty.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"
