"""How long persisted step results live: long enough for a Retry, not a day longer.

Finished steps persist their results so that a retried flow run resumes (caching.py names them
by their keys). Without a retention the folder only grows: a 100,000-release backfill alone
writes tens of megabytes. Two rules bound it:

- A run that published removes the results it wrote (their keys carry its flow run id): the
  warehouse now holds what they held, and Prefect never retries a completed run.
- Every load starts by removing results older than the cache window: Prefect would no longer
  read them (cache_expiration), so they are dead weight. A failed run's results wait for its
  Retry that long, then go.

Only files named by this project's persisted steps are touched: Prefect's default folder
(~/.prefect/storage) may hold other flows' results.
"""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from tasks.steps import caching

# The steps that persist their results, by task name: their keys start with it (caching.py).
PERSISTED_STEPS = ("crawl site", "parse site pages", "extract metrics")
log = logging.getLogger("motie")


def results_folder() -> Path | None:
    """The folder Prefect persists task results in ($MOTIE_RESULTS_DIR, else its default), when local."""
    from prefect.settings import get_current_settings

    settings = get_current_settings().results
    return None if settings.default_storage_block else Path(settings.local_storage_path).expanduser()


def step_results(folder: Path) -> list[Path]:
    """The result files this project's steps wrote into a folder."""
    if not folder.is_dir():
        return []
    return [path for path in folder.iterdir()
            if path.is_file() and path.name.startswith(tuple(f"{name}-" for name in PERSISTED_STEPS))]


def remove_expired(folder: Path, now: dt.datetime, window: dt.timedelta = caching.CACHE_FOR) -> int:
    """Remove the step results last written more than window ago; how many went."""
    oldest_kept = (now - window).timestamp()
    expired = [path for path in step_results(folder) if path.stat().st_mtime < oldest_kept]
    return remove(expired)


def remove_run_results(folder: Path, flow_run_id: str) -> int:
    """Remove the step results of one flow run; how many went."""
    return remove([path for path in step_results(folder) if f"-{flow_run_id}-" in path.name])


def remove(paths: list[Path]) -> int:
    for path in paths:
        path.unlink(missing_ok=True)  # another load may have pruned it first
    return len(paths)


# Housekeeping, not stages of the load: plain calls, no task runs (nothing to retry or show).
def prune_expired_results() -> None:
    folder = results_folder()
    if folder is not None and (removed := remove_expired(folder, dt.datetime.now(dt.timezone.utc))):
        log.info("removed %d step results older than %s from %s", removed, caching.CACHE_FOR, folder)


def discard_run_results(flow_run_id: str) -> None:
    folder = results_folder()
    if folder is not None:
        remove_run_results(folder, flow_run_id)
