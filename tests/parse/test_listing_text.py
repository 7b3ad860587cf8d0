import datetime as dt

from tasks.parse.listing_text import is_body_complete, parse_listing_document
from tasks.records import RawDocument

NOW = dt.datetime(2025, 7, 30, tzinfo=dt.timezone.utc)


def parse(content: bytes, source: str = "input.txt"):
    return parse_listing_document(RawDocument(source, content, "text/plain", NOW))


def test_sample_parses_into_eight_releases(sample_text):
    releases, rejections = parse(sample_text.encode("utf-8"))
    assert rejections == []
    assert len(releases) == 8
    first = releases[0]
    assert first.title.startswith("KTC Recommends Provisional Anti-Dumping Duties")
    assert first.published_on == dt.date(2025, 7, 25)
    assert first.body.startswith("The Korea Trade Commission (KTC)")
    assert not first.body.endswith("date2025-07-25")
    assert [r.published_on.isoformat() for r in releases][-1] == "2025-07-03"


def test_cut_preview_is_marked_incomplete(sample_text):
    releases, _ = parse(sample_text.encode("utf-8"))
    complete = {r.title[:30]: r.body_complete for r in releases}
    assert complete["Eco-Friendly Vehicle Exports S"] is False
    assert sum(complete.values()) == 7


def test_crlf_bom_blank_lines_and_category_are_tolerated():
    text = ("\ufeff\r\n-\r\n\r\nIndustry\r\nKorea's chip output climbs\r\n\r\n"
            "Output rose 3.0 percent in May. date2025-06-02\r\n")
    releases, rejections = parse(text.encode("utf-8"))
    assert rejections == []
    (release,) = releases
    assert release.category == "Industry"
    assert release.title == "Korea's chip output climbs"
    assert release.body == "Output rose 3.0 percent in May."
    assert release.body_complete is True


def test_dotted_date_and_multiline_body():
    releases, _ = parse(b"-\nTitle\nFirst line.\nSecond line. date2024.12.31\n")
    assert releases[0].published_on == dt.date(2024, 12, 31)
    assert releases[0].body == "First line.\nSecond line."


def test_bad_entries_are_set_aside_with_reason_and_position():
    text = ("-\nNo date here\nA body that never says when. \n"
            "-\nImpossible date\nBody. date2025-02-30\n"
            "-\nEmpty body\ndate2025-01-02\n"
            "-\nGood one\nExports rose. date2025-01-03\n")
    releases, rejections = parse(text.encode("utf-8"), "feed.txt")
    assert [r.title for r in releases] == ["Good one"]
    reasons = {r.source: r.reason for r in rejections}
    assert reasons["feed.txt:1"].startswith("no 'dateYYYY-MM-DD' marker")
    assert reasons["feed.txt:4"] == "impossible date 2025-02-30"
    assert "empty body" in reasons["feed.txt:7"]
    assert all(r.excerpt for r in rejections if "empty" not in r.reason)


def test_undecodable_bytes_reject_only_their_entry():
    content = b"-\nBroken \xff\xfe title\nBody. date2025-01-01\n-\nFine\nBody. date2025-01-02\n"
    releases, rejections = parse(content)
    assert [r.title for r in releases] == ["Fine"]
    assert "not valid UTF-8" in rejections[0].reason


def test_oversized_body_is_rejected():
    body = "word " * 50_000
    releases, rejections = parse(f"-\nHuge\n{body}. date2025-01-01\n".encode())
    assert releases == []
    assert "exceeds" in rejections[0].reason


def test_text_before_the_first_separator_is_judged_too():
    releases, rejections = parse(b"stray heading\n-\nTitle\nBody. date2025-01-01\n")
    assert len(releases) == 1
    assert len(rejections) == 1 and rejections[0].source == "input.txt:1"


def test_body_completeness_rules():
    assert is_body_complete("Exports rose.")
    assert is_body_complete("He said, “we will grow.”")
    assert not is_body_complete("Growth in the domestic")
    assert not is_body_complete("Exports rose ...")
