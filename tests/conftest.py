"""Shared fixtures: the bundled sample, a temporary Prefect API, warehouse paths."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from flows.settings import configure_prefect
from tests.helpers import SAMPLE

# Persisted step results of the tests stay apart from a user's own (~/.prefect/storage).
os.environ.setdefault("MOTIE_RESULTS_DIR", tempfile.mkdtemp(prefix="motie-test-results-"))
configure_prefect()


def pytest_collection_modifyitems(config, items):
    """A test that needs a Prefect server is slow: keep the fast tier (-m "not slow") fast."""
    unmarked = [item.nodeid for item in items
                if "prefect_api" in item.fixturenames and item.get_closest_marker("slow") is None]
    if unmarked:
        raise pytest.UsageError("tests that start a Prefect server must be marked slow: " + ", ".join(unmarked))


@pytest.fixture(scope="session")
def prefect_api():
    """A real, temporary Prefect server and database for the whole test session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=int(
            os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180"))):
        yield


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "warehouse.duckdb"


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")
