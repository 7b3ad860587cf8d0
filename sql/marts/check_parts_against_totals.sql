-- check_parts_against_totals: one row per figure checked against the parts or the total it belongs with.
-- depends on: metric_rounding
-- Rules, each on exact levels of one period and unit:
--   exports - imports = trade balance (same item and region; the balance is the figure checked);
--   greenfield + M&A = total (FDI pledged or arrived, same region; the total is checked);
--   part <= total (a level with an item, or with a region, against the figure without it);
--   share x total = part (a "share of X" in percent: X's total times the share is X for the share's item).
-- The other figures come from the checked figure's release, else from the figure that stands for
-- that series and period (the latest release's exact figure). Tolerance: the half-steps the figures
-- were rounded to, added up (for the share, the half-width of the product's interval plus the part's).
CREATE OR REPLACE VIEW check_parts_against_totals AS
WITH levels AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY series_key, period_start, period_end ORDER BY published_on DESC, release_id DESC, ordinal
        ) = 1 AS stands
    FROM metric_rounding
    WHERE value IS NOT NULL AND qualifier = 'exact' AND period_start IS NOT NULL AND unit IS NOT NULL
),

balance_parts AS (
    SELECT c.*, w.role, w.role AS want_indicator, c.item AS want_item, c.region AS want_region,
           'exports - imports = trade balance' AS rule
    FROM levels AS c
    CROSS JOIN (VALUES ('exports'), ('imports')) AS w (role)
    WHERE c.indicator = 'trade balance'
),

investment_parts AS (
    SELECT c.*, w.role, c.indicator AS want_indicator, w.role AS want_item, c.region AS want_region,
           'greenfield + M&A = total' AS rule
    FROM levels AS c
    CROSS JOIN (VALUES ('greenfield'), ('M&A')) AS w (role)
    WHERE c.indicator IN ('fdi pledged', 'fdi arrived') AND c.item IS NULL
),

part_totals AS (
    SELECT c.*, 'total' AS role, c.indicator AS want_indicator,
           CASE WHEN w.without = 'item' THEN NULL ELSE c.item END AS want_item,
           CASE WHEN w.without = 'region' THEN NULL ELSE c.region END AS want_region,
           'part <= total' AS rule
    FROM levels AS c
    CROSS JOIN (VALUES ('item'), ('region')) AS w (without)
    WHERE c.value > 0 AND c.unit IN ('USD', 'KRW', 'units', 'tons')
      AND c.indicator NOT IN ('trade balance', 'emission reduction')
      AND ((w.without = 'item' AND c.item IS NOT NULL) OR (w.without = 'region' AND c.region IS NOT NULL))
),

wanted AS (
    SELECT * FROM balance_parts
    UNION ALL BY NAME
    SELECT * FROM investment_parts
    UNION ALL BY NAME
    SELECT * FROM part_totals
),

standing_levels AS (
    SELECT * FROM levels
    WHERE stands
),

-- A part from the checked figure's own release, or the one that stands: two joins on equal keys, not
-- one with "same release OR stands", which pairs every figure of a series and period with every other.
candidates AS (
    SELECT w.*, p.release_id AS part_release_id, p.ordinal AS part_ordinal, p.evidence AS part_evidence,
           p.value AS part_value, p.value_half_step AS part_half_step
    FROM wanted AS w
    INNER JOIN levels AS p
        ON w.release_id = p.release_id AND w.want_indicator = p.indicator AND p.item IS NOT DISTINCT FROM w.want_item
        AND p.region IS NOT DISTINCT FROM w.want_region AND w.unit = p.unit
        AND w.period_start = p.period_start AND w.period_end = p.period_end
    UNION ALL
    SELECT w.*, p.release_id AS part_release_id, p.ordinal AS part_ordinal, p.evidence AS part_evidence,
           p.value AS part_value, p.value_half_step AS part_half_step
    FROM wanted AS w
    INNER JOIN standing_levels AS p
        ON w.want_indicator = p.indicator AND p.item IS NOT DISTINCT FROM w.want_item
        AND p.region IS NOT DISTINCT FROM w.want_region AND w.unit = p.unit
        AND w.period_start = p.period_start AND w.period_end = p.period_end
),

found AS (
    SELECT * FROM candidates
    QUALIFY row_number() OVER (
        PARTITION BY release_id, ordinal, rule, role, want_item, want_region
        ORDER BY (part_release_id = release_id) DESC, part_ordinal
    ) = 1
),

additive AS (
    SELECT
        rule,
        any_value(indicator) AS indicator,
        any_value(item) AS item,
        any_value(region) AS region,
        any_value(unit) AS unit,
        any_value(period_start) AS period_start,
        any_value(period_end) AS period_end,
        release_id,
        ordinal,
        any_value(evidence) AS evidence,
        any_value(value) AS stated,
        any_value(value_half_step) AS stated_half_step,
        min(part_release_id) FILTER (WHERE role IN ('exports', 'greenfield', 'total')) AS other_release_id,
        min(part_ordinal) FILTER (WHERE role IN ('exports', 'greenfield', 'total')) AS other_ordinal,
        min(part_evidence) FILTER (WHERE role IN ('exports', 'greenfield', 'total')) AS other_evidence,
        min(part_release_id) FILTER (WHERE role IN ('imports', 'M&A')) AS third_release_id,
        min(part_ordinal) FILTER (WHERE role IN ('imports', 'M&A')) AS third_ordinal,
        min(part_evidence) FILTER (WHERE role IN ('imports', 'M&A')) AS third_evidence,
        sum(CASE WHEN role = 'imports' THEN -part_value ELSE part_value END) AS expected,
        sum(part_half_step) AS parts_half_step,
        count(*) AS figures
    FROM found
    GROUP BY
        rule,
        release_id,
        ordinal,
        CASE WHEN rule = 'part <= total' THEN concat_ws('|', coalesce(want_item, '-'), coalesce(want_region, '-')) END
    HAVING count(*) = CASE WHEN rule = 'part <= total' THEN 1 ELSE 2 END
),

shares AS (
    SELECT
        s.*,
        t.release_id AS total_release_id,
        t.ordinal AS total_ordinal,
        t.evidence AS total_evidence,
        t.value AS total_value,
        t.value_half_step AS total_half_step,
        p.ordinal AS part_ordinal,
        p.evidence AS part_evidence,
        p.value AS part_value,
        p.value_half_step AS part_half_step,
        p.unit AS part_unit
    FROM metric_rounding AS s
    INNER JOIN levels AS t
        ON s.release_id = t.release_id AND t.indicator = substring(s.indicator, 10) AND t.item IS NULL
        AND t.region IS NOT DISTINCT FROM s.region
        AND s.period_start = t.period_start AND s.period_end = t.period_end
    INNER JOIN levels AS p
        ON s.release_id = p.release_id AND t.indicator = p.indicator AND s.item = p.item AND t.unit = p.unit
        AND p.region IS NOT DISTINCT FROM s.region
        AND s.period_start = p.period_start AND s.period_end = p.period_end
    WHERE s.indicator LIKE 'share of %' AND s.unit = 'percent' AND s.value IS NOT NULL
      AND s.qualifier = 'exact' AND s.item IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY s.release_id, s.ordinal ORDER BY t.ordinal, p.ordinal) = 1
),

judged_shares AS (
    SELECT
        *,
        (value - value_half_step) * (total_value - total_half_step) / 100 AS low,
        (value + value_half_step) * (total_value + total_half_step) / 100 AS high
    FROM shares
)

SELECT
    'parts against totals' AS kind,
    rule,
    CASE
        WHEN rule = 'part <= total' AND stated - expected <= stated_half_step + parts_half_step THEN 'agrees'
        WHEN rule <> 'part <= total' AND abs(stated - expected) <= stated_half_step + parts_half_step
            THEN 'agrees'
        ELSE 'disagrees'
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
    other_release_id,
    other_ordinal,
    other_evidence,
    third_release_id,
    third_ordinal,
    third_evidence,
    expected,
    stated,
    stated - expected AS gap,
    stated_half_step + parts_half_step AS tolerance
FROM additive
UNION ALL
SELECT
    'parts against totals' AS kind,
    'share x total = part' AS rule,
    CASE WHEN abs(part_value - (low + high) / 2) <= (high - low) / 2 + part_half_step
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
    total_release_id AS other_release_id,
    total_ordinal AS other_ordinal,
    total_evidence AS other_evidence,
    release_id AS third_release_id,
    part_ordinal AS third_ordinal,
    part_evidence AS third_evidence,
    (low + high) / 2 AS expected,
    part_value AS stated,
    part_value - (low + high) / 2 AS gap,
    (high - low) / 2 + part_half_step AS tolerance
FROM judged_shares;
