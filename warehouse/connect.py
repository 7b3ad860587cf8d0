"""The one way this project opens a DuckDB file: with a bounded memory budget.

DuckDB's default budget is 80 % of the machine's memory; a nightly job sharing a machine with
analysts and a Prefect server keeps to a fixed budget instead (MOTIE_DUCKDB_MEMORY, default
256MB). Larger work spills to disk rather than failing.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb


def memory_budget() -> str:
    return os.environ.get("MOTIE_DUCKDB_MEMORY", "256MB")


def connect(path: Path | str | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path) if path is not None else ":memory:", read_only=read_only,
                          config={"memory_limit": memory_budget()})
