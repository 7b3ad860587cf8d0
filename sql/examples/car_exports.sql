-- Car exports in units and in value: vehicles, models and parts, by period and partner.
SELECT
    period_start,
    period_end,
    item,
    coalesce(region, '(world)') AS partner,
    max(value) FILTER (WHERE unit = 'units') AS units,
    round(max(value) FILTER (WHERE unit = 'USD') / 1e6, 1) AS usd_million,
    max(change_pct) AS change_pct
FROM metric_series
WHERE indicator = 'exports'
  AND regexp_matches(lower(coalesce(item, '')), 'automobile|vehicle|car|truck|ev\b|parts')
GROUP BY period_start, period_end, item, region
ORDER BY period_end DESC, item, region IS NOT NULL, region;
