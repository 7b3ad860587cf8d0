-- metric_series: one row per series (indicator, item, region, unit) and period; the latest release wins.
-- Rows are materialized by every load (sql/refresh/metric_series.sql), sorted by series and period.
CREATE OR REPLACE VIEW metric_series AS
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
FROM series_rows;
