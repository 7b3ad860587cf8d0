"""Checks that fail a run loudly: data checks, counts that drop, a source that stops or goes back."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from warehouse.connect import connect
from warehouse.schema import run_checks

# Counts that a load must never lower (nothing is deleted), and by how much metrics may shrink
# (a re-extraction can legitimately find fewer).
NEVER_DROP = ("release_version_rows", "raw_documents", "run_rows")
METRICS_MAY_SHRINK = 0.2
WARNING_PREFIX = "warn_"  # a check named warn_* warns in the run summary; any other fails the run


@dataclass
class Health:
    failed: dict[str, str] = field(default_factory=dict)  # check -> what is wrong (fails the run)
    warnings: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)


# One fixed query: table names are never formatted into SQL. Its columns are NEVER_DROP and "metrics".
COUNTS = """
    SELECT
        (SELECT count(*) FROM release_version_rows) AS release_version_rows,
        (SELECT count(*) FROM raw_documents) AS raw_documents,
        (SELECT count(*) FROM run_rows) AS run_rows,
        -- from the base tables, not the metrics view: an older warehouse being upgraded may lack the view
        (SELECT count(*) FROM metric_rows AS m
         JOIN release_version_rows AS r ON m.release_id = r.release_id AND m.version = r.version
         WHERE r.valid_to IS NULL AND m.superseded_at IS NULL) AS metrics
"""


def count_rows(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    cursor = con.execute(COUNTS)
    names = [column[0] for column in cursor.description]
    return dict(zip(names, cursor.fetchall()[0], strict=True))


def published_counts(published: Path) -> dict[str, int] | None:
    if not published.exists():
        return None
    with connect(published, read_only=True) as con:
        tables = {name for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        return count_rows(con) if set(NEVER_DROP) <= tables else None


def check_health(con: duckdb.DuckDBPyConnection, before: dict[str, int] | None,
                 stale_after_days: int | None = None, today: dt.date | None = None) -> Health:
    health = Health()
    for name, rows in run_checks(con).items():
        if rows and name.startswith(WARNING_PREFIX):
            health.warnings.append(f"{name}: {rows} rows (see sql/checks/{name}.sql)")
        elif rows:
            health.failed[name] = f"{rows} offending rows"
        else:
            health.passed.append(name)
    check_counts(count_rows(con), before, health)
    if stale_after_days is not None:
        check_freshness(con, stale_after_days, today or dt.date.today(), health)
    return health


def check_counts(after: dict[str, int], before: dict[str, int] | None, health: Health) -> None:
    if before is None:
        return
    for table in NEVER_DROP:
        if after[table] < before[table]:
            health.failed[f"{table} count"] = f"dropped from {before[table]} to {after[table]}"
    if before["metrics"] and after["metrics"] < (1 - METRICS_MAY_SHRINK) * before["metrics"]:
        health.failed["metrics count"] = f"dropped from {before['metrics']} to {after['metrics']}"
    health.passed.append("counts")


def check_freshness(con: duckdb.DuckDBPyConnection, stale_after_days: int, today: dt.date,
                    health: Health) -> None:
    newest = con.execute(
        "SELECT max(published_on) FROM release_version_rows WHERE valid_to IS NULL").fetchall()[0][0]
    previous = con.execute("""
        SELECT newest_release_on FROM run_rows WHERE status = 'completed' AND newest_release_on IS NOT NULL
        ORDER BY finished_at DESC LIMIT 1""").fetchall()
    if newest is None:
        health.warnings.append("no release at all in the warehouse")
        return
    if previous and newest < previous[0][0]:
        health.failed["freshness"] = (f"the newest release is now {newest}, older than the {previous[0][0]} "
                                      "the last run left: releases disappeared from the warehouse")
        return
    if (today - newest).days > stale_after_days:
        health.warnings.append(f"no new release for {(today - newest).days} days (newest {newest})")
    health.passed.append("freshness")
