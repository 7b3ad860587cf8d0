"""The warehouse schema: migrations are numbered, recorded, idempotent; the schema is as snapshotted."""
import re
from pathlib import Path

import duckdb
import pytest

from warehouse import schema
from warehouse.schema import (
    VIEW_LAYERS,
    WarehouseTooNew,
    apply_migrations,
    declared_dependencies,
    describe_schema,
    known_migrations,
    migrate,
    view_files,
)

SNAPSHOT = Path(__file__).parents[1] / "data" / "schema_snapshot.txt"
SQL = Path(__file__).parents[2] / "sql"


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


VIEW_FILES = sorted(path for layer in VIEW_LAYERS for path in (SQL / layer).glob("*.sql"))


@pytest.mark.parametrize("path", VIEW_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_view_file_starts_with_its_grain_comment_and_holds_that_view_alone(path):
    text = path.read_text(encoding="utf-8")
    view = path.stem
    first = text.splitlines()[0]
    assert first.startswith(f"-- {view}") and "one row per" in first, f"{path.name}: {first}"
    assert re.findall(r"CREATE OR REPLACE VIEW (\w+)", text) == [view]


@pytest.mark.parametrize("path", VIEW_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_view_needs_no_view_beyond_those_it_declares(path):
    """Created with only the tables and the views it declares (and theirs), it must build."""
    texts = {layer_view: text for _, layer_view, text in view_files()}
    needed, pending = [], [path.stem]
    while pending:
        view = pending.pop()
        needed.append(view)
        pending += [d for d in declared_dependencies(texts[view]) if d not in needed]
    with duckdb.connect() as con:
        apply_migrations(con, "migrations")
        for _, view, text in view_files():
            if view in needed:
                con.execute(text)


def test_staging_views_read_no_mart():
    marts = {view for layer, view, _ in view_files() if layer == "marts"}
    for layer, view, text in view_files():
        if layer == "staging":
            assert not set(declared_dependencies(text)) & marts, view


def test_any_applied_migration_rebuilds_the_materialized_tables(monkeypatch):
    stale = "INSERT INTO series_rows (series_key, indicator, period_start, period_end, release_id, published_on) " \
            "VALUES ('s', 'exports', DATE '2025-01-01', DATE '2025-01-31', 'r', DATE '2025-02-01')"
    with duckdb.connect() as con:
        migrate(con)
        con.execute(stale)
        assert migrate(con) == []  # nothing applied: the tables are left as they are
        assert con.execute("SELECT count(*) FROM series_rows").fetchall() == [(1,)]
        real = schema.known_migrations
        monkeypatch.setattr(schema, "known_migrations",
                            lambda folder="migrations": real(folder) + [(9000, "9000_anything.sql", "SELECT 1;")])
        assert migrate(con) == ["9000_anything.sql"]
        assert con.execute("SELECT count(*) FROM series_rows").fetchall() == [(0,)]


def test_a_warehouse_loaded_before_figure_text_gets_it_from_the_bodies(tmp_path):
    """Migration 0008 reads each stored figure out of its release's body, as the checks did before."""
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        migrate(con)
        con.execute("""INSERT INTO release_version_rows (release_id, version, natural_key, title, published_on,
                       body, body_complete, content_hash, source, valid_from)
                       VALUES ('r', 1, 'k', 't', DATE '2025-07-01', 'Exports reached $56.6 billion.', true, 'h',
                               's', now())""")
        con.execute("""INSERT INTO metric_rows (release_id, version, ordinal, extractor_version, indicator,
                       value, unit, evidence, figure_start, figure_end, extracted_at)
                       VALUES ('r', 1, 1, 'x', 'exports', 56.6e9, 'USD', 'e', 16, 29, now())""")
        assert con.execute("SELECT figure_text FROM metric_rows").fetchall() == [(None,)]  # as an older load left it
        update = (SQL / "migrations" / "0008_figure_text.sql").read_text(encoding="utf-8").split(";\n")[1]
        con.execute(update)
        assert con.execute("SELECT figure_text, value_half_step FROM metric_rows JOIN metric_rounding "
                           "USING (release_id, ordinal)").fetchall() == [("$56.6 billion", 0.05e9)]
