"""A hostile site on loopback: each bad page is set aside with its reason, within bounds of time and
memory, and the good releases beside it land. Real HTTP, real flows, real DuckDB files."""
from __future__ import annotations

import datetime as dt
import time
import zlib

import duckdb
import pytest

from flows.nightly import nightly_flow
from tasks.fetch.client import FetchFailed, HttpSite, PageRefused
from tests.fixture_site import FixtureSite, SiteRelease, esc, releases_from_listing_text
from tests.helpers import SAMPLE, PeakMemory

HOSTILE = 1100  # the id of the hostile release in each case; the eight sample releases are 1000..1007
PATH = f"/eng/article/EATCLdfa319ada/{HOSTILE}/view"
LIMIT_SECONDS, LIMIT_MB = 120, 1000
# In-process runs share the tree with pytest and the tests' Prefect server, so their bound is on what
# the run adds: a fresh `motie` process starts at ~350 MB, and the two together stay under LIMIT_MB.
RUN_GROWTH_MB = 650


def hostile_site(markup: str = "a", labels: tuple[str, str] | None = None) -> FixtureSite:
    releases = releases_from_listing_text(SAMPLE.read_text(encoding="utf-8"))
    releases.append(SiteRelease(HOSTILE, "A hostile release page", "2025-07-30",
                                "Its listing preview is all that can be kept of it."))
    return FixtureSite(releases, markup=markup, labels=labels)


def query(db, sql, params=()):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def run_bounded(db, site, label, **kwargs):
    """The nightly flow against the site, measured: under 2 minutes and 1 GB, and it completes."""
    with PeakMemory(label) as measured:
        summary = nightly_flow(str(db), base_url=site.base_url, delay=0.0, retry_backoff=0.01, **kwargs)
    assert measured.seconds < LIMIT_SECONDS, f"{label} took {measured.seconds:.0f} s"
    assert measured.growth_mb < RUN_GROWTH_MB, (f"{label} grew by {measured.growth_mb:.0f} MB; "
                                                f"at its peak: {measured.describe_peak()}")
    return summary


def reasons_for(db, pattern: str) -> list[str]:
    return [reason for (reason,) in query(db, "SELECT reason FROM rejected WHERE source LIKE ?", [pattern])]


def assert_good_releases_landed(db, count: int = 8) -> None:
    assert query(db, "SELECT count(*) FROM releases WHERE site_id BETWEEN 1000 AND 1007 AND body_complete") \
        == [(count,)]


def page_html(title: str, date: str, body: str, extra: str = "") -> bytes:
    return (f"<html><head><title>{esc(title)}</title></head><body><h1>{esc(title)}</h1><p>{date}</p>"
            f"<div class='view_cont'><p>{esc(body)}</p>{extra}</div></body></html>").encode()


def trickle():
    def chunks():
        for _ in range(300):  # a byte a second: no single read ever times out
            yield b"<"
            time.sleep(1)
    return 200, {"Content-Type": "text/html"}, chunks()


def huge():
    return 200, {"Content-Type": "text/html"}, (b"<p>" + b"x" * 1_048_573 for _ in range(100))  # 100 MB


_BOMB: list[bytes] = []


def gzip_bomb():
    """About 5 MB of gzip that unpacks to 1 GiB, made once (fast compression: the test waits less)."""
    if not _BOMB:
        packer = zlib.compressobj(1, zlib.DEFLATED, 31)
        block = b"\0" * 1_048_576
        _BOMB.append(b"".join(packer.compress(block) for _ in range(1024)) + packer.flush())
    return 200, {"Content-Type": "text/html", "Content-Encoding": "gzip",
                 "Content-Length": str(len(_BOMB[0]))}, _BOMB[0]


# --- the HTTP client alone --------------------------------------------------------------------------

def test_a_trickling_page_is_refused_at_the_total_deadline():
    with hostile_site() as site:
        site.faults.streamed[PATH] = trickle
        client = HttpSite(base_url=site.base_url, delay=0.0, deadline=3.0)
        started = time.monotonic()
        with pytest.raises(PageRefused, match="not received within the 3 s deadline"):
            client.fetch_release(HOSTILE)
        assert time.monotonic() - started < 3.0 + 1.0 + 1.0  # the deadline and at most one trickled read
    assert client.stats.retries == 0  # asking again would only hang again


@pytest.mark.parametrize("answer,reason", [(huge, "larger than the 10,000,000-byte limit"),
                                           (gzip_bomb, "unpacks to more than that")])
def test_a_page_over_the_size_cap_is_refused_as_it_streams(answer, reason):
    with hostile_site() as site:
        site.faults.streamed[PATH] = answer
        with PeakMemory(f"client alone: {answer.__name__}") as measured:
            with pytest.raises(PageRefused, match=reason):
                HttpSite(base_url=site.base_url, delay=0.0).fetch_release(HOSTILE)
    assert measured.growth_mb < RUN_GROWTH_MB
    assert issubclass(PageRefused, FetchFailed)  # the crawl sets it aside like any page it cannot have


# --- the nightly flow, case by case ----------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
@pytest.mark.parametrize("case,answer,reason", [
    ("trickle", trickle, "deadline"),
    ("100 MB page", huge, "larger than the 10,000,000-byte limit"),
    ("gzip bomb", gzip_bomb, "unpacks to more than that"),
])
def test_a_hostile_answer_is_set_aside_and_the_good_releases_land(db, case, answer, reason):
    with hostile_site() as site:
        site.faults.streamed[PATH] = answer
        summary = run_bounded(db, site, f"nightly: {case}", page_deadline=3.0)
    (rejection,) = reasons_for(db, f"%/{HOSTILE}/view")
    assert rejection.startswith("release page could not be fetched") and reason in rejection
    assert summary.releases_new == 9  # the hostile one from its listing preview, incomplete
    assert_good_releases_landed(db)
    assert query(db, "SELECT body_complete FROM releases WHERE site_id = ?", [HOSTILE]) == [(False,)]


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_deeply_nested_html_is_refused_quickly(db):
    nested = b"<div>" * 20_000 + b"<p>Deep.</p>" + b"</div>" * 20_000
    with hostile_site() as site:
        site.faults.raw_pages[HOSTILE] = page_html("A hostile release page", "2025-07-30", "x").replace(
            b"<p>x</p>", nested)
        run_bounded(db, site, "nightly: 20,000 nested divs")
    assert reasons_for(db, f"%/{HOSTILE}/view") == [
        "release page unreadable: elements nested more than 100 deep; set aside"]
    assert_good_releases_landed(db)


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_release_links_with_invalid_ids_are_set_aside_with_their_url(db):
    bad_ids = ["12345678901234567890123", "abc", "0", "-5"]
    with hostile_site() as site:
        site.faults.listing_html = "".join(
            f"<li><a href='/eng/article/EATCLdfa319ada/{i}/view'><strong>Bad {i}</strong>"
            "<span>date2025-07-01</span></a></li>" for i in bad_ids)
        run_bounded(db, site, "nightly: invalid release ids")
    for bad in bad_ids:
        (reason,) = reasons_for(db, f"%/EATCLdfa319ada/{bad}/view")
        assert reason.startswith(f"release link with an invalid id '{bad}'")
    assert_good_releases_landed(db)
    assert query(db, "SELECT count(*) FROM releases") == [(9,)]


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_implausible_dates_control_characters_and_bad_attachments(db):
    links = ["javascript:alert(1)//x.pdf", "file:///etc/passwd.pdf", "data:text/html,<script>x</script>.pdf",
             "https://elsewhere.example/report.pdf"]
    extra = "".join(f"<a href='{esc(link)}'>bad {n}.pdf</a>" for n, link in enumerate(links))
    extra += "<a href='/files/1101/good.pdf'>good.pdf</a>"
    with hostile_site() as site:
        site.releases += [SiteRelease(1101, "Attachments of all kinds", "2025-07-30", "x"),
                          SiteRelease(1102, "Controls\x00 in the \x07title", "2025-07-30", "x")]
        site.faults.raw_pages[HOSTILE] = page_html("A release from long ago", "1900-01-01", "Old text " * 10)
        site.faults.raw_pages[1101] = page_html("Attachments of all kinds", "2025-07-30", "Body text " * 10, extra)
        site.faults.raw_pages[1102] = page_html("Controls\x00 in the \x07title", "2025-07-30",
                                                "Exports\x00 rose 1.0 percent\x1b in June. " * 3)
        run_bounded(db, site, "nightly: dates, controls, attachments")
    latest = dt.date.today() + dt.timedelta(days=2)
    assert reasons_for(db, f"%/{HOSTILE}/view") == [
        f"release page: implausible publication date 1900-01-01 (outside 1990-01-01 to {latest})"]
    refused = reasons_for(db, "%/1101/view")
    assert len(refused) == 4 and all("is not an http(s) link on the ministry's site" in r for r in refused)
    assert [name for (name,) in query(db, "SELECT name FROM release_attachments a JOIN releases r USING "
                                          "(release_id) WHERE r.site_id = 1101")] == ["good.pdf"]
    ((title, body),) = query(db, "SELECT title, body FROM releases WHERE site_id = 1102")
    assert title == "Controls in the title" and "\x00" not in body and "\x1b" not in body
    assert_good_releases_landed(db)


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
@pytest.mark.parametrize("labels", [("Prev", "Next"), ("Previous article", "다음글")])
def test_labelled_previous_and_next_links_stay_out_of_the_body(db, labels):
    with hostile_site(markup="c", labels=labels) as site:
        run_bounded(db, site, f"nightly: third markup, labels {labels}")
    bodies = [body for (body,) in query(db, "SELECT body FROM releases WHERE body_complete")]
    assert len(bodies) == 9
    for body in bodies:
        assert not any(label in body for label in labels + ("Copyright", "Home", "Search", "»"))


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_a_run_fetches_at_most_max_releases_and_later_runs_fetch_the_rest(db):
    with hostile_site() as site:
        site.releases += [SiteRelease(5000 + i, f"Release number {i}", "2025-06-01",
                                      f"Release {i} says exports rose {i % 9}.0 percent.") for i in range(3000)]
        site.page_size = 3000  # one listing page with 3,000 ids
        site.faults.repeat_last_page = True  # and pages past the end repeat it: endless paging
        first = run_bounded(db, site, "nightly: 3,000 ids on a page, endless paging", max_releases=50)
        release_requests = len(site.requests_to(r"/\d+/view"))
        listing_requests = len(site.requests_to(r"pageIndex="))
        site.clear_log()
        second = run_bounded(db, site, "nightly: the next run", max_releases=50)
    assert release_requests == 50 and listing_requests <= 3
    assert any("max releases per run (50) reached" in w for w in first.warnings)
    assert query(db, "SELECT count(*), count(*) FILTER (WHERE body_complete) FROM releases") == [(3009, 100)]
    assert len(site.requests_to(r"/\d+/view")) == 50 and second.releases_changed == 50
