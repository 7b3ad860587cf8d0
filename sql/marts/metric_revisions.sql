-- metric_revisions: one row per series, period and revision: a later release stating another figure
-- of the same standing as the figure that stands.
-- depends on: metric_facts
-- Only figures of the standing that decides metric_series are compared (a release's own reference
-- figures, when the series and period has one): a passing mention, threshold or target of another
-- value is no revision.
CREATE OR REPLACE VIEW metric_revisions AS
WITH classed AS (
    SELECT
        *,
        standing_rank * 2 + (value IS NULL)::INTEGER AS figure_class,
        min(standing_rank * 2 + (value IS NULL)::INTEGER) OVER (
            PARTITION BY series_key, period_start, period_end
        ) AS standing_class
    FROM metric_facts
),

stated AS (
    SELECT
        *,
        lag(value) OVER by_series AS previous_value,
        lag(change_pct) OVER by_series AS previous_change_pct,
        lag(release_id) OVER by_series AS previous_release_id,
        lag(published_on) OVER by_series AS previous_published_on
    FROM classed
    WHERE figure_class = standing_class
    WINDOW by_series AS (PARTITION BY series_key, period_start, period_end ORDER BY published_on, release_id, ordinal)
)

SELECT
    series_key,
    indicator,
    item,
    region,
    unit,
    period_kind,
    period_start,
    period_end,
    previous_value,
    value AS revised_value,
    previous_change_pct,
    change_pct AS revised_change_pct,
    previous_release_id,
    previous_published_on,
    release_id AS revised_release_id,
    published_on AS revised_published_on,
    standing
FROM stated
WHERE previous_release_id IS NOT NULL
  AND previous_release_id <> release_id
  AND (value IS DISTINCT FROM previous_value OR change_pct IS DISTINCT FROM previous_change_pct);
