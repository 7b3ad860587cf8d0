-- The figure as written ("$56.6 billion") beside its offsets: how finely a figure was rounded is read
-- from it, where reading it out of the release body cost every check a join on every body.
ALTER TABLE metric_rows ADD COLUMN figure_text VARCHAR;
UPDATE metric_rows AS m
SET figure_text = substring(r.body, m.figure_start + 1, m.figure_end - m.figure_start)
FROM release_version_rows AS r
WHERE m.release_id = r.release_id AND m.version = r.version;
