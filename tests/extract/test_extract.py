"""The extractor on constructions of the ministry's releases, each with its expected rows."""
import datetime as dt
import json
from pathlib import Path

import pytest

from tasks.extract import extract_metrics, split_sentences
from tasks.extract.figures import find_figures
from tasks.extract.periods import find_periods

CASES = [json.loads(line) for line in (Path(__file__).parents[1] / "data" / "extraction_cases.jsonl")
         .read_text(encoding="utf-8").splitlines() if line.strip()]
FIELDS = ("indicator", "item", "region", "period", "value", "unit", "change_pct", "change_basis")


def period_label(start: dt.date | None, end: dt.date | None) -> str | None:
    if start is None:
        return None
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 1:
        return f"{start:%Y-%m}"
    if months == 12 and start.month == 1:
        return f"{start:%Y}"
    if months == 6 and start.month in (1, 7):
        return f"{start:%Y}-H{1 if start.month == 1 else 2}"
    if months == 3 and start.month % 3 == 1:
        return f"{start:%Y}-Q{(start.month + 2) // 3}"
    return f"{start:%Y-%m}..{end:%Y-%m}"


def as_row(metric) -> dict:
    row = {name: getattr(metric, name) for name in FIELDS if name != "period"}
    row["period"] = period_label(metric.period_start, metric.period_end)
    return row


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_construction(case):
    metrics = extract_metrics(case["text"], dt.date.fromisoformat(case["published_on"]))
    got = [as_row(m) for m in metrics]
    expected = [{name: row[name] for name in FIELDS} for row in case["expect"]]
    assert got == expected


def test_evidence_offsets_point_at_the_figure():
    body = "Intro sentence here. Exports rose 4.8 percent to $52.4 billion in May."
    (metric,) = extract_metrics(body, dt.date(2024, 6, 1))
    assert body[metric.figure_start:metric.figure_end] == "$52.4 billion"
    assert metric.evidence == "Exports rose 4.8 percent to $52.4 billion in May."


def test_abbreviations_do_not_split_sentences():
    sentences = [s for _, s in split_sentences("Exports to the U.S. rose. Meeting on Aug. 25 in Seoul. Done.")]
    assert sentences == ["Exports to the U.S. rose.", "Meeting on Aug. 25 in Seoul.", "Done."]


def test_scales_and_currencies():
    values = [(f.value, f.unit) for f in find_figures(
        "US$3.5 bn, KRW 2 trillion, 5 trillion won, $800 million, 1.41 million units, 680,000 tCO2eq")]
    assert values == [(3.5e9, "USD"), (2e12, "KRW"), (5e12, "KRW"), (8e8, "USD"), (1.41e6, "units"),
                      (680000.0, "tCO2eq")]


@pytest.mark.parametrize("text,sign", [
    ("exports fell 3.1 percent", -1), ("a 3.1 percent decline", -1), ("down 13.9 percent", -1),
    ("contracted 2.0 percent", -1), ("surged 40 percent", 1), ("an increase of 11.2 percent", 1),
    ("gained 5.8 percent and 5.0 percent", 1)])
def test_change_signs(text, sign):
    changes = [f for f in find_figures(text) if f.role == "change"]
    assert changes and all((f.value > 0) == (sign > 0) for f in changes)


def test_shares_and_rates_are_levels():
    (share,) = find_figures("accounting for 49.8 percent of the total")
    assert share.role == "level" and share.unit == "percent"


def test_dates_and_event_days_are_not_periods():
    mentions = find_periods("the forum on Aug. 25 in Busan", dt.date(2025, 7, 1))
    assert all(m.is_date for m in mentions)
