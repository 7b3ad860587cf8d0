"""What the demo releases (flows/demo_data/releases.txt) yield: the rows of the golden file.

Computed by the pipeline's own plain code, as a load does it: parse the listing text,
one release per natural key, extract each release's metrics, number them from 1.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from flows.settings import demo_releases_path
from tasks.extract import extract_metrics
from tasks.parse.dedupe import dedupe_releases
from tasks.parse.listing_text import parse_listing_document
from tasks.records import RawDocument, release_id_for

GOLDEN = Path(__file__).with_name("demo_metrics.jsonl")
# The columns of the `metrics` view that say what was read; the extractor's version is left
# out so that a version bump alone does not touch the file.
COLUMNS = ("release_id", "published_on", "ordinal", "indicator", "item", "region", "period_start", "period_end",
           "value", "unit", "change_pct", "change_basis", "figure_start", "figure_end", "period_kind", "qualifier",
           "item_as_written", "indicator_rule", "item_rule", "period_rule", "region_rule")


def demo_metric_rows() -> list[dict]:
    """Every metric of the demo releases, ordered by release date, release and ordinal."""
    path = demo_releases_path()
    document = RawDocument(source=str(path), content=path.read_bytes(), media_type="text/plain",
                           received_at=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc), label=path.name)
    releases, rejections = parse_listing_document(document)
    if rejections:
        raise ValueError(f"the demo releases no longer parse: {rejections[0]}")
    rows = []
    for release in dedupe_releases(releases):
        release_id = release_id_for(release.natural_key)
        for ordinal, metric in enumerate(extract_metrics(release.body, release.published_on, release.title),
                                         start=1):
            row = {"release_id": release_id, "published_on": release.published_on, "ordinal": ordinal}
            row.update((name, getattr(metric, name)) for name in COLUMNS[3:])
            row["figure"] = release.body[metric.figure_start:metric.figure_end]  # what a reviewer reads
            rows.append(row)
    return sorted(rows, key=lambda r: (r["published_on"], r["release_id"], r["ordinal"]))


def as_lines(rows: list[dict]) -> list[str]:
    """One JSON object a line, dates as ISO text."""
    return [json.dumps({k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()},
                       ensure_ascii=False) for row in rows]


def read_golden() -> list[str]:
    return GOLDEN.read_text(encoding="utf-8").splitlines()
