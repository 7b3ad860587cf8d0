-- trade_balance_monthly: one row per month × item of the trade balance (null item: all goods).
-- depends on: metric_series
CREATE OR REPLACE VIEW trade_balance_monthly AS
SELECT period_start AS month, item, region, unit, value, release_id, published_on
FROM metric_series
WHERE indicator = 'trade balance' AND day(period_start) = 1 AND period_end = last_day(period_start);
