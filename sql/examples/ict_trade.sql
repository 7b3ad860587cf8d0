-- ICT trade: exports, imports and the balance of ICT goods by period, and exports by ICT product.
SELECT
    indicator,
    item,
    coalesce(region, '(world)') AS partner,
    period_start,
    period_end,
    round(value / 1e9, 2) AS usd_billion,
    change_pct
FROM metric_series
WHERE indicator IN ('exports', 'imports', 'trade balance')
  AND (item = 'ICT' OR item IN ('semiconductors', 'semiconductor', 'displays', 'mobile phones',
                                'computers/peripherals', 'communication devices'))
ORDER BY period_end DESC, indicator, item = 'ICT' DESC, item, region IS NOT NULL, region;
