-- Rebuild series_rows from the current metrics: per series (its period kind included) and period, the
-- figure of highest standing (see sql/staging/metric_facts.sql); a figure stating a level before one
-- stating only a change; among equals the latest release (the ministry revises preliminary figures).
DELETE FROM series_rows;
INSERT INTO series_rows (
    series_key, indicator, item, region, unit, period_start, period_end, value, change_pct, release_id,
    published_on, period_kind, qualifier, standing, url, ordinal, evidence
)
SELECT
    series_key,
    indicator,
    item,
    region,
    unit,
    period_start,
    period_end,
    value,
    change_pct,
    release_id,
    published_on,
    period_kind,
    qualifier,
    standing,
    url,
    ordinal,
    evidence
FROM metric_facts
QUALIFY row_number() OVER (
    PARTITION BY series_key, period_start, period_end
    ORDER BY standing_rank, (value IS NULL), published_on DESC, release_id DESC, ordinal
) = 1
ORDER BY series_key, period_start;
