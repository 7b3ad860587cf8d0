-- latest_values (report query): one row per series, its latest figure, newest periods first.
SELECT
    indicator, item, region, period_kind, latest_period_start, latest_period_end, latest_value, unit,
    latest_qualifier, latest_release_id, points
FROM series_catalog
WHERE latest_value IS NOT NULL
ORDER BY latest_period_end DESC, indicator, item NULLS FIRST, region NULLS FIRST;
