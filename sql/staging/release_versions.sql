-- release_versions: one row per version of every release; valid_to is NULL for the current one.
CREATE OR REPLACE VIEW release_versions AS
WITH first_seen AS (
    SELECT release_id, min(valid_from) AS first_seen_at
    FROM release_version_rows
    GROUP BY release_id
)

SELECT
    v.release_id,
    v.url,
    v.title,
    v.published_on,
    v.body,
    v.body_complete,
    v.version,
    v.content_hash,
    f.first_seen_at,
    v.valid_from AS changed_at,
    v.category,
    v.site_id,
    v.source,
    v.valid_from,
    v.valid_to
FROM release_version_rows AS v
INNER JOIN first_seen AS f ON v.release_id = f.release_id;
