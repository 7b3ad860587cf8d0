-- counts (report query): one row: releases, metrics, series, set-aside input, releases known from a preview only.
SELECT
    (SELECT count(*) FROM releases) AS releases,
    (SELECT count(*) FROM metrics) AS metrics,
    (SELECT count(*) FROM series_catalog) AS series,
    (SELECT count(*) FROM rejected) AS rejected,
    (
        SELECT count(*) FROM releases
        WHERE NOT body_complete
    ) AS incomplete;
