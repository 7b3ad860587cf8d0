"""How the warehouse's figures check each other (the `metric_checks` view), for the run summary and the report."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb

FAILED = ("disagrees", "suspect")


@dataclass(frozen=True)
class CheckTally:
    figures_checked: int  # metrics that took part in at least one check
    figures_agreeing: int  # of those, the ones no check disputes and another figure confirms
    figures_disputed: int
    checks: int
    by_verdict: dict[str, int]


@dataclass(frozen=True)
class Disagreement:
    kind: str
    rule: str
    verdict: str
    series: str
    period: str
    expected: float | None
    stated: float | None
    tolerance: float | None
    release_id: str
    url: str | None
    evidence: str
    other_release_id: str | None
    other_url: str | None
    other_evidence: str | None


def read_checks(con: duckdb.DuckDBPyConnection) -> tuple[CheckTally, list[Disagreement]]:
    """The tally and the disagreements, from the checks computed once for this connection.

    Each reference of the `metric_checks` view evaluates its four checks again (metric_trust, the
    verdict counts and the disagreements are three: ~1.8 s at 10,000 releases; at 100,000 the
    disagreements alone ran out of DuckDB's 512MB). A temporary table of the same name, made from
    the view, shadows it for this connection only (DuckDB looks up names in the temporary schema
    first, views' bodies included), so the three read one result. It keeps the sentences only of
    the checks that failed, the only ones listed: at 100,000 releases, 1.7 million checks in 10 s
    and ~600 MB of the process, where keeping every sentence took 42 s. Temporary tables live in
    memory and are dropped here: the warehouse file is not written.
    """
    database = con.execute("SELECT current_database()").fetchone()[0]
    view = '"' + database.replace('"', '""') + '".main.metric_checks'  # the file's own view, by its full name
    failed = "verdict IN ('" + "', '".join(FAILED) + "')"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE metric_checks AS
        SELECT * REPLACE (CASE WHEN {failed} THEN evidence END AS evidence,
                          CASE WHEN {failed} THEN other_evidence END AS other_evidence,
                          CASE WHEN {failed} THEN third_evidence END AS third_evidence)
        FROM {view}""")  # noqa: S608 - a quoted identifier and the module's own verdict names
    try:
        return tally_checks(con), read_disagreements(con)
    finally:
        con.execute("DROP TABLE temp.main.metric_checks")


def tally_checks(con: duckdb.DuckDBPyConnection) -> CheckTally:
    figures = con.execute("""
        SELECT count(*) FILTER (WHERE checks > 0), count(*) FILTER (WHERE trust = 'confirmed'),
               count(*) FILTER (WHERE trust = 'disputed')
        FROM metric_trust""").fetchall()[0]
    verdicts = dict(con.execute("SELECT verdict, count(*) FROM metric_checks GROUP BY verdict").fetchall())
    return CheckTally(figures[0], figures[1], figures[2], sum(verdicts.values()), verdicts)


def read_disagreements(con: duckdb.DuckDBPyConnection, limit: int = 50) -> list[Disagreement]:
    """Checks that disagree or find a figure suspect, newest release first."""
    rows = con.execute("""
        SELECT c.kind, c.rule, c.verdict,
               concat_ws(' · ', c.indicator, coalesce(c.item, 'total'), c.region, c.unit),
               concat_ws(' .. ', c.period_start, c.period_end),
               c.expected, c.stated, c.tolerance,
               c.release_id, r.url, c.evidence, c.other_release_id, o.url, c.other_evidence
        FROM metric_checks AS c
        LEFT JOIN releases AS r ON c.release_id = r.release_id
        LEFT JOIN releases AS o ON c.other_release_id = o.release_id
        WHERE c.verdict IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY c.published_on DESC, c.release_id, c.ordinal, c.kind, c.rule
        LIMIT ?""", [list(FAILED), limit]).fetchall()
    return [Disagreement(*row) for row in rows]


def format_number(value: float | None) -> str:
    if value is None:
        return ""
    if abs(value) >= 1e6:
        return f"{value / 1e9:,.3f} bn" if abs(value) >= 1e9 else f"{value / 1e6:,.2f} mn"
    return f"{value:,.2f}"
