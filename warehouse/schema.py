"""Numbered migrations, views by layer and data checks, applied from the files in sql/."""
from __future__ import annotations

import datetime as dt
import re
from importlib.resources import files

import duckdb

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
DEPENDS_ON = re.compile(r"^-- depends on: (.+)$", re.MULTILINE)
# Views are applied layer by layer (a mart reads staging views, never the other way round);
# within a layer, after the views a file declares it depends on, else in name order.
VIEW_LAYERS = ("staging", "marts")
WAREHOUSE_MIGRATIONS = "migrations"
ARCHIVE_MIGRATIONS = "archive"


class WarehouseTooNew(RuntimeError):
    """The warehouse was written by a newer version of motie-etl than this one."""


def read_sql_files(folder: str) -> list[tuple[str, str]]:
    """(file name, text) of every .sql file of a folder under sql/, in name order."""
    root = files("sql").joinpath(folder)
    entries = [entry for entry in root.iterdir() if entry.name.endswith(".sql")]
    return [(entry.name, entry.read_text(encoding="utf-8")) for entry in sorted(entries, key=lambda e: e.name)]


def known_migrations(folder: str = WAREHOUSE_MIGRATIONS) -> list[tuple[int, str, str]]:
    migrations = []
    for name, text in read_sql_files(folder):
        match = MIGRATION_NAME.match(name)
        if not match:
            raise ValueError(f"migration file {name!r} is not named NNNN_words.sql")
        migrations.append((int(match.group(1)), name, text))
    return migrations


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Bring a warehouse to the current schema: the migrations it lacks, then the views; the
    materialized tables are rebuilt whenever a migration was applied (they may depend on it)."""
    done = apply_migrations(con, WAREHOUSE_MIGRATIONS)
    refresh_views(con)
    if done:
        refresh_materialized(con)
    return done


def migrate_archive(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Bring a page archive to the current schema (sql/archive/)."""
    return apply_migrations(con, ARCHIVE_MIGRATIONS)


def apply_migrations(con: duckdb.DuckDBPyConnection, folder: str) -> list[str]:
    """Apply the migrations of sql/<folder>/ this database lacks, each in its own transaction."""
    con.execute("""
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)
    """)
    applied = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    migrations = known_migrations(folder)
    refuse_if_newer(applied, max(version for version, _, _ in migrations))
    done = []
    for version, name, text in migrations:
        if version not in applied:
            apply_migration(con, version, name, text)
            done.append(name)
    return done


def refuse_if_newer(applied: set[int], newest_known: int) -> None:
    if applied and max(applied) > newest_known:
        raise WarehouseTooNew(
            f"this warehouse is at schema version {max(applied)}, newer than this motie-etl "
            f"(which knows up to {newest_known}); upgrade motie-etl to load into it")


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


def view_files() -> list[tuple[str, str, str]]:
    """(layer, view name, text) of every view, in the order they can be created."""
    ordered = []
    for layer in VIEW_LAYERS:
        texts = {name.removesuffix(".sql"): text for name, text in read_sql_files(layer)}
        ordered += [(layer, view, texts[view]) for view in dependency_order(texts)]
    return ordered


def declared_dependencies(text: str) -> list[str]:
    """The views a view file says it reads (its `-- depends on: a, b` line)."""
    match = DEPENDS_ON.search(text)
    return [name.strip() for name in match.group(1).split(",")] if match else []


def dependency_order(texts: dict[str, str]) -> list[str]:
    """Views of one layer, each after those of the layer it depends on, else in name order."""
    ordered: list[str] = []

    def place(view: str, path: tuple[str, ...]) -> None:
        if view in ordered or view not in texts:  # not in texts: a view of an earlier layer
            return
        if view in path:
            raise ValueError(f"views depend on each other in a circle: {' -> '.join(path + (view,))}")
        for dependency in declared_dependencies(texts[view]):
            place(dependency, path + (view,))
        ordered.append(view)

    for view in sorted(texts):
        place(view, ())
    return ordered


def refresh_views(con: duckdb.DuckDBPyConnection) -> None:
    """Views are defined by their files; re-creating them is idempotent."""
    in_transaction(con, [(text, []) for _, _, text in view_files()])


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
