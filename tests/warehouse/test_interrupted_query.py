"""A signal that arrives while DuckDB runs a query: DuckDB raises its own error, which the command
line and the run's ending must still read as the stop it was."""
from __future__ import annotations

import os
import signal
import threading

import duckdb
import pytest

from flows.cli import stopped_by
from warehouse.connect import is_interrupted_query


class Stop(BaseException):
    pass


def raise_stop(signum, frame):
    raise Stop()


@pytest.fixture
def stop_on_sigusr1():
    previous = signal.signal(signal.SIGUSR1, raise_stop)
    yield
    signal.signal(signal.SIGUSR1, previous)


@pytest.mark.usefixtures("stop_on_sigusr1")
def test_a_signal_during_a_query_comes_out_as_an_interrupted_query_read_as_a_stop():
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGUSR1))
    timer.start()
    with duckdb.connect() as con, pytest.raises(BaseException) as raised:
        con.execute("SELECT count(*) FROM range(100000000000) AS a").fetchall()  # minutes, unless stopped
    timer.join()
    assert is_interrupted_query(raised.value), repr(raised.value)
    assert stopped_by(raised.value) == signal.SIGTERM  # no Ctrl-C was received: a SIGTERM stopped it


def test_other_errors_are_not_stops():
    assert stopped_by(RuntimeError("Conversion Error: could not convert")) is None
    assert stopped_by(ValueError("Query interrupted")) is None
    assert stopped_by(KeyboardInterrupt()) == signal.SIGINT
