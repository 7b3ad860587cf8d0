-- release_attachments: one row per attachment of the current version of a release.
CREATE OR REPLACE VIEW release_attachments AS
SELECT a.release_id, a.version, a.name, a.url
FROM release_attachment_rows AS a
INNER JOIN release_version_rows AS v
    ON a.release_id = v.release_id AND a.version = v.version
WHERE v.valid_to IS NULL;
