"""The page archive's tables come from its own recorded migrations (sql/archive/)."""
import datetime as dt

import duckdb

from tasks.fetch.client import FetchedPage
from warehouse.archive import PageArchive
from warehouse.schema import known_migrations

PAGE = FetchedPage(url="https://english.motir.go.kr/x", status=200, content=b"<html>x</html>",
                   fetched_at=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))


def recorded(path) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return [name for (name,) in con.execute("SELECT name FROM schema_migrations ORDER BY version").fetchall()]


def test_a_new_archive_records_its_migrations_once(tmp_path):
    path = tmp_path / "w.pages.duckdb"
    with PageArchive(path) as archive:
        content_hash = archive.store(PAGE, "listing")
    with PageArchive(path) as archive:
        assert archive.content(content_hash) == PAGE.content
    assert recorded(path) == [name for _, name, _ in known_migrations("archive")]


def test_an_archive_made_before_its_migrations_keeps_its_pages(tmp_path):
    path = tmp_path / "old.pages.duckdb"
    with duckdb.connect(str(path)) as con:  # what an archive looked like before: its tables, no record
        con.execute("CREATE TABLE archive_pages (content_hash VARCHAR PRIMARY KEY, content BLOB NOT NULL)")
        con.execute("INSERT INTO archive_pages VALUES ('h', 'kept'::BLOB)")
    with PageArchive(path) as archive:
        assert archive.content("h") == b"kept"
    assert recorded(path) == [name for _, name, _ in known_migrations("archive")]
