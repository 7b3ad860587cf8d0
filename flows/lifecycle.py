"""What every load flow does around its own steps: begin the run (recording runs that ended
unseen), end it (materialize → check → record → publish → report), and record and announce
every other ending: failed, crashed, cancelled, interrupted, refused.

Large batches pass between tasks wrapped in quote(): Prefect would otherwise walk every
element of every argument looking for futures, which costs more than the work itself.
"""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from prefect import get_run_logger
from prefect.context import FlowRunContext
from prefect.logging.loggers import flow_run_logger
from prefect.utilities.annotations import quote

from flows.notify import failure_text, post_webhook
from flows.settings import failure_webhook_url, run_url
from tasks.records import RunSummary
from tasks.steps.extract import stop_worker_server
from tasks.steps.report import report_run
from tasks.steps.results import discard_run_results, prune_expired_results
from tasks.steps.store import check_warehouse, publish_warehouse, record_run, refresh_series
from warehouse.connect import INTERRUPTED_QUERY
from warehouse.files import REFUSED
from warehouse.runs import Ending, record_ending, record_left_behind
from warehouse.tables import RunRecord

# The project's INFO lines (retries, off-site links) reach each run's Logs tab (Prefect's extra
# loggers); the terminal's handler still shows only warnings unless -v.
logging.getLogger("motie").setLevel(logging.INFO)

INTERRUPTED = ("interrupt signal", "termination signal", "system exit")  # Prefect's words for a signal


class RejectedInput(RuntimeError):
    """--strict: some input was set aside, so the load is refused."""


class ChecksFailed(RuntimeError):
    """A data check found offending rows."""


def begin(flow_name: str, db: str) -> tuple[RunSummary, RunRecord]:
    """The run's summary and record (first start and attempt number survive a retry), after
    recording the runs that ended where nothing of theirs could (a kill -9, a refused load)."""
    prune_expired_results()
    flow_run = FlowRunContext.get().flow_run
    now = dt.datetime.now(dt.timezone.utc)
    run = RunRecord(str(flow_run.id), flow_name, flow_run.start_time or now, max(flow_run.run_count, 1))
    # A plain call, not a task run, like the results housekeeping: the load's first stage stays its copy.
    for ending in record_left_behind(Path(db)):
        announce(ending, get_run_logger(), f"noticed by run {run.run_id}: ")
    return RunSummary(run_id=run.run_id, flow=flow_name, db=db), run


def refuse_if_needed(summary: RunSummary, strict: bool) -> None:
    if summary.failed_checks:
        raise ChecksFailed("checks failed: " + "; ".join(
            f"{name}: {what}" for name, what in summary.failed_checks.items()))
    if strict and summary.rejections:
        raise RejectedInput(f"--strict: {len(summary.rejections)} input entries were set aside "
                            f"(first: {summary.rejections[0].source}: {summary.rejections[0].reason})")


def check_record_publish(db: str, summary: RunSummary, run: RunRecord, strict: bool, keep_snapshots: int,
                         stale_after_days: int | None = None) -> RunSummary:
    """The end of every load: materialize → check → record the run → publish → report.

    Once published, the run's persisted step results have served their use (see results.py).
    """
    stop_worker_server()  # every batch is extracted: their memory is the checks' and the report's now
    refresh_series(db, quote(summary))
    summary = check_warehouse(db, quote(summary), stale_after_days)
    refuse_if_needed(summary, strict)
    record_run(db, quote(summary), run, "completed")
    publish_warehouse(db, keep_snapshots, summary.run_id)
    discard_run_results(summary.run_id)
    report_run(db, quote(summary))
    log_outcome(summary)
    return summary


def log_outcome(summary: RunSummary) -> None:
    """The run's story in its Logs tab: counts, warnings and what was set aside."""
    logger = get_run_logger()
    logger.info("%s: %d new, %d changed, %d unchanged, %d set aside; %d metrics added; %d pages fetched, "
                "%d requests, %d retries", summary.flow, summary.releases_new, summary.releases_changed,
                summary.releases_unchanged, summary.releases_rejected, summary.metrics_added,
                summary.pages_fetched, summary.requests, summary.retries)
    for warning in summary.warnings:
        logger.warning("warning: %s", warning)
    for rejection in summary.rejections[:20]:
        logger.warning("set aside: %s: %s", rejection.source, rejection.reason)
    if len(summary.rejections) > 20:
        logger.warning("... and %d more set aside (see the rejected view)", len(summary.rejections) - 20)


def announce(ending: Ending, logger, prefix: str = "") -> None:
    """Log the ending with the run's URL and post it to the webhook, where one is configured."""
    url = run_url(ending.run.run_id)
    logger.error("%srun %s (%s) %s: %s%s", prefix, ending.run.run_id, ending.run.flow, ending.status,
                 ending.message, f" — {url}" if url else "")
    webhook = failure_webhook_url()
    if webhook:
        post_webhook(webhook, failure_text(ending.run.flow, ending.run.run_id, ending.status,
                                           prefix + ending.message, url))


def end_unsuccessfully(flow, flow_run, state, status: str) -> None:
    """Announce the ending and give the run its row in pipeline_runs; the warehouse is otherwise as before."""
    logger = flow_run_logger(flow_run, flow)
    message = str(state.message or status)
    now = dt.datetime.now(dt.timezone.utc)
    record = RunRecord(str(flow_run.id), flow.name, flow_run.start_time or now, max(flow_run.run_count, 1))
    ending = Ending(record, status, message, now)
    announce(ending, logger)
    try:
        record_ending(Path(flow_run.parameters["db"]), ending)
    except Exception:  # noqa: BLE001 - reporting an ending must not mask it
        logger.exception("could not record the run's ending in %s", flow_run.parameters["db"])


# Hooks take (flow, flow_run, state) by these names: the serve process's runner passes them by keyword.
def record_failure(flow, flow_run, state) -> None:
    """on_failure: a failed run, one refused because another load holds the warehouse, or one stopped by a
    signal that arrived while DuckDB ran a query (DuckDB raises its own error for it)."""
    message = str(state.message)
    status = "refused" if REFUSED in message else "interrupted" if message.endswith(INTERRUPTED_QUERY) else "failed"
    end_unsuccessfully(flow, flow_run, state, status)


def record_crash(flow, flow_run, state) -> None:
    """on_crashed: Ctrl-C and SIGTERM are interruptions; anything else (the process killed) a crash."""
    message = str(state.message or "").lower()
    end_unsuccessfully(flow, flow_run, state, "interrupted" if any(w in message for w in INTERRUPTED) else "crashed")


def record_cancellation(flow, flow_run, state) -> None:
    """on_cancellation: cancelled from the UI or the API."""
    end_unsuccessfully(flow, flow_run, state, "cancelled")


ENDING_HOOKS = {"on_failure": [record_failure], "on_crashed": [record_crash],
                "on_cancellation": [record_cancellation]}
