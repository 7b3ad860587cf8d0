"""The records that travel between pipeline stages (plain, picklable data)."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class RawDocument:
    """One input exactly as received: a file's bytes or a fetched page."""

    source: str
    content: bytes
    media_type: str
    received_at: dt.datetime
    http_status: int | None = None
    label: str | None = None  # what rejections name (a file's path); source may add a byte range
    first_line: int = 1  # line number of the content's first line in its file

    @cached_property  # the bytes are hashed once however often the hash is asked for
    def content_hash(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Release:
    """A press release as parsed from a listing text or a release page."""

    title: str
    published_on: dt.date
    body: str
    body_complete: bool
    source: str
    category: str | None = None
    site_id: int | None = None
    url: str | None = None
    attachments: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @cached_property  # asked for by dedupe, planning, loading and cache keys: computed once
    def natural_key(self) -> str:
        return natural_key(self.title, self.published_on)

    @cached_property
    def content_hash(self) -> str:
        """Hash of what a reader sees; the source it came from does not change it."""
        # Whitespace is layout, not content: a page and a listing of the same text hash alike.
        text = "\x1f".join([" ".join(self.title.split()), self.published_on.isoformat(), " ".join(self.body.split())])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Rejection:
    """Input that was set aside, with a reason an operator understands."""

    source: str
    reason: str
    excerpt: str


def normalize_title(title: str) -> str:
    """Lower case, typographic quotes folded, every run of non-alphanumerics one space."""
    text = unicodedata.normalize("NFKC", title).lower()
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    return re.sub(r"[^0-9a-z]+", " ", text).strip()


def natural_key(title: str, published_on: dt.date) -> str:
    return f"{published_on.isoformat()}|{normalize_title(title)}"


def release_id_for(key: str) -> str:
    """A short, stable identifier derived from a release's natural key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


EARLIEST_RELEASE = dt.date(1990, 1, 1)  # before the ministry's English site; an earlier date is a typo
LATEST_AHEAD = dt.timedelta(days=2)  # time zones and embargoed releases, no more


def implausible_date(published_on: dt.date, today: dt.date | None = None) -> str | None:
    """Why a publication date cannot be right, or None: one 9999-12-31 would freeze the freshness check."""
    latest = (today or dt.date.today()) + LATEST_AHEAD
    if EARLIEST_RELEASE <= published_on <= latest:
        return None
    return f"implausible publication date {published_on.isoformat()} (outside {EARLIEST_RELEASE} to {latest})"


# U+FFFD too: an HTML parser turns a NUL byte into it.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]")


def clean_text(text: str) -> str:
    """NUL and other control characters are not text: they are removed (tab and newline stay)."""
    return CONTROL_CHARS.sub("", text) if CONTROL_CHARS.search(text) else text


def excerpt_of(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class RunSummary:
    """What a run loaded and checked: the flows carry it from step to step, the report renders it."""

    run_id: str
    flow: str
    db: str
    releases_new: int = 0
    releases_changed: int = 0
    releases_unchanged: int = 0
    releases_rejected: int = 0
    metrics_added: int = 0
    pages_fetched: int = 0
    requests: int = 0
    retries: int = 0
    duplicates_in_input: int = 0
    input_warnings: list[str] = field(default_factory=list)  # from reading the input; the checks add theirs
    failed_checks: dict[str, str] = field(default_factory=dict)
    checks_passed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {"new": self.releases_new, "changed": self.releases_changed,
                "unchanged": self.releases_unchanged, "rejected": self.releases_rejected,
                "metrics_added": self.metrics_added, "pages_fetched": self.pages_fetched,
                "requests": self.requests, "retries": self.retries}
