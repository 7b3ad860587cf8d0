"""Prefect flows that compose the pipeline's steps, and the `motie` command line."""
