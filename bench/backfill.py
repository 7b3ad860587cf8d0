"""Backfill benchmark: `motie ingest` end to end, as a subprocess, on 1,000 / 10,000 / 100,000 releases.

Every timed load is cold: a fresh warehouse and a fresh, empty results folder (MOTIE_RESULTS_DIR),
as a user's first backfill is. Prints, as medians of --runs runs: wall time, releases/s, peak
memory of the whole process tree, warehouse size, and the results folder's size at its largest
during the load and after it. Then, labelled apart: the warm re-run (the same input again into the
loaded warehouse, with the results folder the load left), `motie reextract` of the largest
warehouse (cold: a fresh results folder each time), and the latency of metric_series queries.

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
from dataclasses import dataclass
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


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) if folder.is_dir() else 0


@dataclass
class Timed:
    wall: float  # seconds
    peak_kb: int  # resident memory of the process tree at its largest
    results_peak: int  # bytes in the results folder at its largest during the run
    results_after: int  # bytes left in it when the run ended


def timed_motie(args: list[str], results: Path) -> Timed:
    """One `motie` command as a subprocess, with its own results folder, polled for memory and storage."""
    started = time.perf_counter()
    process = subprocess.Popen([MOTIE, *args], env={**os.environ, "MOTIE_RESULTS_DIR": str(results)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = stored = polls = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kb(process.pid))
        if polls % 10 == 0:  # listing the folder every 0.5 s is enough to see its largest
            stored = max(stored, folder_bytes(results))
        polls += 1
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"motie {args[0]} failed: {process.stderr.read()[-2000:]}")
    after = folder_bytes(results)
    return Timed(elapsed, peak, max(stored, after), after)


def timed_ingest(corpus: Path, db: Path, results: Path) -> Timed:
    return timed_motie(["ingest", str(corpus), "--db", str(db), "--keep-snapshots", "0"], results)


def fresh(folder: Path, name: str) -> Path:
    """An empty results folder of that name, or a warehouse path with nothing of an earlier run beside it."""
    for leftover in folder.glob(f"{name}*"):
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    return folder / name


def startup_seconds(folder: Path) -> float:
    """What a load of nothing costs: Prefect's start and stop, the flow around no data."""
    empty = folder / "empty.txt"
    empty.write_text("", encoding="utf-8")
    return statistics.median(timed_ingest(empty, fresh(folder, f"empty{n}.duckdb"), fresh(folder, "results-empty"))
                             .wall for n in range(3))


def query_latency_ms(db: Path, sql: str, params: list, repeat: int = 20) -> float:
    with duckdb.connect(str(db), read_only=True) as con:
        con.execute(sql, params).fetchall()  # warm
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            con.execute(sql, params).fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_size(folder: Path, size: int, runs: int, texts: str) -> tuple[dict, Path]:
    """Cold loads (fresh warehouse, fresh results folder), each followed by its warm re-run."""
    corpus = write_corpus(folder / f"corpus-{size}.txt", size, texts=texts)
    cold, warm = [], []
    for _ in range(runs):
        db, results = fresh(folder, f"w-{size}.duckdb"), fresh(folder, f"results-{size}")
        cold.append(timed_ingest(corpus, db, results))
        warm.append(timed_ingest(corpus, db, results))
    return {"size": size, "wall_s": median(cold, "wall"), "peak_mb": max(t.peak_kb for t in cold) / 1024,
            "db_mb": db.stat().st_size / 1e6, "results_peak_mb": median(cold, "results_peak") / 1e6,
            "results_after_mb": median(cold, "results_after") / 1e6, "warm_s": median(warm, "wall")}, db


def bench_reextract(folder: Path, db: Path, runs: int) -> dict:
    """`motie reextract` of a loaded warehouse, cold: a fresh results folder each time."""
    timed = [timed_motie(["reextract", "--db", str(db), "--keep-snapshots", "0"], fresh(folder, "results-re"))
             for _ in range(runs)]
    return {"wall_s": median(timed, "wall"), "peak_mb": max(t.peak_kb for t in timed) / 1024,
            "results_peak_mb": median(timed, "results_peak") / 1e6,
            "results_after_mb": median(timed, "results_after") / 1e6}


def median(timed: list[Timed], name: str) -> float:
    return statistics.median(getattr(t, name) for t in timed)


def print_queries(largest: Path, size: int) -> None:
    one_series = query_latency_ms(largest, """
        SELECT period_start, value, change_pct FROM metric_series
        WHERE series_key = ? ORDER BY period_start""", ["exports | ICT | - | USD | month"])
    one_year = query_latency_ms(largest, """
        SELECT series_key, period_start, value FROM metric_series
        WHERE indicator = ? AND period_start >= ? AND period_end <= ? ORDER BY series_key, period_start""",
                                ["exports", "2024-01-01", "2024-12-31"])
    print(f"metric_series on the {size:,}-release warehouse (median of 20): one series "
          f"{one_series:.1f} ms; one indicator over a year {one_year:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-reextract", action="store_true", help="leave out motie reextract")
    parser.add_argument("--texts", choices=["distinct", "repeated"], default="distinct",
                        help="the texts cycled: ~890 distinct bundled and probe releases, or the eight bundled ones")
    args = parser.parse_args()
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; texts: {args.texts}")
    with tempfile.TemporaryDirectory(prefix="motie-bench-") as tmp:
        folder = Path(tmp)
        print(f"start-up (an empty load): {startup_seconds(folder):.1f} s, median of 3")
        print(f"cold: fresh warehouse and results folder each run (median of {args.runs}); "
              "warm re-run: the same input again into the loaded warehouse")
        print(f"{'releases':>9} {'cold s':>7} {'rel/s':>7} {'peak MB':>8} {'db MB':>7} {'results MB max':>15} "
              f"{'after':>6} {'warm re-run s':>14}")
        largest = None
        for size in args.sizes:
            row, largest = bench_size(folder, size, args.runs, args.texts)
            print(f"{row['size']:>9,} {row['wall_s']:>7.1f} {row['size'] / row['wall_s']:>7.0f} "
                  f"{row['peak_mb']:>8.0f} {row['db_mb']:>7.1f} {row['results_peak_mb']:>15.1f} "
                  f"{row['results_after_mb']:>6.1f} {row['warm_s']:>14.1f}", flush=True)
        if not args.no_reextract:
            re = bench_reextract(folder, largest, args.runs)
            print(f"motie reextract of {args.sizes[-1]:,} stored releases, cold (median of {args.runs}): "
                  f"{re['wall_s']:.1f} s, peak {re['peak_mb']:.0f} MB, results folder at most "
                  f"{re['results_peak_mb']:.1f} MB, after {re['results_after_mb']:.1f} MB", flush=True)
        print_queries(largest, args.sizes[-1])
        print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
