"""Fill a figure's slots: indicator, item, region, period, basis and qualifier, by named rules.

Each slot is filled by the first rule of its table that gives an answer; the rule's
name is stored with the metric (item_rule, period_rule, region_rule, indicator_rule),
so a wrong row is traced in SQL to the rule that chose it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tasks.extract.fastre import compile_gated, last_match
from tasks.extract.figures import (
    BASIS_BEFORE_LEVEL,
    CAUSE_OPENERS,
    COMPARISON,
    CURRENCY_UNITS,
    Figure,
    colon_entry_name,
    participle_object_change,
)
from tasks.extract.frames import (
    Frame,
    first_of_shapes,
    is_comparison,
    is_earlier_level_period,
    is_stock_date,
    names_product,
)
from tasks.extract.lexicon import (
    BASIS_WORD,
    MEASURE_SUPPLIED,
    load_lexicon,
    names_item_list,
    plan_cue,
    section_opened,
    token_key,
)
from tasks.extract.memo import text_cache
from tasks.extract.periods import COUNT_WORDS, MONTH, Period, PeriodMention, month_number, month_period
from tasks.extract.segment import RELATIVE_ASIDE, Clause, parenthesis_depths, resumes_after
from tasks.extract.subjects import (
    EXAMPLE_CUE,
    WORD,
    IndicatorSpan,
    Span,
    clause_head,
    expand_known,
    figure_asides_blanked,
    find_indicators,
    find_items,
    find_regions,
    first_verb,
    home_in_name,
    in_figure_aside_apart,
    is_head_noun,
    is_verb,
    join_regions,
    listed_regions,
    mask_dash_asides,
    mask_examples,
    mask_parentheses,
    most_specific,
    noun_phrase,
    phrase_before,
    regions_listed_after,
    strip_home_words,
)

# The noun phrase ends before another figure: "a 13.3 percent surge in online sales nearly offset a 9.3 percent drop
# in offline sales" names online sales only. "at" names the channel a change is at ("a 7.4 percent decline at
# offline stores"), a channel word alone the channel ("a 5.2 percent fall offline").
CUE_NOUN_PHRASE = compile_gated(
    rf"^\s*(?:(?:{BASIS_WORD}|annual)\s+)?(?:increase|rise|gain|growth|jump|surge|decline|decrease|"
    r"drop|fall|contraction|reduction)s?\s+(?:(?:in|of|at)\s+(?P<np>(?:(?!\s(?:USD\s|KRW\s|\$)?\d)[^,;()])+"
    r"(?:\([^()]*\))?)|(?P<channel>online|offline)\b)", re.IGNORECASE)
RELATIVE_LEAD = ("that", "which", "with")
SUBSET_LEAD = compile_gated(r"\b(?:of which|of this|of these|among which|among them)\s*$", re.IGNORECASE)
RELATIVE_WORD_END = compile_gated(r"[\s,]*\b(?:which|that|whose)\s*$")
ANAPHOR_OF = compile_gated(r"\b(?:those|that)\s+(?:\w+\s+)?(?:of|at|in|for|to)\s+(?:the\s+)?(.+)$", re.IGNORECASE)
COMPLEMENT_END = compile_gated(r"(?<![\w-])(?:to|from|in|for|by|with|amid|due|on|as|that|which|while)(?![\w-])|[;(]")
# "... reached a record high of": the words between a qualifier and its figure. Matched on the
# reversed text, where they open it: anchored there, the engine tries one position, not every one.
FILLERS_BEFORE_FIGURE = ("a", "an", "the", "of", "to", "at", "by", "record", "new", "high", "all-time")
REVERSED_FILLERS = compile_gated(r"(?:\s+(?:" + "|".join(re.escape(w[::-1]) for w in FILLERS_BEFORE_FIGURE)
                                 + r")\b)*")
JOINED_BEFORE = compile_gated(r"[\s\-]*")
JOINED_AFTER = compile_gated(r"\s+(?:of|at|for|in|to|from)\s+(?:the\s+)?(?:[\w\-]+\s+){0,2}")
TRAILING_INDICATOR = compile_gated(r"\s+(?:sales|exports?|imports?|shipments|production|output)\s*$")
LEADING_AND = compile_gated(r"^\W*(?:and|or)\s+")
TO_OR_FROM_END = compile_gated(r"\b(?:to|from)\s+(?:the\s+)?$")
IN_BEFORE = compile_gated(r"\s*(?:,\s*)?in\s+(?:the\s+)?")
UNITS_OF = compile_gated(r"\s+of\s+(?:the\s+)?([A-Z0-9][\w\-. ]{0,30}?)(?=\s+and\b|[,;.)]|$)")
# "489.1 million barrels of petroleum products": the known goods a quantity is of
QUANTITY_OF = compile_gated(r"\s+of\s+(?:new\s+)?([A-Za-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3}?)(?=\s+(?:in|to|from|for|at|"
                            r"was|were|and|by|a|per|between|over|through|until|under)\b|[,;.)]|$)")
# "Annual exports", "annual semiconductor exports", "the annual export target": the year's figure; up to two
# words between them (letters only: "annual growth of 5.6 percent in exports" is not one).
ANNUAL_MEASURES = r"(?:exports?|imports?|trade|shipments|sales|production|pledges|investments?)\b"
# "Crude oil imports for the year alone were $105.9 billion": the year set apart from the month, as "the whole year" is
FULL_YEAR = compile_gated(r"\b(?:[Ff]or|[Oo]ver|[Ii]n|[Tt]hroughout) the "
                          r"(?:(?:full|whole|entire) year|year as a whole|year alone)\b"
                          r"|\b[Ff]ull-year\b"
                          # "hit an annual record of $22.9 billion" in a release on December and the year
                          r"|\ban annual (?:record|high|peak)\b"
                          # "maintained its annual goal of attracting $20 billion" in a release on January to September
                          r"|\b(?:its|the|an|our|their) annual (?:target|goal|total)\b"
                          r"|\b[Aa]nnual (?:[A-Za-z][\w&/-]* ){0,2}?" + ANNUAL_MEASURES +
                          r"|\b(?:posted|posting|recorded|recording|saw|showed)\s+(?:an?\s+)?annual\s+(?:growth|increases?|"
                          r"gains?|rises?|declines?|decreases?|falls?)\b")
# "15.39 percent for Japanese products", "13.7 percent will apply to Chinese products", "a rate of 23.56 percent
# applies to all other Chinese suppliers": what a rate is for.
RATE_FOR_LEAD = r"\b(?:for|on|against|to(?=\s+(?:the\s+|all\s+(?:other\s+)?)?[A-Z]))\s+(?:the\s+)?"
# the goods end before "and" and a next rate: "for Indian products and 13.96 percent for ..."
# "for Chinese products and of 3.96 percent for Vietnamese products": the next rate may open with "of"
RATE_FOR = compile_gated(RATE_FOR_LEAD + r"((?:(?!\s+and\s+(?:of\s+|at\s+)?\d)[^,;.()])+)")
# For the origins only, the goods may hold the abbreviation of their name: "on polyethylene terephthalate (PET) resin
# imported from China and Taiwan" (the item rules keep stopping at the parenthesis, where the goods' name ends)
RATE_FOR_ORIGINS = compile_gated(RATE_FOR_LEAD + r"((?:(?!\s+and\s+(?:of\s+|at\s+)?\d)"
                                 r"(?:[^,;.()]|\([A-Z][A-Za-z0-9&/-]{0,11}\)))+)")
# "... and its 10 percent tariff on auto parts immediately": a time adverb after the goods ends them too
RATE_ITEM_END = compile_gated(r"\s+(?:from|imported|originating|produced|made|used|for|until|over|immediately|"
                              r"gradually|progressively|upon|once|when|within|to(?=\s+(?:USD\s|KRW\s|\$)?\d))\b")
# "imported $1.9 billion worth of crude oil from Saudi Arabia": what the amount is worth of.
WORTH_OF = compile_gated(r"^\s+worth\s+of\s+(?!the\b|a\b|an\b)([^,;.()]{1,60})")


@dataclass(slots=True)  # made for every figure, never changed: see Metric
class Subject:
    indicator: str
    item: str | None
    item_written: str | None
    region: str | None
    dated: bool
    indicator_rule: str
    item_rule: str
    region_rule: str
    level: Figure | None = None  # the figure's level, if it has one: what a later part of it may not exceed
    explains: Subject | None = None  # for a measure in a cause clause ("as ..."), the subject it explains


# Scenes and observations are made for every figure and never changed: plain slotted classes,
# not frozen ones, because a frozen class pays a call for every field it sets.
@dataclass(slots=True)
class Observation:
    """A level, a change, or a level with its change, about one subject."""

    level: Figure | None = None
    change: Figure | None = None
    start: int = field(init=False)
    end: int = field(init=False)

    def __post_init__(self) -> None:
        level, change = self.level, self.change
        if level and change:
            self.start, self.end = min(level.start, change.start), max(level.end, change.end)
        else:
            self.start, self.end = (level or change).start, (level or change).end


@dataclass(slots=True)
class Scene:
    """What one figure's rules look at: its sentence, clause and the text around it."""

    sentence: str
    clause: Clause
    observation: Observation
    left: str  # clause text before the figure
    right: str  # clause text after the figure
    paren_open: int | None  # where the parenthesis holding the figure opens
    previous: Subject | None  # the subject of the figure before, in this sentence or the last
    previous_in_sentence: bool
    before_sentence: Subject | None  # the subject the sentence opened on (what "This ..." points at)
    antecedent_start: int | None  # "January's outbound shipments, which declined": where "which" points
    frame: Frame
    section: str | None  # "item" or "region" after a "By item," / "By region," lead
    masked_left: str  # left and right with asides (parentheses) blanked
    masked_right: str
    subject_left: str  # ... and examples ("including A, B") blanked too
    subject_right: str
    prior_section: str | None = None  # the section the sentence before was in

    @property
    def anaphoric(self) -> bool:
        text = self.sentence[self.clause.start:self.observation.start]
        if load_lexicon().anaphora_lead.match(text):
            return True
        return self.clause.lead in RELATIVE_LEAD and self.previous_in_sentence


def build_scene(sentence: str, clause: Clause, observation: Observation, previous: Subject | None,
                previous_in_sentence: bool, before_sentence: Subject | None, frame: Frame,
                section: str | None, prior_section: str | None = None) -> Scene:
    depths = parenthesis_depths(sentence)
    paren_open = sentence.rfind("(", clause.start, observation.start) if depths[observation.start] else -1
    antecedent = max(0, clause.start - 60) if clause.lead in ("which", "that", "whose") else None
    masked, plain = masked_sentence(sentence)
    if sentence.count("—") + sentence.count(" – ") >= 2:  # every figure aside has two dashes: a look before the search
        masked = figure_asides_blanked(masked, observation.start, observation.end)
        plain = figure_asides_blanked(plain, observation.start, observation.end)
    return Scene(sentence, clause, observation, sentence[clause.start:observation.start],
                 sentence[observation.end:clause.end], paren_open if paren_open >= 0 else None,
                 previous, previous_in_sentence, before_sentence, antecedent, frame, section,
                 masked[clause.start:observation.start], masked[observation.end:clause.end],
                 plain[clause.start:observation.start], plain[observation.end:clause.end], prior_section)


@text_cache(maxsize=32)
def masked_sentence(sentence: str) -> tuple[str, str]:
    """The sentence with asides blanked, and with examples blanked too (offsets kept): made once a sentence."""
    masked = mask_cause_asides(mask_cause_opening(mask_relative_asides(mask_dash_asides(mask_parentheses(sentence)))))
    return masked, mask_examples(masked)


def mask_cause_opening(text: str) -> str:
    """"Due to falling export prices, petrochemical exports fell ...": the cause names no subject of the figure.
    Blanked only when it states no figure of its own, and when the words after its comma reach their verb before
    another comma: "Despite a downturn in semiconductors, petrochemicals, and ..." is a list, its end unknown."""
    cause = load_lexicon().cause_opening.match(text)
    if cause is None:
        return text
    verb = first_verb(text, cause.end())
    comma = text.find(",", cause.end())
    if verb is None or 0 <= comma < verb[0]:
        return text
    return " " * (cause.end() - 1) + text[cause.end() - 1:]


def mask_cause_asides(text: str) -> str:
    """"mobile phone exports — hit by falling demand in China — shrank", "Display exports, amid weak demand in
    Europe, slid": a cause set off inside the clause names no subject (nor region) of the figure. Between commas
    only when the main clause resumes after it with its verb."""
    for match in load_lexicon().cause_aside.finditer(text):
        opened, closed = match.group(0)[0], match.group(0)[-1]
        if (opened == ",") != (closed == ",") or opened == "," and not verb_follows(text, match.end()):
            continue
        text = text[:match.start() + 1] + " " * (match.end() - match.start() - 2) + text[match.end() - 1:]
    return text


NEXT_WORD = compile_gated(r"\s*([a-z]+)")


def verb_follows(text: str, position: int) -> bool:
    word = NEXT_WORD.match(text, position)
    return word is not None and word.group(1) in load_lexicon().verbs


def mask_relative_asides(text: str) -> str:
    """"The export value of EVs, which take up 19.4 percent of ..., jumped": the aside is not the subject."""
    for match in RELATIVE_ASIDE.finditer(text):
        if resumes_after(text, match.end()):
            text = text[:match.start()] + "," + " " * (match.end() - match.start() - 1) + text[match.end():]
    return text


def antecedent_text(scene: Scene) -> str:
    if scene.antecedent_start is None:
        return ""
    return RELATIVE_WORD_END.sub("", scene.sentence[scene.antecedent_start:scene.clause.start])


# ---- indicator -------------------------------------------------------------------------------

def indicator_in_parenthesis(scene: Scene) -> IndicatorSpan | None:
    """"(number of purchases up by 4.1 percent)": the aside names its own subject."""
    if scene.paren_open is None:
        return None
    return most_specific(find_indicators(scene.sentence[scene.paren_open:scene.observation.start]))


def indicator_after_change(scene: Scene) -> IndicatorSpan | None:
    """"a 28.1-percent increase in overseas sales of SSDs"."""
    change = scene.observation.change
    match = CUE_NOUN_PHRASE.match(scene.sentence[change.end:]) if change else None
    return most_specific(find_indicators(match.group("np"))) if match and match.group("np") else None


# "the 15 percent U.S. tariff on Korean cars", "a 25% reciprocal tariff": a percentage modifying the rate it is, its
# partner or kind between them (no clause word: "fell to 3 percent as tariffs rose" is no tariff)
RATE_NOUN_AFTER = compile_gated(
    r"^\s+(?:(?!(?:and|or|as|on|amid|after|while|with|despite|because|due|in|to|from|of|for|the|a|an|but|than|"
    r"since|when|under|before)\b)[\w.\-]+\s+){0,2}?(?:tariffs?|dut(?:y|ies)|tax credits?)\b", re.IGNORECASE)


def rate_noun_after(scene: Scene) -> re.Match | None:
    level = scene.observation.level
    if level is None or level.unit != "percent" or scene.observation.change is not None:
        return None
    return RATE_NOUN_AFTER.match(scene.right)


def indicator_of_rate_after(scene: Scene) -> IndicatorSpan | None:
    match = rate_noun_after(scene)
    hit = most_specific(find_indicators(match.group(0))) if match else None
    return hit if hit is not None and not hit.indicator.dated else None


def indicator_left(scene: Scene) -> IndicatorSpan | None:
    text = scene.masked_left
    hits = measures_of_figure(text, find_indicators(text))
    if hits and scene.observation.level is None:
        # "amid tariff headwinds, while those to China grew 6.0 percent": a rate named before a change alone is the
        # change's cause, not its measure
        hits = without_rates(hits)
    return most_specific(hits)


def outside_closed_causes(text: str, hits: tuple, causes: list[re.Match] | None = None) -> tuple:
    """"Displays fell 11.8 percent amid falling LCD panel prices, and mobile phones dropped 22.3 percent": a measure
    inside a cause the comma closed before the figure explains the figure before, it does not measure this one (a
    figure inside its cause, "as exports of chips rose 5 percent", keeps the cause's measure)."""
    if not hits or "," not in text:
        return hits
    closed = []
    for cause in load_lexicon().cause_lead.finditer(text) if causes is None else causes:
        comma = text.find(",", cause.end())
        if comma >= 0:
            closed.append((cause.start(), comma))
    return tuple(h for h in hits if not any(start <= h.start < end for start, end in closed)) if closed else hits


def measures_of_figure(text: str, hits: tuple) -> tuple:
    """The measures named before a figure that may be its own: none inside a cause closed before it (see
    outside_closed_causes); and inside the cause clause that holds the figure, only what that clause names ("the
    monthly trade balance logged a $4.5 billion surplus as imports declined 10.8 percent": imports)."""
    if not hits or "," not in text and len(hits) < 2:
        return hits
    causes = list(load_lexicon().cause_lead.finditer(text))
    if not causes:
        return hits
    hits = outside_closed_causes(text, hits, causes)
    if len(hits) < 2:
        return hits
    opened = [cause.end() for cause in causes if cause.start() >= hits[0].end]
    return (tuple(hit for hit in hits if hit.start >= opened[-1]) or hits) if opened else hits


def without_rates(hits: tuple) -> tuple:
    rate_only = load_lexicon().rate_only_indicators
    return tuple(hit for hit in hits if hit.indicator.name not in rate_only)


def indicator_right(scene: Scene) -> IndicatorSpan | None:
    """"semiconductor (up 29.0 percent) and petrochemical (up 54.8 percent) exports": asides skipped.

    Not past a cause or concession: "rose 37.1 percent on improved oil prices", "slumped amid falling panel
    prices" are exports still; the prices explain the figure, they do not measure it. Not past the measure the
    figure is "in" ("KRW 54.3 billion in loans and subsidies ... to support facility investments")."""
    if measure_named_after(scene):
        return None
    text = up_to_comma(scene.masked_right)[:70]
    return most_specific(before_cause(text, find_indicators(text)))


def before_cause(text: str, spans: tuple) -> tuple:
    """The spans that stand before the first cause or concession the text opens ("on rising DRAM prices",
    "despite ..."): looked for only once the text names something."""
    cause = load_lexicon().cause_lead.search(text) if spans else None
    return spans if cause is None else tuple(s for s in spans if s.end <= cause.start())


MEASURE_AFTER_OPENINGS = (" in ", " as ", " of ", " available ", " through ", " will ", " is ", " are ", " was ",
                          " were ", " to ", " provided ", " supplied ", " offered ", " extended ")


def measure_named_after(scene: Scene) -> re.Match | None:
    """"KRW 54.3 billion in loans", "KRW 36 trillion in emergency liquidity support", "KRW 36 trillion available in
    trade finance", "KRW 22 trillion through policy loans": the words right after the amount. With its change after
    it ("KRW 360 trillion in trade finance, up 9.1 percent"), the words between the two. "KRW 1 trillion of trade
    finance" too."""
    level, change = scene.observation.level, scene.observation.change
    if level is not None and change is not None and change.start > level.end:
        right = scene.sentence[level.end:change.start]
    else:
        right = scene.right
    if not right.startswith(MEASURE_AFTER_OPENINGS):
        return None  # every match opens so: a look before the pattern
    if right.startswith(" as ") and AS_CLAUSE_WITH_VERB.match(right):
        return None  # "nearly tripled to 5,236 units as subsidies were provided earlier": a cause, not the measure
    return load_lexicon().unnamed_measure_after.match(right)


AS_CLAUSE_WITH_VERB = compile_gated(r"\s+as\s+(?:[\w-]+\s+){1,5}?(?:were|was|are|is|have|has|had|became|began)\b")


def is_rate_on_money(hit: IndicatorSpan, scene: Scene) -> bool:
    """A rate's name ("tariffs") found for an amount of money: no rate is counted in won or dollars."""
    level = scene.observation.level
    return level is not None and level.unit in CURRENCY_UNITS \
        and hit.indicator.name in load_lexicon().rate_only_indicators


FIRST_DIGIT = compile_gated(r"\d")
MEASURE_LEAD = compile_gated(rf"^\s*(?:available\s+|{MEASURE_SUPPLIED})?(?:in|as|through|of)\s+", re.IGNORECASE)


@text_cache(maxsize=64)
def names_unnamed_measure(masked: str) -> bool:
    """Whether the (masked) sentence names a measure no indicator names anywhere: most sentences name none, and one
    look a sentence spares the look at every figure's clause (the pattern has no first characters to gate it)."""
    return load_lexicon().unnamed_measure.search(masked) is not None


def measure_named_before(scene: Scene) -> re.Match | None:
    """"the KTC imposed a fine of KRW 1.2 billion": the figure's own clause names what it measures, in words no
    indicator has, so it is not about the indicator before."""
    if not names_unnamed_measure(masked_sentence(scene.sentence)[0]):
        return None
    left = scene.masked_left
    first_digit = FIRST_DIGIT.search(left)  # "... as new guarantees and KRW 2.5 trillion as ...": the figure before's
    return load_lexicon().unnamed_measure.search(left, 0, first_digit.start() if first_digit else len(left))


def measure_nearer_than_indicator(scene: Scene) -> re.Match | None:
    """"... unfair imports of counterfeit cosmetics, imposing a fine of 52 million won", "to turn exports upward by
    expanding trade finance to 360 trillion won": a measure named between the clause's indicators and the figure,
    with no other figure between, is what the figure measures; the indicator before it is the case it is about."""
    if not names_unnamed_measure(masked_sentence(scene.sentence)[0]):
        return None
    left = scene.masked_left
    pattern = load_lexicon().unnamed_measure
    if pattern.search(left) is None:
        return None  # most clauses name no such measure: a look before the figures' positions
    after_figures = max(left.rfind(digit) for digit in "0123456789") + 1
    measures = list(pattern.finditer(left, after_figures))
    if not measures:
        return None
    # the last measure, with no indicator ending after it ("export financing" holds an "export" of its own), and
    # no cause between ("exports rose on policy loans to $6.1 billion" are exports)
    measure, last_hit = measures[-1], max(hit.end for hit in find_indicators(left))
    if last_hit > measure.end() or load_lexicon().cause_lead.search(left, min(last_hit, measure.start()),
                                                                    measure.start()):
        return None
    if finite_verb_in(left[measure.end():]):
        return None  # "Exports of companies insured through trade insurance jumped 9.1 percent": the clause's verb
        # comes after the measure, which only qualifies the clause's subject
    return measure


def finite_verb_in(text: str) -> bool:
    """A verb that is no participle ("rose", "jumped"; not "amounting", "rising" describing the noun before)."""
    return any(is_verb(word) and not word.endswith("ing") for word in WORD.findall(text))


HYPHENATED_BEFORE = compile_gated(r"\b\w+-$")


def measure_name(match: re.Match) -> str:
    """The measure as the release words it: "policy loans", "emergency liquidity support", "penalty"; a verb by its
    noun ("fined": "fine"); with the hyphenated word it is written after ("order-guarantee support")."""
    words = MEASURE_LEAD.sub("", match.group(0)).lower()
    if match.start() > 0 and match.string[match.start() - 1] == "-":
        prefix = HYPHENATED_BEFORE.search(match.string, 0, match.start())
        words = match.string[prefix.start():match.start()].lower() + words if prefix else words
    return load_lexicon().measure_nouns.get(words, words)


def indicator_sentence_head(scene: Scene) -> IndicatorSpan | None:
    return most_specific(find_indicators(mask_parentheses(scene.sentence[:scene.clause.start])))


def indicator_of_subset(scene: Scene) -> IndicatorSpan | None:
    """"680,000 tCO2eq, of which 400,000 tons will be transferred": the verb after the part governs it."""
    lowered = scene.left.lower()
    if ("which" not in lowered and "of th" not in lowered and "among" not in lowered) \
            or not SUBSET_LEAD.search(scene.left):
        return None  # every subset lead holds one of those words
    return most_specific(find_indicators(up_to_comma(scene.right)))


def indicator_between(scene: Scene) -> IndicatorSpan | None:
    """"manufacturing received $3.8 billion in pledges, down 24.4 percent": named between the level and its
    change."""
    level, change = scene.observation.level, scene.observation.change
    if level is None or change is None or change.start < level.end:
        return None
    masked, _ = masked_sentence(scene.sentence)
    return most_specific(find_indicators(masked[level.end:change.start]))


# The end of a figure: its last digit and its unit ("8.1 percent", "$2.9 billion", "21,629 units")
FIGURE_TAIL = r"\d(?:[\d,.]*\d)?\s*(?:%|[A-Za-z][\w.]*)?\s*"
# "exports at 76,000 units (+5.0%) and domestic sales at 27,000 units", "Exports grew 5.1 percent and domestic sales
# 3.2 percent": an entry after the figure before, its verb left out, names its own indicator; the clause's first
# ("exports") is the entry before's
GAPPED_INDICATOR_ENTRY = compile_gated(FIGURE_TAIL + r"(?:\(\s*)?(?:,\s*(?:and\s+)?|,?\s+and\s+)"
                                       r"(?P<np>[A-Za-z][^,;()\d$]*?)\s+(?:at\s+(?:about\s+|around\s+|some\s+|nearly\s+)?)?$")
# "..., resulting in a trade surplus of $3.1 billion", "..., led by exports of": a participle's clause, no entry
PARTICIPLE_WORD = compile_gated(r"\b[a-z]+(?:ing|ed\s+by)\b")


def indicator_of_gapped_entry(scene: Scene) -> IndicatorSpan | None:
    """The indicator a verbless entry after the figure before names ("and domestic sales at"), offsets in left."""
    if not scene.previous_in_sentence or " and " not in scene.masked_left[-60:] and "," not in scene.masked_left[-60:]:
        return None  # a gapped entry follows a figure of its clause, after "and" or a comma: a look before the search
    match = GAPPED_INDICATOR_ENTRY.search(scene.masked_left)
    if match is None or first_verb(match.group("np")) or PARTICIPLE_WORD.search(match.group("np")):
        return None
    hit = most_specific(find_indicators(match.group("np")))
    if hit is None:
        return None
    start = match.start("np")
    return IndicatorSpan(start + hit.start, start + hit.end, hit.indicator, hit.written)


# The indicator named in the figure's own clause before it, then those after it: a measure no indicator names
# standing before the figure ("the KTC imposed a fine of KRW 120 million on a trading company for falsely
# labeling imported steel") is tried between the two, as an indicator after the figure is about something else.
INDICATOR_RULES_BEFORE = (
    ("subset", indicator_of_subset),
    ("parenthesis", indicator_in_parenthesis),
    ("after_change", indicator_after_change),
    ("rate_after", indicator_of_rate_after),
    ("gapped_entry", indicator_of_gapped_entry),
    ("clause_left", indicator_left),
)
INDICATOR_RULES_AFTER = (
    ("clause_right", indicator_right),
    ("between", indicator_between),
)


def resolve_indicator(scene: Scene) -> tuple[str, bool, str]:
    """(indicator, dated, rule)."""
    indicator, dated, rule = find_indicator(scene)
    return of_frame(indicator, scene), dated, rule


def of_frame(indicator: str, scene: Scene) -> str:
    """"Chinese investment plunged" in an FDI release: the release's own indicator, or its pair as the figure before
    had it in the same sentence ("Arrivals reached $4.8 billion, with greenfield investment at $3.1 billion") or in
    one pointing back at it ("Of this, ..."). A new sentence goes back to the release's own: "Actual arrivals fell
    8.4 percent. By sector, investment in services rose ..." are pledges again, the arrivals an aside."""
    own = load_lexicon().frame_generic_indicator.get(scene.frame.kind, {}).get(indicator)
    if own is None:
        return indicator
    previous = scene.previous.indicator if scene.previous is not None and (
        scene.previous_in_sentence or scene.anaphoric or is_part_of_before(scene)) else None
    pairs = load_lexicon().paired_indicators
    return previous if previous == own or frozenset((previous, own)) in pairs else own


# The rules that found a measure no indicator names in the figure's own clause: after it, before it, or between the
# clause's indicators and it
OWN_MEASURE_RULES = ("own_measure", "own_measure_nearer")
# The leads of a clause going on from the one before it: a list of its parts, or a coordinate clause
CONTINUING_LEADS = ("with", "led by", "and", ";", "while", "whereas", "but")


# "..., while those from power generation fell 4.8 percent", "and those for facility investment to up to 20 percent":
# a clause opening on the anaphor of the measure before; an indicator in its complement names the part, not the measure
THOSE_MEASURE = compile_gated(r"^\s*(?:those|that)\s+(?:of|from|for|in|at|by|to)\s+(?:the\s+)?[A-Za-z]")


# "After falling 10.4 percent in the first half, ": a participle opening the sentence, up to its comma
OPENING_PARTICIPLE = compile_gated(r"^(?:After|Following|Before)\s+[a-z]+ing\b[^,;]*,")
# "resulting in a $4.4 billion surplus", "a $7 billion deficit": the balance its amount is, named right after it
BALANCE_RIGHT_AFTER = compile_gated(r"^\s+(?:trade\s+)?(?:surplus|deficit)\b")


def find_indicator(scene: Scene) -> tuple[str, bool, str]:
    if fund_after(scene) is not None:
        return "fund", True, "own_measure"
    level = scene.observation.level
    if level is not None and level.unit in CURRENCY_UNITS and level.end == scene.observation.end \
            and BALANCE_RIGHT_AFTER.match(scene.right):
        return "trade balance", True, "balance_after"
    opening = OPENING_PARTICIPLE.match(scene.sentence) if scene.sentence[:1] in "AFB" else None
    if opening is not None and scene.observation.end <= opening.end():
        # "After falling 10.4 percent in the first half, exports turned to growth": the participle's subject is the
        # main clause's, named after the comma
        hit = most_specific(find_indicators(clause_head(scene.sentence[opening.end():])))
        if hit is not None:
            return name_indicator(hit, scene.frame), hit.indicator.dated, "opening_participle"
    if scene.previous is not None and scene.previous_in_sentence and scene.previous.indicator != "unspecified" \
            and scene.clause.lead in CONTINUING_LEADS and THOSE_MEASURE.match(scene.subject_left):
        if scene.previous.indicator in load_lexicon().rate_only_indicators and not is_percent_level(scene.observation):
            # "Exports to the U.S. fell 8.7 percent, weighed down by the 15 percent tariff on Korean cars, whereas
            # those to the EU jumped 34.5 percent to $1.0 billion": an amount is no rate; "those" are the exports the
            # sentence opened on
            heads = without_rates(find_indicators(mask_parentheses(scene.sentence[:scene.clause.start])))
            if heads:
                return name_indicator(heads[0], scene.frame), heads[0].indicator.dated, "anaphora"
        return carried_indicator(scene), subject_carried(scene).dated, "anaphora"
    after = measure_named_after(scene)
    if after is not None:
        # "adding that KRW 1.5 trillion in policy loans would be provided": the amount is the loans, whatever
        # indicator the clause named before it ("Diversifying export markets ...")
        return measure_name(after), True, "own_measure"
    deal = deal_worth(scene)
    if deal is not None:
        return deal, True, "worth"
    for rule, find in INDICATOR_RULES_BEFORE:
        hit = find(scene)
        if hit is not None:
            nearer = measure_nearer_than_indicator(scene) if rule == "clause_left" else None
            if nearer is not None:
                return measure_name(nearer), True, "own_measure_nearer"
            on_money = is_rate_on_money(hit, scene)
            measure = measure_named_before(scene) if on_money else None
            if measure is not None:
                # "expand trade insurance for exporters affected by U.S. tariffs by KRW 10 trillion": an amount of
                # money is no tariff rate; it is the measure the clause names
                return measure_name(measure), True, "own_measure"
            other = most_specific(without_rates(find_indicators(scene.masked_left))) \
                if on_money and rule == "clause_left" else None
            if other is not None:
                # "The impact of U.S. tariffs was visible: exports to the United States declined 8.1 percent to
                # $10.0 billion": nor is it the tariff beside another measure the clause names
                hit = other
            return name_indicator(hit, scene.frame), hit.indicator.dated, rule
    before = measure_named_before(scene)
    if before is not None:
        return measure_name(before), True, "own_measure"
    for rule, find in INDICATOR_RULES_AFTER:
        hit = find(scene)
        if hit is not None:
            return name_indicator(hit, scene.frame), hit.indicator.dated, rule
    hits = find_indicators(antecedent_text(scene))
    if hits:
        return name_indicator(hits[-1], scene.frame), hits[-1].indicator.dated, "antecedent"
    if scene.previous is not None and scene.clause.lead in CONTINUING_LEADS and not scene.previous_in_sentence \
            and not scene.anaphoric and not is_percent_level(scene.observation):
        # "Imports of energy rose 126.3 percent. All 15 major export items grew, with semiconductors at $12.0
        # billion": the figure's sentence opened on a clause of its own measure, with no figure; that, not the
        # sentence before, is what the later clause goes on from. Not a relative clause ("the domestic industry,
        # whose market share fell"): it points at a noun, not at the measure of the clause before it. Not a percentage
        # level ("found that imports of steel wire ropes had not been dumped, with a margin of 1.2 percent"): a rate or
        # share, not the flow the head names
        hit = indicator_sentence_head(scene)
        if hit is not None:
            return name_indicator(hit, scene.frame), hit.indicator.dated, "sentence_head"
    if scene.clause.lead in ("which", "that") and not scene.previous_in_sentence:
        # "The weak export performance was driven primarily by semiconductors, which plunged 44.5 percent": a
        # relative clause's figure is of the measure its sentence opened on, not of the sentence before
        hit = indicator_sentence_head(scene)
        if hit is not None and len(scene.sentence[:hit.start].split()) <= 3:  # the sentence's subject, not a
            # noun further in ("It is the largest nuclear export deal since the Barakah contract, which was worth")
            return name_indicator(hit, scene.frame), hit.indicator.dated, "sentence_head"
    if scene.previous is not None and (scene.anaphoric or scene.clause.start > 0):
        # dated as the subject carried: "Automobiles fell 6.3 percent as shipments stayed weak under the 15 percent
        # tariff, while petrochemicals slipped 17.4 percent" carries the exports the tariff explained, not the rate
        return carried_indicator(scene), subject_carried(scene).dated, "anaphora" if scene.anaphoric \
            else "clause_before"
    hit = indicator_sentence_head(scene)
    if hit is not None:
        return name_indicator(hit, scene.frame), hit.indicator.dated, "sentence_head"
    if scene.previous is not None:
        return carried_indicator(scene), subject_carried(scene).dated, "carried"
    return "unspecified", True, "none"


# "Of this, KRW 1.0 trillion ...", "Of the total, ...", "will receive KRW 1.5 trillion of it": a part of what the
# sentence before measured
PART_OF_LEAD = compile_gated(r"\W*(?:[Oo]f|[Aa]mong)\s+(?:this|these|which|them|the total|the amount|it)\b")
PART_OF_AFTER = compile_gated(r"\s+of\s+(?:this|these|them|the total|the amount|it)\b")
REST_OF_WHOLE = compile_gated(r"\b[Tt]he\s+remaining\s*$")


def is_part_of_before(scene: Scene) -> bool:
    """"Of the total, KRW 260 trillion ...", "KRW 1.0 trillion of it": the figure is a part of what the figure before
    measured."""
    return bool(PART_OF_LEAD.match(scene.sentence) or PART_OF_AFTER.match(scene.right))


def deal_worth(scene: Scene) -> str | None:
    """"signed 10 MOUs and contracts worth a combined USD 8.3 billion", "11 export contracts and MOUs valued at USD
    16.3 million": the deals are what the amount measures, not the exports their name holds."""
    left = scene.left
    if "worth" not in left and "valued" not in left:
        return None  # every match holds one of them: a look before the pattern
    match = load_lexicon().deal_worth.search(left)
    if match is None:
        return None
    # "14 memorandums of understanding worth about $1.6 billion": MOUs, as the ministry abbreviates them elsewhere
    return MEMORANDA.sub("mous", match.group("deal").lower())


MEMORANDA = compile_gated(r"\bmemorand(?:ums?|a) of understanding\b")


# The measure a release of the kind reports first: what its "total" is
HEADLINE_OF_KIND = {"fdi": "fdi pledged", "trade": "exports", "ict": "exports", "retail": "retail sales"}


def carried_indicator(scene: Scene) -> str:
    """The indicator of the figure before, for a figure naming none. A share goes on only to another percentage:
    "... accounted for 20.1 percent of total exports. Displays reached $1.8 billion" are exports, "a 50.0 percent
    share of global orders. China came second with 1.6 million CGT" orders: the share's whole, when it is an
    indicator the lexicon knows, else none."""
    carried = subject_carried(scene)
    indicator = carried.indicator
    if carried.indicator_rule in OWN_MEASURE_RULES and not scene.previous_in_sentence and not scene.anaphoric \
            and not is_part_of_before(scene):
        # "... KRW 54.3 billion in loans and subsidies last year. Energy savings reached 870,000 TOE": a measure
        # named for one amount is no scene for the next sentence ("Of this, KRW 1.0 trillion ..." refers back to it)
        return "unspecified"
    if carried.indicator_rule in OWN_MEASURE_RULES and scene.previous_in_sentence \
            and scene.before_sentence is not None and "remain" in scene.left and REST_OF_WHOLE.search(scene.left):
        # "Of the total, KRW 17 trillion will be provided as policy loans, and the remaining KRW 16 trillion will go
        # to infrastructure": the rest is of the whole the sentence before measured, not of the part's own measure
        return scene.before_sentence.indicator
    if not indicator.startswith("share") or is_percent_level(scene.observation):
        return indicator
    whole = indicator[len("share of "):] if indicator.startswith("share of ") else ""
    if whole in load_lexicon().indicator_rank:
        return whole
    if (whole in ("total", "the total") or indicator == "share") and scene.frame.kind in HEADLINE_OF_KIND:
        # "Manufacturing pledges soared ..., and the sector's share of the total rose to 50.2 percent. Services fell
        # 34.1 percent": "the total" is the release's own measure
        return HEADLINE_OF_KIND[scene.frame.kind]
    if whole and scene.frame.sales_indicator.startswith(whole + " "):
        # "The share of online sales in total retail rose to 48.2 percent. Among offline channels, department stores
        # (down 12.4 percent) ... fared worst": the release's sales, written by its channel word alone
        return scene.frame.sales_indicator
    # "Semiconductors, which account for 64.1 percent of all ICT exports, expanded 21.9 percent": a whole written
    # with its item ("ict exports") measures by the indicator it names
    hit = most_specific(find_indicators(whole)) if whole else None
    return name_indicator(hit, scene.frame) if hit else "unspecified"


# The clause leads that open a measure explaining the figure before ("fell 9.4 percent as the number of purchases
# dropped 6.1 percent", "fell 9.9 percent, with imports down 16.3 percent")
EXPLAINING_LEADS = ("as", "with")
# "... fell 9.4 percent as the number of purchases dropped": an "as" with no comma opens no clause of its own
# "fell 6.3 percent to $5.7 billion in November as shipments stayed weak under the 25 percent tariff": a period
# named after the figure before stays in its clause
AS_AFTER_FIGURE = compile_gated(r"(?:\d|percent|%|units|billion|million)(?:\s+in\s+[A-Z][a-z]+(?:\s+\d{4})?)?"
                                r"\s+as\s+[^,;\d]*$")


def explains_figure_before(scene: Scene) -> bool:
    """Does the figure stand in a clause explaining the figure before it in its sentence?"""
    if scene.clause.lead in EXPLAINING_LEADS:
        return True
    return " as " in scene.left and AS_AFTER_FIGURE.search(scene.masked_left) is not None


def explained_subject(scene: Scene, indicator: str) -> Subject | None:
    """The subject a cause clause's own measure explains: the figure before, in the same sentence."""
    previous = scene.previous
    if not scene.previous_in_sentence or previous is None or indicator == previous.indicator \
            or not explains_figure_before(scene):
        return None
    return previous.explains or previous


def subject_carried(scene: Scene) -> Subject:
    """"hypermarkets fell 9.4 percent as the number of purchases dropped 6.1 percent, while convenience stores rose
    10.5 percent": a clause coordinate to the explained figure (or the sentence after) carries its indicator, not
    the measure that explained it; a clause pointing back ("which", "those") and another cause clause do."""
    previous = scene.previous
    if previous.explains is None or scene.anaphoric or explains_figure_before(scene):
        return previous
    return previous.explains


def is_percent_level(observation: Observation) -> bool:
    level = observation.level
    return level is not None and observation.change is None and level.unit in ("percent", "percentage points")


def name_indicator(hit: IndicatorSpan, frame: Frame) -> str:
    return frame.sales_indicator if hit.indicator.frame_named else hit.indicator.name


# ---- share ---------------------------------------------------------------------------------------

APPOSED_SHARE_LEFT = compile_gated(r",\s+or\s+(?:about\s+|around\s+|nearly\s+|some\s+|roughly\s+)?$")
OF_THE_WHOLE_RIGHT = compile_gated(r"\s+of\s+(?:the\s+)?(?:total|all|overall|the\s+country's|Korea's)\b")


def item_share_went_to(scene: Scene) -> tuple[str, str] | None:
    """"Roughly 44 percent of the total went to high-tech industries such as chips": the share's part, after it."""
    if not scene.right.startswith(" of "):
        return None  # every match opens on "of": a look before the search
    went = WHOLE_WENT_TO.match(scene.right)
    if went is None or not is_percent_level(scene.observation):
        return None
    words = EXAMPLE_CUE.split(up_to_comma(scene.right[went.end():]), maxsplit=1)[0]
    words = LEADING_THE.sub("", words).strip()
    return known_or_phrase(words) if words and not find_regions(words) else None


LEADING_THE = re.compile(r"^\s*(?:the\s+)?")


WHOLE_WENT_TO = compile_gated(r"\s+of\s+(?:the\s+|all\s+)?(?:total|pledges|investment|exports)\s+(?:[a-z]+\s+)?"
                              r"(?:went|was\s+invested|was\s+directed|flowed|came)\s+(?:to|in|into|from)\b")


def is_share(scene: Scene) -> bool:
    if not is_percent_level(scene.observation):
        return False
    lexicon = load_lexicon()
    cue = lexicon.share_cue
    if cue.search(scene.left[-50:]) or cue.search(scene.masked_left):
        return True
    if scene.left.endswith(("or ", "or about ", "or around ", "or nearly ", "or some ", "or roughly ")) \
            and APPOSED_SHARE_LEFT.search(scene.left[-25:]) and OF_THE_WHOLE_RIGHT.match(scene.right):
        return True  # "reached 49,000 units, or 32.0 percent of total domestic sales": the level's share
    if scene.right.startswith(" of ") and WHOLE_WENT_TO.match(scene.right):
        return True  # "Roughly 44 percent of the total went to high-tech industries"
    # "fell to 1.3 percent in 2018 as low-priced imports took market share": a share named in a cause after the
    # figure is not the figure's
    after = cue.search(scene.right, 0, 40)
    return after is not None and lexicon.cause_lead.search(scene.right, 0, after.start()) is None


SHARE_VERBS = (r"rose|fell|increased|decreased|grew|declined|reached|stood|was|is|climbed|dropped|jumped|expanded|"
               r"will|would|edged|remained|came|hit|went|widened|narrowed|slipped|dipped")
# where the share's words end: its verb, or the "to" a target share is raised to ("raise the share of eco-friendly
# vehicles in car sales to 10 percent")
SHARE_END = rf"(?=\s+(?:{SHARE_VERBS})\b|\s+(?:to|at)\s+(?:[a-z.]+\s+)?$)"  # the second: TARGET_TO
SHARE_OF = compile_gated(r"\bshare of (?P<part>[^,;()]+?) (?:in|among|of) (?:the\s+|total\s+|overall\s+)*"
                      rf"(?P<whole>[^,;()]+?){SHARE_END}", re.IGNORECASE)
# "Semiconductors' share of total exports rose", "Online retailers' share of total sales": the possessor is the
# part, the noun after "share of" the whole.
# "nuclear power's share will decline from 30.3 percent": the whole left to the clause before.
POSSESSIVE_SHARE = compile_gated(r"(?P<part>[^,;()]+?)(?:['’]s|(?<=s)['’])\s+(?:(?:combined|joint|total)\s+)?share"
                                 rf"(?:\s+of (?:the\s+)?(?P<whole>[^,;()]+?))?{SHARE_END}", re.IGNORECASE)
# "the share of total exports rose" (a whole) / "the share of nuclear power will rise" (a part)
BARE_SHARE_OF = compile_gated(rf"\bshare of (?:the\s+)?(?P<np>[^,;()]+?){SHARE_END}", re.IGNORECASE)
# "which accounted for more than 60 percent of the sector's exports": an owner before the whole is no part of it
SHARE_WHOLE_RIGHT = compile_gated(r"[\s)]*(?:of|in)\s+(?:the\s+|its\s+|their\s+)?(?:[\w\-]+['’]s\s+)?"
                                  r"(?P<total>(?:total|overall|all)\s*)?"
                                  # "44 percent of the total went to high-tech industries": the verb ends the whole
                                  r"(?P<whole>[\w\- ]*?)(?=[,;.)]|(?<=\s)(?:went|flowed|came)\b"
                                  # "of global orders by volume on the back of bulk carriers": how and why, no whole
                                  r"|\s+(?:in|for|during|last|this|and|with|went|flowed|came|on|amid|thanks|due|as"
                                  r"|by\s+(?:volume|value|tonnage|units|number)"
                                  r"|by\s+(?:the\s+)?(?:end\s+of\s+)?(?:19|20)\d\d)\b|\s+of\s+\d|$)")
# "by 2030": a time; "of total global orders of 28.6 million CGT": the whole's own size is no part of its name


def share_words(pattern: re.Pattern, left: str) -> re.Match | None:
    """The share's words; ended by the target's "to", words with a figure in them are no part or whole ("share of the
    Korean market fell from 24.0 percent in 2014 to")."""
    match = pattern.search(left)
    if match is None or FIRST_DIGIT.search(match.group(0)) is None or TARGET_TO.match(left, match.end()) is None:
        return match
    return None


TARGET_TO = compile_gated(r"\s+(?:to|at)\s+(?:[a-z.]+\s+)?$")


# "raise the share of carbon-free power sources, including nuclear, renewables and hydrogen, to 70.2 percent": the
# examples of the part, between commas before the target's "to"
SHARE_EXAMPLES = compile_gated(r",\s+(?:including|such\s+as)\s[^;()]*?,(?=\s+(?:to|at)\s)")


def share_part_and_whole(scene: Scene) -> tuple[str | None, str | None]:
    """The part and the whole a share names before the figure, either may be missing."""
    left = scene.left
    if "share" not in left.lower():
        return None, None
    if "including" in left or "such as" in left:
        left = SHARE_EXAMPLES.sub("", left)
    named = share_words(SHARE_OF, left)
    if named:
        return named.group("part"), named.group("whole")
    # every possessive holds an apostrophe: a look before the search (slow: it may start at every character)
    possessed = share_words(POSSESSIVE_SHARE, left) if "'" in left or "’" in left else None
    if possessed:
        part = possessed.group("part")
        return (None if load_lexicon().economy_marker.search(part + "'s") or is_home(part) else part,
                possessed.group("whole"))
    bare = share_words(BARE_SHARE_OF, left)
    if bare:
        words = bare.group("np")
        if load_lexicon().total_marker.match(words) or is_bare_indicator(words):
            return None, load_lexicon().total_marker.sub("", words, count=1)
        return words, None
    return None, None


def is_economy_share(scene: Scene) -> bool:
    """"The ministry aims to raise Korea's share of the global foundry market to 20 percent": the country's share,
    about no item the figure before had."""
    if "share" not in scene.left or not is_share(scene):
        return False
    possessed = POSSESSOR_OF_SHARE.search(scene.left)
    return possessed is not None and is_home(possessed.group("part"))


POSSESSOR_OF_SHARE = compile_gated(r"(?<![\w.\-])(?P<part>(?:the\s+)?[\w.\-]+)['’]s\s+share\b")


HOME_NOUN = re.compile(r"(?:the\s+)?(?:country|nation)", re.I)


def is_home(words: str) -> bool:
    return words.strip() in load_lexicon().home_names or bool(HOME_NOUN.fullmatch(words.strip()))


PRONOUN_SHARE = compile_gated(r"\b(?:its|their)\s+(?:(?:combined|joint|total)\s+)?share\b[^,;()]*$", re.IGNORECASE)


def item_of_share(scene: Scene) -> tuple[str, str] | None:
    """"The share of eco-friendly vehicles in car exports rose ...", "Semiconductors' share of total exports":
    the part is the item; of the country's share of a line's market, the line."""
    if not is_share(scene):
        return None
    part, whole = share_part_and_whole(scene)
    if not part and scene.previous is not None and scene.previous.item and PRONOUN_SHARE.search(scene.left):
        # "Exports of eco-friendly vehicles reached $1.0 billion, and their share of total auto exports climbed to
        # 30.5 percent": the subject before is the part, the whole ("auto exports") no item of the share
        return scene.previous.item, scene.previous.item_written
    if not part and " for " in scene.right[:60]:
        line = line_of_whole_right(scene)
        if line is not None:
            return line
    if not part:
        market = LINE_MARKET.match(whole) if whole else None
        return known_or_phrase(market.group("line")) if market else None
    if find_regions(part) or THE_COUNTRIES.search(part):
        return None  # "the two countries' combined share", "China's share": a partner's, read by the region rules
    return known_or_phrase(part, scene.clause.start == 0 and scene.left.lstrip().startswith(part.strip()))


# "taking 86.8 percent of global orders for large LNG carriers": the whole after the figure, the line it is for
WHOLE_FOR_LINE = compile_gated(r"^\s+of\s+(?:the\s+)?(?P<whole>[\w\- ]+?)\s+for\s+(?P<line>[^,;.()]+)")


def line_of_whole_right(scene: Scene) -> tuple[str, str] | None:
    """The known line a share's whole after the figure is for; the whole must name an indicator ("of global orders
    for", not "of the total for the month")."""
    match = WHOLE_FOR_LINE.match(scene.right)
    if match is None or not find_indicators(match.group("whole")) or not find_items(match.group("line")):
        return None
    return known_or_phrase(match.group("line"))


# "Korea's share of the global foundry market": the country's share of one line's market, the line the item
LINE_MARKET = compile_gated(r"\s*(?:the\s+)?(?P<scope>global|world|worldwide|international)\s+"
                            r"(?P<line>[^,;()]+?)\s+markets?\s*$", re.IGNORECASE)


# "Industrial use, which accounts for 55.6 percent of the total, decreased": the part a relative share is of
RELATIVE_SHARE = compile_gated(r"(?:^|[,;]\s*)(?P<np>[A-Za-z][^,;()\d$]*?),\s+(?:which|that)\s+(?:alone\s+|now\s+)?"
                               r"(?:accounts?|accounted|makes?\s+up|made\s+up|represents?|represented|takes?\s+up|"
                               r"took\s+up)\s+(?:for\s+)?(?:(?:app\.|about|around|approximately|nearly|almost|"
                               r"roughly|some|over)\s+)?$")


def item_of_relative_share(scene: Scene) -> tuple[str, str] | None:
    """"Industrial use, which accounts for 55.6 percent of the total, decreased 1.9 percent": the share is of the
    subject "which" points at. Not a partner or a bare indicator ("Exports to China, which account for ...")."""
    left = scene.left
    if not is_percent_level(scene.observation) or ("hich" not in left and "that" not in left):
        return None  # a percentage, and the relative word every match holds: a look before the search
    match = RELATIVE_SHARE.search(left) if is_share(scene) else None
    if match is None:
        return None
    words = match.group("np")
    if find_regions(words) or is_bare_indicator(words):
        return None
    return known_or_phrase(words, match.start("np") == 0 and scene.clause.start == 0)


def share_indicator(scene: Scene) -> str:
    """"accounted for 42.5 percent of the total FDI" -> "share of fdi"."""
    _, whole = share_part_and_whole(scene)
    market = LINE_MARKET.match(whole) if whole else None
    if market:
        return f"share of {market.group('scope').lower()} market"  # its line is the item
    if whole and whole.strip():
        hit = most_specific(find_indicators(whole))  # "of total sales" in a retail release: its retail sales
        return f"share of {name_indicator(hit, scene.frame) if hit else whole.strip().lower()}"
    right = SHARE_WHOLE_RIGHT.match(scene.right)
    if right and right.group("whole").strip() and not names_period(right.group("whole")):
        whole = right.group("whole").strip()
        hit = most_specific(find_indicators(whole)) if "ales" in whole else None
        if hit is not None and hit.indicator.frame_named and len(whole) - (hit.end - hit.start) <= 1:
            return f"share of {scene.frame.sales_indicator}"  # "of total sales" in a retail release: its retail sales
        return f"share of {whole.lower()}"
    previous = scene.previous
    if previous is not None and previous.indicator.startswith("share of"):
        # "..., while the share of automobiles fell to 11.8 percent": the whole of the share before
        return previous.indicator
    if right and right.group("total") and previous is not None and previous.indicator != "unspecified":
        # "Manufacturing accounted for 47.1 percent of the total": the total the figure before measured
        whole = load_lexicon().share_whole_of.get(previous.indicator, previous.indicator)
        return f"share of {whole}"
    hit = indicator_left(scene)
    return f"share of {hit.indicator.name}" if hit else "share"


PERIOD_WORDS = re.compile(r"\s*(?:(?:the\s+)?(?:first|second|third|fourth|last|same|previous|current)\b|"
                          r"(?:19|20)\d\d\b|Q[1-4]\b|H[12]\b|(?:January|February|March|April|May|June|July|August|September|October|"
                          r"November|December)\b|(?:this|last|next)\s+(?:year|month)\b)", re.IGNORECASE)


def names_period(words: str) -> bool:
    """"in May", "in 2030", "in the first half": the time of the share, not its whole."""
    return bool(PERIOD_WORDS.match(words))


# ---- item --------------------------------------------------------------------------------------

def entry_subject(words: str, opens_sentence: bool = False) -> tuple[str, str] | None:
    """The item an entry's own words name (a gapped entry, a run's entry, a leader, a part "of which"): none when
    they hold a verb or a partner, or are no subject at all."""
    if GAPPED_NOT_SUBJECT.match(words) or first_verb(words) or find_regions(words):
        return None
    return known_or_phrase(words, opens_sentence)


def known_or_phrase(text: str, opens_sentence: bool = False) -> tuple[str, str] | None:
    """The item a phrase names: a known item (with its modifiers), else the phrase's own words."""
    text = TRAILING_INDICATOR.sub("", text)
    known = [s for s in find_items(text) if text[s.end:].strip(" ,") == "" or only_generic_words(text[s.end:])]
    if known:
        return expand_known(text, known[-1])
    name = noun_phrase(text, opens_sentence)
    if not name:
        return None
    # "those of EVs alone": the phrase's noun, the words after it dropped, is a known item, stored under its name
    whole = [s for s in find_items(name) if s.start == 0 and s.end == len(name)] if name != text.strip(" .,;:") else []
    return (whole[0].name if whole else name), text.strip()


def only_generic_words(text: str) -> bool:
    """"shipbuilding cooperation", "semiconductor projects": words after a known item naming no goods of their own."""
    if FIRST_DIGIT.search(text):
        return False
    words = text.lower().strip(" .,;:").split()
    return len(words) == 1 and words[0] in load_lexicon().generic_heads


COUNTED_KIND = compile_gated(r"\s((?:(?!(?:thousand|million|billion|trillion)\s)(?![a-z]+ing\s)[a-z][a-z\-]*\s){1,3}"
                             r"(?:vehicles|cars))$")


# "greenhouse gas emissions from power generation are estimated at", "Emissions from the industrial sector fell": the
# source the emissions come from, up to the verb
EMISSIONS_FROM = compile_gated(r"\bemissions\s+from\s+(?:the\s+)?(?P<np>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3}?)\s+"
                               r"(?:are|were|is|was|have|has|had|will|fell|rose|declined|dropped|increased|decreased|"
                               r"reached|stood|totaled|totalled|came|amounted|grew|edged|slid|climbed)\b")


def item_of_emission_source(scene: Scene) -> tuple[str, str] | None:
    """"Greenhouse gas emissions from power generation are estimated at about 95 million tons": emissions are named
    by their source (a sector, a fuel), not by a partner ("emissions from China" is a region's)."""
    if "emissions from" not in scene.subject_left.lower():
        return None
    match = EMISSIONS_FROM.search(scene.subject_left.lower())
    if match is None:
        return None
    words = scene.subject_left[match.start("np"):match.end("np")]
    if find_regions(words) or first_verb(words):
        return None
    return known_or_phrase(words) or (words, words)  # "power generation" is a source here, not the indicator


# "Imports of crude oil, gas and coal combined jumped", "chips and displays together accounted for": a list taken as
# one whole, up to the verb
COMBINED_LIST = compile_gated(r"(?:^|\bof\s+|,\s+)(?P<list>[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?(?:,\s+[a-z][\w\-]*"
                              r"(?:\s+[a-z][\w\-]*)?)*,?\s+and\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)\s+"
                              r"(?:combined|together|altogether)\b", re.IGNORECASE)


def item_of_combined_list(scene: Scene) -> tuple[str, str] | None:
    """"Imports of crude oil, gas and coal combined jumped 91.8 percent": the goods listed as one whole are the
    item, by the list as written (no one of them is)."""
    if "combined" not in scene.subject_left and "together" not in scene.subject_left:
        return None
    match = COMBINED_LIST.search(scene.subject_left)
    if match is None or find_regions(match.group("list")) or first_verb(match.group("list")):
        return None
    words = match.group("list")
    opening_capital = words[0].isupper() and not words[:2].isupper()  # "Semiconductors and ...", not "ICT and ..."
    return (words[0].lower() + words[1:] if opening_capital else words), words


def item_of_counted_kind(scene: Scene) -> tuple[str, str] | None:
    """"including 25,000 electric vehicles": the kind the count names is the item."""
    level = scene.observation.level
    if level is None or level.unit != "units":
        return None
    match = COUNTED_KIND.search(scene.sentence[level.start:level.end])
    return known_or_phrase(match.group(1)) if match else None


def item_after_change(scene: Scene) -> tuple[str, str] | None:
    """"a 28.1-percent increase in overseas sales of SSDs": the noun phrase names the item, up to a verb ("a 15.8
    percent surge in online sales more than made up for offline weakness" is online's)."""
    change = scene.observation.change
    match = CUE_NOUN_PHRASE.match(scene.sentence[change.end:]) if change else None
    if match is None:
        return None
    words = match.group("channel") or match.group("np")
    verb = first_verb(words) if match.group("np") else None
    spans = find_items(words[:verb[0]] if verb else words)
    return (spans[-1].name, spans[-1].written) if spans else None


def item_of_participle_object(scene: Scene) -> tuple[str, str] | None:
    """"Exports of SSDs jumped 52.8 percent, lifting computers and peripherals 4.1 percent to $630 million": the goods
    the participle lifted are the subject of their own change and level."""
    change = scene.observation.change
    if change is None or "ing " not in scene.sentence[max(0, change.start - 70):change.start]:
        return None
    match = participle_object_change(scene.sentence, scene.sentence[max(0, change.start - 80):change.start], change.end)
    if match is None:
        return None
    spans = find_items(match.group("object"))
    return expand_known(match.group("object"), spans[-1]) if spans else known_or_phrase(match.group("object"))


# "ships and wireless communication devices led the rebound, the latter rising 9.7 percent", "exports of the latter
# jumped 44.7 percent": the anaphor points at one of the two items named before it. Not "the latter figure", "the
# former amount": a figure, not an item.
FORMER_LATTER = compile_gated(r"\b[Tt]he\s+(?P<which>former|latter)(?:['’]s)?(?!\s+(?:figures?|amounts?|numbers?|"
                              r"values?|totals?|levels?|rates?|periods?|years?|months?|one)\b)")


def item_of_former_latter(scene: Scene) -> tuple[str, str] | None:
    """The first ("the former") or the last ("the latter") of the last two items the sentence names before the
    anaphor; at a sentence's opening, "the latter" is the subject of the figure before."""
    text = scene.subject_left
    if "ormer" not in text and "atter" not in text:
        return None  # every match holds one of them: a look before the search
    matches = list(FORMER_LATTER.finditer(text))
    if not matches or find_items(text[matches[-1].end():]):
        return None  # the clause names its own item after the anaphor ("the latter's exports of ships")
    anaphor = matches[-1]
    start = scene.clause.start + anaphor.start()
    plain = masked_sentence(scene.sentence)[1]  # examples blanked: "-- including handsets --" names no item
    named = [span for span in find_items(plain[:start]) if span.name]
    if len(named) >= 2 and named[-1].name != named[-2].name:
        chosen = named[-2] if anaphor.group("which") == "former" else named[-1]
        return chosen.name, chosen.written
    if start == 0 and anaphor.group("which") == "latter" and scene.previous is not None \
            and not scene.previous_in_sentence and scene.previous.item:
        return scene.previous.item, scene.previous.item_written
    return None  # partners ("exports to China and the U.S. ..., with the former up 1.1 percent"): the frame's item


# "Hybrids led eco-friendly vehicle exports at 49,000 units", "Semiconductors led the gains with $12.0 billion": the
# figure is the leader's, not the group's it led; "rose, led by chips at $10 billion" has no leader before "led"
LEADER_AT = compile_gated(r"(?:^|[,:]\s)\s*(?:the\s+)?(?P<np>[A-Za-z][^,;()\d$]*?)\s+led\s+(?!by\b)[^,;()\d$]*?\s+"
                          r"(?:at|with)\s+(?:(?:about|around|some|nearly|over|more\s+than)\s+)?$")


def item_of_leader(scene: Scene) -> tuple[str, str] | None:
    """The subject of "led" that a figure after "at" or "with" is about."""
    text = scene.subject_left
    if " led " not in text:
        return None  # every match holds it: a look before the search
    match = LEADER_AT.search(text)
    if match is None:
        return None
    words = match.group("np")
    return entry_subject(words, opens_sentence=scene.clause.start == 0)


# "22,470 eco-friendly vehicles were sold, of which electric cars were 8,219 units", "..., among them SUVs accounted
# for 61,300 units": the part the clause names after "of which", not the whole the sentence named first
SUBSET_PART = compile_gated(r"\b(?:[Oo]f which|[Oo]f these|[Oo]f them|[Aa]mong them|[Aa]mong which)\s+(?:the\s+)?"
                            r"(?P<np>[A-Za-z][^,;()\d$]*?)\s+(?:were|was|accounted\s+for|made\s+up|came\s+to|"
                            r"totaled|totalled|amounted\s+to|stood\s+at|numbered)\s+"
                            r"(?:(?:about|around|approximately|roughly|almost|some|nearly|over|more\s+than)\s+)?$")


def item_of_subset_part(scene: Scene) -> tuple[str, str] | None:
    """The part "of which" names with its own verb before the figure; a partner ("of which China took") is a
    region, left to the region rules, and a part's share ("of which LNG carriers made up 70 percent") to
    part_of_which."""
    text = scene.subject_left
    if "of " not in text and "among " not in text.lower():
        return None  # every match holds one of them: a look before the search
    if is_percent_level(scene.observation):
        return None
    match = SUBSET_PART.search(text)
    if match is None:
        return None
    words = match.group("np")
    return entry_subject(words)


def item_of_colon_entry(scene: Scene) -> tuple[str, str] | None:
    """"12 posted growth: semiconductors 7.9 percent, automobiles 24.5 percent": the entry's own name."""
    main = scene.observation.change or scene.observation.level
    if ":" not in scene.sentence[scene.clause.start:main.start]:
        return None
    name = colon_entry_name(scene.sentence[scene.clause.start:main.start])
    return known_or_phrase(name) if name and not find_regions(name) else None


# "..., followed by petroleum products at $46.4 billion and automobiles at $40.9 billion": a list entry
# names its own item right before "at" (or "with") and its figure.
ENTRY_AT = compile_gated(r"\s+(?:at|with)\s+(?:(?:about|around|some|nearly|over|more than)\s+)?$")
ENTRY_AT_ENDS = ("at", "with", "about", "around", "some", "nearly", "over", "than")
ENTRY_OPENER = compile_gated(r"\bfollowed\s+by\b|[,;]")
ENTRY_PREFIX = compile_gated(r"\s*(?:the\s+)?|.*\s(?:and|by)\s+(?:the\s+)?", re.DOTALL)


def item_of_list_entry(scene: Scene) -> tuple[str, str] | None:
    """"followed by petroleum products at $46.4 billion and automobiles at $40.9 billion": each entry's own item,
    named just before "at" after the list's opener ("followed by", a comma, "and")."""
    text = scene.subject_left
    if not (text[-1:].isspace() and text.rstrip().endswith(ENTRY_AT_ENDS)):
        return None  # the words ENTRY_AT ends in: a look at the end before a search of the whole clause
    at = ENTRY_AT.search(text)
    if at is None:
        return None
    openers = list(ENTRY_OPENER.finditer(text, 0, at.start()))
    if not openers:
        return None
    name = text[openers[-1].end():at.start()]
    spans = [s for s in find_items(name) if s.end == len(name)]
    if not spans or not ENTRY_PREFIX.fullmatch(name[:spans[-1].start]):
        return None
    return spans[-1].name, spans[-1].written


# "rose 5.1 percent, and displays 3.2 percent", "$2.1 billion and petrochemical exports 8.1 percent": a gapped
# entry, the verb of the figure before left out; the words between "and" and the figure name its subject. The
# figure before may have an aside, blanked ("131,652 units (up 2.0 percent), and imported brands 21,629 units").
# "food sales grew 27.2 percent online and household goods 15.6 percent": the figure before may name its channel. The
# entry may end in its acronym, blanked ("and mergers and acquisitions (M&A) $3.2 billion"), and keep the "to" of the
# verb left out ("came to $5.9 billion, and M&A to $2.8 billion").
# The figure before may be the size of a change, set off by its comma ("online shopping malls posted 18.9 percent
# growth, and online brokers 13.8 percent"; "posting 10.6 percent growth and offline retailers sliding" is a clause).
# "fell 11.8 percent amid falling LCD panel prices, and mobile phones dropped": a cause may follow the figure before
LISTED_CAUSE = rf"(?:\s+(?:{CAUSE_OPENERS})\s[^,;\d]*?(?=,))?"
CHANGE_NOUN = r"(?:growth|gains?|increases?|rises?|declines?|decreases?|drops?|falls?)\b"
CHANGE_NOUN_AFTER = r"(?:" + CHANGE_NOUN + r"\s*)?"
GAPPED_ENTRY = compile_gated(FIGURE_TAIL + r"(?:" + CHANGE_NOUN + r"(?=,))?" + LISTED_CAUSE +
                             # "drew $6.9 billion in pledges (up 8.4 percent) and manufacturing $2.7 billion", "made
                             # up $21.4 billion of the total, and M&As $9.1 billion": what the figure before counts
                             r"(?:(?:in|of)\s(?:the\s)?(?:pledges|investment|sales|exports|imports|total)\s*)?"
                             # "41,500 units, the most ever in a single month, and electric cars 15,300 units"
                             r"(?:,\s(?:the|a|an)\s(?:most|highest|largest|lowest|biggest|smallest|best|worst|first|"
                             r"record)\b[^,;()$]*)?"
                             r"(?:(?:online|offline)\b)?(?:\(\s*)?,?\s+and\s+"
                             # "and flat panel displays, 11.7 percent": a comma may stand for the verb left out
                             r"(?P<np>[A-Za-z][^,;()\d$]*?)(?:\s*\()?,?(?:\s+to)?\s+$")
# "... by 14.5 percent, and the power generation sector by 44.4 percent", "hybrids sold 41,500 units, the most ever in a
# single month, and electric cars 15,300 units": a clause of its own after ", and", only the entry's name and its
# figure, the verb left out
GAPPED_CLAUSE = compile_gated(r"^\s*(?P<np>[A-Za-z][^,;()\d$]*?)\s+(?:by\s+)?$")
GAPPED_NOT_SUBJECT = compile_gated(r"^(?:to|from|in|of|for|by|at|on|with|as|up|down|over|about|around|more|less|"
                                   r"nearly|almost|some|those|that|then|also|further|another|again)\b",
                                   re.IGNORECASE)


def item_of_gapped_entry(scene: Scene) -> tuple[str, str] | None:
    """"Offline sales went up 2.9 percent and online sales 8.5 percent", "large companies accounted for 1.6 million
    tCO2eq and small and medium enterprises 0.5 million tCO2eq": the entry's own words, not the first subject."""
    text = scene.subject_left
    if not scene.previous_in_sentence:
        return None  # a gapped entry follows a figure of its sentence, just after "and"
    match = GAPPED_CLAUSE.match(text) if scene.clause.lead == "and" else None
    if match is None and " and " not in text[-60:]:
        return None
    match = match or GAPPED_ENTRY.search(text)
    if match is None:
        return None
    words = without_trailing_participle(match.group("np"))
    return entry_subject(words)


# "semiconductors $13.6 billion (+37.1%), automobiles $5.5 billion (-1.8%), ...": a run of entries, each a name and
# its figure with no verb, after a comma; the figure before may have an aside, blanked. "... and ships $2.1 billion"
# is a gapped entry. Only a known item: "rose 5.1 percent, a record $50.1 billion" names no entry.
RUN_ENTRY = compile_gated(FIGURE_TAIL + LISTED_CAUSE + r"(?:\(\s*)?,\s*(?P<np>[A-Za-z][^,;:()\d$]*?)\s+$")
# "By industry: manufacturing, $14.2 billion (+18.3%); services, $20.6 billion; energy and others, $1.3 billion",
# "Computers: $1.6 billion (+52.0%); communication devices: $1.4 billion": a clause after a semicolon that is only a
# name and a comma or colon before its figure
NAMED_CLAUSE_ENTRY = compile_gated(r"^\s*(?P<np>[A-Za-z][^,;:()\d$]*?)\s*[,:]\s*$")


def item_of_run_entry(scene: Scene) -> tuple[str, str] | None:
    """A run of entries, each with its own name before its figure: the entry's name, not the run's first item."""
    if not scene.previous_in_sentence or scene.previous is None or not scene.previous.item:
        return None  # an entry of a run follows an entry of its sentence, itself about an item
    text = scene.subject_left
    if scene.clause.lead == ";":
        match = NAMED_CLAUSE_ENTRY.match(text)
        words = match.group("np") if match else None
        if words is None or load_lexicon().adverbial_lead.match(words + " "):
            return None
    else:
        if "," not in text[-50:]:
            return None  # the entry's comma stands just before its name: a look before the search
        match = RUN_ENTRY.search(text)
        words = match.group("np") if match else None
        if words is None or not any(s.end == len(words) for s in find_items(words)):
            return None
    return entry_subject(words)


# "Hypermarkets dropped 6.9 percent, SSMs edged up 0.8 percent and convenience stores were almost flat": clauses
# listed with a comma or "and", each a subject and its verb after the figure before; the figure before may be the
# size of a change ("with online retailers posting 12.1 percent growth and offline retailers slipping 0.5 percent")
# "or 32.0 percent of total domestic sales, and hybrid vehicles accounted for": the whole of a share before
LISTED_WHOLE = r"(?:of\s+(?:the\s+)?(?:total\s+)?[a-z]+(?:\s+[a-z]+)?\s*)?"
# "rose 11.9 percent to $13.1 billion in March, the highest ever for the month, and computers jumped": the figure
# before may name its month and a record beside it
LISTED_RECORD = (r"(?:in\s+[A-Z][a-z]+(?:\s+\d{4})?\s*)?"
                 r"(?:,\s(?:the|a|an)\s(?:most|highest|largest|lowest|biggest|best|worst|first|record)\b[^,;()$\d]*)?")
LISTED_CLAUSE = compile_gated(FIGURE_TAIL + LISTED_WHOLE + LISTED_RECORD + CHANGE_NOUN_AFTER + LISTED_CAUSE
                              + r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?"
                              r"(?P<rest>[A-Za-z][^\d]*)$")


def item_of_listed_clause(scene: Scene) -> tuple[str, str] | None:
    """"Hypermarkets dropped 6.9 percent, SSMs edged up 0.8 percent and convenience stores were almost flat (down
    0.1 percent)": a known item opening the words after the figure before, then its own verb, is this figure's
    subject, not the clause's first item. Only a known item, right after the comma or "and": not "rose 50.1 percent
    on the delivery of LNG carriers and 12.0 percent ..."."""
    text = scene.subject_left
    if not scene.previous_in_sentence or ("," not in text and " and " not in text) or FIRST_DIGIT.search(text) is None:
        return None  # the figure before stands in this clause, a comma or "and" after it
    match = LISTED_CLAUSE.search(text)
    if match is None:
        return None
    rest = match.group("rest")
    spans = find_items(rest)
    verb = first_verb(rest, spans[0].end) if spans and spans[0].start == 0 else None
    if verb is None:
        return None
    if OWN_MEASURE_OF.search(rest, verb[0]):
        return None  # "and convenience stores saw sales of daily necessities grow 9.2 percent": the sales' goods
    return expand_known(rest, spans[0])


OWN_MEASURE_OF = compile_gated(r"\b(?:sales|exports|imports|shipments|production)\s+of\b")


# "Exports of ships soared 62.1 percent to $2.1 billion, those of automobiles were up 5.9 percent": an anaphor listed
# after the figure before, in its clause, names its own complement
LISTED_ANAPHOR = compile_gated(FIGURE_TAIL + r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:those|that)\s+(?:of|for)\s+(?:the\s+)?"
                               r"(?P<np>[A-Za-z][^\d]*)$")


def item_of_listed_anaphor(scene: Scene) -> tuple[str, str] | None:
    """"..., those of automobiles were up 5.9 percent": not the item the indicator before named ("exports of ships")."""
    text = scene.subject_left
    if not scene.previous_in_sentence or ("those " not in text and "that " not in text):
        return None  # the anaphor follows a figure of its sentence: a look before the search
    match = LISTED_ANAPHOR.search(text)
    if match is None:
        return None
    words = complement(match.group("np"))
    return None if find_regions(words) or not words.strip() else known_or_phrase(words)


# "set aside 210 billion won for hydrogen vehicles, and KRW 94.1 billion for smart factories": an amount listed right
# after "and" or a comma, its verb left out, then what it is "for"
AMOUNT_FOR = compile_gated(r"^\s+for\s+(?:the\s+)?(?P<np>[A-Za-z][^,;()\d$]*)")


def item_of_listed_amount(scene: Scene) -> tuple[str, str] | None:
    """"..., and KRW 94.1 billion for smart factories": the entry's own goods, not the list's first."""
    if not scene.previous_in_sentence or not scene.right.startswith(" for ") \
            or not scene.subject_left.rstrip().endswith((",", " and")):
        return None  # a listed amount follows a figure of its sentence after "and" or a comma: a look first
    match = AMOUNT_FOR.match(scene.right)
    if match is None or FIRST_DIGIT.search(scene.subject_left) is None:
        return None
    words = complement(match.group("np"))
    return None if find_regions(words) or is_for_firms(words) else known_or_phrase(words)


# "rose to $11.7 billion, including $3.6 billion in the semiconductor sector": a part of the total, its own goods
INCLUDED_AMOUNT_IN = compile_gated(r"^\s+(?:in|for|into)\s+(?:the\s+)?(?P<np>[A-Za-z][^,;()\d$]*?)"
                                   r"(?:\s+(?:and|or))?\s*(?:[,;()\d$]|$)")


def item_of_included_amount(scene: Scene) -> tuple[str, str] | None:
    """"including $3.6 billion in the semiconductor sector", "of which $1.2 billion for batteries": the part's own
    sector, named after it, not the total's before it; a partner ("in the U.S.") or a class of firms names none, nor
    a measure ("including KRW 17 trillion in policy loans" is the package's loans, for its goods)."""
    if not scene.left.rstrip().endswith(("including", "of which")) \
            or load_lexicon().unnamed_measure_after.match(scene.right):
        return None
    match = INCLUDED_AMOUNT_IN.match(scene.right)
    if match is None:
        return None
    words = complement(match.group("np"))
    if find_regions(words) or is_for_firms(words) or not (find_items(words) or SECTOR_HEAD.search(words)):
        return None  # "including $0.6 billion in cash", "in the form of M&A": a form, no sector
    return known_or_phrase(words)


# "in the chemical industry", "in the service sector": words a sector's name ends in
SECTOR_HEAD = compile_gated(r"\b(?:sector|sectors|industry|industries|field|fields)\s*$")


def without_trailing_participle(words: str) -> str:
    """"with memory chips up 31.2 percent and system semiconductors surging 36.7 percent": the subject before its
    participle (its own verb, not a gap); any other verb in the words still tells them apart from a subject."""
    verb = first_verb(words)
    if verb is None or verb[1] != len(words) or not words.endswith("ing"):
        return words
    return words[:verb[0]].rstrip()


# "(women's wear down 9.8 percent; men's wear down 7.1 percent)": an entry of an aside, its own name then its change
PARENTHESIS_ENTRY = compile_gated(r"(?:^|[;,]\s*)(?P<np>[A-Za-z][^;,()\d$%]*?)\s+(?:up|down)\s+(?:by\s+)?$")


def item_of_parenthesis_entry(scene: Scene) -> tuple[str, str] | None:
    """"as clothing sales (women's wear down 9.8 percent; men's wear down 7.1 percent) weakened", "(semiconductors up
    6.6 percent, automobiles up 21.1 percent)": each entry of the aside names its own item, not the phrase before
    the aside. Not an indicator ("(number of purchases up 4.1 percent)"), a partner or words with a verb."""
    if scene.paren_open is None or not scene.left.endswith((" up ", " down ", " by ")):
        return None  # every entry ends so (the clause's text before the figure ends as the aside's): a look first
    match = PARENTHESIS_ENTRY.search(scene.sentence[scene.paren_open + 1:scene.observation.start])
    if match is None:
        return None
    words = match.group("np")
    if first_verb(words) or find_regions(words) or find_indicators(words):
        return None
    return known_or_phrase(words)


# "were flat (up 0.3 percent)", "stayed virtually unchanged (down 0.1 percent)", "rose faster — up 18.6 percent —": the
# aside states the verb's size exactly; the word before it is the verb's complement, no name
STATE_BEFORE_ASIDE = compile_gated(r"\b(?:flat|unchanged|steady|stable|little changed|faster|slower|further)\s*$",
                                   re.IGNORECASE)


def item_in_parenthesis_lead(scene: Scene) -> tuple[str, str] | None:
    """"semiconductors (up 7.9 percent)": the phrase just before the aside; not a state the verb reached ("were
    flat (up 0.3 percent)"): the clause's subject is the item, read by the rules after."""
    if scene.paren_open is None or indicator_in_parenthesis(scene) is not None:
        return None
    if STATE_BEFORE_ASIDE.search(scene.sentence, max(scene.clause.start, scene.paren_open - 20), scene.paren_open):
        return None
    return item_before_aside(scene, scene.paren_open)


# "services and others (tickets, travel) — up 52.4 percent — led the growth": a change set off by dashes
DASH_ASIDE_OPEN = compile_gated(r"\s[—–]\s*(?:(?:up|down)\s+(?:by\s+)?)?$")


def item_in_dash_aside_lead(scene: Scene) -> tuple[str, str] | None:
    """"food (up 21.4 percent) and services — up 52.4 percent — led the growth": a change set off by dashes is an
    aside like one in parentheses, about the phrase just before it."""
    tail = scene.left[-12:]
    if scene.paren_open is not None or ("—" not in tail and "–" not in tail):
        return None  # a dash just before the figure: a look before the search
    dash = DASH_ASIDE_OPEN.search(scene.left)
    if dash is None or STATE_BEFORE_ASIDE.search(scene.left, max(0, dash.start() - 20), dash.start()):
        return None
    return item_before_aside(scene, scene.clause.start + dash.start())


# "Offline sales rose 14.3 percent — department stores soared 27.1 percent, ...", "grew 13.0 percent — food alone 9.8
# percent —": a dash right after a figure opens an aside whose own subject names a part of the whole before it
DASH_ENTRY = compile_gated(FIGURE_TAIL + r"[—–]\s+(?P<np>[A-Za-z][^—–,;:()\d$]*?)\s+$")


def item_of_dash_entry(scene: Scene) -> tuple[str, str] | None:
    """The part a dash aside after a figure is about: its words before its own figure, a verb after them left out."""
    if not scene.previous_in_sentence or ("—" not in scene.left and "–" not in scene.left):
        return None  # a look before the search: the aside follows a figure of its sentence
    match = DASH_ENTRY.search(scene.left)
    if match is None:
        return None
    words = match.group("np").split()
    if len(words) > 1 and is_verb(words[-1]):
        words = words[:-1]  # "department stores soared"
    phrase = " ".join(words)
    if GAPPED_NOT_SUBJECT.match(phrase) or first_verb(phrase) or find_regions(phrase) or find_indicators(phrase):
        return None  # "— up from 9.1 percent", "— accounting for ...", "— exports to China 5.1 percent": no part
    return known_or_phrase(phrase)


def item_before_aside(scene: Scene, aside_start: int) -> tuple[str, str] | None:
    """The item the phrase just before an aside (at aside_start in the sentence) names."""
    before = mask_parentheses(scene.sentence[max(scene.clause.start, aside_start - 80):aside_start])
    words = LEADING_AND.sub("", phrase_before(before))
    if find_regions(words) or not words.strip():
        return None
    if words.endswith(" demand"):
        # "rose 9.2 percent on robust SSD demand (up 31.0 percent)": the aside is the known goods' own growth
        return known_at_end(words[:-len(" demand")])
    listed = known_reaching_back(before, words)
    if listed is not None:
        return listed
    if is_bare_indicator(words):
        # "a decrease in exports (down 3.1 percent)": the indicator alone, about what the sentence is about
        subject = scene.before_sentence if sentence_anaphoric(scene) else None
        item = subject.item if subject else scene.frame.default_item
        return item, subject.item_written if subject else item
    return known_or_phrase(words, aside_start - len(before) + before.find(words.strip()[:3]) <= 0)


def known_at_end(text: str) -> tuple[str, str] | None:
    """The known item the text ends in ("robust SSD": SSDs); none if it ends in other words."""
    spans = [s for s in find_items(text) if text[s.end:].strip() == ""]
    return (spans[-1].name, spans[-1].written) if spans else None


def known_reaching_back(text: str, phrase: str) -> tuple[str, str] | None:
    """"driven by materials, parts and equipment ($3.2 billion, ...)": a known name with a comma in it ends the
    text and reaches back past the comma that cut the phrase; "steel, ships and petrochemicals (...)" is a list."""
    words = phrase.split()
    if not words or token_key(words[-1]) not in load_lexicon().comma_item_last_tokens or "," not in text:
        return None
    end = len(text.rstrip(" (\u00a0"))
    spans = [s for s in find_items(text) if s.end == end and "," in s.written]
    return (spans[-1].name, spans[-1].written) if spans and end - spans[-1].start > len(phrase.strip()) else None


TOTAL_WORDS = re.compile(r"\b(?:both|the|total|overall|domestic|its|their)\b")


def is_bare_indicator(words: str) -> bool:
    hits = find_indicators(words)
    return bool(hits) and not TOTAL_WORDS.sub("", words[:hits[0].start] + words[hits[-1].end:]).strip(" ,")


def sentence_anaphoric(scene: Scene) -> bool:
    return bool(load_lexicon().anaphora_lead.match(scene.sentence))


def total_marker_before(text: str, hit: IndicatorSpan) -> re.Match | None:
    return load_lexicon().total_marker.search(text[max(0, hit.start - 28):hit.start])


def item_of_total(scene: Scene) -> tuple[str | None, str | None] | None:
    """"Korea's total trade surplus", "overall production": a total is about no item (or the frame's)."""
    text = scene.masked_left
    hit = nearest_indicator(text)
    if hit is None:
        return None
    window = text[max(0, hit.start - 28):]
    if find_items(window) or "," in text[hit.end:]:
        return None
    adjacent = len(text) - hit.end <= 25  # "Korea's total trade surplus of $11.4 billion", not an appositive
    marker = load_lexicon().economy_marker.search(text, max(0, hit.start - 28), hit.start) if adjacent else None
    if marker and not (marker.group(0)[:1].isupper() and home_in_name(text, marker.start())):
        # "GM Korea's exports" are a maker's
        return None, None
    total = total_marker_before(text, hit)
    if total and not PART_AT_AFTER_TOTAL.match(text, hit.end):
        between = text[max(0, hit.start - 28) + total.end():hit.start].strip()
        spelt = next((name for abbr, name in scene.frame.abbreviations if abbr == between), None)
        if spelt:
            return spelt, between  # "Total MPE exports": all the goods the lead abbreviated
        # "overall retail sales in May saw a growth of 8.0 percent"
        return scene.frame.default_item, scene.frame.default_item
    return None


# "services accounted for 76.9 percent of total pledges at $22.7 billion": the amount after the share is the part's
PART_AT_AFTER_TOTAL = compile_gated(r"[a-z\s]{0,30}?\s+at\s+(?:about\s+|around\s+|some\s+|nearly\s+)?$")


POSSESSOR_BEFORE = compile_gated(r"(?:^|(?<=[\s,]))(?P<name>(?:[A-Z][\w&.\-]*\s+){0,3}[A-Z][\w&.\-]*)"
                               r"['’]s\s+$")  # not "Carmakers' domestic sales": a plural common noun
LEADING_NAME_NOISE = compile_gated(r"^(?:(?:The|By|In|For|Of|At|And|While|Meanwhile|Also)\s+)+")


def ends_in_possessive(text: str) -> bool:
    """Does the text end in "'s" and a blank, as every POSSESSOR_BEFORE match does (a look before the search)?"""
    stripped = text.rstrip()
    return len(stripped) < len(text) and stripped.endswith(("'s", "’s"))


def item_of_possessor(scene: Scene) -> tuple[str | None, str | None] | None:
    """"GM Korea's exports fell", "Kia's output rose": a company's own figure is about the company (the maker
    is the item, as "Hyundai Motor produced ..."), not the economy, a region or a month."""
    text = scene.subject_left
    hit = nearest_indicator(text)
    if hit is None or not ends_in_possessive(text[:hit.start]):
        return None
    match = POSSESSOR_BEFORE.search(text, 0, hit.start)
    if match is None:
        return None
    name = LEADING_NAME_NOISE.sub("", match.group("name"))
    words = name.split()
    if words and words[-1] in load_lexicon().home_names \
            and not home_in_name(text, match.start("name") + match.group("name").rfind(words[-1])):
        return None  # "In February Korea's imports": the economy's, after a month
    if not words or name in load_lexicon().home_names or MONTH_WORD_FORMS.match(words[-1]):
        return None
    if find_regions(name):
        if text.startswith(" on ", hit.end) and RATE_NOUN.search(hit.written):
            return None  # "China's tariff on Korean lithium-ion batteries": the goods after, the rate's
        return None, None  # "China's exports": the partner's, about no item
    known = find_items(name)
    if known:
        return expand_known(name, known[-1])
    return name, name


RATE_NOUN = compile_gated(r"(?:tariffs?|dut(?:y|ies)|rates?)$", re.IGNORECASE)
MONTH_WORD_FORMS = compile_gated(r"^(?:January|February|March|April|May|June|July|August|September|October|"
                              r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                              r"Last|This|Next|Today|Yesterday|Year|Month|Government|Ministry|Country|"
                              r"Nation|Industry|World)$")


def nearest_indicator(text: str) -> IndicatorSpan | None:
    hits = find_indicators(text)
    return hits[-1] if hits else None


# "sales of tobacco increased ", "with sales of luxury goods growing ": the product line, then at most its verb
SALES_OF = compile_gated(r"\b[Ss]ales of\s+(?P<np>[^,;()]+)$")
VERB_TAIL = compile_gated(r"^\s*(?:\S+\s*){0,2}$")


def item_of_sales_of(scene: Scene) -> tuple[str, str] | None:
    """"At convenience stores, sales of tobacco increased 4.2 percent", "Department stores rose, with sales of
    luxury goods growing 8.7 percent": the product line sold is the item, not the store type the clause names
    too. Only a line the lexicon does not know: a known one is read next to the indicator already."""
    text = scene.subject_left
    if "ales of" not in text:
        return None  # the words every match holds: a look before the search
    match = SALES_OF.search(without_set_off_adverbial(text))
    if match is None:
        return None
    words = complement(match.group("np"))
    if not words.strip() or not VERB_TAIL.match(match.group("np")[len(words):]) or find_regions(words):
        return None
    if find_items(words):
        # "Online sales of home appliances jumped": the line, not the channel before; else next to the indicator
        return known_or_phrase(words) if find_items(text[:match.start()]) else None
    name = noun_phrase(words) or joined_line(words)
    return (name, words.strip()) if name else None


# "travel and performance tickets", "food and beverages": two lines sold as one, plain lower-case words
JOINED_LINE = compile_gated(r"^\s*[a-z][\w\-]*(?:\s[a-z][\w\-]*)?\sand\s[a-z][\w\-]*(?:\s[a-z][\w\-]*){0,2}\s*$")


def joined_line(words: str) -> str | None:
    """A product line named by two nouns joined, with no verb among them."""
    return words.strip() if JOINED_LINE.match(words) and not first_verb(words) else None


# "services and others,                            surged": the comma before examples the subject text blanked
COMMA_BEFORE_BLANKED = compile_gated(r",(?=\s{8,}\S)")


def without_set_off_adverbial(text: str) -> str:
    """"Online sales of tickets, however, plunged", "online sales of services and others, including travel and
    dining, surged": the adverbial or the examples and their commas blanked (offsets kept)."""
    if "," not in text:
        return text
    if "   " in text:
        text = COMMA_BEFORE_BLANKED.sub(" ", text)
    match = load_lexicon().adverbial_set_off.search(text)
    if match is None or text[match.end():match.end() + 1] != ",":
        return text
    return text[:match.start()] + " " * (match.end() + 1 - match.start()) + text[match.end() + 1:]


# "By product, food sales at online retailers jumped", "food sales grew 27.2 percent online": a product line before
# "sales", the channel after it or after the figure
LINE_SALES_AT = compile_gated(r"(?:^|,)\s*(?P<np>[A-Za-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2}?)\s+sales\s+"
                              r"(?:(?:at|in|through)\s+|[a-z]+\s+$)")
SALES_AT = compile_gated(r"\ssales\s+at\s+(?P<channel>[^,;]+)$")


def item_of_line_sales_at(scene: Scene) -> tuple[str, str] | None:
    """In a "By product," section, "food sales at online retailers jumped 53.6 percent", "food sales grew 27.2
    percent online": the line the section lists is the item, not the channel its sales were at. In a retail
    release also without the section when the sales are at a channel the lexicon knows ("Fashion and apparel
    sales at department stores dropped 21.1 percent")."""
    if " sales " not in scene.subject_left or (scene.section != "item" and not line_sales_at_channel(scene)):
        return None
    match = LINE_SALES_AT.search(scene.subject_left)
    if match is None or find_items(match.group("np")) or find_regions(match.group("np")):
        return None
    name = noun_phrase(match.group("np"), opens_sentence=not scene.subject_left[:match.start("np")].strip())
    return (name, match.group("np")) if name else None


def line_sales_at_channel(scene: Scene) -> bool:
    if scene.frame.kind != "retail":
        return False
    at = SALES_AT.search(scene.subject_left)
    return at is not None and bool(find_items(at.group("channel")))


def item_of_market(scene: Scene) -> tuple[str, str] | None:
    """"noting that the domestic PET film market was worth about KRW 420 billion": the goods the market is for, by
    the full name of the remedy's goods they are the short name of ("Korea's stainless steel bar market")."""
    text = scene.subject_left
    if "market" not in text:
        return None  # the word every match holds: a look before the search
    match = load_lexicon().market_worth.search(text)
    if match is None:
        return None
    words = match.group("np")
    for product, _ in scene.frame.origins:
        if names_product(words, product):
            product = TITLE_REMEDY_LEAD.sub("", product)
            return known_or_phrase(" ".join(word if word.isupper() else word.lower() for word in product.split()))
    return known_or_phrase(words)


def item_next_to_indicator(scene: Scene) -> tuple[str, str] | None:
    """"semiconductor exports", "exports of semiconductors", "sales at SSMs": the item the indicator names; not the
    group a lead names when a known item follows it ("Among online sales, travel and culture services surged")."""
    text = scene.subject_left
    hits = measures_of_figure(text, find_indicators(text))
    lead = group_lead(text) if hits else None
    if lead is not None and any(span.start >= lead.end() for span in find_items(text)):
        hits = tuple(hit for hit in hits if hit.start >= lead.end())
    for hit in reversed(hits):
        for span in find_items(text):
            joined_before = span.end <= hit.start and JOINED_BEFORE.fullmatch(text[span.end:hit.start])
            joined_after = span.start >= hit.end and JOINED_AFTER.fullmatch(text[hit.end:span.start])
            if joined_after and scene.frame.kind == "remedy":
                # a remedy names specific goods ("Imports of Chinese steel wire"); elsewhere a known item's noun
                # after it is a part of its series ("Production of battery cells")
                compound = compound_after(text, span)
                if compound is not None:
                    return compound
            if joined_before or joined_after:
                return expand_known(text, span)
        compound = compound_before(text, hit)
        if compound is not None:
            return compound
    return None


# "Imports of Chinese steel wire rose", "Imports of hydrogen peroxide from": after a known item, one noun of its own
# that ends the phrase (a verb, a preposition, a comma or the figure next)
NOUN_AFTER = compile_gated(r"\s+([a-z][a-z\-]*[a-z])(?=\s*[,;(]|\s+(?:from|in|to|for|at|by|during|over|of|with)\b"
                           r"|\s+([a-z]+)\b)")


def compound_after(text: str, span) -> tuple[str, str] | None:
    """"Imports of Chinese steel wire", "Imports of hydrogen peroxide from the three countries": a known item that
    modifies a noun of its own after an indicator's "of" names that noun's goods, not the modifier's alone."""
    match = NOUN_AFTER.match(text, span.end)
    if match is None or not is_head_noun(match.group(1)) or match.group(1) in load_lexicon().generic_heads \
            or (match.group(2) and not is_verb(match.group(2))):
        return None  # "exports of the steel industry" are steel's
    written = text[span.start:match.end(1)]
    common = written.split(" ", 1)[0].lower() in load_lexicon().item_words
    name = written[0].lower() + written[1:] if common else written
    return expand_known(text, Span(span.start, match.end(1), name, written))  # "stainless steel wire"


# "Semiconductor equipment imports": a known item, one noun of its own, then the indicator
COMPOUND_BEFORE = compile_gated(r"\s+([a-z][a-z\-]*[a-z])\s+$")


def compound_before(text: str, hit: IndicatorSpan) -> tuple[str, str] | None:
    """"Semiconductor equipment imports", "display panel exports": a known item that modifies a noun of its own
    before the indicator names that noun's item, not the modifier's ("semiconductor industry exports" do not)."""
    for span in find_items(text):
        noun = COMPOUND_BEFORE.fullmatch(text, span.end, hit.start) if span.end < hit.start else None
        if noun is not None and is_head_noun(noun.group(1)):
            written = text[span.start:noun.end(1)]
            common = written.split(" ", 1)[0].lower() in load_lexicon().item_words
            return (written[0].lower() + written[1:] if common else written), written
    return None


# "Among offline retailers, department stores ...", "Within manufacturing, chemical pledges ...", "In manufacturing,
# chemical engineering drew ...", "Online, the food category expanded": the group or channel the clause's subject is
# taken from, set off by a comma
GROUP_LEAD = compile_gated(r"^\W*(?:(?:[Aa]mong|[Ww]ithin|[Ii]n|[Aa]t)\s+(?:the\s+)?[^,;()\d]{1,50}|Online|Offline"
                           # "By type of offline store, convenience stores grew": the group a section is of
                           r"|[Bb]y\s+(?:type|kind|category|format)\s+of\s+[^,;()\d]{1,40}"
                           # "By offline format, department stores grew"
                           r"|[Bb]y\s+(?:online|offline)\s+(?:format|channel|store\s+type)s?),\s")


def group_lead(text: str) -> re.Match | None:
    return GROUP_LEAD.match(text) if text.lstrip()[:1] in ("A", "a", "W", "w", "I", "i", "O", "B", "b") else None


def item_in_clause_left(scene: Scene) -> tuple[str, str] | None:
    """The first item the clause names before the figure, asides and examples left out; after a group lead, the
    first it names after the group, else none (the group is not the subject: "Within manufacturing, chemical
    engineering pledges"), unless the subject is a bare indicator ("Among online retailers, sales rose")."""
    text = scene.subject_left
    spans = find_items(text)
    if not spans:
        return None
    lead = group_lead(text)
    if lead is None:
        return expand_known(text, spans[0])
    after = [span for span in spans if span.start >= lead.end()]
    if after:
        return expand_known(text, after[0])
    head = clause_head(text[lead.end():])
    if text.lstrip()[:1] == "O" and not is_bare_indicator(head):
        # "Online, the food category expanded", "Offline, apparel sales slid": the channel's line, named plainly
        named = known_or_phrase(head)
        if named is not None:
            return named
    return None if noun_phrase(head) else expand_known(text, spans[0])


def item_of_units(scene: Scene) -> tuple[str, str] | None:
    """"7,903 units of the EV3"; "1.01 billion barrels of crude oil", "2.1 GW of solar" or "of wind capacity" (a
    known item)."""
    level = scene.observation.level
    if level is None or level.unit in ("percent", None) or level.unit in CURRENCY_UNITS:
        return None
    match = UNITS_OF.match(scene.right) if level.unit in ("units", "tons") else None
    if match:
        return known_or_phrase(match.group(1))
    known = QUANTITY_OF.match(scene.sentence, level.end, scene.clause.end)
    if known is None:
        return None
    goods = MEASURE_AFTER_GOODS.sub("", known.group(1))  # "16.5 GW of wind capacity": the capacity is wind's
    spans = find_items(goods)
    return expand_known(goods, spans[0]) if spans and spans[0].end == len(goods) else None


MEASURE_AFTER_GOODS = compile_gated(r"\s+(?:power\s+)?(?:generation\s+)?capacity$")


def item_worth_of(scene: Scene) -> tuple[str, str] | None:
    """"$1.9 billion worth of crude oil": the goods the amount buys."""
    level = scene.observation.level
    match = WORTH_OF.match(scene.right) if level is not None and level.unit not in ("percent", "units") else None
    return known_or_phrase(complement(match.group(1))) if match else None


def is_rate(scene: Scene) -> bool:
    """The figure's indicator is a rate (undated): named in its clause or sentence, else the subject before
    ("... anti-dumping duties on stainless steel bars from Japan, India and Spain. The rates remain unchanged
    at 15.39 percent for Japanese products"), or named right after it ("recommend a 16.46% definitive duty on
    polypropylene film")."""
    hit = indicator_left(scene) or indicator_sentence_head(scene)
    if hit is None and is_percent_level(scene.observation):
        # a rate is a percentage: "KRW 2 trillion ... for firms hit by U.S. tariffs" is none
        hit = indicator_right(scene)
    if hit is not None:
        return not hit.indicator.dated
    previous = scene.previous
    return previous is not None and not previous.dated and previous.indicator != "unspecified"


def item_of_rate(scene: Scene) -> tuple[str, str] | None:
    """"duties of 28.16% for Japanese hot-rolled products": a rate is about what it is "for"."""
    level = scene.observation.level
    match = RATE_FOR.search(scene.right) if level is not None and level.unit == "percent" else None
    if match is None or not is_rate(scene):
        return None
    words = match.group(1)
    abbreviated = ABBREVIATED_HEAD.match(scene.right, match.end(1))
    if abbreviated is not None:
        # "on polyethylene terephthalate (PET) resin imported from China": the goods are the resin, by the short
        # name the release goes on with ("the PET resin market")
        words = f"{abbreviated.group('abbr')} {abbreviated.group('head')}"
    for_firms = is_for_firms(words)
    found = None if for_firms else rate_item(words)
    if found is None and for_firms and scene.sentence.startswith("For "):
        found = goods_of_for_lead(scene)
    previous = scene.previous
    if found is None and (find_regions(words) or for_firms) and previous is not None and previous.item \
            and not previous.dated:
        # "Duties of 13.7 percent will apply to Chinese products": the origin's share of the product before
        return previous.item, previous.item_written
    if found is None and for_firms:
        # "21.48 percent for Zhongji Aluminium", "9.84 percent will apply to Chinese suppliers": a firm is no item;
        # the rate is on the release's goods (the one product its title names)
        return release_goods(scene, "anti-dumping duty") or (None, None)
    if found is not None and len(scene.frame.origins) == 1 \
            and found[0].lower().rstrip("s") in load_lexicon().generic_product_nouns:
        # "from 3.66 percent for Spanish products to 15.39 percent for Japanese products" in a release on stainless
        # steel bars: the origin's goods are the one product the title names
        product = title_product(scene, "anti-dumping duty")
        return product if product is not None else found
    return found


# "For Chinese coated printing paper, the KTC recommended a rate of 6.39 percent for Chenming Paper": the goods a
# sentence opens on, their origin's demonym before them
FOR_GOODS_LEAD = compile_gated(r"For\s+(?:the\s+)?(?P<np>[^,;()]{3,60}),")


def goods_of_for_lead(scene: Scene) -> tuple[str, str] | None:
    """The goods the sentence's opening "For <goods>," names, for a firm's rate in it: not a generic noun ("For
    Japanese products"), an origin alone ("For India") or firms ("For Vietnamese producers")."""
    lead = FOR_GOODS_LEAD.match(scene.sentence)
    if lead is None or lead.end() > scene.observation.start:
        return None
    words = lead.group("np")
    spans = find_regions(words)
    if spans and spans[0].start == 0:
        words = words[spans[0].end:].strip()
    if not words or find_regions(words) or is_for_firms(words) \
            or words.lower().rstrip("s") in load_lexicon().generic_product_nouns:
        return None
    return rate_item(words)


# "polyethylene terephthalate (PET) resin", "(EVA) sheet": a long name's abbreviation, then the head noun it names
ABBREVIATED_HEAD = compile_gated(r"\s*\((?P<abbr>[A-Z][A-Z0-9&\-]{1,7})\)\s+"
                                 r"(?P<head>[a-z][\w\-]*(?:\s+(?!(?:from|imported|originating|produced|made|used|for|until|over|and|or|to|of|on|in|at|by)\b)"
                                 r"[a-z][\w\-]*){0,2})")


# "a preliminary determination of dumping on epoxy resin imported from China and recommended duties of ...":
# the product the remedy is on, named earlier in the sentence than the rate
REMEDIED_PRODUCT = compile_gated(r"\b(?:dumping|dut(?:y|ies)|tariffs?|investigations?)\s+(?:on|of|into|against)\s+"
                                 r"(?:(?:the\s+)?(?:alleged\s+)?dumping\s+(?:on|of)\s+)?(?:(?:the\s+)?imports?\s+of\s+)?"
                                 r"(?:the\s+)?(?P<np>[^,;()]+)")


REMEDY_HINTS = compile_gated(r"dumping|dut(?:y|ies)|tariff|investigation")


def item_of_remedied_product(scene: Scene) -> tuple[str, str] | None:
    """"dumping on epoxy resin imported from China and recommended provisional anti-dumping duties ranging between
    6.19% and 38.32%": a rate naming no product of its own is on the one its sentence named before it."""
    level = scene.observation.level
    if level is None or level.unit != "percent" or not REMEDY_HINTS.search(scene.sentence, 0, level.start) \
            or not is_rate(scene):
        return None
    match = REMEDIED_PRODUCT.search(scene.sentence, 0, scene.observation.start)
    if match is None:
        return None
    found = rate_item(match.group("np"))
    return found if found is not None and not is_for_firms(match.group("np")) else None


# "a preliminary determination on PET resin from Taiwan, recommending provisional duties of 6.4 percent", "For
# artificial graphite electrodes used in arc furnaces from China, the KTC recommended duties of ...": the goods a remedy
# is on, then their origin. The goods hold no preposition of their own ("dumping of epoxy resin" is not the goods).
# The goods may hold their name's abbreviation ("on polyethylene terephthalate (PET) film from China"): they are named
# by it and the head noun after it ("PET film"), as item_of_rate names them.
REMEDY_OBJECT_FROM = compile_gated(r"\b(?:on|of|into|against|[Ff]or)\s+(?:the\s+)?(?:imports?\s+of\s+)?"
                                   r"(?P<np>(?:(?!(?:on|of|into|against|for|the|a|an)\s)"
                                   r"(?:[\w\-]+|\([A-Z][A-Z0-9&\-]{1,7}\))\s+){0,8}?[\w\-]+)"
                                   # "on polyester fully drawn yarn (FDY) from China": its abbreviation after it
                                   r"(?:\s+\([A-Z][A-Z0-9&\-]{1,7}\))?\s+(?:imported\s+)?from\s+$")
ABBREVIATION_IN_NAME = compile_gated(r"\((?P<abbr>[A-Z][A-Z0-9&\-]{1,7})\)\s+(?P<head>[\w\-]+(?:\s+[\w\-]+){0,2})$")


def origins_named_before(scene: Scene) -> list[re.Match]:
    """Each "from <partner>" before the figure in its sentence ("on phenol from the U.S., Japan and Thailand, ...")."""
    before = scene.sentence[:scene.observation.start]
    return [m for m in FROM_CAPITAL.finditer(before) if starts_with_region(scene.sentence[m.end():])]


def item_of_remedy_object(scene: Scene) -> tuple[str, str] | None:
    """In a trade-remedy release, a rate is on the goods its sentence names with their origin before it ("the KTC also
    began a sunset review on hydrogen peroxide from Taiwan, on which a duty of 2.40 percent has been levied"): the
    whole product, where the clause names only a part of it ("hydrogen") or a firm. A rate "for" goods of its own
    ("28.16% for Japanese hot-rolled products") is theirs."""
    level = scene.observation.level
    if scene.frame.kind != "remedy" or level is None or level.unit != "percent" or " from " not in scene.sentence:
        return None
    before = scene.sentence[:scene.observation.start]
    origins = origins_named_before(scene)
    if not origins or is_for_goods(scene.right) or not is_rate(scene):
        return None
    match = REMEDY_OBJECT_FROM.search(before, max(0, origins[-1].start() - 120), origins[-1].end())
    if match is None:
        return None
    words = match.group("np")
    abbreviated = ABBREVIATION_IN_NAME.search(words) if "(" in words else None
    return rate_item(f"{abbreviated.group('abbr')} {abbreviated.group('head')}" if abbreviated else words)


def origins_of_remedy_object(scene: Scene) -> str | None:
    """The origins listed after the last "from" before a remedy's rate that opens on a partner's name ("on phenol
    from the U.S., Japan and Thailand, ..."), jointly; the goods item_of_remedy_object reads are named with them."""
    origins = origins_named_before(scene)
    if not origins:
        return None
    text = scene.sentence[origins[-1].end():scene.observation.start]
    spans = find_regions(text)
    return join_regions(regions_listed_after(text, spans, 0)) if spans and spans[0].start == 0 else None


def is_for_goods(right: str) -> bool:
    """"28.16% for Japanese hot-rolled products": the rate names goods of its own ("for five years", "for one
    exporter" name none)."""
    match = RATE_FOR.search(right)
    return match is not None and not is_for_firms(match.group(1)) and rate_item(match.group(1)) is not None


FROM_CAPITAL = compile_gated(r"\sfrom\s+(?=[A-Z])")


def starts_with_region(text: str) -> bool:
    """"Taiwan, on which ...": the text opens on a partner's name."""
    spans = find_regions(text[:40])
    return bool(spans) and spans[0].start == 0


FIRM_WORDS = compile_gated(r"\b(?:suppliers?|exporters?|producers?|manufacturers?|companies|company|firms?)\s*$")
# "Taiwan's Yieh United Steel Corp.", "PT. IRNC": a name with a company's suffix or prefix is a firm's, whatever goods
# its words name
CORPORATE_NAME = compile_gated(r"\b(?:Co|Corp|Corporation|Ltd|Inc|LLC|PLC|GmbH)\.?\s*$|^PT\b")
PROPER_NAME = compile_gated(r"(?:[A-Z][\w&.\-]*\s*)+")
# "Japan's Daido Steel", "Taiwanese producer Yieh United Steel", "Indonesia's PT Indonesia Ruipu Nickel and Chrome
# Alloy": a capitalized name after its country's possessive or after a word for a firm is a firm's, whatever goods its
# words name
FIRM_OWNER = (r"(?:(?P<owner>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?)['’]s|"
              r"\b(?:suppliers?|exporters?|producers?|manufacturers?|company|firms?|steelmakers?))")
NAMED_FIRM = compile_gated(FIRM_OWNER + r"\s+(?P<name>[A-Z][\w&.\-]*(?:\s+(?:(?:and|&|of)\s+)?[A-Z][\w&.\-]*)*)\s*$")


def is_for_firms(words: str) -> bool:
    """"all other Chinese exporters", "the Taiwanese supplier", "Zhongji Aluminium": firms, not goods."""
    words = RATE_ITEM_END.split(words, maxsplit=1)[0].strip()
    if FIRM_WORDS.search(words) or CORPORATE_NAME.search(words):
        return True
    named = NAMED_FIRM.search(words)
    if named is not None and owned_as_a_firm(named) and not find_regions(named.group("name")):
        return True
    return bool(words) and PROPER_NAME.fullmatch(words) is not None and not find_items(words) \
        and not find_regions(words)


FIRM_OWNER_BEFORE = compile_gated(FIRM_OWNER + r"\s+$")
CORPORATE_AFTER = compile_gated(r"\s+(?:Co|Corp|Corporation|Ltd|Inc|LLC|PLC|GmbH)\b")


def names_firm(scene: Scene, item: str, written: str | None) -> bool:
    """"IRNC", "Zhongji Aluminium", "Yieh United Steel Corp.": the words name a firm (a proper name naming no goods,
    or one a company's suffix follows in the sentence), not goods."""
    if is_for_firms(item) or (written and is_for_firms(written)):
        return True
    at = scene.sentence.rfind(written, 0, scene.observation.start) if written and written[0].isupper() else -1
    if at < 0 and written and written[0].isupper():
        at = scene.sentence.find(written, scene.observation.end)  # "12.92 percent on Nan Ya Plastics": after the rate
    if at < 0:
        return False
    if CORPORATE_AFTER.match(scene.sentence, at + len(written)) is not None:
        return True
    if at > 0 and " " in written and all(word[:1].isupper() for word in written.split()) \
            and not find_regions(written):
        # "12.92 percent on Nan Ya Plastics (Ningbo)": a proper name of capitalized words mid-sentence, though a word
        # of goods ends it, is a firm's (goods are written in lower case, or by an acronym: "PET resin")
        return True
    # "15.39% for Japan's Daido Steel and 23.75% for China's ...": the name its country's possessive leads
    owner = FIRM_OWNER_BEFORE.search(scene.sentence, max(0, at - 40), at)
    return owner is not None and owned_as_a_firm(owner)


def owned_as_a_firm(match: re.Match) -> bool:
    """A FIRM_OWNER match leads a firm's name: a word for a firm, or a possessive of a country ("Japan's")."""
    return match.group("owner") is None or bool(find_regions(match.group("owner")))


def goods_of_rate_before(scene: Scene, indicator: str) -> tuple[str, str] | None:
    """In a release whose title names goods other than the rate before, that rate's goods, when the firm's origin is
    one of theirs (read from the sentence)."""
    previous = scene.previous
    if previous is None or previous.dated or previous.indicator != indicator or not previous.item \
            or not previous.region or len(scene.frame.origins) > 1:
        return None
    title = title_product(scene, indicator)
    if title is not None and (title[0] == previous.item or part_of_name(previous.item, title[0])):
        return None  # "margins on stainless steel bars from Japan, China and India" read as steel: the title's goods
    origins = {span.name for span in find_regions(scene.sentence)}  # demonyms too ("Chinese")
    named = {span.name for span in find_regions(previous.region)}
    return (previous.item, previous.item_written) if origins and origins <= named else None


def part_of_name(part: str, name: str) -> bool:
    """Every word of part stands in name ("steel" in "stainless steel bars"), plurals folded."""
    words = {word.rstrip("s") for word in name.lower().split()}
    return all(word.rstrip("s") in words for word in part.lower().split())


def release_goods(scene: Scene, indicator: str) -> tuple[str, str] | None:
    """The goods a single-product remedy release is about: its item, else the one product its title names."""
    item = scene.frame.release_item
    return (item, item) if item is not None else title_product(scene, indicator)


def rate_item(words: str) -> tuple[str, str] | None:
    """"stainless steel bars from Japan" -> stainless steel bars; "Indian products" names no item."""
    return known_or_phrase(RATE_ITEM_END.split(words, maxsplit=1)[0])


# "a USD 1.4 billion petrochemical plant", "invest USD 500 million in an electric vehicle assembly plant", "a 2.6 GW
# combined-cycle power plant", "a plant ... with an annual capacity of 50,000 units": a facility an amount is the value
# or the capacity of, named by its own words (lower case; "and" may join two: "green hydrogen and ammonia project").
# One facility, singular: "KRW 120 billion for pilot projects", "$10 billion official development assistance projects"
# are programmes, no facility.
FACILITY_WORD = (r"(?!(?:of|in|for|to|with|by|from|at|on|as|that|which|will|would|be|is|are|was|were|a|an|the|its|"
                 r"their|per|each|worth|valued|annual|annually|this|last|next|new|total|combined|about|some|more|thousand|million|"
                 r"billion|trillion|won|dollars|tons|units)"
                 r"(?![\w-]))[a-z][a-z\-]*")
FACILITY_NAME = (rf"(?<![\w-])(?P<np>{FACILITY_WORD}(?:\s+(?:and\s+)?{FACILITY_WORD}){{0,4}}?\s+"
                 r"(?:plant|facility|project|complex|factory|refinery))\b(?![\w-])"
                 r"(?!\s+(?:projects|plants|facilities|factories|complexes|programs|programmes)\b)")
FACILITY_AFTER = compile_gated(r"^\s+(?:in\s+(?:a|an)\s+)?" + FACILITY_NAME)
FACILITY_CAPACITY_BEFORE = compile_gated(FACILITY_NAME + r"(?:\s+in\s+[A-Z][\w\s]*?)?\s+with\s+(?:a|an)\s+"
                                         r"(?:annual\s+)?(?:production\s+|generation\s+)?capacity\s+of\s+"
                                         r"(?:about\s+|around\s+|some\s+)?$")


# "a KRW 300 billion semiconductor growth fund will be created", "A new KRW 1.1 trillion fund will also be created to
# support fabless companies": a fund an amount is the size of, named by its own words or by whom it supports
FUND_AFTER = compile_gated(rf"^\s+(?P<name>(?:{FACILITY_WORD}\s+){{0,3}}?)funds?\b")
FUND_SUPPORTS = compile_gated(r"[^,;()\d]{0,40}?\bto\s+(?:support|help|back|finance)\s+(?P<np>[a-z][^,;()\d]*)")
FUND_SUPPORTED_END = compile_gated(r"\s+(?:and|in|with|through|by|over|from|to|that|which|for)\b")


def fund_after(scene: Scene) -> re.Match | None:
    level = scene.observation.level
    if level is None or level.unit not in CURRENCY_UNITS or "fund" not in scene.right[:60]:
        return None  # the word every match holds: a look before the search
    return FUND_AFTER.match(scene.right)


def item_of_fund(scene: Scene) -> tuple[str, str] | None:
    """The fund's own name ("semiconductor growth fund"), else whom it supports ("fabless companies")."""
    match = fund_after(scene)
    if match is None:
        return None
    name = match.group("name").strip()
    if name:
        return f"{name} fund", f"{name} fund"
    supports = FUND_SUPPORTS.match(scene.right, match.end())
    if supports is None:
        return None
    words = FUND_SUPPORTED_END.split(supports.group("np"), maxsplit=1)[0].strip()
    return (words, words) if words and not find_regions(words) else None


# "S-Oil's Shaheen project, a petrochemical complex in Ulsan, involves an investment of KRW 9.3 trillion", "S-Oil's
# Shaheen project, worth 9.3 trillion won, is ...": a project by its proper name, the subject of the amount's clause
NAMED_PROJECT = compile_gated(r"(?<![\w-])(?!(?:The|This|That|Each|Another|Every|Such)\s)"
                              r"(?P<np>[A-Z][a-z][\w-]*\s+project)\b")


def item_of_facility(scene: Scene) -> tuple[str, str] | None:
    """The facility an amount or a capacity is of: "a USD 900 million combined-cycle power plant with a capacity of
    1,000 MW" (both), "invest USD 500 million in an electric vehicle assembly plant"; a project by its own name."""
    level = scene.observation.level
    if level is None or level.unit in ("percent", "percentage points") or scene.observation.change is not None:
        return None
    match = FACILITY_AFTER.match(scene.right)
    if match is None and "capacity" in scene.left[-40:]:
        match = FACILITY_CAPACITY_BEFORE.search(scene.left)
    if match is None and " project" in scene.subject_left and level.unit in CURRENCY_UNITS:
        named = list(NAMED_PROJECT.finditer(scene.subject_left))
        match = named[-1] if named else None
    if match is None or find_regions(match.group("np")):
        return None
    return match.group("np"), match.group("np")


# "About 33.5 million tCO2eq will be reduced through international reduction projects", "secure 33.5 million tons of
# reductions through international carbon markets", "37.5 million tCO2eq of the total through international
# cooperation": the international means (Article 6 markets and projects) a tonnage of reductions is secured through
THROUGH_INTERNATIONAL = compile_gated(r"[^,;()\d]{0,50}?\bthrough\s+(?P<np>(?:international|overseas|global)\s+"
                                      r"[a-z][a-z\-]*(?:\s+[a-z][a-z\-]*){0,2}?)(?=\s+(?:under|between|by|in|from|"
                                      r"to|and|with|until|through|over)\b|\s*[,.;()]|\s*$)")
REDUCTIONS_OF = compile_gated(r"^\s+(?:of\s+)?(?:reductions?|emission\s+reductions?|cuts?)\b")


def item_of_means(scene: Scene) -> tuple[str, str] | None:
    """The international means a tonnage of emission reductions is secured through."""
    level = scene.observation.level
    if level is None or level.unit not in ("tCO2eq", "tons") or "through" not in scene.right:
        return None
    match = THROUGH_INTERNATIONAL.match(scene.right)
    return (match.group("np"), match.group("np")) if match else None


# "raised to 15 percent for large companies and 25 percent for SMEs": the class a rate is granted to, right after it
FOR_CLASS = compile_gated(r"^\s*(?:for|to)\s+(?:the\s+)?")


def item_of_firm_class_near(scene: Scene) -> tuple[str, str] | None:
    """A rate's class of firms, named right after it ("raised to 15 percent for large companies and 25 percent for
    SMEs") or, the rate naming nothing it is "for" within its clause, the nearest before it ("Tax credits for facility
    investment by large firms will rise from 15 percent to 20 percent, and for SMEs from 25 percent to 30 percent",
    "raise tax credits for facility investment by large companies to up to 20 percent from the current 6 to 10
    percent, and will allocate KRW 1 trillion in R&D funds for ..."): ahead of the goods of the investment the credit
    is for, and of a "for" in a later clause."""
    level = scene.observation.level
    if level is None or level.unit != "percent":
        return None
    classes = load_lexicon().firm_class
    lead = FOR_CLASS.match(scene.right)
    after = classes.match(scene.right, lead.end()) if lead is not None else None
    before = list(classes.finditer(scene.subject_left)) if after is None else []
    if after is None and not before or not is_rate(scene):
        return None
    if after is not None:
        return after.group(0), after.group(0)
    own = RATE_FOR.search(scene.right)
    if own is not None and "," not in scene.right[:own.start()]:
        return None  # "by large companies ... to 20 percent for chipmakers": the rate's own "for"
    return before[-1].group(0), before[-1].group(0)


FIGURE_BEFORE_WHICH = compile_gated(r"\d(?:[\d,.]*\d)?\s*(?:%|percent|[A-Za-z]+)?\s*,?\s*$")


def item_of_antecedent(scene: Scene) -> tuple[str, str] | None:
    """"January's shipments of SSDs, which ...", "demand for beverages whose sales rose": what "which" points at.
    Not an example set off before it: "new industries, such as EV batteries and bio-pharmaceuticals, which took up
    31.4 percent" points at the industries."""
    text = antecedent_text(scene)
    if not text:
        return None
    if scene.previous_in_sentence and scene.previous is not None and scene.previous.item \
            and FIGURE_BEFORE_WHICH.search(text):
        # "Investments in new industries such as bio-health posted $7.4 billion, which accounts for 35.7 percent":
        # "which" points at the figure before, of its subject
        return scene.previous.item, scene.previous.item_written
    past_examples = item_before_examples(scene)
    if past_examples is not None:
        return past_examples
    spans = find_items(text)
    if spans:
        return spans[-1].name, spans[-1].written
    return known_or_phrase(phrase_before(text)) if text.strip() else None


# "The industry emitted 47.0 million tCO2eq", "The sector's exports fell": the industry the sentence before named
THE_INDUSTRY = compile_gated(r"^\W*(?:[A-Z][a-z]+,\s+)?[Tt]he\s+(?:industry|sector)(?:['’]s)?\s+(?!of\b|in\b|as\b)")


def item_of_the_industry(scene: Scene) -> tuple[str, str] | None:
    """"Korea's petrochemical industry produced 12.5 million tons ... The industry emitted 47.0 million tCO2eq": the
    industry is the one the release's title or lead names."""
    industry = scene.frame.industry
    if industry is None or scene.clause.start != 0 or "ndustry" not in scene.left and "ector" not in scene.left:
        return None
    return (industry, industry) if THE_INDUSTRY.match(scene.left) else None


# "accounted for 63.5 percent of national manufacturing output and 65.8 percent of exports": a second share, its
# verb and part gapped
GAPPED_SHARE = compile_gated(r"\d\s*(?:percent|%)\s+of\s+(?:the\s+)?[^,;()\d$]{1,60}?\s+and\s+(?:about\s+|nearly\s+)?$")


def item_of_gapped_share(scene: Scene) -> tuple[str | None, str | None] | None:
    """A share coordinated after another of the same clause is of the same part (its own whole after it)."""
    previous = scene.previous
    if not scene.previous_in_sentence or previous is None or not previous.indicator.startswith("share") \
            or not scene.left.endswith(("and ", "about ", "nearly ")) or GAPPED_SHARE.search(scene.left) is None:
        return None
    return previous.item, previous.item_written


def item_before_examples(scene: Scene) -> tuple[str, str] | None:
    """When examples stand right before "which", the phrase it points at past them (read in the whole sentence
    before the clause: the examples may fill the antecedent's window)."""
    head = RELATIVE_WORD_END.sub("", scene.sentence[:scene.clause.start]).rstrip(" ,")
    if not any(cue in head for cue in ("such as", "including", "namely")):
        return None  # the cues mask_examples blanks after: a look before masking
    before = mask_examples(head).rstrip(" ,")
    if len(before) == len(head):
        return None  # the examples end before the antecedent: "which" points at what follows them
    words = phrase_before(before)
    return known_or_phrase(words) if words.strip() else None


def item_of_anaphor_phrase(scene: Scene) -> tuple[str, str] | None:
    """"those of instant food", "that pledged to the service sector": the anaphor's own complement."""
    match = ANAPHOR_OF.search(scene.subject_left)
    return known_or_phrase(complement(match.group(1))) if match else None


# "..., while those of direct online sellers rose 4.2 percent", "those by large companies fell 11.4 percent": a clause
# whose subject is the anaphor, its complement the clause's own item, before any known word inside it ("online")
THOSE_SUBJECT = compile_gated(r"^\s*those\s+(?P<prep>of|by|at|for|in|from)\s+(?:the\s+)?(?P<np>[^,;()]+)$")
# "those from power generation": a source of emissions in plain words, though they are a measure's elsewhere
PLAIN_SOURCE = compile_gated(r"[a-z]+(?:\s[a-z]+){0,2}")
EMISSION_MEASURES = ("emissions", "emission reduction")


def item_of_those_subject(scene: Scene) -> tuple[str, str] | None:
    """"those of online businesses with offline stores rose": the complement's own words, not the known "online"
    within them; "those by large companies": a class of firms, as written. A complement ending in a known item is
    left to the clause's first item, the same; a partner's ("those from the EU") is no item."""
    text = scene.subject_left
    if "those" not in text[:12]:
        return None  # the word every match opens on: a look before the search
    match = THOSE_SUBJECT.match(text)
    if match is None:
        return None
    words = complement(match.group("np")).strip()
    if not words or find_regions(words) or any(span.end == len(words) for span in find_items(words)):
        return None
    if load_lexicon().firm_class.fullmatch(words):
        return words, words
    if match.group("prep") == "from":
        return source_of_emissions(scene, words)
    return known_or_phrase(words)


def source_of_emissions(scene: Scene, words: str) -> tuple[str, str] | None:
    """"while those from power generation fell 4.8 percent": only emissions come "from" a source, named in plain
    words or as a known item; "those from other countries", "those from abroad" are origins, no item."""
    if scene.previous is None or scene.previous.indicator not in EMISSION_MEASURES:
        return None
    found = known_or_phrase(words)
    return (words, words) if found is None and PLAIN_SOURCE.fullmatch(words) else found


# "..., with advanced industries such as semiconductors, batteries and bio accounting for $6.6 billion": "with", a
# subject of its own (commas only in its examples: the clause opens after the comma before "with"), then the
# participle that states its part of the figure before, or its own change ("with phone parts down 2.7 percent"); a
# hedge may stand before the figure ("with memory accounting for app. 70 percent")
# "made up", "took up": a share verb, not a change ("with food up 2.1 percent")
ALONE_END = compile_gated(r"\s+(?:alone|only)\s*$")
WITH_OWN_SUBJECT = compile_gated(r"^\s*(?P<np>[A-Za-z][^;()\d$]*?)\s+(?:accounting\s+for|making\s+up|taking\s+up|"
                                 r"representing|amounting\s+to|totaling|totalling|drawing|attracting|receiving|"
                                 # "with Korean brands selling 138,750 units": a count the part sold or shipped
                                 r"selling|shipping|exporting|producing|marking|posting|recording|"
                                 r"(?P<change>(?<!made\s)(?<!took\s)(?<!make\s)(?<!takes\s)(?<!makes\s)up|"
                                 r"down|rising|falling|growing|gaining|climbing|jumping|surging|sliding|"
                                 r"dropping|declining|slipping))"
                                 r"(?:\s+(?:by|about|around|approximately|nearly|almost|roughly|some|over|app\.))*\s+$")


# "Online sales rose 13.8 percent and made up 48.1 percent of total sales": a share verb after "and", its subject the
# figure's before
SHARED_SUBJECT_SHARE = compile_gated(r"^\s*(?:made\s+up|took\s+up|accounted\s+for|represented)"
                                     r"(?:\s+(?:about|around|approximately|nearly|almost|roughly|some|over))*\s+$")


def item_of_shared_subject(scene: Scene) -> tuple[str, str] | None:
    """"Online sales rose 13.8 percent and made up 48.1 percent of total sales": the share is of what rose."""
    previous = scene.previous
    if scene.clause.lead != "and" or not scene.previous_in_sentence or previous is None or not previous.item:
        return None
    return (previous.item, previous.item_written) if SHARED_SUBJECT_SHARE.match(scene.masked_left) else None


MEASURE_OF_LEAD = compile_gated(r"^\s*(?:sales|exports|imports|shipments|production|output)\s+of\s+(?:the\s+)?")


def item_of_with_subject(scene: Scene) -> tuple[str, str] | None:
    """"Manufacturing pledges surged 103.4 percent to $8.6 billion, with advanced industries such as semiconductors
    accounting for $6.6 billion", "Hypermarkets saw sales drop 2.3 percent, with food down 1.7 percent": the part
    the "with" clause names, not the figure before's item."""
    if scene.clause.lead != "with" and not (scene.clause.lead == "and" and scene.previous_in_sentence):
        return None  # "with crude oil down 12.0 percent and gas down 20.1 percent": the "and" goes on with the list
    match = WITH_OWN_SUBJECT.match(scene.masked_left)  # examples unmasked: their blank would reach the participle
    if match is None:
        return None
    words = EXAMPLE_CUE.split(match.group("np"), maxsplit=1)[0]  # the category, not its examples
    words = MEASURE_OF_LEAD.sub("", words)  # "with sales of household goods down 18.4 percent": the goods
    words = ALONE_END.sub("", words)  # "with gas imports alone surging": the part, set apart
    if match.group("change") and (first_verb(words) or ANAPHOR_OF.match(words)
                                  or find_indicators(words) and not TRAILING_INDICATOR.sub("", words).strip()):
        # "with exports up 3.1 percent", "with those of cars up": the subject before, or a verb's own; "with gas
        # imports surging 88.1 percent" names its goods
        return None
    return None if find_regions(words) or not words.strip() else known_or_phrase(words)


def item_carried(scene: Scene) -> tuple[str | None, str | None] | None:
    """"those of ...", "that actually arrived", "Their actual investment": the subject before; the one the sentence
    names before the clause when the figure is its first ("exports to all nine major regions increased; those to
    China hit $13.6 billion": the exports just named, not the item of the sentence before)."""
    if scene.previous is None or not scene.anaphoric:
        return None
    if not scene.previous_in_sentence and scene.clause.start > 0:
        head = masked_sentence(scene.sentence)[0][:scene.clause.start]
        if find_indicators(head):
            items = find_items(head)
            if items:
                return items[0].name, items[0].written
            if scene.frame.kind != "remedy":
                return None, None
            # "The KTC found that the dumped imports had caused material injury ..., as their share of the Korean
            # market expanded": in a trade remedy, imports naming no goods are of the goods the release is about
    return scene.previous.item, scene.previous.item_written


CAUSE_CLAUSE_LEADS = ("as",)  # the clause leads of segment.CLAUSE_BREAK that open a cause


def item_of_cause_clause(scene: Scene) -> tuple[str | None, str | None] | None:
    """"Auto parts exports reached $23.1 billion, down 10.1 percent, as shipments to China fell 30.8 percent": a
    cause clause measuring what the figure before measured, naming no item, is about that figure's item."""
    previous = scene.previous
    if scene.clause.lead not in CAUSE_CLAUSE_LEADS or not scene.previous_in_sentence or previous is None \
            or not previous.item:
        return None
    hit = indicator_left(scene)
    if hit is None or name_indicator(hit, scene.frame) != previous.indicator:
        return None
    text = scene.subject_left
    own = find_items(text) or noun_phrase(phrase_before(text[:hit.start]))
    if own:
        return None  # "Energy imports rose ..., as gas imports climbed 39.9 percent": the clause names its own goods
    return previous.item, previous.item_written


# "Imports of the product from the two countries rose": the goods the release has been about
THE_PRODUCT = compile_gated(r"\b[Tt]he (?:same |said |subject )?(?:products?|goods)\b")


def item_of_the_product(scene: Scene) -> tuple[str | None, str | None] | None:
    """"... duties on DOTP plasticizer ... Imports of the product rose 46.2 percent": the item before."""
    previous = scene.previous
    text = scene.subject_left
    if previous is None or previous.item is None or ("roduct" not in text and "goods" not in text):
        return None  # the nouns every match ends in: a look before the search
    return (previous.item, previous.item_written) if THE_PRODUCT.search(text) else None


def item_in_clause_right(scene: Scene) -> tuple[str, str] | None:
    """"posted $2.1 billion in chip exports"; not a cause: "production fell 7.5 percent due to a shortage of
    automotive semiconductors" is the production of cars."""
    text = up_to_comma(scene.subject_right)
    spans = before_cause(text, find_items(text))
    return (spans[0].name, spans[0].written) if spans else None


SECTOR_AFTER = compile_gated(r"\s*in\s+the\s+(?P<np>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2}?)\s+(?:sector|industry)\b")


# "the purchase amount per customer at those stores increased 2.9 percent": the stores the figure before was of
ANAPHORIC_PLACE = compile_gated(r"\b(?:at|of|in|for)\s+(?:those|these|the\s+same)\s+"
                                r"(?:stores|retailers|channels|outlets|shops|businesses)\b")


def item_of_anaphoric_place(scene: Scene) -> tuple[str, str] | None:
    if scene.previous is None or not scene.previous.item or "th" not in scene.subject_left:
        return None
    return (scene.previous.item, scene.previous.item_written) if ANAPHORIC_PLACE.search(scene.subject_left) else None


COMPLEMENT_LEAD = re.compile(r"^\s*(?:of|at|for)\s+")


def item_of_phrase(scene: Scene) -> tuple[str, str] | None:
    """Plain words that name an item: "exports of X", "X exports", or the clause's subject."""
    text = scene.subject_left
    hit = nearest_indicator(text)
    candidates = []
    if hit is not None:
        after = text[hit.end:]
        if COMPLEMENT_LEAD.match(after):
            candidates.append(complement(COMPLEMENT_LEAD.sub("", after)))
        sector = SECTOR_AFTER.match(after) if " in the " in after[:8] else None
        if sector:
            candidates.append(sector.group("np"))  # "pledges in the high-tech sector made up"
        if not text[:hit.start].rstrip().endswith((",", ";", ":")):
            # "X exports", but not "... the spread of the coronavirus, exports in March ...": a comma ends X
            candidates.append(phrase_before(text[:hit.start]))
    lead = group_lead(text)
    # "In manufacturing, chemical engineering drew $1.9 billion": the subject after the group it is taken from
    candidates.append(clause_head(text[lead.end():] if lead else text))
    opens = scene.clause.start == 0
    for words in candidates:
        name = noun_phrase(words, opens) if words and words.strip() else None
        if name:
            return name, words.strip()
    return None


def complement(text: str) -> str:
    """"agricultural products, fisheries, and livestock improved": the words up to the verb or a preposition (and
    the adverb before the verb: "imports of epoxy resin more than doubled")."""
    verb = first_verb(text)
    words = text[:verb[0]] if verb else text
    if verb and " " in words:
        words = ADVERB_BEFORE_VERB.sub("", words)
    return COMPLEMENT_END.split(words, maxsplit=1)[0]


ADVERB_BEFORE_VERB = compile_gated(r"\s+(?:more\s+than|nearly|almost|roughly|also|further|again|only|sharply)\s*$")


def item_of_sentence_head(scene: Scene) -> tuple[str, str] | None:
    """"EV exports also contributed, with 22,000 units exported": the sentence's subject."""
    if scene.clause.start == 0 or scene.clause.lead not in RELATIVE_LEAD:
        return None
    head = mask_examples(mask_parentheses(scene.sentence[:scene.clause.start]))
    lead = group_lead(head)
    # "Among offline stores, department stores suffered the largest drop, with sales down 3.8 percent": the
    # subject after the group it is taken from
    spans = [span for span in find_items(head) if lead is None or span.start >= lead.end()]
    if spans:
        return expand_known(head, spans[0])
    if lead is None:
        return None
    # "Online, food was the best performer, with sales up 38.4 percent": the line the group's subject names plainly;
    # not a cause ("Offline, the Chuseok holiday helped, with sales up") nor a measure ("Among online retailers, the
    # number of purchases rose, with sales up"): then the group's own sales
    words = clause_head(head[lead.end():])
    name = noun_phrase(words) if words.strip() and not find_indicators(words) else None
    if name and name.islower() and not LEADING_ARTICLE.match(words):
        return name, words.strip()
    group = find_items(head[:lead.end()])
    return expand_known(head, group[0]) if group else None


LEADING_ARTICLE = compile_gated(r"^\s*(?:the|a|an)\s", re.IGNORECASE)


def item_of_colon_topic(scene: Scene) -> tuple[str, str] | None:
    """"Eco-friendly vehicles stood out: exports jumped 46.2 percent ..., while domestic sales climbed 26.6 percent":
    the goods a figureless lead opens the sentence with before its colon are the subject of the clauses after it."""
    main = scene.observation.change or scene.observation.level
    colon = scene.sentence.find(":", 0, main.start)
    if colon < 0 or colon > 80 or any(c.isdigit() for c in scene.sentence[:colon]):
        return None
    lead = scene.sentence[:colon]
    spans = find_items(lead)
    if not spans or LEADING_ARTICLE.sub("", lead[:spans[0].start]).strip():
        return None  # the lead's own subject, at its start ("Eco-friendly vehicles stood out")
    return expand_known(lead, spans[0])


def item_of_section(scene: Scene) -> tuple[str | None, str | None] | None:
    """"By industry, manufacturing saw pledges of $2.3 billion. The FDI arrived fell ...": the pair's other half."""
    return item_paired_with_previous(scene) if scene.section == "item" else None


def item_of_paired_clause(scene: Scene) -> tuple[str | None, str | None] | None:
    """"The number of purchases at SSMs dropped 4.0 percent, but purchase per customer rose 1.7 percent": a later
    clause naming only the other measure of a pair is about the same item as the figure before it."""
    if not scene.previous_in_sentence or scene.clause.start == 0:
        return None
    return item_paired_with_previous(scene)


def item_paired_with_previous(scene: Scene) -> tuple[str | None, str | None] | None:
    """The item of the figure before, when this figure measures the other half of its pair."""
    previous = scene.previous
    if previous is None or previous.item is None:
        return None
    return (previous.item, previous.item_written) if paired(previous.indicator, scene) else None


def paired(indicator: str, scene: Scene) -> bool:
    hit = indicator_left(scene) or indicator_right(scene)
    return bool(hit) and frozenset((indicator, hit.indicator.name)) in load_lexicon().paired_indicators


def item_of_frame(scene: Scene) -> tuple[str, str] | None:
    """The item of the release's kind (ICT, autos), else the one product a single-product release is about:
    "Steel exports rise ...": "Exports to India jumped 34.7 percent" are steel exports."""
    item = scene.frame.default_item or scene.frame.release_item
    return (item, item) if item else None


ITEM_RULES = (
    ("through", item_of_means),
    ("fund", item_of_fund),
    ("facility", item_of_facility),
    ("firm_class_near", item_of_firm_class_near),
    ("share_of", item_of_share),
    ("share_gapped", item_of_gapped_share),
    ("share_went_to", item_share_went_to),
    ("relative_share", item_of_relative_share),
    ("emission_source", item_of_emission_source),
    ("combined_list", item_of_combined_list),
    ("counted_kind", item_of_counted_kind),
    ("after_change", item_after_change),
    ("participle_object", item_of_participle_object),
    ("units_of", item_of_units),
    ("worth_of", item_worth_of),
    ("parenthesis_entry", item_of_parenthesis_entry),
    ("parenthesis_lead", item_in_parenthesis_lead),
    ("dash_aside_lead", item_in_dash_aside_lead),
    ("dash_entry", item_of_dash_entry),
    ("former_latter", item_of_former_latter),
    ("leader", item_of_leader),
    ("subset_part", item_of_subset_part),
    ("colon_entry", item_of_colon_entry),
    ("list_entry", item_of_list_entry),
    ("gapped_entry", item_of_gapped_entry),
    ("run_entry", item_of_run_entry),
    ("listed_clause", item_of_listed_clause),
    ("listed_anaphor", item_of_listed_anaphor),
    ("listed_amount", item_of_listed_amount),
    ("included_amount", item_of_included_amount),
    ("market_of", item_of_market),
    ("possessor", item_of_possessor),
    ("total", item_of_total),
    ("sales_of", item_of_sales_of),
    ("line_sales_at", item_of_line_sales_at),
    ("next_to_indicator", item_next_to_indicator),
    ("remedy_object", item_of_remedy_object),
    ("anaphor_of", item_of_those_subject),
    ("the_industry", item_of_the_industry),
    ("clause_left", item_in_clause_left),
    ("colon_topic", item_of_colon_topic),
    ("rate_for", item_of_rate),
    ("remedied_product", item_of_remedied_product),
    ("antecedent", item_of_antecedent),
    ("anaphor_of", item_of_anaphor_phrase),
    ("anaphora", item_of_shared_subject),
    ("with_subject", item_of_with_subject),
    ("anaphora", item_carried),
    ("cause_clause", item_of_cause_clause),
    ("sentence_head", item_of_sentence_head),
    ("clause_right", item_in_clause_right),
    ("the_product", item_of_the_product),
    ("anaphora", item_of_anaphoric_place),
    ("noun_phrase", item_of_phrase),
    ("section", item_of_section),
    ("paired", item_of_paired_clause),
)


def leaves_item_list(scene: Scene) -> bool:
    """"By item, ... and displays ($1.5 billion, ...) grew. By region, Vietnam ($2.9 billion, ...)", "SSD exports
    grew 31.0 percent. By destination, China absorbed $7.1 billion": the region section is about what the release
    measures, not about the last entry of the item list before it, nor about an item whose figure is smaller."""
    if scene.section != "region" or scene.previous_in_sentence:
        return False
    return scene.prior_section == "item" or (scene.prior_section != "region" and exceeds_level_before(scene))


def exceeds_level_before(scene: Scene) -> bool:
    """"SSD exports grew 31.0 percent to $340 million. By destination, China absorbed $7.1 billion": a part is no
    larger than its whole, so China's $7.1 billion is not of SSDs ("Auto parts exports fell to $1.9 billion. By
    region, North America ($0.8 billion) grew" may be)."""
    level, before = scene.observation.level, scene.previous.level if scene.previous is not None else None
    return level is not None and before is not None and level.unit == before.unit and level.value > before.value


def item_of_unit(scene: Scene) -> tuple[str, str] | None:
    """"Korea's order backlog stood at 39.9 million CGT": a unit only one kind of goods is counted in (compensated
    gross tonnage: ships) names the item no words name."""
    level = scene.observation.level
    item = load_lexicon().unit_items.get(level.unit) if level is not None and level.unit else None
    return (item, item) if item else None


def opens_partner_section(scene: Scene) -> bool:
    """"Services fell 34.1 percent. By origin, the U.S. was the largest investor at $8.7 billion": a section on
    partners opened by this sentence carries no good from the sentence before."""
    # Releases on trade and FDI break their totals down by partner; an auto release's "By region" goes on about the
    # goods before it ("Auto parts exports fell 3.2 percent. By region, North America ($0.8 billion) grew")
    return scene.section == "region" and scene.prior_section != "region" and not scene.previous_in_sentence \
        and scene.frame.kind in ("trade", "ict", "fdi")


def resolve_item(scene: Scene, indicator_rule: str) -> tuple[str | None, str | None, str]:
    for rule, find in ITEM_RULES:
        found = find(scene)
        if found is not None:
            if found[0] is None and (by_unit := item_of_unit(scene)) is not None:
                return by_unit[0], by_unit[1], "unit"  # "Korea's order backlog": a total of the unit's goods
            return found[0], found[1], rule
    if indicator_rule in ("carried", "clause_before") and scene.previous is not None and scene.previous.item \
            and scene.previous.item_rule != "parenthesis_entry" and not leaves_item_list(scene) \
            and not is_economy_share(scene) and not opens_partner_section(scene):
        # "Growth was observed in key markets such as the U.S. (up 6.3 percent)": still the subject before. Not an
        # aside's own entry ("(women's wear down 9.8 percent)"): no subject for the clauses after the aside.
        return scene.previous.item, scene.previous.item_written, "carried"
    if indicator_rule in OWN_MEASURE_RULES and scene.previous is not None and scene.previous.item \
            and is_part_of_before(scene):
        # "a KRW 9 trillion package for the battery industry. Of this, KRW 5.5 trillion will be supplied as policy
        # loans": the part's own measure, the whole's item
        return scene.previous.item, scene.previous.item_written, "carried"
    if scene.clause.lead == "led by" and scene.previous_in_sentence and scene.previous is not None \
            and scene.previous.item:
        # "Auto parts exports grew 6.2 percent, led by shipments to North America (up 12.1 percent)": the markets
        # that led the goods before are markets of those goods
        return scene.previous.item, scene.previous.item_written, "carried"
    found = item_of_unit(scene)
    if found is not None:
        return found[0], found[1], "unit"
    found = item_of_frame(scene)
    if found is not None:
        return found[0], found[1], "frame"
    return None, None, "none"


# ---- region ------------------------------------------------------------------------------------

def up_to_comma(text: str) -> str:
    """The text before its first comma or semicolon."""
    cut = len(text)
    for mark in (",", ";"):
        at = text.find(mark, 0, cut)
        if at >= 0:
            cut = at
    return text[:cut]


def strip_home(text: str) -> str:
    lexicon = load_lexicon()
    if not any(name in text for name in lexicon.home_names):
        return text  # the pattern is case-sensitive: no home name written, nothing to blank
    return strip_home_words(text, lambda m: " " * len(m.group(0)))


def region_in_parenthesis_lead(scene: Scene) -> str | None:
    if scene.paren_open is None:
        return None
    words = phrase_before(mask_parentheses(scene.sentence[scene.clause.start:scene.paren_open]))
    return join_regions(find_regions(strip_home(words)))


def region_in_clause_left(scene: Scene) -> str | None:
    """The last partner the clause names before the figure, with those listed jointly with it ("Exports to China
    and Hong Kong, which ..., grew")."""
    text = strip_home(scene.subject_left)
    spans = find_regions(text)
    if spans and "," in text:
        # "climbed 44.5 percent on strong demand in North America and Europe, making up 35.5 percent": the cause's
        # markets explain the figure before
        spans = outside_closed_causes(text, spans)
    return join_regions(listed_regions(text, list(spans), len(spans) - 1)) if spans else None


def region_in_clause_right(scene: Scene) -> str | None:
    """"soared 45.5 percent in Vietnam", "a contract worth $2.25 billion with Egypt", "MOUs worth $15.6 billion
    were signed between Korean and Saudi companies", "invest $5.5 billion ... in Georgia, the U.S."; never in a
    cause: "rose 5.0 percent on strong demand from the U.S." are all exports."""
    whole = strip_home(scene.masked_right)
    if not find_regions(whole):
        return None
    cause = load_lexicon().cause_lead.search(whole)
    whole = whole[:cause.start()] if cause else whole
    text = up_to_comma(whole)
    compared = COMPARED_BEFORE.search(scene.left[-30:]) is not None
    spans = [s for s in find_regions(text) if TO_OR_FROM_END.search(text[:s.start])
             or IN_BEFORE.fullmatch(text[:s.start]) or PARTNER_BEFORE.search(text[:s.start])
             or compared and FOR_BEFORE.fullmatch(text[:s.start])]
    if spans:
        return spans[0].name
    if deal_worth(scene) is not None:
        # "a contract worth about 26 trillion won to build two reactors at the Dukovany site in the Czech Republic":
        # the place the deal's work is in
        spans = [s for s in find_regions(text) if IN_PLACE_END.search(text, 0, s.start)]
        if spans:
            return spans[0].name
    place = PLACE_THEN_COUNTRY.search(whole)
    if place and not find_regions(place.group("place")):
        spans = find_regions(whole[place.end():place.end() + 40])
        return spans[0].name if spans and spans[0].start == 0 else None
    return None


# "with Egypt", "between Korean and Saudi companies" (the home demonym blanked), "a deficit of $0.3 billion
# against Japan": the deal's or the balance's partner
PARTNER_BEFORE = compile_gated(r"\b(?:with|between|against|vis-à-vis)\s+(?:the\s+)?(?:and\s+)?$")
# "made up 79.3 percent of Korea's orders, compared with 38.1 percent for China": the figure a comparison sets
# beside the first is the partner's, named after it
COMPARED_BEFORE = compile_gated(rf"\b(?:{COMPARISON}|vs\.?)\s+"
                                r"(?:(?:about|around|some|only|just)\s+)?$")
FOR_BEFORE = compile_gated(r"\s*for\s+(?:the\s+)?")
IN_PLACE_END = compile_gated(r"\bin\s+(?:the\s+)?$")
# "in Georgia, the U.S.": a place, then the country it is in
PLACE_THEN_COUNTRY = compile_gated(r"^[^,;]*?\b(?:in|to|from)\s+(?P<place>(?:[A-Z][\w.\-]*\s+){0,2}[A-Z][\w.\-]*),\s+"
                                r"(?:the\s+)?(?=[A-Z])")


# "Vietnam in particular has become", "China, by contrast, remained": an article or adverb beside a partner
WORDS_BESIDE_A_SUBJECT = frozenset({"the", "a", "in", "particular", "by", "contrast", "however", "also", "alone",
                                    "meanwhile", "itself", "too", "again"})


def region_of_sentence_head(scene: Scene) -> str | None:
    """"Vietnam was the exception, with shipments expanding 16.3 percent", "China remained the largest market, with
    exports rising": a "with" clause naming no partner is about the partner the sentence's subject is."""
    if scene.clause.lead != "with" or scene.clause.start == 0 or find_regions(scene.subject_left) \
            or find_items(scene.subject_left):
        return None
    head = clause_head(mask_parentheses(scene.sentence[:scene.clause.start]))
    spans = find_regions(head)
    if len(spans) != 1 or find_items(head) or find_indicators(head):
        return None  # "Exports to China fell, with ...": the partner of a measure, not the subject
    rest = (head[:spans[0].start] + head[spans[0].end:]).replace(",", " ").split()
    if any(word.lower() not in WORDS_BESIDE_A_SUBJECT for word in rest):
        return None  # "The U.S. Federal Reserve kept rates high, with exports slowing": the partner is no subject
    return spans[0].name


def region_carried(scene: Scene) -> str | None:
    if scene.previous is not None and scene.anaphoric:
        return scene.previous.region
    return None


def region_of_section(scene: Scene) -> str | None:
    previous = scene.previous
    if scene.section != "region" or previous is None or previous.region is None:
        return None
    return previous.region if paired(previous.indicator, scene) else None


def region_of_rate(scene: Scene) -> str | None:
    """"duties of 28.16% for Japanese and Chinese hot-rolled products": the origins the rate is for."""
    match = RATE_FOR_ORIGINS.search(scene.right)
    if match is None or not is_rate(scene) or RATE_COMPARED.search(scene.right, 0, match.start()):
        return None
    spans = find_regions(scene.right[:match.end(1) + 80])
    inside = [n for n, s in enumerate(spans) if match.start(1) <= s.start < match.end(1)]
    if not inside:
        return None
    # "on hydrogen peroxide from Japan, Taiwan and Indonesia": the list goes on past the comma
    listed = regions_listed_after(scene.right, spans, inside[-1])
    return join_regions([spans[n] for n in inside[:-1]] + listed)


# "27.21% for Linyi Huayuan Wood": a rate for a firm named by itself (capitalised), not for an origin's other firms
FIRM_RATE = compile_gated(r"\s+for\s+(?!(?:all\s+|the\s+)?other\b)[A-Z]")
FIRM_ENTRY_END = re.compile(r"[,;]|\s+and\s+")  # where one firm's entry in a list of rates ends


def region_of_company_list(scene: Scene) -> str | None:
    """"rates of 27.21% for Linyi Huayuan Wood, 25.03% for Shandong Jinhe Board and 17.48% for other Chinese
    suppliers": in a trade remedy's list of rates by firm, a firm naming no origin is of the origin the list's later
    entry for the other firms names (the next such entry, in the sentence's clause up to a semicolon)."""
    if scene.frame.kind != "remedy" or "other" not in scene.sentence[scene.observation.end:]:
        return None  # a look before the searches
    level = scene.observation.level
    if level is None or level.unit != "percent" or not FIRM_RATE.match(scene.sentence, scene.observation.end):
        return None
    rest = scene.sentence[scene.observation.end:]
    if find_regions(FIRM_ENTRY_END.split(rest, 1)[0]):
        return None  # the firm's own entry names its origin, or is a country: "8.92% for Indian producer HEG"
    entry = load_lexicon().other_firms_of.search(rest.split(";", 1)[0])
    spans = find_regions(entry.group("origin")) if entry else ()
    return spans[0].name if len(spans) == 1 else None


def region_of_antecedent(scene: Scene) -> str | None:
    """"followed by the EU ($9.6 billion) and the Middle East, which rebounded 23.4 percent": the partner "which" points
    at, named by the phrase right before it, not the one the figure before was about."""
    text = antecedent_text(scene)
    if not text:
        return None
    return join_regions(find_regions(strip_home(phrase_before(mask_parentheses(text).rstrip(" ,")))))


# "lower its tariff on Korean automobiles to 15 percent, the same rate applied to Japan": the rate compared with
# another partner's after a comma is not for that partner
RATE_COMPARED = compile_gated(r",\s*(?:the\s+same|similar|equal|identical|comparable|as|like|compared)\b")
# "Tariffs of up to 40 percent on Korean automobiles will be phased out": a tariff on Korean goods is the partner's
TARIFF_ON_KOREAN = compile_gated(r"\btariffs?\b[^,;]*?\bon\s+(?:(?:other|all|imported|some)\s+)?Korean\b",
                                 re.IGNORECASE)


def region_of_tariff_on_korean(scene: Scene) -> str | None:
    """In a release about one partner ("Korea and Indonesia sign CEPA"), a tariff its clause puts on Korean goods
    is the partner's: "Tariffs of up to 40 percent on Korean automobiles will be phased out"."""
    partner = scene.frame.release_partner
    if partner is None:
        return None
    clause = scene.sentence[scene.clause.start:scene.clause.end]
    return partner if "Korean" in clause and TARIFF_ON_KOREAN.search(clause) else None


# "Bilateral trade", "Trade between the two countries", "The two countries aim to expand trade"
BILATERAL = compile_gated(r"\b(?:[Bb]ilateral|(?:[Tt]he|[Bb]oth)\s+(?:two\s+)?(?:countries|nations|sides)|"
                          r"between\s+the\s+two)\b")


# "purchase $100 billion of U.S. LNG", "$2.1 billion worth of Australian coal": the goods' origin names the partner
OF_ORIGIN = compile_gated(r"\s+(?:worth\s+)?of\s+(?:the\s+)?")


def region_of_goods_origin(scene: Scene) -> str | None:
    """"Korea will purchase $100 billion of U.S. LNG": an amount of goods a partner's name qualifies is the
    partner's ("of the U.S." alone too); a percentage of it is a share, read by the share rules."""
    level = scene.observation.level
    if level is None or level.unit in ("percent", "percentage points") or " of " not in scene.right[:12]:
        return None  # "of" right after the amount: a look before the match
    match = OF_ORIGIN.match(scene.right)
    spans = find_regions(strip_home(scene.right[match.end():match.end() + 40])) if match else ()
    return spans[0].name if spans and spans[0].start == 0 else None


def region_of_deal_partner(scene: Scene) -> str | None:
    """"Korean and Vietnamese companies signed 111 MOUs. Of them, 22 were export contracts worth $1.2 billion": in a
    release about one partner, the deals its clauses name no partner for are with that partner."""
    partner = scene.frame.release_partner
    return partner if partner is not None and deal_worth(scene) is not None else None


# "Korea's trade with the bloc", "the bloc's imports": a trade bloc named by its kind
THE_BLOC = compile_gated(r"\b[Tt]he\s+bloc\b")


def region_of_bilateral(scene: Scene) -> str | None:
    """A figure the clause calls bilateral, or the two countries', is with the partner the release is about; so is
    one of a relative clause on such a subject ("Bilateral trade, which reached $6.1 billion in 2015"), and, in a
    release about a trade bloc, one the clause says is the bloc's ("Korea's trade with the bloc")."""
    partner = scene.frame.release_partner
    if partner is None:
        return None
    clause = scene.sentence[scene.clause.start:scene.clause.end]
    if BILATERAL.search(clause) or BILATERAL.search(antecedent_text(scene)):
        return partner
    return partner if "bloc" in clause and partner in load_lexicon().blocs and THE_BLOC.search(clause) else None


# "Imports of the product from the two countries", "the three countries' combined share": the origins the title lists
THE_COUNTRIES = compile_gated(r"\b(?:the|both|these|those)\s+(?P<count>two|three|four|five|six)\s+countries\b",
                              re.IGNORECASE)


def region_of_the_countries(scene: Scene) -> str | None:
    """"the two countries" in a trade-remedy release on goods "from China and Taiwan": the title's origins, as
    many as the sentence counts."""
    origins = scene.frame.origins
    if not origins or "countries" not in scene.subject_left:
        return None
    match = THE_COUNTRIES.search(scene.subject_left)
    spans = [span for _, listed in origins for span in listed]
    if match is None or len({span.name for span in spans}) != COUNT_WORDS[match.group("count").lower()]:
        return None
    return join_regions(spans)


# "Exports to the kingdom rose 11.4 percent" in a release on Korea and Saudi Arabia: the partner the release is with
THE_PARTNER = compile_gated(r"\b(?:to|from|with|in)\s+the\s+(?:kingdom|country|nation|republic|emirate)\b"
                            r"(?!['’]s?\s+\w)")


def region_of_the_partner(scene: Scene) -> str | None:
    partner = scene.frame.release_partner
    if partner is None or "the " not in scene.subject_left:
        return None
    return partner if THE_PARTNER.search(scene.subject_left) else None


def of_remedied_goods(scene: Scene, indicator: str) -> bool:
    """A measure of the goods a trade-remedy title names, from the origins it names: their imports or duties, not
    "Total imports" (from every origin; a rate "for all exporters" is still of the origins) nor "from the three
    countries" the title does not list as three."""
    if not (indicator in load_lexicon().remedy_origin_indicators or is_import_share(scene, indicator)) \
            or "countries" in scene.subject_left and region_of_the_countries(scene) is None:
        return False  # "from the two countries" of a title on goods from two is of them (region_of_the_countries)
    return is_percent_level(scene.observation) or not load_lexicon().total_marker.search(scene.subject_left)


def is_import_share(scene: Scene, indicator: str) -> bool:
    """"The dumped imports, whose share of the Korean market rose", "the share of Chinese imports in the domestic
    market": the share the goods' imports hold is a measure of the goods (the domestic industry's is not). A
    relative clause's share is of what it points at."""
    if not indicator.startswith("share"):
        return False
    if scene.antecedent_start is not None:
        return bool(IMPORTS_WORD.search(scene.sentence, scene.antecedent_start, scene.observation.start))
    return bool(IMPORTS_WORD.search(scene.subject_left))


# "Imports", "imports", "imported" ("Importantly, the domestic industry accounted for 58.4 percent" is not)
IMPORTS_WORD = compile_gated(r"\b[Ii]mport(?:s|ed)?\b")


def title_origin_names(scene: Scene) -> set[str]:
    """The origins the title names ("PET resin from Taiwan, recommending provisional duties of 6.4 percent" in a
    release on stainless steel bars from Japan, China and India is another product's rate)."""
    return {span.name for _, listed in scene.frame.origins for span in listed}


REGION_LIST_JOINER = compile_gated(r",\s*(?:and\s+)?|\s+and\s+")


def is_title_origin(scene: Scene, region: str) -> bool:
    """The region is the title's origins, one or several of them jointly ("Imports of the products from the two
    countries" in a release on goods "from China and Indonesia": "China and Indonesia")."""
    names = title_origin_names(scene)
    return region in names or all(part in names for part in REGION_LIST_JOINER.split(region))


JOINED_PRODUCTS = compile_gated(r",|\s(?:and|or|&)\s", re.IGNORECASE)


TITLE_REMEDY_LEAD = compile_gated(r"^(?:the\s+)?(?:alleged\s+)?(?:dumping|imports?)\s+(?:of|on)\s+", re.IGNORECASE)


def title_product(scene: Scene, indicator: str) -> tuple[str, str] | None:
    """The one product a trade-remedy title names, for its duties ("Hydrogen Peroxide" in title case: the
    capitals are the title's, not a name's)."""
    lexicon = load_lexicon()
    if indicator not in lexicon.remedy_origin_indicators and indicator not in lexicon.remedy_market_indicators \
            and not is_import_share(scene, indicator):
        return None
    return title_goods(scene.frame)


def title_goods(frame: Frame) -> tuple[str, str] | None:
    """The one product a trade-remedy title names with its origins ("... on stainless steel cold-rolled plates from
    China and Indonesia"), by its whole name."""
    if len(frame.origins) != 1:
        return None  # no title product, or several
    product = TITLE_REMEDY_LEAD.sub("", frame.origins[0][0])  # "on dumping of aluminum foil from China"
    if JOINED_PRODUCTS.search(first_of_shapes(product)):
        return None  # "PET resin and nylon film": two products, no one the rate is on
    return known_or_phrase(" ".join(word if word.isupper() else word.lower() for word in product.split()))


def region_of_title_origin(scene: Scene, indicator: str, item: str | None) -> str | None:
    """"21.48 percent for Zhongji Aluminium", "Imports of the product rose 46.2 percent" in a release on "aluminum
    foil from China": the remedied goods' imports and duties are of the origins the title gives that product."""
    if item is None or not of_remedied_goods(scene, indicator):
        return None
    found = {join_regions(listed) for product, listed in scene.frame.origins if names_product(item, product)}
    return found.pop() if len(found) == 1 else None


def region_of_rate_after(scene: Scene) -> str | None:
    """"the 15 percent U.S. tariff on Korean cars": the partner named between the percentage and its rate."""
    match = rate_noun_after(scene)
    spans = find_regions(match.group(0)) if match else ()
    return spans[0].name if len(spans) == 1 else None


PERCENT_FOR = compile_gated(r"\s+for\s+(?:the\s+|(?:all\s+)?other\s+)?")


def region_of_percent_for(scene: Scene) -> str | None:
    """"compared with 32.1 percent for China and 13.0 percent for Japan": a percentage whose partner follows it."""
    level = scene.observation.level
    if level is None or level.unit != "percent" or not scene.right.startswith(" for ") or is_rate(scene):
        return None  # a duty's origins, listed, are rate_for's
    lead = PERCENT_FOR.match(scene.right)
    spans = find_regions(scene.right[:lead.end() + 40])
    return spans[0].name if spans and spans[0].start == lead.end() else None


REGION_RULES = (
    ("percent_for", region_of_percent_for),
    ("rate_after", region_of_rate_after),
    ("rate_for", region_of_rate),
    ("company_list", region_of_company_list),
    ("parenthesis_lead", region_in_parenthesis_lead),
    ("clause_left", region_in_clause_left),
    ("antecedent", region_of_antecedent),
    ("the_countries", region_of_the_countries),
    ("the_partner", region_of_the_partner),
    ("sentence_head", region_of_sentence_head),
    ("anaphora", region_carried),
    ("clause_right", region_in_clause_right),
    ("goods_origin", region_of_goods_origin),
    ("section", region_of_section),
    ("tariff_on_korean", region_of_tariff_on_korean),
    ("bilateral", region_of_bilateral),
    ("deal_partner", region_of_deal_partner),
)


# The measures of a project a bilateral release announces: "invest USD 500 million in an assembly plant", "a USD 900
# million power plant with a capacity of 1,000 MW", "a credit line of EUR 8 billion"
PROJECT_MEASURES = frozenset({"investment", "capacity", "production capacity", "contracts", "agreements",
                              "credit line"})


WORD_OF = compile_gated(r"[A-Z][\w-]+")
IN_KOREA = compile_gated(r"\bin\s+(?:South\s+)?Korea\b(?!n)")


def region_of_project(scene: Scene, indicator: str) -> str | None:
    """"Korea and Saudi Arabia sign USD 4.6 billion in deals ... Korean firms also agreed to invest USD 500 million in
    an electric vehicle assembly plant": in a release about one partner, a project's amount or capacity whose
    sentence names no other partner is with that partner ("in a plant in India" is India's, read before)."""
    partner = scene.frame.release_partner
    if partner is None or indicator not in PROJECT_MEASURES:
        return None
    if IN_KOREA.search(scene.sentence) \
            or any(load_lexicon().home_provinces.get(word.lower()) for word in WORD_OF.findall(scene.sentence)):
        # "S-Oil's Shaheen project, a petrochemical complex in Ulsan, involves an investment of", "the largest-ever
        # investment in Korea by a foreign company": a project at home, not with the partner
        return None
    named = {span.name for span in find_regions(strip_home(scene.sentence))}
    return partner if named <= {partner} else None


def resolve_region(scene: Scene, indicator_rule: str) -> tuple[str | None, str]:
    for rule, find in REGION_RULES:
        found = find(scene)
        if found is not None:
            return found, rule
    # "..., with Vietnam accounting for ...": the figure before in the sentence; not the last one of the sentence
    # before ("... share fell to 9.6 percent. Imports of Vietnamese ropes had not been dumped, with a margin of ...")
    if scene.clause.lead in RELATIVE_LEAD and scene.previous_in_sentence and scene.previous is not None \
            and scene.previous.region:
        return scene.previous.region, "clause_before"
    if indicator_rule == "clause_before" and scene.previous_in_sentence and scene.previous is not None \
            and scene.previous.region and SUBJECTLESS_CLAUSE.match(scene.left):
        # "Exports to China fell 3.1 percent in May, but rose 2.4 percent in June", "Bilateral trade fell to USD 6.1
        # billion last year, but rose 46.2 percent ...": a clause opening on its verb has the subject before, partner
        # and all
        return scene.previous.region, "subjectless_clause"
    return None, "none"


# A clause that opens on a finite verb of its own, no subject before it, the figure right after it ("but rose 2.4
# percent", "but jumped by 12 percent"); not a participle ("while rising chip prices lifted exports") nor an adjective
# before the clause's own subject ("and used cars rose 30.1 percent", "and refined products jumped 20.1 percent")
SUBJECTLESS_CLAUSE = compile_gated(r"\W*(?:(?:also|then|again|later|still|instead)\s+)?"
                                   r"(?:[a-z]+ed|rose|fell|grew|shrank|sank|slid|hit|stood|came|went)"
                                   r"(?:\s+(?:by|to|up|down|about|around|some|nearly|almost|over|an?|another))?\W*$")


def item_list_indicator(scene: Scene, indicator: str, dated: bool, rule: str,
                        item: str | None = None) -> tuple[str, bool, str]:
    """"... and the trade balance posted a surplus of $4.9 billion. By item, semiconductors ($11.4 billion, ...)":
    in a trade release a list of items naming no indicator is about exports, not the indicator carried."""
    lists = load_lexicon().item_list_indicator.get(scene.frame.kind)
    if lists is None or indicator == lists["indicator"]:
        return indicator, dated, rule
    # "Imports climbed 18.6 percent ... Of the 15 major items, 10 grew: petroleum products surged 89.4 percent": a
    # sentence naming the release's list of (export) items opens that list as "By item," does
    opens_item_section = section_opened(scene.sentence) == "item" or names_item_list(scene.sentence, lists) \
        or opens_destination_list(scene.sentence, lists)
    if indicator in lists["always"] or (indicator in lists["in_section"] and opens_item_section):
        return lists["indicator"], True, "item_list"
    previous = scene.previous
    if item in lists.get("export_items", ()) and previous is not None \
            and (previous.item is None or previous.item_rule == "frame") \
            and (indicator in lists["in_section"]
                 or (indicator == "unspecified" and previous.indicator.startswith("share"))):
        # "... and imports rose 12.8 percent to $12.1 billion. Semiconductors, the largest item, earned $74.2 billion",
        # "Korea's share of the global export market rose to 3.2 percent. Cosmetics jumped 53.0 percent": an export
        # item opening its sentence after a total of imports, or after a share of no known whole, is exported
        # ("Crude oil jumped 74.9 percent" after imports is still imported)
        return lists["indicator"], True, "item_list"
    return indicator, dated, rule


def opens_destination_list(sentence: str, lists: dict) -> bool:
    """"By destination, ...", "Among destinations, ...": a list of the places exports go to."""
    return sentence[:30].lower().lstrip().startswith(tuple(lists.get("destination_leads", ())))


def opens_partner_list(scene: Scene, region: str | None) -> bool:
    """"The average export price per vehicle rose to $23,000. By destination, North America ($21.4 billion, ...)": a
    list of partners the sentence opens is, like a list of items, about what the release measures, not a side
    measure carried."""
    return region is not None and scene.section == "region" and section_opened(scene.sentence) == "region"


def names_another_line(scene: Scene, item: str | None, item_rule: str) -> bool:
    """"... but purchase per customer rose 2.2 percent. Online, food (up 21.4 percent) and services ... stood out":
    the sentence names a line of its own, not the store type the measure carried was of."""
    return item is not None and item_rule not in ("carried", "frame", "anaphora") and item != scene.previous.item


def carried_from_sentence_before(scene: Scene, indicator_rule: str) -> bool:
    """The indicator is the sentence before's: carried, or taken by a later clause ("By product, 12 of the 15 major
    items increased, led by semiconductors, which gained 8.1 percent") before any figure of its own sentence."""
    return indicator_rule == "carried" or (indicator_rule == "clause_before" and not scene.previous_in_sentence)


# "The previous record was $644.4 billion", "exceeded the previous half-year record of $11.5 billion", "The fourth
# quarter alone accounted for $181.6 billion of the total": an earlier record, or a part of the period, of the measure
# the release has been stating; the sentence names no subject because it has none of its own
RECORD_OR_PART = compile_gated(r"\b(?:previous|earlier|former|old)\s+(?:[\w-]+\s+){0,2}?(?:record|high|peak)\b"
                               r"|\balone\b", re.IGNORECASE)


def names_record_or_part(scene: Scene) -> bool:
    """Does the clause before the figure speak of an earlier record or of a period alone?"""
    left = scene.left
    return ("alone" in left or "record" in left or "high" in left or "peak" in left) \
        and RECORD_OR_PART.search(left) is not None


# The volumes a commodity is traded in: no total of exports or imports is counted in them. Not "units" nor "CGT":
# "Domestic sales of the Casper reached 5,000 units. Domestic sales came to 140,000 units" is a total again.
COMMODITY_VOLUMES = ("tons", "barrels")


def same_quantity_as_before(scene: Scene, indicator: str) -> bool:
    """Does the figure measure, in the same commodity volume (tons, barrels), what the figure before measured?"""
    previous, level = scene.previous, scene.observation.level
    if previous is None or previous.item is None or previous.level is None or level is None:
        return False
    return level.unit in COMMODITY_VOLUMES and level.unit == previous.level.unit and indicator == previous.indicator


# "Services took in $3.0 billion, of which ICT services accounted for 35.2 percent": the part's share of the figure
# before
PART_OF_WHICH = compile_gated(r",\s+of\s+which\s+(?P<np>[^,;\d]+?)\s+(?:accounted|accounts|account|made|makes|make|"
                              r"represented|represents|represent|comprised|comprises)\s+(?:up\s+)?(?:for\s+)?"
                              r"(?:about|around|approximately|nearly|some|over|more\s+than|almost|roughly)?\s*$")


def part_of_which(scene: Scene) -> tuple[str, str] | None:
    if "which" not in scene.left or not scene.previous_in_sentence or not is_percent_level(scene.observation):
        return None  # the words every match holds: a look before the search
    match = PART_OF_WHICH.search(scene.left)
    return known_or_phrase(match.group("np")) if match else None


# "imported $1.1 billion worth of graphite, more than 90 percent of which came from China"
SHARE_OF_WHICH = compile_gated(r"\s+of\s+which\s+(?:came|comes|come|was|were|is|are|went|goes|go)\s+"
                               r"(?:from|to)\s+(?:the\s+)?")


def origin_of_which(scene: Scene) -> str | None:
    """"$1.1 billion worth of graphite ..., more than 90 percent of which came from China": the percentage is the
    partner's share of the amount before in the sentence, its subject that amount's."""
    previous = scene.previous
    if not scene.previous_in_sentence or previous is None or previous.level is None \
            or previous.level.unit in ("percent", "percentage points") or not is_percent_level(scene.observation):
        return None
    end = scene.observation.end
    if "which" not in scene.sentence[end:end + 12]:
        return None  # the words every match holds: a look before the search
    match = SHARE_OF_WHICH.match(scene.sentence, end)
    spans = find_regions(strip_home(scene.sentence[match.end():match.end() + 40])) if match else ()
    return spans[0].name if spans and spans[0].start == 0 else None


# "add 48.7 GW of new renewable capacity by 2030, 95 percent of which will come from solar and wind power", "..., of
# which 63 percent will come from solar power": the goods a share of the amount before comes from
COMES_FROM = r"(?:will\s+|is\s+to\s+|are\s+to\s+)?(?:came|comes|come)\s+from\s+(?P<np>[^,;.()\d]+)"
SOURCE_OF_WHICH_AFTER = compile_gated(r"\s+of\s+which\s+" + COMES_FROM)
SOURCE_OF_WHICH_BEFORE = compile_gated(r",\s+of\s+which\s+(?:about|around|some|nearly|over|more\s+than)?\s*$")
SOURCE_AFTER = compile_gated(r"\s+" + COMES_FROM)


def source_of_which(scene: Scene) -> tuple[str, str] | None:
    """The goods the percentage's part of the amount before in the sentence comes from (the partner's share, "of which
    came from China", is origin_of_which's)."""
    previous = scene.previous
    if not scene.previous_in_sentence or previous is None or previous.level is None \
            or previous.level.unit in ("percent", "percentage points") or not is_percent_level(scene.observation):
        return None
    end = scene.observation.end
    if "which" not in scene.sentence[max(0, scene.observation.start - 20):end + 12]:
        return None  # the words every match holds: a look before the search
    match = SOURCE_OF_WHICH_AFTER.match(scene.sentence, end)
    if match is None and SOURCE_OF_WHICH_BEFORE.search(scene.sentence, 0, scene.observation.start):
        match = SOURCE_AFTER.match(scene.sentence, end)
    if match is None or find_regions(match.group("np")):
        return None
    return known_or_phrase(match.group("np"))


def is_orders_won(scene: Scene) -> bool:
    """A tonnage of ships ("2.4 million CGT") a clause says was won or received: orders, whatever measure the figure
    before had (a price index, a backlog: a stock is not won)."""
    level, lexicon = scene.observation.level, load_lexicon()
    if level is None or level.unit not in lexicon.order_units or scene.previous is None:
        return False
    return lexicon.order_verb.search(scene.left) is not None


# "invest KRW 6.7 trillion over five years in carbon-neutral industrial technologies", "spend KRW 1.2 trillion on
# industrial decarbonization R&D", "allocate KRW 1.7 trillion next year to ...": after the amount (and the time it is
# spent over), what it goes to
PURPOSE_AFTER = compile_gated(r"^(?:\s+(?:over|through|until|by|during|in)\s+(?:the\s+)?(?:next\s+|coming\s+)?"
                              r"(?:[a-z]+\s+)?(?:years?|months?|(?:19|20)\d\d)\b|\s+(?:next|this)\s+year\b"
                              r"|\s+a\s+year\b|\s+annually\b)*\s+(?:in|on|to|into)\s+(?P<np>[a-z][^,;()\d$]*)")
PURPOSE_END = compile_gated(r"\s+(?:over|through|until|during|by|next|this|from|to|in|for|with|as|which|that)\b"
                            r"|\s+and\s+(?:will|would|is|are|was|were)\b")
SPENT_MEASURES = frozenset(("investment", "spending", "budget"))


def item_of_purpose(scene: Scene) -> tuple[str, str] | None:
    """"MOTIE said it would invest KRW 6.7 trillion over five years in carbon-neutral industrial technologies such
    as hydrogen-based steelmaking": an amount spent is about what it goes to (examples left out); not a partner
    ("invest $5.5 billion in Georgia")."""
    level = scene.observation.level
    if level is None or level.unit not in CURRENCY_UNITS:
        return None
    match = PURPOSE_AFTER.match(scene.subject_right)
    if match is None:
        return None
    words = PURPOSE_END.split(match.group("np"), maxsplit=1)[0].strip()
    if not words or find_regions(words) or first_verb(words):
        return None
    return known_or_phrase(words)


# "the domestic industry, whose market share fell", "domestic producers' operating profit margin", "The market share
# of domestic graphite electrode makers": in a trade remedy, the home industry the goods are said to injure
DOMESTIC_INDUSTRY = compile_gated(r"\b(?:domestic|Korean|local)\s+(?:[a-z][\w\-]*\s+){0,3}?(?:industry|industries|"
                                  r"producers|makers|manufacturers)\b(?!\s+of\b)")


def item_of_domestic_industry(scene: Scene) -> tuple[str, str] | None:
    """In a trade-remedy release, a measure of the domestic industry (its market share, operating rate or margin,
    named as its possessor, its complement or what "whose" points at) is the industry's, not the remedied goods':
    the industry of the one product the title names ("domestic producers of stainless steel bars"), unless its
    words name the goods already ("domestic graphite electrode makers")."""
    text = scene.subject_left
    if scene.antecedent_start is not None and scene.clause.lead == "whose":
        text = scene.sentence[scene.antecedent_start:scene.observation.start]
    if "domestic" not in text and "Korean" not in text and "local" not in text:
        return None  # the words every match opens on: a look before the search
    matches = list(DOMESTIC_INDUSTRY.finditer(text))
    if not matches:
        return None
    written = matches[-1].group(0)
    if len(scene.frame.origins) != 1:
        return written, written
    product = scene.frame.origins[0][0]
    product = " ".join(word if word.isupper() else word.lower() for word in product.split())
    head = product.split()[-1].lower().rstrip("s")
    if JOINED_PRODUCTS.search(product) or PRODUCT_PREPOSITION.search(product) or head in written.lower():
        return written, written
    return f"{written} of {product}", written


SHORT_NAME_RULES = ("noun_phrase", "anaphor_of", "rate_for")
# "dumping of aluminum foil": a title's words around the product, not its name
PRODUCT_PREPOSITION = compile_gated(r"\s(?:of|on|for|from|in|to|into|against)\s", re.IGNORECASE)


@text_cache(maxsize=64)
def item_forms(name: str) -> tuple[str, ...]:
    """The ways releases write a known item ("auto", "automobile", "car" for automobiles)."""
    return tuple(form for form, canonical in load_lexicon().item_names.items() if canonical == name)


def full_name_of_short(scene: Scene, item: str) -> str | None:
    """"Imports of the bars from the three countries" in a release on stainless steel bars, "Parts exports rose 4.5
    percent" in one on automobiles: a bare head noun that the release's own goods end in, or that with the release's
    item before it is a known item ("auto parts"), is that item, not a new one. In a trade-remedy release the goods
    of the figure before come first: "... carbon steel and alloy steel plates from China ... Imports of the Chinese
    plates rose", "For the Japanese stainless steel plates, duties ... Japanese imports of the plates" are those
    goods, though the title calls them "steel plates" or names another product."""
    if len(item.split()) > 2:
        return None
    frame = scene.frame
    previous = scene.previous
    if frame.kind == "remedy" and previous is not None and previous.item \
            and len(previous.item.split()) > len(item.split()) and names_product(item, previous.item):
        return previous.item
    for product, _ in frame.origins:
        if len(product.split()) > len(item.split()) and names_product(item, product) \
                and not JOINED_PRODUCTS.search(product) and not PRODUCT_PREPOSITION.search(product):
            found = known_or_phrase(" ".join(word if word.isupper() else word.lower() for word in product.split()))
            return found[0] if found is not None else None
    if frame.default_item is None:
        return None
    for form in item_forms(frame.default_item):
        text = f"{form} {item}"
        spans = find_items(text)
        if len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(text) \
                and spans[0].name != frame.default_item:
            return spans[0].name
    return None


# "energy imports", "imports of energy": energy's imports as a whole; the sources such a clause lists after them
ENERGY_IMPORTS = compile_gated(r"\b[Ee]nergy\s+imports\b|\bimports\s+of\s+energy\b")
ENERGY_SOURCES = frozenset((None, "crude oil", "coal", "natural gas", "LNG", "gas"))


def names_energy_imports(scene: Scene) -> bool:
    """The sentence names energy imports before the figure, no other figure between ("Energy imports, which include
    crude oil, gas and coal, shrank 46.8 per cent")."""
    start = scene.observation.start
    match = last_match(ENERGY_IMPORTS, scene.sentence, 0, start)
    return match is not None and not NUMBER_NOT_YEAR.search(scene.sentence, match.end(), start)


NUMBER_NOT_YEAR = compile_gated(r"(?<!\d)(?!(?:19|20)\d\d\b)\d")


# "small and medium-sized enterprises (SMEs)": an abbreviation in capitals right after a name
ABBREVIATION_AFTER = compile_gated(r"\s*\((?P<abbr>[A-Z][A-Z&]{1,6}s?)\)")


def abbreviation_after(scene: Scene, item: str) -> str | None:
    """The abbreviation the sentence gives the item right after it, before the figure, starting with its letter."""
    at = scene.sentence.rfind(item, 0, scene.observation.start)
    match = ABBREVIATION_AFTER.match(scene.sentence, at + len(item)) if at >= 0 else None
    if match is None or match.group("abbr")[0] != item[0].upper():
        return None
    return match.group("abbr")


TWO_WAY_FLOWS = ("exports", "imports")
# "imports from Japan": the clause names a partner of its own ("from the region" points back, and is none)
OTHER_PARTNER_WORDS = compile_gated(r"\bfrom(?=\s+(?!the\s+(?:region|country|countries|bloc)\b)\S)")
PROVINCE_SUFFIX = compile_gated(r"(?:['’]s|\s+[Pp]rovince)$")


def region_of_other_way(scene: Scene, indicator: str) -> str | None:
    """"Korean exports to the UAE at $5.8 billion and imports at $12.1 billion", "exports to ASEAN totaled $100.1
    billion, while imports from the region amounted to $59.9 billion": the flow the other way, right after one with a
    partner in the same sentence and naming none of its own, is with the same partner."""
    if indicator not in TWO_WAY_FLOWS or not scene.previous_in_sentence:
        return None
    previous = scene.previous
    if previous is None or not previous.region or previous.indicator not in TWO_WAY_FLOWS \
            or previous.indicator == indicator:
        return None
    if OTHER_PARTNER_WORDS.search(scene.sentence, scene.clause.start, scene.observation.start):
        return None
    return previous.region


def home_province(words: str) -> str | None:
    """The province the words name, and only it ("Busan", "Gyeonggi Province", "Jeju's"), as the lexicon writes it."""
    name = PROVINCE_SUFFIX.sub("", words.strip())
    return load_lexicon().home_provinces.get(name.lower())


# The measures a facility's figure has when its clause names none of its own (or only the capacity after its cost)
FACILITY_UNNAMED_MEASURES = frozenset({"unspecified", "capacity", "production capacity", "production"})


# ", pushing the annual trade balance to", ", leaving a deficit of": what the words before brought about
BROUGHT_ABOUT = compile_gated(r",\s+(?:thus\s+|thereby\s+)?(?:pushing|lifting|bringing|leaving|resulting\s+in|putting|"
                              r"driving|taking|turning|swinging)\b")


CAUSE_WORD = compile_gated(r"\b(?:as|on|amid|due\s+to|because\s+of|owing\s+to|thanks\s+to|driven\s+by"
                           r"|on\s+the\s+back\s+of)\b")


def balance_after_cause(scene: Scene, written: str) -> bool:
    """Do the item's words stand before a consequence the balance is in ("coal skyrocketed, pushing the trade
    balance to a deficit of")?"""
    sentence, figure = scene.sentence, scene.observation.start
    at = sentence.rfind(written, 0, figure)
    return at >= 0 and BROUGHT_ABOUT.search(sentence, at + len(written), figure) is not None \
        and CAUSE_WORD.search(sentence, max(0, at - 80), at) is not None  # not "Imports by the ICT sector totaled"


def resolve_subject(scene: Scene) -> Subject:
    indicator, dated, indicator_rule = resolve_indicator(scene)
    item, written, item_rule = resolve_item(scene, indicator_rule)
    if item is None and item_rule in ("none", "total") and scene.frame.plan_item \
            and indicator in load_lexicon().plan_cost_indicators \
            and load_lexicon().plan_cost_sentence.search(scene.sentence):
        # "The plan will require about KRW 110 trillion in investment" in a release on the Renewable Energy 3020 plan:
        # the plan's cost is of the goods it is named by
        item, written, item_rule = scene.frame.plan_item, scene.frame.plan_item, "plan_named"
    if item_rule == "through" and (indicator in ("unspecified", "emissions") or REDUCTIONS_OF.match(scene.right)):
        # "secure 33.5 million tons of reductions through international carbon markets": reductions, not emissions
        indicator, dated, indicator_rule = "emission reduction", True, "through"
    money = item_rule == "facility" and scene.observation.level.unit in CURRENCY_UNITS
    if item_rule == "facility" and (indicator in FACILITY_UNNAMED_MEASURES or indicator == "investment" and not money):
        # "The projects include a USD 1.4 billion petrochemical plant ..., a USD 900 million combined-cycle power plant
        # with a capacity of 1,000 MW": a facility's amount of money is the investment in it, its output the capacity
        indicator, indicator_rule = ("investment" if money else "capacity"), "facility"
    if item is not None and item_rule in SHORT_NAME_RULES:
        full = full_name_of_short(scene, item)
        if full is not None:
            item, item_rule = full, "short_name"
    if item is None and item_rule == "none" and indicator in SPENT_MEASURES:
        found = item_of_purpose(scene)
        if found is not None:
            item, written, item_rule = found[0], found[1], "purpose"
    if item is not None and item_rule == "noun_phrase" and "(" in scene.sentence:
        short = abbreviation_after(scene, item)
        if short is not None:
            # "Exports by small and medium-sized enterprises (SMEs) grew": a phrase no lexicon names goes by the
            # abbreviation the release gives it
            item, written, item_rule = short, short, "abbreviation"
    if indicator in ("imports", "share of imports") and item in ENERGY_SOURCES and "nergy" in scene.sentence \
            and not (item_rule == "next_to_indicator" and scene.clause.start > 0) \
            and (names_energy_imports(scene) or scene.previous_in_sentence and scene.previous is not None
                 and scene.previous.item == "energy" and is_share(scene)):
        # "Energy imports, which include crude oil, gas and coal, shrank", "energy imports of crude oil, gas and coal
        # totaled", "Korea's energy imports in 2018 amounted to": the imports of energy as a whole, not the first
        # source the clause lists; "..., accounting for 26.1 percent of total imports" after them is their share
        item, written, item_rule = "energy", "energy", "energy_imports"
    if scene.frame.kind == "remedy" and item_rule == "noun_phrase" \
            and indicator in load_lexicon().rate_only_indicators and is_percent_level(scene.observation):
        # "should the duties lapse, the dumping margin of Japanese exporters could reach 40 percent", "The
        # investigation found that the dumping margin ... was 24.8 percent": a remedy's rate on a phrase no lexicon
        # names (the clause's words before it) is on the release's goods (in a release on two products, on the goods
        # of the rate before: "Among individual exporters, Chinese producer Jiangsu Hengli was assigned a rate of")
        found = goods_of_rate_before(scene, indicator) or release_goods(scene, indicator)
        if found is not None:
            item, written, item_rule = found[0], found[1], "title_product"
    if scene.frame.kind == "remedy" and item is not None and names_firm(scene, item, written):
        # "Taiwan's Yieh United Steel Corp. 11.69%", "IRNC was assigned 21.62%": a firm's rate (or its goods' imports)
        # is on the one product the title names, the firm no item; in a release on two products, on the goods of
        # the rate before ("In a sunset review on polyester staple fibers from China, India and Vietnam, ... duties of
        # between 2.45 percent and 45.02 percent ... Chinese producer Jiangsu Hengli was assigned a rate of 6.54
        # percent")
        found = goods_of_rate_before(scene, indicator) or release_goods(scene, indicator)
        item, written, item_rule = (found[0], found[1], "title_product") if found is not None else (None, None, "none")
    region, region_rule = resolve_region(scene, indicator_rule)
    if region is not None and scene.frame.kind == "remedy" and indicator in load_lexicon().remedy_market_indicators:
        # "extended the duty on nylon film from Thailand, noting that the domestic nylon film market was worth about
        # KRW 200 billion": the home market of the goods, of no origin
        region, region_rule = None, "home_market"
    if region is None:
        found = region_of_project(scene, indicator)
        if found is not None:
            region, region_rule = found, "project_partner"
    if region is None and item is None:
        found = region_of_other_way(scene, indicator)
        if found is not None:
            region, region_rule = found, "other_way"
    if region is None and item is not None:
        province = home_province(written or item)
        if province is not None:
            # "Seoul's exports decreased 2.8 percent", "Gyeonggi exported $14.9 billion": the province's figure
            item, written, item_rule, region, region_rule = None, None, "none", province, "home_province"
    if carried_from_sentence_before(scene, indicator_rule) and (item_rule not in ("carried", "frame", "none", "total")
                                                                or opens_partner_list(scene, region)):
        indicator, dated, indicator_rule = item_list_indicator(scene, indicator, dated, indicator_rule, item)
    if indicator_rule == "carried" and is_orders_won(scene):
        # "The newbuilding price index stood at 160.6 points in June. In June alone, Korean yards received 2.4 million
        # CGT": the yards' orders, not the index (nor the backlog) carried
        indicator, dated, indicator_rule = "orders", True, "orders_won"
    if indicator_rule == "carried" and indicator in load_lexicon().store_measures \
            and names_another_line(scene, item, item_rule):
        indicator, indicator_rule = scene.frame.sales_indicator, "store_measure_ends"
    if indicator_rule == "carried" and item is None and region is None:
        # "In addition to reaching $1 trillion within ...": no subject named, none carried over a sentence; but
        # "The previous record was $644.4 billion" is the measure's own
        indicator, indicator_rule = (indicator, "record_or_part") if names_record_or_part(scene) \
            else ("unspecified", "none")
    if item is None and item_rule == "none" and same_quantity_as_before(scene, indicator):
        # "LNG imports fell 11.3 percent to 8.6 million tons. In the first nine months, imports came to 29.0 million
        # tons": no total of imports is counted in tons; the measure is the goods' before, in their own unit
        item, written, item_rule = scene.previous.item, scene.previous.item_written, "same_quantity"
    if item is None and item_rule in ("none", "total"):
        own = load_lexicon().frame_indicator_item.get(scene.frame.kind, {}).get(indicator)
        if own is not None:
            # "By value, orders reached $22.5 billion" in a release on shipbuilders' orders: the ships' orders
            item, written, item_rule = own, own, "frame"
    if indicator == "trade" and item is not None and indicator_rule in ("carried", "clause_before", "anaphora") \
            and scene.frame.kind in ("trade", "ict"):
        # "Total trade value reached $1.415 trillion. By item, automobiles ($54.1 billion, up 16.4 percent)": an
        # item's figure is its exports; the total trade of the sentence before is no measure of one good
        indicator, dated, indicator_rule = "exports", True, "item_exports"
    if indicator == "trade balance" and item is not None and item_rule in ("clause_left", "noun_phrase") \
            and written and balance_after_cause(scene, written):
        # "as the prices of crude oil, gas and coal skyrocketed, pushing the annual trade balance to a deficit": the
        # goods of the cause are no balance's item
        item, written, item_rule = None, None, "none"
    if is_share(scene):
        # a share is of a period, whatever the indicator carried ("Tax credits ... 25 percent. ... raise Korea's share
        # of the global market from 3 percent in 2022")
        indicator, dated, indicator_rule = share_indicator(scene), True, "share"
    if scene.frame.kind == "remedy" and item_rule in ("none", "carried", "anaphora") \
            and indicator not in load_lexicon().remedy_origin_indicators:
        found = item_of_domestic_industry(scene)
        if found is not None:
            item, written, item_rule = found[0], found[1], "domestic_industry"
    if item is None and item_rule == "none" and len(scene.frame.origins) == 1 \
            and (not dated or of_remedied_goods(scene, indicator)
                 or indicator in load_lexicon().remedy_market_indicators) \
            and (region is None or is_title_origin(scene, region)):
        # "KTC Makes Preliminary Dumping Determination on Chinese Hydrogen Peroxide" ... "It decided to recommend
        # provisional anti-dumping duties of 31.02 percent": a rate naming no goods is on the one product the title
        # names
        found = title_product(scene, indicator)
        if found is not None:
            item, written, item_rule = found[0], found[1], "title_product"
    if region is None and scene.frame.origins:
        region = region_of_title_origin(scene, indicator, item)
        region_rule = "title_origin" if region else region_rule
    if item_rule == "remedy_object" and region_rule not in ("rate_for", "company_list"):
        # "made a final determination on styrene-butadiene rubber from Japan and the U.S., recommending duties of
        # between 9.43% and 25.77%": the rate is on the goods with all the origins named with them
        origins = origins_of_remedy_object(scene)
        if origins is not None and (region is None or region in origins):
            region, region_rule = origins, "remedy_object"
    if region is None and item_rule == "short_name" and scene.previous is not None \
            and scene.previous.item == item and scene.previous.region and of_remedied_goods(scene, indicator):
        # "... duties on carbon steel seamless pipes from China. Imports of the pipes rose": the goods named before
        # are of the origins given them there
        region, region_rule = scene.previous.region, "short_name"
    part = part_of_which(scene)
    if part is not None:
        previous = scene.previous
        whole = previous.indicator
        if whole != "unspecified" and not whole.startswith("share"):
            indicator, dated, indicator_rule = f"share of {whole}", True, "share"
        if part[0] != item:  # "of which eco-friendly models made up 41.0 percent": the clause's own item already
            item, written, item_rule = part[0], part[1], "part_of_which"
    origin = origin_of_which(scene)
    if origin is not None:
        previous = scene.previous
        indicator, dated, indicator_rule = f"share of {previous.indicator}", True, "share"
        item, written, item_rule = previous.item, previous.item_written, "of_which"
        region, region_rule = origin, "of_which"
    source = source_of_which(scene) if origin is None else None
    if source is not None:
        indicator, dated, indicator_rule = f"share of {scene.previous.indicator}", True, "share"
        item, written, item_rule = source[0], source[1], "source_of_which"
    return Subject(indicator, item, written, region, dated, indicator_rule, item_rule, region_rule,
                   scene.observation.level, explained_subject(scene, indicator))


# ---- period ------------------------------------------------------------------------------------

def attached_period(sentence: str, observation: Observation, mentions: list[PeriodMention],
                    figures: list[Figure]) -> PeriodMention | None:
    """"$12.3 billion recorded in June 2022", "$85.3 billion set in the first six months of 2015"."""
    lexicon = load_lexicon()
    for mention in mentions:
        if mention.start < observation.end or mention.start > observation.end + 40:
            continue
        between = sentence[observation.end:mention.start]
        if any(observation.end <= f.start < mention.start for f in figures):
            continue
        if lexicon.attach_between.match(between):
            return mention
    return None


# "the previous H1 record of $297.0 billion set in 2018", "the first-half record was $16.9 billion in 2018", "the
# previous February record of $11.9 billion set in 2024": a record of a half of the year, or of one month; "The
# previous first-half high, $108.3 billion, was set in 2018": the level set off as the record's appositive.
PART_RECORD_BEFORE = compile_gated(r"\b(?:H(?P<h_num>[12])|(?P<h_ord>[Ff]irst|[Ss]econd)[- ]half|(?P<month>" + MONTH
                                   + r"))\s+(?:record\s+(?:of|was|stood\s+at)\s+|(?:record|high),\s+)$")


def half_of_record(sentence: str, observation: Observation, period: Period | None) -> Period | None:
    """The half of the year (or the month) a record set in that year is of, when the record is named a half's or a
    month's; else None."""
    if period is None or (period.start.month, period.end.month) != (1, 12) or period.start.year != period.end.year \
            or "record" not in sentence[max(0, observation.start - 30):observation.start] \
            and "high, " not in sentence[max(0, observation.start - 8):observation.start]:
        return None
    part = PART_RECORD_BEFORE.search(sentence, max(0, observation.start - 30), observation.start)
    if part is None:
        return None
    year = period.start.year
    if part.group("month"):
        month = month_number(part.group("month"))
        return month_period(year, month, month)
    first = part.group("h_num") == "1" or (part.group("h_ord") or "").lower() == "first"
    return month_period(year, 1, 6) if first else month_period(year, 7, 12)


def governing_mentions(sentence: str, mentions: list[PeriodMention], figures: list[Figure],
                       observations: list[Observation]) -> list[PeriodMention]:
    """Mentions that say what period the sentence reports: not compared against, not another figure's own, not the
    year before the period in context ("15.8 percent below the same period last year, ..., but the value of orders
    rose": a figure attached to it is of it, no other)."""
    own = {id(attached_period(sentence, o, mentions, figures)) for o in observations}
    return [m for m in mentions if (not is_comparison(sentence, m) or is_stock_date(sentence, m)) and id(m) not in own
            and not m.year_before and not in_cause_aside(sentence, m, figures) and not dates_holiday(sentence, m)]


# "because the Chuseok holiday fell in October", "The Lunar New Year holiday fell in February this year (in January
# last year)": the month a holiday fell in, that explains the working days a figure is adjusted for
# "the Lunar New Year holidays, which fell in February last year": in a relative clause too
HOLIDAY_BEFORE = compile_gated(r"\bholidays?(?:\s*,\s*(?:which|that))?\s+(?:period\s+)?"
                               r"(?:fell|falls|was|were|came|began|started)\s+"
                               r"(?:(?:entirely|partly|mostly)\s+)?(?:in|on)\s+$", re.IGNORECASE)


def dates_holiday(sentence: str, mention: PeriodMention) -> bool:
    """The mention is the month a holiday fell in, not a period the sentence reports."""
    return "oliday" in sentence \
        and HOLIDAY_BEFORE.search(sentence, max(0, mention.start - 40), mention.start) is not None


CAUSE_REACH = 85


def in_cause_aside(sentence: str, mention: PeriodMention, figures: list[Figure]) -> bool:
    """"semiconductors, despite a slump in the second half, totaled $129.2 billion", "up 8.5 percent, despite chip
    shortages in the first half": the period dates the cause the aside names, not the sentence's figures. So too a
    cause that trails a figure: "rose 3.2 percent to $33.4 billion as mills built in 2015 came on stream", ",
    reflecting the order slump of 2016", "slowed to 2.1 percent growth after strong gains last year"."""
    lexicon = load_lexicon()
    # the cue ("weighed down by", 15 letters) and the 65 letters cause_before lets stand between it and the period
    # ("due to the base effect of the individual consumption tax cut in 2016")
    if lexicon.cause_before.search(sentence, max(0, mention.start - CAUSE_REACH), mention.start) is not None:
        return True
    # the cue (9 letters) and the 60 letters cause_after_figure lets stand between it and the period
    window = max(0, mention.start - 70)
    before = sentence[window:mention.start]
    if "as " not in before and "after" not in before and "reflect" not in before and "follow" not in before \
            and "because" not in before:
        return False  # every cause_trailing cue holds one: a look before the search
    trailing = lexicon.cause_after_figure.search(sentence, window, mention.start)
    return trailing is not None and any(f.end <= trailing.start() for f in figures) \
        and lexicon.cause_trailing_word.match(sentence, trailing.start()) is not None  # not "as of 2024"


# "cut emissions by between 53 percent and 61 percent from 2018 levels by 2035": the lower bound of a range
BETWEEN_BOUND = compile_gated(r"\bbetween\s+$")
BOUNDS_JOINED = compile_gated(r"^\s+and\s+$")


# "612,000 cubic meters, worth $245 million, in 2015": the value of a quantity, set off between commas
WORTH_ASIDE_BEFORE = compile_gated(r",\s+(?:worth|valued\s+at)\s+(?:about\s+|around\s+|some\s+)?$")


def is_worth_aside(sentence: str, figure: Figure) -> bool:
    """The figure is the worth of the quantity before it, in an aside: the period after both dates both."""
    return WORTH_ASIDE_BEFORE.search(sentence, max(0, figure.start - 20), figure.start) is not None \
        and sentence.startswith(",", figure.end)


WORTH_THEN_PERIOD = compile_gated(r"^,\s+(?:(?:in|for|during)\s+(?:the\s+)?)?$")


def period_after_worth(scene: Scene, mentions: list[PeriodMention], figures: list[Figure]) -> Period | None:
    """"612,000 cubic meters, worth $245 million, in 2015": the period right after the worth aside dates the
    quantity too."""
    level = scene.observation.level
    if level is None or "worth" not in scene.sentence and "valued" not in scene.sentence:
        return None
    worth = next((f for f in figures if f.start > level.end), None)
    if worth is None or not is_worth_aside(scene.sentence, worth):
        return None
    after = next((m for m in mentions if m.start > worth.end and m.period is not None), None)
    if after is None or not WORTH_THEN_PERIOD.match(scene.sentence[worth.end:after.start]):
        return None
    return after.period


def upper_bound(scene: Scene, figures: list[Figure]) -> Figure | None:
    """The range's upper bound, when the figure is its lower one: the period after it dates both."""
    observation = scene.observation
    if observation.level is None or observation.change is not None \
            or not BETWEEN_BOUND.search(scene.sentence, max(0, observation.start - 10), observation.start):
        return None
    following = [f for f in figures if f.start >= observation.end]
    if not following or not BOUNDS_JOINED.match(scene.sentence[observation.end:following[0].start]) \
            or following[0].unit != observation.level.unit:
        return None
    return following[0]


# Only the basis between a figure and the period after it: "rising 5.8 percent year-on-year in the fourth quarter"
BASIS_ONLY_BETWEEN = compile_gated(r"^(?:\s*,?\s*(?:year-on-year|on-year|y-o-y|from\s+a\s+year\s+(?:earlier|ago)))*"
                                   r"(?:\s+(?:in|for|during|over)(?:\s+the)?)?\s*$")
# "turning to growth in October and rising": a verb coordinated after the period before the figure
VERB_COORDINATED = compile_gated(r"\sand\s+(?:then\s+)?[a-z]+(?:ing|ed)\s")


def near_after(sentence: str, end: int, start: int) -> bool:
    """A period within 60 characters after the figure, examples between them not counted ("KRW 1.2 trillion in
    decarbonization technologies such as electric cracking furnaces and bio-based feedstocks over the 2022–2030
    period")."""
    if start - end <= 60:
        return True
    gap = sentence[end:start]
    if start - end > 240 or ("such as" not in gap and "including" not in gap):
        return False
    return len(" ".join(mask_examples(gap).split())) <= 60


def own_period_after(sentence: str, before: PeriodMention, observation: Observation, after: PeriodMention) -> bool:
    """"Exports turned to growth in October and rose 5.8 percent in the fourth quarter": the period right after the
    figure is its own; the one before is of the verb coordinated before it."""
    return BASIS_ONLY_BETWEEN.match(sentence[observation.end:after.start]) is not None \
        and VERB_COORDINATED.search(sentence, before.end, observation.start) is not None


def resolve_period(scene: Scene, mentions: list[PeriodMention], governing: list[PeriodMention],
                   figures: list[Figure], context_period: Period | None) -> tuple[Period | None, str]:
    attached = attached_period(scene.sentence, scene.observation, mentions, figures)
    if attached is not None and (not is_comparison(scene.sentence, attached)
                                 or is_earlier_level_period(scene.sentence, attached)
                                 or is_stock_date(scene.sentence, attached)):
        return half_of_record(scene.sentence, scene.observation, attached.period) \
            or spent_through(attached, scene.observation) or context_period, "attached"
    dated_with_worth = period_after_worth(scene, mentions, figures)
    if dated_with_worth is not None:
        return dated_with_worth, "attached"
    recalled = period_recalled(scene.sentence, scene.observation, mentions)
    if recalled is not None:
        return recalled, "when"
    owner = owning_period(scene.sentence, scene.observation, mentions) if mentions else None
    if owner is not None:
        return owner
    start = scene.observation.start
    modified = year_of_record(scene.sentence, start) if scene.sentence.find(" of ", max(0, start - 12), start) >= 0 \
        else None  # every YEAR_RECORD_OF ends in "of": a look before the call
    if modified is not None:
        return modified, "year_modifier"
    clause = scene.clause
    window = scene.sentence[max(0, start - 70):start]
    if "nnual" in window or "ull-year" in window:  # a look before the search
        annual = annual_figure(scene, governing, context_period)
        if annual is not None:
            return annual, "annual"
    if scene.sentence.count("—") + scene.sentence.count(" – ") >= 2:  # a look before the search, as in build_scene
        # "Shipments to India — where a 10 percent duty took effect last year — slid 4.2 percent": the aside's year
        # is its own figure's, not the sentence's
        governing = [m for m in governing if not in_figure_aside_apart(scene.sentence, m.start, start)]
    if "(" in scene.sentence and governing:
        asides = parenthesis_spans(scene.sentence)
        if asides and any(a <= m.start < b for m in governing for a, b in asides):
            governing = [m for m in governing if not in_aside_apart(scene.sentence, m, scene.observation, governing,
                                                                   asides)]
    in_clause = [m for m in governing if clause.start <= m.start < clause.end]
    inside = inner_mentions(scene.observation, in_clause)
    if inside:
        # "fell 3.1 percent in the first half to $60.2 billion": the period between the change and the level
        return inside[0].period or context_period, "between"
    before = [m for m in in_clause if m.end <= scene.observation.start]
    upper = upper_bound(scene, figures)
    after = [m for m in in_clause if scene.observation.end <= m.start
             and near_after(scene.sentence, scene.observation.end, m.start)
             and not any(scene.observation.end <= f.start < m.start and f is not upper
                         and not is_worth_aside(scene.sentence, f) for f in figures)]
    chosen = before[-1] if before else (after[0] if after else None)
    if before and after and own_period_after(scene.sentence, before[-1], scene.observation, after[0]):
        chosen = after[0]
    if chosen is not None:
        return spent_through(chosen, scene.observation) or context_period, "clause"
    if scene.antecedent_start is not None:
        pointed = [m for m in mentions if scene.antecedent_start <= m.start < clause.start]
        if pointed:
            return pointed[-1].period or context_period, "antecedent"
    earlier = [m for m in governing if m.end <= scene.observation.start]
    if earlier:
        return earlier[0].period or context_period, "sentence"
    parallel = parallel_period(scene, mentions, figures)
    if parallel is not None:
        return parallel, "parallel"
    if scene.previous_in_sentence and (scene.clause.lead == "with" or scene.clause.lead == "and"
                                       and ", with " in scene.sentence[:scene.clause.start]):
        # "Bilateral trade amounted to USD 17.9 billion in 2023, with Korean exports at $5.8 billion and imports at
        # $12.1 billion": the "with" clause goes on in the year its sentence's first figure is dated to
        before = [m for m in mentions if m.period is not None and m.end <= scene.clause.start
                  and not is_comparison(scene.sentence, m) and not in_cause_aside(scene.sentence, m, figures)]
        if len(before) == 1:
            return before[0].period, "with_clause"
    if context_period is not None and scene.frame.event_month is not None and deal_worth(scene) is not None \
            and states_a_deal(scene.sentence):
        # "Bilateral trade reached $1.1 billion in 2018. ... firms signed nine MOUs worth about $0.4 billion": the
        # deals' value is of the event the lead dates, not of the year the sentences before were about
        return scene.frame.event_month, "event"
    if context_period is not None:
        whole = whole_year_of(scene, context_period)
        return (whole, "full_year") if whole else (context_period, "context")
    if scene.frame.event_month is not None and states_a_deal(scene.sentence):
        # "A total of 11 export contracts and MOUs valued at USD 16.3 million were signed" at the lead's event
        return scene.frame.event_month, "event"
    return None, "none"


def spent_through(mention: PeriodMention, observation: Observation) -> Period | None:
    """The mention's period; for an amount of money "through" a year ahead ("will invest KRW 510 trillion through
    2030"), the whole years from the release's to that one, as "over 2026-2035" is (a level or share "by" or
    "through" the year is that year's)."""
    level = observation.level
    if mention.through_from is None or mention.period is None or level is None or level.unit not in CURRENCY_UNITS:
        return mention.period
    return Period(dt.date(mention.through_from, 1, 1), mention.period.end)


PARENTHESIS_SPAN = compile_gated(r"\([^()]*\)")


@text_cache(maxsize=16)
def parenthesis_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    """Where each innermost parenthesis of the sentence opens and closes (read once a sentence)."""
    return tuple(match.span() for match in PARENTHESIS_SPAN.finditer(sentence))


def in_aside_apart(sentence: str, mention: PeriodMention, observation: Observation,
                   governing: list[PeriodMention], asides: tuple[tuple[int, int], ...]) -> bool:
    """Whether the mention stands in a parenthesis the figure is not in, an aside of its own: "Counting working days
    (there was one fewer this year), the daily average export value rose ...", "(22.5 days this year against 21.5 a
    year earlier)". Not a gloss on the period just named ("In the fourth quarter (October–December) alone") or a period
    alone ("over five years (2026–2030)")."""
    for opens, closes in asides:
        if opens <= mention.start < closes:
            if opens <= observation.start < closes or mention.start <= opens + 2 and mention.end >= closes - 2:
                return False  # the figure's own aside, or a period alone: "over five years (2026–2030)"
            return not any(m.end <= opens and not sentence[m.end:opens].strip() for m in governing)
    return False


# "its annual target of $20 billion", "bringing the annual total to $600 billion", "Korea's annual exports are on course
# to exceed $700 billion": the figure's own noun is the year's (plain words between, no figure, period or comma)
# "annual auto exports to exceed", "expects full-year exports to set an all-time high of"
ANNUAL_BEFORE = compile_gated(r"\b(?:[Aa]nnual|[Ff]ull-year)\s+(?:[a-z][\w-]*\s+){0,2}?(?:target|goal|total|"
                              + ANNUAL_MEASURES + r")"
                              r"(?:\s+[a-z][a-z-]*){0,6}\s+(?:of\s+|at\s+)?(?:about\s+|around\s+|over\s+|some\s+)?$")


def annual_figure(scene: Scene, governing: list[PeriodMention], context_period: Period | None) -> Period | None:
    """The year an annual target, goal, total or measure right before the figure is of: the year of the period its
    clause names ("For the second half, ..., bringing the annual total to $600 billion": the half's year), else of the
    context (a half, the months so far), else of the event the lead dates; None when the clause names a year of its own
    after the figure ("the annual target of $20 billion for 2017": that year, by the clause rule), or none and the
    context gives the year (full_year)."""
    sentence, start = scene.sentence, scene.observation.start
    if ANNUAL_BEFORE.search(sentence, max(0, start - 70), start) is None:
        return None
    clause = scene.clause
    in_clause = [m for m in governing if clause.start <= m.start < clause.end and m.period is not None]
    after = [m for m in in_clause if scene.observation.end <= m.start <= scene.observation.end + 60]
    if any(m.period.start.month == 1 and m.period.end.month == 12 for m in after):
        return None
    before = [m for m in in_clause if m.end <= start]
    if not before and not after and context_period is not None and not governing:
        return None  # the context's year, by full_year
    # "Cumulative exports for January to May amounted to ..., and the government expects annual auto exports to
    # exceed $70 billion": a clause naming no period of its own is of the context's year, not the sentence's span
    named = before[-1].period if before else context_period or scene.frame.event_month
    if named is None or named.start.year != named.end.year:
        return None
    return Period(dt.date(named.start.year, 1, 1), dt.date(named.start.year, 12, 31))


# "up 22.2 percent from 2024, when they recorded $141.9 billion": a relative clause on the period just named.
WHEN_BETWEEN = r"\s*,\s*when\s+(?:[\w’'-]+\s+){0,4}"
WHEN_AFTER_MENTION = compile_gated(WHEN_BETWEEN)
# A year after "from" or "than" is no mention of its own ("up 22.2 percent from 2024"): read here.
WHEN_AFTER_YEAR = compile_gated(r"\b((?:19|20)\d{2})" + WHEN_BETWEEN + "$")


def period_recalled(sentence: str, observation: Observation, mentions: list[PeriodMention]) -> Period | None:
    """The period a ", when ..." clause holding the figure is about: "compared with 2019, when exports hit a record
    $542.2 billion" (a period compared against, but the figure is that period's own)."""
    if "when" not in sentence:
        return None
    for mention in mentions:
        if mention.period is not None and mention.end <= observation.start \
                and WHEN_AFTER_MENTION.fullmatch(sentence, mention.end, observation.start):
            # "in 2019, when March exports came to $47.1 billion": the part of that year the clause names
            parts = [m.period for m in mentions if mention.end < m.start < observation.start and m.period is not None
                     and mention.period.start <= m.period.start and m.period.end <= mention.period.end]
            return parts[-1] if parts else mention.period
    year = WHEN_AFTER_YEAR.search(sentence, max(0, observation.start - 60), observation.start)
    return month_period(int(year.group(1)), 1, 12) if year else None


# "..., while renewables will make up 32.9 percent", "..., and imports $48.1 billion": a clause parallel to the first;
# "$19.1 billion in 2023, accounting for 1.5 percent of Korea's total trade": the first figure's share, as of its period
PARALLEL_BREAK = compile_gated(r",\s*(?:while|whereas|and|accounting\s+for|making\s+up|representing|or)\s",
                               re.IGNORECASE)


# "a 23.4 percent increase from this year's KRW 7.9 trillion", "above 2022's record $683.6 billion", "38 percent of
# last year's annual shortfall of $47.2 billion": the possessive's noun, "of" and the figure it is of
POSSESSIVE_BETWEEN = compile_gated(r"['’]s\s+(?:(?:record|total|high|peak)\s+"
                                   r"|(?:[a-z][\w-]*\s+){1,3}?of\s+(?:about\s+|around\s+|some\s+|nearly\s+)?)?")


def owning_period(sentence: str, observation: Observation, mentions: list[PeriodMention]) -> tuple[Period, str] | None:
    """The period right before the figure that owns it, though the period is compared against: its possessive ("from
    last year's $644.4 billion"), or the period a level in parentheses follows ("than in January ($1.80 billion)";
    the parenthesis holding the level alone, not "($100 million difference)"), or a change alone ("an improvement
    from May (down 23.7 percent)")."""
    start = observation.start
    bracketed = sentence.find("(", max(0, start - 8), start) >= 0 \
        and sentence[observation.end:observation.end + 3].lstrip().startswith(")")
    for mention in mentions:
        if mention.period is None or not mention.end < start <= mention.end + 30:
            continue
        if POSSESSIVE_BETWEEN.fullmatch(sentence, mention.end, start):
            return mention.period, "possessive"
        if bracketed and BRACKET_OPEN.fullmatch(sentence, mention.end, start):
            return mention.period, "bracketed"
    return None


BRACKET_OPEN = compile_gated(r"\s*\(\s*(?:(?:up|down)\s+|[+\-−])?")
# "14.4 percent below the 2018 peak of 727.0 million tCO2eq", "topping the 2022 record of $683.6 billion"
YEAR_RECORD_OF = compile_gated(r"\b((?:19|20)\d{2})\s+(?:all-time\s+|annual\s+)?"
                               r"(?:peak|record|high|low|level|figure|total)\s+of\s+(?:about\s+|around\s+|some\s+)?$")


def year_of_record(sentence: str, start: int) -> Period | None:
    """The year that modifies the record or level the figure at start is of: that year's own (a bare year is no
    mention)."""
    found = YEAR_RECORD_OF.search(sentence, max(0, start - 45), start)
    return month_period(int(found.group(1)), 1, 12) if found else None


OWN_SPAN_WORDS = compile_gated(r"\b(?:annual|annually|year|cumulative|cumulatively|since|so\s+far|to\s+date)\b",
                               re.IGNORECASE)
# "fell 7.4 percent year-on-year to USD 632.7 billion": a basis may stand between the change and its level
CHANGE_THEN_ITS_LEVEL = compile_gated(r"\s+" + BASIS_BEFORE_LEVEL
                                      + r"(?:to|at)\s+(?:about\s+|around\s+|a\s+record\s+)?")


def parallel_period(scene: Scene, mentions: list[PeriodMention], figures: list[Figure]) -> Period | None:
    """"The share of nuclear power is expected to be 35.6 percent in 2038, while renewables will make up 32.9
    percent": a figure naming no period, in a clause set parallel to the sentence's first, shares the period the
    first figure's own words give it (not one compared against: "up from $47.8 billion in 2022, while ...")."""
    first = figures[0]
    if not mentions or first.end > scene.observation.start:
        return None
    own = Observation(level=first) if first.role == "level" else Observation(change=first)
    # "exports of semiconductors fell 29.1 percent to $7.6 billion in December, while those of automobiles jumped
    # 33.1 percent": the first change with the level it went to, the period after both
    reached = figures[1] if first.role == "change" and len(figures) > 1 and figures[1].role == "level" \
        and CHANGE_THEN_ITS_LEVEL.fullmatch(scene.sentence, first.end, figures[1].start) else None
    if reached is not None and reached.end <= scene.observation.start and scene.observation.change is not None \
            and not OWN_SPAN_WORDS.search(scene.sentence, reached.end, scene.observation.end):
        # a change set parallel to a change ("jumped 33.1 percent"), naming no span of its own ("annual imports",
        # "for the whole year", "cumulative", "since the start of the year")
        own = Observation(level=reached, change=first)
    attached = attached_period(scene.sentence, own, mentions, figures)
    if attached is None or attached.period is None or is_comparison(scene.sentence, attached):
        return None
    if any(first.end <= f.start < scene.observation.start for f in figures[1:] if f.role == "level" and f != own.level):
        return None  # another level stands between: "$50.1 billion, above the $55.3 billion set in 2021, while ..."
    if not PARALLEL_BREAK.search(scene.sentence, first.end, scene.observation.start):
        return None
    return attached.period


def states_a_deal(sentence: str) -> bool:
    """"signed 10 MOUs and contracts worth a combined USD 8.3 billion": contracts signed, or what they are worth;
    amounts pledged."""
    lexicon = load_lexicon()
    if "pledge" in sentence and PLEDGE_VERB.search(sentence) is not None:
        return True  # "pledged USD 9.0 billion in new investment"
    return lexicon.deal_noun.search(sentence) is not None and lexicon.deal_verb.search(sentence) is not None


# "pledged USD 9.0 billion in new investment", "The pledges also covered ...": amounts pledged (not "pledged not to
# sell below $5,850 per ton", nor "committed to invest" over years to come)
PLEDGE_VERB = compile_gated(r"\bpledged\s+(?:[a-z]+\s+){0,3}?(?:USD|US\$|\$|KRW|₩|EUR|€)|\b[Tt]he\s+pledges\b")


def inner_mentions(observation: Observation, mentions: list[PeriodMention]) -> list[PeriodMention]:
    """The mentions standing between an observation's change and its level, when both are there."""
    level, change = observation.level, observation.change
    if level is None or change is None:
        return []
    first, second = (change, level) if change.start < level.start else (level, change)
    return [m for m in mentions if first.end <= m.start and m.end <= second.start]


def whole_year_of(scene: Scene, context_period: Period) -> Period | None:
    """"For the full year, exports grew ...", "Annual exports grew ..." in a December release: the year the
    release's month is in, not the month."""
    if not says_whole_year(scene, context_period):
        return None
    year = context_period.start.year
    whole = Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return whole if whole != context_period else None  # already the year: the context says it


def says_whole_year(scene: Scene, context_period: Period) -> bool:
    """Whether the words up to the figure set the year as a whole apart from the context's month or year: "the full
    year", "annual exports", or, once December is the context, a plain "for the year" ("Semiconductor exports for the
    year stood at $129.2 billion" in a release on December and the year: the months so far are all of them)."""
    text = scene.sentence[:scene.observation.end]
    # "Our goal of $700 billion in annual exports": the measure named right after the figure
    annual_after = "nnual" in scene.sentence[scene.observation.end:scene.observation.end + 20] \
        and ANNUAL_AFTER.match(scene.sentence, scene.observation.end) is not None
    if "year" not in text and "nnual" not in text and not annual_after:
        return False  # every FULL_YEAR phrase holds one of them: a look before the search
    if context_period.start.year != context_period.end.year:
        return False
    # December, or the year itself ("Semiconductor exports for the year fell" in a release on the year and December)
    closes_the_year = context_period.end.month == 12 and context_period.start.month in (1, 12)
    return bool(annual_after or FULL_YEAR.search(text)
                or closes_the_year and (FOR_THE_YEAR.search(text) or names_of_the_year(text)))


# "the standout performer of the year", "the best-selling item of the year": a good or market the whole year is told
# by. Not a figure's rank in the year ("the largest gain of the year", "the largest monthly surplus of the year": the
# month's), nor a part of the year ("the first half of the year")
OF_THE_YEAR = compile_gated(r"\b(?P<word>[a-z]+) of the year\b(?!\s+(?:ending|ended|to|through|before|earlier|ago)\b)")
WHAT_A_YEAR_IS_TOLD_BY = frozenset({"performer", "performers", "item", "items", "product", "products", "standout",
                                    "standouts", "winner", "winners", "star", "stars", "market", "markets", "spot",
                                    "spots"})


def names_of_the_year(text: str) -> bool:
    if "of the year" not in text:
        return False
    return any(found.group("word") in WHAT_A_YEAR_IS_TOLD_BY for found in OF_THE_YEAR.finditer(text))


# "for the year" alone: not "for the year to November", "for the year ending June", "for the year before"
FOR_THE_YEAR = compile_gated(r"\b[Ff]or the year\b(?!\s+(?:ending|ended|to|through|thru|until|till|before|earlier|"
                             r"ago|ahead)\b)(?!-)")


# "35.5 percent in December and 29.0 percent for the year as a whole": the whole year, right after the figure, or
# after the measure the amount is of ("a target of $20 billion in FDI for the full year")
FULL_YEAR_AFTER = compile_gated(r"(?:\s+(?:in|of)\s+(?:[A-Za-z][\w&/-]*\s){0,2}?(?:FDI\b|" + ANNUAL_MEASURES + r"))?"
                                r"(?:\s+in\s+(?:total|all))?"  # "KRW 351 trillion in total for the year"
                                r"\s+(?:for|over|in|throughout)\s+the\s+(?:(?:full|whole|entire)\s+)?year"
                                r"(?:\s+as\s+a\s+whole)?\b(?!\s+(?:ending|ended|to|through|before|earlier|ago)\b)")
# "pushing cumulative exports for the year to $548.6 billion", "year-to-date shipments of $61.2 billion": January to
# the month the figure is otherwise dated to; the phrase names the figure's own subject (no number between)
# "Cumulative exports for January and February came to $117.3 billion": the two months from January, read as the second
# "Year-to-date, exports reached $462.5 billion, and the cumulative trade deficit amounted to ...": an opening
# "Year-to-date," or "Since January," dates every clause of its sentence (OPENING_YEAR_TO_DATE)
# "Combined exports for January and February stood at ...", "Since January, cumulative retail sales are up 9.8 percent":
# the two months named, or the months since January, without "cumulative" before them (not in a list "respectively"
# spreads over the two months)
YEAR_TO_DATE = compile_gated(r"\b(?:(?:[Cc]umulative|[Aa]ccumulated)\s+(?:[a-z][\w-]*\s+){0,3}?"
                             r"(?:(?:for|in|of)\s+the\s+year|for\s+January\s+and\s+[A-Z][a-z]+)|[Yy]ear-to-date"
                             r"|(?P<plain>for\s+January\s+and\s+[A-Z][a-z]+|[Ss]ince\s+January))\b"
                             r"(?=[^\d]*$)")
OPENING_YEAR_TO_DATE = compile_gated(r"[Yy]ear-to-date,|[Ss]ince January,")


def period_in_words(scene: Scene, period: Period) -> tuple[Period, str] | None:
    """A period the words around a figure give it in place of the month its mentions or scene date it to: the whole
    year ("29.0 percent for the year as a whole") or the year to date ("cumulative exports for the year to ...")."""
    if period.start.year != period.end.year:
        return None
    sentence, end = scene.sentence, scene.observation.end
    year = period.start.year
    if sentence.find("year", end, end + 60) >= 0 and FULL_YEAR_AFTER.match(sentence, end) \
            and (period.start.month, period.end.month) != (1, 12):
        return month_period(year, 1, 12), "full_year"
    if period.start.month != period.end.month or period.start.month == 1:
        return None
    start = scene.observation.start
    left = sentence[max(scene.clause.start, start - 80):start]
    if "ulative" not in left and "ccumulated" not in left and "ear-to-date" not in left \
            and "for January and" not in left and "ince January" not in left \
            and not OPENING_YEAR_TO_DATE.match(sentence):
        return None  # every YEAR_TO_DATE phrase holds one of them: a look before the search
    to_date = YEAR_TO_DATE.search(left) or OPENING_YEAR_TO_DATE.match(sentence)
    if to_date is not None and to_date.re is not OPENING_YEAR_TO_DATE and to_date.group("plain") \
            and "respectively" in sentence:
        return None
    return (month_period(year, 1, period.end.month), "year_to_date") if to_date else None


ANNUAL_AFTER = compile_gated(r"\s+(?:in|of)\s+annual\s+(?:[A-Za-z][\w&/-]*\s){0,2}?" + ANNUAL_MEASURES)


# "In June alone", "for May only": a month set apart from the span the release is reporting.
ASIDE_AFTER = compile_gated(r"\s+(?:alone|only)\b")


def reference_mention(sentence: str, governing: list[PeriodMention], first_figure_start: int) -> PeriodMention | None:
    """The sentence's own reference period, named before its figures: later sentences inherit it.

    Only one: "growth in November and December" names no single period for what follows. Not an
    aside: after "In June alone, exports fell ...", the first-half figures go on."""
    named = {m.period for m in governing if m.period is not None and m.end <= first_figure_start
             and not ASIDE_AFTER.match(sentence, m.end)}
    if len(named) != 1:
        return None
    return next(m for m in governing if m.period in named)


# ---- qualifier ---------------------------------------------------------------------------------

def without_trailing_fillers(text: str) -> str:
    """"about a record high of " -> "about": what stands before the filler words."""
    fillers = REVERSED_FILLERS.match(text[::-1]).end()
    return text[:len(text) - fillers] if fillers else text


# "under a 50 percent U.S. tariff", "below the 2 percent mark": an article between the preposition and the figure
# makes the figure a noun's modifier (the tariff is 50 percent), not a bound on it
ARTICLE_AFTER_BOUND = compile_gated(r"\s*(?:a|an|the)\s", re.IGNORECASE)  # matched after the bound's word


def resolve_qualifier(scene: Scene) -> str:
    """exact, approximate, at least, at most, target or forecast."""
    lexicon = load_lexicon()
    main = scene.observation.level or scene.observation.change
    written = scene.sentence[max(0, main.start - 30):main.start]
    before = without_trailing_fillers(written)
    clause_text = scene.sentence[scene.clause.start:main.start]
    plan = plan_cue(clause_text, within=scene.sentence)
    if plan:
        return plan.lastgroup
    # "duties of up to 24.5 percent": a bound ending in a filler word is read before the fillers are dropped
    bound = lexicon.bound_qualifier.search(written.lower()) or (
        lexicon.bound_qualifier.search(before.lower()) if before != written else None)
    if bound and bound.group(0).strip() in ("under", "below") and ARTICLE_AFTER_BOUND.match(written, len(before)):
        return "exact"
    if bound:
        return bound.lastgroup.replace("_", " ")
    return "exact"


