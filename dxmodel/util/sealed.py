"""Publish a file with its SHA-256 beside it, once: created whole or not at all, never replaced.

The hash goes to `<file>.sha256` in `sha256sum` format, so `sha256sum -c` checks the file
without dxmodel. Both files are finished under temporary names, then linked into place (never
over an existing file), the hash first, under a lock on the folder where there is one. A kill
leaves either nothing, temporaries, or a hash without its file; the next publish into the
folder removes those. The hash proves only that nothing changed by accident: anyone can
re-seal an edited file.

Refusals are `SealError`s naming the file or folder; a caller may say them in its own words.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from dxmodel.util.atomic import clean_stale
from dxmodel.util.errors import DxError, short_path, short_repr

try:  # POSIX: a lock on the folder serialises publishing; elsewhere os.link alone
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

HASH_SUFFIX = ".sha256"
MAX_HASH_BYTES = 4096  # a .sha256 is one line: 64 hex digits, two spaces, the file's name
LOCK_WAIT = 10.0  # seconds to wait for another writer's few file operations in the folder
LEFTOVER_AGE = 60.0  # seconds after which a hash alone is a leftover even without the lock
_HEX64 = re.compile(r"[0-9a-fA-F]{64}")


class SealError(DxError):
    """A file that cannot be published or whose hash cannot be read: `path` names the file or
    folder, `detail` what the OS or the check said, so a caller can reword the message."""

    message = "{where}: {detail}"

    def __init__(self, path: Path, detail: str | None = None) -> None:
        self.path, self.detail = Path(path), detail
        where, seal = short_path(path), hash_path(self.path).name
        super().__init__(self.message.format(where=where, detail=detail, seal=seal))


class Taken(SealError):
    """The file already exists: what is published is never replaced."""

    message = "{where}: already exists; a published file is never overwritten"


class StillWriting(Taken):
    """Only a fresh hash is there and no lock says whose: another run may be between links."""

    message = "{where}: another run is still writing it; a published file is never overwritten"


class Busy(SealError):
    """Another writer held the folder's lock for longer than `LOCK_WAIT`."""

    message = "{where}: another writer has held this folder for {detail} s; try again later"


class CannotMakeFolder(SealError):
    message = "{where}: cannot make the folder ({detail})"


class NotAFolder(SealError):
    message = "{where}: not a folder"


class Unwritable(SealError):
    """The folder refuses a new file (a read-only disk or folder)."""

    message = "{where}: cannot write here ({detail})"


class WriteFailed(SealError):
    message = "{where}: cannot write it ({detail})"


class Unsealed(SealError):
    """No hash file beside the file."""

    message = "{where}: no {seal} beside it"


class BadSeal(SealError):
    """A hash file that cannot be read or is not one line in `sha256sum` format."""


def hash_path(path: Path) -> Path:
    """The file holding `path`'s hash: `<path>.sha256`, readable by `sha256sum -c`."""
    return path.with_name(path.name + HASH_SUFFIX)


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def check_free(path: Path) -> Path:
    """`path` if it can be published: its folder is (or can be made) a writable folder, and
    no file has that name yet. A hash with no file beside it is what a killed writer left:
    it blocks nothing (`publish` removes it)."""
    folder = path.parent
    try:
        folder.mkdir(exist_ok=True)
    except FileExistsError:
        pass
    except OSError as exc:
        raise CannotMakeFolder(folder, exc.strerror) from None
    if not folder.is_dir():
        raise NotAFolder(folder)
    if os.path.lexists(path):
        raise Taken(path)
    try:  # the only sure test of "writable" (root passes os.access; a read-only disk does not)
        fd, probe = tempfile.mkstemp(
            dir=folder, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp"
        )
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise Unwritable(folder, exc.strerror) from None
    return path


def publish(path: Path, data: bytes) -> None:
    """Put `data` at `path` with its `.sha256`, both or neither, never over an existing file.

    Both are finished (and synced) under temporary names first. Under a lock on the folder
    the hash is linked into place, then the file: `os.link` fails if the name is taken, so
    of two writers the second is refused and the first's files stay whole. A hash found alone
    under the lock is a killed writer's leftover and is removed; if this run is stopped after
    the hash and before the file, its hash is removed again.
    """
    folder, sidecar = path.parent, hash_path(path)
    seal = f"{sha256(data)}  {path.name}\n".encode()
    temps: list[Path] = []
    sealed = committed = False
    try:
        file_tmp = _finished_temp(path, data, temps)
        seal_tmp = _finished_temp(sidecar, seal, temps)
        with _locked(folder) as locked:
            clean_stale(folder)
            if os.path.lexists(path):
                raise Taken(path)
            if os.path.lexists(sidecar):
                _remove_leftover_seal(path, sidecar, locked)
            try:
                _seal(seal_tmp, sidecar)
            except FileExistsError:
                raise Taken(path) from None
            sealed = True
            try:
                _commit(file_tmp, path)
            except FileExistsError:
                raise Taken(path) from None
            committed = True
            _sync_folder(folder)
    except OSError as exc:
        raise WriteFailed(path, exc.strerror) from None
    finally:
        if sealed and not committed:
            with contextlib.suppress(OSError):
                if os.path.samefile(sidecar, seal_tmp):  # ours, not a winner's
                    sidecar.unlink()
        for temp in temps:
            with contextlib.suppress(OSError):
                temp.unlink()


def _seal(temp: Path, sidecar: Path) -> None:
    """Step 1 of publishing: the hash takes its name (fails if taken)."""
    _link(temp, sidecar)


def _commit(temp: Path, path: Path) -> None:
    """Step 2 of publishing: the file takes its name (fails if taken). Before this, the file
    does not exist; after it, it exists with its hash."""
    _link(temp, path)


def _link(temp: Path, target: Path) -> None:
    """Create `target` as `temp`, failing if it exists; by copying under O_EXCL where the
    file system has no hard links."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
            raise
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(temp.read_bytes())
            f.flush()
            os.fsync(f.fileno())


def _finished_temp(path: Path, data: bytes, temps: list[Path]) -> Path:
    """`data` written and synced to a temporary beside `path`, named with this process's pid
    (so `clean_stale` can tell a killed writer's leftovers), readable by others."""
    fd, name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp"
    )
    temp = Path(name)
    temps.append(temp)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(temp, 0o644)
    return temp


def _remove_leftover_seal(path: Path, sidecar: Path, locked: bool) -> None:
    """A hash with no file is a killed writer's leftover, removed. Under the folder lock no
    other writer is half-way, so it is removed at once; without the lock, only once it is
    older than a writer takes between its two links (a younger one may be another run's)."""
    if not locked:
        age = time.time() - sidecar.stat().st_mtime
        if age < LEFTOVER_AGE or os.path.lexists(path):
            raise StillWriting(path)
    sidecar.unlink(missing_ok=True)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[bool]:
    """Hold an exclusive lock on `folder` (released by the OS if this process dies); yields
    whether it was taken (not on file systems or platforms without `flock`)."""
    if fcntl is None:  # pragma: no cover - Windows
        yield False
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                locked = True
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Busy(folder, f"{LOCK_WAIT:.0f}") from None
                time.sleep(0.02)
            except OSError:  # no locks here (some network file systems): os.link still guards
                locked = False
                break
        yield locked
    finally:
        os.close(fd)  # releases the lock


def _sync_folder(folder: Path) -> None:
    """Make the new names durable (POSIX); best effort."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def recorded_hash(path: Path) -> str:
    """The hash in `<path>.sha256`, lower case: one line `<64 hex digits>  <path's name>` (or
    ` *` before the name, sha256sum's binary mode); hex in either case, as `sha256sum -c`
    reads."""
    sidecar = hash_path(path)
    form = f"expected one line '<64 hex digits>  {path.name}' (sha256sum format)"
    try:
        if not sidecar.is_file():
            raise Unsealed(path)
        with sidecar.open("rb") as file:
            raw = file.read(MAX_HASH_BYTES + 1)
    except OSError as exc:
        raise BadSeal(sidecar, f"cannot be read ({exc.strerror})") from None
    if len(raw) > MAX_HASH_BYTES:
        raise BadSeal(sidecar, f"too big for a hash file; {form}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadSeal(sidecar, f"not UTF-8 text; {form}") from None
    line = text.removesuffix("\n").removesuffix("\r")
    digest, sep, name = line[:64], line[64:66], line[66:]
    if "\n" in line or not _HEX64.fullmatch(digest) or sep not in ("  ", " *"):
        raise BadSeal(sidecar, f"{short_repr(line)} is malformed; {form}")
    if name != path.name:
        raise BadSeal(sidecar, f"seals {short_repr(name)}, not {path.name!r}; {form}")
    return digest.lower()
