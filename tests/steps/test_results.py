"""Persisted step results are kept for a Retry and then removed: a results folder does not grow without end."""
import datetime as dt
import os

import pytest
from prefect import Task

import tasks.steps.extract
import tasks.steps.fetch
import tasks.steps.parse
import tasks.steps.store
from tasks.steps import caching
from tasks.steps.results import PERSISTED_STEPS, remove_expired, remove_run_results, results_folder, step_results
from tests.helpers import SAMPLE

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.timezone.utc)
RUN = "0b6f3c1e-8d2a-4c55-9e0f-2a7d1c9b4e10"
OTHER_RUN = "7f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b"


def result_file(folder, name, age: dt.timedelta):
    path = folder / name
    path.write_bytes(b'{"metadata": {}, "result": "..."}')
    stamp = (NOW - age).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def test_results_older_than_the_cache_window_are_removed(tmp_path):
    old = result_file(tmp_path, f"extract metrics-{RUN}-1f2e3d", caching.CACHE_FOR + dt.timedelta(hours=1))
    old_crawl = result_file(tmp_path, f"crawl site-{RUN}-9a8b7c", dt.timedelta(days=30))
    recent = result_file(tmp_path, f"extract metrics-{OTHER_RUN}-4c5d6e", caching.CACHE_FOR - dt.timedelta(hours=1))
    assert remove_expired(tmp_path, NOW) == 2
    assert not old.exists() and not old_crawl.exists()
    assert recent.exists()


def test_a_fresh_results_folder_is_left_untouched(tmp_path):
    files = [result_file(tmp_path, f"extract metrics-{RUN}-{n}", dt.timedelta(minutes=n)) for n in range(3)]
    files.append(result_file(tmp_path, "parse site pages-5e6f7a", dt.timedelta(days=1)))
    assert remove_expired(tmp_path, NOW) == 0
    assert all(path.exists() for path in files)


def test_a_folder_that_does_not_exist_yet_is_not_an_error(tmp_path):
    assert remove_expired(tmp_path / "results", NOW) == 0
    assert not (tmp_path / "results").exists()


def test_files_other_flows_keep_in_the_same_folder_are_never_touched(tmp_path):
    foreign = result_file(tmp_path, "3f0c9a4e5b6d7e8f", dt.timedelta(days=90))  # Prefect's own key
    (tmp_path / "subfolder").mkdir()
    assert remove_expired(tmp_path, NOW) == 0
    assert foreign.exists() and (tmp_path / "subfolder").is_dir()


def test_a_published_run_removes_its_own_results_only(tmp_path):
    mine = [result_file(tmp_path, f"extract metrics-{RUN}-{n}", dt.timedelta(0)) for n in range(2)]
    mine.append(result_file(tmp_path, f"crawl site-{RUN}-0d1e2f", dt.timedelta(0)))
    theirs = result_file(tmp_path, f"extract metrics-{OTHER_RUN}-abc", dt.timedelta(0))  # a failed run's, for Retry
    assert remove_run_results(tmp_path, RUN) == 3
    assert not any(path.exists() for path in mine)
    assert theirs.exists()


def test_every_step_that_persists_its_result_is_known_to_the_retention():
    persisted = {task.name for module in (tasks.steps.extract, tasks.steps.fetch, tasks.steps.parse, tasks.steps.store)
                 for task in vars(module).values() if isinstance(task, Task) and task.persist_result}
    assert persisted <= set(PERSISTED_STEPS)
    assert "extract metrics" in persisted


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_a_load_that_published_leaves_none_of_its_results_behind(db):
    from flows.ingest import ingest_flow

    folder = results_folder()
    summary = ingest_flow([str(SAMPLE)], str(db))
    assert summary.releases_new == 8
    assert not [path.name for path in step_results(folder) if summary.run_id in path.name]
