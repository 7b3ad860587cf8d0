-- Rebuild series_rows from the current metrics: per series and period, the latest release wins.
DELETE FROM series_rows;
INSERT INTO series_rows
SELECT
    series_key,
    indicator,
    item,
    region,
    unit,
    period_start,
    period_end,
    value,
    change_pct,
    release_id,
    published_on
FROM metric_facts
QUALIFY row_number() OVER (
    PARTITION BY series_key, period_start, period_end
    ORDER BY published_on DESC, release_id DESC, (value IS NULL), ordinal
) = 1
ORDER BY series_key, period_start;
