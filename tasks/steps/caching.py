"""Cache keys that let a retried flow run skip the steps that already succeeded.

A retry from the Prefect UI runs the same flow run again: steps whose results were
persisted under the same key are read back instead of run. Keys name what a step's
result depends on, never a DuckDB connection or anything else unpicklable:
- the crawl is not cached: the page archive keeps each page as it comes, so a retry reuses
  what was fetched and fetches again what failed (a cached crawl result would replay its failure);
- parsing: everything that shapes its output (each page's content, URL and id, the listing
  entries), never a run's own rejections;
- extraction: the flow run, the content it reads and the extractor's version. Only a retry of
  the same run reads it back: the warehouse keeps what a finished run extracted, so a result
  of another run is never needed, and each run can remove its own once published (results.py).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
from importlib.resources import files
from typing import Any

from prefect.utilities.annotations import BaseAnnotation

from tasks.extract import EXTRACTOR_VERSION

CACHE_FOR = dt.timedelta(days=7)
# Persisted results are pickles that name the modules of their records: when records move to
# other modules, this changes, so a result kept by an older layout is never read back.
RESULTS_LAYOUT = "stages-2"


def argument(parameters: dict[str, Any], name: str) -> Any:
    value = parameters[name]
    return value.unwrap() if isinstance(value, BaseAnnotation) else value


def digest(parts) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(str(part).encode("utf-8"))
        hasher.update(b"\x1f")
    return hasher.hexdigest()[:32]


def per_flow_run(context, parameters: dict[str, Any]) -> str:
    """The step's result belongs to this flow run: its retries reuse it, other runs do not."""
    return f"{context.task.name}-{context.task_run.flow_run_id}-{digest([RESULTS_LAYOUT, argument(parameters, 'db')])}"


def by_pages(context, parameters: dict[str, Any]) -> str:
    result = argument(parameters, "result")
    parts = [RESULTS_LAYOUT] + [(p.site_id, p.url, p.content_hash) for p in result.pages] + list(result.entries)
    return f"{context.task.name}-{digest(parts)}"


@lru_cache(maxsize=1)
def rules_digest() -> str:
    """The extractor's package as it is on disk: a cached extraction never outlives an edit of any
    of its files, even one made without bumping EXTRACTOR_VERSION, and a new rule file counts at once."""
    return digest(part for name, content in package_files(files("tasks.extract")) for part in (name, content))


def package_files(folder, prefix: str = "") -> list[tuple[str, bytes]]:
    """(relative name, bytes) of every file under a package folder, in name order; compiled caches left out."""
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            found += package_files(entry, f"{prefix}{entry.name}/")
        else:
            found.append((prefix + entry.name, entry.read_bytes()))
    return found


def by_release_versions(context, parameters: dict[str, Any]) -> str:
    versions = argument(parameters, "versions")
    parts = [RESULTS_LAYOUT, EXTRACTOR_VERSION, rules_digest()]
    # The source is in a rejection's text, so it is in the key too.
    parts += [(v.release_id, v.version, v.release.content_hash, v.release.source) for v in versions]
    return f"{context.task.name}-{context.task_run.flow_run_id}-{digest(parts)}"
