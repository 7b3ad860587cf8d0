"""Parse steps: listing text into releases, one release per natural key."""
from __future__ import annotations

from dataclasses import dataclass

from prefect.cache_policies import NO_CACHE

from tasks.parse.dedupe import dedupe_releases, keep_planned
from tasks.parse.listing_text import parse_listing_document
from tasks.records import RawDocument, Rejection, Release
from tasks.steps import step


@dataclass
class Parsed:
    releases: list[Release]
    rejections: list[Rejection]


@step(name="parse listing text", cache_policy=NO_CACHE)  # cheaper to redo than to store
def parse_listing_documents(documents: list[RawDocument], kept: dict | None = None) -> Parsed:
    """Releases of the documents; of entries sharing a title and date, the one the input plan keeps."""
    parsed = Parsed(releases=[], rejections=[])
    for document in documents:
        releases, rejections = parse_listing_document(document)
        releases, duplicates = keep_planned(releases, kept or {})
        parsed.releases.extend(releases)
        parsed.rejections.extend(rejections + duplicates)
    return parsed


@step(name="deduplicate", cache_policy=NO_CACHE)
def dedupe(releases: list[Release]) -> list[Release]:
    return dedupe_releases(releases)
