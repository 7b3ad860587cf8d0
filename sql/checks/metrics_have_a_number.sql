-- A metric row states a level or a change; a row with neither is an extraction fault.
SELECT release_id, ordinal, evidence
FROM metrics
WHERE value IS NULL AND change_pct IS NULL;
