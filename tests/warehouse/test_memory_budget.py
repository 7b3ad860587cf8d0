"""The default DuckDB budget carries a large backfill's checkpoints in the published storage format."""
from __future__ import annotations

import random

import pyarrow as pa
import pytest

from tests.helpers import SAMPLE
from warehouse.connect import connect, storage_version


def release_like_bodies(count: int, seed: int = 3) -> list[str]:
    """Bodies of ~2.3 KB drawn from the sample's words: as compressible as the ministry's prose."""
    words = SAMPLE.read_text(encoding="utf-8").split()
    rng = random.Random(seed)
    return [" ".join(rng.choices(words, k=380)) for _ in range(count)]


@pytest.mark.slow
def test_a_100000_release_backfill_checkpoints_within_the_default_budget(tmp_path, monkeypatch):
    # At 256MB this failed after ~55,000 releases: "Failed to create checkpoint ... failed to allocate".
    monkeypatch.delenv("MOTIE_DUCKDB_MEMORY", raising=False)
    bodies = release_like_bodies(5000)
    with connect(tmp_path / "w.duckdb") as con:
        assert storage_version(con).startswith("v1.2.0")
        con.execute("CREATE TABLE versions (release_id VARCHAR, version INTEGER, body VARCHAR, "
                    "PRIMARY KEY (release_id, version))")
        con.execute("CREATE TABLE evidence (release_id VARCHAR, sentence VARCHAR, value DOUBLE)")
        for batch in range(20):  # as a backfill loads: batches of 5,000 releases, one commit each
            ids = [f"{batch:02d}-{n:05d}-{'k' * 24}" for n in range(len(bodies))]
            versions = pa.table({"release_id": ids, "version": [1] * len(ids), "body": bodies[batch:] + bodies[:batch]})
            sentences = pa.table({"release_id": ids * 9, "sentence": [b[:300] for b in bodies] * 9,
                                  "value": [float(n) for n in range(len(ids) * 9)]})
            con.execute("BEGIN TRANSACTION")
            con.register("incoming_versions", versions)
            con.register("incoming_sentences", sentences)
            con.execute("INSERT INTO versions SELECT * FROM incoming_versions")
            con.execute("INSERT INTO evidence SELECT * FROM incoming_sentences")
            con.execute("COMMIT")
        assert con.execute("SELECT count(*) FROM versions").fetchone() == (100_000,)
