-- What the nightly crawl adds: attachments of release pages, request counts of a run.

-- One row per attachment listed on a release version's page.
CREATE TABLE release_attachment_rows (
    release_id VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    url VARCHAR NOT NULL
);

ALTER TABLE run_rows ADD COLUMN pages_fetched INTEGER DEFAULT 0;
ALTER TABLE run_rows ADD COLUMN requests INTEGER DEFAULT 0;
ALTER TABLE run_rows ADD COLUMN retries INTEGER DEFAULT 0;
