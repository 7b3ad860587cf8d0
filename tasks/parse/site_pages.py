"""Parse the ministry's listing and release pages (BeautifulSoup with lxml).

The exact markup is not known and changes from time to time, so nothing here hangs
on one class name: releases are found by their link pattern, titles in headings or
link text, dates by their written form, and the body as the largest block of text
once navigation, paging, footers and attachment lists are removed. What is not content is
known by its role in the page, not by one name: navigation elements and ARIA roles, blocks
that are nothing but links, links to other releases with their labels ("Prev", "Next",
"다음글"), and, as a fallback, the class names such blocks usually carry. Every selector
and pattern is in this block of constants.

A page is parsed only within bounds (its nesting depth, its number of elements, a time
budget): a hostile page is refused with the reason instead of holding the run.
"""
from __future__ import annotations

import datetime as dt
import re
import time
import warnings
from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag, XMLParsedAsHTMLWarning
from lxml import etree

from tasks.records import clean_text

# Every selector and pattern the parsers use, in this one block: the site's markup is not fixed,
# so each is a fallback among others, tried in the order the functions below say.
# Any id segment is captured, so a malformed one is reported rather than passed over.
RELEASE_LINK = re.compile(r"/eng/article/EATCLdfa319ada/([^/?#]*)/view")
# The site's ids are positive integers that grow with time; 12 digits is far past any real one
# and well inside the archive's BIGINT.
VALID_SITE_ID = re.compile(r"^[1-9][0-9]{0,11}$")
MAX_DEPTH = 100  # real pages nest 20 to 40 elements deep
MAX_ELEMENTS = 40_000  # a release page holds 1,000 to 3,000; a listing page of 3,000 links about 20,000
PARSE_SECONDS = 10.0  # a real page parses in well under a second
NOT_CONTENT_ROLES = re.compile(r"^(?:navigation|banner|contentinfo|search|menu|menubar|toolbar|tablist|"
                               r"complementary)$", re.IGNORECASE)
# Labels of links to other releases, paging and page tools: a block holding only these is not content.
NAV_LABEL = re.compile(r"^(?:prev(?:ious)?|next|first|last|list|back(?: to list)?|top|print|share|"
                       r"(?:prev(?:ious)?|next) (?:article|post|release|page)|이전글|다음글|이전|다음|목록|"
                       r"[«»‹›<>|·/:\-]+)$", re.IGNORECASE)
DATE_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})[-.](\d{1,2})[-.](\d{1,2})(?!\d)")
ATTACHMENT_LINK = re.compile(r"\.(?:pdf|hwp|hwpx|docx?|xlsx?|zip)(?:$|[?#])|/(?:file)?download", re.IGNORECASE)
NOT_CONTENT_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "form", "aside", "iframe",
                    "button", "select", "input")
NOT_CONTENT_NAMES = re.compile(
    r"\b(?:nav|gnb|lnb|snb|menu|breadcrumb|location|paging|pagination|page_?nav|prev|next|"
    r"footer|foot|header|search|sns|share|print|attach|file|download|btn|button|skip|quick|"
    r"banner|related|list_?btn|util|top_?menu|side)\w*\b", re.IGNORECASE)
CONTENT_HINTS = re.compile(r"\b(?:view_?cont|article_?body|content_?body|cont_?body|bbs_?view|board_?view|"
                           r"view_?con|txt_?area|view_?txt|articleBody|post_?content|entry_?content)\w*\b",
                           re.IGNORECASE)
TITLE_HINTS = re.compile(r"\b(?:tit|title|subject|headline)\w*\b", re.IGNORECASE)
SITE_NAME_SUFFIX = re.compile(r"\s*[|:\-–]\s*(?:MOTIE|MOTIR|Ministry of Trade[^|]*)\s*$", re.IGNORECASE)
LISTING_TITLE_TAGS = ("h1", "h2", "h3", "h4", "h5", "strong")
RELEASE_TITLE_TAGS = ("h1", "h2", "h3", "h4")
BODY_ATTRS = {"itemprop": "articleBody"}  # schema.org's body
BODY_TAGS = ("article", "main")
BLOCK_TAGS = ("div", "section", "td")  # where a body without a name may stand
NESTED_BLOCK_TAGS = ("div", "section", "table")
PARAGRAPH_TAGS = ("p", "li")
MIN_BODY_CHARS = 40


class PageParseError(ValueError):
    """A page that does not hold what it should, with the reason."""


class Budget:
    """A time budget for one page, checked as the parser walks it."""

    def __init__(self, seconds: float = PARSE_SECONDS):
        self.seconds = seconds
        self.until = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.until:
            raise PageParseError(f"parsing took longer than {self.seconds:g} s; set aside")


@dataclass(frozen=True)
class ListingEntry:
    site_id: int
    url: str
    title: str
    published_on: dt.date | None
    preview: str


@dataclass(frozen=True)
class ListingPage:
    entries: list[ListingEntry]
    bad_links: list[tuple[str, str]] = field(default_factory=list)  # (URL, reason) of unusable release links


@dataclass(frozen=True)
class ReleasePage:
    site_id: int | None
    url: str
    title: str
    published_on: dt.date
    body: str
    attachments: tuple[tuple[str, str], ...]


def soup_of(content: bytes) -> BeautifulSoup:
    if not looks_like_html(content):
        raise PageParseError("not an HTML page")
    check_shape(content)
    with warnings.catch_warnings():
        # A page that opens like XML is still parsed as the site's HTML, on purpose: no warning for it.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(content, "lxml")


def check_shape(content: bytes) -> None:
    """Refuse a page nested too deep or with too many elements, before the tree is built."""
    parser = etree.HTMLPullParser(events=("start", "end"))
    depth = deepest = elements = 0
    for start in range(0, len(content), 65_536):
        parser.feed(content[start:start + 65_536])
        for event, _ in parser.read_events():
            depth += 1 if event == "start" else -1
            elements += event == "start"
            deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            raise PageParseError(f"elements nested more than {MAX_DEPTH} deep; set aside")
        if elements > MAX_ELEMENTS:
            raise PageParseError(f"more than {MAX_ELEMENTS:,} elements; set aside")


def looks_like_html(content: bytes) -> bool:
    head = content[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<div" in head


def site_id_of(url: str) -> int | None:
    """The release id in a link; None when the link is not a release's or its id is not a valid one."""
    match = RELEASE_LINK.search(url)
    return int(match.group(1)) if match and VALID_SITE_ID.match(match.group(1)) else None


def bad_site_id(url: str) -> str | None:
    """Why a release link's id cannot be used; None for a good id or a link that is not a release's."""
    match = RELEASE_LINK.search(url)
    if match is None or VALID_SITE_ID.match(match.group(1)):
        return None
    return f"release link with an invalid id {match.group(1)[:40]!r} (a positive number of at most 12 digits)"


def text_of(node: Tag) -> str:
    return " ".join(clean_text(node.get_text(" ", strip=True)).split())


def parse_date(text: str) -> dt.date | None:
    for match in DATE_TEXT.finditer(text):
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            continue
    return None


def parse_listing_page(content: bytes, page_url: str) -> list[ListingEntry]:
    """The releases a listing page links to, in page order; an empty list past the last page."""
    return parse_listing(content, page_url).entries


def parse_listing(content: bytes, page_url: str, budget: Budget | None = None) -> ListingPage:
    """The releases a listing page links to, and the release links whose id is unusable."""
    soup = soup_of(content)
    budget = budget or Budget()
    links: dict[int, list[Tag]] = {}
    bad: dict[str, str] = {}
    for anchor in soup.find_all("a", href=True):
        site_id = site_id_of(anchor["href"])
        if site_id is not None:
            links.setdefault(site_id, []).append(anchor)
        elif bad_site_id(anchor["href"]):
            bad[urljoin(page_url, anchor["href"])] = bad_site_id(anchor["href"])
    ids_under = release_ids_under(links)
    entries = [listing_entry(site_id, anchors, page_url, ids_under, budget) for site_id, anchors in links.items()]
    return ListingPage(entries, list(bad.items()))


def release_ids_under(links: dict[int, list[Tag]]) -> dict[int, set[int]]:
    """For every ancestor of a release link (by object id), the release ids below it: counted once
    per link and ancestor, so a listing of thousands of links is not searched once per link."""
    under: dict[int, set[int]] = {}
    for site_id, anchors in links.items():
        for anchor in anchors:
            for ancestor in anchor.parents:
                under.setdefault(id(ancestor), set()).add(site_id)
    return under


def listing_entry(site_id: int, anchors: list[Tag], page_url: str, ids_under: dict[int, set[int]],
                  budget: Budget) -> ListingEntry:
    budget.check()
    container = item_container(anchors[0], site_id, ids_under)
    title = listing_title(container, anchors)
    text = text_of(container)
    preview = text.replace(title, "", 1)
    preview = DATE_TEXT.sub("", preview).replace(" date ", " ").strip(" -")
    preview = re.sub(r"\s*\bdate\s*$", "", preview).strip()
    url = urljoin(page_url, anchors[0]["href"]).split("?")[0]
    return ListingEntry(site_id, url, title, parse_date(text), preview)


def item_container(anchor: Tag, site_id: int, ids_under: dict[int, set[int]]) -> Tag:
    """The largest ancestor of a link that holds no other release: the list item."""
    node = anchor
    while node.parent is not None and node.parent.name not in ("body", "html", "[document]"):
        if ids_under.get(id(node.parent)) != {site_id}:
            break
        node = node.parent
    return node


def listing_title(container: Tag, anchors: list[Tag]) -> str:
    heading = container.find(LISTING_TITLE_TAGS)
    if heading and text_of(heading):
        return text_of(heading)
    titled = container.find(class_=TITLE_HINTS)
    if titled and text_of(titled):
        return text_of(titled)
    return max((text_of(a) for a in anchors), key=len)


def parse_release_page(content: bytes, url: str, budget: Budget | None = None) -> ReleasePage:
    """Title, date, body and attachments of a release's own page."""
    soup = soup_of(content)
    budget = budget or Budget()
    attachments = find_attachments(soup, url)
    strip_non_content(soup, budget)
    title_node = find_title_node(soup)
    title = text_of(title_node) if title_node else page_title(soup)
    if not title:
        raise PageParseError("no title: no heading and no <title>")
    published_on = find_date(soup, title_node)
    if published_on is None:
        raise PageParseError("no date written YYYY-MM-DD or YYYY.MM.DD near the title")
    body = find_body(soup, title_node, title, budget)
    if len(body) < MIN_BODY_CHARS:
        raise PageParseError(f"no body text (found {len(body)} characters of content)")
    return ReleasePage(site_id_of(url), url, title, published_on, body, attachments)


def find_attachments(soup: BeautifulSoup, base_url: str) -> tuple[tuple[str, str], ...]:
    found = []
    for anchor in soup.find_all("a", href=True):
        if ATTACHMENT_LINK.search(anchor["href"]):
            name = text_of(anchor) or anchor["href"].rsplit("/", 1)[-1]
            found.append((name, urljoin(base_url, anchor["href"])))
    return tuple(dict.fromkeys(found))


def strip_non_content(soup: BeautifulSoup, budget: Budget) -> None:
    """Remove what is around the content, by its role in the page (see the module's docstring)."""
    for node in soup.find_all(NOT_CONTENT_TAGS):
        node.decompose()
    for node in soup.find_all(True):
        budget.check()
        if not node.decomposed and node.name not in ("html", "body") and is_not_content(node):
            node.decompose()
    for anchor in soup.find_all("a", href=True):
        if not anchor.decomposed and RELEASE_LINK.search(anchor["href"]):
            budget.check()
            labelled_block(anchor).decompose()  # previous / next release links and their labels


def is_not_content(node: Tag) -> bool:
    if NOT_CONTENT_ROLES.match(node.get("role") or ""):
        return True
    names = " ".join([node.get("id") or ""] + list(node.get("class") or []))
    if names and NOT_CONTENT_NAMES.search(names) and not CONTENT_HINTS.search(names):
        return True
    if node.name in ("title", "h1", "h2", "h3", "h4"):
        return False
    return is_label(text_of(node)) or is_link_block(node)


def is_label(text: str) -> bool:
    return bool(text) and len(text) <= 40 and bool(NAV_LABEL.match(text))


def is_link_block(node: Tag) -> bool:
    """A block made of two or more links and nothing else (menus, paging, link lists)."""
    links = node.find_all("a", href=True)
    if len(links) < 2 or node.name == "a":
        return False
    rest = text_of(node)
    for link in links:
        rest = rest.replace(text_of(link), "", 1)
    return not rest.strip(" |·/-–»«›‹>[]()")


def labelled_block(anchor: Tag) -> Tag:
    """The largest block around a link to another release that holds only such links and one label."""
    node = anchor
    while node.parent is not None and node.parent.name not in ("body", "html", "[document]"):
        links = node.parent.find_all("a", href=True)
        if not all(RELEASE_LINK.search(link["href"]) for link in links):
            return node
        rest = text_of(node.parent)
        for link in links:
            rest = rest.replace(text_of(link), "", 1)
        if rest.strip() and not is_label(rest.strip()):
            return node
        node = node.parent
    return node


def find_title_node(soup: BeautifulSoup) -> Tag | None:
    headings = [h for h in soup.find_all(RELEASE_TITLE_TAGS) if len(text_of(h)) >= 8]
    hinted = [h for h in headings if TITLE_HINTS.search(" ".join(h.get("class") or []) + (h.get("id") or ""))]
    inside_hint = [h for h in headings if h.find_parent(class_=TITLE_HINTS)]
    for group in (hinted, inside_hint, headings):
        if group:
            return group[0]
    return None


def page_title(soup: BeautifulSoup) -> str:
    title = soup.find("title")
    return SITE_NAME_SUFFIX.sub("", text_of(title)) if title else ""


def find_date(soup: BeautifulSoup, title_node: Tag | None) -> dt.date | None:
    """The first date after the title, else the first on the page."""
    if title_node is not None:
        for node in [title_node.parent] + list(title_node.find_all_next(string=True, limit=60)):
            text = text_of(node) if isinstance(node, Tag) else str(node)
            found = parse_date(text)
            if found:
                return found
    return parse_date(text_of(soup))


def find_body(soup: BeautifulSoup, title_node: Tag | None, title: str, budget: Budget) -> str:
    block = None
    # Most specific first: a block named as content, then schema.org's body, then article or main.
    for candidates in (soup.find_all(class_=CONTENT_HINTS) + soup.find_all(id=CONTENT_HINTS),
                       soup.find_all(attrs=dict(BODY_ATTRS)), soup.find_all(BODY_TAGS)):
        with_text = [n for n in candidates if len(text_of(n)) >= MIN_BODY_CHARS]
        if with_text:
            block = max(with_text, key=lambda n: len(text_of(n)))
            break
    block = block or densest_block(soup, budget)
    if block is None:
        return ""
    if title_node is not None and block.find(lambda n: n is title_node):
        title_node.decompose()
    return block_text(block, title)


def densest_block(soup: BeautifulSoup, budget: Budget) -> Tag | None:
    """The element whose own paragraphs hold the most text."""
    best, best_len = None, 0
    for node in soup.find_all(BLOCK_TAGS):
        budget.check()
        length = sum(len(text_of(p)) for p in node.find_all("p", recursive=False))
        length = length or (len(text_of(node)) if not node.find(NESTED_BLOCK_TAGS) else 0)
        if length > best_len:
            best, best_len = node, length
    return best


def block_text(block: Tag, title: str) -> str:
    """Paragraphs on their own lines; the title and a leading date are not body."""
    paragraphs = [text_of(p) for p in block.find_all(PARAGRAPH_TAGS) if text_of(p)]
    text = "\n".join(paragraphs) if paragraphs and sum(map(len, paragraphs)) > 0.6 * len(text_of(block)) \
        else text_of(block)
    text = text.strip()
    if text.startswith(title):
        text = text[len(title):].strip()
    return DATE_TEXT.sub("", text[:40], count=1).strip() + text[40:] if DATE_TEXT.match(text[:12]) else text
