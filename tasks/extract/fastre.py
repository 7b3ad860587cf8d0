"""Compile a pattern with a cheap first-character test in front of it.

Python's regex engine tries a search at every position of the text. A pattern like
`\\b(?:planning to|intends? to|…|likely)\\b` costs there a word-boundary test and a walk over
dozens of alternatives, and the engine cannot skip ahead because the pattern starts with `\\b`.
Most positions cannot start a match at all: the character there is not the first character of
any alternative. A lookahead of those first characters, `(?=[pistabvgwe…])`, rejects such a
position in one step; the pattern's matches are exactly the same (every match starts with one of
them). On the ministry's sentences this makes the lexicon's long alternations 4-6 times faster.

The first characters are read from the parsed pattern (the standard library's own parser). When
they cannot be told (a pattern that can match the empty string, or starts with a wildcard or a
character category), the pattern is compiled as it is.
"""
from __future__ import annotations

import re

try:  # the parser re itself uses; private, so anything unexpected means "no gate", never an error
    from re import _compiler as sre_compile
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - another Python
    sre = sre_parse = sre_compile = None

MAX_GATE_CHARS = 40  # a gate that lets most letters through costs more than it saves
# (gated, pattern, flags) of every gate made: the tests compare the gated pattern with the pattern alone
GATED: list[tuple[re.Pattern, str, int]] = []


class Unknown(Exception):
    """The first characters cannot be told."""


def last_match(pattern: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    """The last of a pattern's matches in text[start:end], or None: "the nearest cue before the figure"."""
    found = None
    for found in pattern.finditer(text, start, end):  # noqa: B007 - the loop keeps the last one
        pass
    return found


def compile_gated(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), behind a lookahead of the characters a match can start with.

    The pattern alone is compiled only when no gate is made: compiling is most of the extractor's start-up."""
    gate = first_characters_gate(pattern, flags)
    if not gate:
        return re.compile(pattern, flags)
    try:
        gated = re.compile(gate + "(?:" + pattern + ")", flags)
    except re.error:  # inline global flags, "(?i)...", must stay at the start
        return re.compile(pattern, flags)
    GATED.append((gated, pattern, flags))
    return gated


def first_characters_gate(pattern: str, flags: int) -> str:
    if sre_parse is None:
        return ""
    try:
        parsed = sre_parse.parse(pattern, flags)
        flags = parsed.state.flags  # with the pattern's inline flags, as the compiled pattern's own
        if has_native_prefix(parsed, flags):
            return ""  # the engine skips to a literal prefix or a first-character set itself, faster than a gate
        chars, may_be_empty = leading(list(parsed))
    except (Unknown, RecursionError, TypeError, ValueError, AttributeError):
        return ""
    if may_be_empty:  # the pattern can match the empty string: every position may start a match
        return ""
    if flags & re.IGNORECASE:
        chars = {c for ch in chars for c in ((ch,) if len(ch) > 1 else (ch.lower(), ch.upper()))}
    size = sum(10 if len(c) > 1 else 1 for c in chars)  # a category lets many characters through
    if not chars or size > MAX_GATE_CHARS:
        return ""
    return "(?=[" + "".join(c if len(c) > 1 else re.escape(c) for c in sorted(chars)) + "])"


def has_native_prefix(parsed, flags: int) -> bool:
    """Does the engine itself know what a match starts with (",\\s+which", "[()]", "\\d")?"""
    prefix = sre_compile._get_literal_prefix(parsed, flags)[0]
    return bool(prefix) or bool(sre_compile._get_charset_prefix(parsed, flags))


def leading(items: list) -> tuple[set[str], bool]:
    """The characters a sequence of parsed items can start with, and whether it can match empty."""
    chars: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the next item decides
        first, may_be_empty = leading_of_item(op, av)
        chars |= first
        if not may_be_empty:
            return chars, False
    return chars, True  # every item may match empty: so may the sequence, and what follows it starts


def leading_of_item(op, av) -> tuple[set[str], bool]:
    """The characters one item can start with, and whether it can match the empty string."""
    if op is sre.LITERAL:
        return {chr(av)}, False
    if op is sre.IN:
        return leading_of_set(av), False
    if op is sre.BRANCH:
        alternatives = [leading(list(alternative)) for alternative in av[1]]
        return set().union(*(chars for chars, _ in alternatives)), any(empty for _, empty in alternatives)
    if op is sre.SUBPATTERN:
        return leading(list(av[-1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _, inner = av
        chars, may_be_empty = leading(list(inner))
        return chars, may_be_empty or low == 0
    raise Unknown  # ANY, NOT_LITERAL, GROUPREF, CATEGORY outside a set, ...


CATEGORIES = {"CATEGORY_DIGIT": "\\d", "CATEGORY_SPACE": "\\s"}  # kept as classes: the same Unicode meaning


def leading_of_set(av) -> set[str]:
    """Items of a character class: single characters, or the digit and space categories as written."""
    chars: set[str] = set()
    for op, value in av:
        if op is sre.LITERAL:
            chars.add(chr(value))
        elif op is sre.CATEGORY and str(value) in CATEGORIES:
            chars.add(CATEGORIES[str(value)])
        elif op is sre.RANGE and value[1] - value[0] < MAX_GATE_CHARS:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        else:
            raise Unknown  # negated sets, other categories (\w), wide ranges
    return chars


def lower_case_pattern(pattern: str) -> re.Pattern:
    """A case-insensitive pattern for lower-cased text: lower-cased itself, it is twice as fast as IGNORECASE.

    Escapes and group names are kept as written (\\S, \\W, \\D and \\B would change meaning)."""
    return compile_gated(KEPT_OR_TEXT.sub(lambda m: m.group("kept") or m.group("text").lower(), pattern))


KEPT_OR_TEXT = re.compile(r"(?P<kept>\\.|\(\?P<\w+>|\(\?P=\w+\))|(?P<text>[^\\(]+|\()", re.DOTALL)


class WordStartAlternatives:
    """`\\b(?:A|B|…)` with long alternatives, searched alternative-by-first-character.

    At a word start the engine walks every alternative in turn (each a group with alternations of its
    own), though only those that can begin with the character there can match. Here a cheap scan finds
    the word starts whose character some alternative begins with, and at each only those
    alternatives are tried, in their order: the matches are exactly those of `finditer` on the combined
    pattern (leftmost, the first alternative that matches, non-overlapping), since an alternative
    that cannot begin with a character cannot match where it stands. About three times faster on the
    lexicon's indicator words. Only `span()`, `group()` and `lastgroup` of a match mean the same:
    a group of another alternative is not in the pattern that matched.
    """

    def __init__(self, alternatives: list[str]) -> None:
        firsts = [alternative_first_characters(alternative) for alternative in alternatives]
        self.characters = sorted(set().union(*firsts))
        self.by_character = {c: re.compile("|".join(a for a, first in zip(alternatives, firsts, strict=True)
                                                    if c in first)) for c in self.characters}
        self.starts = re.compile(r"\b[" + "".join(re.escape(c) for c in self.characters) + "]")

    def finditer(self, text: str):
        end = 0
        for start in self.starts.finditer(text):
            at = start.start()
            if at < end:
                continue
            match = self.by_character[text[at]].match(text, at)
            if match:
                end = match.end()
                yield match


def alternative_first_characters(pattern: str) -> set[str]:
    """The single characters a match of pattern can begin with; Unknown when that cannot be told."""
    if sre_parse is None:
        raise Unknown
    chars, may_be_empty = leading(list(sre_parse.parse(pattern)))
    if may_be_empty or not chars or any(len(c) > 1 for c in chars):  # a category: not single characters
        raise Unknown
    return chars
