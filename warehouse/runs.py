"""Recording a failed run where operators and analysts can see it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from warehouse import files, tables
from warehouse.connect import connect


def record_failed_run(published: Path, run: tables.RunRecord, message: str) -> None:
    """Publish the failed run's row alone: none of the failed load's data goes with it."""
    with files.load_lock(published):
        files.prepare_working_copy(published)
        try:
            with connect(files.working_path(published)) as con:
                tables.write_run(con, run, "failed", {}, message[:2000], dt.datetime.now(dt.timezone.utc))
            files.publish_working_copy(published, label="failed-run")
        finally:
            files.discard_working_copy(published)
