"""A large load's extraction workers live only while a batch is extracted: the batch's load, and the
checks and report after the last one, run without their memory beside them."""
from __future__ import annotations

import duckdb
import pytest

import flows.ingest
import flows.lifecycle
import tasks.steps.extract as extract_step
from flows.ingest import ingest_flow, reextract_flow
from tasks.steps.extract import PARALLEL_FROM
from tests.helpers import write_listing

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_api")]


def workers_alive() -> int:
    pool = extract_step._pool
    return 0 if pool is None else sum(p.is_alive() for p in pool._processes.values())


def watch_step(monkeypatch, module, step_name: str, note) -> list:
    """Wrap a step the flow calls so each call notes note() as it starts."""
    seen: list = []
    real_step = getattr(module, step_name)

    def step_and_note(*args, **kwargs):
        seen.append(note())
        return real_step(*args, **kwargs)
    monkeypatch.setattr(module, step_name, step_and_note)
    return seen


def watch_loads(monkeypatch, step_name: str) -> list[int]:
    """How many workers are alive as each call of the flow's load step starts."""
    return watch_step(monkeypatch, flows.ingest, step_name, workers_alive)


def entries(count: int) -> list[tuple[str, str, str]]:
    return [(f"Exports of item {n}", f"Exports of item {n} rose {n % 9}.1 percent to ${n}.5 billion in June.",
             "2025-07-01") for n in range(count)]


def test_each_batch_is_loaded_with_no_extraction_worker_alive(tmp_path, monkeypatch):
    batch = PARALLEL_FROM  # large enough that every batch is extracted by worker processes
    path = write_listing(tmp_path / "two-batches.txt", entries(2 * batch))
    db = tmp_path / "w.duckdb"
    loads = watch_loads(monkeypatch, "load_warehouse")
    summary = ingest_flow([str(path)], str(db), batch_size=batch)
    assert summary.releases_new == 2 * batch
    assert loads == [0, 0]
    with duckdb.connect(str(db), read_only=True) as con:  # and the workers did extract both batches
        assert con.execute("SELECT count(DISTINCT release_id) FROM metrics").fetchall() == [(2 * batch,)]

    replaces = watch_loads(monkeypatch, "replace_metrics")
    summary = reextract_flow(str(db), batch_size=batch)
    assert replaces == [0, 0]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT release_id) FROM metrics").fetchall() == [(2 * batch,)]


def forkserver_pid() -> int | None:
    import multiprocessing.forkserver
    return multiprocessing.forkserver._forkserver._forkserver_pid


def process_exists(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as status:
            return "State:\tZ" not in status.read()
    except FileNotFoundError:
        return False


def test_the_checks_and_report_run_without_the_forkserver_and_the_next_run_starts_it_again(tmp_path, monkeypatch):
    path = write_listing(tmp_path / "one-batch.txt", entries(PARALLEL_FROM))
    db = tmp_path / "w.duckdb"
    servers = watch_step(monkeypatch, flows.lifecycle, "report_run", forkserver_pid)
    started = watch_step(monkeypatch, flows.ingest, "load_warehouse", forkserver_pid)

    assert ingest_flow([str(path)], str(db)).releases_new == PARALLEL_FROM
    first_server = started[0]
    assert first_server is not None  # the batch was extracted by workers forked from a server ...
    assert servers == [None] and not process_exists(first_server)  # ... gone before the report

    more = write_listing(tmp_path / "more.txt", [(f"Imports of item {n}", f"Imports of item {n} fell 2.{n % 9} "
                                                  f"percent to ${n}.1 billion in June.", "2025-07-01")
                                                 for n in range(PARALLEL_FROM)])
    assert ingest_flow([str(more)], str(db)).releases_new == PARALLEL_FROM
    assert started[1] is not None and started[1] != first_server  # a new server for the new run
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT release_id) FROM metrics").fetchall() == [(2 * PARALLEL_FROM,)]
