"""Write a file all or nothing: a failed or interrupted write never replaces a good file.

Every failure is an OSError naming the file that was being written (a full disk says which
file it could not write), and what a killed writer left is removed by the next write into
that folder.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import threading
from pathlib import Path

# `.<name>.<pid>.<random>.tmp`: the writer's pid is in the name, so a later run can tell a
# killed writer's leftovers from a live writer's file (tempfile's random part has no dots)
TEMP_NAME = re.compile(r"\.(?P<name>.+)\.(?P<pid>[1-9][0-9]*)\.[a-z0-9_]{6,}\.tmp")
_cleaned: set[Path] = set()  # folders this process has already cleaned
_cleaning = threading.Lock()


def write_atomically(path: Path, text: str | bytes, stop: threading.Event | None = None) -> None:
    """Write beside `path` under a temporary name, then rename; `stop` cancels the rename.

    The data reaches the disk (fsync) before the rename, so a full disk fails here, with
    the good file still in place, rather than leaving a short file behind the name.
    """
    path = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    tmp: str | None = None
    try:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError:  # a file where a folder should be: say so, not "File exists"
            raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)) from None
        _clean_once(path.parent)
        fd, tmp = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp"
        )
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if stop is not None and stop.is_set():
            raise KeyboardInterrupt
        os.chmod(tmp, 0o644)  # reports and scenario files are for reading, by others too
        os.replace(tmp, path)
    except OSError as exc:
        raise _naming(exc, path) from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _naming(exc: OSError, path: Path) -> OSError:
    """The same error (its errno picks the subclass) naming the file being written, whichever
    step failed: the temporary name means nothing to the reader, the destination does."""
    what = exc.strerror or (os.strerror(exc.errno) if exc.errno else str(exc)) or "write failed"
    return OSError(exc.errno, what, str(path))


def _clean_once(folder: Path) -> None:
    """`clean_stale(folder)` the first time this process writes into `folder`: a glob per
    folder per run, not per file."""
    with _cleaning:
        if folder in _cleaned:
            return
        _cleaned.add(folder)
    clean_stale(folder)


def clean_stale(folder: Path) -> list[Path]:
    """Remove what killed writers left in `folder` (`.<name>.<pid>.*.tmp` of a dead pid)."""
    removed = []
    try:
        candidates = list(folder.glob(".*.tmp"))
    except OSError:
        return removed  # an unreadable folder: the write itself will say what is wrong
    for stale in candidates:
        found = TEMP_NAME.fullmatch(stale.name)
        if found is None:
            continue
        pid = int(found["pid"])
        if pid == os.getpid() or alive(pid):
            continue
        try:
            stale.unlink()
            removed.append(stale)
        except OSError:
            pass
    return removed


def alive(pid: int) -> bool:
    """Whether process `pid` runs on this machine (a leftover's owner, found by its name)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OverflowError:
        return False  # digits beyond any pid
    except OSError:  # it exists, owned by someone else
        return True
    return True
