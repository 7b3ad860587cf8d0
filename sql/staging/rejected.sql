-- rejected: one row per piece of input set aside, with the reason.
CREATE OR REPLACE VIEW rejected AS
SELECT source, reason, excerpt, seen_at, run_id
FROM rejected_rows;
