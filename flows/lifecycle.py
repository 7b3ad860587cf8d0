"""What every load flow does around its own steps: begin the run, end it (materialize → check →
record → publish → report), and record and announce its failure.

Large batches pass between tasks wrapped in quote(): Prefect would otherwise walk every
element of every argument looking for futures, which costs more than the work itself.
"""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from flows.notify import failure_text, post_webhook
from flows.settings import failure_webhook_url, run_url
from tasks.records import RunSummary
from tasks.steps.report import report_run
from tasks.steps.results import discard_run_results, prune_expired_results
from tasks.steps.store import check_warehouse, publish_warehouse, record_run, refresh_series
from warehouse.files import LoadAlreadyRunning
from warehouse.runs import record_failed_run
from warehouse.tables import RunRecord

log = logging.getLogger("motie")


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


def begin(flow_name: str, db: str) -> tuple[RunSummary, dt.datetime]:
    prune_expired_results()
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
    """The end of every load: materialize → check → record the run → publish → report.

    Once published, the run's persisted step results have served their use (see results.py).
    """
    refresh_series(db, quote(summary))
    summary = check_warehouse(db, quote(summary), stale_after_days)
    refuse_if_needed(summary, strict)
    record_run(db, quote(summary), started, "completed")
    publish_warehouse(db, keep_snapshots, summary.run_id)
    discard_run_results(summary.run_id)
    report_run(db, quote(summary))
    return summary
