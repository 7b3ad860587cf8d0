-- A figure about 1,000 times off its series' neighbours smells of a scale slip (million read as billion).
-- A warning, not a failure (the name starts with warn_): a real series may jump, rarely this far.
-- Off from both neighbours; at either end of a series, off from the two nearest figures.
WITH ordered AS (
    SELECT
        series_key,
        period_start,
        period_end,
        value,
        release_id,
        lag(value) OVER by_series AS previous_value,
        lag(value, 2) OVER by_series AS second_previous,
        lead(value) OVER by_series AS next_value,
        lead(value, 2) OVER by_series AS second_next
    FROM metric_series
    WHERE value > 0 AND unit IN ('USD', 'KRW', 'units', 'tons', 'tCO2eq')
    WINDOW by_series AS (PARTITION BY series_key
                         ORDER BY period_start)
),

judged AS (
    SELECT
        *,
        greatest(value / previous_value, previous_value / value) >= 300 AS off_previous,
        greatest(value / second_previous, second_previous / value) >= 300 AS off_second_previous,
        greatest(value / next_value, next_value / value) >= 300 AS off_next,
        greatest(value / second_next, second_next / value) >= 300 AS off_second_next
    FROM ordered
)

SELECT series_key, period_start, period_end, value, previous_value, next_value, release_id
FROM judged
WHERE (off_previous AND off_next)
   OR (off_previous AND next_value IS NULL AND off_second_previous)
   OR (off_next AND previous_value IS NULL AND off_second_next);
