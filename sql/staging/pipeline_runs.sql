-- pipeline_runs: one row per flow run.
CREATE OR REPLACE VIEW pipeline_runs AS
SELECT
    run_id,
    flow,
    started_at,
    finished_at,
    status,
    attempts,
    releases_new,
    releases_changed,
    releases_unchanged,
    releases_rejected,
    metrics_added,
    pages_fetched,
    requests,
    retries,
    newest_release_on,
    message
FROM run_rows;
