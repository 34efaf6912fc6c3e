"""Where parallel work runs: one `concurrent.futures` seam over a local pool or Dask.

Reports and sweeps submit plain functions with plain arguments, so the same call runs in a
spawned local process pool (the default), in a Dask `LocalCluster`, or on a cluster whose
scheduler is at `tcp://HOST:PORT`. Nothing here schedules work itself: Dask does.

Nothing is left behind. Local workers ignore Ctrl-C (a terminal sends it to the whole process
group: the parent decides), die with their parent (Linux: `PR_SET_PDEATHSIG`, so even a
SIGKILLed parent takes them along), and on SIGTERM run the clean-ups registered with
`on_worker_stop` (their kernels, their scratch folders) and exit. When the work is cut short
(Ctrl-C, SIGTERM, any error) the pool's workers are terminated, not waited for.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor

from dxmodel.util.errors import DxError, short_repr

SPAWN = multiprocessing.get_context("spawn")  # a fresh interpreter per worker: no inherited
# threads or working directory, as on a cluster
SCHEDULER_VARIABLE = "DXMODEL_SCHEDULER"
CONNECT_TIMEOUT = "5s"  # to reach a scheduler and hear it answer, before any work is submitted
ADDRESS = re.compile(r"^(tcp|tls)://[A-Za-z0-9.\-]{1,253}:\d{1,5}$")
STOP_GRACE = 5.0  # seconds a stopped worker has to clean up before it is killed
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def local_workers() -> int:
    """The cores this process may use: the default number of local workers."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def executor(jobs: int, scheduler: str | None = None) -> Iterator[Executor]:
    """A local pool of `jobs` spawned processes, or a Dask cluster's executor at `scheduler`.

    A malformed, unreachable, silent or non-Dask scheduler is one line (DxError) before any
    work is submitted. Leaving by an exception (Ctrl-C, SIGTERM, a failure) ends the local
    workers at once: running tasks are not waited for.
    """
    if scheduler and (not ADDRESS.match(scheduler) or int(scheduler.rsplit(":", 1)[1]) > 65535):
        raise DxError(
            f"--scheduler {short_repr(scheduler)}: write it as tcp://HOST:PORT "
            "(e.g. tcp://10.0.0.5:8786)"
        )
    if not scheduler:
        pool = LocalPool(
            max_workers=jobs,
            mp_context=SPAWN,
            initializer=_worker_start,
            initargs=(os.getpid(),),
        )
        try:
            yield pool
        except BaseException:
            stop_pool(pool)
            raise
        pool.shutdown(wait=True)
        return
    try:
        from distributed import Client
    except ImportError:
        raise DxError(
            "--scheduler needs dask distributed: pip install 'dask[distributed]'"
        ) from None
    check_scheduler(scheduler)
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise DxError(f"--scheduler {scheduler}: cannot reach it ({exc})") from None
    try:
        yield client.get_executor(pure=False)
    finally:
        client.close()


# --- the scheduler's handshake, with a deadline ---------------------------------------------
def check_scheduler(address: str) -> None:
    """Connect to `address` and ask who it is, all within CONNECT_TIMEOUT; a DxError unless a
    Dask scheduler answered. Dask's own connect timeout covers the TCP connection only: a
    server that accepts and stays silent (an HTTP server, Dask's dashboard) would hang it."""
    from dask.utils import parse_timedelta

    limit = parse_timedelta(CONNECT_TIMEOUT, default="seconds")
    answer: dict = {}

    def ask() -> None:  # its own thread and event loop: a caller's running loop is no matter
        try:
            answer["reply"] = asyncio.run(asyncio.wait_for(_identity(address, limit), limit))
        except BaseException as exc:  # reported in the caller's thread, below
            answer["error"] = exc

    thread = threading.Thread(target=ask, name="dxmodel-scheduler-check", daemon=True)
    thread.start()
    thread.join(limit + 2)  # wait_for ends it; the margin is for the event loop's own end
    error, reply = answer.get("error"), answer.get("reply")
    if thread.is_alive() or isinstance(error, TimeoutError):
        raise DxError(f"--scheduler {address}: no Dask scheduler answered within {CONNECT_TIMEOUT}")
    if isinstance(error, _Unreachable):
        raise DxError(f"--scheduler {address}: cannot reach it ({error})")
    if error is not None or not isinstance(reply, dict):
        raise DxError(f"--scheduler {address}: answered but does not speak Dask's protocol")
    kind = reply.get("type")
    if kind != "Scheduler":
        raise DxError(
            f"--scheduler {address}: a Dask {short_repr(kind)} answered, not a scheduler: "
            "give the scheduler's address (dask scheduler prints it)"
        )


class _Unreachable(Exception):
    """No TCP connection: nothing listens there, or the host is unknown."""


async def _identity(address: str, limit: float) -> object:
    """Dask's identity reply from `address`. A plain TCP connection first: a refused one is
    said at once (Dask's connect retries it until the timeout)."""
    from distributed.comm import connect

    host, port = address.split("://", 1)[1].rsplit(":", 1)
    try:
        _, writer = await asyncio.open_connection(host, int(port))
    except OSError as exc:
        reason = "connection refused" if isinstance(exc, ConnectionRefusedError) else exc
        raise _Unreachable(" ".join(str(reason).split())[:200]) from None
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    comm = await connect(address, timeout=limit)
    try:
        await comm.write({"op": "identity", "reply": True})
        return await comm.read()
    finally:
        with contextlib.suppress(Exception):
            await comm.close()


# --- local workers that leave nothing behind -------------------------------------------------
class LocalPool(ProcessPoolExecutor):
    """A ProcessPoolExecutor whose workers start with the stop signals blocked: a Ctrl-C that
    reaches one while it starts up waits until its initializer has chosen to ignore it."""

    def submit(self, fn, /, *args, **kwargs):  # workers are spawned here, in 3.11 to 3.13
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            return super().submit(fn, *args, **kwargs)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def stop_pool(pool: ProcessPoolExecutor, grace: float = STOP_GRACE) -> None:
    """End the pool now: cancel what has not started, SIGTERM every worker (each cleans up
    after itself, see `_worker_stop`), SIGKILL any still there after `grace` seconds."""
    # 3.11 has no public way to end the workers (3.14's terminate_workers does this)
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(ValueError, OSError):  # already gone
            if process.is_alive():
                process.terminate()
    deadline = time.monotonic() + grace
    for process in processes:
        with contextlib.suppress(ValueError, OSError):
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(1)


_ON_STOP: list[Callable[[], None]] = []


def on_worker_stop(clean_up: Callable[[], None]) -> None:
    """Run `clean_up` (quick, synchronous, no locks) when this worker is told to stop; it
    runs in a signal handler, so it must not wait on anything the interrupted code holds."""
    if clean_up not in _ON_STOP:
        _ON_STOP.append(clean_up)


def _worker_start(parent: int) -> None:
    """A local worker's first act: ignore Ctrl-C, clean up and exit on SIGTERM or SIGHUP, and
    get SIGTERM when the parent dies (however it dies)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_stop)
    signal.signal(signal.SIGHUP, _worker_stop)
    die_with_parent(parent)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def _worker_stop(signum: int, _frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one clean-up, however many signals
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    for clean_up in list(_ON_STOP):
        with contextlib.suppress(Exception):
            clean_up()
    os._exit(128 + signum)


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Linux: this process gets SIGTERM when the thread that started it ends (its parent's
    main thread here), and exits now if that already happened. Elsewhere nothing."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent went before the request was made
        _worker_stop(signal.SIGTERM, None)
