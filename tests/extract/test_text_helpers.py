"""Helpers the rules lean on, asked directly: bracket depths, plan cues and the caches a benchmark clears."""
import datetime as dt

import pytest

from tasks.extract import extract_metrics
from tasks.extract.fastre import lower_case_pattern
from tasks.extract.lexicon import fixed_prefixes, literal_prefix, plan_cue
from tasks.extract.memo import TEXT_CACHES, clear_text_caches
from tasks.extract.periods import find_basis, find_periods, mask_basis_phrases
from tasks.extract.segment import parenthesis_depths, split_sentences
from tasks.extract.slots import without_trailing_fillers


def depths_one_char_at_a_time(text: str) -> tuple[int, ...]:
    depths, depth = [], 0
    for char in text:
        if char == "(":
            depth += 1
        depths.append(depth)
        if char == ")":
            depth = max(0, depth - 1)
    return tuple(depths)


@pytest.mark.parametrize("text", [
    "Exports of semiconductors (up 7.9 percent) and displays (down 2.1 percent) rose.",
    "Nested (an aside (within one) here) ends.",
    "A stray closing bracket) then an opening one (never closed",
    "(Leading aside) and trailing one (x)",
    "No brackets at all.",
    "",
])
def test_parenthesis_depths_mark_each_character_inside_brackets(text):
    assert parenthesis_depths(text) == depths_one_char_at_a_time(text)


def test_the_fixed_prefix_of_a_cue_drops_what_is_optional():
    assert literal_prefix("aims? to") == "aim"
    assert literal_prefix(r"by 20\d\d") == "by 20"
    assert literal_prefix("to achieve") == "to achieve"
    assert fixed_prefixes(["(?:is|are) to", "will"]) is None  # a cue with no fixed start: always look


def test_a_prefix_holding_a_shorter_one_is_not_looked_for_twice():
    assert fixed_prefixes(["expected to", "expects?", "plans? to", "planning to"]) == ("expect", "plan")


@pytest.mark.parametrize("sentence, kind", [
    ("The ministry AIMS TO raise exports to $700 billion.", "target"),
    ("Shipments are Expected to reach $60 billion.", "forecast"),
    ("Exports by 2030 would top $1 trillion.", "target"),
])
def test_plan_cues_are_found_in_any_case(sentence, kind):
    assert plan_cue(sentence).lastgroup == kind


def test_no_plan_cue_in_a_sentence_of_actual_figures():
    assert plan_cue("Exports rose 7.5 percent to $59.8 billion in June.") is None


def test_clearing_the_caches_changes_no_result():
    body = ("Exports in June rose 7.5 percent year-on-year to $59.8 billion. "
            "Semiconductor exports (up 11.6 percent) led the rise.")
    first = extract_metrics(body, dt.date(2025, 7, 1))
    assert any(cached.cache_info().currsize for cached in TEXT_CACHES)
    clear_text_caches()
    assert all(cached.cache_info().currsize == 0 for cached in TEXT_CACHES)
    assert extract_metrics(body, dt.date(2025, 7, 1)) == first


@pytest.mark.parametrize("text, basis", [
    ("Exports rose 7.5 percent Year-on-Year.", "yoy"),
    ("Sales grew 2.1 percent from a Month Earlier.", "mom"),
    ("İstanbul-bound exports rose 3 percent on-year.", "yoy"),  # lower-casing "İ" lengthens the text
    ("Exports rose 3 percent in June.", None),
])
def test_the_basis_is_read_in_any_case(text, basis):
    assert find_basis(text) == basis


def test_basis_phrases_are_blanked_in_place():
    sentence = "Exports rose 7.5 percent from the same period of last year, and İmports fell."
    masked = mask_basis_phrases(sentence)
    assert len(masked) == len(sentence)
    assert "last year" not in masked and masked.startswith("Exports rose 7.5 percent ") and masked.endswith(
        ", and İmports fell.")


def test_a_lower_cased_pattern_keeps_its_escapes_and_group_names():
    pattern = lower_case_pattern(r"(?P<At_Least>\bIn Excess Of\s\S+)(?P=At_Least)?\W")
    assert pattern.pattern.endswith(r"(?:(?P<At_Least>\bin excess of\s\S+)(?P=At_Least)?\W)")
    assert pattern.search("exports in excess of $60 billion.".lower()).lastgroup == "At_Least"


@pytest.mark.parametrize("text, sentences", [
    ("Exports rose. Imports fell.", ["Exports rose.", "Imports fell."]),
    ("Sales at the U.S. unit rose 3.5 percent. They fell in Aug. Then rose.",
     ["Sales at the U.S. unit rose 3.5 percent.", "They fell in Aug. Then rose."]),
    ("A title\nThe body.\n\nAnother paragraph (it ends.) Next one.",
     ["A title", "The body.", "Another paragraph (it ends.)", "Next one."]),
    ("He said \u201cexports rose.\u201d Imports fell.", ["He said \u201cexports rose.\u201d", "Imports fell."]),
])
def test_sentences_end_at_punctuation_before_a_capital_or_at_line_breaks(text, sentences):
    assert [sentence for _, sentence in split_sentences(text)] == sentences


@pytest.mark.parametrize("text, kept", [
    ("exports of about a record high of ", "exports of about "),
    ("nearly ", "nearly "),
    ("an all-time high of ", ""),
    ("Korea's exports reached the ", "Korea's exports reached "),
    ("the ex-high ", "the ex-"),  # a filler word after a hyphen still stands on its own
])
def test_the_words_between_a_qualifier_and_its_figure_are_left_out(text, kept):
    assert without_trailing_fillers(text) == kept


@pytest.mark.parametrize(("text", "released", "period"), [
    # February resolves to 2024 (a January release: this year's has not begun), then "of this year" moves it
    ("as the holidays fell in February this year", dt.date(2025, 1, 30),
     (dt.date(2025, 2, 1), dt.date(2025, 2, 28))),
    ("exports in February of this year", dt.date(2028, 1, 15), (dt.date(2028, 2, 1), dt.date(2028, 2, 29))),
    ("the first quarter of this year", dt.date(2024, 5, 2), (dt.date(2024, 1, 1), dt.date(2024, 3, 31))),
])
def test_a_period_moved_to_this_year_keeps_its_months_whole(text, released, period):
    (mention,) = find_periods(text, released)
    assert (mention.period.start, mention.period.end) == period


@pytest.mark.parametrize(("written", "exact"), [
    ("$132.7 billion", 132_700_000_000), ("KRW 58.4 trillion", 58_400_000_000_000), ("$0.29 billion", 290_000_000),
    ("1.71 million units", 1_710_000), ("$4.1 billion", 4_100_000_000), ("$56.3 million", 56_300_000),
])
def test_a_scaled_amount_is_the_number_written(written, exact):
    # 132.7 * 1e9 in binary floats is 132,699,999,999.99998: a series would hold a value nobody wrote
    metrics = extract_metrics(f"Exports came to {written} in March.", dt.date(2023, 4, 1), "March exports")
    assert [m.value for m in metrics] == [exact]
