"""Rewrite tests/golden/demo_metrics.jsonl from the current extractor: `python -m tests.golden.regenerate`.

Run it only when a change of what the extractor reads is meant, then review the file's
diff (git diff tests/golden) as part of the change. The tests never rewrite it.
"""
from __future__ import annotations

import sys

from tests.golden.demo import GOLDEN, as_lines, demo_metric_rows


def main() -> int:
    lines = as_lines(demo_metric_rows())
    GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} metrics to {GOLDEN}; review them with: git diff {GOLDEN}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
