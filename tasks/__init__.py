"""The pipeline's stages: fetch, parse, extract, report as plain code; their Prefect tasks in tasks.steps."""
