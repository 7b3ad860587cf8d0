"""The page archive: every fetched page exactly as fetched, kept beside the warehouse.

It is written page by page as the crawl goes (each page committed before it is
parsed), so a crawl killed halfway keeps what it fetched and the next run reuses it
instead of fetching again. Parsing reads from here, never from the network.
The same bytes are stored once; every fetch is logged with its URL and status.
Its tables are the migrations in sql/archive/.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from warehouse.connect import connect
from warehouse.schema import migrate_archive


class FetchedPage(Protocol):
    """What the archive keeps of a fetch (the site client's FetchedPage has these attributes)."""

    url: str
    status: int
    content: bytes
    fetched_at: dt.datetime
    etag: str | None
    last_modified: str | None
    content_type: str | None


@dataclass(frozen=True)
class ArchivedFetch:
    url: str
    site_id: int | None
    status: int
    fetched_at: dt.datetime
    content_hash: str
    etag: str | None
    last_modified: str | None


def archive_path(published: Path) -> Path:
    return published.with_name(published.stem + ".pages.duckdb")


class PageArchive:
    def __init__(self, path: Path):
        self.con = connect(path)
        migrate_archive(self.con)  # its tables are sql/archive/'s migrations, recorded like the warehouse's

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> PageArchive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def store(self, page: FetchedPage, kind: str, site_id: int | None = None, run_id: str | None = None) -> str:
        """Keep the page and log the fetch, committed at once; returns the content hash."""
        content_hash = hashlib.sha256(page.content).hexdigest()
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("INSERT INTO archive_pages VALUES (?, ?) ON CONFLICT DO NOTHING",
                         [content_hash, page.content])
        self.con.execute("""
            INSERT INTO archive_fetches (url, kind, site_id, status, fetched_at, content_hash, etag,
                                         last_modified, content_type, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, [page.url, kind, site_id, page.status, page.fetched_at, content_hash, page.etag,
              page.last_modified, page.content_type, run_id])
        self.con.execute("COMMIT")
        return content_hash

    def content(self, content_hash: str) -> bytes:
        rows = self.con.execute("SELECT content FROM archive_pages WHERE content_hash = ?",
                                [content_hash]).fetchall()
        if not rows:
            raise KeyError(f"no archived page with hash {content_hash}")
        return rows[0][0]

    def latest_release_fetch(self, site_id: int, since: dt.datetime | None = None) -> ArchivedFetch | None:
        """The newest successful fetch of a release's page (optionally no older than since)."""
        rows = self.con.execute("""
            SELECT url, site_id, status, fetched_at, content_hash, etag, last_modified
            FROM archive_fetches
            WHERE kind = 'release' AND site_id = ? AND status = 200 AND fetched_at >= ?
            ORDER BY fetched_at DESC LIMIT 1
        """, [site_id, since or dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)]).fetchall()
        return ArchivedFetch(*rows[0]) if rows else None

    def fetched_by_run(self, run_id: str, kind: str, url: str = "", site_id: int | None = None
                       ) -> ArchivedFetch | None:
        """This run's newest usable answer (200, or 304 to a revalidation) for a release (by its id)
        or a listing page (by its URL), if an earlier attempt had one."""
        rows = self.con.execute("""
            SELECT url, site_id, status, fetched_at, content_hash, etag, last_modified
            FROM archive_fetches
            WHERE run_id = ? AND kind = ? AND status IN (200, 304)
              AND (site_id = ? OR (? IS NULL AND url = ?))
            ORDER BY fetched_at DESC LIMIT 1
        """, [run_id, kind, site_id, site_id, url]).fetchall()
        return ArchivedFetch(*rows[0]) if rows else None

    def record_attempt(self, run_id: str, requests: int, retries: int) -> None:
        self.con.execute("INSERT INTO archive_attempts VALUES (?, ?, ?, ?)",
                         [run_id, dt.datetime.now(dt.timezone.utc), requests, retries])

    def run_requests(self, run_id: str) -> tuple[int, int]:
        """Requests and retries of every attempt of a run."""
        row = self.con.execute("""
            SELECT coalesce(sum(requests), 0), coalesce(sum(retries), 0) FROM archive_attempts WHERE run_id = ?
        """, [run_id]).fetchone()
        return int(row[0]), int(row[1])
