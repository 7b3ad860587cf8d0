"""Listing and release pages parsed from two markups of our own making, and from pages lacking pieces."""
import datetime as dt

import pytest

from tasks.parse.site_pages import PageParseError, parse_listing_page, parse_release_page
from tests.fixture_site import NEIGHBOUR_LABELS, SiteRelease, listing_a, listing_b, release_a, release_b, release_c

RELEASES = [
    SiteRelease(2002, "Exports rise 5.1% in May", "2025-06-01",
                "Exports rose 5.1 percent to $58.2 billion in May.\nImports fell 2.0 percent.", ("data.pdf",)),
    SiteRelease(2001, "Korea-EU talks held", "2025-05-20", "The two sides met in Brussels to discuss trade."),
]
BASE = "https://english.motir.go.kr/eng/article/EATCLdfa319ada?pageIndex=1"


@pytest.mark.parametrize("render", [listing_a, listing_b])
def test_listing_entries_in_both_markups(render):
    entries = parse_listing_page(render(RELEASES, 1, 300, []).encode(), BASE)
    assert [(e.site_id, e.title, e.published_on) for e in entries] == [
        (2002, "Exports rise 5.1% in May", dt.date(2025, 6, 1)),
        (2001, "Korea-EU talks held", dt.date(2025, 5, 20))]
    assert entries[0].url == "https://english.motir.go.kr/eng/article/EATCLdfa319ada/2002/view"


def test_listing_preview_is_the_body_text():
    (entry, _) = parse_listing_page(listing_a(RELEASES, 1, 30, []).encode(), BASE)
    assert entry.preview == RELEASES[0].body[:30].replace("\n", " ")


def test_a_page_past_the_last_has_no_entries():
    assert parse_listing_page(listing_a([], 9, 300, []).encode(), BASE) == []


@pytest.mark.parametrize("render", [release_a, release_b])
def test_release_page_in_both_markups(render):
    page = parse_release_page(render(RELEASES[0], RELEASES).encode(),
                              "https://english.motir.go.kr/eng/article/EATCLdfa319ada/2002/view")
    assert page.site_id == 2002
    assert page.title == "Exports rise 5.1% in May"
    assert page.published_on == dt.date(2025, 6, 1)
    assert page.body == "Exports rose 5.1 percent to $58.2 billion in May.\nImports fell 2.0 percent."
    assert [name for name, _ in page.attachments] == ["data.pdf"]
    for noise in ("Previous release", "Next release", "Copyright", "Home", "List"):
        assert noise not in page.body


def test_release_page_without_a_heading_takes_the_title_element():
    html = ("<html><head><title>Battery exports hit record | MOTIE</title></head><body>"
            "<div class='contents'><span>2024.03.02</span><p>Battery exports reached $1.2 billion in "
            "February, the highest ever for the month.</p></div></body></html>")
    page = parse_release_page(html.encode(), "https://english.motie.go.kr/eng/article/EATCLdfa319ada/5/view")
    assert page.title == "Battery exports hit record"
    assert page.published_on == dt.date(2024, 3, 2)
    assert page.body.startswith("Battery exports reached $1.2 billion")


@pytest.mark.parametrize("html,reason", [
    (b"<html><body><div id='gnb'>Menu</div></body></html>", "no title"),
    (b"<html><body><h1>A title long enough</h1><p>No date anywhere in this body, which is long.</p></body></html>",
     "no date"),
    (b"<html><body><h1>A title long enough</h1><span>2025-01-02</span></body></html>", "no body"),
    (b"%PDF-1.4 not a page", "not an HTML page"),
])
def test_pages_lacking_pieces_are_refused_with_a_reason(html, reason):
    with pytest.raises(PageParseError, match=reason):
        parse_release_page(html, "https://english.motir.go.kr/eng/article/EATCLdfa319ada/7/view")


@pytest.mark.parametrize("labels", NEIGHBOUR_LABELS)
def test_a_third_markup_with_labelled_previous_and_next_links(labels):
    middle = SiteRelease(2003, "Chip output climbs in June", "2025-07-01",
                         "Output rose 3.0 percent in June.\nShipments grew 2.2 percent.", ("stats.pdf",))
    releases = RELEASES + [middle, SiteRelease(2004, "Later release", "2025-07-02", "Later body text here.")]
    html = release_c(middle, releases, labels).encode()
    page = parse_release_page(html, "https://english.motir.go.kr/eng/article/EATCLdfa319ada/2003/view")
    assert page.title == "Chip output climbs in June"
    assert page.published_on == dt.date(2025, 7, 1)
    assert page.body == "Output rose 3.0 percent in June.\nShipments grew 2.2 percent."
    assert [name for name, _ in page.attachments] == ["stats.pdf"]
