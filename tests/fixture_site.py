"""A stand-in for the ministry's site on loopback, following docs/source.md, with faults on demand.

Two markups of listing pages and three of release pages (the real one is not known and
changes), paging, 503s, 429 with Retry-After, slow and hanging pages, malformed pages,
redirects, conditional requests (ETag / Last-Modified), answers streamed from a generator
(for hostile pages: trickled, huge, gzip bombs) and a request log.
"""
from __future__ import annotations

import hashlib
import html
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LISTING = re.compile(r"^/eng/article/EATCLdfa319ada$")
RELEASE = re.compile(r"^/eng/article/EATCLdfa319ada/(\d+)/view$")


@dataclass
class SiteRelease:
    site_id: int
    title: str
    date: str  # YYYY-MM-DD
    body: str
    attachments: tuple[str, ...] = ()


@dataclass
class Faults:
    fail_first: bool = False  # every path answers 503 to its first request
    down: bool = False  # every path answers 503, as a site in an outage does
    rate_limited: set[str] = field(default_factory=set)  # paths answering 429 + Retry-After once
    hang_once: set[str] = field(default_factory=set)  # paths that hang past the read timeout once
    slow: dict[str, float] = field(default_factory=dict)  # path -> seconds before answering
    malformed: set[int] = field(default_factory=set)  # release ids whose page has no content
    not_html: set[int] = field(default_factory=set)  # release ids whose page is a PDF
    gone: set[int] = field(default_factory=set)  # release ids answering 404
    redirect_to: dict[str, str] = field(default_factory=dict)  # path -> absolute Location
    off_site_links: list[str] = field(default_factory=list)  # extra release-like links on page 1
    listing_html: str = ""  # extra raw list items on page 1
    streamed: dict = field(default_factory=dict)  # path -> () -> (status, headers, iterable of byte chunks)
    raw_pages: dict[int, bytes] = field(default_factory=dict)  # release id -> the page's bytes as served
    repeat_last_page: bool = False  # pages past the end repeat the last one (endless paging)


class FixtureSite:
    def __init__(self, releases: list[SiteRelease], markup: str = "a", page_size: int = 10,
                 host: str = "127.0.0.1", preview_chars: int | None = 300, labels: tuple[str, str] | None = None):
        self.releases = releases
        self.labels = labels or NEIGHBOUR_LABELS[0]  # of previous / next links in the third markup
        self.markup = markup
        self.page_size = page_size
        self.preview_chars = preview_chars
        self.faults = Faults()
        self.log: list[tuple[str, int]] = []
        self._seen: set[str] = set()
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer((host, 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FixtureSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def requests_to(self, pattern: str) -> list[tuple[str, int]]:
        return [(path, status) for path, status in self.log if re.search(pattern, path)]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    def newest_first(self) -> list[SiteRelease]:
        return sorted(self.releases, key=lambda r: r.site_id, reverse=True)

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):  # noqa: N802 - http.server's naming
                status, headers, body = site.answer(self.path, self.headers)
                with site._lock:
                    site.log.append((self.path, status))
                if status is None:
                    return
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    if isinstance(body, bytes):
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    for chunk in [body] if isinstance(body, bytes) else body:
                        self.wfile.write(chunk)
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    self.close_connection = True

        return Handler

    def first_time(self, path: str) -> bool:
        with self._lock:
            if path in self._seen:
                return False
            self._seen.add(path)
            return True

    def answer(self, raw_path: str, headers) -> tuple[int | None, dict[str, str], bytes]:
        path, _, query = raw_path.partition("?")
        faults = self.faults
        if path in faults.streamed:
            return faults.streamed[path]()
        if path in faults.slow:
            time.sleep(faults.slow[path])
        if raw_path in faults.hang_once and self.first_time("hang:" + raw_path):
            time.sleep(3)
            return None, {}, b""
        if raw_path in faults.redirect_to:
            return 302, {"Location": faults.redirect_to[raw_path]}, b""
        if raw_path in faults.rate_limited and self.first_time("429:" + raw_path):
            return 429, {"Retry-After": "1"}, b"slow down"
        if faults.down or faults.fail_first and self.first_time("503:" + raw_path):
            return 503, {}, b"busy"
        if LISTING.match(path):
            page = int(dict(p.split("=", 1) for p in query.split("&") if "=" in p).get("pageIndex", "1"))
            return self.listing(page)
        match = RELEASE.match(path)
        if match:
            return self.release(int(match.group(1)), headers)
        return 404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>"

    def listing(self, page: int) -> tuple[int, dict[str, str], bytes]:
        last = max(1, -(-len(self.releases) // self.page_size))
        if self.faults.repeat_last_page:
            page = min(page, last)
        start = (page - 1) * self.page_size
        items = self.newest_first()[start:start + self.page_size]
        extra = self.faults.off_site_links if page == 1 else []
        render = listing_b if self.markup == "b" else listing_a
        html_text = render(items, page, self.preview_chars, extra)
        if page == 1 and self.faults.listing_html:
            html_text = html_text.replace("</ul></div>", self.faults.listing_html + "</ul></div>", 1)
        body = html_text.encode("utf-8")
        return 200, {"Content-Type": "text/html; charset=utf-8"}, body

    def release(self, site_id: int, headers) -> tuple[int, dict[str, str], bytes]:
        release = next((r for r in self.releases if r.site_id == site_id), None)
        if release is None or site_id in self.faults.gone:
            return 404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>"
        if site_id in self.faults.not_html:
            return 200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 binary stuff"
        if site_id in self.faults.malformed:
            body = b"<html><head><title></title></head><body><div id='gnb'>Menu</div></body></html>"
            return 200, {"Content-Type": "text/html"}, body
        if site_id in self.faults.raw_pages:
            body = self.faults.raw_pages[site_id]
        elif self.markup == "c":
            body = release_c(release, self.releases, self.labels).encode("utf-8")
        else:
            body = (release_b if self.markup == "b" else release_a)(release, self.releases).encode("utf-8")
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "text/html; charset=utf-8", "ETag": etag,
                     "Last-Modified": "Mon, 01 Sep 2025 00:00:00 GMT"}, body


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def page_shell(title: str, content: str) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{esc(title)} | MOTIR</title>"
            "</head><body><div id='skip'><a href='#content'>Skip to content</a></div>"
            "<header id='header'><nav class='gnb'><ul><li><a href='/eng/main'>Home</a></li>"
            "<li><a href='/eng/article/EATCLdfa319ada'>Press Releases</a></li></ul></nav>"
            "<form class='search'><input name='q'></form></header>"
            f"<div id='content'>{content}</div>"
            "<footer id='footer'><p>Ministry of Trade, Industry and Resources, 402 Hannuri-daero, Sejong</p>"
            "<p>Copyright 2025. All rights reserved.</p></footer></body></html>")


def listing_a(items: list[SiteRelease], page: int, preview_chars: int | None, extra: list[str]) -> str:
    rows = []
    for r in items:
        preview = r.body if preview_chars is None else r.body[:preview_chars]
        rows.append(f"<li><a href='/eng/article/EATCLdfa319ada/{r.site_id}/view?pageIndex={page}'>"
                    f"<div class='img'>-</div><strong class='tit'>{esc(r.title)}</strong>"
                    f"<p class='txt'>{esc(preview)}</p><span class='date'>date{r.date}</span></a></li>")
    rows += [f"<li><a href='{esc(url)}'><strong class='tit'>Elsewhere</strong>"
             "<span class='date'>date2025-01-01</span></a></li>" for url in extra]
    paging = "".join(f"<a href='?pageIndex={n}'>{n}</a>" for n in range(1, 6))
    return page_shell("Press Releases", f"<div class='board_list'><ul>{''.join(rows)}</ul></div>"
                                        f"<div class='paging'>{paging}</div>")


def listing_b(items: list[SiteRelease], page: int, preview_chars: int | None, extra: list[str]) -> str:
    rows = "".join(f"<tr><td class='no'>{r.site_id}</td><td class='subject'>"
                   f"<a href='/eng/article/EATCLdfa319ada/{r.site_id}/view'>{esc(r.title)}</a></td>"
                   f"<td class='reg'>{r.date.replace('-', '.')}</td></tr>" for r in items)
    rows += "".join(f"<tr><td>0</td><td><a href='{esc(u)}'>Elsewhere</a></td><td>2025.01.01</td></tr>"
                    for u in extra)
    return page_shell("Press Releases", "<table class='bbs_list'><thead><tr><th>No</th><th>Title</th>"
                                        f"<th>Date</th></tr></thead><tbody>{rows}</tbody></table>"
                                        "<nav class='pagination'><a href='?pageIndex=2'>Next</a></nav>")


def neighbours(release: SiteRelease, releases: list[SiteRelease]) -> str:
    ids = sorted(r.site_id for r in releases)
    at = ids.index(release.site_id)
    links = []
    if at > 0:
        links.append(f"<a href='/eng/article/EATCLdfa319ada/{ids[at - 1]}/view'>Previous release</a>")
    if at + 1 < len(ids):
        links.append(f"<a href='/eng/article/EATCLdfa319ada/{ids[at + 1]}/view'>Next release</a>")
    return "".join(links)


def paragraphs(body: str) -> str:
    return "".join(f"<p>{esc(p)}</p>" for p in body.split("\n"))


def release_a(release: SiteRelease, releases: list[SiteRelease]) -> str:
    files = "".join(f"<li><a href='/files/{release.site_id}/{esc(name)}'>{esc(name)}</a></li>"
                    for name in release.attachments)
    return page_shell(release.title, (
        "<div class='board_view'><div class='view_head'>"
        f"<h3 class='view_tit'>{esc(release.title)}</h3><span class='date'>{release.date}</span></div>"
        f"<div class='view_cont'>{paragraphs(release.body)}</div>"
        f"<div class='file_list'><ul>{files}</ul></div>"
        f"<div class='prev_next'>{neighbours(release, releases)}</div>"
        "<div class='list_btn'><a href='/eng/article/EATCLdfa319ada'>List</a></div></div>"))


def release_b(release: SiteRelease, releases: list[SiteRelease]) -> str:
    files = "".join(f"<a href='/download?file={esc(name)}'>{esc(name)}</a>" for name in release.attachments)
    return page_shell(release.title, (
        f"<article><h1>{esc(release.title)}</h1><p class='meta'>Posted {release.date.replace('-', '.')}</p>"
        f"<section class='entry_content'>{paragraphs(release.body)}</section>"
        f"<aside class='attachments'>{files}</aside>"
        f"<nav class='pager'>{neighbours(release, releases)}</nav></article>"))


def releases_from_listing_text(text: str, first_id: int = 1000) -> list[SiteRelease]:
    """Site releases made of the listing-text sample (ids grow with the date)."""
    blocks = [b.strip().splitlines() for b in re.split(r"(?m)^-\s*$", text) if b.strip()]
    parsed = []
    for lines in blocks:
        body_line = " ".join(lines[1:])
        match = re.search(r"date(\d{4}-\d{2}-\d{2})\s*$", body_line)
        parsed.append((match.group(1), lines[0], body_line[:match.start()].strip()))
    parsed.sort()
    return [SiteRelease(first_id + i, title, date, body, (f"{title[:20]}.pdf", f"{title[:20]}.hwpx"))
            for i, (date, title, body) in enumerate(parsed)]


def synthetic_releases(count: int, first_id: int = 2000) -> list[SiteRelease]:
    """Plain releases in the ministry's style, for paging."""
    out = []
    for i in range(count):
        month = i % 12 + 1
        out.append(SiteRelease(first_id + i, f"Exports of item {i} rise in month {month}",
                               f"2024-{month:02d}-{(i % 27) + 1:02d}",
                               f"Exports of item {i} rose {i % 9 + 1}.5 percent year-on-year to "
                               f"${i + 1}.2 billion in the month, the ministry said."))
    return out


NEIGHBOUR_LABELS = (("Previous article", "다음글"), ("Prev", "Next"))


def release_c(release: SiteRelease, releases: list[SiteRelease], labels: tuple[str, str] = NEIGHBOUR_LABELS[0]) -> str:
    """A third markup: no nav, header or footer elements and neutral class names; the links to the
    previous and next releases sit inside the text block, each behind a text label."""
    ids = sorted(r.site_id for r in releases)
    at = ids.index(release.site_id)
    by_id = {r.site_id: r for r in releases}
    around = [(labels[0], ids[at - 1]) if at > 0 else None, (labels[1], ids[at + 1]) if at + 1 < len(ids) else None]
    rows = "".join(f"<li><span>{label}</span> <a href='/eng/article/EATCLdfa319ada/{n}/view'>"
                   f"{esc(by_id[n].title)}</a></li>" for label, n in filter(None, around))
    files = "".join(f"<a href='/files/{release.site_id}/{esc(name)}'>{esc(name)}</a> " for name in release.attachments)
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>MOTIR</title></head><body>"
            "<div class='top'><a href='/eng/main'>Home</a> <a href='/eng/about'>About</a> "
            "<a href='/eng/article/EATCLdfa319ada'>News</a></div>"
            "<div role='search'><input name='q'> Search</div>"
            f"<div class='area'><h2>{esc(release.title)}</h2><div class='info'>Date : {release.date.replace('-', '.')}"
            " | Views 120</div>"
            f"<div class='txt'>{paragraphs(release.body)}<ul class='row'>{rows}</ul>"
            f"<div class='row2'>{files}</div>"
            "<div class='pg'><a href='?pageIndex=1'>1</a> <a href='?pageIndex=2'>2</a> <a href='?pageIndex=3'>3</a>"
            " <a href='?pageIndex=2'>»</a></div></div>"
            "<p class='back'><a href='/eng/article/EATCLdfa319ada'>List</a></p></div>"
            "<div role='contentinfo'>Ministry of Trade, Industry and Resources. Copyright 2025.</div>"
            "</body></html>")
