"""Fetch steps: input files as raw bytes, and the site's new and changed pages into the page archive."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from prefect.cache_policies import NO_CACHE

from tasks.fetch.client import DEFAULT_DEADLINE, DEFAULT_MAX_BYTES, build_site
from tasks.fetch.crawl import (
    DEFAULT_MAX_FAILED_SHARE,
    DEFAULT_MAX_RELEASES,
    CrawlResult,
    SiteState,
    check_failed_share,
    crawl_site,
    parse_release_pages,
)
from tasks.parse.listing_text import Batch, InputChanged, InputPlan, plan_input, read_batch
from tasks.records import RawDocument, RunSummary
from tasks.steps import caching, step
from tasks.steps.parse import Parsed
from warehouse.archive import PageArchive, archive_path


@dataclass(frozen=True)
class CrawlBounds:
    """How much one run may fetch: release pages, and each request's time and size."""

    max_releases: int | None = DEFAULT_MAX_RELEASES
    page_deadline: float = DEFAULT_DEADLINE
    max_page_bytes: int = DEFAULT_MAX_BYTES


def unless_input_changed(task, task_run, state) -> bool:
    """Retry a read, but not one that found the file changed: reading it again would only mix versions."""
    try:
        state.result()
    except InputChanged:
        return False
    except Exception:  # noqa: BLE001 - any other failure is worth another try
        return True
    return True


@step(name="plan input batches", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5],
      retry_jitter_factor=0.5)
def plan_input_batches(paths: list[str], batch_size: int) -> InputPlan:
    """Byte ranges of the input files, batch_size entries each (a large input never sits in memory whole),
    each with its size and hash, and which entry of each title and date is kept."""
    return plan_input([str(Path(path)) for path in paths], batch_size)


def count_duplicates(summary: RunSummary, plan: InputPlan) -> RunSummary:
    summary.duplicates_in_input = plan.duplicates
    if plan.duplicates:
        summary.input_warnings.append(f"duplicates in input: {plan.duplicates} entries share a title and date "
                                      "with another; the last in the input is kept, other texts are set aside")
    return summary


@step(name="read input batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5],
      retry_jitter_factor=0.5, retry_condition_fn=unless_input_changed)
def read_input_batch(batch: Batch) -> list[RawDocument]:
    """The batch's bytes exactly as they are on disk."""
    return [read_batch(batch, dt.datetime.now(dt.timezone.utc))]


CRAWL_RETRY_DELAYS = (30, 120)  # seconds, times --retry-backoff: an outage often lasts minutes


# Not cached: the page archive is its memory, page by page. A result that holds a failure is
# never kept, so a retry (task or flow run) fetches again what failed and reuses what came.
@step(name="crawl site", cache_policy=NO_CACHE, retries=len(CRAWL_RETRY_DELAYS),
      retry_delay_seconds=list(CRAWL_RETRY_DELAYS), retry_jitter_factor=0.5)
def crawl(db: str, run_id: str, base_url: str, max_pages: int | None, delay: float, retry_backoff: float,
          state: SiteState, bounds: CrawlBounds | None = None,
          max_failed_share: float = DEFAULT_MAX_FAILED_SHARE) -> CrawlResult:
    """Fetch what is new on the site; every page goes to the archive before anything parses it.

    Fails (SiteUnavailable) when the listing cannot be read or too many release pages cannot be fetched.
    """
    bounds = bounds or CrawlBounds()
    site = build_site(base_url, delay, retry_backoff, bounds.page_deadline, bounds.max_page_bytes)
    with PageArchive(archive_path(Path(db))) as archive:
        try:
            result = crawl_site(site, archive, state, max_pages, bounds.max_releases, run_id)
        finally:
            archive.record_attempt(run_id, site.stats.requests, site.stats.retries)
        result.requests, result.retries = archive.run_requests(run_id)
    check_failed_share(result, max_failed_share)
    return result


def crawl_with_backoff(retry_backoff: float):
    """The crawl step, its retry delays scaled like the requests' backoff (a test site need not wait)."""
    return crawl.with_options(retry_delay_seconds=[d * retry_backoff for d in CRAWL_RETRY_DELAYS])


# Keyed by every page's content, URL and id and by the listing entries: all that shapes its output.
# The crawl's own rejections are not part of it: they belong to their run, not to the pages.
@step(name="parse site pages", cache_key_fn=caching.by_pages, persist_result=True,
      cache_expiration=caching.CACHE_FOR)
def parse_site_pages(db: str, result: CrawlResult) -> Parsed:
    with PageArchive(archive_path(Path(db))) as archive:
        releases, rejections = parse_release_pages(archive, result)
    return Parsed(releases=releases, rejections=rejections)


def crawl_counts(summary: RunSummary, result: CrawlResult) -> RunSummary:
    summary.input_warnings += result.warnings
    summary.pages_fetched = result.listing_requests + result.release_requests
    summary.requests, summary.retries = result.requests, result.retries
    return summary
