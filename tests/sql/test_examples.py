"""The analysts' example queries run against the demo warehouse and return rows."""
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest_flow
from tests.helpers import SAMPLE

EXAMPLES = sorted((Path(__file__).parents[2] / "sql" / "examples").glob("*.sql"))


@pytest.fixture(scope="module")
def demo_warehouse(tmp_path_factory, prefect_api):
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    ingest_flow([str(SAMPLE)], str(db))
    return db


@pytest.mark.slow
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_returns_rows(demo_warehouse, path):
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        rows = con.execute(path.read_text(encoding="utf-8")).fetchall()
    assert rows, f"{path.name} returned no rows on the demo warehouse"


def test_examples_cover_what_analysts_ask_for():
    assert {p.stem for p in EXAMPLES} >= {"monthly_exports", "fdi_by_half_year", "ict_trade", "car_exports",
                                          "duty_rates_by_product"}


@pytest.mark.slow
def test_family_views_hold_the_expected_demo_figures(demo_warehouse):
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        fdi = con.execute("SELECT kind, value FROM fdi_half_yearly WHERE item IS NULL AND region IS NULL "
                          "ORDER BY kind").fetchall()
        duties = con.execute("SELECT product, origin, rate_percent FROM duty_rates ORDER BY rate_percent").fetchall()
        ict = con.execute("SELECT value FROM exports_monthly WHERE item = 'ICT' AND region IS NULL").fetchall()
    assert fdi == [("arrived", 7.3e9), ("pledged", 13.1e9)]
    assert duties[0] == ("hot-rolled products", "Japan and China", 28.16)
    assert ict == [(22.0e9,)]
