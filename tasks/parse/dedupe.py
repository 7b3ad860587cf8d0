"""Deduplicate releases within one input, and classify them against what is stored."""
from __future__ import annotations

from dataclasses import dataclass, field

from tasks.records import Rejection, Release, excerpt_of


def dedupe_releases(releases: list[Release]) -> list[Release]:
    """One release per natural key; the fullest text wins, then the last seen."""
    best: dict[str, Release] = {}
    for release in releases:
        kept = best.get(release.natural_key)
        if kept is None or fullness(release) >= fullness(kept):
            best[release.natural_key] = release
    return list(best.values())


def keep_planned(releases: list[Release], kept: dict) -> tuple[list[Release], list[Rejection]]:
    """The entries the input plan keeps (one per title and date, the last in the input). Another entry
    with the same text is a plain duplicate; one with another text is set aside, so none vanishes."""
    chosen, set_aside = [], []
    for release in releases:
        planned = kept.get(release.natural_key)
        if planned is None or planned.source == release.source:
            chosen.append(release)
        elif planned.content_hash != release.content_hash:
            set_aside.append(Rejection(release.source, f"duplicate in input: {planned.source} has the same title "
                                       "and date and another text; the last in the input is kept",
                                       excerpt_of(release.body)))
    return chosen, set_aside


def fullness(release: Release) -> tuple[bool, int]:
    return release.body_complete, len(release.body)


@dataclass(frozen=True)
class StoredVersion:
    """What the warehouse holds as a release's current version."""

    release_id: str
    version: int
    content_hash: str
    body_complete: bool
    body: str


@dataclass
class Classified:
    new: list[Release]
    changed: list[tuple[Release, StoredVersion]]
    unchanged: list[Release]


def classify_releases(releases: list[Release], stored: dict[str, StoredVersion],
                      stored_by_site_id: dict[int, StoredVersion] | None = None) -> Classified:
    """Sort incoming releases into new, changed and unchanged against the stored versions.

    A cut preview of a text already stored in full (or at greater length) is not a
    change: the preview says less, not something else. A release is matched by the
    site's id when it has one, else by its natural key.
    """
    result = Classified(new=[], changed=[], unchanged=[])
    by_site_id = stored_by_site_id or {}
    for release in releases:
        # The site's id identifies a release even when its title is corrected; else title + date.
        current = by_site_id.get(release.site_id) if release.site_id is not None else None
        current = current or stored.get(release.natural_key)
        if current is None:
            result.new.append(release)
        elif is_same_text(release, current) or is_stale_preview(release, current):
            result.unchanged.append(release)
        else:
            result.changed.append((release, current))
    return result


def is_same_text(release: Release, current: StoredVersion) -> bool:
    """The same text, and not a full page of what was stored as a preview (that completes the release)."""
    return current.content_hash == release.content_hash and (current.body_complete or not release.body_complete)


def is_stale_preview(release: Release, current: StoredVersion) -> bool:
    if release.body_complete:
        return False
    preview = release.body.rstrip(" .…")
    return len(current.body) > len(preview) and current.body.startswith(preview)


@dataclass(frozen=True)
class PlannedVersion:
    """A release version to write: version 1 of a new release or the next of a changed one."""

    release_id: str
    version: int
    release: Release


@dataclass
class VersionPlan:
    to_write: list[PlannedVersion]
    to_close: list[tuple[str, int]]
    new: int
    changed: int
    unchanged: int
    unchanged_releases: list[Release] = field(default_factory=list)


def plan_versions(classified: Classified, id_for_key) -> VersionPlan:
    """Which version rows to open and which to close; nothing is ever deleted."""
    to_write = [PlannedVersion(id_for_key(r.natural_key), 1, r) for r in classified.new]
    to_write += [PlannedVersion(stored.release_id, stored.version + 1, r) for r, stored in classified.changed]
    to_close = [(stored.release_id, stored.version) for _, stored in classified.changed]
    return VersionPlan(to_write=to_write, to_close=to_close, new=len(classified.new),
                       changed=len(classified.changed), unchanged=len(classified.unchanged),
                       unchanged_releases=classified.unchanged)
