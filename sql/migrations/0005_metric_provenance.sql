-- What kind of period and of figure each metric is, its item as written, and the rules that
-- chose its indicator, item, period and region (so a wrong row is traced to its rule in SQL).
-- Rows written before these columns existed keep nulls until `motie reextract`.
ALTER TABLE metric_rows ADD COLUMN period_kind VARCHAR;
ALTER TABLE metric_rows ADD COLUMN qualifier VARCHAR;
ALTER TABLE metric_rows ADD COLUMN item_as_written VARCHAR;
ALTER TABLE metric_rows ADD COLUMN indicator_rule VARCHAR;
ALTER TABLE metric_rows ADD COLUMN item_rule VARCHAR;
ALTER TABLE metric_rows ADD COLUMN period_rule VARCHAR;
ALTER TABLE metric_rows ADD COLUMN region_rule VARCHAR;
