"""Helpers shared by the tests."""
from __future__ import annotations

import os
import time
from pathlib import Path

from flows.settings import demo_releases_path

SAMPLE = demo_releases_path()


def write_listing(path: Path, entries: list[tuple[str, str, str]], category: str | None = None) -> Path:
    """A listing-text file of (title, body, YYYY-MM-DD) entries."""
    lines = []
    for title, body, date in entries:
        lines.append("-")
        if category:
            lines.append(category)
        lines += [title, f"{body} date{date}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class PeakMemory:
    """Peak resident memory of this process and its descendants (the Prefect server too), and the time
    taken, sampled while the block runs: the bounds a hostile page or input must keep to."""

    def __init__(self, label: str, interval: float = 0.02):
        self.label, self.interval = label, interval
        self.peak_bytes, self.seconds = 0, 0.0
        self.peak_members: list[tuple[int, int]] = []  # (pid, resident bytes) at the peak

    def __enter__(self) -> "PeakMemory":
        import os
        import threading
        import time

        self._started = time.monotonic()
        self.baseline_bytes = tree_rss(os.getpid())
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        import time

        self._stop.set()
        self._thread.join()
        self.seconds = time.monotonic() - self._started
        record_figures(self.label, self.seconds, self.peak_bytes)

    def _sample(self) -> None:
        import os

        while not self._stop.is_set():
            members = tree_members(os.getpid())
            total = sum(rss for _, rss in members)
            if total > self.peak_bytes:
                self.peak_bytes, self.peak_members = total, members
            self._stop.wait(self.interval)

    def describe_peak(self) -> str:
        """The tree at its peak, process by process: what a failed bound was spent on."""
        return ", ".join(f"{command_name(pid)} {rss / 1e6:.0f} MB" for pid, rss in self.peak_members)

    @property
    def peak_mb(self) -> float:
        return self.peak_bytes / 1e6

    @property
    def growth_mb(self) -> float:
        """What the block itself added to the tree: pytest and the tests' Prefect server are there before it."""
        return (self.peak_bytes - self.baseline_bytes) / 1e6


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants, from /proc (a process that ends meanwhile is left out)."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except (FileNotFoundError, ProcessLookupError):
            continue
        found.append(current)
        for task in tasks:
            stack += thread_children(current, task)
    return found


def thread_children(pid: int, task: str) -> list[int]:
    """The children one thread of a process started. A thread that ended since the listing has none: it must not
    drop the whole process (pytest's threads come and go, and a baseline missing pytest is a false growth)."""
    try:
        with open(f"/proc/{pid}/task/{task}/children") as handle:
            return [int(child) for child in handle.read().split()]
    except (FileNotFoundError, ProcessLookupError, ValueError):
        return []


def tree_members(pid: int) -> list[tuple[int, int]]:
    """(pid, resident bytes) of a process and each of its descendants, from /proc."""
    members = []
    for member in process_tree(pid):
        try:
            with open(f"/proc/{member}/statm") as handle:
                members.append((member, int(handle.read().split()[1]) * 4096))
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return members


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    return sum(rss for _, rss in tree_members(pid))


def command_name(pid: int) -> str:
    """A process's command line, short (the module it runs, for a Python process)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            words = handle.read().decode(errors="replace").split("\0")
    except OSError:
        return f"pid {pid} (gone)"
    if "-m" in words:
        return f"pid {pid} {words[words.index('-m') + 1]}"
    if "-c" in words:
        return f"pid {pid} {' '.join(words[words.index('-c') + 1].split())[:48]}"
    return f"pid {pid} {' '.join(words)[:48]}"


def wait_for(predicate, timeout: float = 120.0, step: float = 0.05) -> float:
    """Poll until predicate() holds; the seconds it took. The timeout only stops a hung test."""
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > timeout:
            raise TimeoutError("condition not reached")
        time.sleep(step)
    return time.monotonic() - started


def record_figures(label: str, seconds: float, peak_bytes: int) -> None:
    """Append a case's figures to $MOTIE_FIGURES (when set), for the note that reports them."""
    target = os.environ.get("MOTIE_FIGURES")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(f"{label}\t{seconds:.1f} s\t{peak_bytes / 1e6:.0f} MB\n")


def run_measured(args: list[str], cwd: Path, label: str, timeout: float = 120.0):
    """Run a command, sampling its process tree's resident memory; (completed process, seconds, peak MB)."""
    import subprocess
    import time

    started = time.monotonic()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    try:
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            if time.monotonic() - started > timeout:
                raise TimeoutError(f"{label}: still running after {timeout:g} s")
            time.sleep(0.05)
    finally:
        if process.poll() is None:
            process.kill()
        stdout, stderr = process.communicate()
    seconds = time.monotonic() - started
    record_figures(label, seconds, peak)
    return subprocess.CompletedProcess(args, process.returncode, stdout, stderr), seconds, peak / 1e6
