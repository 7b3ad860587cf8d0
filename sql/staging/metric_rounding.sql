-- metric_rounding (staging): one row per current metric, with its series key and how finely its figures were stated.
-- depends on: metrics
-- A figure stated as "$56.6 billion" is the true value rounded to 0.1 billion, so it may be off by
-- half a step (0.05 billion): value_half_step. The step is read from the figure as written
-- (figure_text); where the written number does not scale to the value, three significant digits are assumed.
-- A change is read to its decimals: 6.4 or "7.0 percent" in the sentence -> 0.05, a bare "7 percent" -> 0.5.
CREATE OR REPLACE VIEW metric_rounding AS
WITH written AS (
    SELECT
        m.*,
        concat_ws(
            ' | ', m.indicator, coalesce(m.item, '-'), coalesce(m.region, '-'), coalesce(m.unit, '-'),
            coalesce(m.period_kind, '-')
        ) AS series_key,
        replace(regexp_extract(m.figure_text, '[0-9][0-9,]*(\.[0-9]+)?'), ',', '') AS number_text
    FROM metrics AS m
),

scaled AS (
    SELECT
        *,
        coalesce(length(nullif(split_part(number_text, '.', 2), '')), 0) AS written_decimals,
        abs(value) / nullif(try_cast(number_text AS DOUBLE), 0) AS written_scale
    FROM written
)

SELECT
    release_id,
    ordinal,
    title,
    published_on,
    series_key,
    indicator,
    item,
    region,
    unit,
    period_kind,
    period_start,
    period_end,
    qualifier,
    value,
    change_pct,
    change_basis,
    evidence,
    CASE
        WHEN value IS NULL THEN NULL
        WHEN abs(log10(written_scale) - round(log10(written_scale))) < 1e-6
            THEN 0.5 * written_scale * pow(10, -written_decimals)
        WHEN value = 0 THEN 0.5
        ELSE 0.5 * pow(10, floor(log10(abs(value))) - 2)
    END AS value_half_step,
    CASE
        WHEN change_pct IS NULL THEN NULL
        WHEN change_pct <> round(change_pct, 1) THEN 0.005::DOUBLE
        WHEN change_pct <> round(change_pct) OR contains(evidence, printf('%.1f', abs(change_pct))) THEN 0.05::DOUBLE
        ELSE 0.5::DOUBLE
    END AS change_half_step
FROM scaled;
