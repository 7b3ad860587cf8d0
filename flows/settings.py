"""The one place that reads settings from the environment."""
from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

DEFAULT_DB = "motie.duckdb"


def default_db_path() -> Path:
    """--db defaults to $MOTIE_DB, else motie.duckdb in the working folder."""
    return Path(os.environ.get("MOTIE_DB") or DEFAULT_DB)


def default_keep_snapshots() -> int:
    """How many earlier published warehouses to keep: $MOTIE_KEEP_SNAPSHOTS, else 7."""
    value = os.environ.get("MOTIE_KEEP_SNAPSHOTS", "7")
    if not value.isdigit():
        raise ValueError(f"MOTIE_KEEP_SNAPSHOTS must be a whole number, not {value!r}")
    return int(value)


def progress_file() -> Path | None:
    """$MOTIE_PROGRESS_FILE: where a load writes the name of each step it starts, one a line, if anywhere."""
    value = os.environ.get("MOTIE_PROGRESS_FILE")
    return Path(value) if value else None


def demo_releases_path() -> Path:
    return Path(str(files("flows").joinpath("demo_data", "releases.txt")))


def configure_prefect(verbose: bool = False) -> None:
    """Quiet, offline-friendly Prefect defaults; anything the operator set explicitly wins.

    Must run before prefect is imported: its settings are read at import time.
    """
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    # A temporary server's first start on a new machine takes about 20 s, Prefect's default limit.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    # A flow run's own lines (its summary, counts, failure) reach its Logs tab at INFO, so the UI
    # tells the run's story; Prefect's other loggers stay at WARNING (a line per task state costs
    # the server memory and tells nothing), and the terminal shows warnings only, unless -v.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "INFO" if verbose else "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")
    # The project's own log lines (retries, off-site links, checks) go to the run's logs as well.
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "motie")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
    # Where finished steps keep their results, so a retried run resumes: a durable folder.
    if os.environ.get("MOTIE_RESULTS_DIR"):
        os.environ.setdefault("PREFECT_LOCAL_STORAGE_PATH", os.environ["MOTIE_RESULTS_DIR"])


def failure_webhook_url() -> str | None:
    """$MOTIE_WEBHOOK_URL: where a failed run is announced (Slack-compatible JSON), if anywhere."""
    return os.environ.get("MOTIE_WEBHOOK_URL") or None


def run_url(flow_run_id: str) -> str | None:
    """The run's page in the Prefect UI, when a UI address is known."""
    from prefect.settings import PREFECT_UI_URL

    from flows.prefect_server import TEMPORARY_SERVER

    if os.environ.get(TEMPORARY_SERVER):
        return None  # a command's own server is gone when the command is: no page to link to
    base = PREFECT_UI_URL.value()
    return f"{base.rstrip('/')}/runs/flow-run/{flow_run_id}" if base else None
