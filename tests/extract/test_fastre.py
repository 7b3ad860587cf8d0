"""The first-character gate: the same matches as the pattern alone, found faster."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import tasks.extract.extractor  # noqa: F401 - compiles every pattern of the extractor
from tasks.extract.fastre import GATED, Unknown, WordStartAlternatives, compile_gated, first_characters_gate, last_match
from tasks.extract.lexicon import load_lexicon
from tasks.extract.segment import split_sentences

HERE = Path(__file__).parent
ROOT = HERE.parent.parent


def corpus_sentences() -> list[str]:
    """Sentences of the demo releases and of every construction case."""
    demo = (ROOT / "flows" / "demo_data" / "releases.txt").read_text(encoding="utf-8")
    sentences = [s for _, s in split_sentences(demo)]
    for path in sorted((HERE / "cases").glob("*.jsonl")):
        sentences += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return sentences


@pytest.mark.parametrize(("pattern", "flags", "gate"), [
    (r"\b(?:planning to|aims? to|will)\b", 0, "(?=[apw])"),
    (r"(?P<up>\brose)|(?P<down>\bfell)", 0, "(?=[fr])"),
    (r"(?:a|)b", 0, "(?=[ab])"),  # an alternative may be empty: what follows can start the match
    (r"x?y", 0, "(?=[xy])"),
    (r"jan|feb", re.IGNORECASE, "(?=[FJfj])"),
    (r"(?<![\w.])(?:US\$|KRW)", 0, r"(?=[KU])"),
    (r"\d+ percent|\$\d", 0, r"(?=[\$\d])"),  # the digit and space categories stay categories
    (r";\s*|,?\s+but\s+", 0, r"(?=[,;\s])"),  # lookbehinds are zero-width: the next item decides
])
def test_the_gate_is_the_set_of_first_characters(pattern, flags, gate):
    assert first_characters_gate(pattern, flags) == gate


@pytest.mark.parametrize("pattern", [r"a*", r"\w+ly", r"(?:x|y)?", r".ab", r"[^a]b", r"[a-zA-Z]\w"])
def test_no_gate_where_the_first_characters_cannot_be_told_or_are_too_many(pattern):
    assert first_characters_gate(pattern, 0) == ""
    assert compile_gated(pattern).pattern == pattern


def test_inline_global_flags_keep_the_pattern_as_it_is():
    assert compile_gated(r"(?i)rose|fell").pattern == r"(?i)rose|fell"


def test_the_extractors_gated_patterns_find_exactly_what_the_patterns_alone_find():
    sentences = corpus_sentences()
    assert len(GATED) >= 30 and len(sentences) > 150
    for gated, pattern, flags in GATED:
        plain = re.compile(pattern, flags)
        for sentence in sentences:
            # Windows too: callers search the text just before or after a figure, anchored at its ends.
            for text in (sentence, sentence[: len(sentence) // 2], sentence[len(sentence) // 3:]):
                assert [m.span() for m in gated.finditer(text)] == [m.span() for m in plain.finditer(text)], (
                    plain.pattern[:80], text)
                found, expected = gated.match(text), plain.match(text)
                assert (found and found.groupdict()) == (expected and expected.groupdict())


def spans_and_groups(matches) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in matches]


def test_alternatives_by_first_character_keep_the_order_and_the_leftmost_match():
    alternatives = [r"(?P<a>exports? of chips\b)", r"(?P<b>(?:daily )?exports?\b)", r"(?P<c>chips?\b)",
                    r"(?P<d>(?:total )?trade\b)"]
    combined = re.compile(r"\b(?:" + "|".join(alternatives) + ")")
    finder = WordStartAlternatives(alternatives)
    assert finder.characters == ["c", "d", "e", "t"]
    for text in ["exports of chips rose", "daily exports and total trade", "re-exports of chips", "chipset exports",
                 "trade-exports", "xexports", ""]:
        assert spans_and_groups(finder.finditer(text)) == spans_and_groups(combined.finditer(text)), text


def test_an_alternative_whose_first_characters_cannot_be_told_is_refused():
    with pytest.raises(Unknown):
        WordStartAlternatives([r"(?P<a>rose)", r"(?P<b>\w+ly)"])


def test_the_indicator_finder_finds_exactly_what_the_indicator_pattern_finds():
    lexicon = load_lexicon()
    assert isinstance(lexicon.indicator_finder, WordStartAlternatives)
    for sentence in corpus_sentences():
        lowered = sentence.lower()
        for text in (lowered, lowered[: len(lowered) // 2], lowered[len(lowered) // 3:]):
            assert spans_and_groups(lexicon.indicator_finder.finditer(text)) == \
                spans_and_groups(lexicon.indicator_pattern.finditer(text)), text


def test_last_match_is_the_nearest_before_the_end_or_none():
    pattern = re.compile(r"\bwhile\b")
    text = "Exports rose while imports fell, while the balance grew while"
    found = last_match(pattern, text, 0, text.index("the balance"))
    assert found is not None and found.start() == text.index("while the")
    assert last_match(pattern, text, 0, text.index("while")) is None
