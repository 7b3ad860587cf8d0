-- Which run fetched a page: a retried run reuses what it fetched before and fetches what failed.
ALTER TABLE archive_fetches ADD COLUMN run_id VARCHAR;

-- The requests of every attempt of a run, so a retried run reports all it cost.
CREATE TABLE archive_attempts (
    run_id VARCHAR NOT NULL,
    ended_at TIMESTAMPTZ NOT NULL,
    requests INTEGER NOT NULL,
    retries INTEGER NOT NULL
);
