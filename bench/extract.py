"""Extraction throughput: motie's extractor against a bare compiled-regex pass and quantulum3.

    .venv/bin/python bench/extract.py                      # motie and the regex passes
    bench/.venv/bin/python bench/extract.py                # the same, plus quantulum3 (see requirements-peer.txt)

Two corpora, every figure the median of --runs runs on one core, each run cold (the extractor's
text caches emptied first):
- distinct: the bundled releases and every probe release, each once (texts that share no
  sentence). This is the figure to quote: a real archive repeats few sentences.
- repeated: --releases releases cycling the eight bundled ones, figures varied. The same sentences
  come back every eighth release and the extractor's caches answer them, so this figure flatters
  (about twice the distinct one); it is kept because earlier figures were taken on it.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import distinct_entries, sample_entries, vary_figures  # noqa: E402

from tasks.extract import extract_metrics  # noqa: E402
from tasks.extract.figures import FIGURE  # noqa: E402
from tasks.extract.memo import clear_text_caches  # noqa: E402

BARE_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def make_bodies(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    entries = sample_entries()
    return [vary_figures(entries[n % len(entries)][1], rng) for n in range(count)]


def distinct_bodies(seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return [vary_figures(body, rng) for _, body in distinct_entries()]


def median_seconds(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        clear_text_caches()  # each run as cold as a user's first: no sentence remembered from the run before
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def report(name: str, seconds: float, megabytes: float, releases: int) -> None:
    print(f"{name:<44} {megabytes / seconds:>8.2f} MB/s {releases / seconds:>10,.0f} releases/s")


def measure_corpus(bodies: list[str], megabytes: float, day: dt.date, runs: int) -> None:
    def motie() -> None:
        for body in bodies:
            extract_metrics(body, day)

    def figure_regex() -> None:
        for body in bodies:
            for _ in FIGURE.finditer(body):
                pass

    def bare_regex() -> None:
        for body in bodies:
            for _ in BARE_NUMBER.finditer(body):
                pass

    report("  motie extractor (every attribute)", median_seconds(motie, runs), megabytes, len(bodies))
    report("  bare regex pass: motie's figure pattern", median_seconds(figure_regex, runs), megabytes, len(bodies))
    report("  bare regex pass: any number", median_seconds(bare_regex, runs), megabytes, len(bodies))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--releases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--peer-releases", type=int, default=300,
                        help="quantulum3 is slow: it reads this many releases of the same corpus")
    args = parser.parse_args()
    day = dt.date(2025, 7, 20)
    repeated = make_bodies(args.releases)
    for label, bodies in (("distinct", distinct_bodies()), ("repeated", repeated)):
        megabytes = sum(len(b.encode("utf-8")) for b in bodies) / 1e6
        print(f"{label} corpus: {len(bodies):,} releases, {megabytes:.1f} MB; median of {args.runs} runs, one core")
        measure_corpus(bodies, megabytes, day, args.runs)
    try:
        from quantulum3 import parser as quantulum
    except ImportError:
        print("quantulum3: not installed here (see bench/requirements-peer.txt)")
        return
    subset = repeated[:args.peer_releases]
    sub_mb = sum(len(b.encode("utf-8")) for b in subset) / 1e6

    def peer() -> None:
        for body in subset:
            quantulum.parse(body)

    report(f"quantulum3 ({len(subset)} releases of the corpus)", median_seconds(peer, max(3, args.runs // 2)),
           sub_mb, len(subset))


if __name__ == "__main__":
    main()
