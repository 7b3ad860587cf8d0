"""Hostile input files and warehouse files: set aside with a reason or refused loudly, within bounds of
time and memory, and the published warehouse always the old one or the new one."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest_flow
from tests.helpers import SAMPLE, PeakMemory, record_figures, tree_rss, write_listing
from warehouse.files import CorruptWarehouse, list_snapshots, working_path

MOTIE = str(Path(sys.executable).parent / "motie")
LIMIT_SECONDS, LIMIT_MB = 120, 1000
# In-process runs share the tree with pytest and the tests' Prefect server, so their bound is on what
# the run adds: a fresh `motie` process starts at ~350 MB, and the two together stay under LIMIT_MB.
RUN_GROWTH_MB = 650


def query(db, sql, params=()):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ingest_bounded(paths, db, label, **kwargs):
    with PeakMemory(label) as measured:
        summary = ingest_flow([str(p) for p in paths], str(db), **kwargs)
    assert measured.seconds < LIMIT_SECONDS and measured.growth_mb < RUN_GROWTH_MB, (
        measured.seconds, measured.growth_mb, measured.describe_peak())
    return summary


def many_entries(path: Path, count: int) -> Path:
    return write_listing(path, [(f"Release {n}", f"Exports of item {n} rose {n % 9}.0 percent in June.",
                                 "2025-07-01") for n in range(count)])


@pytest.mark.slow
def test_a_file_truncated_during_the_load_fails_it_and_publishes_nothing(tmp_path):
    db = tmp_path / "w.duckdb"
    subprocess.run([MOTIE, "ingest", str(SAMPLE), "--db", str(db)], cwd=tmp_path, check=True, capture_output=True)
    big = many_entries(tmp_path / "big.txt", 15_000)  # three batches of 5,000
    process = subprocess.Popen([MOTIE, "ingest", str(big), "--db", str(db)], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []

    def read_stderr() -> None:
        for line in process.stderr:
            lines.append(line)
            if line.startswith("loaded 5,000 of 15,000"):
                os.truncate(big, big.stat().st_size * 2 // 3)  # cut inside the third batch

    reader = threading.Thread(target=read_stderr)
    reader.start()
    started, peak = time.monotonic(), 0
    while process.poll() is None and time.monotonic() - started < LIMIT_SECONDS:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.05)
    if process.poll() is None:
        process.kill()
    process.wait()
    reader.join()
    process.stdout.close()
    record_figures("ingest: file truncated during the load", time.monotonic() - started, peak)
    assert process.returncode == 1
    assert "changed while it was being loaded" in lines[-1] and "nothing of this load is published" in lines[-1]
    # Nothing of the load is published: only the failed run's own row, as for any failed run.
    assert query(db, "SELECT count(*) FROM releases") == [(8,)] and not working_path(db).exists()
    assert query(db, "SELECT status, coalesce(message, '') LIKE '%changed while it was being loaded%' "
                     "FROM pipeline_runs ORDER BY started_at") == [("completed", False), ("failed", True)]
    assert peak / 1e6 < LIMIT_MB


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_entries_sharing_a_title_and_date_are_counted_and_the_last_kept_whatever_the_batch_size(tmp_path):
    same = write_listing(tmp_path / "same.txt", [("One title", f"Exports rose {n}.0 percent in June.", "2025-07-01")
                                                 for n in range(10_000)])
    kept = {}
    for batch_size in (5000, 3000):
        db = tmp_path / f"w{batch_size}.duckdb"
        summary = ingest_bounded([same], db, f"ingest: 10,000 entries, one key, batches of {batch_size}",
                                 batch_size=batch_size)
        assert (summary.releases_new, summary.releases_changed) == (1, 0)
        assert summary.duplicates_in_input == 9_999 and summary.releases_rejected == 9_999
        assert query(db, "SELECT count(*) FROM rejected WHERE reason LIKE 'duplicate in input:%'") == [(9_999,)]
        assert any(w.startswith("duplicates in input: 9999") for w in summary.warnings)
        kept[batch_size] = query(db, "SELECT body, version FROM releases")
    assert kept[5000] == kept[3000] == [("Exports rose 9999.0 percent in June.", 1)]


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_identical_duplicates_are_counted_not_set_aside(tmp_path, db):
    twice = write_listing(tmp_path / "twice.txt", [("Same", "Exports rose 1.0 percent.", "2025-07-01")] * 3)
    summary = ingest_flow([str(twice)], str(db))
    assert (summary.releases_new, summary.duplicates_in_input, summary.releases_rejected) == (1, 2, 0)


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_implausible_dates_are_set_aside_and_control_characters_removed(tmp_path, db):
    path = write_listing(tmp_path / "odd.txt", [
        ("From the far future", "Exports rose 1.0 percent.", "9999-12-31"),
        ("From long ago", "Exports rose 2.0 percent.", "1900-01-01"),
        ("Nul\x00 in the title", "Exports\x00 rose 3.0\x07 percent in June.", "2025-07-01")])
    summary = ingest_bounded([path], db, "ingest: dates and control characters")
    assert summary.releases_new == 1
    reasons = [r for (r,) in query(db, "SELECT reason FROM rejected ORDER BY source")]
    latest = dt.date.today() + dt.timedelta(days=2)
    assert reasons == [f"implausible publication date 9999-12-31 (outside 1990-01-01 to {latest})",
                       f"implausible publication date 1900-01-01 (outside 1990-01-01 to {latest})"]
    assert query(db, "SELECT title, body FROM releases") == [("Nul in the title", "Exports rose 3.0 percent in June.")]
    assert query(db, "SELECT newest_release_on FROM pipeline_runs") == [(dt.date(2025, 7, 1),)]


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
@pytest.mark.parametrize("encoding,named", [("utf-16-le", "UTF-16 little-endian (without a byte-order mark)"),
                                            ("utf-16-be", "UTF-16 big-endian (without a byte-order mark)"),
                                            ("utf-16", "(with a byte-order mark)")])
def test_utf16_input_is_set_aside_with_the_right_reason(tmp_path, db, encoding, named):
    path = tmp_path / "wide.txt"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode(encoding))
    summary = ingest_flow([str(path)], str(db))
    (reason,) = [r.reason for r in summary.rejections]
    assert named in reason and reason.endswith("save the file as UTF-8 and load it again")


def test_a_directory_given_as_file_says_so(tmp_path):
    (tmp_path / "folder").mkdir()
    result = subprocess.run([MOTIE, "ingest", "folder", "--db", "w.duckdb"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "motie ingest: failed: is a directory, not a file: folder (give the files in it)")


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_a_corrupt_published_file_is_named_and_no_working_copy_is_left(tmp_path):
    db = tmp_path / "w.duckdb"
    db.write_bytes(os.urandom(100_000))
    before = digest(db)
    with pytest.raises(CorruptWarehouse, match=f"^{db} is not a readable DuckDB warehouse") as raised:
        ingest_flow([str(SAMPLE)], str(db))
    assert ".work" not in str(raised.value)
    assert digest(db) == before and not working_path(db).exists()


@pytest.mark.slow
def test_a_failed_migration_removes_the_working_copy(tmp_path):
    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE schema_migrations (version INTEGER, name VARCHAR, applied_at TIMESTAMPTZ)")
        con.execute("INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', now())")
    result = subprocess.run([MOTIE, "ingest", str(SAMPLE), "--db", str(db)], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 1 and "newer than this motie-etl" in result.stderr.strip().splitlines()[-1]
    assert not working_path(db).exists()


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_restoring_over_a_corrupt_file_does_not_keep_it_as_the_newest_snapshot(tmp_path):
    db = tmp_path / "w.duckdb"
    ingest_flow([str(SAMPLE)], str(db))
    ingest_flow([str(write_listing(tmp_path / "one.txt", [("One more", "Imports fell.", "2025-07-02")]))], str(db))
    db.write_bytes(os.urandom(100_000))  # the published file is damaged
    for _ in range(2):  # a second restore must bring back a warehouse, not the damaged file
        result = subprocess.run([MOTIE, "restore", "--db", str(db)], cwd=tmp_path, capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, result.stderr
        assert query(db, "SELECT count(*) FROM releases")[0][0] in (8, 9)
    assert len(list(tmp_path.glob("w.duckdb.corrupt-*"))) == 1
    assert all(s.stat().st_size != 100_000 for s in list_snapshots(db))
