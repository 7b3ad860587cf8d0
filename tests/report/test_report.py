"""`motie report`: a self-contained HTML report, opened in a real headless browser."""
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flows.ingest import ingest_flow
from tasks.report import svg_charts
from tests.helpers import SAMPLE

MOTIE = str(Path(sys.executable).parent / "motie")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
pytestmark = pytest.mark.slow  # a real load, the command and a browser in subprocesses


@pytest.fixture(scope="module")
def report(tmp_path_factory, prefect_api) -> Path:
    folder = tmp_path_factory.mktemp("report")
    db = folder / "demo.duckdb"
    ingest_flow([str(SAMPLE)], str(db))
    out = folder / "report.html"
    result = subprocess.run([MOTIE, "report", "--db", str(db), "--out", str(out)], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"report written to {out}"
    return out


def chromium(*args: str, user_data: Path) -> subprocess.CompletedProcess:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs Debian's chromium)")
        pytest.skip("chromium is not installed here")
    return subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={user_data}", *args],
                          capture_output=True, text=True, timeout=120)


def test_report_is_self_contained_and_links_figures_to_releases(report):
    html = report.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=['"]https?://(?!english\.mot)""", html)  # nothing fetched
    assert "<script" not in html
    anchors = set(re.findall(r"id='release-([0-9a-f]+)'", html))
    linked = set(re.findall(r"href='#release-([0-9a-f]+)'", html))
    assert len(anchors) == 8 and linked and linked <= anchors
    for heading in ("Charts", "Latest values", "Revisions", "Data quality", "Releases"):
        assert f"<h2>{heading}</h2>" in html


def test_report_renders_its_charts_in_a_browser(report, tmp_path):
    dom = chromium("--dump-dom", report.as_uri(), user_data=tmp_path / "profile-dom").stdout
    charts = re.findall(r"<figure class=\"chart\">.*?</figure>", dom, re.DOTALL)
    assert len(charts) >= 4
    assert all("<svg" in chart and ("<rect" in chart or "<line" in chart) for chart in charts)
    screenshot = tmp_path / "report.png"
    chromium("--window-size=1100,1600", f"--screenshot={screenshot}", report.as_uri(),
             user_data=tmp_path / "profile-shot")
    blank = tmp_path / "blank.html"
    blank.write_text("<html><body></body></html>", encoding="utf-8")
    blank_shot = tmp_path / "blank.png"
    chromium("--window-size=1100,1600", f"--screenshot={blank_shot}", blank.as_uri(),
             user_data=tmp_path / "profile-blank")
    # A PNG grows with what is drawn on it: charts, labels and tables, against an empty page.
    assert screenshot.stat().st_size > 8 * blank_shot.stat().st_size


def test_charts_are_one_per_family_and_kind_with_human_axes_and_evidence(report):
    html = report.read_text(encoding="utf-8")
    titles = re.findall(r"aria-label='([^']*)'", html)
    assert len(titles) == len(set(titles)) and all(" — by " in t for t in titles)
    assert "exports — by month" in titles
    svgs = re.findall(r"<svg.*?</svg>", html, re.DOTALL)
    labels = [text for svg in svgs for text in re.findall(r"<text[^>]*>([^<]*)<", svg)]
    assert not [t for t in labels if re.search(r"\de[+-]\d", t)]  # never 1e+03
    assert any(re.fullmatch(r"\$\d+ bn", t) for t in labels)  # money in the unit's scale
    marks = re.findall(r"<a href='([^']*)'><(?:circle|rect)[^>]*><title>([^<]*)</title>", html)
    assert marks and all(href and "“" in tip for href, tip in marks)  # each figure: its sentence, a link to its release


def axis_labels(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)<", svg)


def test_a_line_chart_has_year_ticks_over_years_month_ticks_over_months_and_human_values():
    point = lambda day, value: svg_charts.ChartPoint(day, value, True, "tip", "#r")  # noqa: E731
    years = svg_charts.line_chart("t", "s", "USD", {"total": [point(dt.date(2016, 12, 15), 45.1e9),
                                                           point(dt.date(2025, 6, 15), 59.8e9)]}, 31)
    labels = axis_labels(years)
    assert {"2018", "2020", "2024"} <= set(labels) and "$60 bn" in labels and "$0" in labels
    months = svg_charts.line_chart("t", "s", "percent", {"share": [point(dt.date(2025, 1, 15), 12.0),
                                                                point(dt.date(2025, 6, 15), 14.5)]}, 31)
    labels = axis_labels(months)
    assert {"Feb 2025", "Mar 2025", "Jun 2025"} <= set(labels) and "10 %" in labels
    assert not [t for t in axis_labels(years + months) if re.search(r"\de[+-]\d", t)]
