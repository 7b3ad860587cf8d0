"""Arrow schemas of the rows the pipeline loads: pyarrow only, so the extraction worker processes
can build their tables without importing DuckDB."""
from __future__ import annotations

import pyarrow as pa

VERSION_SCHEMA = pa.schema([
    ("release_id", pa.string()), ("version", pa.int32()), ("natural_key", pa.string()),
    ("site_id", pa.int64()), ("url", pa.string()), ("category", pa.string()), ("title", pa.string()),
    ("published_on", pa.date32()), ("body", pa.string()), ("body_complete", pa.bool_()),
    ("content_hash", pa.string()), ("source", pa.string()), ("valid_from", pa.timestamp("us", tz="UTC")),
    ("run_id", pa.string()),
])
METRIC_SCHEMA = pa.schema([
    ("release_id", pa.string()), ("version", pa.int32()), ("ordinal", pa.int32()),
    ("extractor_version", pa.string()), ("indicator", pa.string()), ("item", pa.string()),
    ("region", pa.string()), ("period_start", pa.date32()), ("period_end", pa.date32()),
    ("value", pa.float64()), ("unit", pa.string()), ("change_pct", pa.float64()),
    ("change_basis", pa.string()), ("evidence", pa.string()), ("figure_start", pa.int32()),
    ("figure_end", pa.int32()), ("period_kind", pa.string()), ("qualifier", pa.string()),
    ("item_as_written", pa.string()), ("indicator_rule", pa.string()), ("item_rule", pa.string()),
    ("period_rule", pa.string()), ("region_rule", pa.string()), ("figure_text", pa.string()),
    ("extracted_at", pa.timestamp("us", tz="UTC")), ("run_id", pa.string()),
])
