"""A large load's extraction workers live only while a batch is extracted: the batch's load, and the
checks and report after the last one, run without their memory beside them."""
from __future__ import annotations

import duckdb
import pytest

import flows.ingest
import tasks.steps.extract as extract_step
from flows.ingest import ingest_flow, reextract_flow
from tasks.steps.extract import PARALLEL_FROM
from tests.helpers import write_listing

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_api")]


def workers_alive() -> int:
    pool = extract_step._pool
    return 0 if pool is None else sum(p.is_alive() for p in pool._processes.values())


def watch_loads(monkeypatch, step_name: str) -> list[int]:
    """Wrap the flow's load step so each call notes how many workers are alive as it starts."""
    seen: list[int] = []
    real_step = getattr(flows.ingest, step_name)

    def load_and_note(*args, **kwargs):
        seen.append(workers_alive())
        return real_step(*args, **kwargs)
    monkeypatch.setattr(flows.ingest, step_name, load_and_note)
    return seen


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
