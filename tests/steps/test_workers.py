"""Extraction workers start before the first batch needs them, and only for a load large enough."""
from __future__ import annotations

import os
import time

import tasks.steps.extract as extract_step
from tasks.steps.extract import PARALLEL_FROM, release_workers, start_workers


def running_workers() -> list:
    pool = extract_step._pool
    return [] if pool is None else [p for p in pool._processes.values() if p.is_alive()]


def test_a_large_load_starts_one_worker_a_core_before_any_batch_is_extracted():
    try:
        start_workers(PARALLEL_FROM)
        deadline = time.monotonic() + 60
        while len(running_workers()) < (os.cpu_count() or 1) and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = running_workers()
        assert len(workers) == (os.cpu_count() or 1)
        assert all(w.pid != os.getpid() for w in workers)
    finally:
        release_workers()
    assert extract_step._pool is None
    for worker in workers:
        worker.join(timeout=30)
        assert not worker.is_alive()


def test_a_small_load_starts_no_worker():
    start_workers(PARALLEL_FROM - 1)
    assert extract_step._pool is None
