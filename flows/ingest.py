"""The load flows from files and from the warehouse itself:
files -> parse -> dedupe -> extract -> load -> check -> publish, and re-extraction.
"""
from __future__ import annotations

import logging
from pathlib import Path

from prefect import flow
from prefect.utilities.annotations import quote

from flows.lifecycle import ENDING_HOOKS, begin, check_record_publish
from tasks.parse.listing_text import Batch, InputPlan
from tasks.records import RunSummary
from tasks.steps.extract import extract_batch, release_workers, start_workers
from tasks.steps.fetch import count_duplicates, plan_input_batches, read_input_batch
from tasks.steps.parse import dedupe, parse_listing_documents
from tasks.steps.store import (
    batch_already_loaded,
    count_unchanged,
    load_warehouse,
    plan_release_versions,
    plan_stored_batches,
    prepare_warehouse,
    read_stored_releases,
    replace_metrics,
    supersede_metrics,
)
from warehouse.files import discard_working_copy
from warehouse.runs import holding_load

DEFAULT_BATCH = 5000  # releases a batch: bounds memory on a large backfill, few enough tasks to be cheap


def report_progress(number: int, sizes: list[int]) -> None:
    """Releases done so far (sizes: entries of each batch), for the command line's progress bar
    (or a plain log line)."""
    done, total = sum(sizes[:number]), sum(sizes)
    logging.getLogger("motie.progress").info("loaded %d of %d entries", done, total,
                                             extra={"motie_progress": (done, total)})


@flow(name="motie-ingest", **ENDING_HOOKS)
def ingest_flow(paths: list[str], db: str, strict: bool = False, keep_snapshots: int = 7,
                batch_size: int = DEFAULT_BATCH) -> RunSummary:
    """Load releases from listing-text files into the warehouse, batch by batch, then publish once."""
    summary, run = begin("motie-ingest", db)
    with holding_load(Path(db), run):
        try:
            prepare_warehouse(db)
            planned = plan_input_batches(paths, batch_size)
            summary, batches = count_duplicates(summary, planned), planned.batches
            for number, batch in enumerate(batches, start=1):
                summary = ingest_batch(db, summary, planned, batch)
                report_progress(number, [b.entries for b in batches])
            # The entry kept of every title and date (~45 MB at 100,000 releases) has served the batches:
            # not held through the checks and the report, where a load's memory peaks.
            del planned
            summary = check_record_publish(db, summary, run, strict, keep_snapshots)
        finally:
            discard_working_copy(Path(db))
    return summary


def ingest_batch(db: str, summary: RunSummary, planned: InputPlan, batch: Batch) -> RunSummary:
    """One batch of an ingest: read, parse, plan, extract, load. A function of its own so that the
    batch's documents, releases and metrics are freed when it returns, not held by the flow through
    the next batch's reading, or after the last batch through the checks and the report."""
    documents = read_input_batch(batch)
    if batch_already_loaded(db, quote(documents)):  # the same bytes again: nothing new
        return count_unchanged(summary, batch)
    start_workers(batch.entries)
    parsed = parse_listing_documents(quote(documents), quote(planned.kept))
    releases = dedupe(quote(parsed.releases))
    plan = plan_release_versions(db, quote(releases))
    extracted = extract_batch(quote(plan.to_write))
    release_workers()
    return load_warehouse(db, summary, quote(documents), quote(plan), quote(extracted), quote(parsed.rejections))


@flow(name="motie-reextract", **ENDING_HOOKS)
def reextract_flow(db: str, keep_snapshots: int = 7, batch_size: int = DEFAULT_BATCH) -> RunSummary:
    """Run the current extractor over every stored release, batch by batch, without fetching anything."""
    summary, run = begin("motie-reextract", db)
    if not Path(db).exists():
        raise FileNotFoundError(f"no warehouse at {db}: load releases first (motie ingest or motie demo)")
    with holding_load(Path(db), run):
        try:
            prepare_warehouse(db)
            batches = plan_stored_batches(db, batch_size)
            supersede_metrics(db)
            for number, release_ids in enumerate(batches, start=1):
                summary = reextract_batch(db, summary, release_ids)
                report_progress(number, [len(ids) for ids in batches])
            summary = check_record_publish(db, summary, run, False, keep_snapshots)
        finally:
            discard_working_copy(Path(db))
    return summary


def reextract_batch(db: str, summary: RunSummary, release_ids: list[str]) -> RunSummary:
    """One batch of a re-extraction; its releases and metrics are freed when it returns (ingest_batch)."""
    start_workers(len(release_ids))
    stored = read_stored_releases(db, quote(release_ids))
    extracted = extract_batch(quote(stored))
    release_workers()
    return replace_metrics(db, summary, quote(extracted))
