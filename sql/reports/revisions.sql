-- revisions (report query): one row per revision, newest first.
SELECT
    indicator, item, region, period_start, period_end, previous_value, revised_value, unit,
    previous_release_id, revised_release_id
FROM metric_revisions
ORDER BY revised_published_on DESC;
