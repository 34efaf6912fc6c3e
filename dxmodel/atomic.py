"""Write a file all or nothing: a failed or interrupted write never replaces a good file."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path


def write_atomically(path: Path, text: str, stop: threading.Event | None = None) -> None:
    """Write beside `path` under a temporary name, then rename; `stop` cancels the rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        if stop is not None and stop.is_set():
            raise KeyboardInterrupt
        os.chmod(tmp, 0o644)  # reports and scenario files are for reading, by others too
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
