-- series_catalog: one row per series (indicator, item, region, unit, period kind).
-- What exists, over which periods, and its latest figure.
-- depends on: metric_series
CREATE OR REPLACE VIEW series_catalog AS
SELECT
    series_key,
    indicator,
    item,
    region,
    unit,
    period_kind,
    min(period_start) AS first_period_start,
    max(period_end) AS last_period_end,
    count(*) AS points,
    count(*) FILTER (WHERE qualifier = 'exact') AS exact_points,
    arg_max(value, period_end) AS latest_value,
    arg_max(period_start, period_end) AS latest_period_start,
    max(period_end) AS latest_period_end,
    arg_max(qualifier, period_end) AS latest_qualifier,
    arg_max(release_id, period_end) AS latest_release_id,
    arg_max(published_on, period_end) AS latest_published_on,
    arg_max(url, period_end) AS latest_url
FROM metric_series
GROUP BY series_key, indicator, item, region, unit, period_kind;
