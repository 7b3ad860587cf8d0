-- The newest release date a run left in the warehouse, to notice a source that goes backwards.
ALTER TABLE run_rows ADD COLUMN newest_release_on DATE;
