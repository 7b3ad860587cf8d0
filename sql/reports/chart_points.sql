-- chart_points (report query): one row per series row with a level, with its series' coverage and evidence.
-- Families are indicator × period kind; a family's series are ranked by how many exact points they have.
-- Targets and forecasts are no observations: they are not charted (series_catalog lists them).
SELECT
    s.indicator,
    s.period_kind,
    s.unit,
    s.series_key,
    s.item,
    s.region,
    s.period_start,
    s.period_end,
    s.value,
    s.qualifier,
    s.release_id,
    s.url,
    s.evidence,
    r.title,
    s.published_on,
    c.exact_points
FROM metric_series AS s
INNER JOIN series_catalog AS c ON s.series_key = c.series_key
LEFT JOIN releases AS r ON s.release_id = r.release_id
WHERE s.value IS NOT NULL AND s.unit IS NOT NULL AND s.qualifier NOT IN ('target', 'forecast')
ORDER BY s.indicator, s.period_kind, c.exact_points DESC, s.series_key, s.period_start;
