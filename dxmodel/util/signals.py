"""Stopping cleanly. SIGTERM and SIGHUP (what `timeout`, CI cancellation, systemd and a closed
terminal send) end a command as Ctrl-C does: as an exception in the main thread, so every
`finally` that ends workers, kernels and scratch folders runs. Signals that arrive while that
clean-up runs are ignored: a second Ctrl-C must not cut it short."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Stopped(KeyboardInterrupt):
    """A stop signal arrived; `signum` says which (the exit status is 128 + signum)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within: the first stop signal raises `Stopped`; later ones are ignored, and stay ignored
    after the block: a stopped process is on its way out, and a second Ctrl-C during its exit
    (Python's own clean-up included) must not kill it with a traceback or another status.
    Outside the main thread (where Python allows no handlers) it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping = False

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        if not stopping:
            stopping = True
            for s in STOP_SIGNALS:  # from now on the kernel discards them
                signal.signal(s, signal.SIG_IGN)
            raise Stopped(signum)

    previous = {s: signal.signal(s, stop) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        if not stopping:
            for s, handler in previous.items():
                signal.signal(s, handler)
