"""What the extraction worker processes run.

It imports neither Prefect nor DuckDB: a worker is the extractor, pyarrow and nothing else, so two
of them cost tens of megabytes rather than a copy of the whole command line each. The forkserver
loads this module once and every worker starts from it with the lexicon already compiled.
"""
from __future__ import annotations

import datetime as dt
import os
import select
import threading
import time

import pyarrow as pa

from tasks.extract import EXTRACTOR_VERSION, extract_many
from tasks.memory import keep_pandas_out
from tasks.store.rows import metric_table

# What one release gives the extractor: release_id, version, then extract_many's (body, published_on, title).
Item = tuple[str, int, str, dt.date, str]


def start_worker(command_pid: int) -> None:
    """Run once in each worker before its first chunk."""
    keep_pandas_out()  # pandas would add about 50 MB to every worker
    threading.Thread(target=exit_when_gone, args=(command_pid,), name="command watch", daemon=True).start()


def exit_when_gone(command_pid: int) -> None:
    """End this worker as soon as the command that started it is gone, however it died.

    A worker waits on its queue of chunks, whose pipe it holds both ends of, and it holds the
    forkserver's lifeline too: when the command is killed outright (kill -9, the out-of-memory
    killer), neither the worker nor the forkserver would ever notice, and both would live on.
    """
    try:
        handle = os.pidfd_open(command_pid)  # readable when the process exits; Linux 5.3+
    except (AttributeError, OSError):
        while command_alive(command_pid):
            time.sleep(1.0)
    else:
        select.select([handle], [], [])
    os._exit(1)


def command_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # the process is there, only not ours
    return True


def extract_chunk(items: list[Item]) -> tuple[pa.Table, list[tuple[int, str]]]:
    """Metrics of a chunk as one Arrow table, and (position, error) of the releases that failed.

    The table is built where the metrics are, so only compact Arrow buffers travel back to the
    parent, never a Python object per metric.
    """
    results = extract_many([(body, published_on, title) for _, _, body, published_on, title in items])
    rows, failures = [], []
    for n, ((release_id, version, *_), result) in enumerate(zip(items, results, strict=True)):
        if isinstance(result, str):
            failures.append((n, result))
            continue
        rows.extend((release_id, version, ordinal, EXTRACTOR_VERSION, metric)
                    for ordinal, metric in enumerate(result, start=1))
    return metric_table(rows), failures
