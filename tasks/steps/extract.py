"""The extract step: metrics of every release version, on every core when the batch is large."""
from __future__ import annotations

import atexit
import datetime as dt
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

import pyarrow as pa

from tasks.extract import EXTRACTOR_VERSION, Metric, extract_many
from tasks.parse.dedupe import PlannedVersion
from tasks.records import Rejection, excerpt_of
from tasks.steps import caching, step
from tasks.store.rows import metric_table

MetricRow = tuple[str, int, int, str, Metric]
log = logging.getLogger("motie")

PARALLEL_FROM = 400  # below this many releases, starting worker processes costs more than it saves
CHUNK = 250


@dataclass
class Extracted:
    table: pa.Table  # one row per metric: Arrow pickles and loads far faster than objects
    rejections: list[Rejection]


@step(name="extract metrics", cache_key_fn=caching.by_release_versions, persist_result=True,
      cache_expiration=caching.CACHE_FOR)
def extract_batch(versions: list[PlannedVersion]) -> Extracted:
    """Metrics of every release version; a release the extractor chokes on is reported, not fatal."""
    items = [(p.release.body, p.release.published_on, p.release.title) for p in versions]
    results = extract_in_parallel(items) if len(items) >= PARALLEL_FROM else extract_many(items)
    rows: list[MetricRow] = []
    rejections: list[Rejection] = []
    for planned, result in zip(versions, results, strict=True):
        if isinstance(result, str):
            rejections.append(Rejection(
                source=f"release {planned.release_id} ({planned.release.source})",
                reason=f"metric extraction failed ({result}); the release is kept without metrics",
                excerpt=excerpt_of(planned.release.title)))
            continue
        rows.extend((planned.release_id, planned.version, ordinal, EXTRACTOR_VERSION, metric)
                    for ordinal, metric in enumerate(result, start=1))
    return Extracted(table=metric_table(rows), rejections=rejections)


_pool: ProcessPoolExecutor | None = None


def worker_pool() -> ProcessPoolExecutor:
    """One pool of extraction processes for the life of this process, shared by every batch."""
    global _pool
    if _pool is None:
        # forkserver, not fork: this process runs Prefect's threads, and forking threads can deadlock.
        _pool = ProcessPoolExecutor(max_workers=os.cpu_count() or 1,
                                    mp_context=multiprocessing.get_context("forkserver"))
        atexit.register(_pool.shutdown, cancel_futures=True)
    return _pool


def extract_in_parallel(items: list[tuple[str, dt.date, str]]) -> list[list[Metric] | str]:
    """The same extraction on every core, in chunks, results in input order."""
    global _pool
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    try:
        return [result for chunk in worker_pool().map(extract_many, chunks) for result in chunk]
    except BrokenProcessPool:
        log.warning("worker processes could not start here; extracting in this process")
        _pool = None
        return extract_many(items)
