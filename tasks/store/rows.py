"""Records to the warehouse's rows (Arrow tables, tuples) and back.

The warehouse package knows tables, not the pipeline's records: this is where the two meet.
"""
from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.ipc  # noqa: F401 - pa.ipc, for pack_table

from tasks.parse.dedupe import PlannedVersion, StoredVersion, VersionPlan
from tasks.records import RawDocument, Rejection, Release
from warehouse.schemas import METRIC_SCHEMA, VERSION_SCHEMA

METRIC_FIELDS = ("indicator", "item", "region", "period_start", "period_end", "value", "unit",
                 "change_pct", "change_basis", "evidence", "figure_start", "figure_end", "period_kind",
                 "qualifier", "item_as_written", "indicator_rule", "item_rule", "period_rule", "region_rule",
                 "figure_text")


def stored_versions(rows: list[tuple]) -> tuple[dict[str, StoredVersion], dict[int, StoredVersion]]:
    """Stored current versions (tables.fetch_current_versions rows), by natural key and by site id."""
    by_key, by_site_id = {}, {}
    for key, site_id, rid, version, chash, complete, body in rows:
        stored = StoredVersion(rid, version, chash, complete, body)
        by_key[key] = stored
        if site_id is not None:
            by_site_id[site_id] = stored
    return by_key, by_site_id


def planned_versions(rows: list[tuple]) -> list[PlannedVersion]:
    """Stored current releases (tables.read_current_releases rows), to extract again."""
    return [PlannedVersion(rid, version, Release(title=title, published_on=published_on, body=body,
                                                 body_complete=complete, source=source, category=category,
                                                 site_id=site_id, url=url))
            for rid, version, title, published_on, body, complete, source, category, site_id, url in rows]


def version_table(plan: VersionPlan, run_id: str, now: dt.datetime) -> pa.Table:
    columns: dict[str, list] = {name: [] for name in VERSION_SCHEMA.names}
    for planned in plan.to_write:
        r = planned.release
        row = dict(release_id=planned.release_id, version=planned.version, natural_key=r.natural_key,
                   site_id=r.site_id, url=r.url, category=r.category, title=r.title,
                   published_on=r.published_on, body=r.body, body_complete=r.body_complete,
                   content_hash=r.content_hash, source=r.source, valid_from=now, run_id=run_id)
        for name, value in row.items():
            columns[name].append(value)
    return pa.table(columns, schema=VERSION_SCHEMA)


def metric_table(metrics: list[tuple[str, int, int, str, object]]) -> pa.Table:
    """metrics: (release_id, version, ordinal, extractor_version, metric) tuples, as an Arrow table."""
    names = [f.name for f in METRIC_SCHEMA if f.name not in ("extracted_at", "run_id")]
    columns: dict[str, list] = {name: [] for name in names}
    for release_id, version, ordinal, extractor_version, metric in metrics:
        columns["release_id"].append(release_id)
        columns["version"].append(version)
        columns["ordinal"].append(ordinal)
        columns["extractor_version"].append(extractor_version)
        for name in METRIC_FIELDS:
            columns[name].append(getattr(metric, name))
    return pa.table(columns, schema=pa.schema([METRIC_SCHEMA.field(n) for n in names]))


def pack_table(table: pa.Table) -> bytes:
    """An Arrow table as compressed IPC bytes: evidence sentences repeat, zstd takes most of them away."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=pa.ipc.IpcWriteOptions(compression="zstd")) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def unpack_table(packed: bytes) -> pa.Table:
    return pa.ipc.open_stream(pa.py_buffer(packed)).read_all()


def document_table(documents: list[RawDocument]) -> pa.Table:
    return pa.table({
        "content_hash": [d.content_hash for d in documents],
        "source": [d.source for d in documents],
        "media_type": [d.media_type for d in documents],
        "http_status": pa.array([d.http_status for d in documents], pa.int32()),
        "received_at": pa.array([d.received_at for d in documents], pa.timestamp("us", tz="UTC")),
        "content": pa.array([d.content for d in documents], pa.binary()),
    })


def attachment_table(plan: VersionPlan) -> pa.Table:
    rows = [(p.release_id, p.version, name, url) for p in plan.to_write for name, url in p.release.attachments]
    return pa.table({
        "release_id": pa.array([r[0] for r in rows], pa.string()),
        "version": pa.array([r[1] for r in rows], pa.int32()),
        "name": pa.array([r[2] for r in rows], pa.string()),
        "url": pa.array([r[3] for r in rows], pa.string())})


def site_id_table(releases: list[Release]) -> pa.Table:
    """natural_key, site_id, url of the releases whose site id is known."""
    known = [r for r in releases if r.site_id is not None]
    return pa.table({
        "natural_key": pa.array([r.natural_key for r in known], pa.string()),
        "site_id": pa.array([r.site_id for r in known], pa.int64()),
        "url": pa.array([r.url for r in known], pa.string())})


def rejection_rows(rejections: list[Rejection]) -> list[tuple[str, str, str]]:
    return [(r.source, r.reason, r.excerpt) for r in rejections]
