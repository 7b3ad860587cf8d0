"""Parse: listing text and release pages into releases, deduplicated and planned as versions.

Plain code: nothing here imports Prefect or DuckDB.
"""
