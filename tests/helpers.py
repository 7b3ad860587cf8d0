"""Helpers shared by the tests."""
from __future__ import annotations

from pathlib import Path

from flows.settings import demo_releases_path

SAMPLE = demo_releases_path()


def write_listing(path: Path, entries: list[tuple[str, str, str]], category: str | None = None) -> Path:
    """A listing-text file of (title, body, YYYY-MM-DD) entries."""
    lines = []
    for title, body, date in entries:
        lines.append("-")
        if category:
            lines.append(category)
        lines += [title, f"{body} date{date}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
