"""Spans of a clause that name what a figure is about: indicators, items, regions.

Each finder returns spans with offsets in the text it was given; the slot rules in
slots.py decide which span governs a figure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tasks.extract.fastre import compile_gated
from tasks.extract.lexicon import BLANKS, ITEM_TOKEN, Indicator, load_lexicon, token_key
from tasks.extract.memo import text_cache
from tasks.extract.periods import MONTH_NAMES

# Words that close a noun phrase on its left or right.
NP_STOP = compile_gated(
    r"\b(?:of|for|in|to|from|by|at|on|with|as|than|that|which|who|while|whereas|but|since|after|"
    r"before|during|amid|due|thanks|including|such|like|namely|led|driven|between|among|into|over|the|a|an|"
    r"its|their|this|these|those|both|each|all|some|other|also|respectively|compared|against|except|excluding|"
    r"besides|within|across|throughout)\b|[,;:()—–]",
    re.IGNORECASE)
LEADING_NOISE = compile_gated(
    r"^(?:(?:the|a|an|its|their|this|these|those|both|all|overall|total|korea['’]s|the (?:country|nation)['’]s|"
    r"major|main|key|leading|flagship|core|top|\w+['’]s\s+(?=leading|main|major|key)|"
    r"also|notably|meanwhile|however|moreover)(?:\s+|$))+", re.IGNORECASE)
COMPOSITION_LEAD = compile_gated(r"(?:mostly|mainly|largely|primarily|chiefly)\s", re.IGNORECASE)
PRONOUN = compile_gated(r"^(?:it|its|they|their|them|this|these|those|that|which|who|he|she|we)$", re.IGNORECASE)
NUMBER_WORD = compile_gated(r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+(?:st|nd|rd|th)?)$",
                         re.IGNORECASE)
# A word naming a time, never an item: "in Dec." leaves "Dec" once a phrase is cleaned of its dots; a span of them
# too: "for another three years", "adjusted for working days"
MONTH_WORD = compile_gated(rf"^(?:{MONTH_NAMES}|years?|months?|half|quarters?|period|weeks|days|decades|H[12]|Q[1-4]|"
                           r"(?:19|20)\d\d)$",
                           re.IGNORECASE)


WORD = compile_gated(r"[A-Za-z]+")


def word_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text, start)]


def is_verb(word: str) -> bool:
    return word.lower() in load_lexicon().verbs


@text_cache(maxsize=4096)
def first_verb(text: str, start: int = 0) -> tuple[int, int] | None:
    """Where the first verb of the text stands (a set lookup per word: far faster than one big regex)."""
    verbs = load_lexicon().verbs
    for match in WORD.finditer(text, start):
        if match.group(0).lower() in verbs:
            return match.span()
    return None


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    name: str  # canonical name
    written: str  # the words as the release writes them


@dataclass(frozen=True)
class IndicatorSpan:
    start: int
    end: int
    indicator: Indicator
    written: str


ATTRIBUTIVE = compile_gated(r"^\s+(?!(?:to|from|in|into|by|at|for|of|over|during|and|or|was|were|is|are|"
                         r"that|which|with|as|than)\b)(?P<next>[a-z]+)")


# "the power generation sector will bear a cut": the measure's words name a sector, the item, not the indicator
SECTOR_AFTER_WORD = compile_gated(r"[\s\-]+sector\b")


def is_attributive(after: str) -> bool:
    """"imported vehicle sales": the participle modifies the noun after it ("FDI arrived fell" does not)."""
    match = ATTRIBUTIVE.match(after)
    return bool(match) and not is_verb(match.group("next"))


@text_cache(maxsize=16384)
def find_indicators(text: str) -> tuple[IndicatorSpan, ...]:
    """Indicator words in text that head their phrase ("sales" in "sales of domestically produced vehicles")."""
    lexicon = load_lexicon()
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)  # keep offsets
    hits = tuple(IndicatorSpan(m.start(), m.end(), lexicon.indicators[int(m.lastgroup[1:])], text[m.start():m.end()])
                 for m in lexicon.indicator_finder.finditer(lowered))
    if hits and "sector" in lowered:
        hits = tuple(h for h in hits if not SECTOR_AFTER_WORD.match(lowered, h.end))
    heads = tuple(h for h in hits if not (h.written.endswith("ed") and is_attributive(text[h.end:])))
    if heads or not hits:
        return heads
    # "Imported vehicles rose": a participle alone is the indicator, unless it is a word of a known item's name
    # ("while imported brands gained" are domestic sales, as the clause before)
    named = find_items(text)
    return tuple(h for h in hits if not any(s.start <= h.start < s.end for s in named))


def most_specific(hits) -> IndicatorSpan | None:
    """The governing indicator among hits: the most specific (earliest in the lexicon), then the nearest."""
    if not hits:
        return None
    rank = load_lexicon().indicator_rank
    return min(hits, key=lambda h: (rank[h.indicator.name], -h.start))


POSSESSIVE_END = compile_gated(r"['’]s?$")


@text_cache(maxsize=65536)
def word_token(word: str) -> tuple[int, str]:
    """How much of a word is looked up, and its lookup key; a possessor is looked up as its noun ("Department
    stores' sales"). Memoised by word: a release's words recur in every clause and phrase its items are sought in."""
    if "'" in word or "’" in word:
        mark = POSSESSIVE_END.search(word)
        if mark and mark.start() > 0:
            return mark.start(), token_key(word[:mark.start()])
    if "-" in word:
        suffix = load_lexicon().modifier_suffix.search(word)  # "M&A-type investment" is M&A investment
        if suffix:
            return suffix.start(), token_key(word[:suffix.start()])
    return len(word), token_key(word)


@text_cache(maxsize=16384)
def find_items(text: str) -> tuple[Span, ...]:
    """Known items in text, longest form first, by looking up the n-grams of its words."""
    lexicon = load_lexicon()
    words = ITEM_TOKEN.findall(text)
    keys = [word_token(word)[1] for word in words]  # an n-gram is a slice of these
    first_tokens, grams = lexicon.item_first_tokens, lexicon.item_grams
    spans, index, located = [], 0, None
    while index < len(keys):
        if keys[index] not in first_tokens:
            index += 1
            continue
        for length in range(min(lexicon.item_gram_length, len(keys) - index), 0, -1):
            name = grams.get(tuple(keys[index:index + length]))
            if name is not None:
                if located is None:  # where the words stand: found again only once a name is (most texts have none)
                    located = list(ITEM_TOKEN.finditer(text))
                start, last = located[index].start(), index + length - 1
                first_end = start + word_token(words[index])[0]
                end = located[last].start() + word_token(words[last])[0]
                if length > 1 and participle_opens_clause(text[start:first_end], text[:start]):
                    index += 1  # "Korea imported cars worth ...": the verb, then the goods, not "imported vehicles"
                    break
                spans.append(Span(start, end, name, text[start:end]))
                index += length
                break
        else:
            index += 1
    return tuple(spans)


@text_cache(maxsize=16384)
def find_regions(text: str) -> tuple[Span, ...]:
    """Partner regions named in text, in order; Korea is home, never a partner."""
    lexicon = load_lexicon()
    spans = []
    for match in lexicon.region_pattern.finditer(text):
        alias = match.group(0)[:len(match.group(0)) - len(match.group("others") or "")]
        name = lexicon.region_names[alias]
        if match.group("others"):
            name = f"{name} and other {match.group('others').split()[-1]}"
        spans.append(Span(match.start(), match.end(), name, match.group(0)))
    for match in lexicon.demonym_pattern.finditer(text):
        if not any(s.start <= match.start() < s.end for s in spans):  # "Southeast Asian Nations" is ASEAN
            spans.append(Span(match.start(), match.end(), lexicon.demonyms[match.group(0)], match.group(0)))
    return tuple(sorted(spans, key=lambda s: s.start))


def join_regions(spans) -> str | None:
    """"Japan and China"; three or more as a list: "Japan, Taiwan and Indonesia"."""
    names = list(dict.fromkeys(span.name for span in spans))
    if len(names) > 2:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return " and ".join(names) if names else None


REGION_JOINER = compile_gated(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$")


def listed_regions(text: str, spans, last: int) -> list[Span]:
    """The region spans[last] and the regions listed right before it ("China and Hong Kong", "Japan, Taiwan
    and Indonesia"): only commas and "and" between them."""
    listed = [spans[last]]
    for span in reversed(spans[:last]):
        if not REGION_JOINER.match(text[span.end:listed[0].start]):
            break
        listed.insert(0, span)
    return listed


def regions_listed_after(text: str, spans, first: int) -> list[Span]:
    """spans[first] and the regions listed right after it."""
    listed = [spans[first]]
    for span in spans[first + 1:]:
        if not REGION_JOINER.match(text[listed[-1].end:span.start]):
            break
        listed.append(span)
    return listed


def mask(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


ASIDE = compile_gated(r"\([^()]*\)?")
MODIFIERS_BEFORE = compile_gated(r"((?:[\w\-’']+\s+(?:and\s+)?){1,3})$")


def mask_parentheses(text: str) -> str:
    """Blank what stands inside parentheses (offsets kept): an aside names no subject of the clause.

    The opening bracket stays a bracket, so the aside still ends the phrase before it."""
    if "(" not in text:
        return text
    return ASIDE.sub(lambda m: "(" + " " * (len(m.group(0)) - 1), text)


# "Semiconductors — whose DRAM prices have halved — recorded ...", "— riding on higher memory prices —": a pair of
# dashes around a relative, a participle, a cause or a superlative ("$2.4 billion — the largest of any manufacturing
# category —"), with no figure, is an aside on the phrase before it.
# "— hampered by weaker sales of finished handsets —", "— led by memory chips —": a participle and its agent too
DASH_ASIDE_OPENING = (r"(?:whose|which|who|where|[a-z]{2,}ing|amid|despite|thanks|due|owing|helped|driven|backed|"
                      r"supported|hit|the\s+(?:[a-z]+est|most)(?=\s)|(?:[a-z]{3,}ed|led)(?=\s+by\s))\b")
DASH_ASIDE = compile_gated(r"\s[—–]\s+(?=" + DASH_ASIDE_OPENING + r")[^—–\d;()]*?\s[—–](?=\s)"
                           # "Energy imports — crude oil, gas and coal — reached": a list of names set off by dashes
                           # spells out the phrase before it, which stays the subject
                           r"|\s[—–]\s+(?:[\w\-&’'/]+\s+){0,2}[\w\-&’'/]+(?:\s*,\s*(?:[\w\-&’'/]+\s+){0,2}[\w\-&’'/]+)*"
                           r",?\s+(?:and|or)\s+(?:[\w\-&’'/]+\s+){0,2}[\w\-&’'/]+\s[—–](?=\s)")


# "Exports to the United States — where Korean cars still face a 15 percent tariff — fell 17.9 percent": the same
# aside stating a figure of its own; blanked only for the figures outside it (figure_asides_blanked)
FIGURE_DASH_ASIDE = compile_gated(r"\s[—–]\s+(?=" + DASH_ASIDE_OPENING + r")[^—–;()]*?\d[^—–;()]*?\s[—–](?=\s)")


def figure_asides_blanked(text: str, start: int, end: int) -> str:
    """The text with each dash aside that states a figure blanked (offsets kept, the opening dash kept), unless the
    figure at start..end is inside it: the aside's rate or share names no subject of the figures around it."""
    for match in FIGURE_DASH_ASIDE.finditer(text):
        if not match.start() <= start < match.end():
            text = text[:match.start() + 2] + " " * (match.end() - match.start() - 2) + text[match.end():]
    return text


def in_figure_aside_apart(text: str, position: int, start: int) -> bool:
    """Whether position is inside a dash aside stating a figure that the figure at start is not in."""
    return any(match.start() <= position < match.end() and not match.start() <= start < match.end()
               for match in FIGURE_DASH_ASIDE.finditer(text))


def mask_dash_asides(text: str) -> str:
    """Blank the words of a dash aside (offsets kept); the opening dash stays, so it still ends the phrase before."""
    if "—" not in text and " – " not in text:
        return text
    return DASH_ASIDE.sub(lambda m: m.group(0)[:2] + " " * (len(m.group(0)) - 2), text)


# "Energy imports, comprising crude oil, gas and coal, amounted to": the parts a whole is made of, no subject either
EXAMPLE_CUE = compile_gated(r"\b(?:including|such as|namely|like|comprising|consisting of|made up of)\b")
# A contrasting clause or a semicolon closes a list of examples: the subject after it is the clause's own
EXAMPLES_END = compile_gated(r";|,\s+(?:while|whereas|although|though)\s")  # not ", but not coal,"


def mask_examples(text: str) -> str:
    """Blank "including A, B and C," / "such as A and B" / "A, B and other": examples of a subject, not the
    subject."""
    if " other " in text:
        text = mask_listed_before_other(text)
    if not any(cue in text for cue in ("including", "such as", "namely", "like", "compris", "consisting", "made up")):
        return text
    for match in list(EXAMPLE_CUE.finditer(text)):
        verb = first_verb(text, match.end())
        stop = verb[0] if verb else len(text)
        anaphor = load_lexicon().anaphor_clause.search(text, match.end(), stop)
        stop = anaphor.start() if anaphor else stop  # "including $3.6 billion in chips, and those for services fell"
        contrast = EXAMPLES_END.search(text, match.end(), stop)
        stop = contrast.start() if contrast else stop  # "such as Black Friday sales, while offline sales edged up"
        text = mask(text, match.start(), stop)
    return text


# "AI, semiconductors and other cutting-edge industries": entries of a few words each (no preposition or article,
# which would reach back into the clause's own subject: "Investment in AI"), then "and other" before the category
LIST_WORD = r"(?<![\w\-&’'/])(?!(?:in|of|for|to|from|on|by|at|with|the|a|an|and|or|other)\b)[\w\-&’'/]+"
LISTED_BEFORE_OTHER = compile_gated(rf"(?:{LIST_WORD}\s+){{0,2}}{LIST_WORD}(?:\s*,\s*(?:{LIST_WORD}\s+){{0,2}}"
                                    rf"{LIST_WORD})*,?\s+(?:and|or)\s+other(?=\s+[a-z])")


def mask_listed_before_other(text: str) -> str:
    """"Investment in AI, semiconductors and other cutting-edge industries jumped": the known items listed before
    "and other" are examples of the category after it, which is the subject. Not a list of partners ("Japan,
    Taiwan and other Asian economies" is a region the region rules read) nor one naming no known item."""
    for match in list(LISTED_BEFORE_OTHER.finditer(text)):
        listed = match.group(0)
        if find_items(listed) and not find_regions(listed):
            text = mask(text, match.start(), match.end())
    return text


LEADING_PREPOSITIONS = compile_gated(r"^(?:(?:to|from|in|of|for|by|at|on|with|between|among|and|or|as)(?:\s+|$))+",
                                  re.IGNORECASE)
TRAILING_STOP = compile_gated(r"(?:\s+\b(?:and|or|of|for|in|to|from|at|on|by|with|the|a|an|sector|industry|"
                           r"category|categories|segment|alone|"
                           # "electronics alone posted", "pledges more than doubled", "sales nearly tripled"
                           r"more\s+than|nearly|almost)\b)+$", re.IGNORECASE)
# "The industry sector is to reduce", "service-sector pledges": the words before "sector" are the sector's name,
# the item, even when alone they are generic ("industry") or a measure's ("power generation"). A plural names a group
# by its words as written ("pledges in high-tech sectors"), kept whole.
NAMED_SECTOR = compile_gated(r"(?<=[\w&])(?:\s+|-)sector$", re.IGNORECASE)
STRANDED_POSSESSIVE = compile_gated(r"(?<![\w'’])['’]s\b")
COMPANY_POSSESSOR = compile_gated(r"^(?:[A-Z][\w&.\-]*\s+)*[A-Z][\w&.\-]*['’]s\s+")
NAME_WORD_BEFORE = compile_gated(r"([A-Z][\w&.\-]*)\s+$")
NOT_NAME_WORDS = frozenset("the a an in to for from of by with at as and or but while on into among between "
                           "also meanwhile however moreover overall notably although though when if since after before "
                           "because despite unlike under over according thus hence".split())


def home_in_name(text: str, start: int) -> bool:
    """"GM Korea's exports", "Renault Korea Motors": the home word is part of a company's name (a capitalized
    word before it), not the economy ("Korea's exports", "In May, Korea's", "South Korea")."""
    before = NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return False
    word = before.group(1)
    return word.lower() not in NOT_NAME_WORDS and not MONTH_WORD.match(word) and not is_verb(word)


def strip_home_words(text: str, replace=lambda m: " ") -> str:
    """The text with home names blanked, a company name's "Korea" left as written."""
    return load_lexicon().home_pattern.sub(
        lambda m: m.group(0) if home_in_name(m.string, m.start()) else replace(m), text)


# Patterns of the rules below, compiled once at import (not looked up in re's cache at every call).
NOT_PHRASE_CHARS = re.compile(r"[^\w&’'\-/ ,]+")
PARTICIPLE_END = re.compile(r"(?:ing|ed)$")
LATIN_LETTER = re.compile(r"[A-Za-z]")

POSSESSIVE_OR_NOTHING = re.compile(r"(?:['’]s?)?(?:\s+(?:sales|exports|production))?\s*")
HOME_MAKERS = re.compile(r"(?:Korean|Korea's|Korea’s)\s+(?:car\s+|auto\s+)?(?:brands|automakers|carmakers)")


@text_cache(maxsize=16384)
def noun_phrase(text: str, opens_sentence: bool = False) -> str | None:
    """An item named by plain words: the phrase cleaned of determiners, regions, indicators and verbs."""
    lexicon = load_lexicon()
    phrase = COMPANY_POSSESSOR.sub("", text.strip())  # "GM Korea's Trax" is the Trax
    opens_sentence = opens_sentence and phrase == text.strip()  # after a possessor, a capital is a name's
    makers = HOME_MAKERS.match(phrase)
    if makers and POSSESSIVE_OR_NOTHING.fullmatch(phrase, makers.end()):
        # "with Korean brands selling 138,750 units", "with Korean brands' sales rising": the home makers, beside the
        # imported ones
        return makers.group(0)
    phrase = strip_home_words(phrase)
    phrase = lexicon.region_pattern.sub(" ", phrase)
    phrase = lexicon.demonym_pattern.sub(" ", phrase)
    phrase = STRANDED_POSSESSIVE.sub(" ", phrase)  # "Japan’s slid": the partner's, its "’s" no item
    for hit in reversed(find_indicators(phrase)):
        phrase = phrase[:hit.start] + " " + phrase[hit.end:]
    phrase = NOT_PHRASE_CHARS.sub(" ", phrase)
    phrase = BLANKS.sub(" ", phrase).strip(" ,-")
    if "," in phrase:
        phrase = lexicon.adverbial_set_off.sub("", phrase)  # "Exports of communication devices, however, fell"
    for _ in range(3):
        phrase = LEADING_PREPOSITIONS.sub("", LEADING_NOISE.sub("", phrase)).strip(" ,")
    phrase = LEADING_COUNT.sub("", phrase)  # "Production at Korea's 1,206 industrial complexes": the count is none
    if COMPOSITION_LEAD.match(phrase):
        return None  # "Imports from Australia, mostly energy and minerals, stood at": what the total is made of
    names_sector = "ector" in phrase and bool(NAMED_SECTOR.search(phrase))
    phrase = TRAILING_STOP.sub("", NAMED_SECTOR.sub("", phrase))
    words = phrase.split()
    if len(words) == 1 and PARTICIPLE_END.search(words[0]) and not find_items(words[0]):
        return None  # "flowing", "affected": a participle names no item
    if not words or len(words) > 6 or not LATIN_LETTER.search(phrase) or all(NP_STOP.fullmatch(w) for w in words) \
            or not plausible_item(words, generic_allowed=names_sector):
        return None
    # "Household goods fell": a capital only because it leads; "The Changwon complex posted": a name's, after "The"
    if opens_sentence and phrase[1:].split(" ")[0].islower() and all(w.islower() for w in words[1:]) \
            and text.lstrip().startswith(words[0]):
        return phrase[0].lower() + phrase[1:]
    return phrase


LEADING_COUNT = compile_gated(r"^\d[\d,]*\s+(?=[a-z])")


def plausible_item(words: list[str], generic_allowed: bool = False) -> bool:
    """No verb, pronoun, number, period or word that names a movement rather than a thing.

    generic_allowed: the words name a sector ("the industry sector"), so a generic noun alone is its name."""
    lexicon = load_lexicon()
    lowered = [w.lower().strip(",") for w in words]
    if any(is_verb(w) for w in lowered) or PRONOUN.match(lowered[0]) or NUMBER_WORD.match(lowered[0]):
        return False
    # A possessor is checked as its noun: "retailers'" is "retailers", "the nation's" is "nation".
    lowered = [POSSESSIVE_END.sub("", w) or w for w in lowered]
    if any(w in lexicon.non_item_words or any(MONTH_WORD.match(part) for part in w.split("-")) for w in lowered):
        return False
    if (all(w in lexicon.not_items for w in lowered) and not generic_allowed) or lowered[-1].endswith("ly"):
        return False
    if lowered[-1].endswith("ive") and not find_items(lowered[-1]):
        return False  # "a corrective order", "competitive": an adjective, its noun left out, names nothing
    return len(lowered[-1]) > 1 or lowered[-1].isdigit()  # "Ioniq 5"


# "first-half semiconductor exports", "full-year ICT exports": the period the figure is of, no kind of the goods
PERIOD_ADJECTIVE = re.compile(r"(?:first|second|third|fourth|1st|2nd|3rd|4th)-(?:half|quarter)|full-year|"
                              r"half-year|year-to-date|year-end|mid-year|annual|monthly|quarterly|yearly",
                              re.IGNORECASE)


def expand_known(text: str, span: Span) -> tuple[str, str]:
    """A known item with modifiers before it is its own item: "imported vehicles", "midrange computers" (a
    participle after a preposition too: "investment in advanced manufacturing"); and one with the shape it is made
    in after it: "stainless steel bars"."""
    span = with_form_noun(text, span)
    head = text[:span.start]
    modifiers = MODIFIERS_BEFORE.search(head)
    if not modifiers:
        return span.name, span.written
    words = modifiers.group(1).split()
    kept: list[str] = []
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if participle_with_subject(word, words[:index], head[:modifiers.start()]):
            break  # "Korea shipped semiconductors", "Korea exported steel": the verb, not "imported vehicles"
        if index > 0 and words[index - 1].lower() in ("to", "and") and word.lower() in load_lexicon().infinitives:
            break  # "aims to raise renewable capacity", "to win orders and expand nuclear exports": the verb
        if word.lower().replace("’", "'") in WEARERS:
            kept.insert(0, word)  # "women's clothing": a line of goods, where "Korea's" is an owner
            continue
        attributive = index > 0 and words[index - 1].lower() in ("in", "of", "for") and word.endswith("ed")
        if NP_STOP.fullmatch(word) or (is_verb(word) and not attributive) or word.lower() in MODIFIER_NOISE \
                or find_regions(word) or POSSESSIVE_END.search(word) or word[0].isdigit() \
                or MONTH_WORD.match(word) or NUMBER_WORD.match(word) or PERIOD_ADJECTIVE.fullmatch(word) \
                or (load_lexicon().indicator_pattern.fullmatch(word.lower()) and not word.endswith("ed")):
            break
        kept.insert(0, word)
    if kept and kept[0].lower() == "and":
        kept = kept[1:]
    if not kept:
        return span.name, span.written
    written = " ".join(kept + [span.written])
    # "Display exports": a common word capitalized because it leads; "Casper EV" keeps its capital.
    common = kept[0].lower() in load_lexicon().item_words or kept[0].lower().endswith(("ed", "al", "ic", "ly"))
    return (written[0].lower() + written[1:] if common and written[1:2].islower() else written), written


def with_form_noun(text: str, span: Span) -> Span:
    """"steel bars", "steel cold-rolled sheets": the material and its shape name the product, not the material."""
    form = load_lexicon().form_noun_after.match(text, span.end)
    if form is None:
        return span
    written = text[span.start:form.end()]
    name = BLANKS.sub(" ", written)
    if name.split(" ", 1)[0].lower() in load_lexicon().item_words:
        name = name[0].lower() + name[1:]  # "Steel bars fell": a capital only because it leads
    return Span(span.start, form.end(), name, written)


def is_head_noun(word: str) -> bool:
    """A plain noun that heads a phrase: not a function word, verb, modifier, region, period or generic word."""
    lexicon = load_lexicon()
    return not (NP_STOP.fullmatch(word) or word in MODIFIER_NOISE or is_verb(word) or word.endswith("ly")
                or word in lexicon.not_items or word + "s" in lexicon.not_items or word in lexicon.non_item_words
                or MONTH_WORD.match(word) or find_regions(word) or find_indicators(word))


def participle_with_subject(word: str, before: list[str], earlier: str) -> bool:
    """An indicator's -ed form ("exported", "shipped") after a word that can be its subject: a finite verb.

    After nothing, a determiner, a preposition or an adverb it modifies the noun: "Imported cars",
    "sales of imported vehicles", "domestically produced vehicles"."""
    if not word.endswith("ed") or not load_lexicon().indicator_pattern.fullmatch(word.lower()):
        return False
    previous = before[-1] if before else (earlier.split() or [""])[-1]
    return bool(previous) and not (NP_STOP.fullmatch(previous) or previous.lower() in MODIFIER_NOISE
                                   or previous.lower().endswith("ly") or not previous[0].isalnum())


def participle_opens_clause(word: str, earlier: str) -> bool:
    """"Korea imported cars": the participle is the verb of the word before; not after a coordinator ("domestic
    brands posted 133,070 units and imported brands 22,005 units": a second subject)."""
    previous = (earlier.split() or [""])[-1].lower()
    return previous not in COORDINATORS and participle_with_subject(word, [], earlier)


COORDINATORS = frozenset(("and", "or"))


# The possessives that make a line of goods ("women's clothing", "children's goods"), not its owner
WEARERS = frozenset("women's men's children's kids' ladies' girls' boys' babies' infants'".split())
MODIFIER_NOISE = frozenset(
    "the a an its their this these those both all overall total major main key leading flagship core top "
    "korea's korea’s korean the country's also new strong solid sharp significant record monthly annual "
    "cumulative combined respective each other such domestic local overseas global outbound inbound on-year "
    "year-on-year yoy year-to-date ytd per "
    # "only bio-health (up 37.1 percent) grew", "even semiconductors": a focus on the item, not a kind of it
    "only just even "
    # "Korea's largest crude oil supplier", "daily average semiconductor exports", "installed renewable capacity": a
    # rank, or the measure's own words, not a kind of the goods
    "largest biggest highest lowest greatest second-largest third-largest daily average installed "
    # "to $4.9 billion and petroleum products (...)": the figure before ends there
    "thousand million billion trillion percent "
    "export import exports imports".split())


@text_cache(maxsize=4096)
def phrase_before(text: str) -> str:
    """The words just before the end of text, back to the nearest phrase boundary or verb."""
    pieces = NP_STOP.split(text.rstrip(" (\u00a0"))
    if len(pieces) > 1 and not pieces[-1].strip():
        return ""  # "imposed a fine": a word of no name (an article, a preposition) right before the indicator
    pieces = [piece for piece in pieces if piece.strip()]
    phrase = pieces[-1] if pieces else ""
    verbs = [end for start, end in word_spans(phrase) if is_verb(phrase[start:end])]
    phrase = phrase[verbs[-1]:] if verbs else phrase
    first = phrase.split(None, 1)
    if first and first[0].lower() in load_lexicon().infinitives and INFINITIVE_MARK.search(text[:text.rfind(phrase)]):
        return first[1] if len(first) > 1 else ""  # "aims to lift exports": the verb, no kind of exports
    return phrase


INFINITIVE_MARK = compile_gated(r"\bto\s*$")


PHRASE_AFTER = re.compile(r"\s*(?:the\s+)?([\w&’'\-/ ]+?)(?=\s*(?:[,;:()—–]|\b(?:rose|fell|grew|was|were|is|are|"
                          r"stood|reached|recorded|posted|increased|decreased|jumped|surged|declined|dropped|"
                          r"that|which|while|with|by|in|to|at|on|from|for|amid|due|thanks)\b|$))")


def phrase_after(text: str) -> str:
    """The words from the start of text to the nearest boundary that is not "and" inside a list."""
    match = PHRASE_AFTER.match(text)
    return match.group(1) if match else ""


SECTION_LEAD = re.compile(r"^\W*by \w+(?: \w+)?,\s*", re.IGNORECASE)
ADVERB_SET_OFF = re.compile(r",\s*(?:on the other hand|however|meanwhile|in particular|in contrast|by contrast|also|"
                            r"in turn|for its part|for their part),", re.IGNORECASE)
APPOSITIVE = re.compile(r",\s*(?:Korea['’]s|the|a|an|its|their)\b[^,]*,")


@text_cache(maxsize=4096)
def clause_head(text: str) -> str:
    """The clause's subject words: what stands before its first verb, asides removed."""
    lexicon = load_lexicon()
    text = lexicon.adverbial_lead.sub("", text)
    text = SECTION_LEAD.sub("", text)  # "By item, ..."
    text = ADVERB_SET_OFF.sub(" ", text)
    text = APPOSITIVE.sub(" ", text, count=1)  # an appositive
    verb = first_verb(text)
    if "up" in text:
        made_up = MADE_UP.search(text, 0, verb[0] if verb else len(text))
        verb = made_up.span() if made_up else verb  # "SUVs made up 55.3 percent": "made" alone is no verb ("locally
        # made vehicles")
    if not verb:
        return ""
    # "although luxury brands still grew": the adverb before the verb is no part of the subject
    head = text[:verb[0]]
    return lexicon.preverbal_adverbs.sub(" ", head) if head.endswith(" ") else head


MADE_UP = compile_gated(r"\b(?:made|make|makes|making)\s+up\b")
