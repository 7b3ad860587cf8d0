"""Numbered migrations and analyst views, applied from the files in sql/."""
from __future__ import annotations

import datetime as dt
import re
from importlib.resources import files

import duckdb

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class WarehouseTooNew(RuntimeError):
    """The warehouse was written by a newer version of motie-etl than this one."""


def read_sql_files(folder: str) -> list[tuple[str, str]]:
    """(file name, text) of every .sql file of a folder under sql/, in name order."""
    root = files("sql").joinpath(folder)
    entries = [entry for entry in root.iterdir() if entry.name.endswith(".sql")]
    return [(entry.name, entry.read_text(encoding="utf-8")) for entry in sorted(entries, key=lambda e: e.name)]


def known_migrations() -> list[tuple[int, str, str]]:
    migrations = []
    for name, text in read_sql_files("migrations"):
        match = MIGRATION_NAME.match(name)
        if not match:
            raise ValueError(f"migration file {name!r} is not named NNNN_words.sql")
        migrations.append((int(match.group(1)), name, text))
    return migrations


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations this warehouse lacks, each in its own transaction; then refresh the views."""
    con.execute("""
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)
    """)
    applied = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    migrations = known_migrations()
    newest_known = max(version for version, _, _ in migrations)
    if applied and max(applied) > newest_known:
        raise WarehouseTooNew(
            f"this warehouse is at schema version {max(applied)}, newer than this motie-etl "
            f"(which knows up to {newest_known}); upgrade motie-etl to load into it")
    done = []
    for version, name, text in migrations:
        if version not in applied:
            apply_migration(con, version, name, text)
            done.append(name)
    refresh_views(con)
    if "0004_series_table.sql" in done:
        refresh_materialized(con)  # an upgraded warehouse gets its series at once
    return done


def apply_migration(con: duckdb.DuckDBPyConnection, version: int, name: str, text: str) -> None:
    in_transaction(con, [(text, []), ("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                                      [version, name, dt.datetime.now(dt.timezone.utc)])])


def in_transaction(con: duckdb.DuckDBPyConnection, statements: list[tuple[str, list]]) -> None:
    """Run statements all or none."""
    con.execute("BEGIN TRANSACTION")
    try:
        for sql, params in statements:
            con.execute(sql, params) if params else con.execute(sql)  # a file may hold several statements
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def refresh_views(con: duckdb.DuckDBPyConnection) -> None:
    """Views are defined by their files; re-creating them is idempotent."""
    in_transaction(con, [(text, []) for _, text in read_sql_files("views")])


def refresh_materialized(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the tables behind materialized views (sql/refresh/), in one transaction."""
    in_transaction(con, [(text, []) for _, text in read_sql_files("refresh")])


def run_checks(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Run every sql/checks/*.sql; each returns offending rows, so zero rows passes."""
    return {name.removesuffix(".sql"): len(con.execute(text).fetchall())
            for name, text in read_sql_files("checks")}


def describe_schema(con: duckdb.DuckDBPyConnection) -> str:
    """Tables with their columns and types, and view definitions: a text to snapshot."""
    lines = []
    columns = con.execute("""
        SELECT table_name, column_name, data_type
        FROM information_schema.columns
        WHERE table_schema = 'main'
        ORDER BY table_name, ordinal_position
    """).fetchall()
    kinds = dict(con.execute("""
        SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'main'
    """).fetchall())
    for table, column, data_type in columns:
        lines.append(f"{kinds[table].lower()} {table}.{column} {data_type}")
    for name, sql in con.execute("""
        SELECT view_name, sql FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' ORDER BY view_name
    """).fetchall():
        lines.append(f"-- view {name}\n{sql.strip()}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m warehouse.schema: print the schema of a fresh warehouse
    with duckdb.connect() as fresh:
        migrate(fresh)
        print(describe_schema(fresh), end="")
