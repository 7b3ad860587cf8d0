"""The pipeline's steps: plain functions, and thin Prefect tasks around the I/O ones."""
