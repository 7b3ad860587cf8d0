-- duty_rates: one row per trade-remedy duty rate stated for a product and origin, in the release that stated it.
-- depends on: metrics
CREATE OR REPLACE VIEW duty_rates AS
SELECT indicator AS duty, item AS product, region AS origin, value AS rate_percent, release_id, title, published_on, url
FROM metrics
WHERE indicator LIKE '%duty%' AND unit = 'percent';
