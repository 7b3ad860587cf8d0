"""Where a warehouse lives on disk: the published file, the working copy, the load lock.

Analysts read the published file at any hour. A load never writes to it: it copies
it to a working file, loads there, and replaces the published file atomically only
when everything succeeded. An open reader keeps the snapshot it opened.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb

from warehouse.connect import STORAGE_VERSION, connect, storage_version
from warehouse.schema import migrate

DEFAULT_SNAPSHOTS = 7
log = logging.getLogger("motie")


class LoadAlreadyRunning(RuntimeError):
    """Another load holds this warehouse's lock."""


class CorruptWarehouse(RuntimeError):
    """The published file is not a readable DuckDB warehouse."""


def working_path(published: Path) -> Path:
    return published.with_name(published.name + ".work")


def lock_path(published: Path) -> Path:
    return published.with_name(published.name + ".lock")


REFUSED = "another load is writing"


@contextlib.contextmanager
def load_lock(published: Path, holder: str = "") -> Iterator[str]:
    """Hold the one-load-at-a-time lock; the kernel drops it if the process dies.

    The lock file names its holder (the process id, then `holder`) and is emptied when the
    lock is let go. The kernel drops the lock of a killed process but not what it wrote: a
    non-empty file found on taking the lock is a load that died without ending, and is yielded.
    """
    path = lock_path(published)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            pid = handle.readline().strip() or "unknown"
            raise LoadAlreadyRunning(
                f"{REFUSED} {published} (process {pid}); "
                "wait for it to finish and run again") from None
        handle.seek(0)
        left_behind = handle.read()
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n{holder}")
        handle.flush()
        try:
            yield left_behind
        finally:
            handle.seek(0)
            handle.truncate()


def prepare_working_copy(published: Path) -> Path:
    """A fresh copy of the published warehouse (or a new one), migrated to the current schema."""
    work = working_path(published)
    discard_working_copy(published)
    try:
        if published.exists():
            copy_for_loading(published, work)
        with connect(work) as con:
            migrate(con)
    except BaseException as exc:
        discard_working_copy(published)  # a failed copy or migration leaves no full copy on disk
        if isinstance(exc, duckdb.Error) and (str(work) in str(exc) or str(published) in str(exc)):
            raise CorruptWarehouse(f"{published} is not a readable DuckDB warehouse ("
                                   f"{str(exc).replace(str(work), str(published))}); "
                                   "`motie restore` publishes a kept snapshot") from exc
        raise
    return work


def copy_for_loading(source: Path, work: Path) -> None:
    """Copy a warehouse to the working file, in the storage format every published file has.

    A file already in that format is copied byte for byte; one written in a newer format (by a
    motie-etl that published DuckDB 2.0 files) is rewritten table by table into a new file.
    """
    with connect(source, read_only=True) as con:
        current = storage_version(con)
    if current.removesuffix("+") == STORAGE_VERSION:
        shutil.copyfile(source, work)
        return
    with connect() as con:
        con.execute("ATTACH ? AS source (READ_ONLY)", [str(source)])
        con.execute("ATTACH ? AS work (STORAGE_VERSION ?)", [str(work), STORAGE_VERSION])
        con.execute("COPY FROM DATABASE source TO work")
        con.execute("DETACH work")
        con.execute("DETACH source")


def discard_working_copy(published: Path) -> None:
    """Remove what a crashed or failed load left behind; the published file is untouched."""
    work = working_path(published)
    for leftover in (work, work.with_name(work.name + ".wal")):
        leftover.unlink(missing_ok=True)


def publish_working_copy(published: Path, keep_snapshots: int = DEFAULT_SNAPSHOTS, label: str = "",
                         snapshot: bool = True) -> None:
    """Checkpoint the working copy and move it over the published file in one rename.

    The file it replaces is kept as a snapshot first (a hard link: no copy, no wait).
    snapshot=False is for a publish that adds only a run's row (a failed or crashed run): the
    data it replaces is the same, so it keeps no snapshot and pushes none of the good ones out.
    """
    work = working_path(published)
    with connect(work) as con:
        con.execute("CHECKPOINT")
    fsync_file(work)
    if snapshot and published.exists() and keep_snapshots > 0:
        keep_snapshot(published, label)
    os.replace(work, published)
    fsync_file(published.parent)
    if snapshot:
        prune_snapshots(published, keep_snapshots)


def snapshot_dir(published: Path) -> Path:
    return published.with_name(published.name + ".snapshots")


def keep_snapshot(published: Path, label: str) -> Path:
    folder = snapshot_dir(published)
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    target = folder / f"{stamp}{'-' + label if label else ''}.duckdb"
    try:
        os.link(published, target)
    except OSError:  # a file system without hard links
        shutil.copyfile(published, target)
    return target


def list_snapshots(published: Path) -> list[Path]:
    """Kept snapshots of the published warehouse, oldest first."""
    folder = snapshot_dir(published)
    return sorted(folder.glob("*.duckdb")) if folder.is_dir() else []


def prune_snapshots(published: Path, keep: int) -> None:
    snapshots = list_snapshots(published)
    for old in snapshots[:max(0, len(snapshots) - keep)]:
        old.unlink(missing_ok=True)


def restore_snapshot(published: Path, snapshot: Path, keep_snapshots: int = DEFAULT_SNAPSHOTS) -> None:
    """Publish a kept snapshot again; the warehouse it replaces becomes a snapshot in turn."""
    with load_lock(published):
        discard_working_copy(published)
        copy_for_loading(snapshot, working_path(published))
        if published.exists() and not is_readable_warehouse(published):
            set_aside_corrupt(published)  # not a snapshot: a second restore must not bring it back
        publish_working_copy(published, keep_snapshots, label="before-restore")


def is_readable_warehouse(path: Path) -> bool:
    try:
        with connect(path, read_only=True) as con:
            con.execute("SELECT count(*) FROM schema_migrations").fetchall()
        return True
    except duckdb.Error:
        return False


def set_aside_corrupt(published: Path) -> Path:
    """Move an unreadable published file beside it, out of the snapshots, for whoever looks into it."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = published.with_name(f"{published.name}.corrupt-{stamp}")
    os.replace(published, target)
    log.warning("the published warehouse was not readable; it is kept as %s", target)
    return target


def fsync_file(path: Path) -> None:
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
