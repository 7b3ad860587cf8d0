"""Backfill benchmark: `motie ingest` end to end, as a subprocess, on 1,000 / 10,000 / 100,000 releases.

Prints wall time, releases/s, peak memory of the whole process tree and warehouse size
(median of --runs runs), the time of a re-run of the same input, and the latency of
metric_series queries on the largest warehouse.

    .venv/bin/python bench/backfill.py                 # 1k, 10k, 100k, 3 runs each
    .venv/bin/python bench/backfill.py --sizes 1000 10000 --runs 5
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).parent))
from corpus import write_corpus  # noqa: E402

MOTIE = str(Path(sys.executable).parent / "motie")


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending += [int(child) for child in children.read().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def timed_ingest(corpus: Path, db: Path) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KB) of one `motie ingest`."""
    started = time.perf_counter()
    process = subprocess.Popen([MOTIE, "ingest", str(corpus), "--db", str(db), "--keep-snapshots", "0"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kb(process.pid))
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"motie ingest failed: {process.stderr.read()[-2000:]}")
    return elapsed, peak


def startup_seconds(folder: Path) -> float:
    """What a load of nothing costs: Prefect's start and stop, the flow around no data."""
    empty = folder / "empty.txt"
    empty.write_text("", encoding="utf-8")
    return statistics.median(timed_ingest(empty, folder / f"empty{n}.duckdb")[0] for n in range(3))


def query_latency_ms(db: Path, sql: str, params: list, repeat: int = 20) -> float:
    with duckdb.connect(str(db), read_only=True) as con:
        con.execute(sql, params).fetchall()  # warm
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            con.execute(sql, params).fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_size(folder: Path, size: int, runs: int, startup: float) -> tuple[dict, Path]:
    corpus = write_corpus(folder / f"corpus-{size}.txt", size)
    walls, peaks, rerun = [], [], []
    db = folder / f"w-{size}.duckdb"
    for _ in range(runs):
        for leftover in folder.glob(f"w-{size}.*"):
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
        wall, peak = timed_ingest(corpus, db)
        walls.append(wall)
        peaks.append(peak)
        rerun.append(timed_ingest(corpus, db)[0])
    wall = statistics.median(walls)
    again = statistics.median(rerun)
    return {"size": size, "wall_s": wall, "releases_per_s": size / wall, "peak_mb": max(peaks) / 1024,
            "db_mb": db.stat().st_size / 1e6, "rerun_s": again,
            "rerun_share": (again - startup) / max(wall - startup, 1e-9)}, db


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="motie-bench-") as tmp:
        folder = Path(tmp)
        startup = startup_seconds(folder)
        print(f"start-up (an empty load): {startup:.1f} s, median of 3")
        print(f"{'releases':>9} {'wall s':>7} {'rel/s':>7} {'peak MB':>8} {'db MB':>7} {'re-run s':>9} "
              f"{'re-run/first past start-up':>27}   (median of {args.runs})")
        largest = None
        for size in args.sizes:
            row, largest = bench_size(folder, size, args.runs, startup)
            print(f"{row['size']:>9,} {row['wall_s']:>7.1f} {row['releases_per_s']:>7.0f} {row['peak_mb']:>8.0f} "
                  f"{row['db_mb']:>7.1f} {row['rerun_s']:>9.1f} {row['rerun_share']:>27.1%}", flush=True)
        one_series = query_latency_ms(largest, """
            SELECT period_start, value, change_pct FROM metric_series
            WHERE series_key = ? ORDER BY period_start""", ["exports | ICT | - | USD | month"])
        one_year = query_latency_ms(largest, """
            SELECT series_key, period_start, value FROM metric_series
            WHERE indicator = ? AND period_start >= ? AND period_end <= ? ORDER BY series_key, period_start""",
                                    ["exports", "2024-01-01", "2024-12-31"])
        print(f"metric_series on the {args.sizes[-1]:,}-release warehouse (median of 20): one series "
              f"{one_series:.1f} ms; one indicator over a year {one_year:.1f} ms")


if __name__ == "__main__":
    main()
