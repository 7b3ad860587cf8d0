-- check_change_against_level: one row per stated yoy or mom change whose level and earlier period's level are known.
-- depends on: metric_rounding
-- "rose 3.1 % to $56.6 billion" implies the same series a year (yoy) or a month (mom) earlier at
-- level / (1 + change / 100). The level is the change's own, else its release's figure for that
-- series and period (third_*). The earlier figure is the one that stands for that period: the
-- latest release's exact figure. Rounding: the level is within level ± value_half_step and the
-- change within change ± change_half_step, so the earlier level lies between
-- (level - dl) / (1 + (change + dc) / 100) and (level + dl) / (1 + (change - dc) / 100); expected is
-- that interval's middle, and tolerance its half-width plus the earlier figure's own half-step.
CREATE OR REPLACE VIEW check_change_against_level AS
WITH levels AS (
    SELECT * FROM metric_rounding
    WHERE value IS NOT NULL AND qualifier = 'exact' AND period_start IS NOT NULL
),

standing AS (
    SELECT * FROM levels
    QUALIFY row_number() OVER (
        PARTITION BY series_key, period_start, period_end ORDER BY published_on DESC, release_id DESC, ordinal
    ) = 1
),

same_release_levels AS (
    SELECT * FROM levels
    QUALIFY row_number() OVER (PARTITION BY release_id, series_key, period_start, period_end ORDER BY ordinal) = 1
),

changes AS (
    SELECT
        c.*,
        CASE c.change_basis
            WHEN 'yoy' THEN (c.period_start - INTERVAL 1 YEAR)::DATE
            ELSE (c.period_start - INTERVAL 1 MONTH)::DATE
        END AS earlier_start,
        CASE c.change_basis
            WHEN 'yoy' THEN ((c.period_end + 1) - INTERVAL 1 YEAR)::DATE - 1
            ELSE c.period_start - 1
        END AS earlier_end,
        coalesce(c.value, l.value) AS level,
        coalesce(c.value_half_step, l.value_half_step) AS level_half_step,
        CASE WHEN c.value IS NULL THEN l.release_id END AS level_release_id,
        CASE WHEN c.value IS NULL THEN l.ordinal END AS level_ordinal,
        CASE WHEN c.value IS NULL THEN l.evidence END AS level_evidence
    FROM metric_rounding AS c
    LEFT JOIN same_release_levels AS l
        ON c.value IS NULL AND c.release_id = l.release_id AND c.series_key = l.series_key
        AND c.period_start = l.period_start AND c.period_end = l.period_end
    WHERE c.change_pct IS NOT NULL AND c.change_pct > -100 AND c.qualifier = 'exact'
      AND (c.change_basis = 'yoy' OR (c.change_basis = 'mom' AND c.period_kind = 'month'))
),

implied AS (
    SELECT
        c.*,
        e.release_id AS earlier_release_id,
        e.ordinal AS earlier_ordinal,
        e.evidence AS earlier_evidence,
        e.value AS earlier_value,
        e.value_half_step AS earlier_half_step,
        (c.level - c.level_half_step) / (1 + (c.change_pct + c.change_half_step) / 100) AS low,
        (c.level + c.level_half_step) / greatest(1 + (c.change_pct - c.change_half_step) / 100, 1e-9) AS high
    FROM changes AS c
    INNER JOIN standing AS e
        ON c.series_key = e.series_key AND c.earlier_start = e.period_start AND c.earlier_end = e.period_end
    WHERE c.level > 0
)

SELECT
    'change against level' AS kind,
    change_basis AS rule,
    CASE WHEN abs(earlier_value - (low + high) / 2) <= (high - low) / 2 + earlier_half_step
        THEN 'agrees' ELSE 'disagrees' END AS verdict,
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
    level_release_id AS third_release_id,
    level_ordinal AS third_ordinal,
    level_evidence AS third_evidence,
    (low + high) / 2 AS expected,
    earlier_value AS stated,
    earlier_value - (low + high) / 2 AS gap,
    (high - low) / 2 + earlier_half_step AS tolerance
FROM implied;
