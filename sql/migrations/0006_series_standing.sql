-- The kind of period is part of a series, and each materialized series row says which figure stands
-- for its period (its qualifier and standing) and where it was stated (release URL, sentence, ordinal).
-- series_rows is rebuilt by sql/refresh/metric_series.sql after this migration.
DELETE FROM series_rows;
ALTER TABLE series_rows ADD COLUMN period_kind VARCHAR;
ALTER TABLE series_rows ADD COLUMN qualifier VARCHAR;
ALTER TABLE series_rows ADD COLUMN standing VARCHAR;
ALTER TABLE series_rows ADD COLUMN url VARCHAR;
ALTER TABLE series_rows ADD COLUMN ordinal INTEGER;
ALTER TABLE series_rows ADD COLUMN evidence VARCHAR;
