"""The warehouse schema: migrations are numbered, recorded, idempotent; the schema is as snapshotted."""
from pathlib import Path

import duckdb
import pytest

from warehouse.schema import WarehouseTooNew, describe_schema, known_migrations, migrate

SNAPSHOT = Path(__file__).parents[1] / "data" / "schema_snapshot.txt"


def test_schema_matches_the_snapshot(tmp_path):
    """A change here is a change for every analyst: regenerate with `python -m warehouse.schema`."""
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        migrate(con)
        assert describe_schema(con) == SNAPSHOT.read_text(encoding="utf-8")


def test_migrations_are_recorded_and_rerunning_is_a_no_op(tmp_path):
    path = str(tmp_path / "w.duckdb")
    with duckdb.connect(path) as con:
        applied = migrate(con)
        assert applied == [name for _, name, _ in known_migrations()]
        assert migrate(con) == []
        recorded = con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
        assert recorded == [(v, n) for v, n, _ in known_migrations()]


def test_a_warehouse_newer_than_the_code_is_refused(tmp_path):
    path = str(tmp_path / "w.duckdb")
    with duckdb.connect(path) as con:
        migrate(con)
        con.execute("INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', now())")
        with pytest.raises(WarehouseTooNew, match="newer than this motie-etl"):
            migrate(con)


def test_every_view_is_preceded_by_its_grain_comment():
    for path in sorted((Path(__file__).parents[2] / "sql" / "views").glob("*.sql")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for index, line in enumerate(lines):
            if line.startswith("CREATE OR REPLACE VIEW"):
                assert index > 0 and lines[index - 1].startswith("-- ") and "one row per" in lines[index - 1], \
                    f"{path.name}: {line}"
