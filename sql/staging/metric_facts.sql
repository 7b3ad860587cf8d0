-- metric_facts (staging): one row per metric of a current release version that names a period.
-- Each with its series key and standing.
-- depends on: metrics
-- A series is indicator × item × region × unit × period kind: a month never shares a line with a half year.
-- Standing (rank 1 stands highest) says how much a figure speaks for its series and period:
--   1 reference   exact, and its period is the release's own reference period: the period of the
--                 release's lead, i.e. of its first-stated exact figure that names a period
--   2 mention     exact, about another period (a passing mention of an earlier month, a year so far)
--   3 approximate approximate, at least, at most (thresholds and rounded figures)
--   4 target      targets and forecasts
CREATE OR REPLACE VIEW metric_facts AS
WITH dated AS (
    SELECT
        *,
        coalesce(period_kind, CASE
            WHEN day(period_start) <> 1 OR period_end <> last_day(period_end) THEN 'other'
            WHEN date_diff('month', period_start, period_end) = 0 THEN 'month'
            WHEN date_diff('month', period_start, period_end) = 2 AND month(period_start) IN (1, 4, 7, 10)
                THEN 'quarter'
            WHEN date_diff('month', period_start, period_end) = 5 AND month(period_start) IN (1, 7) THEN 'half'
            WHEN date_diff('month', period_start, period_end) = 11 AND month(period_start) = 1 THEN 'year'
            ELSE 'cumulative'
        END) AS kind,
        coalesce(qualifier, 'exact') AS figure_qualifier
    FROM metrics
    WHERE period_start IS NOT NULL
),

reference AS (
    SELECT release_id, arg_min(period_start, ordinal) AS period_start, arg_min(period_end, ordinal) AS period_end
    FROM dated
    WHERE figure_qualifier = 'exact'
    GROUP BY release_id
),

ranked AS (
    SELECT
        d.*,
        CASE
            WHEN d.figure_qualifier = 'exact' AND d.period_start = r.period_start AND d.period_end = r.period_end
                THEN 1
            WHEN d.figure_qualifier = 'exact' THEN 2
            WHEN d.figure_qualifier IN ('approximate', 'at least', 'at most') THEN 3
            ELSE 4
        END AS standing_rank
    FROM dated AS d
    LEFT JOIN reference AS r ON d.release_id = r.release_id
)

SELECT
    concat_ws(' | ', indicator, coalesce(item, '-'), coalesce(region, '-'), coalesce(unit, '-'), kind) AS series_key,
    indicator,
    item,
    region,
    unit,
    kind AS period_kind,
    period_start,
    period_end,
    value,
    change_pct,
    change_basis,
    figure_qualifier AS qualifier,
    standing_rank,
    CASE standing_rank WHEN 1 THEN 'reference' WHEN 2 THEN 'mention' WHEN 3 THEN 'approximate' ELSE 'target' END
        AS standing,
    release_id,
    published_on,
    title,
    url,
    ordinal,
    evidence,
    period_rule
FROM ranked;
