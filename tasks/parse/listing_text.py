"""Parse the listing-text format (README, docs/source.md) into releases.

Each release is: a line holding only "-", an optional category line, the title,
then the body, which ends in "date" immediately followed by YYYY-MM-DD.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tasks.records import RawDocument, Rejection, Release, excerpt_of

CATEGORIES = frozenset({"Trade/Investment", "Industry", "Energy", "FTA/Economic Cooperation"})
DATE_MARKER = re.compile(r"\s*date\s*(\d{4})[-.](\d{2})[-.](\d{2})\s*$")
# A body that stops without closing punctuation was cut off (listing previews are).
COMPLETE_ENDING = re.compile(r"""[.!?]["'”’)\]]*$|[.!?]\s*\)$""")
MAX_BODY_CHARS = 200_000


@dataclass(frozen=True)
class Batch:
    """A byte range of a listing-text file holding whole entries."""

    path: str
    start: int
    end: int
    first_line: int
    entries: int


def plan_batches(path: str, batch_size: int) -> list[Batch]:
    """Cut a file into ranges of batch_size entries each, at separator lines, without parsing it."""
    batches: list[Batch] = []
    start = offset = entries = line_no = 0
    first_line = 1
    with open(path, "rb") as handle:
        for raw_line in handle:
            line_no += 1
            if raw_line.lstrip(b"\xef\xbb\xbf").strip() == b"-":
                if entries == batch_size:
                    batches.append(Batch(path, start, offset, first_line, entries))
                    start, first_line, entries = offset, line_no, 0
                entries += 1
            offset += len(raw_line)
    if offset > start or not batches:
        batches.append(Batch(path, start, offset, first_line, entries))
    return batches


def read_batch(batch: Batch, received_at: dt.datetime) -> RawDocument:
    """The batch's bytes exactly as they are in the file."""
    with open(batch.path, "rb") as handle:
        handle.seek(batch.start)
        content = handle.read(batch.end - batch.start)
    return RawDocument(source=f"{batch.path}#bytes={batch.start}-{batch.end}", content=content,
                       media_type="text/plain", received_at=received_at, label=batch.path,
                       first_line=batch.first_line)


def parse_listing_document(document: RawDocument) -> tuple[list[Release], list[Rejection]]:
    """Split a listing-text document into releases; a block that cannot be read is rejected."""
    releases: list[Release] = []
    rejections: list[Rejection] = []
    label = document.label or document.source
    for line_no, block in split_blocks(document.content):
        source = f"{label}:{line_no + document.first_line - 1}"
        outcome = parse_block(block, source)
        (releases if isinstance(outcome, Release) else rejections).append(outcome)
    return releases, rejections


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
        text_lines = [line.decode("utf-8") for line in lines]
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
    marker = DATE_MARKER.search(body_text)
    if not marker:
        return Rejection(source, "no 'dateYYYY-MM-DD' marker at the end of the entry", excerpt_of(joined))
    try:
        published_on = dt.date(*map(int, marker.groups()))
    except ValueError:
        return Rejection(source, f"impossible date {'-'.join(marker.groups())}", excerpt_of(joined))
    body = body_text[: marker.start()].strip()
    if not body:
        return Rejection(source, "entry has a date but an empty body", excerpt_of(joined))
    if len(body) > MAX_BODY_CHARS:
        return Rejection(source, f"body of {len(body):,} characters exceeds the {MAX_BODY_CHARS:,} limit",
                         excerpt_of(joined))
    return Release(title=title, published_on=published_on, body=body,
                   body_complete=is_body_complete(body), source=source, category=category)


def is_body_complete(body: str) -> bool:
    """False for a body cut mid-sentence, as listing previews are."""
    tail = body.rstrip()
    return bool(COMPLETE_ENDING.search(tail)) and not tail.endswith(("...", "…"))
