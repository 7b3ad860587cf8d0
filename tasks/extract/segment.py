"""Segment a release: sentences, then clauses with offsets relative to their sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass

from tasks.extract.fastre import compile_gated
from tasks.extract.lexicon import PERCENT_WORD, load_lexicon
from tasks.extract.memo import text_cache
from tasks.extract.subjects import EXAMPLE_CUE, Span, find_items

ABBREVIATIONS = compile_gated(
    r"(?:\b[A-Z]\.|\b(?:Co|Ltd|Inc|Corp|PT|No|Nos|vs|etc|approx|app|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Mr|Mrs|Ms|Dr|St|Gov|Gen|Rep|Dept|e\.g|i\.e|U\.S|U\.K|E\.U)\.)$")
# "... in China and the U.S. Meanwhile, automobiles rose", "... demand in the U.S. By destination, ...": after an
# abbreviation, a word that only opens a sentence, then its comma, begins a new one
SENTENCE_OPENER = compile_gated(r"(?:Meanwhile|However|Moreover|Additionally|In addition|In particular|Notably|"
                                r"On the other hand|By (?:destination|region|item|product|country|industry|sector|type|"
                                r"origin|channel|province)),")
SENTENCE_OPENER_LETTERS = ("Me", "Ho", "Mo", "Ad", "In", "No", "On", "By")
# "... on strong sales of SUVs in the U.S. Bio-health products rose 4.6 percent": after a country's abbreviation, which
# often ends a sentence ("to the U.S."), a subject of a few words and its change verb begin a sentence of their own,
# when the words before it have their verb already (not "Imports of U.S. LNG rose", "the U.S. Commerce Department")
COUNTRY_ABBREVIATION_ENDS = ("U.S", "U.K", "E.U")
# "... new capacity in China and the U.S. Automobiles bucked the trend": a measure's word or a known item opening
# the words after it begins a sentence too (not "U.S. Trade Representative", "U.S. Department")
MEASURE_OPENING = compile_gated(r"\s*(?:Exports|Imports|Shipments|Outbound|Inbound)\b")
NEXT_TWO_WORDS = compile_gated(r"\s*([A-Z][\w’'-]*(?:\s+[a-z][\w’'-]*)?)")


def opens_a_subject(text: str, position: int) -> bool:
    """Do the words after a country's abbreviation open a sentence of their own?"""
    if SUBJECT_AND_CHANGE_VERB.match(text, position) or MEASURE_OPENING.match(text, position):
        return True
    words = NEXT_TWO_WORDS.match(text, position)
    if words is None:
        return False
    start = words.start(1)
    item = next((span for span in find_items(text[start:start + 40]) if span.start == 0), None)
    if item is None:
        return False
    # the item is a clause's subject, its verb soon after ("Automobiles bucked the trend"), not a noun the
    # abbreviation modifies ("$100 billion of U.S. LNG and other energy")
    ahead = text[start + item.end:start + item.end + 40].split(",", 1)[0]
    return has_verb(ahead)
SUBJECT_AND_CHANGE_VERB = compile_gated(r"\s*[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,3}?\s+(?:also\s+)?(?:rose|fell|grew|"
                                        r"increased|decreased|declined|dropped|jumped|climbed|surged|soared|slid|"
                                        r"dipped|edged|expanded|shrank|gained|advanced|plunged|tumbled|slipped)\b")
# A sentence ends at . ! or ? (then closing quotes or brackets) before a capital, or at line breaks.
# Written to start with one character class, [.!?\n], so the engine skips to those characters itself.
SENTENCE_END = compile_gated(r"[.!?\n](?:(?<=\n)\n*"
                             r"|(?<!\n)[\"'”’)]*(?:\s+(?=[A-Z“\"‘(])|(?<=[a-z)][.])(?=[A-Z][a-z])))")
# Where a new clause with its own subject begins. Commas alone do not split: lists and
# appositives ("Semiconductors, Korea's leading export item, leaped ...") stay whole, and so do subjects
# "combined" ("Investment pledged from Japan and Singapore combined reached ...").
CLAUSE_BREAK = compile_gated(
    r";\s*|,?\s+(?:while|whereas|but|although|though)\s+|,\s+(?:with|as|which|led by)\s+"
    r"|,\s+and\s+(?=(?:those|that|the|its|their|it|they|imports?|exports?|sales|shipments|to"
    r"|(?:of|among)\s+(?:this|these|them|the total))\b)"  # ", and of this, memory chips alone were worth": a part
    r"|\s+whose\s+"
    r"|(?P<coordinated>,?\s+and\s+)(?!other\b)(?!(?:[\w\-’'&.]+\s+){1,3}?(?:combined|together)\s)(?=(?:[\w\-’'&]+\s+){1,3}(?:rose|fell|grew|declined|decreased|increased|"
    r"dropped|climbed|jumped|surged|slid|dipped|advanced|expanded|contracted|gained|edged|inched|soared|plunged|"
    r"slumped|shrank|rebounded|improved|slipped|tumbled|sank|eased|retreated|plummeted|nosedived|swelled|spiked|"
    r"skyrocketed|attracted|received|drew|reached|totaled|totalled|amounted|came|stood|posted|recorded|"
    r"doubled|tripled|halved|quadrupled"
    # "..., and domestic sales were 174,000 units, up 4.1 percent": a copula right before its own figure
    r"|(?:was|were)(?=\s+(?:up\s+|down\s+|at\s+)?(?:about\s+|around\s+|some\s+)?(?:\$|USD\s|KRW\s|\d)))\b"
    # "with memory chips down 57.3 percent to $3.1 billion and system chips down 15.4 percent": a verbless
    # entry stating its own figure, after one that stated its own
    r"|(?P<verbless>(?:[\w\-’'&]+\s+){1,3}(?:up|down)\s+(?:by\s+)?\d))"
    r"|\s+and\s+(?!(?:[\w\-’'&.]+\s+){1,3}?(?:combined|together)\s)"
    r"(?=(?:those|that|the|its|their|imports|exports|[A-Z][a-z]+ (?:exports|imports))\b)"
    r"|\s+(?:that|which)\s+(?=\w+ed\b|reached|stood|totaled|came|amounted)")


# "EVs, which take up 19.4 percent of ..., jumped", "Exports to the U.S., where a 25 percent tariff remained in place,
# shrank", "steel products, now subject to a 25 percent U.S. tariff, fell": an aside between a subject and its verb,
# about the subject, not naming the figure's measure
# ", led by server SSDs," between a subject and its verb: the leaders, an aside ("Computers, led by ..., doubled")
RELATIVE_ASIDE = compile_gated(r",\s+(?:which|where|(?:now\s+)?subject\s+to|now\s+facing|led\s+by)\b"
                               r"[^,;()]*(?:\([^()]*\)[^,;()]*)*,")
RESUMING_VERB = compile_gated(r"\s+(?:also\s+|again\s+|further\s+|more\s+than\s+)?"
                              r"(?:[a-z]+ed|rose|fell|grew|hit|stood|surged|soared|"
                              r"jumped|dropped|climbed|reached|recorded|posted|shrank|sank|slid|came|was|were)\b")


STATED_FIGURE = compile_gated(rf"\b(?:up|down)\s+(?:by\s+)?\d[\d,.]*\s?{PERCENT_WORD}")
# "the service industry drew $15.3 billion (up 16.1 percent), and manufacturing received ...": irregular pasts too
CLAUSE_VERB = compile_gated(r"\b(?:[a-z]+ed|rose|fell|grew|was|were|is|are|hit|stood|shrank|sank|slid|drew|sold|took|"
                            r"won|saw|held|came|went|set|led|kept|lost)\b")  # "semiconductors set a new record"


def has_verb(text: str) -> bool:
    return bool(CLAUSE_VERB.search(text))


def subject_aside_spans(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence's asides between a subject and its verb lie."""
    return [match.span() for match in RELATIVE_ASIDE.finditer(sentence) if resumes_after(sentence, match.end())]


def resumes_after(sentence: str, position: int) -> bool:
    """Does the main clause go on (with its verb) after a ", which ...," aside?"""
    return bool(RESUMING_VERB.match(sentence, position))


@dataclass(slots=True)  # one per clause, never changed: slotted, without a frozen class's cost
class Clause:
    start: int  # offsets within the sentence
    end: int
    lead: str  # the words that opened it: "while", "and", ";" ... ("" for the first)


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; abbreviations such as "U.S." or "Aug." do not end a sentence."""
    located, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if match.group(0)[0] == "." and ABBREVIATIONS.search(text[max(start, match.start() - 6):match.start() + 1]) \
                and not (text.startswith(SENTENCE_OPENER_LETTERS, match.end())
                         and SENTENCE_OPENER.match(text, match.end())) \
                and not (text[match.start() - 3:match.start()] in COUNTRY_ABBREVIATION_ENDS
                         and has_verb(text[start:match.start()]) and opens_a_subject(text, match.end())):
            continue
        add_stripped(located, text[start:match.end()], start)
        start = match.end()
    add_stripped(located, text[start:], start)
    return located


def add_stripped(located: list[tuple[int, str]], piece: str, start: int) -> None:
    """The piece without its surrounding blanks, at the offset where its first word stands."""
    sentence = piece.strip()
    if sentence:
        located.append((start + len(piece) - len(piece.lstrip()), sentence))


# "Although exports to the U.S. decreased 12.4 percent ..., exports to the EU (...) more than made up for it": a
# sentence opening on a concession; its comma ends it once it has its verb
CONCESSION_OPENING = compile_gated(r"^(?:Although|Though|Even though|While|Whereas)\s[^,;()]*,\s+")


def split_clauses(sentence: str) -> list[Clause]:
    """Clauses of a sentence, never splitting inside parentheses."""
    depth_at = parenthesis_depths(sentence)
    clauses, start, lead = [], 0, ""
    opening = CONCESSION_OPENING.match(sentence) if sentence[:1] in "ATEW" else None
    concession_end = opening.group(0).index(",") if opening is not None and has_verb(opening.group(0)) else None
    asides = [m.span() for m in RELATIVE_ASIDE.finditer(sentence) if resumes_after(sentence, m.end())]
    for match in CLAUSE_BREAK.finditer(sentence):
        if concession_end is not None and match.start() >= concession_end:
            clauses.append(Clause(start, concession_end, lead))  # the opening's comma, before the breaks after it
            start, lead, concession_end = opening.end(), ",", None
        if depth_at[match.start()] or "respectively" in sentence[match.end():match.end() + 80] \
                and not match.group(0).strip().startswith(";"):
            continue
        if match.group("coordinated") and not has_verb(sentence[start:match.start()]) \
                and not (match.group("verbless") and STATED_FIGURE.search(sentence, start, match.start())) \
                and not closes_led_entry(sentence, start, match, lead):
            continue  # "computers and peripheral devices rose": one subject, not two clauses
        if match.group("coordinated") and in_example_list(sentence, start, match.start()):
            continue  # "Investment in advanced manufacturing such as chips, batteries and bio amounted to": examples
        if match.group(0).strip() == "and" and in_cause_list(sentence, start, match):
            continue  # "thanks to strong demand for hybrids and the normalization of production lines, bio-health"
        if any(start <= match.start() < end for start, end in asides):
            continue  # "EVs, which take up 19.4 percent of ..., jumped 36.0 percent": one clause, an aside
        named = known_item_across(sentence, match.start()) if match.group("coordinated") else None
        if named is not None:
            # "..., and computers and peripheral devices rose": the "and" is the item's own; the clause opens
            # at the "and" before the item, if any
            joiner = JOINER_END.search(sentence, start, named.start)
            if joiner is not None and joiner.start() > start and has_verb(sentence[start:joiner.start()]):
                clauses.append(Clause(start, joiner.start(), lead))
                start, lead = named.start, "and"
            continue
        if match.start() > start:
            clauses.append(Clause(start, match.start(), lead))
        start, lead = match.end(), match.group(0).strip(" ,").lower()
    if concession_end is not None:
        clauses.append(Clause(start, concession_end, lead))
        start, lead = opening.end(), ","
    clauses.append(Clause(start, len(sentence), lead))
    return clauses


JOINER_END = compile_gated(r",?\s+and\s+$")


def closes_led_entry(sentence: str, start: int, match: re.Match, lead: str) -> bool:
    """"..., led by memory chips (up 3.4 percent to $4.9 billion), and computers and peripherals jumped": the entry a
    participle leads ends with its own figure, or the words after it have their own verb; the comma and "and" after
    it open a clause of their own."""
    return lead == "led by" and match.group(0).startswith(",") \
        and (STATED_FIGURE.search(sentence, start, match.start()) is not None
             or verb_before_figure(sentence, match.end()))


def verb_before_figure(sentence: str, position: int) -> bool:
    """", led by eco-friendly cars and SUVs, and secondary batteries gained 5.4 percent": the words after the "and"
    have a verb of their own before the next figure, so they are a clause, not one more leader."""
    digit = FIRST_DIGIT_AT.search(sentence, position, position + 60)
    return digit is not None and has_verb(sentence[position:digit.start()])


FIRST_DIGIT_AT = re.compile(r"\d")


def in_cause_list(sentence: str, start: int, match: re.Match) -> bool:
    """Does the "and" join two causes ("rose 17.7 percent thanks to strong demand for hybrid vehicles and the
    normalization of production lines, ...")? A cause opens before it with no verb or comma between, and the words
    after it reach a comma before any verb: no clause of their own."""
    if load_lexicon().cause_before.search(sentence[max(start, match.start() - 70):match.start()]) is None:
        return False
    comma = sentence.find(",", match.end())
    verb = CLAUSE_VERB.search(sentence, match.end())
    return comma >= 0 and (verb is None or comma < verb.start())


def in_example_list(sentence: str, start: int, position: int) -> bool:
    """Does the "and" at position close a list of examples ("such as AI, semiconductors and batteries") opened in
    the clause, no verb between the cue and it?"""
    if "such as" not in sentence and "including" not in sentence:
        return False  # the cues a list of examples opens on: a look before the search
    cues = list(EXAMPLE_CUE.finditer(sentence, start, position))
    return bool(cues) and not has_verb(sentence[cues[-1].end():position])


def known_item_across(sentence: str, position: int) -> Span | None:
    """The known item whose name ("computers and peripheral devices") runs across the position, if any."""
    return next((span for span in find_items(sentence) if span.start < position < span.end), None)


PARENTHESIS = compile_gated(r"[()]")


@text_cache(maxsize=64)
def parenthesis_depths(text: str) -> tuple[int, ...]:
    """How deep in parentheses each character stands (the rules ask this of one sentence many times)."""
    if "(" not in text:
        return (0,) * len(text)
    depths: list[int] = []
    depth, done = 0, 0
    for match in PARENTHESIS.finditer(text):  # the depth is constant between brackets: filled a run at a time
        at = match.start()
        depths.extend([depth] * (at - done))
        if match.group(0) == "(":
            depth += 1
            depths.append(depth)
        else:
            depths.append(depth)  # a closing bracket stands inside what it closes
            depth = max(0, depth - 1)
        done = at + 1
    depths.extend([depth] * (len(text) - done))
    return tuple(depths)


def clause_at(clauses: list[Clause], position: int) -> Clause:
    for clause in clauses:
        if clause.start <= position < clause.end:
            return clause
    return clauses[-1]
