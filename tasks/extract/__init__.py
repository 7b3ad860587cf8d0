"""Extract: the metric extractor, a plain package (no Prefect, no DuckDB) with its vocabulary beside it."""
from tasks.extract.rules import EXTRACTOR_VERSION, Metric, extract_many, extract_metrics

__all__ = ["EXTRACTOR_VERSION", "Metric", "extract_many", "extract_metrics"]
