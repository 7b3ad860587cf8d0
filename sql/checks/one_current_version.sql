-- Every release has exactly one current version.
SELECT release_id, count(*) AS current_versions
FROM release_version_rows
WHERE valid_to IS NULL
GROUP BY release_id
HAVING count(*) <> 1;
