-- metric_trust: one row per current metric, with the checks it took part in and a trust label.
-- depends on: metrics, metric_checks
-- A figure takes part in a check as the figure checked or as one it was checked against; when two
-- figures disagree both are counted, since the check cannot tell which one is wrong.
-- trust: disputed (a check disagrees or finds it suspect), superseded (a later release revised it),
-- confirmed (another figure agrees with it), unconfirmed (checked, but only against bounds or as
-- the revising figure), unchecked.
CREATE OR REPLACE VIEW metric_trust AS
-- The checks are read once (a materialized CTE): each reference of a view is otherwise evaluated again.
WITH checks AS MATERIALIZED (
    SELECT
        release_id,
        ordinal,
        other_release_id,
        other_ordinal,
        third_release_id,
        third_ordinal,
        kind,
        verdict
    FROM metric_checks
),

roles AS (
    SELECT release_id, ordinal, kind, verdict, 'checked' AS role FROM checks
    UNION ALL
    SELECT other_release_id, other_ordinal, kind, verdict, 'other' AS role FROM checks
    WHERE other_release_id IS NOT NULL
    UNION ALL
    SELECT third_release_id, third_ordinal, kind, verdict, 'other' AS role FROM checks
    WHERE third_release_id IS NOT NULL
),

counted AS (
    SELECT
        release_id,
        ordinal,
        count(*) AS checks,
        count(*) FILTER (WHERE verdict = 'agrees') AS checks_passed,
        count(*) FILTER (WHERE verdict IN ('disagrees', 'suspect')) AS checks_failed,
        count(*) FILTER (WHERE verdict = 'revision' AND role = 'other') AS times_revised,
        count(*) FILTER (WHERE verdict = 'agrees' AND kind <> 'plausibility') AS agreements
    FROM roles
    GROUP BY release_id, ordinal
)

SELECT
    m.release_id,
    m.ordinal,
    m.indicator,
    m.item,
    m.region,
    m.period_start,
    m.period_end,
    m.value,
    m.unit,
    m.change_pct,
    coalesce(c.checks, 0) AS checks,
    coalesce(c.checks_passed, 0) AS checks_passed,
    coalesce(c.checks_failed, 0) AS checks_failed,
    coalesce(c.times_revised, 0) AS times_revised,
    CASE
        WHEN c.checks_failed > 0 THEN 'disputed'
        WHEN c.times_revised > 0 THEN 'superseded'
        WHEN c.agreements > 0 THEN 'confirmed'
        WHEN c.checks > 0 THEN 'unconfirmed'
        ELSE 'unchecked'
    END AS trust
FROM metrics AS m
LEFT JOIN counted AS c ON m.release_id = c.release_id AND m.ordinal = c.ordinal;
