"""The nightly job: crawl the site for new and changed releases and load them."""
from __future__ import annotations

from pathlib import Path

from prefect import flow
from prefect.utilities.annotations import quote

from flows.lifecycle import ENDING_HOOKS, begin, check_record_publish
from tasks.fetch.client import DEFAULT_BASE_URL, DEFAULT_DEADLINE, DEFAULT_MAX_BYTES
from tasks.fetch.crawl import DEFAULT_MAX_FAILED_SHARE, DEFAULT_MAX_RELEASES
from tasks.records import RunSummary
from tasks.steps.extract import extract_batch
from tasks.steps.fetch import CrawlBounds, crawl_counts, crawl_with_backoff, parse_site_pages
from tasks.steps.parse import dedupe
from tasks.steps.store import load_warehouse, plan_release_versions, prepare_warehouse, read_site_state
from warehouse.files import discard_working_copy
from warehouse.runs import holding_load


@flow(name="motie-run", **ENDING_HOOKS)
def nightly_flow(db: str, base_url: str = DEFAULT_BASE_URL, max_pages: int | None = None, delay: float = 1.0,
                 revalidate_days: int = 0, strict: bool = False, retry_backoff: float = 1.0,
                 keep_snapshots: int = 7, stale_after_days: int = 14,
                 max_releases: int | None = DEFAULT_MAX_RELEASES, page_deadline: float = DEFAULT_DEADLINE,
                 max_page_bytes: int = DEFAULT_MAX_BYTES,
                 max_failed_share: float = DEFAULT_MAX_FAILED_SHARE) -> RunSummary:
    """fetch → keep raw → parse → dedupe → extract → load → check → publish."""
    summary, run = begin("motie-run", db)
    with holding_load(Path(db), run):
        try:
            prepare_warehouse(db)
            state = read_site_state(db, revalidate_days)
            fetched = crawl_with_backoff(retry_backoff)(db, run.run_id, base_url, max_pages, delay, retry_backoff,
                                                        state, CrawlBounds(max_releases, page_deadline,
                                                                           max_page_bytes), max_failed_share)
            parsed = parse_site_pages(db, quote(fetched))
            releases = dedupe(quote(parsed.releases))
            plan = plan_release_versions(db, quote(releases))
            extracted = extract_batch(quote(plan.to_write))
            summary = load_warehouse(db, crawl_counts(summary, fetched), [], quote(plan), quote(extracted),
                                     quote(fetched.rejections + parsed.rejections))
            summary = check_record_publish(db, summary, run, strict, keep_snapshots, stale_after_days)
        finally:
            discard_working_copy(Path(db))
    return summary
