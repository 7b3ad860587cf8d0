"""The nightly crawl against a real HTTP server on loopback, and the real flow on top of it."""
from __future__ import annotations

import time

import duckdb
import pytest

from flows.ingest import ingest_flow
from flows.nightly import nightly_flow
from tasks.fetch.client import FetchFailed, HttpSite, OffSiteRedirect
from tests.fixture_site import FixtureSite, SiteRelease, releases_from_listing_text, synthetic_releases
from tests.helpers import SAMPLE

RELEASE_PAGES = r"/EATCLdfa319ada/\d+/view"
LISTING_PAGES = r"/EATCLdfa319ada\?pageIndex="


def sample_site(markup="a", extra=0) -> FixtureSite:
    releases = releases_from_listing_text(SAMPLE.read_text(encoding="utf-8"))
    return FixtureSite(releases + synthetic_releases(extra), markup=markup)


def fast_site(base_url: str, **kwargs) -> HttpSite:
    return HttpSite(base_url=base_url, delay=0.0, backoff=0.01, **kwargs)


def query(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def run_nightly(db, site: FixtureSite, **kwargs):
    return nightly_flow(str(db), base_url=site.base_url, delay=0.0, retry_backoff=0.01, **kwargs)


# --- the HTTP client --------------------------------------------------------------------------------

def test_503_is_retried_until_the_page_comes():
    with sample_site() as site:
        site.faults.fail_first = True
        client = fast_site(site.base_url)
        page = client.list_page(1)
    assert page.status == 200
    assert (client.stats.requests, client.stats.retries) == (2, 1)


def test_429_waits_for_retry_after():
    with sample_site() as site:
        site.faults.rate_limited.add("/eng/article/EATCLdfa319ada?pageIndex=1")
        client = fast_site(site.base_url)
        started = time.monotonic()
        assert client.list_page(1).status == 200
        assert time.monotonic() - started >= 0.95
    assert site.log[0][1] == 429


def test_a_hanging_page_times_out_and_is_retried():
    with sample_site() as site:
        site.faults.hang_once.add("/eng/article/EATCLdfa319ada?pageIndex=1")
        client = fast_site(site.base_url, read_timeout=0.5)
        assert client.list_page(1).status == 200
    assert client.stats.retries == 1


def test_persistent_failure_gives_up_with_a_clear_error():
    with sample_site() as site:
        site.faults.slow["/eng/article/EATCLdfa319ada"] = 1.0
        client = fast_site(site.base_url, read_timeout=0.2, max_retries=1)
        with pytest.raises(FetchFailed, match="ReadTimeout after 2 tries"):
            client.list_page(1)


def test_other_4xx_is_not_retried():
    with sample_site() as site:
        client = fast_site(site.base_url)
        assert client.fetch_release(99999).status == 404
    assert client.stats.requests == 1


def test_the_delay_separates_requests():
    with sample_site() as site:
        client = HttpSite(base_url=site.base_url, delay=0.3)
        started = time.monotonic()
        client.list_page(1)
        client.list_page(2)
        assert time.monotonic() - started >= 0.3


def test_redirects_are_followed_on_site_only():
    with sample_site() as site, FixtureSite([], host="127.0.0.2") as elsewhere:
        listing = "/eng/article/EATCLdfa319ada?pageIndex=1"
        site.faults.redirect_to["/moved"] = site.base_url + listing
        site.faults.redirect_to["/away"] = elsewhere.base_url + listing
        client = fast_site(site.base_url)
        assert client.fetch(site.base_url + "/moved").status == 200
        with pytest.raises(OffSiteRedirect, match="not followed"):
            client.fetch(site.base_url + "/away")
    assert elsewhere.log == []


def test_the_ministry_hosts_are_on_site_and_others_are_not():
    client = HttpSite(base_url="http://127.0.0.1:1")
    assert client.is_on_site("https://english.motie.go.kr/eng/article/EATCLdfa319ada/1/view")
    assert client.is_on_site("https://english.motir.go.kr/x")
    assert not client.is_on_site("https://example.com/eng/article/EATCLdfa319ada/1/view")
    assert not client.is_on_site("ftp://english.motir.go.kr/x")


# --- the nightly flow -------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
@pytest.mark.parametrize("markup", ["a", "b"])
def test_backfill_through_503s_then_nothing_new_then_three_new(db, markup):
    with sample_site(markup, extra=15) as site, FixtureSite([], host="127.0.0.2") as elsewhere:
        site.faults.fail_first = True
        site.faults.off_site_links = [elsewhere.base_url + "/eng/article/EATCLdfa319ada/999/view"]
        first = run_nightly(db, site)
        assert (first.releases_new, first.releases_rejected) == (23, 0)
        assert len(site.requests_to(RELEASE_PAGES)) == 2 * 23  # each answered 503 once
        assert query(db, "SELECT count(*), bool_and(body_complete) FROM releases") == [(23, True)]
        assert query(db, "SELECT count(*) FROM releases WHERE site_id IS NULL OR url IS NULL") == [(0,)]

        site.clear_log()
        second = run_nightly(db, site)
        assert (second.releases_new, second.releases_changed) == (0, 0)
        assert site.requests_to(RELEASE_PAGES) == []
        assert len(site.requests_to(LISTING_PAGES)) <= 2

        site.releases += [SiteRelease(3000 + i, f"New release {i}", "2025-08-0" + str(i + 1),
                                      f"Exports rose {i + 1}.0 percent to ${i + 50}.0 billion in July.")
                          for i in range(3)]
        site.clear_log()
        third = run_nightly(db, site)
        assert third.releases_new == 3
        fetched = sorted(path for path, status in site.requests_to(RELEASE_PAGES) if status == 200)
        assert fetched == [f"/eng/article/EATCLdfa319ada/{3000 + i}/view" for i in range(3)]
    assert elsewhere.log == []


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_bad_pages_are_set_aside_and_the_rest_lands(db):
    with sample_site() as site:
        site.faults.malformed.add(1001)
        site.faults.not_html.add(1002)
        site.faults.gone.add(1003)
        summary = run_nightly(db, site)
    rejected = dict(query(db, "SELECT regexp_extract(source, '(\\d+)/view', 1), reason FROM rejected"))
    assert rejected["1001"] == "release page unreadable: no title: no heading and no <title>"
    assert rejected["1002"] == "release page unreadable: not an HTML page"
    assert rejected["1003"] == "release page answered HTTP 404"
    assert summary.releases_new == 8  # the three are kept from their listing preview, incomplete
    incomplete = query(db, "SELECT site_id FROM releases WHERE NOT body_complete ORDER BY site_id")
    assert incomplete == [(1001,), (1002,), (1003,)]


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_an_incomplete_release_is_completed_when_its_page_comes(db):
    with sample_site() as site:
        site.faults.gone.add(1003)
        run_nightly(db, site)
        site.faults.gone.clear()
        site.clear_log()
        summary = run_nightly(db, site)
    assert (summary.releases_new, summary.releases_changed) == (0, 1)
    assert query(db, "SELECT version, body_complete FROM releases WHERE site_id = 1003") == [(2, True)]


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_a_release_known_from_a_file_is_the_same_release_on_the_site(db):
    ingest_flow([str(SAMPLE)], str(db))
    with sample_site() as site:
        summary = run_nightly(db, site)
    assert summary.releases_new == 0
    assert query(db, "SELECT count(*), count(site_id) FROM releases") == [(8, 8)]


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_revalidation_uses_conditional_requests_and_catches_corrections(db):
    with sample_site() as site:
        run_nightly(db, site)
        site.clear_log()
        unchanged = run_nightly(db, site, revalidate_days=100_000)
        assert unchanged.releases_changed == 0
        assert {status for _, status in site.requests_to(RELEASE_PAGES)} == {304}
        corrected = site.releases[-1]
        corrected.body = corrected.body.replace("28.16%", "28.61%")
        fixed = run_nightly(db, site, revalidate_days=100_000)
    assert fixed.releases_changed == 1
    assert query(db, "SELECT count(*) FROM metrics WHERE value = 28.61") == [(1,)]


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_api")
def test_a_failed_run_keeps_its_pages_and_the_next_run_does_not_fetch_them_again(db):
    with sample_site() as site:
        site.faults.malformed.add(1001)
        with pytest.raises(Exception, match="--strict"):
            run_nightly(db, site, strict=True)
        assert not db.exists()  # nothing of the failed run was published
        site.clear_log()
        summary = run_nightly(db, site)
    assert summary.releases_new == 8
    assert site.requests_to(RELEASE_PAGES) == []
