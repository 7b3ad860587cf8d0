-- Monthly exports in USD: the total, by item and by partner, with the year-on-year change.
SELECT
    month,
    coalesce(item, '(all goods)') AS item,
    coalesce(region, '(world)') AS partner,
    round(value / 1e9, 2) AS usd_billion,
    change_pct AS yoy_pct,
    published_on
FROM exports_monthly
WHERE unit = 'USD' OR unit IS NULL
ORDER BY month DESC, item IS NOT NULL, item, region IS NOT NULL, region;
