"""Figures that check each other: crafted releases loaded through the real ingest flow into a real DuckDB file."""
from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from flows.ingest import ingest_flow
from tasks.report import figure_checks, html_report, run_summary
from tests.helpers import write_listing

pytestmark = pytest.mark.slow

BILLION = 1e9
RELEASES = [
    # consistent: 52.4 / 1.048 = 50.0, and 52.4 - 48.1 = 4.3
    ("Exports rise in February", "Korea's exports in February 2024 rose 4.8 percent year-on-year to $52.4 billion. "
     "Imports fell 12.1 percent to $48.1 billion. The trade balance recorded a surplus of $4.3 billion.", "2024-03-01"),
    ("Exports fall in February", "Korea's exports in February 2023 fell 7.5 percent year-on-year to $50.0 billion.",
     "2023-03-01"),
    # a misplaced decimal: May 2023 as $5.51 billion where 57.8 / 1.05 implies 55.0
    ("Exports rise in May", "Korea's exports in May 2024 rose 5.0 percent year-on-year to $57.8 billion.",
     "2024-06-01"),
    ("Exports in May", "Korea's exports in May 2023 fell 15.2 percent year-on-year to $5.51 billion.", "2023-06-01"),
    # a wrong period: $63.8 billion dated March 2023 (it was the December figure), where 56.6 / 1.031 = 54.9
    ("Exports rise in March", "Korea's exports in March 2024 rose 3.1 percent year-on-year to $56.6 billion.",
     "2024-04-01"),
    ("Exports in March", "Korea's exports in March 2023 reached $63.8 billion.", "2023-04-01"),
    # a sign error: exports below imports, yet a surplus
    ("Trade in August", "Korea's exports in August 2024 rose 11.4 percent year-on-year to $57.9 billion. "
     "Imports rose 6.0 percent to $59.4 billion. The trade balance recorded a surplus of $1.5 billion.", "2024-09-01"),
    # a revision: July imports stated again, later, as another exact figure
    ("Trade in July", "Korea's exports in July 2024 rose 13.9 percent year-on-year to $57.5 billion. "
     "Imports rose 10.5 percent to $53.9 billion. The trade balance recorded a surplus of $3.6 billion.", "2024-08-01"),
    ("Exports in September", "Korea's exports in September 2024 rose 7.5 percent year-on-year to $58.8 billion. "
     "Imports in July 2024 amounted to $54.2 billion.", "2024-10-01"),
    # implausible: a national total up 350 percent
    ("Exports in June", "Korea's exports in June 2024 rose 350.0 percent year-on-year to $57.1 billion.", "2024-07-01"),
]


@pytest.fixture(scope="module")
def checked(tmp_path_factory, prefect_api):
    folder = tmp_path_factory.mktemp("checks")
    listing = write_listing(folder / "crafted.txt", RELEASES)
    db = folder / "checks.duckdb"
    ingest_flow([str(listing)], str(db))
    return db


def query(db, sql, params=None):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def check_of(db, kind, rule, indicator, period_start):
    rows = query(db, """
        SELECT verdict, expected, stated, gap, tolerance, release_id, ordinal, other_release_id, other_ordinal
        FROM metric_checks WHERE kind = ? AND rule = ? AND indicator = ? AND period_start = ?""",
                 [kind, rule, indicator, period_start])
    assert len(rows) == 1, rows
    return rows[0]


def trust_of(db, indicator, period_start, value):
    return query(db, """SELECT trust FROM metric_trust
                        WHERE indicator = ? AND period_start = ? AND value = ?""",
                 [indicator, period_start, value])[0][0]


def test_consistent_figures_agree_within_the_rounding_they_allow(checked):
    verdict, expected, stated, gap, tolerance, *_ = check_of(
        checked, "change against level", "yoy", "exports", dt.date(2024, 2, 1))
    low, high = (52.35 * BILLION) / 1.0485, (52.45 * BILLION) / 1.0475  # $52.4 bn ± 0.05, 4.8 % ± 0.05
    assert verdict == "agrees" and stated == 50 * BILLION
    assert expected == pytest.approx((low + high) / 2)
    assert tolerance == pytest.approx((high - low) / 2 + 0.05 * BILLION)
    balance = check_of(checked, "parts against totals", "exports - imports = trade balance", "trade balance",
                       dt.date(2024, 2, 1))
    assert balance[0] == "agrees" and balance[1] == pytest.approx(4.3 * BILLION)
    assert trust_of(checked, "exports", dt.date(2023, 2, 1), 50 * BILLION) == "confirmed"


def test_a_misplaced_decimal_disagrees(checked):
    verdict, expected, stated, gap, tolerance, *_ = check_of(
        checked, "change against level", "yoy", "exports", dt.date(2024, 5, 1))
    assert verdict == "disagrees"
    assert expected == pytest.approx(55.05 * BILLION, rel=1e-3) and stated == 5.51 * BILLION
    assert abs(gap) > tolerance
    assert trust_of(checked, "exports", dt.date(2023, 5, 1), 5.51 * BILLION) == "disputed"
    assert trust_of(checked, "exports", dt.date(2024, 5, 1), 57.8 * BILLION) == "disputed"


def test_a_figure_of_the_wrong_period_disagrees(checked):
    verdict, expected, stated, gap, tolerance, *_ = check_of(
        checked, "change against level", "yoy", "exports", dt.date(2024, 3, 1))
    assert verdict == "disagrees" and stated == 63.8 * BILLION
    assert expected == pytest.approx(54.9 * BILLION, rel=1e-3) and abs(gap) > tolerance


def test_a_sign_error_disagrees(checked):
    verdict, expected, stated, *_ = check_of(
        checked, "parts against totals", "exports - imports = trade balance", "trade balance", dt.date(2024, 8, 1))
    assert verdict == "disagrees"
    assert expected == pytest.approx(-1.5 * BILLION) and stated == 1.5 * BILLION


def test_a_later_exact_figure_is_a_revision_and_supersedes_the_earlier(checked):
    verdict, expected, stated, _, _, release, _, earlier_release, _ = check_of(
        checked, "restatement", "level", "imports", dt.date(2024, 7, 1))
    assert (verdict, expected, stated) == ("revision", 53.9 * BILLION, 54.2 * BILLION)
    assert release != earlier_release
    assert trust_of(checked, "imports", dt.date(2024, 7, 1), 53.9 * BILLION) == "superseded"


def test_an_implausible_change_on_a_national_total_is_suspect(checked):
    verdict, expected, stated, *_ = check_of(
        checked, "plausibility", "change within 300 % on a national total", "exports", dt.date(2024, 6, 1))
    assert (verdict, expected, stated) == ("suspect", 300, 350)


def test_summary_and_report_count_the_checks_and_link_both_releases_of_a_disagreement(checked):
    with duckdb.connect(str(checked), read_only=True) as con:
        tally = figure_checks.tally_checks(con)
        disagreements = figure_checks.read_disagreements(con)
    assert tally.by_verdict["disagrees"] == 3 and tally.by_verdict["revision"] == 1
    assert tally.figures_checked >= tally.figures_agreeing > 0
    text = "\n".join(run_summary.render_figure_checks(tally, disagreements))
    assert f"{tally.figures_checked} figures checked in {tally.checks} checks" in text
    decimal = next(d for d in disagreements if d.period.startswith("2024-05-01"))
    assert f"`{decimal.release_id[:8]}` vs `{decimal.other_release_id[:8]}`" in text
    page = html_report.render_report(checked)
    section = page.split("<h2>Figures checked against each other</h2>")[1].split("<h2>")[0]
    assert f"href='#release-{decimal.release_id}'" in section
    assert f"href='#release-{decimal.other_release_id}'" in section


def test_checks_read_once_give_what_each_query_gives_and_leave_nothing_behind(checked):
    before = checked.read_bytes()
    with duckdb.connect(str(checked), read_only=True) as con:
        separately = (figure_checks.tally_checks(con), figure_checks.read_disagreements(con))
        once = figure_checks.read_checks(con)
        temporary = con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchone()[0]
        after = (figure_checks.tally_checks(con), figure_checks.read_disagreements(con))
    assert once == separately == after
    assert once[0].by_verdict["disagrees"] == 3 and len(once[1]) == 3 + once[0].by_verdict.get("suspect", 0)
    assert temporary == 0  # the view is not left shadowed for the connection's later queries
    assert checked.read_bytes() == before  # a read-only report writes nothing to the warehouse


def test_listed_disagreements_quote_the_sentences_the_view_gives(checked):
    # read_disagreements takes a check's sentences from `metrics`, by release and ordinal: those of the view.
    with duckdb.connect(str(checked), read_only=True) as con:
        listed = figure_checks.read_checks(con)[1]
        quoted = con.execute("""
            SELECT evidence, other_evidence FROM metric_checks WHERE verdict IN ('disagrees', 'suspect')""").fetchall()
    assert listed and all(d.evidence for d in listed)
    assert sorted((d.evidence, d.other_evidence) for d in listed) == sorted(quoted)
