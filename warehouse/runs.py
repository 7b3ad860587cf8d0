"""Recording how every run ended where operators and analysts can see it.

A load holds the warehouse's lock while it runs, and the lock file names the run. Endings
that no code of the run sees (kill -9, the out-of-memory killer, a power cut) leave that name
behind: the next load to take the lock records the run as crashed. An ending that finds the
lock held (a refused load, or a failure while another load runs) is written to a small
journal beside the warehouse, and recorded by the next load to start.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warehouse import files, tables
from warehouse.connect import connect

MESSAGE_LIMIT = 2000


@dataclass(frozen=True)
class Ending:
    """A run's end, to be recorded in pipeline_runs."""

    run: tables.RunRecord
    status: str  # completed, failed, crashed, cancelled, interrupted, refused
    message: str
    finished_at: dt.datetime

    def to_json(self) -> str:
        return json.dumps({"run_id": self.run.run_id, "flow": self.run.flow,
                           "started_at": self.run.started_at.isoformat(), "attempts": self.run.attempts,
                           "status": self.status, "message": self.message,
                           "finished_at": self.finished_at.isoformat()})

    @classmethod
    def from_json(cls, text: str) -> Ending:
        data = json.loads(text)
        run = tables.RunRecord(data["run_id"], data["flow"], dt.datetime.fromisoformat(data["started_at"]),
                               data.get("attempts", 1))
        return cls(run, data["status"], data["message"], dt.datetime.fromisoformat(data["finished_at"]))


def journal_path(published: Path) -> Path:
    return published.with_name(published.name + ".endings")


def marker_of(run: tables.RunRecord) -> str:
    """What a load writes in the lock file: enough to record it as crashed if it never ends."""
    return json.dumps({"run_id": run.run_id, "flow": run.flow, "started_at": run.started_at.isoformat(),
                       "attempts": run.attempts})


@contextlib.contextmanager
def holding_load(published: Path, run: tables.RunRecord) -> Iterator[None]:
    """The load lock, naming this run."""
    with files.load_lock(published, marker_of(run)):
        yield


def crashed_ending(left_behind: str, now: dt.datetime) -> Ending | None:
    """The ending of a load that left its name in the lock file; None for an empty or foreign file."""
    pid, _, marker = left_behind.partition("\n")
    try:
        data = json.loads(marker)
    except ValueError:
        return None
    run = tables.RunRecord(data["run_id"], data["flow"], dt.datetime.fromisoformat(data["started_at"]),
                           data.get("attempts", 1))
    return Ending(run, "crashed", f"the load (process {pid.strip() or 'unknown'}) ended without finishing: "
                                  "killed (kill -9, out of memory) or the machine stopped", now)


def journal_ending(published: Path, ending: Ending) -> None:
    """Append an ending for the next load to record; one short write, so appenders never interleave."""
    fd = os.open(journal_path(published), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, (ending.to_json() + "\n").encode("utf-8"))
    finally:
        os.close(fd)


def take_journal(published: Path) -> tuple[list[Ending], Path | None]:
    """The journaled endings, moved aside first so an ending appended meanwhile is kept for later."""
    journal = journal_path(published)
    taken = journal.with_name(journal.name + ".taken")
    if journal.exists():
        if taken.exists():  # left by a load that died before recording it: merge both
            with open(taken, "a", encoding="utf-8") as out:
                out.write(journal.read_text(encoding="utf-8"))
            journal.unlink()
        else:
            os.replace(journal, taken)
    if not taken.exists():
        return [], None
    lines = [line for line in taken.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Ending.from_json(line) for line in lines], taken


def record_left_behind(published: Path) -> list[Ending]:
    """Record the runs that ended where no code of theirs could record them; returns them.

    Takes the lock for a moment: a load running now makes this raise LoadAlreadyRunning.
    """
    with files.load_lock(published) as left_behind:
        crashed = crashed_ending(left_behind, dt.datetime.now(dt.timezone.utc))
        journaled, taken = take_journal(published)
        endings = journaled + ([crashed] if crashed else [])
        if endings and published.exists():
            publish_endings(published, endings)
        if taken is not None:
            taken.unlink()
    return endings


def record_ending(published: Path, ending: Ending) -> None:
    """Publish a run's row alone: none of its load's data goes with it. Journaled when the lock is held;
    nothing when there is no warehouse yet (an ending does not create one)."""
    if not published.exists():
        return
    try:
        with files.load_lock(published) as left_behind:
            crashed = crashed_ending(left_behind, ending.finished_at)
            endings = [ending] + ([crashed] if crashed and crashed.run.run_id != ending.run.run_id else [])
            publish_endings(published, endings)
    except files.LoadAlreadyRunning:
        journal_ending(published, ending)


def publish_endings(published: Path, endings: list[Ending]) -> None:
    """Write the endings' rows into a working copy and publish it, keeping no snapshot."""
    files.prepare_working_copy(published)
    try:
        with connect(files.working_path(published)) as con:
            for ending in endings:
                tables.write_run(con, ending.run, ending.status, {}, ending.message[:MESSAGE_LIMIT],
                                 ending.finished_at)
        files.publish_working_copy(published, label="run-ending", snapshot=False)
    finally:
        files.discard_working_copy(published)
