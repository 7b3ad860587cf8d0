"""Extraction workers start before the first batch needs them, and only for a load large enough; their
forkserver starts even earlier for a command that will extract in bulk."""
from __future__ import annotations

import os
import time

import tasks.steps.extract as extract_step
from flows.cli import BULK_INPUT_BYTES, build_parser, extracts_in_bulk
from tasks.steps.extract import (
    PARALLEL_FROM,
    release_workers,
    start_worker_server_early,
    start_workers,
    stop_worker_server,
)


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


def forkserver_pid() -> int | None:
    import multiprocessing.forkserver
    return multiprocessing.forkserver._forkserver._forkserver_pid


def parent_of(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])


def test_workers_of_a_server_started_early_fork_from_that_server():
    stop_worker_server()
    try:
        start_worker_server_early()
        early = forkserver_pid()
        assert early is not None and parent_of(early) == os.getpid()
        start_workers(PARALLEL_FROM)
        deadline = time.monotonic() + 60
        while len(running_workers()) < (os.cpu_count() or 1) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert running_workers() and all(parent_of(w.pid) == early for w in running_workers())
        assert forkserver_pid() == early  # no second server
    finally:
        stop_worker_server()
    assert forkserver_pid() is None


def listing_of(path, size: int):
    path.write_bytes(b"x" * size)
    return path


def test_only_a_bulk_command_starts_the_worker_server_early(tmp_path):
    parser = build_parser()
    small = listing_of(tmp_path / "small.txt", BULK_INPUT_BYTES // 2)
    large = listing_of(tmp_path / "large.txt", BULK_INPUT_BYTES)
    assert not extracts_in_bulk(parser.parse_args(["ingest", str(small)]))
    assert extracts_in_bulk(parser.parse_args(["ingest", str(large)]))
    assert extracts_in_bulk(parser.parse_args(["ingest", str(small), str(small)]))  # the inputs together
    assert extracts_in_bulk(parser.parse_args(["reextract"]))
    assert not extracts_in_bulk(parser.parse_args(["demo"]))
    assert not extracts_in_bulk(parser.parse_args(["ingest", str(tmp_path / "missing.txt")]))
