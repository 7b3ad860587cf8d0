"""How often the extractor's figures agree with each other, where there is no gold to score them.

    .venv/bin/python bench/agreement.py ../shared/sample/releases.txt ../shared/sample/dev_releases.txt

Loads the listing-text files into a fresh warehouse through the real `motie ingest`, then prints
the checks of `metric_checks` by kind and verdict, the agreement rate (agrees over all verdicts,
and over the checks between figures, without the plausibility bounds) and each disagreement with
its sentences. A disagreement is a lead to a wrong extraction rule, not a figure to correct.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

MOTIE = str(Path(sys.executable).parent / "motie")


def load_corpus(files: list[str], db: Path) -> None:
    subprocess.run([MOTIE, "ingest", *files, "--db", str(db)], check=True, stdout=subprocess.DEVNULL)


def print_tally(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("""
        SELECT kind, rule, verdict, count(*) FROM metric_checks GROUP BY ALL ORDER BY kind, rule, verdict
    """).fetchall()
    print(f"{'kind':<22} {'rule':<42} {'verdict':<10} {'checks':>6}")
    for kind, rule, verdict, count in rows:
        print(f"{kind:<22} {rule:<42} {verdict:<10} {count:>6}")


def print_rates(con: duckdb.DuckDBPyConnection) -> None:
    overall, between = con.execute("""
        SELECT avg((verdict = 'agrees')::INT), avg((verdict = 'agrees')::INT) FILTER (WHERE kind <> 'plausibility')
        FROM metric_checks""").fetchall()[0]
    checks, between_count = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE kind <> 'plausibility') FROM metric_checks").fetchall()[0]
    releases, metrics = con.execute(
        "SELECT (SELECT count(*) FROM releases), (SELECT count(*) FROM metrics)").fetchall()[0]
    print(f"\n{releases} releases, {metrics} metrics, {checks} checks")
    print(f"agreement: {percent(overall)} of all checks, {percent(between)} of the {between_count} checks "
          "between figures (without the plausibility bounds)")
    for trust, count in con.execute("SELECT trust, count(*) FROM metric_trust GROUP BY ALL ORDER BY 2 DESC").fetchall():
        print(f"  metrics {trust}: {count}")


def percent(rate: float | None) -> str:
    return "n/a" if rate is None else f"{100 * rate:.1f} %"


def print_disagreements(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("""
        SELECT kind, rule, verdict, indicator, item, region, period_start, period_end, expected, stated, tolerance,
               release_id, ordinal, evidence, other_release_id, other_ordinal, other_evidence
        FROM metric_checks WHERE verdict <> 'agrees' ORDER BY kind, rule, release_id, ordinal
    """).fetchall()
    print(f"\n{len(rows)} checks that do not agree:")
    for (kind, rule, verdict, indicator, item, region, start, end, expected, stated, tolerance,
         rid, ordinal, evidence, other_rid, other_ordinal, other_evidence) in rows:
        print(f"\n- {kind} / {rule}: {verdict} — {indicator} · {item or 'total'} · {region or '-'} {start}..{end}")
        print(f"  expected {expected:,.4g}, stated {stated:,.4g} (± {tolerance:,.4g})")
        print(f"  {rid[:8]}#{ordinal}: {evidence}")
        if other_rid:
            print(f"  {other_rid[:8]}#{other_ordinal}: {other_evidence}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", help="listing-text files")
    parser.add_argument("--db", help="the warehouse to build (default: a temporary file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(args.db) if args.db else Path(folder) / "agreement.duckdb"
        if db.exists():
            sys.exit(f"{db} exists: the corpus is measured in a fresh warehouse")
        load_corpus(args.files, db)
        with duckdb.connect(str(db), read_only=True) as con:
            print_tally(con)
            print_rates(con)
            print_disagreements(con)


if __name__ == "__main__":
    main()
