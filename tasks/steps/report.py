"""The report step: the HTML report beside the warehouse, and the run's artifacts in the Prefect UI."""
from __future__ import annotations

import logging
from pathlib import Path

from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from tasks.records import RunSummary
from tasks.report import figure_checks, html_report, run_summary
from tasks.steps import step
from warehouse.connect import connect, query_budget

log = logging.getLogger("motie")


@step(name="report run", cache_policy=NO_CACHE)
def report_run(db: str, summary: RunSummary) -> None:
    """The run's summary and its set-aside input, as artifacts operators read in the Prefect UI.

    The data is already published: a report that cannot be made is logged, not a failed run.
    """
    try:
        report = html_report.report_path(Path(db))
        # The checks are read once, for the artifact and the page, within the query budget.
        with connect(db, read_only=True, memory_limit=query_budget()) as con:
            latest = run_summary.latest_headline_figures(con)
            tally, disagreements = figure_checks.read_checks(con)
        if summary.releases_new or summary.releases_changed or summary.metrics_added or not report.exists():
            html_report.write_report(Path(db), report, (tally, disagreements))  # else the page shows this data
        text = run_summary.render_summary(summary, latest, report, tally, disagreements)
        create_markdown_artifact(text, key="motie-run-summary",
                                 description=f"{summary.flow}: what the run loaded and checked")
        if summary.rejections:
            create_table_artifact(run_summary.rejection_rows(summary.rejections), key="motie-rejected",
                                  description="input set aside by the last run")
    except Exception:  # noqa: BLE001
        log.exception("could not publish the run's report artifacts")
