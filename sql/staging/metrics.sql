-- metrics: one row per metric stated in the current version of a release (current extractor output).
CREATE OR REPLACE VIEW metrics AS
SELECT
    m.release_id,
    r.title,
    r.published_on,
    r.url,
    m.indicator,
    m.item,
    m.region,
    m.period_start,
    m.period_end,
    m.value,
    m.unit,
    m.change_pct,
    m.change_basis,
    m.evidence,
    m.extractor_version,
    m.ordinal,
    m.figure_start,
    m.figure_end,
    m.figure_text,
    m.period_kind,
    m.qualifier,
    m.item_as_written,
    m.indicator_rule,
    m.item_rule,
    m.period_rule,
    m.region_rule
FROM metric_rows AS m
INNER JOIN release_version_rows AS r
    ON m.release_id = r.release_id AND m.version = r.version
WHERE r.valid_to IS NULL AND m.superseded_at IS NULL;
