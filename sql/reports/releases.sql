-- releases (report query): one row per release, newest first.
SELECT release_id, title, published_on, url
FROM releases
ORDER BY published_on DESC, release_id;
