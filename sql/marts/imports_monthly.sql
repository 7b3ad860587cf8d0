-- imports_monthly: one row per month × item × region × unit of imports (null item / region: the total).
-- depends on: metric_series
CREATE OR REPLACE VIEW imports_monthly AS
SELECT period_start AS month, item, region, unit, value, change_pct, release_id, published_on
FROM metric_series
WHERE indicator = 'imports' AND day(period_start) = 1 AND period_end = last_day(period_start);
