"""What operators rely on: retries that resume, the served schedule, artifacts, loud checks, alerts."""
from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest_flow
from flows.nightly import nightly_flow
from tests.fixture_site import FixtureSite, releases_from_listing_text
from tests.helpers import SAMPLE
from warehouse import health, tables
from warehouse.schema import migrate, refresh_materialized

MOTIE = str(Path(sys.executable).parent / "motie")


def sample_site() -> FixtureSite:
    return FixtureSite(releases_from_listing_text(SAMPLE.read_text(encoding="utf-8")))


def query(db, sql, params=None):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_a_run_retried_like_the_ui_does_resumes_without_fetching_again(db, monkeypatch):
    from prefect.client.orchestration import get_client
    from prefect.flow_engine import load_flow_run, run_flow
    from prefect.states import AwaitingRetry

    real_write_metrics = tables.write_metrics
    faults = iter([RuntimeError("injected fault at the load step")])

    def write_metrics_failing_once(con, table):
        fault = next(faults, None)
        if fault:
            raise fault
        return real_write_metrics(con, table)

    monkeypatch.setattr(tables, "write_metrics", write_metrics_failing_once)
    with sample_site() as site:
        state = nightly_flow(str(db), base_url=site.base_url, delay=0.0, retry_backoff=0.01, return_state=True)
        assert state.is_failed()
        run_id = state.state_details.flow_run_id
        assert not db.exists()  # nothing of the failed attempt was published
        requests_first = len(site.log)
        site.clear_log()
        # The UI's Retry button: the flow run goes back to Scheduled (AwaitingRetry) and is run again.
        with get_client(sync_client=True) as client:
            client.set_flow_run_state(run_id, AwaitingRetry(), force=True)
        flow_run = load_flow_run(run_id)
        run_flow(nightly_flow, flow_run=flow_run)
        assert site.log == []  # nothing fetched again: the crawl's result was kept
    assert requests_first > 8
    assert query(db, "SELECT count(*) FROM releases") == [(8,)]
    assert query(db, "SELECT status FROM pipeline_runs") == [("completed",)]
    assert query(db, "SELECT count(*) FROM pipeline_runs WHERE run_id = ?", [str(run_id)]) == [(1,)]


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_each_run_publishes_its_summary_and_rejections_as_artifacts(db, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    bad = tmp_path / "bad.txt"
    bad.write_text(SAMPLE.read_text(encoding="utf-8").rstrip() + "\n-\nBroken\nno date\n", encoding="utf-8")
    summary = ingest_flow([str(bad)], str(db))
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=["motie-run-summary", "motie-rejected"])))
    by_key = {a.key: a for a in artifacts if str(a.flow_run_id) == summary.run_id}
    markdown = by_key["motie-run-summary"].data
    assert "| 8 | 0 | 0 | 1 |" in markdown
    assert "passed: metrics_have_a_number" in markdown and "fdi pledged" in markdown
    rejected = json.loads(by_key["motie-rejected"].data) if isinstance(by_key["motie-rejected"].data, str) \
        else by_key["motie-rejected"].data
    assert rejected[0]["reason"].startswith("no 'dateYYYY-MM-DD' marker")


class Hook(BaseHTTPRequestHandler):
    received: list = []

    def log_message(self, *args):
        pass

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Hook.received.append((self.headers["Content-Type"], json.loads(body)))
        self.send_response(200)
        self.end_headers()


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_a_failed_run_is_announced_on_the_webhook_and_recorded(db, tmp_path, monkeypatch):
    ingest_flow([str(SAMPLE)], str(db))
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("MOTIE_WEBHOOK_URL", f"http://127.0.0.1:{server.server_address[1]}/hook")
    Hook.received.clear()
    bad = tmp_path / "bad.txt"
    bad.write_text("-\nBroken\nno date\n", encoding="utf-8")
    try:
        state = ingest_flow([str(bad)], str(db), strict=True, return_state=True)
    finally:
        server.shutdown()
    assert state.is_failed()
    ((content_type, payload),) = Hook.received
    assert content_type == "application/json"
    assert "motie-ingest" in payload["text"] and "--strict" in payload["text"]
    assert str(state.state_details.flow_run_id) in payload["text"]
    assert query(db, "SELECT status, coalesce(message, '') LIKE '%--strict%' FROM pipeline_runs "
                     "ORDER BY started_at") == [
        ("completed", False), ("failed", True)]


def make_warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    migrate(con)
    return con


def test_counts_that_drop_fail_the_checks(tmp_path):
    with make_warehouse(tmp_path / "w.duckdb") as con:
        before = health.count_rows(con) | {"release_version_rows": 5, "metrics": 100}
        result = health.check_health(con, before)
    assert result.failed == {"release_version_rows count": "dropped from 5 to 0",
                             "metrics count": "dropped from 100 to 0"}


def test_freshness_warns_when_stale_and_fails_when_the_newest_release_goes_back(tmp_path):
    with make_warehouse(tmp_path / "w.duckdb") as con:
        con.execute("""INSERT INTO release_version_rows (release_id, version, natural_key, title, published_on,
                       body, body_complete, content_hash, source, valid_from)
                       VALUES ('r', 1, 'k', 't', DATE '2025-07-01', 'b', true, 'h', 's', now())""")
        stale = health.check_health(con, None, stale_after_days=14, today=dt.date(2025, 8, 1))
        assert stale.failed == {} and stale.warnings == ["no new release for 31 days (newest 2025-07-01)"]
        con.execute("""INSERT INTO run_rows (run_id, flow, started_at, finished_at, status, newest_release_on)
                       VALUES ('x', 'motie-run', now(), now(), 'completed', DATE '2025-07-20')""")
        went_back = health.check_health(con, None, stale_after_days=14, today=dt.date(2025, 7, 21))
    assert "older than the 2025-07-20 the last run left" in went_back.failed["freshness"]


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_serve_registers_the_nightly_schedule_and_runs_one_at_a_time(tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL

    db = tmp_path / "served.duckdb"
    env = dict(os.environ, PREFECT_API_URL=PREFECT_API_URL.value(), PREFECT_RUNNER_POLL_FREQUENCY="1")
    with sample_site() as site:
        serve = subprocess.Popen([MOTIE, "serve", "--db", str(db), "--base-url", site.base_url, "--delay", "0",
                                  "--cron", "30 3 * * *"], cwd=tmp_path, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            with get_client(sync_client=True) as client:
                deployment = wait_for_deployment(client, "motie-run/nightly")
                (schedule,) = deployment.schedules
                assert (schedule.schedule.cron, schedule.schedule.timezone) == ("30 3 * * *", "Asia/Seoul")
                assert deployment.parameters["db"] == str(db.resolve())
                assert deployment.global_concurrency_limit.limit == 1
            flow_run = run_deployment("motie-run/nightly", timeout=240)
            assert flow_run.state.is_completed(), flow_run.state
        finally:
            serve.send_signal(signal.SIGINT)
            serve.wait(timeout=60)
    assert query(db, "SELECT count(*) FROM releases") == [(8,)]
    assert query(db, "SELECT run_id FROM pipeline_runs") == [(str(flow_run.id),)]


def wait_for_deployment(client, name: str, timeout: float = 120.0):
    started = time.monotonic()
    while True:
        try:
            return client.read_deployment_by_name(name)
        except Exception:  # noqa: BLE001 - not registered yet
            if time.monotonic() - started > timeout:
                raise
            time.sleep(0.5)


def test_a_figure_a_thousand_times_off_its_series_is_flagged_as_a_scale_suspect(tmp_path):
    with make_warehouse(tmp_path / "w.duckdb") as con:
        for n, (value, day) in enumerate([(5.1e9, "2025-03-05"), (5.3e6, "2025-04-05"), (5.2e9, "2025-05-05")]):
            month = int(day[5:7]) - 1
            con.execute("""INSERT INTO release_version_rows (release_id, version, natural_key, title, published_on,
                           body, body_complete, content_hash, source, valid_from)
                           VALUES (?, 1, ?, 't', ?::DATE, 'b', true, 'h', 's', now())""", [f"r{n}", f"k{n}", day])
            con.execute("""INSERT INTO metric_rows (release_id, version, ordinal, extractor_version, indicator,
                           period_start, period_end, value, unit, evidence, figure_start, figure_end, extracted_at)
                           VALUES (?, 1, 1, 'x', 'exports', make_date(2025, ?, 1),
                                   last_day(make_date(2025, ?, 1)), ?, 'USD', 'e', 0, 1, now())""",
                        [f"r{n}", month, month, value])
        refresh_materialized(con)  # as every load does before its checks
        result = health.check_health(con, None)
    assert result.failed == {}
    assert result.warnings == ["warn_scale_suspects: 1 rows (see sql/checks/warn_scale_suspects.sql)"]
