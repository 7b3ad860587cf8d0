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
    first, views' bodies included), so the three read one result. It keeps no sentences: carried
    through the checks' joins and windows, they were most of the evaluation's memory (at 100,000
    releases, 2.5 million checks in ~550 MB of DuckDB's; without them the checks fit in 256MB, in
    less time), and the disagreements listed take theirs from `metrics` (read_disagreements).
    Temporary tables live in memory and are dropped here: the warehouse file is not written.
    """
    database = con.execute("SELECT current_database()").fetchone()[0]
    view = '"' + database.replace('"', '""') + '".main.metric_checks'  # the file's own view, by its full name
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE metric_checks AS
        SELECT * EXCLUDE (evidence, other_evidence, third_evidence)
        FROM {view}""")  # noqa: S608 - a quoted identifier
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
    """Checks that disagree or find a figure suspect, newest release first.

    A check's sentences are those of its figures in `metrics` (every check view takes a figure's
    evidence with its release_id and ordinal): read for the listed checks only, so that
    metric_checks need not carry them (read_checks keeps none)."""
    rows = con.execute("""
        WITH listed AS (
            SELECT * FROM metric_checks
            WHERE verdict IN (SELECT unnest(?::VARCHAR[]))
            ORDER BY published_on DESC, release_id, ordinal, kind, rule
            LIMIT ?
        )
        SELECT c.kind, c.rule, c.verdict,
               concat_ws(' · ', c.indicator, coalesce(c.item, 'total'), c.region, c.unit),
               concat_ws(' .. ', c.period_start, c.period_end),
               c.expected, c.stated, c.tolerance,
               c.release_id, r.url, m.evidence, c.other_release_id, o.url, om.evidence
        FROM listed AS c
        LEFT JOIN releases AS r ON c.release_id = r.release_id
        LEFT JOIN releases AS o ON c.other_release_id = o.release_id
        LEFT JOIN metrics AS m ON c.release_id = m.release_id AND c.ordinal = m.ordinal
        LEFT JOIN metrics AS om ON c.other_release_id = om.release_id AND c.other_ordinal = om.ordinal
        ORDER BY c.published_on DESC, c.release_id, c.ordinal, c.kind, c.rule""", [list(FAILED), limit]).fetchall()
    return [Disagreement(*row) for row in rows]


def format_number(value: float | None) -> str:
    if value is None:
        return ""
    if abs(value) >= 1e6:
        return f"{value / 1e9:,.3f} bn" if abs(value) >= 1e9 else f"{value / 1e6:,.2f} mn"
    return f"{value:,.2f}"
