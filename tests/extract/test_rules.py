"""Each rule of the extractor on sentences written in the ministry's styles (tests/extract/cases/<slot>.jsonl).

A case names the figure by its number and asserts the slots it gives, the rule that
filled them included, with items compared exactly as stored.
"""
import datetime as dt
import json
from pathlib import Path

import pytest

from tasks.extract import extract_metrics
from tests.extract.test_extract import period_label

CASES = [(path.stem, json.loads(line)) for path in sorted((Path(__file__).parent / "cases").glob("*.jsonl"))
         for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def figure_of(metrics, expected: dict):
    """The metric stating the expected figure (by its level, else by its change); of two lines with one level (a
    change on a year before and one on the month before), the one with the expected change."""
    if "value" in expected:
        levels = [m for m in metrics if m.value is not None and abs(m.value - expected["value"]) < 1e-6]
        with_change = [m for m in levels if "change_pct" in expected and m.change_pct == expected["change_pct"]]
        if levels:
            return (with_change or levels)[0]
    for metric in metrics:
        if "value" not in expected and metric.change_pct == expected.get("change_pct"):
            return metric
    raise AssertionError(f"no metric states {expected}; got {[(m.value, m.change_pct) for m in metrics]}")


@pytest.mark.parametrize(("slot", "case"), CASES, ids=[f"{slot}:{case['id']}" for slot, case in CASES])
def test_rule(slot, case):
    metrics = extract_metrics(case["text"], dt.date.fromisoformat(case["published_on"]), case.get("title", ""))
    for expected in case["expect"]:
        metric = figure_of(metrics, expected)
        got = {"period": period_label(metric.period_start, metric.period_end)} | {
            name: getattr(metric, name) for name in expected if name not in ("period", "value", "change_pct")}
        want = {name: value for name, value in expected.items() if name not in ("value", "change_pct")}
        if "change_pct" in expected and "value" in expected:
            assert metric.change_pct == expected["change_pct"]
        assert {k: got[k] for k in want} == want, metric.evidence


def test_a_threshold_that_restates_an_exact_figure_is_dropped():
    text = "Exports in November rose 32.1 percent to $60.4 billion. Exports exceeded $60 billion for the first time."
    values = [m.value for m in extract_metrics(text, dt.date(2021, 12, 1))]
    assert values == [60400000000]


def test_a_threshold_alone_is_kept_as_at_least():
    text = "Domestic EV sales exceeded 20,000 units in June."
    (metric,) = extract_metrics(text, dt.date(2025, 7, 1))
    assert (metric.value, metric.qualifier) == (20000, "at least")


def test_a_deficit_that_narrowed_by_an_amount_gives_only_its_level():
    text = "The trade deficit narrowed by $2.0 billion from a month earlier to $1.1 billion."
    metrics = extract_metrics(text, dt.date(2023, 4, 1), "Exports in March")
    assert [(m.indicator, m.value) for m in metrics] == [("trade balance", -1100000000)]


def test_a_year_before_to_percent_is_no_listed_percentage():
    text = "The government lowered its greenhouse gas reduction target for 2035 to 53 percent of 2018 emissions."
    metrics = extract_metrics(text, dt.date(2025, 11, 10), "Climate target")
    assert [(m.value, m.unit) for m in metrics] == [(53.0, "percent")]


def test_an_amount_a_verb_of_growth_raised_its_object_by_is_no_level():
    text = "The government will expand its R&D budget by KRW 2.3 trillion next year."
    assert [m.value for m in extract_metrics(text, dt.date(2023, 8, 29), "Budget plan")] == []


def test_a_cut_in_emissions_by_a_percentage_stays_the_reduction_level():
    text = "Steelmakers have to cut their emissions by 27.4 percent by 2030."
    metrics = extract_metrics(text, dt.date(2021, 10, 18), "Climate plan")
    assert [(m.value, m.unit, m.change_pct) for m in metrics] == [(27.4, "percent", None)]


def test_points_are_an_index_level_only_when_no_change_word_sizes_them():
    text = ("The business survey index climbed 4.6 points from May. A 12-point agenda was unveiled. "
            "The firm received 92 points in the evaluation.")
    assert extract_metrics(text, dt.date(2022, 6, 30), "Business survey") == []


def test_an_earlier_level_of_no_period_is_left_out():
    text = "Petrochemical exports fell from $4.4 billion to $3.9 billion, and the rate rose 12.1 percent, up from 9.5%."
    metrics = extract_metrics(text, dt.date(2023, 4, 1), "Exports in March")
    assert [(m.value, m.change_pct) for m in metrics] == [(3900000000, None), (None, 12.1)]


def test_an_amount_in_an_awards_name_is_no_figure():
    text = ("LG Chem won the '$5 Billion Export Tower' at the ceremony, and 14 firms received the $1 Billion Export "
            "Tower. Exports of the award winners reached $48.2 billion.")
    assert [m.value for m in extract_metrics(text, dt.date(2021, 12, 6), "Trade Day ceremony")] == [48.2e9]


def test_an_amount_before_a_buildings_name_stays_a_figure():
    text = "Investors pledged $2.4 billion for the Yeouido Central Tower project in March."
    assert [m.value for m in extract_metrics(text, dt.date(2024, 4, 1), "FDI in March")] == [2.4e9]


def test_the_level_a_figure_is_compared_with_last_month_is_no_figure_of_the_month():
    text = ("Exports rose 11.7 percent to $58.1 billion. "
            "The trade surplus widened to $5.0 billion, up from $4.3 billion last month.")
    metrics = extract_metrics(text, dt.date(2024, 6, 1), "Exports in May")
    assert [(m.indicator, m.value, period_label(m.period_start, m.period_end)) for m in metrics] == [
        ("exports", 58100000000, "2024-05"), ("trade balance", 5000000000, "2024-05")]


def test_a_channel_part_renamed_to_its_channel_is_not_a_second_line_of_the_same_figure():
    text = ("Retail sales rose 5.1 percent in June. Online sales grew 13.8 percent. "
            "Sales at online shopping malls were up 13.8 percent.")
    metrics = extract_metrics(text, dt.date(2024, 7, 30), "Retail sales in June")
    assert [(m.item, m.change_pct) for m in metrics] == [(None, 5.1), ("online retailers", 13.8)]


def test_a_count_of_what_serves_vehicles_is_no_count_of_vehicles():
    for text in ("The government will install 5,000 chargers serving electric vehicles this year.",
                 "About 3,000 firms supplying electric vehicles will receive support."):
        assert extract_metrics(text, dt.date(2024, 5, 15), "Government expands EV charging") == []


def test_watt_hours_written_out_and_a_rating_before_a_noun_are_no_power():
    metrics = extract_metrics("Solar plants generated 30,500 gigawatt hours of electricity in 2023, up 10.1 percent. "
                              "Households will receive subsidies for 3 kilowatt rooftop panels.",
                              dt.date(2024, 1, 20), "Power generation in 2023")
    assert all(m.unit not in ("GW", "kW") for m in metrics)
    (power,) = extract_metrics("Korea installed 3,200 megawatts of new solar capacity in 2023.", dt.date(2024, 1, 20),
                               "Renewable energy in 2023")
    assert (power.value, power.unit) == (3200, "MW")


@pytest.mark.parametrize("text", [
    "Korea became the eighth country in the world to surpass an annual trade volume of over $1 trillion.",
    "It was the first time since 2011 that monthly exports grew more than 15 percent for three months in a row.",
])
def test_a_threshold_a_milestone_names_is_no_figure(text):
    assert [m.value or m.change_pct for m in extract_metrics(text, dt.date(2022, 12, 1), "November exports")] == []


def test_a_record_broken_for_the_first_time_is_still_a_figure():
    text = "It is the first time in history that monthly exports have broken the previous record of $59.6 billion."
    assert [m.value for m in extract_metrics(text, dt.date(2021, 10, 1), "September exports")] == [59600000000]


def test_a_threshold_after_the_milestone_clause_is_still_a_change():
    text = "It was the first time since 2011 that exports to China rose, up more than 20 percent to $14.1 billion."
    metrics = extract_metrics(text, dt.date(2022, 6, 1), "Exports in May")
    assert [(m.value, m.change_pct) for m in metrics] == [(14100000000, 20.0)]
