-- exports_monthly: one row per month × item × region × unit of exports (null item / region: the total).
CREATE OR REPLACE VIEW exports_monthly AS
SELECT period_start AS month, item, region, unit, value, change_pct, release_id, published_on
FROM metric_series
WHERE indicator = 'exports' AND day(period_start) = 1 AND period_end = last_day(period_start);

-- imports_monthly: one row per month × item × region × unit of imports (null item / region: the total).
CREATE OR REPLACE VIEW imports_monthly AS
SELECT period_start AS month, item, region, unit, value, change_pct, release_id, published_on
FROM metric_series
WHERE indicator = 'imports' AND day(period_start) = 1 AND period_end = last_day(period_start);

-- trade_balance_monthly: one row per month × item of the trade balance (null item: all goods).
CREATE OR REPLACE VIEW trade_balance_monthly AS
SELECT period_start AS month, item, region, unit, value, release_id, published_on
FROM metric_series
WHERE indicator = 'trade balance' AND day(period_start) = 1 AND period_end = last_day(period_start);

-- fdi_half_yearly: one row per half year × kind (pledged, arrived) × item × region of foreign direct investment.
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

-- duty_rates: one row per trade-remedy duty rate stated for a product and origin, in the release that stated it.
CREATE OR REPLACE VIEW duty_rates AS
SELECT indicator AS duty, item AS product, region AS origin, value AS rate_percent, release_id, title, published_on, url
FROM metrics
WHERE indicator LIKE '%duty%' AND unit = 'percent';
