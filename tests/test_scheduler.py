"""`--scheduler` at something that is not a Dask scheduler: one line and exit 2 within seconds,
never a hang (a server that accepts and stays silent) nor a traceback (one that answers
garbage, which Dask reads as a frame length of exabytes: "out of memory")."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from conftest import assert_one_line_error, run_cli, run_cli_process


def _listen(answer: bytes | None) -> Iterator[int]:
    """A TCP server on 127.0.0.1 that accepts every connection and sends `answer` (None:
    nothing, ever); yields its port."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(conn)
            if answer is not None:
                conn.sendall(answer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(5)
        for conn in held:
            conn.close()
        server.close()


@pytest.fixture
def silent_port():
    yield from _listen(None)


@pytest.fixture
def garbage_port():
    yield from _listen(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n" + b"\xff" * 64)


class _Quiet(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # the test's stderr is the command's
        pass


@pytest.fixture
def http_port():
    """A real HTTP server, as at Dask's dashboard port: it answers 400 to Dask's handshake."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


SWEEP = ["sweep", "--levers", "gdp_growth", "--method", "lhs", "--samples", "10"]
SWEEP += ["--draws", "300", "--jobs", "2"]
REPORT = ["report", "baseline", "--language", "en"]
SILENT = "no Dask scheduler answered within 0.5s"
GARBAGE = "answered but does not speak Dask's protocol"
CASES = [
    ("silent_port", SILENT),
    ("garbage_port", GARBAGE),
    ("http_port", None),  # either, as the server reads our handshake: one line, no hang
]


@pytest.mark.parametrize("command", [SWEEP, REPORT], ids=["sweep", "report"])
@pytest.mark.parametrize(("listener", "said"), CASES, ids=[c[0] for c in CASES])
def test_a_scheduler_that_is_not_dask_is_one_line_within_seconds(
    command, listener, said, request, tmp_path, quick_connect
):
    port = request.getfixturevalue(listener)
    address = f"tcp://127.0.0.1:{port}"
    started = time.monotonic()
    proc = run_cli(*command, "--scheduler", address, env={"DXMODEL_REPORTS_DIR": str(tmp_path)})
    assert time.monotonic() - started < 10  # the 0.5 s handshake, then the import of Dask
    assert_one_line_error(proc, f"--scheduler {address}: ")
    assert said is None or said in proc.stderr, proc.stderr
    assert SILENT in proc.stderr or GARBAGE in proc.stderr, proc.stderr
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]  # nothing written


def test_a_refused_connection_is_said_at_once(tmp_path, quick_connect):
    """Dask retries a refused connection until its timeout; nothing listens there, say so."""
    with socket.socket() as s:  # a port bound but not listening: refused
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
        proc = run_cli(*SWEEP, "--scheduler", address, env={"DXMODEL_REPORTS_DIR": str(tmp_path)})
    assert_one_line_error(proc, f"--scheduler {address}: cannot reach it (connection refused)")


def test_a_port_out_of_range_is_a_malformed_address(tmp_path):
    proc = run_cli(*SWEEP, "--scheduler", "tcp://127.0.0.1:99999")
    assert_one_line_error(proc, "write it as tcp://HOST:PORT")


@pytest.mark.slow
def test_a_silent_scheduler_ends_the_real_command_in_seconds(silent_port, tmp_path):
    """As a user runs it: the 5 s handshake, then exit 2; nothing of Dask keeps it alive."""
    address = f"tcp://127.0.0.1:{silent_port}"
    started = time.monotonic()
    proc = run_cli_process(
        *REPORT, "--scheduler", address, env={"DXMODEL_REPORTS_DIR": str(tmp_path)}
    )
    assert time.monotonic() - started < 20
    assert_one_line_error(proc, f"--scheduler {address}: no Dask scheduler answered within 5s")
