-- Trade-remedy duty rates by product and origin, newest decision first.
SELECT product, origin, duty, rate_percent, published_on, title
FROM duty_rates
ORDER BY published_on DESC, product, rate_percent;
