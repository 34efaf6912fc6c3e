"""User-facing errors: one line that says what is wrong, where, and what is allowed.

The CLI prints these without a traceback and exits 2; notebooks show them as a message.
Anything else that escapes is a bug in dxmodel, not the user's input.
"""


class DxError(Exception):
    """Base class for errors caused by input (data files, scenarios, levers, arguments)."""

    def __init__(self, message: str) -> None:
        # Keep the promise of one line even when a message embeds user text.
        super().__init__(" ".join(str(message).split()))


class DataError(DxError):
    """A data table is missing, unreadable or breaks its schema."""


class ScenarioError(DxError):
    """A scenario file or lever value is invalid."""
