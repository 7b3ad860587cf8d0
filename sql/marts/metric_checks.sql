-- metric_checks: one row per check made on a figure: its kind and rule, the figures involved and the verdict.
-- depends on: check_change_against_level, check_parts_against_totals, check_restatements, check_plausibility
-- A figure is (release_id, ordinal) of `metrics`; other_* and third_* are the figures it was checked
-- against. Verdicts: agrees, disagrees, revision (a later exact figure replaces an earlier one),
-- suspect (implausible, or a restatement that is no revision).
CREATE OR REPLACE VIEW metric_checks AS
WITH checks AS (
    SELECT * FROM check_change_against_level
    UNION ALL BY NAME
    SELECT * FROM check_parts_against_totals
    UNION ALL BY NAME
    SELECT * FROM check_restatements
    UNION ALL BY NAME
    SELECT * FROM check_plausibility
)

SELECT
    c.kind,
    c.rule,
    c.verdict,
    c.indicator,
    c.item,
    c.region,
    c.unit,
    c.period_start,
    c.period_end,
    c.release_id,
    c.ordinal,
    r.published_on,
    c.evidence,
    c.other_release_id,
    c.other_ordinal,
    o.published_on AS other_published_on,
    c.other_evidence,
    c.third_release_id,
    c.third_ordinal,
    c.third_evidence,
    c.expected,
    c.stated,
    c.gap,
    c.tolerance
FROM checks AS c
INNER JOIN release_version_rows AS r ON c.release_id = r.release_id AND r.valid_to IS NULL
LEFT JOIN release_version_rows AS o ON c.other_release_id = o.release_id AND o.valid_to IS NULL;
