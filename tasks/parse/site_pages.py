"""Parse the ministry's listing and release pages (BeautifulSoup with lxml).

The exact markup is not known and changes from time to time, so nothing here hangs
on one class name: releases are found by their link pattern, titles in headings or
link text, dates by their written form, and the body as the largest block of text
once navigation, paging, footers and attachment lists are removed. Every selector
and pattern is in this block of constants.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

# Every selector and pattern the parsers use, in this one block: the site's markup is not fixed,
# so each is a fallback among others, tried in the order the functions below say.
RELEASE_LINK = re.compile(r"/eng/article/EATCLdfa319ada/(\d+)/view")
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


@dataclass(frozen=True)
class ListingEntry:
    site_id: int
    url: str
    title: str
    published_on: dt.date | None
    preview: str


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
    return BeautifulSoup(content, "lxml")


def looks_like_html(content: bytes) -> bool:
    head = content[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<div" in head


def site_id_of(url: str) -> int | None:
    match = RELEASE_LINK.search(url)
    return int(match.group(1)) if match else None


def text_of(node: Tag) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def parse_date(text: str) -> dt.date | None:
    for match in DATE_TEXT.finditer(text):
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            continue
    return None


def parse_listing_page(content: bytes, page_url: str) -> list[ListingEntry]:
    """The releases a listing page links to, in page order; an empty list past the last page."""
    soup = soup_of(content)
    links: dict[int, list[Tag]] = {}
    for anchor in soup.find_all("a", href=True):
        site_id = site_id_of(anchor["href"])
        if site_id is not None:
            links.setdefault(site_id, []).append(anchor)
    return [listing_entry(site_id, anchors, page_url) for site_id, anchors in links.items()]


def listing_entry(site_id: int, anchors: list[Tag], page_url: str) -> ListingEntry:
    container = item_container(anchors[0], site_id)
    title = listing_title(container, anchors)
    text = text_of(container)
    preview = text.replace(title, "", 1)
    preview = DATE_TEXT.sub("", preview).replace(" date ", " ").strip(" -")
    preview = re.sub(r"\s*\bdate\s*$", "", preview).strip()
    url = urljoin(page_url, anchors[0]["href"]).split("?")[0]
    return ListingEntry(site_id, url, title, parse_date(text), preview)


def item_container(anchor: Tag, site_id: int) -> Tag:
    """The largest ancestor of a link that holds no other release: the list item."""
    node = anchor
    while node.parent is not None and node.parent.name not in ("body", "html", "[document]"):
        ids = {site_id_of(a["href"]) for a in node.parent.find_all("a", href=True)} - {None}
        if ids != {site_id}:
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


def parse_release_page(content: bytes, url: str) -> ReleasePage:
    """Title, date, body and attachments of a release's own page."""
    soup = soup_of(content)
    attachments = find_attachments(soup, url)
    strip_non_content(soup)
    title_node = find_title_node(soup)
    title = text_of(title_node) if title_node else page_title(soup)
    if not title:
        raise PageParseError("no title: no heading and no <title>")
    published_on = find_date(soup, title_node)
    if published_on is None:
        raise PageParseError("no date written YYYY-MM-DD or YYYY.MM.DD near the title")
    body = find_body(soup, title_node, title)
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


def strip_non_content(soup: BeautifulSoup) -> None:
    for node in soup.find_all(NOT_CONTENT_TAGS):
        node.decompose()
    for node in soup.find_all(True):
        if node.decomposed or node.name in ("html", "body"):
            continue
        names = " ".join([node.get("id") or ""] + list(node.get("class") or []))
        if names and NOT_CONTENT_NAMES.search(names) and not CONTENT_HINTS.search(names):
            node.decompose()
    for anchor in soup.find_all("a", href=True):
        if not anchor.decomposed and RELEASE_LINK.search(anchor["href"]):
            anchor.decompose()  # previous / next release links are not content


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


def find_body(soup: BeautifulSoup, title_node: Tag | None, title: str) -> str:
    block = None
    # Most specific first: a block named as content, then schema.org's body, then article or main.
    for candidates in (soup.find_all(class_=CONTENT_HINTS) + soup.find_all(id=CONTENT_HINTS),
                       soup.find_all(attrs=dict(BODY_ATTRS)), soup.find_all(BODY_TAGS)):
        with_text = [n for n in candidates if len(text_of(n)) >= MIN_BODY_CHARS]
        if with_text:
            block = max(with_text, key=lambda n: len(text_of(n)))
            break
    block = block or densest_block(soup)
    if block is None:
        return ""
    if title_node is not None and block.find(lambda n: n is title_node):
        title_node.decompose()
    return block_text(block, title)


def densest_block(soup: BeautifulSoup) -> Tag | None:
    """The element whose own paragraphs hold the most text."""
    best, best_len = None, 0
    for node in soup.find_all(BLOCK_TAGS):
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
