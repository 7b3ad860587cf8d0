-- The page archive (motie.pages.duckdb, beside the warehouse): every fetched page exactly as fetched.
-- IF NOT EXISTS: archives made before the archive had migrations hold these tables already.

-- Each distinct content once, by its SHA-256.
CREATE TABLE IF NOT EXISTS archive_pages (
    content_hash VARCHAR PRIMARY KEY,
    content BLOB NOT NULL
);

-- One row per fetch: what was asked, what came back, and when.
CREATE TABLE IF NOT EXISTS archive_fetches (
    url VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    site_id BIGINT,
    status INTEGER NOT NULL,
    fetched_at TIMESTAMPTZ NOT NULL,
    content_hash VARCHAR NOT NULL,
    etag VARCHAR,
    last_modified VARCHAR,
    content_type VARCHAR
);
