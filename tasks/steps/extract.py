"""The extract step: metrics of every release version, on every core when the batch is large."""
from __future__ import annotations

import atexit
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

import pyarrow as pa

from tasks.memory import give_back_freed_memory
from tasks.parse.dedupe import PlannedVersion
from tasks.records import Rejection, excerpt_of
from tasks.steps import caching, step
from tasks.store.rows import pack_table, unpack_table
from tasks.workers import Item, extract_chunk, start_worker

log = logging.getLogger("motie")

PARALLEL_FROM = 400  # below this many releases, starting worker processes costs more than it saves
CHUNK = 250


@dataclass
class Extracted:
    table: pa.Table  # one row per metric: Arrow pickles and loads far faster than objects
    rejections: list[Rejection]

    def __reduce__(self):
        # Persisted for a retry once per batch: compressed Arrow is a fifth of the raw buffers and
        # cheaper to write, base64-wrap and read back than the buffers themselves.
        return restore_extracted, (pack_table(self.table), self.rejections)


def restore_extracted(packed: bytes, rejections: list[Rejection]) -> Extracted:
    return Extracted(table=unpack_table(packed), rejections=rejections)


@step(name="extract metrics", cache_key_fn=caching.by_release_versions, persist_result=True,
      cache_expiration=caching.CACHE_FOR, cache_result_in_memory=False)
def extract_batch(versions: list[PlannedVersion]) -> Extracted:
    """Metrics of every release version; a release the extractor chokes on is reported, not fatal."""
    items = [(p.release_id, p.version, p.release.body, p.release.published_on, p.release.title) for p in versions]
    tables, failures = extract_in_parallel(items) if len(items) >= PARALLEL_FROM else extract_chunk(items)
    rejections = [Rejection(
        source=f"release {versions[n].release_id} ({versions[n].release.source})",
        reason=f"metric extraction failed ({error}); the release is kept without metrics",
        excerpt=excerpt_of(versions[n].release.title)) for n, error in failures]
    return Extracted(table=tables, rejections=rejections)


_pool: ProcessPoolExecutor | None = None


def worker_context():
    """forkserver, not fork: this process runs Prefect's threads, and forking threads can deadlock.
    The server preloads only the worker module, not this process's __main__ and its imports."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tasks.workers"])
    return context


def start_worker_server_early() -> None:
    """Start the forkserver now, without waiting for it: it imports the extractor (~1 s of a core)
    while the command waits for its Prefect server, and the first batch's workers then start at
    once instead of a second later."""
    worker_context()
    multiprocessing.forkserver.ensure_running()


def worker_pool() -> ProcessPoolExecutor:
    """One pool of extraction processes for the life of this process, shared by every batch."""
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=worker_context(),
                                    initializer=start_worker, initargs=(os.getpid(),))
        atexit.register(_pool.shutdown, cancel_futures=True)
    return _pool


def start_workers(releases: int) -> None:
    """Start the extraction processes now when a batch is large enough to use them.

    Their start (a fork a core; the first time also the forkserver's import of the extractor, ~1 s,
    unless the command started it early: start_worker_server_early) then overlaps parsing the batch
    instead of delaying its extraction."""
    if releases < PARALLEL_FROM:
        return
    pool = worker_pool()
    try:
        for _ in range(os.cpu_count() or 1):  # one task each, submitted at once: the pool starts every worker
            pool.submit(int)
    except BrokenProcessPool:
        pass  # extract_in_parallel finds the pool broken too, says so and extracts in this process


def release_workers() -> None:
    """Stop the extraction processes (the next batch, if any, starts new ones).

    Called once a batch is extracted: the load that follows, and after the last batch the checks,
    the publish and the report, are the most memory-hungry steps of a load, and the workers'
    ~150 MB, idle until the next batch, is better free then. A restart is a fork from the
    forkserver, which keeps the compiled extractor."""
    global _pool
    if _pool is not None:
        _pool.shutdown(cancel_futures=True)
        _pool = None
    give_back_freed_memory()


def stop_worker_server() -> None:
    """Stop the forkserver too, once a run has nothing more to extract.

    It holds the compiled extractor (~65 MB) for the next batch's workers; after the last batch it
    would sit idle through the checks and the report, the steps where a load's memory peaks (and
    between the nightly runs of `motie serve`). The next run's first batch starts a new one.
    multiprocessing has no public way to stop it: _stop() is what CPython's own tests use."""
    release_workers()
    module = sys.modules.get("multiprocessing.forkserver")  # imported by the first pool, if any
    server = getattr(module, "_forkserver", None)
    stop = getattr(server, "_stop", None)
    if stop is not None:
        stop()


def extract_in_parallel(items: list[Item]) -> tuple[pa.Table, list[tuple[int, str]]]:
    """The same extraction on every core, in chunks, results in input order."""
    global _pool
    starts = range(0, len(items), CHUNK)
    try:
        done = list(worker_pool().map(extract_chunk, [items[i:i + CHUNK] for i in starts]))
    except BrokenProcessPool:
        log.warning("worker processes could not start here; extracting in this process")
        _pool = None
        return extract_chunk(items)
    table = pa.concat_tables(table for table, _ in done)
    failures = [(start + n, error) for start, (_, chunk_failures) in zip(starts, done, strict=True)
                for n, error in chunk_failures]
    return table, failures
