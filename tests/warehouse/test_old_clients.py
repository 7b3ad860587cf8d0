"""The published warehouse opens in DuckDB 1.x clients (1.2 and newer), every view included."""
import json
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest_flow
from tests.helpers import SAMPLE
from warehouse import files
from warehouse.connect import STORAGE_VERSION, connect, storage_version
from warehouse.schema import migrate

# A DuckDB 1.x client in an environment of its own, made once and kept between test sessions.
OLD_CLIENT = Path(os.environ.get("MOTIE_OLD_DUCKDB_VENV", Path(tempfile.gettempdir()) / "motie-duckdb1-client"))
OLD_CLIENT_REQUIREMENT = "duckdb>=1.2,<2"
QUERY_EVERY_VIEW = """
import json, sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
views = [r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()]
out = {"version": duckdb.__version__, "views": {}}
for view in views:
    try:
        out["views"][view] = con.execute('SELECT count(*) FROM "' + view + '"').fetchall()[0][0]
    except Exception as error:
        out["views"][view] = str(error)
print(json.dumps(out))
"""


def old_client_python() -> Path:
    python = OLD_CLIENT / "bin" / "python"
    if not python.exists():
        venv.create(OLD_CLIENT, with_pip=True)
    installed = subprocess.run([python, "-c", "import duckdb; print(duckdb.__version__)"], capture_output=True,
                               text=True)
    if installed.returncode != 0 or not installed.stdout.startswith("1."):
        result = subprocess.run([python, "-m", "pip", "install", "-q", OLD_CLIENT_REQUIREMENT],
                                capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            if os.environ.get("CI"):
                pytest.fail(f"could not install {OLD_CLIENT_REQUIREMENT}: {result.stderr[-500:]}")
            pytest.skip(f"could not install {OLD_CLIENT_REQUIREMENT} (no package index?)")
    return python


def view_names() -> set[str]:
    with duckdb.connect() as con:
        migrate(con)
        return {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}


@pytest.mark.slow
def test_a_duckdb_1_client_reads_every_view_of_the_published_warehouse(db, prefect_api):
    ingest_flow([str(SAMPLE)], str(db))
    python = old_client_python()
    result = subprocess.run([python, "-c", QUERY_EVERY_VIEW, str(db)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["version"].startswith("1.")
    assert set(seen["views"]) == view_names()
    failed = {view: answer for view, answer in seen["views"].items() if not isinstance(answer, int)}
    assert not failed
    assert seen["views"]["metric_series"] > 0 and seen["views"]["series_catalog"] > 0


@pytest.mark.slow
def test_a_warehouse_in_a_newer_storage_format_is_published_in_the_old_one(db, prefect_api):
    with duckdb.connect(str(db)) as con:  # what an earlier motie-etl published: DuckDB's newest format
        migrate(con)
        newest = storage_version(con)
    ingest_flow([str(SAMPLE)], str(db))
    with connect(db, read_only=True) as con:
        assert storage_version(con) == f"{STORAGE_VERSION}+"
        assert con.execute("SELECT count(*) FROM releases").fetchall() == [(8,)]
    assert newest != f"{STORAGE_VERSION}+" or sys.modules["duckdb"].__version__.startswith("1.")
    assert not files.working_path(db).exists()
