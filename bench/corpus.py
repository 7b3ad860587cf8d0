"""Benchmark corpora: titles tagged, dates spread back over the years, figures varied, so no two releases are alike.

Two sources of text. `sample_entries()`: the eight bundled real releases. `distinct_entries()`: those
eight and every release of the blind probes (`bench/probes/`, written in the ministry's styles by
writers who never read the rules): texts that share no sentence. The extractor
remembers its answers for a sentence or phrase it has read (`tasks/extract/memo.py`); a corpus
that cycles eight texts asks it the same sentences again and again, which a real archive does not.
Throughput is measured on the distinct texts."""
from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

SAMPLE = Path(__file__).parents[1] / "flows" / "demo_data" / "releases.txt"
PROBES = Path(__file__).parent / "probes"
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d,])")


def sample_entries() -> list[tuple[str, str]]:
    """(title, body) of each sample release."""
    text = SAMPLE.read_text(encoding="utf-8")
    entries = []
    for block in re.split(r"(?m)^-\s*$", text):
        lines = [line for line in block.strip().splitlines() if line.strip()]
        if len(lines) >= 2:
            body = " ".join(lines[1:])
            entries.append((lines[0], re.sub(r"\s*date\d{4}-\d{2}-\d{2}\s*$", "", body)))
    return entries


def distinct_entries() -> list[tuple[str, str]]:
    """(title, body) of the sample releases and of every probe release: texts that share no sentence."""
    entries = list(sample_entries())
    for path in sorted(PROBES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                entries.append((case.get("title") or case["text"][:80], case["text"]))
    return entries


def vary_figures(body: str, rng: random.Random) -> str:
    """Every decimal figure nudged, years and small counts left alone (they carry dates and ordinals)."""
    def nudge(match: re.Match) -> str:
        whole, decimals = match.group(1), match.group(2)
        if not decimals:
            return match.group(0)
        value = float(whole.replace(",", "") + decimals) * rng.uniform(0.7, 1.3)
        return f"{value:,.{len(decimals) - 1}f}"
    return NUMBER.sub(nudge, body)


def write_corpus(path: Path, count: int, seed: int = 7, texts: str = "distinct") -> Path:
    """count releases in the listing-text format, written as a stream; texts: "distinct" (the bundled and
    probe releases, ~0.8 KB each) or "repeated" (the eight bundled ones, 2.2 KB each, as earlier figures)."""
    rng = random.Random(seed)
    entries = distinct_entries() if texts == "distinct" else sample_entries()
    newest = dt.date(2025, 7, 25)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            title, body = entries[n % len(entries)]
            published = newest - dt.timedelta(days=(n * 3653) // max(count, 1))
            out.write(f"-\n{title} (#{n})\n{vary_figures(body, rng)} date{published.isoformat()}\n")
    return path
