-- A level without a unit cannot be compared with anything.
SELECT release_id, ordinal, value, evidence
FROM metrics
WHERE value IS NOT NULL AND unit IS NULL;
