-- check_plausibility: one row per figure that a bound applies to, judged against it.
-- depends on: metric_rounding
-- Bounds: a change on a national total (no item, no region) within ±300 %; a share at most 100 %;
-- a level of exports or imports not negative. A figure outside its bound is suspect, not wrong:
-- the ministry may state one, so it is for an analyst to look at.
CREATE OR REPLACE VIEW check_plausibility AS
WITH bounded AS (
    SELECT *, 'change within 300 % on a national total' AS rule, abs(change_pct) AS figure, 300.0 AS bound
    FROM metric_rounding
    WHERE change_pct IS NOT NULL AND item IS NULL AND region IS NULL
    UNION ALL
    SELECT *, 'share at most 100 %' AS rule, value AS figure, 100.0 AS bound
    FROM metric_rounding
    WHERE indicator LIKE 'share of %' AND unit = 'percent' AND value IS NOT NULL
    UNION ALL
    SELECT *, 'exports and imports not negative' AS rule, -value AS figure, 0.0 AS bound
    FROM metric_rounding
    WHERE indicator IN ('exports', 'imports') AND unit IN ('USD', 'KRW', 'units', 'tons') AND value IS NOT NULL
)

SELECT
    'plausibility' AS kind,
    rule,
    CASE WHEN figure <= bound THEN 'agrees' ELSE 'suspect' END AS verdict,
    indicator,
    item,
    region,
    unit,
    period_start,
    period_end,
    release_id,
    ordinal,
    evidence,
    NULL::VARCHAR AS other_release_id,
    NULL::INTEGER AS other_ordinal,
    NULL::VARCHAR AS other_evidence,
    NULL::VARCHAR AS third_release_id,
    NULL::INTEGER AS third_ordinal,
    NULL::VARCHAR AS third_evidence,
    bound AS expected,
    figure AS stated,
    figure - bound AS gap,
    0.0 AS tolerance
FROM bounded;
