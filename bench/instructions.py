"""Instructions the extractor executes per release, counted by valgrind: a figure this noisy machine cannot blur.

Wall-clock figures here move by ±20 % from run to run (other tenants share the host); the count
of instructions does not. It runs the extractor over --releases of the distinct bench texts, spread evenly over them
(`distinct_bodies`: the bundled and probe releases, no sentence shared, see bench/corpus.py) under
`valgrind --tool=callgrind`, and again over none, and reports the difference per release
(start-up and the lexicon's compilation cancel out). Needs valgrind (`apt install valgrind`).

    .venv/bin/python bench/instructions.py                 # 200 releases, ~1 minute
    .venv/bin/python bench/instructions.py --releases 400
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN = """
import datetime as dt, sys
sys.path[:0] = [{root!r}, {bench!r}]
from extract import distinct_bodies
from tasks.extract import extract_metrics
from tasks.extract.lexicon import load_lexicon
load_lexicon()
bodies = distinct_bodies()
step = max(1, len(bodies) // max({count}, 1))  # spread over every probe, not the first one's short cases
for body in bodies[::step][:{count}]:
    extract_metrics(body, dt.date(2025, 7, 20))
"""


def instructions(count: int) -> int:
    """Instructions of one Python process that extracts count releases (valgrind's own count)."""
    code = RUN.format(root=str(ROOT), bench=str(ROOT / "bench"), count=count)
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                           "-c", code], capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", done.stderr).group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--releases", type=int, default=200)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed: apt install valgrind")
    per_release = (instructions(args.releases) - instructions(0)) / args.releases
    print(f"extractor: {per_release / 1e6:.2f} million instructions a release "
          f"({args.releases} distinct bench releases, valgrind callgrind)")


if __name__ == "__main__":
    main()
