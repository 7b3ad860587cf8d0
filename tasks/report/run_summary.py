"""The words and tables of a run's report (plain functions; the artifacts are made in tasks/steps/report.py)."""
from __future__ import annotations

import duckdb

from tasks.report.figure_checks import CheckTally, Disagreement, format_number

HEADLINE_INDICATORS = ("exports", "imports", "trade balance", "fdi pledged", "fdi arrived")


def latest_headline_figures(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """The newest economy-wide figure of each headline series."""
    return con.execute("""
        SELECT indicator, period_start, period_end, value, unit, change_pct
        FROM metric_series
        WHERE item IS NULL AND region IS NULL AND indicator IN (SELECT unnest(?::VARCHAR[]))
          AND value IS NOT NULL AND qualifier = 'exact'
        QUALIFY row_number() OVER (PARTITION BY indicator ORDER BY period_end DESC,
                                   period_end - period_start) = 1
        ORDER BY indicator
    """, [list(HEADLINE_INDICATORS)]).fetchall()


def render_summary(summary, latest: list[tuple], report_file=None, tally: CheckTally | None = None,
                   disagreements: list[Disagreement] = ()) -> str:
    lines = [f"# {summary.flow} run `{summary.run_id}`", "",
             f"Warehouse: `{summary.db}`", ""]
    if report_file is not None:
        lines += [f"Report with charts: `{report_file}` (or run `motie report`)", ""]
    lines += ["| releases new | changed | unchanged | set aside | metrics added | pages fetched | requests | retries |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|",
              f"| {summary.releases_new} | {summary.releases_changed} | {summary.releases_unchanged} | "
              f"{summary.releases_rejected} | {summary.metrics_added} | {summary.pages_fetched} | "
              f"{summary.requests} | {summary.retries} |", "",
              "## Checks", ""]
    lines += [f"- passed: {name}" for name in summary.checks_passed]
    lines += [f"- **failed: {name}** — {what}" for name, what in summary.failed_checks.items()]
    lines += [f"- warning: {text}" for text in summary.warnings]
    lines += ["", "## Newest headline figures", "", "| series | period | value | unit | change % |",
              "|---|---|---:|---|---:|"]
    for indicator, start, end, value, unit, change in latest:
        change_text = "" if change is None else f"{change:+.1f}"
        lines.append(f"| {indicator} | {start} .. {end} | {value:,.0f} | {unit} | {change_text} |")
    if tally is not None:
        lines += render_figure_checks(tally, disagreements)
    if summary.rejections:
        lines += ["", f"{len(summary.rejections)} entries were set aside: see the `motie-rejected` artifact "
                      "or the `rejected` view."]
    return "\n".join(lines) + "\n"


def render_figure_checks(tally: CheckTally, disagreements: list[Disagreement]) -> list[str]:
    """The section on figures checked against each other (the metric_checks view)."""
    verdicts = ", ".join(f"{verdict} {count}" for verdict, count in sorted(tally.by_verdict.items()))
    lines = ["", "## Figures checked against each other", "",
             f"{tally.figures_checked} figures checked in {tally.checks} checks ({verdicts or 'none'}); "
             f"{tally.figures_agreeing} confirmed by another figure, {tally.figures_disputed} disputed "
             "(see the `metric_checks` and `metric_trust` views)."]
    if disagreements:
        lines += ["", "| check | verdict | series | period | expected | stated | ± | releases |",
                  "|---|---|---|---|---:|---:|---:|---|"]
    for d in disagreements:
        releases = markdown_link(d.release_id, d.url)
        if d.other_release_id:
            releases += " vs " + markdown_link(d.other_release_id, d.other_url)
        lines.append(f"| {d.kind}: {d.rule} | {d.verdict} | {d.series} | {d.period} | "
                     f"{format_number(d.expected)} | {format_number(d.stated)} | {format_number(d.tolerance)} | "
                     f"{releases} |")
    return lines


def markdown_link(release_id: str, url: str | None) -> str:
    return f"[{release_id[:8]}]({url})" if url else f"`{release_id[:8]}`"


def rejection_rows(rejections, limit: int = 500) -> list[dict[str, str]]:
    return [{"source": r.source, "reason": r.reason, "excerpt": r.excerpt} for r in rejections[:limit]]
