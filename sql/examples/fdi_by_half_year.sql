-- FDI pledged and arrived by half year, side by side, in USD billion.
SELECT
    year,
    half,
    coalesce(item, '(total)') AS category,
    coalesce(region, '(all origins)') AS origin,
    round(max(value) FILTER (WHERE kind = 'pledged') / 1e9, 2) AS pledged_usd_billion,
    max(change_pct) FILTER (WHERE kind = 'pledged') AS pledged_yoy_pct,
    round(max(value) FILTER (WHERE kind = 'arrived') / 1e9, 2) AS arrived_usd_billion,
    max(change_pct) FILTER (WHERE kind = 'arrived') AS arrived_yoy_pct
FROM fdi_half_yearly
GROUP BY year, half, item, region
ORDER BY year DESC, half DESC, item IS NOT NULL, item, region IS NOT NULL, region;
