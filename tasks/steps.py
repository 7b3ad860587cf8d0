"""The pipeline's steps as Prefect tasks: thin wrappers that move records between plain functions.

Tasks receive paths and plain records, never a DuckDB connection: each opens the
working copy itself, so task inputs stay picklable.
"""
from __future__ import annotations

import atexit
import datetime as dt
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from tasks import caching, report_html, run_report
from tasks.crawl import CrawlResult, SiteState, crawl_site, parse_release_pages
from tasks.dedupe import PlannedVersion, VersionPlan, classify_releases, dedupe_releases, plan_versions
from tasks.extract import EXTRACTOR_VERSION, Metric, extract_many
from tasks.listing_text import Batch, parse_listing_document, plan_batches, read_batch
from tasks.records import RawDocument, Rejection, Release, excerpt_of, release_id_for
from tasks.site_client import build_site
from warehouse import files, health, load, schema
from warehouse.archive import PageArchive, archive_path
from warehouse.connect import connect

MetricRow = tuple[str, int, int, str, Metric]
log = logging.getLogger("motie")


@dataclass
class Parsed:
    releases: list[Release]
    rejections: list[Rejection]


@dataclass
class Extracted:
    table: pa.Table  # one row per metric: Arrow pickles and loads far faster than objects
    rejections: list[Rejection]


@dataclass
class RunSummary:
    run_id: str
    flow: str
    db: str
    releases_new: int = 0
    releases_changed: int = 0
    releases_unchanged: int = 0
    releases_rejected: int = 0
    metrics_added: int = 0
    pages_fetched: int = 0
    requests: int = 0
    retries: int = 0
    failed_checks: dict[str, str] = field(default_factory=dict)
    checks_passed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {"new": self.releases_new, "changed": self.releases_changed,
                "unchanged": self.releases_unchanged, "rejected": self.releases_rejected,
                "metrics_added": self.metrics_added, "pages_fetched": self.pages_fetched,
                "requests": self.requests, "retries": self.retries}


@task(name="plan input batches", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5],
      retry_jitter_factor=0.5)
def plan_input_batches(paths: list[str], batch_size: int) -> list[Batch]:
    """Byte ranges of the input files, batch_size entries each: a large input never sits in memory whole."""
    return [batch for path in paths for batch in plan_batches(str(Path(path)), batch_size)]


@task(name="read input batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5],
      retry_jitter_factor=0.5)
def read_input_batch(batch: Batch) -> list[RawDocument]:
    """The batch's bytes exactly as they are on disk."""
    return [read_batch(batch, dt.datetime.now(dt.timezone.utc))]


@task(name="check batch already loaded", cache_policy=NO_CACHE)
def batch_already_loaded(db: str, documents: list[RawDocument]) -> bool:
    """True when these exact bytes were loaded before: their releases are in, nothing to parse."""
    with connect_working_copy(db) as con:
        return load.documents_known(con, [d.content_hash for d in documents])


def count_unchanged(summary: RunSummary, batch: Batch) -> RunSummary:
    summary.releases_unchanged += batch.entries
    return summary


@task(name="parse listing text", cache_policy=NO_CACHE)  # cheaper to redo than to store
def parse_listing_documents(documents: list[RawDocument]) -> Parsed:
    parsed = Parsed(releases=[], rejections=[])
    for document in documents:
        releases, rejections = parse_listing_document(document)
        parsed.releases.extend(releases)
        parsed.rejections.extend(rejections)
    return parsed


@task(name="deduplicate", cache_policy=NO_CACHE)
def dedupe(releases: list[Release]) -> list[Release]:
    return dedupe_releases(releases)


@task(name="prepare working copy", cache_policy=NO_CACHE)
def prepare_warehouse(db: str) -> None:
    files.prepare_working_copy(Path(db))


@task(name="plan versions", cache_policy=NO_CACHE)
def plan_release_versions(db: str, releases: list[Release]) -> VersionPlan:
    """Compare incoming releases with the stored current versions."""
    with connect_working_copy(db) as con:
        by_key, by_site_id = load.fetch_current_versions(
            con, [r.natural_key for r in releases], [r.site_id for r in releases if r.site_id is not None])
    return plan_versions(classify_releases(releases, by_key, by_site_id), release_id_for)


@task(name="read stored releases", cache_policy=NO_CACHE)
def read_stored_releases(db: str) -> list[PlannedVersion]:
    with connect_working_copy(db) as con:
        return load.read_current_releases(con)


PARALLEL_FROM = 400  # below this many releases, starting worker processes costs more than it saves
CHUNK = 250


@task(name="extract metrics", cache_key_fn=caching.by_release_versions, persist_result=True,
      cache_expiration=caching.CACHE_FOR)
def extract_batch(versions: list[PlannedVersion]) -> Extracted:
    """Metrics of every release version; a release the extractor chokes on is reported, not fatal."""
    items = [(p.release.body, p.release.published_on) for p in versions]
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
    return Extracted(table=load.metric_table(rows), rejections=rejections)


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


def extract_in_parallel(items: list[tuple[str, dt.date]]) -> list[list[Metric] | str]:
    """The same extraction on every core, in chunks, results in input order."""
    global _pool
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    try:
        return [result for chunk in worker_pool().map(extract_many, chunks) for result in chunk]
    except BrokenProcessPool:
        log.warning("worker processes could not start here; extracting in this process")
        _pool = None
        return extract_many(items)


@task(name="load warehouse", cache_policy=NO_CACHE)
def load_warehouse(db: str, summary: RunSummary, documents: list[RawDocument], plan: VersionPlan,
                   extracted: Extracted, rejections: list[Rejection]) -> RunSummary:
    """Write raw documents, release versions, metrics and rejections in one transaction."""
    now = dt.datetime.now(dt.timezone.utc)
    all_rejections = rejections + extracted.rejections
    with connect_working_copy(db) as con:
        con.execute("BEGIN TRANSACTION")
        if documents:
            load.store_documents(con, documents)
        load.write_versions(con, plan, summary.run_id, now)
        load.write_attachments(con, plan)
        load.record_site_ids(con, plan.unchanged_releases)
        added = load.write_metrics(con, load.stamp_metrics(extracted.table, summary.run_id, now))
        load.write_rejections(con, all_rejections, summary.run_id, now)
        con.execute("COMMIT")
    summary.releases_new += plan.new
    summary.releases_changed += plan.changed
    summary.releases_unchanged += plan.unchanged
    summary.releases_rejected += len(rejections)
    summary.metrics_added += added
    summary.rejections += all_rejections
    return summary


@task(name="replace metrics", cache_policy=NO_CACHE)
def replace_metrics(db: str, summary: RunSummary, extracted: Extracted) -> RunSummary:
    """Supersede every live metric row and write the new extraction, in one transaction."""
    now = dt.datetime.now(dt.timezone.utc)
    with connect_working_copy(db) as con:
        con.execute("BEGIN TRANSACTION")
        load.supersede_current_metrics(con, now)
        summary.metrics_added = load.write_metrics(con, load.stamp_metrics(extracted.table, summary.run_id, now))
        load.write_rejections(con, extracted.rejections, summary.run_id, now)
        con.execute("COMMIT")
    summary.rejections = extracted.rejections
    return summary


@task(name="refresh series", cache_policy=NO_CACHE)
def refresh_series(db: str, summary: RunSummary) -> None:
    """Materialize metric_series once per load, when its figures may have changed."""
    if summary.releases_new or summary.releases_changed or summary.flow == "motie-reextract":
        with connect_working_copy(db) as con:
            schema.refresh_materialized(con)


@task(name="check warehouse", cache_policy=NO_CACHE)
def check_warehouse(db: str, summary: RunSummary, stale_after_days: int | None = None) -> RunSummary:
    """Data checks, counts against the published warehouse, and (for the site) freshness."""
    before = health.published_counts(Path(db))
    with connect_working_copy(db) as con:
        result = health.check_health(con, before, stale_after_days)
    for warning in result.warnings:
        log.warning("check: %s", warning)
    summary.failed_checks, summary.warnings, summary.checks_passed = result.failed, result.warnings, result.passed
    return summary


@task(name="report run", cache_policy=NO_CACHE)
def report_run(db: str, summary: RunSummary) -> None:
    """The run's summary and its set-aside input, as artifacts operators read in the Prefect UI.

    The data is already published: a report that cannot be made is logged, not a failed run.
    """
    try:
        report = report_html.report_path(Path(db))
        if summary.releases_new or summary.releases_changed or summary.metrics_added or not report.exists():
            report_html.write_report(Path(db), report)  # else the report on disk already shows this data
        with connect(db, read_only=True) as con:
            latest = run_report.latest_headline_figures(con)
        create_markdown_artifact(run_report.render_summary(summary, latest, report), key="motie-run-summary",
                                 description=f"{summary.flow}: what the run loaded and checked")
        if summary.rejections:
            create_table_artifact(run_report.rejection_rows(summary.rejections), key="motie-rejected",
                                  description="input set aside by the last run")
    except Exception:  # noqa: BLE001
        log.exception("could not publish the run's report artifacts")


@task(name="record run", cache_policy=NO_CACHE)
def record_run(db: str, summary: RunSummary, started_at: dt.datetime, status: str) -> None:
    run = load.RunRecord(summary.run_id, summary.flow, started_at)
    message = "; ".join(summary.warnings) or None
    with connect_working_copy(db) as con:
        load.write_run(con, run, status, summary.counts, message, dt.datetime.now(dt.timezone.utc))


@task(name="publish warehouse", cache_policy=NO_CACHE)
def publish_warehouse(db: str, keep_snapshots: int = files.DEFAULT_SNAPSHOTS, run_id: str = "") -> None:
    files.publish_working_copy(Path(db), keep_snapshots, label=run_id[:8])


def connect_working_copy(db: str) -> duckdb.DuckDBPyConnection:
    return connect(files.working_path(Path(db)))


@task(name="read site state", cache_policy=NO_CACHE)
def read_site_state(db: str, revalidate_days: int) -> SiteState:
    since = dt.date.today() - dt.timedelta(days=revalidate_days) if revalidate_days > 0 else None
    with connect_working_copy(db) as con:
        complete, recent = load.read_site_state(con, since)
    return SiteState(frozenset(complete), tuple(recent))


@task(name="crawl site", cache_key_fn=caching.per_flow_run, persist_result=True,
      cache_expiration=caching.CACHE_FOR, retries=2, retry_delay_seconds=[30, 120], retry_jitter_factor=0.5)
def crawl(db: str, base_url: str, max_pages: int | None, delay: float, retry_backoff: float,
          state: SiteState) -> CrawlResult:
    """Fetch what is new on the site; every page goes to the archive before anything parses it."""
    site = build_site(base_url, delay, retry_backoff)
    with PageArchive(archive_path(Path(db))) as archive:
        return crawl_site(site, archive, state, max_pages)


@task(name="parse site pages", cache_key_fn=caching.by_pages, persist_result=True,
      cache_expiration=caching.CACHE_FOR)
def parse_site_pages(db: str, result: CrawlResult) -> Parsed:
    with PageArchive(archive_path(Path(db))) as archive:
        releases, rejections = parse_release_pages(archive, result)
    return Parsed(releases=releases, rejections=result.rejections + rejections)


def crawl_counts(summary: RunSummary, result: CrawlResult) -> RunSummary:
    summary.pages_fetched = result.listing_requests + result.release_requests
    summary.requests, summary.retries = result.requests, result.retries
    return summary
