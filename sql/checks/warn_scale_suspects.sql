-- A figure about 1,000 times off its series' neighbours smells of a scale slip (million read as billion).
-- A warning, not a failure (the name starts with warn_): a real series may jump, rarely this far.
WITH ordered AS (
    SELECT
        series_key,
        period_start,
        period_end,
        value,
        release_id,
        lag(value) OVER by_series AS previous_value,
        lead(value) OVER by_series AS next_value
    FROM metric_series
    WHERE value > 0 AND unit IN ('USD', 'KRW', 'units', 'tons', 'tCO2eq')
    WINDOW by_series AS (PARTITION BY series_key, period_end - period_start ORDER BY period_start)
)
SELECT series_key, period_start, period_end, value, previous_value, next_value, release_id
FROM ordered
WHERE previous_value IS NOT NULL
  AND greatest(value / previous_value, previous_value / value) >= 300
  AND (next_value IS NULL OR greatest(value / next_value, next_value / value) >= 300);
