"""The demo releases yield exactly the metrics of the golden file, reviewed as a diff when they change."""
import difflib

from tests.golden.demo import GOLDEN, as_lines, demo_metric_rows, read_golden


def test_the_extractor_yields_the_golden_demo_metrics():
    expected, got = read_golden(), as_lines(demo_metric_rows())
    if got != expected:
        diff = "\n".join(difflib.unified_diff(expected, got, f"{GOLDEN.name} (golden)", "current extractor",
                                              lineterm="", n=1))
        raise AssertionError(
            f"the demo releases' metrics changed (- golden, + now):\n{diff}\n\n"
            "If the change is meant: python -m tests.golden.regenerate, then review git diff tests/golden")
