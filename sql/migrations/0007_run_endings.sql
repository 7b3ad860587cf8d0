-- Every ending of a run gets its row (completed, failed, crashed, cancelled, interrupted, refused):
-- how many attempts it took, a retried run keeping one row and its first start.
ALTER TABLE run_rows ADD COLUMN attempts INTEGER DEFAULT 1;
