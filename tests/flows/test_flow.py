"""The real ingest and reextract flows, on a temporary Prefect API, into real DuckDB files."""
from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from flows.ingest import ingest_flow, reextract_flow
from tests.golden.demo import COLUMNS, as_lines, demo_metric_rows
from tests.helpers import SAMPLE, write_listing

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_api")]

VIEWS = ("releases", "release_versions", "metrics", "metric_series", "pipeline_runs", "rejected")


def counts(db) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        tables = VIEWS + ("raw_documents", "metric_rows", "release_version_rows")
        return {name: con.table(name).count("*").fetchall()[0][0] for name in tables}


def query(db, sql, params=None):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_sample_lands_in_every_view(db):
    summary = ingest_flow([str(SAMPLE)], str(db))
    assert (summary.releases_new, summary.releases_changed, summary.releases_rejected) == (8, 0, 0)
    got = counts(db)
    assert got["releases"] == 8 and got["release_versions"] == 8
    assert got["metrics"] == summary.metrics_added > 50
    assert 0 < got["metric_series"] <= got["metrics"]
    assert got["pipeline_runs"] == 1 and got["rejected"] == 0
    assert got["raw_documents"] == 1
    run = query(db, "SELECT run_id, flow, status, releases_new FROM pipeline_runs")[0]
    assert run == (summary.run_id, "motie-ingest", "completed", 8)
    incomplete = query(db, "SELECT title FROM releases WHERE NOT body_complete")
    assert [t for (t,) in incomplete] == ["Eco-Friendly Vehicle Exports Set Monthly Records for Third "
                                          "Consecutive Month in June"]


def test_metrics_carry_every_column(db):
    ingest_flow([str(SAMPLE)], str(db))
    row = query(db, """
        SELECT indicator, item, region, period_start, period_end, value, unit, change_pct, change_basis,
               extractor_version, evidence, url IS NULL
        FROM metrics WHERE indicator = 'fdi arrived' AND item IS NULL""")[0]
    assert row[:9] == ("fdi arrived", None, None, dt.date(2025, 1, 1),
                       dt.date(2025, 6, 30), 7.3e9, "USD", 2.7, "yoy")
    assert row[9] and "actually arrived" in row[10]


def test_loading_the_same_file_twice_adds_nothing(db):
    ingest_flow([str(SAMPLE)], str(db))
    before = counts(db)
    summary = ingest_flow([str(SAMPLE)], str(db))
    after = counts(db)
    assert (summary.releases_new, summary.releases_changed, summary.releases_unchanged) == (0, 0, 8)
    assert summary.metrics_added == 0
    assert {k: v for k, v in after.items() if k != "pipeline_runs"} == \
        {k: v for k, v in before.items() if k != "pipeline_runs"}
    assert after["pipeline_runs"] == 2


def test_same_release_twice_in_one_input_is_one(db, tmp_path):
    entry = ("Exports rise in May", "Exports rose 3.0 percent to $50.0 billion in May.", "2024-06-01")
    path = write_listing(tmp_path / "twice.txt", [entry, entry])
    summary = ingest_flow([str(path)], str(db))
    assert summary.releases_new == 1
    assert counts(db)["releases"] == 1


def test_a_changed_release_gets_a_new_version_and_only_its_figures_count(db, tmp_path):
    title, date = "Exports rise in May", "2024-06-01"
    first = write_listing(tmp_path / "v1.txt", [(title, "Exports rose 3.0 percent to $50.0 billion in May.", date)])
    second = write_listing(tmp_path / "v2.txt", [(title, "Exports rose 3.2 percent to $50.1 billion in May.", date)])
    ingest_flow([str(first)], str(db))
    summary = ingest_flow([str(second)], str(db))
    assert (summary.releases_new, summary.releases_changed) == (0, 1)
    versions = query(db, "SELECT version, valid_to IS NULL FROM release_versions ORDER BY version")
    assert versions == [(1, False), (2, True)]
    assert query(db, "SELECT version FROM releases") == [(2,)]
    assert query(db, "SELECT value, change_pct FROM metrics") == [(50.1e9, 3.2)]
    assert query(db, "SELECT count(*) FROM metric_rows") == [(2,)]  # the old figure is kept, not shown


def test_the_later_release_wins_in_metric_series(db, tmp_path):
    early = ("Exports in May (preliminary)", "Exports rose 3.0 percent to $50.0 billion in May.", "2024-06-01")
    late = ("Exports in May (final)", "Exports rose 3.4 percent to $50.2 billion in May.", "2024-06-15")
    ingest_flow([str(write_listing(tmp_path / "two.txt", [late, early]))], str(db))
    rows = query(db, """SELECT value, published_on FROM metric_series
                        WHERE indicator = 'exports' AND period_start = DATE '2024-05-01'""")
    assert rows == [(50.2e9, dt.date(2024, 6, 15))]


def test_bad_entries_are_set_aside_and_the_rest_lands(db, tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text("-\nGood\nExports rose 1.0 percent in May. date2024-06-01\n"
                    "-\nBad date\nBody. date2024-13-01\n", encoding="utf-8")
    summary = ingest_flow([str(path)], str(db))
    assert (summary.releases_new, summary.releases_rejected) == (1, 1)
    rejected = query(db, "SELECT source, reason, excerpt, run_id FROM rejected")
    assert rejected == [(f"{path}:4", "impossible date 2024-13-01", "Bad date Body. date2024-13-01", summary.run_id)]


def test_strict_refuses_the_load_and_records_the_failed_run(db, tmp_path):
    ingest_flow([str(SAMPLE)], str(db))
    path = tmp_path / "bad.txt"
    path.write_text("-\nBad\nno marker at all.\n", encoding="utf-8")
    with pytest.raises(Exception, match="--strict"):
        ingest_flow([str(path)], str(db), strict=True)
    assert query(db, "SELECT status FROM pipeline_runs ORDER BY started_at") == [("completed",), ("failed",)]
    assert counts(db)["rejected"] == 0  # nothing of the refused load was published


def test_reextract_supersedes_old_rows_and_keeps_them(db):
    ingest_flow([str(SAMPLE)], str(db))
    before = counts(db)
    summary = reextract_flow(str(db))
    after = counts(db)
    assert summary.metrics_added == before["metrics"] == after["metrics"]
    assert after["metric_rows"] == 2 * before["metric_rows"]
    assert query(db, "SELECT count(*) FROM metric_rows WHERE superseded_at IS NOT NULL") == \
        [(before["metric_rows"],)]


def test_reextract_without_a_warehouse_fails_clearly(tmp_path):
    missing = tmp_path / "none.duckdb"
    with pytest.raises(FileNotFoundError, match="no warehouse"):
        reextract_flow(str(missing))
    assert not missing.exists()


def test_a_figure_restated_differently_by_a_later_release_is_a_revision(db, tmp_path):
    early = ("Exports in May (preliminary)", "Exports rose 3.0 percent to $50.0 billion in May.", "2024-06-01")
    late = ("Exports in May (final)", "Exports rose 3.4 percent to $50.2 billion in May.", "2024-06-15")
    same = ("Exports in May (again)", "Exports rose 3.4 percent to $50.2 billion in May.", "2024-06-20")
    ingest_flow([str(write_listing(tmp_path / "three.txt", [early, late, same]))], str(db))
    rows = query(db, "SELECT previous_value, revised_value, previous_change_pct, revised_change_pct, "
                     "previous_published_on, revised_published_on FROM metric_revisions")
    assert rows == [(50.0e9, 50.2e9, 3.0, 3.4, dt.date(2024, 6, 1),
                     dt.date(2024, 6, 15))]


def test_a_load_in_small_batches_lands_the_same_as_in_one(db, tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").rstrip("\n") + "\n-\nBroken\nno date marker\n"
    path = tmp_path / "input.txt"
    path.write_text(text, encoding="utf-8")
    whole = tmp_path / "whole.duckdb"
    ingest_flow([str(path)], str(whole))
    summary = ingest_flow([str(path)], str(db), batch_size=3)
    assert (summary.releases_new, summary.releases_rejected) == (8, 1)
    for sql in ("SELECT release_id, version, content_hash FROM releases ORDER BY 1",
                "SELECT release_id, ordinal, indicator, item, region, value, change_pct FROM metrics ORDER BY 1, 2",
                "SELECT source, reason FROM rejected"):
        assert query(db, sql) == query(whole, sql)
    assert query(db, "SELECT count(*) FROM raw_documents") == [(3,)]  # the three batches' bytes, kept as read
    assert query(db, "SELECT source FROM rejected") == [(f"{path}:{text.count(chr(10)) - 2}",)]


def test_the_metrics_a_demo_load_lands_are_the_golden_ones(db):
    ingest_flow([str(SAMPLE)], str(db))
    with duckdb.connect(str(db), read_only=True) as con:
        cursor = con.execute("""
            SELECT release_id, published_on, ordinal, indicator, item, region, period_start, period_end,
                   value, unit, change_pct, change_basis, figure_start, figure_end, period_kind, qualifier,
                   item_as_written, indicator_rule, item_rule, period_rule, region_rule
            FROM metrics ORDER BY published_on, release_id, ordinal""")
        names = [column[0] for column in cursor.description]
        landed = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    assert tuple(names) == COLUMNS
    golden = [{k: v for k, v in row.items() if k != "figure"} for row in demo_metric_rows()]
    assert as_lines(landed) == as_lines(golden)  # and tests/golden holds these, checked in the fast tier
