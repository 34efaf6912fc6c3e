"""Write a file all or nothing: a failed or interrupted write never replaces a good file."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path


def write_atomically(path: Path, text: str | bytes, stop: threading.Event | None = None) -> None:
    """Write beside `path` under a temporary name, then rename; `stop` cancels the rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # the writer's pid is in the name, so a later run can tell a killed writer's leftovers
    fd, tmp = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp"
    )
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as f:
                f.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
        if stop is not None and stop.is_set():
            raise KeyboardInterrupt
        os.chmod(tmp, 0o644)  # reports and scenario files are for reading, by others too
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def clean_stale(folder: Path) -> list[Path]:
    """Remove what killed writers left in `folder` (`.<name>.<pid>.*.tmp` of a dead pid)."""
    removed = []
    for stale in folder.glob(".*.tmp"):
        parts = stale.name.split(".")
        pid = next((int(x) for x in reversed(parts[:-2]) if x.isdigit()), None)
        if pid is None or pid == os.getpid() or _alive(pid):
            continue
        try:
            stale.unlink()
            removed.append(stale)
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True
