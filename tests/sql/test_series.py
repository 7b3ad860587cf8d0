"""Which figure stands for a series and period: crafted releases through the real flow into a real DuckDB file."""
import datetime as dt

import duckdb
import pytest

from flows.ingest import ingest_flow
from tests.helpers import write_listing

pytestmark = pytest.mark.slow  # real loads through the flow, on a Prefect server

PRELIMINARY = ("Exports rise 3.0% in May", "Exports rose 3.0 percent to $50.0 billion in May 2024.", "2024-06-01")
FINAL = ("Exports in May revised to $50.2 billion", "Exports rose 3.4 percent to $50.2 billion in May 2024.",
         "2024-06-15")
LATER_MENTIONS = ("Exports rise 5.0% in June",
                  "Exports rose 5.0 percent to $52.0 billion in June 2024. "
                  "In May 2024, exports had reached $49.0 billion. "
                  "In the first half of 2024, exports rose 4.0 percent to $300.0 billion.", "2024-07-01")


def query(db, sql, params=()):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, prefect_api):
    folder = tmp_path_factory.mktemp("series")
    db = folder / "w.duckdb"
    ingest_flow([str(write_listing(folder / "r.txt", [LATER_MENTIONS, FINAL, PRELIMINARY]))], str(db))
    return db


def test_the_final_figure_stands_over_the_preliminary_and_is_a_revision(warehouse):
    rows = query(warehouse, """SELECT value, change_pct, qualifier, standing, published_on FROM metric_series
                               WHERE series_key = 'exports | - | - | USD | month'
                                 AND period_start = DATE '2024-05-01'""")
    assert rows == [(50.2e9, 3.4, "exact", "reference", dt.date(2024, 6, 15))]
    revisions = query(warehouse, """SELECT previous_value, revised_value, previous_published_on, revised_published_on
                                    FROM metric_revisions WHERE period_start = DATE '2024-05-01'""")
    assert revisions == [(50.0e9, 50.2e9, dt.date(2024, 6, 1), dt.date(2024, 6, 15))]


def test_a_later_passing_mention_neither_stands_nor_revises(warehouse):
    stated = query(warehouse, """SELECT value, standing FROM metric_facts
                                 WHERE period_start = DATE '2024-05-01' AND published_on = DATE '2024-07-01'""")
    assert stated == [(49.0e9, "mention")]
    assert query(warehouse, "SELECT value FROM exports_monthly WHERE month = DATE '2024-05-01'") == [(50.2e9,)]
    assert query(warehouse, "SELECT count(*) FROM metric_revisions WHERE revised_value = 49.0e9") == [(0,)]


def test_a_half_year_is_its_own_series_and_never_a_month(warehouse):
    kinds = query(warehouse, """SELECT period_kind, series_key, value FROM metric_series
                                WHERE indicator = 'exports' ORDER BY period_start, period_end""")
    assert ("half", "exports | - | - | USD | half", 300.0e9) in kinds
    assert all(key.endswith("| " + kind) for kind, key, _ in kinds)
    months = query(warehouse, "SELECT month, value FROM exports_monthly ORDER BY month")
    assert months == [(dt.date(2024, 5, 1), 50.2e9), (dt.date(2024, 6, 1), 52.0e9)]
    assert query(warehouse, "SELECT count(*) FROM fdi_half_yearly") == [(0,)]


def test_every_series_row_leads_to_its_evidence(warehouse):
    rows = query(warehouse, """SELECT s.evidence, m.evidence, s.qualifier FROM metric_series AS s
                               LEFT JOIN metrics AS m USING (release_id, ordinal)""")
    assert rows and all(own == joined and own and qualifier for own, joined, qualifier in rows)


def test_the_catalog_has_one_row_per_series_with_its_latest_figure(warehouse):
    catalog = query(warehouse, """SELECT series_key, period_kind, first_period_start, last_period_end, points,
                                         latest_value, latest_published_on
                                  FROM series_catalog WHERE series_key = 'exports | - | - | USD | month'""")
    assert catalog == [("exports | - | - | USD | month", "month", dt.date(2024, 5, 1), dt.date(2024, 6, 30), 2,
                        52.0e9, dt.date(2024, 7, 1))]
    keys = query(warehouse, "SELECT count(*), count(DISTINCT series_key) FROM series_catalog")[0]
    assert keys[0] == keys[1] == query(warehouse, "SELECT count(DISTINCT series_key) FROM metric_series")[0][0]
