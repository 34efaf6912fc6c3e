"""User-facing errors: one line that says what is wrong, where, and what is allowed.

The CLI prints these without a traceback and exits 2; notebooks show them as a message.
Anything else that escapes is a bug in dxmodel, not the user's input.

Input can be huge (a 50 MB string, a file path at the OS limit), so a message never echoes it
whole: values go through `short_repr`, paths through `short_path`, and a message is capped.
"""

from __future__ import annotations

import reprlib
from os import PathLike

SHORT = 60  # characters of an echoed value
PATH_SHORT = 200  # characters of an echoed path: its end, where the file's name is
MESSAGE_CAP = 2000  # a last guard: the longest real message (every lever's name) is far less
ELLIPSIS = "…"


class DxError(Exception):
    """Base class for errors caused by input (data files, scenarios, levers, arguments)."""

    def __init__(self, message: str) -> None:
        # Keep the promise of one short line even when a message embeds user text.
        text = " ".join(str(message)[: MESSAGE_CAP * 4].split())
        super().__init__(_cut(text, MESSAGE_CAP))


class DataError(DxError):
    """A data table is missing, unreadable or breaks its schema."""


class ScenarioError(DxError):
    """A scenario file or lever value is invalid."""


def short_repr(value: object, limit: int = SHORT) -> str:
    """`repr(value)` in at most about `limit` characters, saying how long the original was.

    Works without building the whole repr: a huge string, list or integer costs no more than
    a small one, so echoing bad input can never be the expensive part of rejecting it.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4 * limit:
        digits = int(value.bit_length() * 0.30103) + 1  # repr() refuses > 4300 digits
        return f"<an integer of about {digits:,} digits>"
    if isinstance(value, str | bytes) and len(value) > limit:
        return f"{value[:limit]!r}{ELLIPSIS} ({len(value):,} characters)"
    return _cut(_bounded_repr(value, limit), limit)


def short_path(path: str | PathLike[str] | bytes, limit: int = PATH_SHORT) -> str:
    """A path for a message: whole when short, else its last `limit` characters after "…"."""
    text = path.decode(errors="replace") if isinstance(path, bytes) else str(path)
    text = text.replace("\n", "\\n").replace("\r", "\\r")
    if len(text) <= limit:
        return text
    return f"{ELLIPSIS}{text[-limit:]} ({len(text):,} characters)"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[: limit - 1]}{ELLIPSIS}"


def _bounded_repr(value: object, limit: int) -> str:
    """reprlib's repr: containers show a few items, nested ones a few levels."""
    shortener = reprlib.Repr()
    shortener.maxstring = shortener.maxother = limit
    shortener.maxlevel, shortener.maxdict = 3, 4
    shortener.maxlist = shortener.maxtuple = shortener.maxset = shortener.maxfrozenset = 6
    shortener.maxlong = limit
    try:
        return shortener.repr(value)
    except Exception:  # a repr that fails must not replace the message it was meant for
        return f"<{type(value).__name__}>"
