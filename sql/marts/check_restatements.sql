-- check_restatements: one row per figure that states a series and period an earlier statement already gave.
-- depends on: metric_rounding
-- Statements (exact or approximate; targets, forecasts and bounds state no fact) of one series and
-- period are ordered by release date; each is compared with the one before it, its level with the
-- earlier level (rule `level`) and its change with the earlier change of the same basis (rule
-- `change`). Equal within the two half-steps: agrees. Else, within one release: disagrees (one
-- release cannot state two figures for one fact); a later exact figure for a period already over when
-- it was published is the ministry's revision; anything else is suspect.
CREATE OR REPLACE VIEW check_restatements AS
WITH statements AS (
    SELECT *, period_end < published_on AS after_period
    FROM metric_rounding
    WHERE qualifier IN ('exact', 'approximate') AND period_start IS NOT NULL
),

levels AS (
    SELECT
        'level' AS rule,
        *,
        value AS figure,
        value_half_step AS half_step,
        lag(release_id) OVER by_series AS earlier_release_id,
        lag(ordinal) OVER by_series AS earlier_ordinal,
        lag(evidence) OVER by_series AS earlier_evidence,
        lag(value) OVER by_series AS earlier_figure,
        lag(value_half_step) OVER by_series AS earlier_half_step
    FROM statements
    WHERE value IS NOT NULL
    WINDOW by_series AS (PARTITION BY series_key, period_start, period_end ORDER BY published_on, release_id, ordinal)
),

changes AS (
    SELECT
        'change' AS rule,
        *,
        change_pct AS figure,
        change_half_step AS half_step,
        lag(release_id) OVER by_series AS earlier_release_id,
        lag(ordinal) OVER by_series AS earlier_ordinal,
        lag(evidence) OVER by_series AS earlier_evidence,
        lag(change_pct) OVER by_series AS earlier_figure,
        lag(change_half_step) OVER by_series AS earlier_half_step
    FROM statements
    WHERE change_pct IS NOT NULL AND change_basis IS NOT NULL
    WINDOW by_series AS (
        PARTITION BY series_key, period_start, period_end, change_basis ORDER BY published_on, release_id, ordinal
    )
),

pairs AS (
    SELECT * FROM levels
WHERE earlier_release_id IS NOT NULL
    UNION ALL BY NAME
    SELECT * FROM changes
WHERE earlier_release_id IS NOT NULL
)

SELECT
    'restatement' AS kind,
    rule,
    CASE
        WHEN abs(figure - earlier_figure) <= half_step + earlier_half_step THEN 'agrees'
        WHEN release_id = earlier_release_id THEN 'disagrees'
        WHEN qualifier = 'exact' AND after_period THEN 'revision'
        ELSE 'suspect'
    END AS verdict,
    indicator,
    item,
    region,
    unit,
    period_start,
    period_end,
    release_id,
    ordinal,
    evidence,
    earlier_release_id AS other_release_id,
    earlier_ordinal AS other_ordinal,
    earlier_evidence AS other_evidence,
    NULL::VARCHAR AS third_release_id,
    NULL::INTEGER AS third_ordinal,
    NULL::VARCHAR AS third_evidence,
    earlier_figure AS expected,
    figure AS stated,
    figure - earlier_figure AS gap,
    half_step + earlier_half_step AS tolerance
FROM pairs;
