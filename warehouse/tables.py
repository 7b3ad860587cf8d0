"""Reads and writes of the warehouse tables; every value is bound or passed as an Arrow table.

Rows go in and out as Arrow tables and plain tuples: the pipeline's records are the
pipeline's business (tasks/store/rows.py turns them into these rows and back).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from warehouse.schemas import METRIC_SCHEMA


@dataclass(frozen=True)
class RunRecord:
    run_id: str
    flow: str
    started_at: dt.datetime  # the first attempt's start: a retried run keeps it
    attempts: int = 1


def fetch_current_versions(con: duckdb.DuckDBPyConnection, keys: list[str], site_ids: list[int] | None = None
                           ) -> list[tuple]:
    """The stored current versions of these natural keys and site ids: (natural_key, site_id,
    release_id, version, content_hash, body_complete, body) rows."""
    con.register("wanted_keys", pa.table({"natural_key": pa.array(keys, pa.string())}))
    con.register("wanted_ids", pa.table({"site_id": pa.array(site_ids or [], pa.int64())}))
    rows = con.execute("""
        SELECT v.natural_key, v.site_id, v.release_id, v.version, v.content_hash, v.body_complete, v.body
        FROM release_version_rows AS v
        WHERE v.valid_to IS NULL
          AND (v.natural_key IN (SELECT natural_key FROM wanted_keys)
               OR v.site_id IN (SELECT site_id FROM wanted_ids))
    """).fetchall()
    con.unregister("wanted_keys")
    con.unregister("wanted_ids")
    return rows


def read_site_state(con: duckdb.DuckDBPyConnection, revalidate_since: dt.date | None
                    ) -> tuple[set[int], list[int], list[int]]:
    """Site ids whose full page is loaded, those published since a date (to fetch again), and those
    known only from a listing preview (newest first: their pages are still wanted)."""
    rows = con.execute("""
        SELECT site_id, body_complete, published_on FROM release_version_rows
        WHERE valid_to IS NULL AND site_id IS NOT NULL
    """).fetchall()
    complete = {site_id for site_id, done, _ in rows if done}
    recent = sorted(site_id for site_id, done, published in rows
                    if done and revalidate_since is not None and published >= revalidate_since)
    incomplete = sorted((site_id for site_id, done, _ in rows if not done), reverse=True)
    return complete, recent, incomplete


def record_site_ids(con: duckdb.DuckDBPyConnection, site_ids: pa.Table) -> None:
    """Attach the site's id and URL (natural_key, site_id, url rows) to current versions known without them."""
    if not site_ids.num_rows:
        return
    con.register("site_ids", site_ids)
    con.execute("""
        UPDATE release_version_rows AS v SET site_id = s.site_id, url = s.url
        FROM site_ids AS s
        WHERE v.natural_key = s.natural_key AND v.valid_to IS NULL AND v.site_id IS NULL
    """)
    con.unregister("site_ids")


def write_attachments(con: duckdb.DuckDBPyConnection, attachments: pa.Table) -> None:
    if not attachments.num_rows:
        return
    con.register("incoming_attachments", attachments)
    con.execute("INSERT INTO release_attachment_rows BY NAME SELECT * FROM incoming_attachments")
    con.unregister("incoming_attachments")


def read_current_release_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The id of every release with a current version, in id order: re-extraction goes batch by batch."""
    return [rid for (rid,) in con.execute(
        "SELECT release_id FROM release_version_rows WHERE valid_to IS NULL ORDER BY release_id").fetchall()]


def read_current_releases(con: duckdb.DuckDBPyConnection, release_ids: list[str]) -> list[tuple]:
    """These releases' current versions, as stored, for re-extraction: (release_id, version, title,
    published_on, body, body_complete, source, category, site_id, url) rows, in id order."""
    con.register("wanted_releases", pa.table({"release_id": pa.array(release_ids, pa.string())}))
    rows = con.execute("""
        SELECT v.release_id, v.version, v.title, v.published_on, v.body, v.body_complete, v.source, v.category,
               v.site_id, v.url
        FROM release_version_rows AS v
        INNER JOIN wanted_releases AS w ON v.release_id = w.release_id
        WHERE v.valid_to IS NULL ORDER BY v.release_id
    """).fetchall()
    con.unregister("wanted_releases")
    return rows


def stamp_metrics(table: pa.Table, run_id: str, now: dt.datetime) -> pa.Table:
    """The run that loads the metrics, and when."""
    table = table.append_column(METRIC_SCHEMA.field("extracted_at"),
                                pa.array([now] * table.num_rows, pa.timestamp("us", tz="UTC")))
    return table.append_column(METRIC_SCHEMA.field("run_id"), pa.array([run_id] * table.num_rows, pa.string()))


def documents_known(con: duckdb.DuckDBPyConnection, hashes: list[str]) -> bool:
    """Whether every one of these content hashes is already among the raw documents."""
    con.register("asked_hashes", pa.table({"content_hash": pa.array(hashes, pa.string())}))
    missing = con.execute("""
        SELECT count(*) FROM asked_hashes WHERE content_hash NOT IN (SELECT content_hash FROM raw_documents)
    """).fetchall()[0][0]
    con.unregister("asked_hashes")
    return missing == 0


def store_documents(con: duckdb.DuckDBPyConnection, documents: pa.Table) -> None:
    """Keep each document's bytes once per content hash."""
    con.register("incoming_documents", documents)
    con.execute("""
        INSERT INTO raw_documents BY NAME
        SELECT DISTINCT ON (content_hash) * FROM incoming_documents
        WHERE content_hash NOT IN (SELECT content_hash FROM raw_documents)
    """)
    con.unregister("incoming_documents")


def write_versions(con: duckdb.DuckDBPyConnection, to_close: list[tuple[str, int]], versions: pa.Table,
                   now: dt.datetime) -> None:
    """Close the replaced versions ((release_id, version) rows) and add the new ones."""
    if to_close:
        closing = pa.table({"release_id": [rid for rid, _ in to_close],
                            "version": pa.array([v for _, v in to_close], pa.int32())})
        con.register("closing_versions", closing)
        con.execute("""
            UPDATE release_version_rows AS v SET valid_to = ?
            FROM closing_versions AS c
            WHERE v.release_id = c.release_id AND v.version = c.version
        """, [now])
        con.unregister("closing_versions")
    con.register("incoming_versions", versions)
    con.execute("INSERT INTO release_version_rows BY NAME SELECT * FROM incoming_versions")
    con.unregister("incoming_versions")


def write_metrics(con: duckdb.DuckDBPyConnection, table: pa.Table) -> int:
    con.register("incoming_metrics", table)
    con.execute("INSERT INTO metric_rows BY NAME SELECT * FROM incoming_metrics")
    con.unregister("incoming_metrics")
    return table.num_rows


def supersede_current_metrics(con: duckdb.DuckDBPyConnection, now: dt.datetime) -> int:
    """Mark every live metric row superseded (before a re-extraction writes its own)."""
    count = con.execute("SELECT count(*) FROM metric_rows WHERE superseded_at IS NULL").fetchall()[0][0]
    con.execute("UPDATE metric_rows SET superseded_at = ? WHERE superseded_at IS NULL", [now])
    return count


def write_rejections(con: duckdb.DuckDBPyConnection, rejections: list[tuple[str, str, str]], run_id: str,
                     now: dt.datetime) -> None:
    """Keep the set-aside input: (source, reason, excerpt) rows."""
    table = pa.table({
        "source": pa.array([source for source, _, _ in rejections], pa.string()),
        "reason": pa.array([reason for _, reason, _ in rejections], pa.string()),
        "excerpt": pa.array([excerpt for _, _, excerpt in rejections], pa.string()),
        "seen_at": pa.array([now] * len(rejections), pa.timestamp("us", tz="UTC")),
        "run_id": pa.array([run_id] * len(rejections), pa.string()),
    })
    con.register("incoming_rejections", table)
    con.execute("INSERT INTO rejected_rows BY NAME SELECT * FROM incoming_rejections")
    con.unregister("incoming_rejections")


def write_run(con: duckdb.DuckDBPyConnection, run: RunRecord, status: str, counts: dict[str, int],
              message: str | None, finished_at: dt.datetime) -> None:
    """Insert or update the run's row (a retried run keeps one row)."""
    con.execute("""
        INSERT OR REPLACE INTO run_rows
            (run_id, flow, started_at, finished_at, status, attempts, releases_new, releases_changed,
             releases_unchanged, releases_rejected, metrics_added, pages_fetched, requests, retries,
             newest_release_on, message)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                (SELECT max(published_on) FROM release_version_rows WHERE valid_to IS NULL), ?)
    """, [run.run_id, run.flow, run.started_at, finished_at, status, run.attempts, counts.get("new", 0),
          counts.get("changed", 0), counts.get("unchanged", 0), counts.get("rejected", 0),
          counts.get("metrics_added", 0), counts.get("pages_fetched", 0), counts.get("requests", 0),
          counts.get("retries", 0), message])
