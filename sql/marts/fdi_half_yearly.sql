-- fdi_half_yearly: one row per half year × kind (pledged, arrived) × item × region of foreign direct investment.
-- depends on: metric_series
-- Half-year series only (period_kind = 'half'): a quarter or a year is never a half.
-- Actual figures only: targets and forecasts stay in metric_series (and series_catalog).
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
    qualifier,
    release_id,
    published_on,
    url,
    evidence
FROM metric_series
WHERE indicator IN ('fdi pledged', 'fdi arrived') AND period_kind = 'half' AND qualifier NOT IN ('target', 'forecast');
