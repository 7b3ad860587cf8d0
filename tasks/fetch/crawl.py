"""Walk the site's listing incrementally and fetch the pages of new and changed releases.

Every page is archived as fetched before anything parses it. The walk stops at the
first listing page whose releases are all known, so a night with nothing new costs
one or two listing requests and no release-page request; it also stops at a page that
only repeats releases this walk has read (endless paging). A run fetches at most
max_releases release pages: the rest are kept from their listing preview, incomplete, and
a later run fetches them.

Each fetch is archived under the flow run that made it: a retried run reads back what an
earlier attempt fetched and fetches again only what failed. A night on which the listing
cannot be read, or too many release pages cannot be fetched, is a failed run, not a quiet one.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tasks.fetch.client import SITE_HOSTS, FetchedPage, FetchFailed, HttpSite
from tasks.parse.site_pages import ListingEntry, PageParseError, parse_listing, parse_release_page
from tasks.records import Rejection, Release, excerpt_of, implausible_date
from warehouse.archive import PageArchive

log = logging.getLogger("motie.crawl")
MAX_LISTING_PAGES = 1_000  # ten times the board's length today; endless paging stops here at the latest
DEFAULT_MAX_RELEASES = 300  # release pages a nightly run fetches: a night brings a handful; ~6 min at 1 s
REUSE_ARCHIVED_WITHIN = dt.timedelta(days=7)
DEFAULT_MAX_FAILED_SHARE = 0.25  # one release page in four unfetchable after retries: the site is in trouble


class SiteUnavailable(RuntimeError):
    """The site could not be read well enough for the night's run to mean anything."""


@dataclass(frozen=True)
class SiteState:
    """What the warehouse already knows of the site."""

    complete_ids: frozenset[int]
    revalidate: tuple[int, ...] = ()
    incomplete_ids: tuple[int, ...] = ()  # stored from a listing preview only: their pages are still wanted


@dataclass(frozen=True)
class PageRef:
    """A release page to parse, by its content hash in the archive."""

    site_id: int
    url: str
    content_hash: str


@dataclass
class CrawlResult:
    entries: list[ListingEntry] = field(default_factory=list)
    pages: list[PageRef] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    listing_requests: int = 0
    release_requests: int = 0
    requests: int = 0
    retries: int = 0
    warnings: list[str] = field(default_factory=list)
    release_pages_wanted: int = 0
    release_pages_unfetched: int = 0  # could not be fetched even after retries (network, 5xx)
    unreadable_listing: str = ""  # why the last listing page read could not be read, if it could not


def crawl_site(site: HttpSite, archive: PageArchive, state: SiteState, max_pages: int | None,
               max_releases: int | None = DEFAULT_MAX_RELEASES, run_id: str | None = None) -> CrawlResult:
    result = CrawlResult()
    entries = walk_listing(site, archive, state, max_pages, result, run_id)
    result.entries = entries
    listed = {e.site_id for e in entries}
    wanted = [(e.site_id, e.url, e.title) for e in entries]
    wanted += [(i, site.release_url(i), "") for i in state.incomplete_ids if i not in listed]
    limit = len(wanted) if max_releases is None else max_releases
    for site_id, url, title in wanted[:limit]:
        fetch_release_page(site, archive, site_id, url, title, result, run_id)
    for site_id in state.revalidate[:max(0, limit - len(wanted))]:
        revalidate_release_page(site, archive, site_id, result, run_id)
    if len(wanted) + len(state.revalidate) > limit:
        result.warnings.append(f"max releases per run ({limit}) reached: {len(wanted) + len(state.revalidate) - limit}"
                               " release pages are left for the next run (kept from their listing preview meanwhile)")
    result.requests, result.retries = site.stats.requests, site.stats.retries
    return result


def check_failed_share(result: CrawlResult, max_failed_share: float) -> None:
    """Raise SiteUnavailable when more than max_failed_share of the release pages could not be fetched."""
    if not result.release_pages_wanted:
        return
    share = result.release_pages_unfetched / result.release_pages_wanted
    if share > max_failed_share:
        first = next((r for r in result.rejections if "could not be fetched" in r.reason or "revalidation" in
                      r.reason), None)
        raise SiteUnavailable(
            f"{result.release_pages_unfetched} of {result.release_pages_wanted} release pages could not be "
            f"fetched ({share:.0%}, more than the {max_failed_share:.0%} allowed)"
            + (f"; first: {first.reason}" if first else ""))


def walk_listing(site: HttpSite, archive: PageArchive, state: SiteState, max_pages: int | None,
                 result: CrawlResult, run_id: str | None = None) -> list[ListingEntry]:
    """New or incomplete releases, newest first, from listing pages 1, 2, ... until all are known.

    Page 1 that cannot be read is an outage (SiteUnavailable); a later page ends the walk."""
    wanted: dict[int, ListingEntry] = {}
    seen: set[int] = set()
    for number in range(1, (max_pages or MAX_LISTING_PAGES) + 1):
        result.unreadable_listing = ""
        entries = read_listing_page(site, archive, number, result, run_id)
        if number == 1 and result.unreadable_listing:
            raise SiteUnavailable(f"the listing could not be read: {result.unreadable_listing}")
        if entries is None:
            break
        ids = {e.site_id for e in entries}
        if ids <= seen:
            log.warning("listing page %d only repeats releases of earlier pages: the walk ends there", number)
            break
        seen |= ids
        fresh = [e for e in entries if e.site_id not in state.complete_ids and e.site_id not in wanted]
        wanted.update((e.site_id, e) for e in fresh)
        if entries and not fresh:
            break
    return list(wanted.values())


def read_listing_page(site: HttpSite, archive: PageArchive, number: int, result: CrawlResult,
                      run_id: str | None = None) -> list[ListingEntry] | None:
    """The on-site entries of listing page N; None past the last page or when it cannot be read."""
    url = site.listing_url(number)
    page = archived_listing_page(archive, run_id, url)
    if page is None:
        try:
            page = site.list_page(number)
        except FetchFailed as exc:
            return unreadable(result, url, f"listing page could not be fetched: {exc}")
        result.listing_requests += 1
        archive.store(page, "listing", run_id=run_id)
    if page.status == 404:
        return None
    if page.status != 200:
        return unreadable(result, url, f"listing page answered HTTP {page.status}")
    try:
        listing = parse_listing(page.content, page.url)
    except PageParseError as exc:
        return unreadable(result, url, f"listing page unreadable: {exc}",
                          excerpt_of(page.content[:300].decode("utf-8", "replace")))
    result.rejections += [Rejection(link, reason, f"on {url}") for link, reason in listing.bad_links]
    entries = listing.entries
    off_site = [e for e in entries if not site.is_on_site(e.url)]
    for entry in off_site:
        log.warning("ignoring a release link off the ministry's site: %s", entry.url)
    return [e for e in entries if site.is_on_site(e.url)] or None


def unreadable(result: CrawlResult, url: str, reason: str, excerpt: str = "") -> None:
    """Set a listing page aside, and say so: page 1 unreadable is an outage."""
    result.rejections.append(Rejection(url, reason, excerpt))
    result.unreadable_listing = f"{reason} ({url})"


def archived_listing_page(archive: PageArchive, run_id: str | None, url: str) -> FetchedPage | None:
    """A listing page an earlier attempt of this run read: a retry reads the same listing."""
    archived = archive.fetched_by_run(run_id, "listing", url=url) if run_id else None
    if archived is None:
        return None
    return FetchedPage(archived.url, archived.status, archive.content(archived.content_hash), archived.fetched_at)


def fetch_release_page(site: HttpSite, archive: PageArchive, site_id: int, url: str, title: str,
                       result: CrawlResult, run_id: str | None = None) -> None:
    """Fetch a release's page, or reuse one archived by a recent run that did not finish."""
    result.release_pages_wanted += 1
    since = dt.datetime.now(dt.timezone.utc) - REUSE_ARCHIVED_WITHIN
    archived = archive.latest_release_fetch(site_id, since)
    if archived is not None:
        result.pages.append(PageRef(site_id, archived.url, archived.content_hash))
        return
    try:
        page = site.fetch_release(site_id)
    except FetchFailed as exc:
        result.release_pages_unfetched += 1
        result.rejections.append(Rejection(url, f"release page could not be fetched: {exc}", excerpt_of(title)))
        return
    result.release_requests += 1
    content_hash = archive.store(page, "release", site_id, run_id)
    if page.status == 200:
        result.pages.append(PageRef(site_id, page.url, content_hash))
    else:
        result.rejections.append(Rejection(url, f"release page answered HTTP {page.status}", excerpt_of(title)))


def revalidate_release_page(site: HttpSite, archive: PageArchive, site_id: int, result: CrawlResult,
                            run_id: str | None = None) -> None:
    """Fetch a recent release again, conditionally, to catch corrections (once per run, retries included)."""
    result.release_pages_wanted += 1
    done = (archive.fetched_by_run(run_id, "release", site_id=site_id)
            or archive.fetched_by_run(run_id, "revalidation", site_id=site_id)) if run_id else None
    if done is not None:
        if done.status == 200:
            result.pages.append(PageRef(site_id, done.url, done.content_hash))
        return
    previous = archive.latest_release_fetch(site_id)
    try:
        page = site.fetch_release(site_id, previous.etag if previous else None,
                                  previous.last_modified if previous else None)
    except FetchFailed as exc:
        result.release_pages_unfetched += 1
        result.rejections.append(Rejection(site.release_url(site_id), f"revalidation failed: {exc}", ""))
        return
    result.release_requests += 1
    if page.status == 304:  # kept apart from the release's fetches: it has no page to parse
        archive.store(page, "revalidation", site_id, run_id)
        return
    content_hash = archive.store(page, "release", site_id, run_id)
    if page.status == 200:
        result.pages.append(PageRef(site_id, page.url, content_hash))


def parse_release_pages(archive: PageArchive, crawl: CrawlResult) -> tuple[list[Release], list[Rejection]]:
    """Releases from the archived pages; a page that cannot be parsed is set aside with its URL."""
    releases, rejections = [], []
    parsed_ids = set()
    for ref in crawl.pages:
        content = archive.content(ref.content_hash)
        try:
            page = parse_release_page(content, ref.url)
        except PageParseError as exc:
            rejections.append(Rejection(ref.url, f"release page unreadable: {exc}",
                                        excerpt_of(content[:300].decode("utf-8", "replace"))))
            continue
        problem = implausible_date(page.published_on)
        if problem:
            rejections.append(Rejection(ref.url, f"release page: {problem}", excerpt_of(page.title)))
            continue
        attachments, refused = split_attachments(page.attachments, ref.url)
        rejections += refused
        releases.append(Release(title=page.title, published_on=page.published_on, body=page.body,
                                body_complete=True, source=ref.url, site_id=ref.site_id, url=ref.url,
                                attachments=attachments))
        parsed_ids.add(ref.site_id)
    unread = [e for e in crawl.entries if e.site_id not in parsed_ids]
    previews, refused = preview_releases(unread)
    return releases + previews, rejections + refused


def split_attachments(attachments: tuple[tuple[str, str], ...], page_url: str
                      ) -> tuple[tuple[tuple[str, str], ...], list[Rejection]]:
    """Attachments on the ministry's hosts over http(s) are kept; any other link is set aside, never stored."""
    hosts = SITE_HOSTS | {urlsplit(page_url).netloc.lower()}
    kept, refused = [], []
    for name, url in attachments:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc.lower() in hosts:
            kept.append((name, url))
        else:
            refused.append(Rejection(page_url, f"attachment {name[:80]!r} not kept: {url[:120]} is not an "
                                               "http(s) link on the ministry's site", excerpt_of(url)))
    return tuple(kept), refused


def preview_releases(entries: list[ListingEntry]) -> tuple[list[Release], list[Rejection]]:
    """What the listing says of releases whose page could not be had: kept, marked incomplete."""
    kept, refused = [], []
    for e in entries:
        if not (e.published_on and e.title and e.preview):
            continue
        problem = implausible_date(e.published_on)
        if problem:
            refused.append(Rejection(e.url, f"listing entry: {problem}", excerpt_of(e.title)))
            continue
        kept.append(Release(title=e.title, published_on=e.published_on, body=e.preview, body_complete=False,
                            source=e.url, site_id=e.site_id, url=e.url))
    return kept, refused
