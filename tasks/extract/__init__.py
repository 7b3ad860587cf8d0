"""The metric extractor: a plain package (no Prefect, no DuckDB), its lexicon as data in lexicon/."""
from tasks.extract.extractor import EXTRACTOR_VERSION, Metric, extract_many, extract_metrics, period_kind
from tasks.extract.segment import split_sentences

__all__ = ["EXTRACTOR_VERSION", "Metric", "extract_many", "extract_metrics", "period_kind", "split_sentences"]
