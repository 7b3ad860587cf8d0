-- exports_monthly: one row per month × item × region × unit of exports (null item / region: the total).
-- depends on: metric_series
-- Month series only (period_kind = 'month'): a half-year or year-to-date figure is never a month.
-- Actual figures only: targets and forecasts stay in metric_series (and series_catalog).
CREATE OR REPLACE VIEW exports_monthly AS
SELECT period_start AS month, item, region, unit, value, change_pct, qualifier, release_id, published_on, url, evidence
FROM metric_series
WHERE indicator = 'exports' AND period_kind = 'month' AND qualifier NOT IN ('target', 'forecast');
