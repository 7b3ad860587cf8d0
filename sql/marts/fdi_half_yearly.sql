-- fdi_half_yearly: one row per half year × kind (pledged, arrived) × item × region of foreign direct investment.
-- depends on: metric_series
CREATE OR REPLACE VIEW fdi_half_yearly AS
SELECT
    year(period_start) AS year,
    CASE WHEN month(period_start) = 1 THEN 'H1' ELSE 'H2' END AS half,
    replace(indicator, 'fdi ', '') AS kind,
    item,
    region,
    unit,
    value,
    change_pct,
    release_id,
    published_on
FROM metric_series
WHERE indicator IN ('fdi pledged', 'fdi arrived')
  AND month(period_start) IN (1, 7) AND day(period_start) = 1
  AND period_end = last_day(period_start + INTERVAL 5 MONTH);
