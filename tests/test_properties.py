"""No input makes the parsers or the extractor crash or hang: random text and random bytes."""
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.extract import extract_metrics
from tasks.parse.listing_text import parse_listing_document
from tasks.parse.site_pages import PageParseError, parse_listing_page, parse_release_page
from tasks.records import RawDocument

NOW = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
FIGURE_WORDS = st.sampled_from([
    " rose ", " fell ", " 5.8 percent ", " $1.2 billion ", " 1,234 units ", " in June ", " H1 2025 ",
    " (up 3.1 percent) ", " respectively", " between 2% and 3% ", " year-on-year", " exports ", " U.S. ",
    " KRW 3 trillion ", " first half of 2024 ", " January-May ", " of which 400 tons ", " 2.5 times ",
    ". ", ", ", "(", ")", " and ", " Korea’s ", " the same period ", " 12.5%p ", " date2025-01-01"])
TEXTISH = st.lists(st.one_of(FIGURE_WORDS, st.text(max_size=12)), max_size=60).map("".join)
LISTING_LINES = st.lists(st.one_of(st.just("-"), st.just("Industry"), st.just("date2025-02-30"),
                                   st.just("Body ends here. date2025-01-02"), st.text(max_size=40)),
                         max_size=30).map("\n".join)
SETTINGS = settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.binary(max_size=2000))
def test_listing_parser_survives_random_bytes(content):
    releases, rejections = parse_listing_document(RawDocument("x", content, "text/plain", NOW))
    assert all(r.body and r.title for r in releases)
    assert all(r.reason for r in rejections)


@SETTINGS
@given(LISTING_LINES)
def test_listing_parser_survives_listing_like_text(text):
    releases, rejections = parse_listing_document(RawDocument("x", text.encode("utf-8", "surrogatepass"),
                                                              "text/plain", NOW))
    assert all(isinstance(r.published_on, dt.date) and r.body for r in releases)
    assert all(r.reason and r.source.startswith("x:") for r in rejections)


@SETTINGS
@given(st.one_of(st.binary(max_size=3000), TEXTISH.map(lambda t: f"<html><body><h1>{t}</h1><p>{t}</p>"
                                                                  f"<a href='/eng/article/EATCLdfa319ada/1/view'>"
                                                                  f"{t}</a></body></html>".encode())))
def test_page_parsers_survive_random_pages(content):
    try:
        parse_release_page(content, "https://english.motir.go.kr/eng/article/EATCLdfa319ada/1/view")
    except PageParseError:
        pass
    try:
        parse_listing_page(content, "https://english.motir.go.kr/eng/article/EATCLdfa319ada?pageIndex=1")
    except PageParseError:
        pass


@SETTINGS
@given(TEXTISH, st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_extractor_survives_figure_laden_text(text, published_on):
    for metric in extract_metrics(text, published_on):
        assert metric.value is not None or metric.change_pct is not None
        assert metric.indicator
        assert 0 <= metric.figure_start < metric.figure_end <= len(text)


@SETTINGS
@given(st.text(max_size=3000))
def test_extractor_survives_any_text(text):
    extract_metrics(text, dt.date(2025, 1, 1))
