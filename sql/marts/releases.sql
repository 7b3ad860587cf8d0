-- releases: one row per release, its current version.
-- depends on: release_versions
CREATE OR REPLACE VIEW releases AS
SELECT
    release_id,
    url,
    title,
    published_on,
    body,
    body_complete,
    version,
    content_hash,
    first_seen_at,
    changed_at,
    category,
    site_id
FROM release_versions
WHERE valid_to IS NULL;
