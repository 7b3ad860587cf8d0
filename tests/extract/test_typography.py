"""The same release in another typography reads the same: the ministry's pages are not consistent in how they
write a percentage, a basis, an apostrophe, a currency or a month, and a series must not depend on it."""
import datetime as dt
import re

import pytest

from flows.settings import demo_releases_path
from tasks.extract import extract_metrics
from tasks.parse.listing_text import parse_listing_document
from tasks.records import RawDocument

MONTH_ABBREVIATIONS = {"January": "Jan.", "February": "Feb.", "August": "Aug.", "September": "Sept.",
                       "October": "Oct.", "November": "Nov.", "December": "Dec."}
VARIANTS = {
    "percent as a sign": lambda text: re.sub(r"(\d) percent\b", r"\1%", text),
    "percent as per cent": lambda text: re.sub(r"(\d) ?(?:percent\b|%)", r"\1 per cent", text),
    "basis without hyphens": lambda text: text.replace("year-on-year", "year on year"),
    "basis as y/y": lambda text: text.replace("year-on-year", "y/y"),
    "basis as YoY": lambda text: text.replace("year-on-year", "YoY"),
    "straight apostrophes": lambda text: text.replace("’", "'"),
    "dollars as USD": lambda text: re.sub(r"\$ ?(\d)", r"USD \1", text),
    "no-break spaces before units": lambda text: re.sub(r"(\d) (percent|billion|million|trillion)", "\\1\u00a0\\2",
                                                         text),
    "abbreviated months": lambda text: re.sub(r"\b(?:" + "|".join(MONTH_ABBREVIATIONS) + r")\b",
                                              lambda m: MONTH_ABBREVIATIONS[m.group(0)], text),
}


def demo_releases():
    path = demo_releases_path()
    document = RawDocument(str(path), path.read_bytes(), "text/plain", dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    releases, _ = parse_listing_document(document)
    return releases


def read(body: str, published_on: dt.date, title: str) -> list[tuple]:
    return [(m.indicator, m.item, m.region, m.period_start, m.period_end, m.value, m.unit, m.change_pct, m.change_basis)
            for m in extract_metrics(body, published_on, title)]


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_release_in_another_typography_gives_the_same_metrics(variant):
    rewrite = VARIANTS[variant]
    rewritten = 0
    for release in demo_releases():
        body = rewrite(release.body)
        if body == release.body:
            continue
        rewritten += 1
        assert read(body, release.published_on, release.title) == \
            read(release.body, release.published_on, release.title), release.title
    assert rewritten, f"no demo release is written with what {variant!r} rewrites"
