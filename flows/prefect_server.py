"""A temporary Prefect server for one `motie` command, that never outlives it.

Without PREFECT_API_URL, Prefect would start its own temporary server and stop it at exit;
a command killed outright (kill -9, the out-of-memory killer) never reaches exit, and its
server (uvicorn, ~200 MB) lives on under PID 1. This one is started the same way, but with a
parent-death signal: the kernel sends it SIGTERM the moment the command's process is gone,
however it died. It runs in its own session, so a Ctrl-C meant for the command does not stop
it while the command records how its run ended.
"""
from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time

import requests

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
TEMPORARY_SERVER = "MOTIE_TEMPORARY_PREFECT_SERVER"  # set while the command runs on its own server


class ServerDidNotStart(RuntimeError):
    """The temporary Prefect server did not answer in time."""


def die_with(parent: int):
    """In the child, before exec: ask for SIGTERM when the parent dies (and go now if it already has)."""
    def arrange() -> None:
        if sys.platform.startswith("linux"):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:
            os._exit(1)
    return arrange


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_temporary_server() -> subprocess.Popen | None:
    """Start a server for this command and point Prefect at it; None when PREFECT_API_URL is set.

    It is not waited for here: its start (~6 s, most of it importing Prefect's server) overlaps the
    command's own imports. Call wait_for_temporary_server() before the first flow runs."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    port = free_port()
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1",
           "PREFECT_LOGGING_LEVEL": "WARNING", "PREFECT_SERVER_LOGGING_LEVEL": "WARNING"}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"],
        # Its output is not the command's: a server stopped mid-request logs tracebacks nobody needs.
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=die_with(os.getpid()), start_new_session=True)
    atexit.register(stop_server, process)
    # Set now, before anything imports prefect: its settings are read at import time.
    os.environ["PREFECT_API_URL"] = f"http://127.0.0.1:{port}/api"
    os.environ[TEMPORARY_SERVER] = "1"
    return process


def wait_for_temporary_server(process: subprocess.Popen | None) -> None:
    """Return once the server started by start_temporary_server answers (at once if there is none)."""
    if process is None:
        return
    wait_until_healthy(process, os.environ["PREFECT_API_URL"],
                       float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")))


def wait_until_healthy(process: subprocess.Popen, api_url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerDidNotStart(f"the temporary Prefect server exited with status {process.returncode}")
        try:
            if requests.get(f"{api_url}/health", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise ServerDidNotStart(f"the temporary Prefect server did not answer within {timeout:.0f} s")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def no_heartbeats_on_temporary_server():
    """No flow-run heartbeats while the command runs on its own temporary server.

    A heartbeat tells a server that a run still lives, so that a run whose process died can be
    marked crashed; a temporary server dies with the command, so nothing could ever read them.
    They cost a load ~0.5 s at its end: the heartbeat thread sleeps in one-second steps and the
    flow waits for it to wake. On a real server (PREFECT_API_URL set, `motie serve`) they stay.
    """
    if not os.environ.get(TEMPORARY_SERVER):
        yield
        return
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
