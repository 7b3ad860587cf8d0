-- metric_series: one row per series (indicator, item, region, unit, period kind) and period.
-- The row is the figure that stands for the series and period.
-- The figure that stands: a release's own reference-period figure, exact and actual (standing 'reference'),
-- over passing mentions of other periods ('mention'), approximations and thresholds ('approximate'),
-- targets and forecasts ('target'), whatever their date; then a figure stating a level over one stating
-- only a change; among figures of equal standing the later release wins (the ministry revises
-- preliminary figures). A release's reference period is the period of its lead: of its first-stated
-- exact figure that names a period. Each row carries its evidence: the sentence, the release URL, and
-- (release_id, ordinal), which joins to the metric in `metrics`.
-- Rows are materialized by every load (sql/refresh/metric_series.sql), sorted by series and period.
CREATE OR REPLACE VIEW metric_series AS
SELECT
    series_key,
    indicator,
    item,
    region,
    unit,
    period_kind,
    period_start,
    period_end,
    value,
    change_pct,
    qualifier,
    standing,
    release_id,
    published_on,
    url,
    ordinal,
    evidence
FROM series_rows;
