-- trade_balance_monthly: one row per month × item of the trade balance (null item: all goods).
-- depends on: metric_series
-- Month series only (period_kind = 'month').
-- Actual figures only: targets and forecasts stay in metric_series (and series_catalog).
CREATE OR REPLACE VIEW trade_balance_monthly AS
SELECT period_start AS month, item, region, unit, value, qualifier, release_id, published_on, url, evidence
FROM metric_series
WHERE indicator = 'trade balance' AND period_kind = 'month' AND qualifier NOT IN ('target', 'forecast');
