"""The load flows: files -> parse -> dedupe -> extract -> load -> check -> publish.

Large batches pass between tasks wrapped in quote(): Prefect would otherwise walk every
element of every argument looking for futures, which costs more than the work itself.
"""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from prefect import flow
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from flows.settings import failure_webhook_url, run_url
from tasks.notify import failure_text, post_webhook
from tasks.steps import (
    RunSummary,
    batch_already_loaded,
    check_warehouse,
    count_unchanged,
    dedupe,
    extract_batch,
    load_warehouse,
    parse_listing_documents,
    plan_input_batches,
    plan_release_versions,
    prepare_warehouse,
    publish_warehouse,
    read_input_batch,
    read_stored_releases,
    record_run,
    refresh_series,
    replace_metrics,
    report_run,
)
from warehouse.files import LoadAlreadyRunning, discard_working_copy, load_lock
from warehouse.load import RunRecord
from warehouse.runs import record_failed_run

log = logging.getLogger("motie")
DEFAULT_BATCH = 5000  # releases a batch: bounds memory on a large backfill, few enough tasks to be cheap


class RejectedInput(RuntimeError):
    """--strict: some input was set aside, so the load is refused."""


class ChecksFailed(RuntimeError):
    """A data check found offending rows."""


def record_failure(flow, run, state) -> None:
    """on_failure hook: log the reason and the run's URL, post them to the webhook where one is
    configured, and give the failed run its row in pipeline_runs (the warehouse is otherwise as before)."""
    db = Path(run.parameters["db"])
    message = str(state.message or "failed")
    url = run_url(str(run.id))
    log.error("flow run %s (%s) failed: %s%s", run.name, run.id, message, f" — {url}" if url else "")
    webhook = failure_webhook_url()
    if webhook:
        post_webhook(webhook, failure_text(flow.name, run.name, str(run.id), message, url))
    started = run.start_time or dt.datetime.now(dt.timezone.utc)
    if not db.exists():
        return  # no warehouse yet: a failure does not create one
    try:
        record_failed_run(db, RunRecord(str(run.id), flow.name, started), message)
    except LoadAlreadyRunning:
        log.warning("could not record the failed run in %s: another load holds it", db)
    except Exception:  # noqa: BLE001 - reporting a failure must not mask it
        log.exception("could not record the failed run in %s", db)


def report_progress(number: int, batches) -> None:
    """Releases done so far, for the command line's progress bar (or a plain log line)."""
    done = sum(b.entries for b in batches[:number])
    total = sum(b.entries for b in batches)
    logging.getLogger("motie.progress").info("loaded %d of %d entries", done, total,
                                             extra={"motie_progress": (done, total)})


def begin(flow_name: str, db: str) -> tuple[RunSummary, dt.datetime]:
    return RunSummary(run_id=str(flow_run.id), flow=flow_name, db=db), dt.datetime.now(dt.timezone.utc)


def refuse_if_needed(summary: RunSummary, strict: bool) -> None:
    if summary.failed_checks:
        raise ChecksFailed("checks failed: " + "; ".join(
            f"{name}: {what}" for name, what in summary.failed_checks.items()))
    if strict and summary.rejections:
        raise RejectedInput(f"--strict: {len(summary.rejections)} input entries were set aside "
                            f"(first: {summary.rejections[0].source}: {summary.rejections[0].reason})")


def check_record_publish(db: str, summary: RunSummary, started: dt.datetime, strict: bool, keep_snapshots: int,
                         stale_after_days: int | None = None) -> RunSummary:
    """The end of every load: materialize → check → record the run → publish → report."""
    refresh_series(db, quote(summary))
    summary = check_warehouse(db, quote(summary), stale_after_days)
    refuse_if_needed(summary, strict)
    record_run(db, quote(summary), started, "completed")
    publish_warehouse(db, keep_snapshots, summary.run_id)
    report_run(db, quote(summary))
    return summary


@flow(name="motie-ingest", on_failure=[record_failure])
def ingest_flow(paths: list[str], db: str, strict: bool = False, keep_snapshots: int = 7,
                batch_size: int = DEFAULT_BATCH) -> RunSummary:
    """Load releases from listing-text files into the warehouse, batch by batch, then publish once."""
    summary, started = begin("motie-ingest", db)
    with load_lock(Path(db)):
        try:
            prepare_warehouse(db)
            batches = plan_input_batches(paths, batch_size)
            for number, batch in enumerate(batches, start=1):
                documents = read_input_batch(batch)
                if batch_already_loaded(db, quote(documents)):  # the same bytes again: nothing new
                    summary = count_unchanged(summary, batch)
                    report_progress(number, batches)
                    continue
                parsed = parse_listing_documents(quote(documents))
                releases = dedupe(quote(parsed.releases))
                plan = plan_release_versions(db, quote(releases))
                extracted = extract_batch(quote(plan.to_write))
                summary = load_warehouse(db, summary, quote(documents), quote(plan), quote(extracted),
                                         quote(parsed.rejections))
                report_progress(number, batches)
            summary = check_record_publish(db, summary, started, strict, keep_snapshots)
        finally:
            discard_working_copy(Path(db))
    return summary


@flow(name="motie-reextract", on_failure=[record_failure])
def reextract_flow(db: str, keep_snapshots: int = 7) -> RunSummary:
    """Run the current extractor over every stored release, without fetching anything."""
    summary, started = begin("motie-reextract", db)
    if not Path(db).exists():
        raise FileNotFoundError(f"no warehouse at {db}: load releases first (motie ingest or motie demo)")
    with load_lock(Path(db)):
        try:
            prepare_warehouse(db)
            stored = read_stored_releases(db)
            extracted = extract_batch(quote(stored))
            summary = replace_metrics(db, summary, quote(extracted))
            summary = check_record_publish(db, summary, started, False, keep_snapshots)
        finally:
            discard_working_copy(Path(db))
    return summary
