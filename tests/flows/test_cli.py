"""The `motie` command as users run it: a real subprocess, its output and exit status."""
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.helpers import SAMPLE

pytestmark = pytest.mark.slow  # each test runs the command in a subprocess, which starts its own Prefect server

MOTIE = str(Path(sys.executable).parent / "motie")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([MOTIE, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_demo_loads_the_sample_and_prints_a_summary_and_preview(tmp_path):
    result = run("demo", "--db", "demo.duckdb", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "releases: 8 new, 0 changed, 0 unchanged, 0 set aside" in result.stdout
    assert "metric_series preview" in result.stdout
    assert "Traceback" not in result.stderr and "telemetry" not in result.stderr.lower()
    # A flow run's INFO lines (and a link to a temporary server gone with the command) stay off the terminal.
    assert "INFO" not in result.stderr and "View at" not in result.stderr, result.stderr
    with duckdb.connect(str(tmp_path / "demo.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM releases").fetchall() == [(8,)]


def test_ingest_reports_set_aside_entries_and_exits_zero(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(SAMPLE.read_text(encoding="utf-8").rstrip("\n") + "\n-\nBroken\nno date marker\n", encoding="utf-8")
    result = run("ingest", str(bad), "--db", "w.duckdb", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "8 new, 0 changed, 0 unchanged, 1 set aside" in result.stdout
    assert "no 'dateYYYY-MM-DD' marker" in result.stdout


def test_failures_exit_non_zero_and_the_last_line_says_why(tmp_path):
    result = run("ingest", "missing.txt", "--db", "w.duckdb", cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == "motie ingest: failed: no such file: missing.txt"
    assert not (tmp_path / "w.duckdb").exists()
