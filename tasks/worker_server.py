"""The extraction workers' forkserver: how it is started, and starting it before it is needed.

Its start is the worker module's import (pyarrow and the compiled extractor: about a second of
one core); a worker's start after it is a fork. Kept apart from tasks.steps.extract so that a
command can start it first thing, before importing Prefect, DuckDB or the extractor itself.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver

WORKER_MODULE = "tasks.workers"


def worker_context():
    """forkserver, not fork: the command runs Prefect's threads, and forking threads can deadlock.
    The server preloads only the worker module, not the command's __main__ and its imports."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([WORKER_MODULE])
    return context


def start_worker_server_early() -> None:
    """Start the forkserver now, without waiting for it: it imports the extractor while the
    command waits for its Prefect server, on the core that would otherwise idle, and the first
    batch's workers then start at once instead of a second later."""
    worker_context()
    multiprocessing.forkserver.ensure_running()
