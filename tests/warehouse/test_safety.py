"""Analysts are never blocked, a load is never half-published, nothing is lost: shown on real
subprocesses and real files."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest_flow
from tests.helpers import SAMPLE, wait_for, write_listing
from warehouse.files import list_snapshots, load_lock, working_path
from warehouse.schema import known_migrations

MOTIE = str(Path(sys.executable).parent / "motie")
pytestmark = pytest.mark.slow  # real subprocesses, real loads


def motie(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([MOTIE, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count(db: Path, sql: str = "SELECT count(*) FROM releases") -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()[0][0]


def count_in_another_process(db: Path) -> int:
    code = ("import duckdb,sys; c=duckdb.connect(sys.argv[1], read_only=True); "
            "print(c.execute('SELECT count(*) FROM releases').fetchall()[0][0])")
    return int(subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True,
                              check=True).stdout)


def one_more_release(tmp_path: Path) -> Path:
    return write_listing(tmp_path / "more.txt", [
        ("Semiconductor exports hit a record", "Semiconductor exports rose 20.1 percent to $14.2 billion "
                                              "in August.", "2025-09-01")])


def big_input(tmp_path: Path, copies: int) -> Path:
    """The sample many times over, each copy a distinct release."""
    text = SAMPLE.read_text(encoding="utf-8").rstrip("\n")
    blocks = [b for b in text.split("-\n") if b.strip()]
    out = []
    for n in range(copies):
        for block in blocks:
            title, rest = block.split("\n", 1)
            out.append(f"-\n{title} (copy {n})\n{rest.rstrip()}\n")
    path = tmp_path / "big.txt"
    path.write_text("".join(out), encoding="utf-8")
    return path


@pytest.mark.usefixtures("prefect_api")
def test_an_open_reader_keeps_its_snapshot_and_a_new_one_sees_the_load(db, tmp_path):
    ingest_flow([str(SAMPLE)], str(db))
    reader = duckdb.connect(str(db), read_only=True)
    try:
        assert reader.execute("SELECT count(*) FROM releases").fetchall() == [(8,)]
        result = motie("ingest", str(one_more_release(tmp_path)), "--db", str(db), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert reader.execute("SELECT count(*) FROM releases").fetchall() == [(8,)]
        assert count_in_another_process(db) == 9
    finally:
        reader.close()
    assert count(db) == 9


def test_a_second_load_stops_with_a_clear_message(tmp_path):
    db = tmp_path / "w.duckdb"
    with load_lock(db):
        result = motie("ingest", str(SAMPLE), "--db", str(db), cwd=tmp_path)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert "another load is writing" in last and str(os.getpid()) in last
    assert not db.exists()


def stages_seen(progress: Path) -> list[str]:
    return progress.read_text(encoding="utf-8").splitlines() if progress.exists() else []


def start_ingest(big: Path, db: Path, cwd: Path, progress: Path) -> subprocess.Popen:
    """`motie ingest` writing the steps it starts to a progress file, on the tests' Prefect server
    (so no kill waits for a temporary server to start)."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "MOTIE_PROGRESS_FILE": str(progress), "PREFECT_API_URL": PREFECT_API_URL.value()}
    return subprocess.Popen([MOTIE, "ingest", str(big), "--db", str(db)], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_at_stage(big: Path, db: Path, cwd: Path, progress: Path, stage: int | None) -> bool:
    """Run a load and kill -9 it as it starts its stage-th step (None: at once, while it starts up).
    True when the kill landed while the working copy was being written."""
    process = start_ingest(big, db, cwd, progress)
    if stage is not None:
        # Polled finely: the timeout only stops a hung test, it never decides where a kill lands.
        wait_for(lambda: len(stages_seen(progress)) > stage or process.poll() is not None,
                 timeout=300, step=0.005)
    if process.poll() is not None:
        return False
    mid_load = working_path(db).exists()
    process.send_signal(signal.SIGKILL)
    process.wait()
    return mid_load


@pytest.mark.usefixtures("prefect_api")
def test_kill_9_at_any_point_leaves_the_published_warehouse_as_it_was(tmp_path):
    baseline = tmp_path / "baseline.duckdb"
    ingest_flow([str(SAMPLE)], str(baseline))
    big = big_input(tmp_path, copies=60)  # 480 releases: enough to extract on worker processes
    whole = tmp_path / "whole.duckdb"
    shutil.copyfile(baseline, whole)
    process = start_ingest(big, whole, tmp_path, tmp_path / "whole.progress")
    assert process.wait() == 0
    stages = stages_seen(tmp_path / "whole.progress")  # the load's own steps, in the order it runs them
    assert stages[0] == "prepare working copy" and "publish warehouse" in stages

    # A kill while the command starts up, then one as the load starts each of its steps.
    killed_mid_load = 0
    for n, stage in enumerate([None, *range(len(stages))]):
        db = tmp_path / f"kill-{n}.duckdb"
        shutil.copyfile(baseline, db)
        before = digest(db)
        where = "at startup" if stage is None else f"as it started '{stages[stage]}'"
        killed_mid_load += kill_at_stage(big, db, tmp_path, tmp_path / f"kill-{n}.progress", stage)
        # Never half: exactly as before, or the whole load (published just before the kill).
        if digest(db) != before:
            assert count(db) == 8 + 480, f"a kill {where} left a partial load"
            assert count(db, "SELECT count(*) FROM pipeline_runs WHERE status = 'completed'") == 2
        else:
            assert count(db) == 8, where
        if stage is None or stages[stage] == "load warehouse":  # the next run completes the work
            assert start_ingest(big, db, tmp_path, tmp_path / f"again-{n}.progress").wait() == 0
            assert count(db) == 8 + 480
            assert not working_path(db).exists()
    assert killed_mid_load >= 3, "too few kills landed while the working copy was being loaded"


@pytest.mark.usefixtures("prefect_api")
def test_quotes_sql_html_and_script_are_stored_verbatim(db, tmp_path):
    title = "Robert'); DROP TABLE release_version_rows;-- \"quoted\" <b>bold</b>"
    body = "Exports rose 1.0 percent in May. <script>alert('x')</script> '; DELETE FROM metric_rows; --"
    ingest_flow([str(write_listing(tmp_path / "evil.txt", [(title, body, "2025-06-01")]))], str(db))
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT title, body FROM releases").fetchall() == [(title, body)]
        assert con.execute("SELECT count(*) FROM metrics").fetchall() == [(1,)]


@pytest.mark.usefixtures("prefect_api")
def test_a_warehouse_of_an_older_version_is_upgraded_with_its_data(db):
    version, name, text = known_migrations()[0]
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                    "applied_at TIMESTAMPTZ NOT NULL)")
        con.execute(text)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
        con.execute("INSERT INTO run_rows (run_id, flow, started_at, status) VALUES ('old', 'x', now(), 'completed')")
    ingest_flow([str(SAMPLE)], str(db))
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchall() == [(len(known_migrations()),)]
        assert con.execute("SELECT count(*), count(pages_fetched) FROM pipeline_runs").fetchall() == [(2, 2)]


def test_a_warehouse_newer_than_the_code_is_refused_by_the_command(tmp_path):
    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE schema_migrations (version INTEGER, name VARCHAR, applied_at TIMESTAMPTZ)")
        con.execute("INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', now())")
    before = digest(db)
    result = motie("ingest", str(SAMPLE), "--db", str(db), cwd=tmp_path)
    assert result.returncode == 1
    assert "newer than this motie-etl" in result.stderr.strip().splitlines()[-1]
    assert digest(db) == before


@pytest.mark.usefixtures("prefect_api")
def test_snapshots_are_kept_pruned_and_restorable(db, tmp_path):
    ingest_flow([str(SAMPLE)], str(db), keep_snapshots=2)
    ingest_flow([str(one_more_release(tmp_path))], str(db), keep_snapshots=2)
    third = write_listing(tmp_path / "third.txt", [("Another one", "Imports fell 2.0 percent in May.", "2025-06-02")])
    ingest_flow([str(third)], str(db), keep_snapshots=2)
    assert count(db) == 10
    assert len(list_snapshots(db)) == 2
    result = motie("restore", "--db", str(db), "--keep-snapshots", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert count(db) == 9
    listed = motie("restore", "--db", str(db), "--list", cwd=tmp_path).stdout.split()
    assert len(listed) == 2 and listed[-1].endswith("-before-restore.duckdb")
    assert motie("restore", listed[-1], "--db", str(db), cwd=tmp_path).returncode == 0
    assert count(db) == 10
