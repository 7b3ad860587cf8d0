-- metric_facts (staging): one row per metric of a current release version that names a period, with its series key.
-- depends on: metrics
CREATE OR REPLACE VIEW metric_facts AS
SELECT
    concat_ws(' | ', indicator, coalesce(item, '-'), coalesce(region, '-'), coalesce(unit, '-')) AS series_key,
    indicator,
    item,
    region,
    unit,
    period_start,
    period_end,
    value,
    change_pct,
    change_basis,
    release_id,
    published_on,
    title,
    url,
    ordinal
FROM metrics
WHERE period_start IS NOT NULL;
