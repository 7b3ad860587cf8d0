-- metric_series is read far more often than it changes: each load materializes it once here,
-- so a series query reads rows instead of ranking every metric.
CREATE TABLE series_rows (
    series_key VARCHAR NOT NULL,
    indicator VARCHAR NOT NULL,
    item VARCHAR,
    region VARCHAR,
    unit VARCHAR,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    value DOUBLE,
    change_pct DOUBLE,
    release_id VARCHAR NOT NULL,
    published_on DATE NOT NULL
);
