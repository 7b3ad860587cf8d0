"""The extractor's one lexicon: data files in lexicon/, compiled into patterns here and nowhere else.

Items, regions, indicators and cue words are data (JSON beside this module); every
pattern the rules use is built from them in this module, so a new synonym is one line
of data, never a second regex.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from tasks.extract.fastre import Unknown, WordStartAlternatives, compile_gated, lower_case_pattern
from tasks.extract.memo import text_cache


@dataclass(frozen=True)
class Indicator:
    name: str
    dated: bool
    frame_named: bool  # "sales": the release's frame says which sales


@dataclass(frozen=True)
class Lexicon:
    indicators: tuple[Indicator, ...]
    indicator_rank: dict[str, int]  # lower is more specific
    indicator_pattern: re.Pattern  # one alternation, a named group per indicator, most specific first
    indicator_finder: WordStartAlternatives | re.Pattern  # its finditer, the same matches, faster
    item_grams: dict[tuple[str, ...], str]  # a form's tokens (lower-cased unless an acronym) -> canonical name
    item_gram_length: int
    item_first_tokens: frozenset[str]  # a cheap test before any n-gram is built
    comma_item_last_tokens: frozenset[str]  # "equipment" of "materials, parts and equipment": a name with a comma
    item_words: frozenset[str]  # every word of every item form, lower-cased
    item_names: dict[str, str]  # form (lower-cased unless an acronym) -> canonical name
    not_items: frozenset[str]
    non_item_words: frozenset[str]
    generic_heads: frozenset[str]  # "cooperation", "projects": after a known item, no goods of their own
    unit_items: dict[str, str]  # "CGT" -> "ships": a unit only one kind of goods is counted in
    channel_parts: dict[str, str]  # "online shopping malls" -> "online retailers": a part, the channel when alone
    modifier_suffix: re.Pattern  # "M&A-type": a hyphenated suffix that only qualifies the item before it
    form_noun_after: re.Pattern  # " bars", " cold-rolled sheets": the shape after a material, matched at its end
    form_nouns: frozenset[str]  # the shapes themselves: "plates", "wire rods"
    region_pattern: re.Pattern
    region_names: dict[str, str]
    demonym_pattern: re.Pattern
    demonyms: dict[str, str]
    blocs: frozenset[str]  # partners that are trade blocs ("the bloc" in a release about one is it)
    home_pattern: re.Pattern
    home_names: tuple[str, ...]
    bound_qualifier: re.Pattern  # approximate / at least / at most, just before the figure (lower-cased text)
    plan_qualifier: re.Pattern  # target / forecast, anywhere in the clause before the figure (lower-cased text)
    plan_hints: tuple[str, ...] | None  # the fixed letters of those cues, lower-cased: a cheap look first
    comparison_before: re.Pattern
    attach_between: re.Pattern
    cause_before: re.Pattern  # "despite a slump in": a period inside dates the cause, not the figure
    cause_after_figure: re.Pattern  # "as mills built in", "reflecting the slump of": so, after a figure of the sentence
    cause_trailing_word: re.Pattern  # its word, matched on the whole sentence (its lookahead sees "as of")
    ranked_before: re.Pattern  # "the smallest drop this year": what "this year" ranks the figure within
    section_leads: tuple[tuple[str, re.Pattern], ...]
    total_marker: re.Pattern
    economy_marker: re.Pattern
    award_name_after: re.Pattern  # "$100 Billion Export Tower": the amount names an award, matched at its end
    plan_name_after: re.Pattern  # " 3020 implementation plan" after goods: a plan named by them, matched at their end
    plan_cost_indicators: frozenset[str]  # "investment": a plan's own cost, of the goods the plan is named by
    plan_cost_sentence: re.Pattern  # the plan or its need named in the sentence: a cost of the plan
    year_target: re.Pattern  # "its 2030 Nationally Determined Contribution (NDC) target": the year a target is for
    anaphora_lead: re.Pattern
    anaphor_clause: re.Pattern
    ahead_cue: re.Pattern  # a verb looking to the future ("will", "is expected to"), in lower-cased text
    part_of_lead: re.Pattern  # "Of this, ...", "Of the total, ...": a part of the figure before
    firm_class: re.Pattern  # "large companies", "SMEs": the size classes of firms a rate is granted to
    count_in_units: re.Pattern  # "In units, exports fell 1.3 percent to 1,011,534": bare numbers count units
    other_firms_of: re.Pattern  # "for other Chinese suppliers": a list's entry for the rest of one origin's firms
    share_cue: re.Pattern
    unnamed_measure: re.Pattern  # "a fine of", "in loans and subsidies": a measure no indicator names
    unnamed_measure_after: re.Pattern  # " in low-interest loans": one, right after an amount
    measure_nouns: dict[str, str]  # "fined" -> "fine": the measure a verb names
    deal_noun: re.Pattern  # "contracts", "MOUs": what is signed at an event
    deal_verb: re.Pattern  # "signed", "worth": a deal made, or its value
    deal_worth: re.Pattern  # "10 MOUs and contracts worth a combined ": the deals an amount right after is the value of
    share_whole_of: dict[str, str]  # "of the total" after an FDI-pledged figure: the total of FDI
    verbs: frozenset[str]
    infinitives: frozenset[str]  # "raise", "expand": after "to", a verb and no modifier of the goods after it
    frames: tuple[tuple[str, re.Pattern], ...]  # in order of precedence; matched against lower-cased text
    frame_default_item: dict[str, str]
    frame_indicator_item: dict[str, dict[str, str]]  # kind -> indicator -> the goods it is of ("orders": "ships")
    frame_sales_indicator: dict[str, str]
    frame_generic_indicator: dict[str, dict[str, str]]  # kind -> generic indicator -> the kind's own
    paired_indicators: frozenset[frozenset[str]]
    generic_product_nouns: frozenset[str]  # nouns no remedied product is named by alone ("products")
    remedy_origin_indicators: frozenset[str]  # measures of the remedied goods, so of the origins the title gives
    rate_only_indicators: frozenset[str]  # rates, never an amount of money ("tariff rate")
    remedy_market_indicators: frozenset[str]  # the home market for a remedy's goods: the title's product, no origin
    market_worth: re.Pattern  # "the domestic PET film market was worth about ": the goods a market's value is of
    home_provinces: dict[str, str]  # lower-cased name -> as written: Korea's own provinces ("gyeonggi": "Gyeonggi")
    order_units: frozenset[str]  # "CGT": the units a yard's orders are counted in
    order_verb: re.Pattern  # "received", "won": a yard winning orders
    day_reading_indicators: frozenset[str]  # measures read on a day ("peak demand"): of the month of the day named
    store_measures: frozenset[str]  # measures of a store type's own customers, not carried to other lines
    item_list_indicator: dict[str, dict]  # kind -> the indicator of a list of items naming none
    adverbial_lead: re.Pattern
    preverbal_adverbs: re.Pattern  # "still", "also" at the end of a clause's subject words, before its verb
    adverbial_set_off: re.Pattern  # "communication devices, however,": an adverbial between commas, in a phrase
    cause_lead: re.Pattern  # "on falling unit prices", "amid ...", "despite ...": a cause or concession begins
    cause_opening: re.Pattern  # "Due to falling export prices, ...": a sentence opening on a cause, to its comma
    cause_aside: re.Pattern  # "— hit by falling demand in China —", ", amid weak demand in Europe,": a cause set off
    # ", which ...,", ", benefiting from the rise of oil prices,": an aside between a list of subjects and its verb
    list_aside: re.Pattern
    change_noun_after: re.Pattern  # " growth", " increase in sales": a change's own noun, right after its percentage


def read_data(name: str) -> dict:
    return json.loads(files("tasks.extract").joinpath("lexicon").joinpath(name).read_text(encoding="utf-8"))


def alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def number_forms(form: str) -> set[str]:
    """A form and its other grammatical number: "battery" <-> "batteries", "ship" <-> "ships"."""
    forms = {form}
    if form.isupper() or not form[-1].isalpha():
        return forms
    if form.endswith("ies"):
        forms.add(form[:-3] + "y")
    elif form.endswith("s") and not form.endswith("ss"):
        forms.add(form[:-1])
    elif form.endswith("y") and not form.endswith(("ay", "ey", "oy")):
        forms.add(form[:-1] + "ies")
    elif not form.endswith(("ing", "ed", "ment", "ery", "ICT")):
        forms.add(form + "s")
    return forms


def is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


def form_pattern(form: str) -> str:
    escaped = re.escape(form).replace(r"\ ", r"\s+")
    return escaped if is_acronym(form) else f"(?i:{escaped})"


BLANKS = re.compile(r"\s+")


def item_key(text: str) -> str:
    text = BLANKS.sub(" ", text)
    return text if is_acronym(text) else text.lower()


# The basis of a change as a single word beside it, lower case: "year-on-year", "year on year", "y-o-y", "y/y",
# "yoy", "on-year"; "month-on-month", "m-o-m", "m/m". The change rules look past these to the change word
# ("a 4.3 percent y/y increase"); periods.py's basis phrases name it.
# A percentage's sign or word: "5.1%", "5.1 percent", "5.1 per cent", "5.1 pct".
PERCENT_WORD = r"(?:%|[Pp]ercent\b|per cent\b|pct\b)"
YOY_WORD = r"year[- ]on[- ]year|y-o-y|y/y|yoy|on[- ]year"
MOM_WORD = r"month[- ]on[- ]month|m-o-m|m/m|on[- ]month"
BASIS_WORD = rf"(?:{YOY_WORD}|{MOM_WORD})"
# "to approximately $8.2 billion", "to an estimated $495.5 billion": the words of an approximate figure (cues.json,
# qualifier "approximate"), for the patterns that look past them to the figure.
APPROXIMATE_WORD = rf"(?:{alternation(read_data('cues.json')['qualifier']['approximate'])})"


ITEM_TOKEN = compile_gated(r"[\w&’'/]+(?:-[\w&’'/]+)*|,")
# "KRW 75 trillion will be supplied through trade insurance": the passive verb between an amount and its measure
MEASURE_SUPPLIED = r"(?:(?:will\s+be|is|are|was|were|to\s+be)\s+)?(?:provided|supplied|offered|extended)\s+"


@text_cache(maxsize=65536)
def token_key(token: str) -> str:
    return token if is_acronym(token) else token.lower()


def compile_items(data: dict) -> tuple[dict[tuple[str, ...], str], int, dict[str, str]]:
    """Item forms as token sequences: found by looking up word n-grams, far faster than one long regex."""
    names: dict[str, str] = {}
    grams: dict[tuple[str, ...], str] = {}
    for canonical, forms in data["items"].items():
        for form in forms:
            for variant in number_forms(form):
                names.setdefault(item_key(variant), canonical)
                grams.setdefault(tuple(token_key(t) for t in ITEM_TOKEN.findall(variant)), canonical)
    return grams, max(len(g) for g in grams), names


def compile_regions(data: dict) -> tuple[re.Pattern, dict[str, str]]:
    names = {alias: name for name, aliases in data["regions"].items() for alias in aliases}
    # "non-EU" is not the EU; "North America" is not "America" (longest first).
    pattern = compile_gated(r"(?<![\w.])(?<![Nn]on-)(?:" + alternation(map(re.escape, names)) + r")(?![\w])"
                         r"(?P<others>\s+and\s+other\s+(?:regions|countries|economies))?")
    return pattern, names


def compile_indicators(data: dict) -> tuple[tuple[Indicator, ...], re.Pattern, WordStartAlternatives | re.Pattern]:
    entries = data["indicators"]
    indicators = tuple(Indicator(e["name"], e["dated"], e.get("role") == "frame") for e in entries)
    # Matched against the lower-cased text: a case-sensitive pattern is far faster than IGNORECASE.
    alternatives = [rf"(?P<i{rank}>(?:{e['pattern'].lower()})\b)" for rank, e in enumerate(entries)]
    combined = compile_gated(r"\b(?:" + "|".join(alternatives) + ")")
    try:
        finder = WordStartAlternatives(alternatives)
    except Unknown:  # an indicator pattern whose first characters cannot be told: the combined one serves
        finder = combined
    return indicators, combined, finder


def expand_optional(forms: list[str]) -> set[str]:
    """"declined?" -> {"decline", "declined"}: the verb list is words, matched by set lookup (fast)."""
    out = set()
    for form in forms:
        if form.endswith("?"):
            out.update({form[:-2], form[:-1]})
        else:
            out.add(form)
    return {f.lower() for f in out}


def words(cues: list[str]) -> str:
    return alternation(cues)


def literal_prefix(cue: str) -> str:
    """"aims? to" -> "aim", "by 20\\d\\d" -> "by 20": the letters every match of the cue begins with."""
    prefix = re.match(r"[\w ]*", cue).group(0)
    if cue[len(prefix):len(prefix) + 1] in ("?", "*", "{"):
        prefix = prefix[:-1]  # a letter made optional is not fixed
    return prefix.lower()


def fixed_prefixes(cues: list[str]) -> tuple[str, ...] | None:
    """The cues' fixed prefixes; None when a cue has none (then always look)."""
    prefixes = {literal_prefix(cue) for cue in cues}
    if "" in prefixes:
        return None
    # "expected" adds nothing once "expect" is looked for: a text holding one holds the other.
    return tuple(sorted(p for p in prefixes if not any(q != p and q in p for q in prefixes)))


@text_cache(maxsize=256)
def may_name_a_plan(text: str) -> bool:
    """False when no target or forecast cue can stand in the text (nor in any part of it)."""
    hints = load_lexicon().plan_hints
    if hints is None:
        return True
    lowered = text.lower()
    for hint in hints:  # substring tests: several times faster than one alternation
        if hint in lowered:
            return True
    return False


def plan_cue(text: str, within: str | None = None) -> re.Match | None:
    """The first target or forecast cue of the text ("aims to", "is expected"), sought only where its letters are.

    within: the sentence the text is part of, whose (memoised) look for those letters serves all its parts."""
    return load_lexicon().plan_qualifier.search(text.lower()) if may_name_a_plan(within or text) else None


def names_item_list(sentence: str, lists: dict) -> bool:
    """Does the sentence name the release's list of items ("Of the 15 major items, 10 grew: ...", "All 15 major items
    grew in June")? lists: the kind's item_list_indicator entry, whose "named" are the list's names."""
    if " items" not in sentence:
        return False  # every name of the list ends so: a look before the names
    lowered = sentence.lower()
    return any(name in lowered for name in lists.get("named", ()))


@text_cache(maxsize=64)
def section_opened(sentence: str) -> str | None:
    """The dimension ("item", "region") whose lead opens the sentence ("By item, ..."), else None."""
    for dimension, lead in load_lexicon().section_leads:
        if lead.match(sentence):
            return dimension
    return None


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    items, regions = read_data("items.json"), read_data("regions.json")
    indicators, cues = read_data("indicators.json"), read_data("cues.json")
    item_grams, item_gram_length, item_names = compile_items(items)
    region_pattern, region_names = compile_regions(regions)
    indicator_list, indicator_pattern, indicator_finder = compile_indicators(indicators)
    qualifiers = cues["qualifier"]
    # A cause or concession word: "on-year", "as of May", "as well as", "as for auto production" begin no cause
    cause = rf"(?:{words(cues['cause_lead'])})(?![\w-])(?!\s+(?:of|well|for|to)\b)"
    return Lexicon(
        indicators=indicator_list, indicator_pattern=indicator_pattern, indicator_finder=indicator_finder,
        indicator_rank={ind.name: n for n, ind in enumerate(indicator_list)},
        item_grams=item_grams, item_gram_length=item_gram_length, item_names=item_names,
        item_first_tokens=frozenset(gram[0] for gram in item_grams),
        comma_item_last_tokens=frozenset(gram[-1] for gram in item_grams if "," in gram),
        item_words=frozenset(token.lower() for gram in item_grams for token in gram),
        not_items=frozenset(w.lower() for w in items["not_items"]),
        non_item_words=frozenset(w.lower() for w in items["non_item_words"]),
        generic_heads=frozenset(items["generic_heads"]),
        unit_items={unit: item for unit, item in items["unit_items"].items() if not unit.startswith("_")},
        channel_parts={part: whole for part, whole in items["channel_parts"].items() if not part.startswith("_")},
        modifier_suffix=compile_gated(r"(?<=\w)-(?:" + alternation(map(re.escape, items["modifier_suffixes"]))
                                      + r")$", re.IGNORECASE),
        form_nouns=frozenset(items["form_nouns"]),
        # "stainless steel plates and coils": two shapes of the one material are one product
        form_noun_after=re.compile(r"\s+(?:[a-z]+-[a-z]+\s+)?(?:" + alternation(map(re.escape, items["form_nouns"]))
                                   + r")(?:\s+(?:and|&)\s+(?:" + alternation(map(re.escape, items["form_nouns"]))
                                   + r"))?\b"),
        region_pattern=region_pattern, region_names=region_names,
        demonym_pattern=compile_gated(r"\b(?:" + alternation(map(re.escape, regions["demonyms"])) + r")\b"),
        demonyms=regions["demonyms"],
        blocs=frozenset(regions["blocs"]),
        home_pattern=compile_gated(r"\b(?:to|in|into|for|of|from)\s+(?:the\s+)?(?:" + alternation(regions["home"])
                                + r")\b|\b(?:" + alternation(regions["home"]) + r")(?:['’]s)?\b"),
        home_names=tuple(regions["home"]),
        bound_qualifier=lower_case_pattern("|".join(
            rf"(?P<{name.replace(' ', '_')}>\b(?:{words(qualifiers[name])})\s*$)"
            for name in ("approximate", "at least", "at most"))),
        plan_qualifier=lower_case_pattern("|".join(rf"(?P<{name}>\b(?:{words(qualifiers[name])})\b)"
                                                   for name in ("target", "forecast"))),
        plan_hints=fixed_prefixes(qualifiers["target"] + qualifiers["forecast"]),
        comparison_before=compile_gated(rf"(?:\b(?:{words(cues['period_comparison'])})\s+(?:the\s+)?"
                                     r"(?:(?:end|beginning|start|middle) of\s+(?:the\s+)?)?|\bpre-)$",
                                     re.IGNORECASE),
        # "the smallest drop this year", "the highest this year", "for the second time this year": a superlative or an
        # ordinal time, perhaps with its noun, right before the year (matched on the text before it)
        # ("the highest level so far this year": the year to date it ranks within)
        ranked_before=compile_gated(rf"\b(?:{words(cues['ranking_in_year'])})(?:\s+[a-z][\w-]*){{0,2}}?"
                                    r"(?:\s+so\s+far)?\s+$"),
        cause_before=compile_gated(rf"\b(?:{words(cues['cause_aside'])})\s[^,;()\d]{{0,65}}$"),
        cause_after_figure=compile_gated(rf"\b(?:{words(cues['cause_trailing'])})\s[^,;()\d]{{0,60}}$"),
        cause_trailing_word=re.compile(rf"(?:{words(cues['cause_trailing'])})\s"),
        # "after a 12.4 percent drop in the first half", "than the 20.3 percent drop recorded in the second quarter":
        # the change's noun may stand between, before "in" or "during", a verb of recording before them (not "over":
        # "an 11.6 percent rise over the same quarter of 2024" is compared against)
        attach_between=compile_gated(rf"^\s*,?\s*(?:(?:(?:{BASIS_WORD}\s)?(?:{words(cues['change_noun'])})\s+"
                                  r"(?:(?:recorded|posted|seen|registered|logged)\s+)?(?:in|during)"
                                  rf"|{words(cues['period_attach'])})\s+(?:the\s+)?"
                                  r"(?:(?:month|months|period|year) of\s+)?)?$", re.IGNORECASE),
        section_leads=tuple((dim, compile_gated(rf"^\W*(?:{words(leads)})\b", re.IGNORECASE))
                            for dim, leads in cues["section_lead"].items()),
        total_marker=compile_gated(rf"(?:\b(?:{words(cues['total_marker'])})\b)", re.IGNORECASE),
        economy_marker=compile_gated(rf"(?:\b(?:{words(cues['economy_marker'])})(?!\w))"),
        award_name_after=compile_gated(rf"\s+(?:[A-Z][\w-]*\s+){{0,3}}?(?:{words(cues['award_nouns'])})\b"),
        plan_name_after=re.compile(rf"(?:\s+(?:[A-Z0-9][\w-]*|{words(cues['plan_names']['between'])})){{0,3}}?"
                                   rf"\s+(?i:{words(cues['plan_names']['nouns'])})\b"),
        plan_cost_indicators=frozenset(cues["plan_names"]["cost_indicators"]),
        plan_cost_sentence=re.compile(rf"\b(?:(?i:{words(cues['plan_names']['nouns'])})|"
                                      rf"{words(cues['plan_names']['cost_words'])})\b"),
        year_target=compile_gated(r"\b(?:its|the|their|Korea['’]s)\s+(?P<year>20\d\d)\s+(?:[\w()-]+\s+){0,5}?"
                                  rf"(?:{words(cues['year_target_nouns'])})\b"),
        anaphora_lead=compile_gated(rf"^\W*(?:(?:and|but|while|whereas|meanwhile|however)\W+)*"
                                 rf"(?:{words(cues['anaphora'])})\b", re.IGNORECASE),
        # ", and those for services fell": a clause opening on an anaphor with its own complement
        anaphor_clause=compile_gated(r",\s+(?:(?:and|but|while|whereas)\s+)?(?:those|that)\s+(?:of|for|in|by|at|from)\b"),
        ahead_cue=lower_case_pattern(rf"\b(?:{words(cues['looking_ahead'])})\b"),
        firm_class=compile_gated(rf"\b(?:{words(cues['firm_classes'])})\b"),
        count_in_units=compile_gated(rf"\b(?:{words(cues['count_in_units'])})\b", re.IGNORECASE),
        other_firms_of=compile_gated(r"\bfor\s+(?:all\s+|the\s+)?other\s+(?P<origin>[A-Z][A-Za-z]+)\s+"
                                     rf"(?:{words(cues['other_firms'])})\b"),
        part_of_lead=compile_gated(rf"^\W*[Oo]f\s+(?:{words(cues['part_of'])})\b"),
        share_cue=compile_gated(rf"\b(?:{words(cues['share_cue'])})\b", re.IGNORECASE),
        unnamed_measure=compile_gated(rf"\b(?:{words(cues['unnamed_measures']['words'])})\b", re.IGNORECASE),
        unnamed_measure_after=compile_gated(rf"\s+(?:available\s+|{MEASURE_SUPPLIED})?(?:in|as|through|of)\s+"
                                            rf"(?:[\w\-]+\s+){{0,2}}?"
                                            rf"(?:\w+-)?(?:{words(cues['unnamed_measures']['words'])}"
                                            rf"|{words(cues['unnamed_measures']['after_amount'])})\b", re.IGNORECASE),
        measure_nouns=cues['unnamed_measures']['nouns'],
        deal_noun=compile_gated(rf"\b(?:{words(cues['deals']['nouns'])})\b"),
        deal_verb=compile_gated(rf"\b(?:{words(cues['deals']['verbs'])})\b"),
        deal_worth=compile_gated(
            rf"\b(?P<deal>(?:(?:{words(cues['deals']['modifiers'])})\s+)?(?:{words(cues['deals']['nouns'])})"
            rf"(?:\s+and\s+(?:(?:{words(cues['deals']['modifiers'])})\s+)?(?:{words(cues['deals']['nouns'])}))?)"
            r"\s+(?:worth|valued\s+at)\s+(?:(?:a\s+)?(?:combined|total(?:\s+of)?)\s+)?"
            r"(?:(?:about|approximately|around|some|nearly|up\s+to|over|more\s+than|(?:an\s+)?estimated)\s+)?$"),
        share_whole_of={name: whole for name, whole in cues['share_whole_of'].items() if not name.startswith('_')},
        verbs=frozenset(expand_optional(cues["verbs"])),
        infinitives=frozenset(cues["infinitives"]),
        frames=tuple((kind, lower_case_pattern(pattern)) for kind, pattern in cues["frames"].items()),
        frame_default_item=cues["frame_default_item"],
        frame_indicator_item=cues["frame_indicator_item"],
        frame_sales_indicator=cues["frame_sales_indicator"],
        frame_generic_indicator={kind: names for kind, names in cues["frame_generic_indicator"].items()
                                 if not kind.startswith("_")},
        paired_indicators=frozenset(frozenset(pair) for pair in cues["paired_indicators"]),
        generic_product_nouns=frozenset(cues["generic_product_nouns"]),
        remedy_origin_indicators=frozenset(cues["remedy_origin_indicators"]),
        rate_only_indicators=frozenset(cues["rate_only_indicators"]),
        remedy_market_indicators=frozenset(cues["remedy_market_indicators"]),
        market_worth=compile_gated(rf"(?:\b(?:[Tt]he|[Ii]ts|[Tt]heir)|['’]s)\s+(?:(?:{words(cues['market_scopes'])})\s+)?"
                                   r"(?P<np>[\w-]+(?:\s+[\w-]+){0,3}?)\s+market\s+(?:is|was)\s+"
                                   r"(?:worth|estimated\s+at|valued\s+at)\b[^,;\d]*$"),
        home_provinces={name.lower(): name for name in cues["home_provinces"]},
        order_units=frozenset(cues["orders_won"]["units"]),
        order_verb=compile_gated(rf"\b(?:{words(cues['orders_won']['verbs'])})\b"),
        day_reading_indicators=frozenset(cues["day_reading_indicators"]),
        store_measures=frozenset(cues["store_measures"]),
        item_list_indicator={kind: rule for kind, rule in cues["item_list_indicator"].items()
                             if not kind.startswith("_")},
        preverbal_adverbs=compile_gated(rf"(?:\s+(?:{words(cues['preverbal_adverbs'])}))+\s*$", re.IGNORECASE),
        adverbial_lead=compile_gated(rf"^\W*(?:(?:{words(cues['clause_adverbials'])})\W+)+", re.IGNORECASE),
        adverbial_set_off=compile_gated(rf",\s*(?:{words(cues['clause_adverbials'])})\s*(?=,|$)", re.IGNORECASE),
        cause_opening=re.compile(rf"^\W*(?:(?:{words(cues['clause_adverbials'])})\W+)*{cause}[^,;\d]*,", re.IGNORECASE),
        cause_lead=compile_gated(rf"\b{cause}", re.IGNORECASE),
        # set off by dashes or commas (that both marks are alike, and the main clause resuming after commas, is
        # checked where it is used); digit-free, so no figure of its own is blanked. A character set first: the
        # engine skips to the marks itself. Lower case: an aside opens on a lower-case word.
        cause_aside=re.compile(rf"[—–,]\s*{cause}[^,;()\d—–]*[,—–]"),
        list_aside=compile_gated(rf",\s+(?:which|where|whose|who|{words(cues['cause_aside'])})\b[^,;()]*,(?=\s+\w+\s*$)"),
        change_noun_after=re.compile(rf"\s+(?:{words(cues['change_noun'])})(?:\s+in\s+[a-z]+)?(?=\s*[,;]|\s+and\b)"),
    )
