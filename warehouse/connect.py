"""The one way this project opens a DuckDB file: with a bounded memory budget.

DuckDB's default budget is 80 % of the machine's memory; a nightly job sharing a machine with
analysts and a Prefect server keeps to a fixed budget instead (MOTIE_DUCKDB_MEMORY, default
512MB). Larger queries spill to disk rather than failing; checkpoints cannot: writing the v1.2.0
format below, DuckDB 2.0's checkpoint needs memory that grows with the tables (a load of 100,000
releases failed at 256MB with "Failed to create checkpoint ... failed to allocate", and passes
at 512MB; the v1.3.0 and later formats stay flat at ~130 MB).

Files are written in DuckDB's v1.2.0 storage format, so analysts' clients of DuckDB 1.2 and newer (DBeaver,
R, the CLI, older Python) open the published warehouse; DuckDB keeps writing a file in the format it was
created with, and warehouse.files rewrites a file made in a newer format when it copies it.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

STORAGE_VERSION = "v1.2.0"


def memory_budget() -> str:
    return os.environ.get("MOTIE_DUCKDB_MEMORY", "512MB")


def query_budget() -> str:
    """The budget of the steps that query the whole warehouse but checkpoint little, the series
    refresh and the report (MOTIE_DUCKDB_QUERY_MEMORY, default 256MB). The checkpoint's need is
    what sets the 512MB, and DuckDB fills whatever budget it has with these queries' joins and
    windows, at the end of a load, where its memory peaks. At 100,000 releases the report's figure
    checks need ~220MB and the refresh less (both spill the rest to disk)."""
    return os.environ.get("MOTIE_DUCKDB_QUERY_MEMORY", "256MB")


def connect(path: Path | str | None = None, read_only: bool = False,
            memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """A connection within memory_limit, by default the project's budget (memory_budget())."""
    return duckdb.connect(str(path) if path is not None else ":memory:", read_only=read_only,
                          config={"memory_limit": memory_limit or memory_budget(),
                                  "storage_compatibility_version": STORAGE_VERSION})


def storage_version(con: duckdb.DuckDBPyConnection) -> str:
    """The storage format of a connection's database file ('v1.2.0+', 'v2.0.0+'; '' in memory)."""
    rows = con.execute("SELECT tags['storage_version'] FROM duckdb_databases() "
                       "WHERE database_name = current_database()").fetchall()
    return (rows[0][0] or "") if rows else ""


INTERRUPTED_QUERY = "Query interrupted"  # what DuckDB raises when a signal arrives mid-query


def is_interrupted_query(exc: BaseException) -> bool:
    """DuckDB turns a signal during a query (Ctrl-C, SIGTERM) into this RuntimeError."""
    return isinstance(exc, RuntimeError) and str(exc) == INTERRUPTED_QUERY
