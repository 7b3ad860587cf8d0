"""The `motie` command line (its commands are described in the README)."""
from __future__ import annotations

import argparse
import gc
import logging
import signal
import sys
import time
from pathlib import Path

from flows.settings import (
    configure_prefect,
    default_db_path,
    default_keep_snapshots,
    demo_releases_path,
    progress_file,
)
from tasks.memory import keep_pandas_out
from warehouse.connect import is_interrupted_query

log = logging.getLogger("motie")


PROGRESS_FROM = 500  # entries: smaller loads finish before a bar would help


class ProgressDisplay(logging.Handler):
    """Batch progress of a load: a bar in a terminal, plain lines otherwise."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.bar = None
        self.task = None

    def emit(self, record: logging.LogRecord) -> None:
        done, total = getattr(record, "motie_progress", (0, 0))
        if total < PROGRESS_FROM:
            return
        if not sys.stderr.isatty():
            print(f"loaded {done:,} of {total:,} entries", file=sys.stderr)
            return
        if self.bar is None:
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("loading releases", total=total)
        self.bar.update(self.task, completed=done)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
        super().close()


class StageFile(logging.Handler):
    """Each step a load starts, one line in a file: a load followed by its own progress, not by a clock."""

    def __init__(self, path: Path) -> None:
        super().__init__(level=logging.INFO)
        self.path = path

    def emit(self, record: logging.LogRecord) -> None:
        stage = getattr(record, "motie_stage", None)
        if stage is not None:
            with open(self.path, "a", encoding="utf-8") as handle:  # closed at once: a reader sees it now
                handle.write(f"{stage}\n")


def show_progress() -> ProgressDisplay:
    handler = ProgressDisplay()
    progress_log = logging.getLogger("motie.progress")
    progress_log.setLevel(logging.INFO)
    progress_log.propagate = False
    progress_log.addHandler(handler)
    if progress_file() is not None:
        progress_log.addHandler(StageFile(progress_file()))
    return handler


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="motie", description="MOTIE press releases -> DuckDB time series")
    parser.add_argument("-v", "--verbose", action="store_true", help="show Prefect's own log lines")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="load the bundled sample releases (offline) and preview them")
    add_db_option(demo)

    ingest = commands.add_parser("ingest", help="load releases from listing-text files")
    ingest.add_argument("files", nargs="+", type=Path)
    add_db_option(ingest)
    ingest.add_argument("--strict", action="store_true", help="fail when any input is set aside")

    run = commands.add_parser("run", help="the nightly job: fetch new and changed releases from the site")
    add_db_option(run)
    run.add_argument("--base-url", default=None, help="the site (default: the ministry's English site)")
    run.add_argument("--max-pages", type=positive_int, default=None, help="read at most N listing pages")
    run.add_argument("--max-releases", type=positive_int, default=None,
                     help="fetch at most N release pages this run (default 300; a backfill states its own)")
    run.add_argument("--delay", type=float, default=1.0, help="seconds between two requests (default 1)")
    run.add_argument("--revalidate-days", type=int, default=0,
                     help="fetch again the releases published in the last N days, to catch corrections")
    run.add_argument("--retry-backoff", type=float, default=1.0,
                     help="base seconds of the exponential backoff between retries (default 1)")
    run.add_argument("--strict", action="store_true", help="fail when any page or release is set aside")
    add_outage_option(run)

    reextract = commands.add_parser("reextract", help="re-run the metric extractor over stored releases")
    add_db_option(reextract)

    serve = commands.add_parser("serve", help="serve the nightly job on its schedule (needs PREFECT_API_URL)")
    add_db_option(serve)
    serve.add_argument("--cron", default="0 2 * * *", help="when to run (default: 0 2 * * *, 02:00)")
    serve.add_argument("--timezone", default="Asia/Seoul", help="time zone of --cron (default Asia/Seoul)")
    serve.add_argument("--base-url", default=None, help="the site (default: the ministry's English site)")
    serve.add_argument("--delay", type=float, default=1.0, help="seconds between two requests (default 1)")
    serve.add_argument("--revalidate-days", type=int, default=7,
                       help="fetch again the releases of the last N days each night (default 7)")
    serve.add_argument("--retry-backoff", type=float, default=1.0,
                       help="base seconds of the exponential backoff between retries (default 1)")
    add_outage_option(serve)

    report = commands.add_parser("report", help="write a self-contained HTML report with charts")
    add_db_option(report)
    report.add_argument("--out", type=Path, default=None, help="the HTML file (default: beside the warehouse)")

    restore = commands.add_parser("restore", help="publish a kept snapshot of the warehouse again")
    add_db_option(restore)
    restore.add_argument("snapshot", nargs="?", help="snapshot file name (default: the newest)")
    restore.add_argument("--list", action="store_true", help="list the kept snapshots and stop")
    return parser


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def share(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def add_outage_option(parser: argparse.ArgumentParser) -> None:
    from tasks.fetch.crawl import DEFAULT_MAX_FAILED_SHARE

    parser.add_argument("--max-failed-share", type=share, default=DEFAULT_MAX_FAILED_SHARE,
                        help="fail the run when more than this share of release pages cannot be fetched "
                             f"(default {DEFAULT_MAX_FAILED_SHARE})")


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=None,
                        help="warehouse file (default: $MOTIE_DB, else motie.duckdb)")
    parser.add_argument("--keep-snapshots", type=int, default=None,
                        help="earlier published warehouses to keep (default: $MOTIE_KEEP_SNAPSHOTS, else 7)")


class Terminated(BaseException):
    """SIGTERM (systemctl stop, kill): ends a command as Ctrl-C does, recorded and said."""


SIGINT_RECEIVED: list[int] = []  # Prefect leaves SIGINT to us; it takes SIGTERM during a flow run


def raise_terminated(signum, frame) -> None:
    # Once: Prefect turns a SIGTERM during a flow run into its own exception, ends the run, then
    # sends the signal again to this handler; a stop already under way must not be interrupted
    # again halfway through recording how the run ended.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated()


def raise_interrupted(signum, frame) -> None:
    SIGINT_RECEIVED.append(signum)
    raise KeyboardInterrupt()


def stopped_by(exc: BaseException) -> signal.Signals | None:
    """The signal that ended the command, if one did.

    A signal that arrives while DuckDB runs a query comes out as DuckDB's own RuntimeError
    ("Query interrupted"), the exception of the signal's handler lost: which signal it was is
    told by whether a Ctrl-C was received.
    """
    if isinstance(exc, KeyboardInterrupt):
        return signal.SIGINT
    if isinstance(exc, Terminated) or type(exc).__name__ == "TerminationSignal":
        return signal.SIGTERM
    if is_interrupted_query(exc):
        return signal.SIGINT if SIGINT_RECEIVED else signal.SIGTERM
    return None


LOAD_COMMANDS = ("demo", "ingest", "run", "reextract")
PREFECT_EXIT_WORKERS = ("EventsWorker", "APILogWorker")  # Prefect's background senders, drained at exit


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    keep_pandas_out()  # before pyarrow's first array would import it
    configure_prefect(verbose=args.verbose)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s" if args.verbose
                        else "%(levelname)s %(name)s: %(message)s")
    # The terminal shows warnings only, unless -v: a flow run's INFO lines (its start, a link to a
    # temporary server gone with the command, its counts) reach its Logs tab, not the terminal.
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.INFO if args.verbose else logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per API call, even with -v, is noise
    for worker in PREFECT_EXIT_WORKERS:  # their "still processing items" at exit would follow the last line
        logging.getLogger(worker).setLevel(logging.ERROR)
    signal.signal(signal.SIGTERM, raise_terminated)
    signal.signal(signal.SIGINT, raise_interrupted)
    db = args.db or default_db_path()
    started = time.perf_counter()
    progress = show_progress()
    try:
        if args.command in LOAD_COMMANDS:
            from flows.prefect_server import start_temporary_server, wait_for_temporary_server

            server = start_temporary_server()
            import_flows()  # while the server starts: both take seconds, on two cores at once
            # What is imported lives as long as the command: the collector need not walk it again
            # each time a batch's garbage is collected (~0.1 s a collection, for Prefect's objects).
            gc.freeze()
            if extracts_in_bulk(args):  # after the imports, so as not to take the server's core from it
                from tasks.steps.extract import start_worker_server_early

                start_worker_server_early()
            wait_for_temporary_server(server)
        if args.command == "restore":
            return restore_command(args, db)
        if args.command == "serve":
            return serve_command(args, db)
        if args.command == "report":
            return report_command(args, db)
        summary = run_command(args, db)
    except BaseException as exc:  # noqa: BLE001 - the last line says why, the exit status says how it ended
        progress.close()
        stop = stopped_by(exc)
        if stop is not None:  # Ctrl-C or SIGTERM: one clear last line, the shell's exit status for it
            return say_stopped(args.command, stop)
        if not isinstance(exc, Exception):
            raise
        print(f"motie {args.command}: failed: {reason_of(exc)}", file=sys.stderr)
        return 1
    progress.close()
    print_summary(summary, time.perf_counter() - started)
    if args.command == "demo":
        print_series_preview(db)
    return 0


BULK_INPUT_BYTES = 200_000  # about the 400 releases from which a batch is extracted on every core


def extracts_in_bulk(args: argparse.Namespace) -> bool:
    """Whether the command will extract on worker processes: a re-extraction, or input files large enough."""
    if args.command == "reextract":
        return True
    if args.command != "ingest":
        return False
    return sum(path.stat().st_size for path in args.files if path.is_file()) >= BULK_INPUT_BYTES


def say_stopped(command: str, stop: signal.Signals) -> int:
    """The last line of a command stopped by a signal, and 128 + the signal's number."""
    what = "interrupted (Ctrl-C)" if stop == signal.SIGINT else "stopped (SIGTERM)"
    after = (" before the load finished; the published warehouse is as it was" if command in LOAD_COMMANDS
             else "")
    print(f"motie {command}: {what}{after}", file=sys.stderr)
    return 128 + stop


def import_flows() -> None:
    """Import what a load runs (Prefect, DuckDB, Arrow: about 3 s)."""
    import flows.ingest  # noqa: F401
    import flows.nightly  # noqa: F401


def run_command(args: argparse.Namespace, db: Path):
    from flows.prefect_server import no_heartbeats_on_temporary_server

    with no_heartbeats_on_temporary_server():
        return run_load(args, db)


def run_load(args: argparse.Namespace, db: Path):
    from flows.ingest import ingest_flow, reextract_flow
    from flows.nightly import nightly_flow
    from tasks.fetch.client import DEFAULT_BASE_URL

    keep = args.keep_snapshots if args.keep_snapshots is not None else default_keep_snapshots()
    if args.command == "demo":
        return ingest_flow([str(demo_releases_path())], str(db), keep_snapshots=keep)
    if args.command == "ingest":
        refuse_unreadable_inputs(args.files)
        return ingest_flow([str(p) for p in args.files], str(db), strict=args.strict, keep_snapshots=keep)
    if args.command == "run":
        bounds = {"max_releases": args.max_releases} if args.max_releases else {}
        return nightly_flow(str(db), base_url=args.base_url or DEFAULT_BASE_URL, max_pages=args.max_pages,
                            delay=args.delay, revalidate_days=args.revalidate_days, strict=args.strict,
                            retry_backoff=args.retry_backoff, keep_snapshots=keep,
                            max_failed_share=args.max_failed_share, **bounds)
    return reextract_flow(str(db), keep_snapshots=keep)


def refuse_unreadable_inputs(paths: list[Path]) -> None:
    """Say what is wrong with an input that is not a file: missing, or a directory."""
    folders = [str(p) for p in paths if p.is_dir()]
    if folders:
        raise IsADirectoryError(f"is a directory, not a file: {', '.join(folders)} (give the files in it)")
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"no such file: {', '.join(missing)}")


def serve_command(args: argparse.Namespace, db: Path) -> int:
    from flows.serve import serve_nightly
    from tasks.fetch.client import DEFAULT_BASE_URL

    keep = args.keep_snapshots if args.keep_snapshots is not None else default_keep_snapshots()
    serve_nightly(db, args.cron, args.timezone, {
        "base_url": args.base_url or DEFAULT_BASE_URL, "delay": args.delay,
        "revalidate_days": args.revalidate_days, "keep_snapshots": keep, "retry_backoff": args.retry_backoff,
        "max_failed_share": args.max_failed_share})
    return 0


def report_command(args: argparse.Namespace, db: Path) -> int:
    from tasks.report.html_report import report_path, write_report

    if not db.exists():
        raise FileNotFoundError(f"no warehouse at {db}: load releases first (motie demo or motie ingest)")
    out = write_report(db, args.out or report_path(db))
    print(f"report written to {out}")
    return 0


def restore_command(args: argparse.Namespace, db: Path) -> int:
    from warehouse.files import list_snapshots, restore_snapshot

    snapshots = list_snapshots(db)
    if args.list:
        for snapshot in snapshots:
            print(snapshot.name)
        return 0
    if not snapshots:
        raise FileNotFoundError(f"no snapshots of {db} are kept")
    chosen = snapshots[-1] if args.snapshot is None else next(
        (s for s in snapshots if s.name == args.snapshot or str(s) == args.snapshot), None)
    if chosen is None:
        raise FileNotFoundError(f"no snapshot named {args.snapshot} (see motie restore --list)")
    keep = args.keep_snapshots if args.keep_snapshots is not None else default_keep_snapshots()
    restore_snapshot(db, chosen, keep)
    print(f"restored {db} from {chosen.name}; the replaced warehouse is kept as a snapshot")
    return 0


def reason_of(exc: BaseException) -> str:
    return f"{exc}" if str(exc) else type(exc).__name__


def print_summary(summary, seconds: float) -> None:
    print(f"{summary.flow} run {summary.run_id} -> {summary.db}")
    print(f"  releases: {summary.releases_new} new, {summary.releases_changed} changed, "
          f"{summary.releases_unchanged} unchanged, {summary.releases_rejected} set aside")
    if summary.duplicates_in_input:
        print(f"  duplicates in input: {summary.duplicates_in_input} (entries sharing a title and date with "
              "another; the last in the input is kept)")
    print(f"  metrics added: {summary.metrics_added}")
    if summary.flow == "motie-run":
        print(f"  pages fetched: {summary.pages_fetched}; requests: {summary.requests}, "
              f"retries: {summary.retries}")
    for warning in summary.warnings:
        print(f"  warning: {warning}")
    for rejection in summary.rejections[:10]:
        print(f"  set aside: {rejection.source}: {rejection.reason}")
    if len(summary.rejections) > 10:
        print(f"  ... and {len(summary.rejections) - 10} more (see the `rejected` view)")
    print(f"  took {seconds:.1f} s")


def print_series_preview(db: Path, limit: int = 12) -> None:
    from warehouse.connect import connect

    with connect(db, read_only=True) as con:
        rows = con.execute("""
            SELECT indicator, coalesce(item, '-'), coalesce(region, '-'), period_start, period_end, value, unit,
                   change_pct
            FROM metric_series
            ORDER BY period_end DESC, indicator, item NULLS FIRST, region NULLS FIRST
            LIMIT ?
        """, [limit]).fetchall()
    print("\nmetric_series preview (newest periods first):")
    print(f"  {'indicator':<30} {'item':<24} {'region':<14} {'period':<23} {'value':>16} {'unit':<8} {'chg %':>7}")
    for indicator, item, region, start, end, value, unit, change in rows:
        value_text = f"{value:,.0f}" if value is not None and abs(value) >= 1000 else (
            "" if value is None else f"{value:g}")
        change_text = "" if change is None else f"{change:+.1f}"
        print(f"  {indicator[:30]:<30} {item[:24]:<24} {region[:14]:<14} {start}..{end}  {value_text:>16} "
              f"{unit or '':<8} {change_text:>7}")


if __name__ == "__main__":
    sys.exit(main())
