"""Where parallel work runs: one `concurrent.futures` seam over a local pool or Dask.

Reports and sweeps submit plain functions with plain arguments, so the same call runs in a
spawned local process pool (the default), in a Dask `LocalCluster`, or on a cluster whose
scheduler is at `tcp://HOST:PORT`. Nothing here schedules work itself: Dask does.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor

from dxmodel.util.errors import DxError, short_repr

SPAWN = multiprocessing.get_context("spawn")  # a fresh interpreter per worker: no inherited
# threads or working directory, as on a cluster
SCHEDULER_VARIABLE = "DXMODEL_SCHEDULER"
CONNECT_TIMEOUT = "5s"  # to reach a scheduler before any work is submitted
ADDRESS = re.compile(r"^(tcp|tls)://[A-Za-z0-9.\-]{1,253}:\d{1,5}$")


def local_workers() -> int:
    """The cores this process may use: the default number of local workers."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def executor(jobs: int, scheduler: str | None = None) -> Iterator[Executor]:
    """A local pool of `jobs` spawned processes, or a Dask cluster's executor at `scheduler`.

    A malformed or unreachable scheduler is one line (DxError) before any work is submitted.
    """
    if scheduler and not ADDRESS.match(scheduler):
        raise DxError(
            f"--scheduler {short_repr(scheduler)}: write it as tcp://HOST:PORT "
            "(e.g. tcp://10.0.0.5:8786)"
        )
    if not scheduler:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=SPAWN) as pool:
            yield pool
        return
    try:
        from distributed import Client
    except ImportError:
        raise DxError(
            "--scheduler needs dask distributed: pip install 'dask[distributed]'"
        ) from None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise DxError(f"--scheduler {scheduler}: cannot reach it ({exc})") from None
    try:
        yield client.get_executor(pure=False)
    finally:
        client.close()
