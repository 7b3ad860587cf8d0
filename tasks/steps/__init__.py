"""The pipeline's Prefect tasks, one module per stage: thin wrappers that move records between
the plain code of the stages and the warehouse. Only this package imports Prefect under tasks/.
"""
from __future__ import annotations

import logging

from prefect import task

progress_log = logging.getLogger("motie.progress")


def announce_stage(prefect_task, task_run, state) -> None:
    """Every step says when it starts: the command line can pass it on (MOTIE_PROGRESS_FILE), so a
    supervisor, or the kill -9 test, follows the load by its stages rather than by the clock."""
    progress_log.info("stage %s", prefect_task.name, extra={"motie_stage": prefect_task.name})


def step(**options):
    """@task with the stage announcement: what every step of the pipeline is decorated with."""
    return task(on_running=[announce_stage], **options)
