"""Parse the listing-text format (README, docs/source.md) into releases.

Each release is: a line holding only "-", an optional category line, the title,
then the body, which ends in "date" immediately followed by YYYY-MM-DD.

An input is planned once (its batches, each batch's size and hash, and which entry of
each title and date is kept: the last in the input) and every batch is checked against
the plan when it is read, so a file that changes during a load fails the load instead of
losing entries in silence, and what is kept does not depend on the batch size.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field

from tasks.records import RawDocument, Rejection, Release, clean_text, excerpt_of, implausible_date

CATEGORIES = frozenset({"Trade/Investment", "Industry", "Energy", "FTA/Economic Cooperation"})
DATE_MARKER = re.compile(r"\s*date\s*(\d{4})[-.](\d{2})[-.](\d{2})\s*$")
# A body that stops without closing punctuation was cut off (listing previews are).
SENTENCE_ENDS = (".", "!", "?")
SENTENCE_CLOSERS = "\"'”’)]"
MAX_BODY_CHARS = 200_000
UTF16_BOMS = {b"\xff\xfe": "UTF-16 little-endian", b"\xfe\xff": "UTF-16 big-endian"}


class InputChanged(RuntimeError):
    """An input file changed while it was being loaded: what was planned is no longer what is read."""


@dataclass(frozen=True)
class Batch:
    """A byte range of a listing-text file holding whole entries, with what the file was when planned."""

    path: str
    start: int
    end: int
    first_line: int
    entries: int
    file_size: int = 0
    content_hash: str = ""  # of the range's bytes


@dataclass(frozen=True)
class Kept:
    """The entry kept for one title and date: the last complete one in the input, else the last."""

    source: str
    content_hash: str
    complete: bool


@dataclass
class InputPlan:
    batches: list[Batch] = field(default_factory=list)
    kept: dict[str, Kept] = field(default_factory=dict)  # natural key -> the entry kept
    duplicates: int = 0  # entries sharing a title and date with another (not the one kept)


def plan_input(paths: list[str], batch_size: int) -> InputPlan:
    """Batches of every file, and for each title and date the one entry kept across the whole input."""
    plan = InputPlan()
    entries = 0
    for path in paths:
        for batch, content in cut_batches(path, batch_size):
            plan.batches.append(batch)
            releases, _ = parse_listing_document(document_of(batch, content, dt.datetime.now(dt.timezone.utc)))
            entries += len(releases)
            for release in releases:
                keep_later(plan.kept, release)
    plan.duplicates = entries - len(plan.kept)
    return plan


def keep_later(kept: dict[str, Kept], release: Release) -> None:
    """A later entry replaces the kept one, except that a cut preview never replaces a full text."""
    current = kept.get(release.natural_key)
    if current is None or release.body_complete or not current.complete:
        kept[release.natural_key] = Kept(release.source, release.content_hash, release.body_complete)


def plan_batches(path: str, batch_size: int) -> list[Batch]:
    """Cut a file into ranges of batch_size entries each, at separator lines."""
    return [batch for batch, _ in cut_batches(path, batch_size)]


def cut_batches(path: str, batch_size: int):
    """(batch, its bytes) for ranges of batch_size entries each, one batch in memory at a time."""
    size = os.stat(path).st_size
    start = offset = entries = line_no = 0
    first_line = 1
    lines: list[bytes] = []
    with open(path, "rb") as handle:
        for raw_line in handle:
            line_no += 1
            if raw_line.lstrip(b"\xef\xbb\xbf").strip() == b"-":
                if entries == batch_size:
                    content = b"".join(lines)
                    yield Batch(path, start, offset, first_line, entries, size, sha256(content)), content
                    start, first_line, entries, lines = offset, line_no, 0, []
                entries += 1
            offset += len(raw_line)
            lines.append(raw_line)
    if offset > start or start == 0:
        content = b"".join(lines)
        yield Batch(path, start, offset, first_line, entries, size, sha256(content)), content


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def read_batch(batch: Batch, received_at: dt.datetime) -> RawDocument:
    """The batch's bytes exactly as they are in the file, and as they were when the load was planned."""
    with open(batch.path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        handle.seek(batch.start)
        content = handle.read(batch.end - batch.start)
    if batch.content_hash and (size != batch.file_size or sha256(content) != batch.content_hash):
        raise InputChanged(
            f"{batch.path} changed while it was being loaded ({batch.file_size:,} bytes when the load began, "
            f"{size:,} now; lines from {batch.first_line} differ): nothing of this load is published; "
            "load it again once the file is complete")
    return document_of(batch, content, received_at)


def document_of(batch: Batch, content: bytes, received_at: dt.datetime) -> RawDocument:
    return RawDocument(source=f"{batch.path}#bytes={batch.start}-{batch.end}", content=content,
                       media_type="text/plain", received_at=received_at, label=batch.path,
                       first_line=batch.first_line)


def parse_listing_document(document: RawDocument) -> tuple[list[Release], list[Rejection]]:
    """Split a listing-text document into releases; a block that cannot be read is rejected."""
    releases: list[Release] = []
    rejections: list[Rejection] = []
    label = document.label or document.source
    encoding = utf16_encoding(document.content)
    if encoding:
        return [], [Rejection(f"{label}:{document.first_line}", f"{encoding} text, not UTF-8: save the file as "
                              "UTF-8 and load it again", excerpt_of(document.content[:200].decode("utf-8", "replace")))]
    for line_no, block in split_blocks(document.content):
        source = f"{label}:{line_no + document.first_line - 1}"
        outcome = parse_block(block, source)
        (releases if isinstance(outcome, Release) else rejections).append(outcome)
    return releases, rejections


def utf16_encoding(content: bytes) -> str | None:
    """The kind of UTF-16 the bytes are, by byte-order mark or by NUL bytes in every other place."""
    if content[:2] in UTF16_BOMS:
        return UTF16_BOMS[content[:2]] + " (with a byte-order mark)"
    head = content[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.3 * len(head) / 2 and even < 0.05 * len(head) / 2:
        return "UTF-16 little-endian (without a byte-order mark)"
    if even > 0.3 * len(head) / 2 and odd < 0.05 * len(head) / 2:
        return "UTF-16 big-endian (without a byte-order mark)"
    return None


def split_blocks(content: bytes) -> list[tuple[int, list[bytes]]]:
    """Blocks of non-blank lines between "-" separator lines, with the separator's line number."""
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    blocks: list[tuple[int, list[bytes]]] = []
    current: list[bytes] | None = None
    for line_no, raw_line in enumerate(content.splitlines(), start=1):
        line = raw_line.strip()
        if line == b"-":
            current = []
            blocks.append((line_no, current))
        elif line and current is not None:
            current.append(line)
        elif line:
            # Text before the first separator still deserves a verdict.
            current = [line]
            blocks.append((line_no, current))
    return blocks


def parse_block(lines: list[bytes], source: str) -> Release | Rejection:
    """One release from the lines of one block, or the reason it cannot be one."""
    try:
        # NUL and other control characters are removed: they are never part of a release's text.
        text_lines = [clean_text(line.decode("utf-8")) for line in lines]
    except UnicodeDecodeError as exc:
        return Rejection(source, f"not valid UTF-8 text ({exc.reason} at byte {exc.start})",
                         excerpt_of(b" ".join(lines).decode("utf-8", "replace")))
    joined = "\n".join(text_lines)
    if not text_lines:
        return Rejection(source, "empty entry: a '-' line with no title or body after it", "")
    category = text_lines[0] if text_lines[0] in CATEGORIES and len(text_lines) > 1 else None
    rest = text_lines[1:] if category else text_lines
    if len(rest) < 2:
        return Rejection(source, "entry has a title but no body (or no title)", excerpt_of(joined))
    title, body_lines = rest[0].strip(), rest[1:]
    return build_release(title, "\n".join(body_lines), category, source, joined)


def build_release(title: str, body_text: str, category: str | None, source: str,
                  joined: str) -> Release | Rejection:
    marker = date_marker(body_text)
    if not marker:
        return Rejection(source, "no 'dateYYYY-MM-DD' marker at the end of the entry", excerpt_of(joined))
    try:
        published_on = dt.date(*map(int, marker.groups()))
    except ValueError:
        return Rejection(source, f"impossible date {'-'.join(marker.groups())}", excerpt_of(joined))
    problem = implausible_date(published_on)
    if problem:
        return Rejection(source, problem, excerpt_of(joined))
    body = body_text[: marker.start()].strip()
    if not body:
        return Rejection(source, "entry has a date but an empty body", excerpt_of(joined))
    if len(body) > MAX_BODY_CHARS:
        return Rejection(source, f"body of {len(body):,} characters exceeds the {MAX_BODY_CHARS:,} limit",
                         excerpt_of(joined))
    return Release(title=title, published_on=published_on, body=body,
                   body_complete=is_body_complete(body), source=source, category=category)


def date_marker(body_text: str) -> re.Match | None:
    """The entry's closing "dateYYYY-MM-DD", tried only at its last "date": the pattern ends the text,
    so an earlier "date" could match only if the later one were not there (searching the whole
    body from every position cost more than parsing the rest of the entry)."""
    last = body_text.rfind("date")
    return DATE_MARKER.match(body_text, last) if last >= 0 else None


def is_body_complete(body: str) -> bool:
    """False for a body cut mid-sentence, as listing previews are."""
    tail = body.rstrip()
    if tail.endswith(("...", "…")):
        return False
    # A sentence's end, after any closing quotes or brackets; or one inside a closing bracket: "(... .)".
    return tail.rstrip(SENTENCE_CLOSERS).endswith(SENTENCE_ENDS) or (
        tail.endswith(")") and tail[:-1].rstrip().endswith(SENTENCE_ENDS))
