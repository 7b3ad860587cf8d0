"""`motie serve`: the nightly deployment, served on its schedule, visible and retryable in the Prefect UI.

flow.serve rather than a work pool: one long-running process (a systemd unit) is all a
nightly job on one machine needs; there is no worker, pool or infrastructure block to
keep in step, and runs, logs, artifacts and the Retry button work the same in the UI.
A work pool is the step up when runs must go to other machines (see docs/scaling.md).
"""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_CRON = "0 2 * * *"
DEFAULT_TIMEZONE = "Asia/Seoul"
DEPLOYMENT_NAME = "nightly"


class NoPrefectServer(RuntimeError):
    """serve needs a lasting Prefect server to register with."""


def serve_nightly(db: Path, cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE,
                  parameters: dict | None = None) -> None:
    """Register the nightly deployment and run its scheduled (and retried) runs, one at a time."""
    if not os.environ.get("PREFECT_API_URL"):
        raise NoPrefectServer("motie serve needs a Prefect server: start one (prefect server start) "
                              "and set PREFECT_API_URL, e.g. http://127.0.0.1:4200/api")
    from prefect.deployments.runner import EntrypointType
    from prefect.schedules import Cron

    from flows.nightly import nightly_flow

    nightly_flow.serve(
        name=DEPLOYMENT_NAME,
        schedules=[Cron(cron, timezone=timezone)],
        parameters={"db": str(db.resolve()), **(parameters or {})},
        description="Fetch new and changed MOTIE press releases and load them into the warehouse.",
        tags=["motie-etl"],
        limit=1,  # this process runs one flow run at a time
        global_limit=1,  # and no other serve process may run the deployment meanwhile
        entrypoint_type=EntrypointType.MODULE_PATH,
        # Prefect's default pauses the schedule when serve stops: a restart by systemd (or a
        # reboot) would silently end the nightly runs. The schedule stays on; runs that come due
        # while serve is down wait as Late and run when it is back.
        pause_on_shutdown=False,
    )
