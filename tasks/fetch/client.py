"""The ministry's site, reached through one small interface: list page N, fetch a release.

Polite by construction: a named User-Agent, connect and read timeouts, a pause between
requests, retries with exponential backoff and full jitter on connection errors,
timeouts, 429 (honouring Retry-After) and 5xx, no retry on other 4xx, and redirects
followed only between the ministry's hosts.

Bounded against hostile answers: a total deadline per request (a page trickling a byte at a
time never trips a per-read timeout) and a cap on the bytes read, on the wire and again after
decompression (a gzip bomb). Either is the page's failure, never the run's: it is not retried.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import logging
import random
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

log = logging.getLogger("motie.site")

DEFAULT_BASE_URL = "https://english.motir.go.kr"
SITE_HOSTS = frozenset({"english.motir.go.kr", "english.motie.go.kr"})
LISTING_PATH = "/eng/article/EATCLdfa319ada"
RELEASE_PATH = "/eng/article/EATCLdfa319ada/{site_id}/view"
USER_AGENT = "motie-etl/0.1 (press-release time series; polite crawler)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 5
DEFAULT_DEADLINE = 60.0  # seconds for one request, connect and every read: pages here come in well under 5 s
DEFAULT_MAX_BYTES = 10_000_000  # a release page is about 50 KB; 10 MB leaves room for any real one
CHUNK = 65_536


@dataclass(frozen=True)
class FetchedPage:
    url: str
    status: int
    content: bytes
    fetched_at: dt.datetime
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None


@dataclass
class FetchStats:
    requests: int = 0
    retries: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


class FetchFailed(RuntimeError):
    """The site did not give a usable answer, even after retries."""


class OffSiteRedirect(FetchFailed):
    """A redirect pointed away from the ministry's hosts; it is never followed."""


class PageRefused(FetchFailed):
    """The answer broke a bound (too slow in total, too large); asking again would only repeat it."""


def build_site(base_url: str = DEFAULT_BASE_URL, delay: float = 1.0, backoff: float = 1.0,
               deadline: float = DEFAULT_DEADLINE, max_bytes: int = DEFAULT_MAX_BYTES) -> "HttpSite":
    """The one place the site client is built from settings."""
    return HttpSite(base_url=base_url, delay=delay, backoff=backoff, deadline=deadline, max_bytes=max_bytes)


@dataclass
class HttpSite:
    """The real site (or anything that answers like it) over HTTP."""

    base_url: str = DEFAULT_BASE_URL
    delay: float = 1.0
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_retries: int = 4
    backoff: float = 1.0
    max_wait: float = 120.0
    deadline: float = DEFAULT_DEADLINE
    max_bytes: int = DEFAULT_MAX_BYTES
    stats: FetchStats = field(default_factory=FetchStats)

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        self.allowed_hosts = SITE_HOSTS | {urlsplit(self.base_url).netloc.lower()}
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self._last_request = 0.0

    def listing_url(self, page: int) -> str:
        return f"{self.base_url}{LISTING_PATH}?pageIndex={page}"

    def release_url(self, site_id: int) -> str:
        return self.base_url + RELEASE_PATH.format(site_id=site_id)

    def list_page(self, page: int) -> FetchedPage:
        return self.fetch(self.listing_url(page))

    def fetch_release(self, site_id: int, etag: str | None = None,
                      last_modified: str | None = None) -> FetchedPage:
        return self.fetch(self.release_url(site_id), etag, last_modified)

    def is_on_site(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and parts.netloc.lower() in self.allowed_hosts

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchedPage:
        """GET with retries; a 304 or a 4xx is returned as is, for the caller to judge."""
        if not self.is_on_site(url):
            raise OffSiteRedirect(f"{url} is not on the ministry's site; not fetched")
        headers = conditional_headers(etag, last_modified)
        for attempt in range(self.max_retries + 1):
            wait = None
            try:
                response = self.get_following_site_redirects(url, headers)
                content = b"" if response.status_code in RETRY_STATUSES else self.read_body(response)
            except (OffSiteRedirect, PageRefused):
                raise
            except (requests.ConnectionError, requests.Timeout) as exc:
                if attempt == self.max_retries:
                    raise FetchFailed(f"{url}: {type(exc).__name__} after {attempt + 1} tries") from exc
            else:
                if response.status_code not in RETRY_STATUSES:
                    return page_of(url, response, content)
                if attempt == self.max_retries:
                    raise FetchFailed(f"{url}: HTTP {response.status_code} after {attempt + 1} tries")
                wait = retry_after_seconds(response.headers.get("Retry-After"))
            self.stats.retries += 1
            self.sleep_before_retry(attempt, wait)
        raise AssertionError("unreachable")

    def get_following_site_redirects(self, url: str, headers: dict[str, str]) -> requests.Response:
        for _ in range(MAX_REDIRECTS + 1):
            response = self.get_once(url, headers)
            if not response.is_redirect:
                return response
            target = urljoin(url, response.headers.get("Location", ""))
            if not self.is_on_site(target):
                raise OffSiteRedirect(f"{url} redirects off the ministry's site to {target}; not followed")
            url = target
        raise FetchFailed(f"{url}: more than {MAX_REDIRECTS} redirects")

    def get_once(self, url: str, headers: dict[str, str]) -> requests.Response:
        self.pause()
        self.stats.requests += 1
        self._started = time.monotonic()
        try:
            response = self.session.get(url, headers=headers, allow_redirects=False, stream=True,
                                        timeout=(self.connect_timeout, min(self.read_timeout, self.deadline)))
        finally:
            self._last_request = time.monotonic()
        self.stats.statuses[response.status_code] = self.stats.statuses.get(response.status_code, 0) + 1
        if response.is_redirect or response.status_code in RETRY_STATUSES:
            response.close()  # its body is not wanted; the connection is not kept for it
        return response

    def read_body(self, response: requests.Response) -> bytes:
        """The body, read as a stream within the request's deadline and size cap (after decompression too)."""
        declared = response.headers.get("Content-Length", "")
        try:
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise self.too_large(response.url, f"declares {int(declared):,} bytes")
            return self.read_bounded(response)
        finally:
            response.close()

    def read_bounded(self, response: requests.Response) -> bytes:
        chunks, size = [], 0
        while True:
            if time.monotonic() - self._started > self.deadline:
                raise PageRefused(f"{response.url}: not received within the {self.deadline:g} s deadline "
                                  f"({size:,} bytes had come); set aside")
            try:
                chunk = response.raw.read1(CHUNK, decode_content=True)
            except (urllib3.exceptions.ReadTimeoutError, TimeoutError) as exc:
                raise requests.ReadTimeout(str(exc)) from exc
            except (urllib3.exceptions.HTTPError, OSError) as exc:
                raise requests.ConnectionError(str(exc)) from exc
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_bytes or response.raw.tell() > self.max_bytes:
                what = "unpacks to" if response.raw.tell() <= self.max_bytes else "is"
                raise self.too_large(response.url, f"{what} more than that")
            chunks.append(chunk)

    def too_large(self, url: str, detail: str) -> PageRefused:
        return PageRefused(f"{url}: larger than the {self.max_bytes:,}-byte limit ({detail}); set aside")

    def pause(self) -> None:
        remaining = self.delay - (time.monotonic() - self._last_request)
        if remaining > 0:
            time.sleep(remaining)

    def sleep_before_retry(self, attempt: int, retry_after: float | None) -> None:
        """Retry-After when the server gives it, else exponential backoff with full jitter."""
        wait = retry_after if retry_after is not None else random.uniform(0, self.backoff * 2 ** attempt)
        wait = min(wait, self.max_wait)
        log.info("retrying in %.2f s (attempt %d)", wait, attempt + 2)
        time.sleep(wait)


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds or as an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())


def page_of(url: str, response: requests.Response, content: bytes) -> FetchedPage:
    return FetchedPage(url=response.url or url, status=response.status_code, content=content,
                       fetched_at=dt.datetime.now(dt.timezone.utc), etag=response.headers.get("ETag"),
                       last_modified=response.headers.get("Last-Modified"),
                       content_type=response.headers.get("Content-Type"))
