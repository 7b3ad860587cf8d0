"""Warehouse steps: the working copy, version planning against what is stored, the load in one
transaction, the series refresh, the checks, the run's row and the publish.

Tasks receive paths and plain records, never a DuckDB connection: each opens the
working copy itself, so task inputs stay picklable.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
from prefect import get_run_logger
from prefect.cache_policies import NO_CACHE

from tasks.fetch.crawl import SiteState
from tasks.parse.dedupe import PlannedVersion, VersionPlan, classify_releases, plan_versions
from tasks.parse.listing_text import Batch
from tasks.records import RawDocument, Rejection, Release, RunSummary, release_id_for
from tasks.steps import step
from tasks.steps.extract import Extracted
from tasks.store import rows
from warehouse import files, health, schema, tables
from warehouse.connect import connect, query_budget


def connect_working_copy(db: str, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    return connect(files.working_path(Path(db)), memory_limit=memory_limit)


@step(name="prepare working copy", cache_policy=NO_CACHE)
def prepare_warehouse(db: str) -> None:
    files.prepare_working_copy(Path(db))


@step(name="check batch already loaded", cache_policy=NO_CACHE)
def batch_already_loaded(db: str, documents: list[RawDocument]) -> bool:
    """True when these exact bytes were loaded before: their releases are in, nothing to parse."""
    with connect_working_copy(db) as con:
        return tables.documents_known(con, [d.content_hash for d in documents])


def count_unchanged(summary: RunSummary, batch: Batch) -> RunSummary:
    summary.releases_unchanged += batch.entries
    return summary


@step(name="plan versions", cache_policy=NO_CACHE)
def plan_release_versions(db: str, releases: list[Release]) -> VersionPlan:
    """Compare incoming releases with the stored current versions."""
    with connect_working_copy(db) as con:
        stored = tables.fetch_current_versions(
            con, [r.natural_key for r in releases], [r.site_id for r in releases if r.site_id is not None])
    by_key, by_site_id = rows.stored_versions(stored)
    return plan_versions(classify_releases(releases, by_key, by_site_id), release_id_for)


@step(name="plan stored batches", cache_policy=NO_CACHE)
def plan_stored_batches(db: str, batch_size: int) -> list[list[str]]:
    """The stored releases' ids, batch_size a batch: a re-extraction never holds every body at once."""
    with connect_working_copy(db) as con:
        ids = tables.read_current_release_ids(con)
    return [ids[start:start + batch_size] for start in range(0, len(ids), batch_size)]


@step(name="read stored releases", cache_policy=NO_CACHE)
def read_stored_releases(db: str, release_ids: list[str]) -> list[PlannedVersion]:
    with connect_working_copy(db) as con:
        stored = tables.read_current_releases(con, release_ids)
    return rows.planned_versions(stored)


@step(name="read site state", cache_policy=NO_CACHE)
def read_site_state(db: str, revalidate_days: int) -> SiteState:
    since = dt.date.today() - dt.timedelta(days=revalidate_days) if revalidate_days > 0 else None
    with connect_working_copy(db) as con:
        complete, recent, incomplete = tables.read_site_state(con, since)
    return SiteState(frozenset(complete), tuple(recent), tuple(incomplete))


@step(name="load warehouse", cache_policy=NO_CACHE)
def load_warehouse(db: str, summary: RunSummary, documents: list[RawDocument], plan: VersionPlan,
                   extracted: Extracted, rejections: list[Rejection]) -> RunSummary:
    """Write raw documents, release versions, metrics and rejections in one transaction."""
    now = dt.datetime.now(dt.timezone.utc)
    all_rejections = rejections + extracted.rejections
    with connect_working_copy(db) as con:
        con.execute("BEGIN TRANSACTION")
        if documents:
            tables.store_documents(con, rows.document_table(documents))
        tables.write_versions(con, plan.to_close, rows.version_table(plan, summary.run_id, now), now)
        tables.write_attachments(con, rows.attachment_table(plan))
        tables.record_site_ids(con, rows.site_id_table(plan.unchanged_releases))
        added = tables.write_metrics(con, tables.stamp_metrics(extracted.table, summary.run_id, now))
        tables.write_rejections(con, rows.rejection_rows(all_rejections), summary.run_id, now)
        con.execute("COMMIT")
    summary.releases_new += plan.new
    summary.releases_changed += plan.changed
    summary.releases_unchanged += plan.unchanged
    summary.releases_rejected += len(rejections)
    summary.metrics_added += added
    summary.rejections += all_rejections
    return summary


@step(name="supersede metrics", cache_policy=NO_CACHE)
def supersede_metrics(db: str) -> None:
    """Mark every live metric row superseded, before a re-extraction writes its own batch by batch
    (in the working copy: a failure anywhere after this publishes nothing)."""
    with connect_working_copy(db) as con:
        tables.supersede_current_metrics(con, dt.datetime.now(dt.timezone.utc))


@step(name="replace metrics", cache_policy=NO_CACHE)
def replace_metrics(db: str, summary: RunSummary, extracted: Extracted) -> RunSummary:
    """Write one batch of the new extraction and its rejections, in one transaction."""
    now = dt.datetime.now(dt.timezone.utc)
    with connect_working_copy(db) as con:
        con.execute("BEGIN TRANSACTION")
        summary.metrics_added += tables.write_metrics(con, tables.stamp_metrics(extracted.table, summary.run_id, now))
        tables.write_rejections(con, rows.rejection_rows(extracted.rejections), summary.run_id, now)
        con.execute("COMMIT")
    summary.rejections += extracted.rejections
    return summary


@step(name="refresh series", cache_policy=NO_CACHE)
def refresh_series(db: str, summary: RunSummary) -> None:
    """Materialize metric_series once per load, when its figures may have changed."""
    if summary.releases_new or summary.releases_changed or summary.flow == "motie-reextract":
        # A whole-warehouse query (a window over every metric) that writes one small table: the query
        # budget, not the one a batch's checkpoint needs (DuckDB would fill 512MB with it).
        with connect_working_copy(db, memory_limit=query_budget()) as con:
            schema.refresh_materialized(con)


@step(name="check warehouse", cache_policy=NO_CACHE)
def check_warehouse(db: str, summary: RunSummary, stale_after_days: int | None = None) -> RunSummary:
    """Data checks, counts against the published warehouse, and (for the site) freshness."""
    before = health.published_counts(Path(db))
    with connect_working_copy(db) as con:
        result = health.check_health(con, before, stale_after_days)
    logger = get_run_logger()
    for warning in result.warnings:
        logger.warning("check: %s", warning)
    summary.failed_checks, summary.checks_passed = result.failed, result.passed
    summary.warnings = summary.input_warnings + result.warnings
    return summary


@step(name="record run", cache_policy=NO_CACHE)
def record_run(db: str, summary: RunSummary, run: tables.RunRecord, status: str) -> None:
    message = "; ".join(summary.warnings) or None
    with connect_working_copy(db) as con:
        tables.write_run(con, run, status, summary.counts, message, dt.datetime.now(dt.timezone.utc))


@step(name="publish warehouse", cache_policy=NO_CACHE)
def publish_warehouse(db: str, keep_snapshots: int = files.DEFAULT_SNAPSHOTS, run_id: str = "") -> None:
    files.publish_working_copy(Path(db), keep_snapshots, label=run_id[:8])
