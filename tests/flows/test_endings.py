"""Bad nights as an operator lives them, on a real Prefect server with `motie serve` and a loopback
site: an outage fails the run and is announced once, Retry after the fix loads what was missing,
a killed run is recorded as crashed, and no Prefect server outlives the command that started it."""
from __future__ import annotations

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
from tests.fixture_site import FixtureSite, SiteRelease, releases_from_listing_text
from tests.helpers import SAMPLE, process_tree, wait_for
from tests.warehouse.test_safety import big_input
from warehouse.files import lock_path, working_path

MOTIE = str(Path(sys.executable).parent / "motie")
RELEASE_PAGES = r"/EATCLdfa319ada/\d+/view"
SERVER_MARKS = (b"prefect.server.api.server:create_app", b"prefect server start")


def query(db, sql, params=()):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def prefect_servers() -> set[int]:
    """Every Prefect server process on the machine (Prefect's temporary ones, ours, `prefect server start`)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if any(mark in cmdline for mark in SERVER_MARKS):
                found.add(int(entry.name))
    return found


def children_of(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry.name))
    return kids


def stop_group(process: subprocess.Popen, sig=signal.SIGINT, timeout: float = 60) -> None:
    """Stop a process started in its own group, and anything it left in that group."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


class Webhook:
    """A local stand-in for Slack's incoming webhook."""

    def __init__(self):
        self.received: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                outer.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"])))["text"])
                self.send_response(200)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def wait_for_final(client, run_id, timeout: float = 240):
    holder = {}

    def final():
        holder["run"] = client.read_flow_run(run_id)
        return holder["run"].state is not None and holder["run"].state.is_final()

    wait_for(final, timeout, step=0.5)
    return holder["run"]


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_an_outage_fails_the_night_retry_after_the_fix_loads_what_it_lacked_and_a_kill_is_a_crash(tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL
    from prefect.states import AwaitingRetry

    from tests.flows.test_operators import wait_for_deployment

    db = tmp_path / "served.duckdb"
    hook = Webhook()
    env = dict(os.environ, PREFECT_API_URL=PREFECT_API_URL.value(), PREFECT_RUNNER_POLL_FREQUENCY="1",
               MOTIE_WEBHOOK_URL=hook.url)
    site = FixtureSite(releases_from_listing_text(SAMPLE.read_text(encoding="utf-8")))
    with site:
        site.faults.down = True
        serve = subprocess.Popen([MOTIE, "serve", "--db", str(db), "--base-url", site.base_url, "--delay", "0",
                                  "--retry-backoff", "0.01", "--revalidate-days", "0"], cwd=tmp_path, env=env,
                                 stdout=open(tmp_path / "serve.log", "w"), stderr=subprocess.STDOUT,
                                 start_new_session=True)
        try:
            with get_client(sync_client=True) as client:
                wait_for_deployment(client, "motie-run/nightly")
                # The site is down: the night fails, and says so once.
                night = run_deployment("motie-run/nightly", timeout=300)
                assert night.state.is_failed(), night.state
                assert "the listing could not be read" in night.state.message
                assert len(hook.received) == 1 and "failed" in hook.received[0] and str(night.id) in hook.received[0]

                # The site is back; the operator presses Retry (the UI sets AwaitingRetry, forced).
                site.faults.down = False
                site.clear_log()
                client.set_flow_run_state(night.id, AwaitingRetry(message="Retry from the UI"), force=True)
                retried = wait_for_final(client, night.id)
                assert retried.state.is_completed(), retried.state
                fetched = [path for path, _ in site.requests_to(RELEASE_PAGES)]
                assert sorted(fetched) == sorted(set(fetched)) and len(fetched) == 8  # each page once
                assert query(db, "SELECT count(*), bool_and(body_complete) FROM releases") == [(8, True)]

                # Two healthy nights: one with a new release, one with nothing new.
                site.releases.append(SiteRelease(3000, "Exports of ships rise", "2025-08-20",
                                                 "Exports of ships rose 12.0 percent to $2.1 billion in July."))
                healthy = [run_deployment("motie-run/nightly", timeout=300) for _ in range(2)]
                assert all(r.state.is_completed() for r in healthy), [r.state for r in healthy]

                # kill -9 of the flow-run process, caught while it fetches a slow page.
                site.releases.append(SiteRelease(3001, "Imports of gas fall", "2025-08-21",
                                                 "Imports of gas fell 3.0 percent to $1.1 billion in July."))
                site.faults.slow["/eng/article/EATCLdfa319ada/3001/view"] = 120
                killed = run_deployment("motie-run/nightly", timeout=0)
                wait_for(lambda: (marker_in_lock(db) or {}).get("run_id") == str(killed.id), timeout=120)
                flow_process = int(lock_path(db).read_text().split("\n")[0])  # the load's holder
                assert flow_process != serve.pid and flow_process in children_of(serve.pid)
                assert not own_servers(flow_process)  # a served run uses the lasting server, starts none
                os.kill(flow_process, signal.SIGKILL)
                killed_at = time.monotonic()
                crashed = wait_for_final(client, killed.id, timeout=120)
                assert crashed.state.is_crashed(), crashed.state
                wait_for(lambda: query(db, "SELECT status FROM pipeline_runs WHERE run_id = ?",
                                       [str(killed.id)]) == [("crashed",)], timeout=60)
                seconds_to_record = time.monotonic() - killed_at
            assert not own_servers(serve.pid)
        finally:
            stop_group(serve)
            hook.close()
            with get_client(sync_client=True) as client:  # serve keeps its schedule on stop: drop ours
                client.delete_deployment(client.read_deployment_by_name("motie-run/nightly").id)
    runs = query(db, "SELECT run_id, status, attempts, started_at, releases_new, releases_rejected "
                     "FROM pipeline_runs ORDER BY started_at")
    assert [(r[0], r[1], r[2]) for r in runs] == [
        (str(night.id), "completed", 2), (str(healthy[0].id), "completed", 1),
        (str(healthy[1].id), "completed", 1), (str(killed.id), "crashed", 1)]
    assert runs[0][3] == retried.start_time  # the first attempt's start, kept through the retry
    assert [r[4:] for r in runs[:3]] == [(8, 0), (1, 0), (0, 0)]
    assert query(db, "SELECT count(*) FROM rejected") == [(0,)]
    assert len(hook.received) == 2 and "crashed" in hook.received[1]
    print(f"crash recorded {seconds_to_record:.1f} s after the kill")


def marker_in_lock(db: Path) -> dict | None:
    text = lock_path(db).read_text() if lock_path(db).exists() else ""
    _, _, marker = text.partition("\n")
    return json.loads(marker) if marker.strip() else None


def start_motie(*args: str, cwd: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}  # each command on its own server
    return subprocess.Popen([MOTIE, *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def own_servers(pid: int) -> set[int]:
    return {child for child in children_of(pid) if child in prefect_servers()}


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_a_killed_standalone_load_takes_its_server_along_and_the_next_run_records_the_crash(tmp_path):
    db = tmp_path / "w.duckdb"
    ingest_flow([str(SAMPLE)], str(db))
    big = big_input(tmp_path, copies=500)
    process = start_motie("ingest", str(big), "--db", str(db), cwd=tmp_path)
    try:
        wait_for(lambda: working_path(db).exists() and marker_in_lock(db) is not None, timeout=240)
        servers = own_servers(process.pid)
        assert len(servers) == 1
        run_id = marker_in_lock(db)["run_id"]
        os.kill(process.pid, signal.SIGKILL)
        gone_after = wait_for(lambda: not (servers & prefect_servers()), timeout=10)
    finally:
        stop_group(process, signal.SIGKILL)
    assert query(db, "SELECT count(*) FROM pipeline_runs WHERE run_id = ?", [run_id]) == [(0,)]
    next_run = start_motie("ingest", str(SAMPLE), "--db", str(db), cwd=tmp_path)
    out, err = next_run.communicate(timeout=600)
    assert next_run.returncode == 0, err
    assert query(db, "SELECT status, message LIKE '%ended without finishing%' FROM pipeline_runs "
                     "WHERE run_id = ?", [run_id]) == [("crashed", True)]
    print(f"the killed command's server was gone {gone_after:.2f} s after the kill")


def extraction_processes(pid: int) -> set[int]:
    """The command's forkserver and extraction workers (they run `multiprocessing.forkserver`)."""
    found = set()
    for child in process_tree(pid)[1:]:
        try:
            if b"multiprocessing.forkserver" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.add(child)
        except OSError:
            continue
    return found


def alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if Path(f"/proc/{pid}").exists()
            and Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"}


@pytest.mark.slow
def test_a_load_killed_outright_leaves_no_extraction_worker_behind(tmp_path):
    db = tmp_path / "w.duckdb"
    process = start_motie("ingest", str(big_input(tmp_path, copies=500)), "--db", str(db), cwd=tmp_path)
    try:
        # 4,000 releases: extracted on every core, by a forkserver and its workers.
        wait_for(lambda: len(extraction_processes(process.pid)) >= 2, timeout=240, step=0.02)
        workers = extraction_processes(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        gone_after = wait_for(lambda: not alive(workers), timeout=15)
    finally:
        stop_group(process, signal.SIGKILL)
    print(f"{len(workers)} extraction processes, gone {gone_after:.2f} s after the kill")


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_sigterm_ends_a_load_with_one_line_a_status_and_an_interrupted_row(tmp_path):
    db = tmp_path / "w.duckdb"
    ingest_flow([str(SAMPLE)], str(db))
    process = start_motie("ingest", str(big_input(tmp_path, copies=500)), "--db", str(db), cwd=tmp_path)
    try:
        wait_for(lambda: working_path(db).exists(), timeout=240)
        servers = own_servers(process.pid)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=120)
    finally:
        stop_group(process, signal.SIGKILL)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert err.strip().splitlines()[-1] == ("motie ingest: stopped (SIGTERM) before the load finished; "
                                            "the published warehouse is as it was")
    assert query(db, "SELECT count(*) FROM releases") == [(8,)]
    assert [status for (status,) in query(db, "SELECT status FROM pipeline_runs ORDER BY started_at")] == [
        "completed", "interrupted"]
    wait_for(lambda: not (servers & prefect_servers()), timeout=10)


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_failed_runs_keep_no_snapshot_and_push_none_of_the_good_ones_out(db, tmp_path):
    from tests.helpers import write_listing
    from warehouse.files import list_snapshots

    ingest_flow([str(SAMPLE)], str(db), keep_snapshots=2)
    more = write_listing(tmp_path / "more.txt", [("One more", "Exports rose 1.0 percent in May.", "2025-06-01")])
    ingest_flow([str(more)], str(db), keep_snapshots=2)
    good = list_snapshots(db)
    bad = write_listing(tmp_path / "bad.txt", [("Broken", "no date", "")])
    for _ in range(3):
        assert ingest_flow([str(bad)], str(db), strict=True, keep_snapshots=2, return_state=True).is_failed()
    assert list_snapshots(db) == good
    assert [s for (s,) in query(db, "SELECT status FROM pipeline_runs ORDER BY started_at")] == [
        "completed", "completed", "failed", "failed", "failed"]


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_a_load_refused_by_the_lock_is_recorded_by_the_next_load(db):
    from warehouse.files import load_lock

    ingest_flow([str(SAMPLE)], str(db))
    with load_lock(db):
        state = ingest_flow([str(SAMPLE)], str(db), return_state=True)
    assert state.is_failed() and "another load is writing" in state.message
    ingest_flow([str(SAMPLE)], str(db))
    assert [s for (s,) in query(db, "SELECT status FROM pipeline_runs ORDER BY started_at")] == [
        "completed", "refused", "completed"]
