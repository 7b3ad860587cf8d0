"""Find the figures of a sentence: amounts of money, percentages, counts with units.

Bare numbers (dates, ordinals, counts of people or meetings, article numbers) are
never figures: a number counts only when a currency or a unit stands with it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from tasks.extract.fastre import compile_gated
from tasks.extract.lexicon import BASIS_WORD, PERCENT_WORD, load_lexicon


def number_group(name: str) -> str:
    return rf"(?P<{name}>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"


def scale_group(name: str) -> str:
    # "47.3 tril. won", "$2.1 bil.": the older abbreviations end in a dot, not at a word boundary
    return rf"(?:\s?(?P<{name}>(?:[Tt]housand|[Mm]illion|[Bb]illion|[Tt]rillion|bn|tn|mn)\b|(?:tril|bil|mil)\.(?!\w)))?"


SCALES = {None: 1.0, "thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
          "trillion": 1e12, "tn": 1e12, "tril.": 1e12, "bil.": 1e9, "mil.": 1e6}
CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "us dollars": "USD",
              "krw": "KRW", "₩": "KRW", "won": "KRW", "eur": "EUR", "€": "EUR", "euros": "EUR",
              "jpy": "JPY", "¥": "JPY", "yen": "JPY", "cny": "CNY", "yuan": "CNY"}
CURRENCY_UNITS = frozenset(CURRENCIES.values())  # the units of an amount of money
COUNT_UNITS = {"unit": "units", "units": "units", "vehicles": "units", "cars": "units",
               "ton": "tons", "tons": "tons", "tonne": "tons", "tonnes": "tons",
               "tco2eq": "tCO2eq", "tco2e": "tCO2eq", "tco₂eq": "tCO2eq",
               "barrel": "barrels", "barrels": "barrels", "mw": "MW", "gw": "GW", "gwh": "GWh",
               "twh": "TWh", "mwh": "MWh", "kwh": "kWh", "teu": "TEU", "cgt": "CGT",
               "toe": "toe", "compensated gross ton": "CGT", "compensated gross tons": "CGT",
               "gigawatt": "GW", "gigawatts": "GW", "megawatt": "MW", "megawatts": "MW", "kilowatt": "kW",
               "kilowatts": "kW", "square meters": "square meters", "square metres": "square meters",
               "cubic meters": "cubic meters", "cubic metres": "cubic meters"}

FIGURE = compile_gated(
    r"(?<![\w.])(?:"
    r"(?P<cur>US\$|USD|\$|KRW|₩|EUR|€|JPY|¥|CNY)\s?" + number_group("number") + scale_group("scale")
    + r"(?:\s(?:US\s)?dollars\b)?"
    # The number is read once, then its unit: trying each unit with its own copy of the number is slower.
    r"|" + number_group("bare_number") + r"(?:"
    + scale_group("word_scale") + r"\s(?P<cur_word>US dollars|dollars|won|euros|yen|yuan)\b"
    r"|\s?(?P<points>%\s?p\b|%\s?points?\b|percentage[- ]points?\b|pp\b|%pt\b)"
    r"|[\s-]?(?P<pct>%|[Pp]ercent\b|per cent\b|pct\b)"
    r"|" + scale_group("count_scale")
    # "25,000 electric vehicles", "6.2 million hydrogen cars", "6.2 million fuel cell electric vehicles": a count of
    # vehicles named with their kind; not a participle's object ("5,000 chargers serving electric vehicles")
    + r"(?:\s(?P<count_kind>(?:(?!(?:of|the|and|or|to|in|for|from|at|by|more|fewer|less|than|a|an|per|other|such|"
    r"these|those|its|their|new)\b)(?![a-z]+ing\s)[a-z][a-z\-]*\s){1,3})(?P<kind_count>vehicles|cars)\b|"
    # "3,200 megawatts of new solar capacity", "118.0 gigawatts (GW)": a power written out, not an hour's energy
    r"[\s-]?(?P<count>units?|vehicles|cars|tons?|tonnes?|tCO2eq|tCO2e|tCO₂eq|barrels?"
    r"|(?:giga|mega|kilo)watts(?![\w-])(?!\s+hours?\b)"
    # ... the singular only as a noun ("1 gigawatt of capacity"), not a rating ("3 kilowatt rooftop panels")
    r"|(?:giga|mega|kilo)watt(?![\w-])(?=\s+(?:of|in|by|to|and|for|from)\b|\s*[,.;)]|\s*$)"
    r"|MW|GW|GWh|TWh|MWh|kWh|TEU|CGT|TOE|toe|compensated gross tons?"
    # "43.6 million square meters" of tiles, "2.46 million cubic meters" of plywood: volumes of remedied goods
    r"|(?:square|cubic)\smet(?:er|re)s)\b)"
    # "the newbuilding price index reached 129 points": an index's level, read below (never "a 10-point plan")
    r"|\s(?P<index_points>points)\b"
    r"|[\s-]?(?P<times>times|fold)\b"
    r"))",
    # Case-sensitive on purpose: units are written one way, and it is twice as fast as IGNORECASE.
)

UP = (r"up|rose|rise|rises|rising|risen|increased?|increases|increasing|grew|grow|grows|growing|grown|growth|"
      r"swell(?:ed|s|ing)?|swollen|"
      r"add(?:ed|s|ing)|"  # "petrochemicals added 13.8 percent to $25.4 billion"
      r"lift(?:ed|s|ing)?|"  # "a goal of lifting exports by 4.0 percent to $600 billion"
      r"gain(?:ed|s|ing)?|climb(?:ed|s|ing)?|surge[ds]?|surging|jump(?:ed|s|ing)?|expand(?:ed|s|ing)?|"
      r"advance[ds]?|advancing|rebound(?:ed|s|ing)?|higher|soar(?:ed|s|ing)?|boost(?:ed)?|spike[ds]?|spiking|"
      r"hike[ds]?|skyrocket(?:ed|s|ing)?|recover(?:ed|s|ing)?|"
      r"improve[ds]?|improving|enhanced|leap(?:ed|t|s|ing)?|greater|more|larger|outpac(?:ed|ing)|expansion|upturn|uptick")
DOWN = (r"down|fell|fall|falls|falling|fallen|decline[ds]?|declining|decrease[ds]?|decreasing|"
        r"drop(?:ped|s|ping)?|contract(?:ed|ion|s|ing)?|shrank|shrunk|shrinks?|shrinking|slid|slides?|sliding|"
        r"slump(?:ed|s|ing)?|plunge[ds]?|plunging|plummet(?:ed|s|ing)?|lower|dip(?:ped|s|ping)?|reduction|"
        r"retreat(?:ed|s|ing)?|slip(?:ped|s|ping)?|ease[ds]?|easing|tumble[ds]?|tumbling|crumble[ds]?|crumbling|"
        r"sank|sink(?:s|ing)?|"
        r"less|fewer|smaller|shed|lost|los(?:es|ing)|weaken(?:ed|s|ing)?|downturn|nose-?dive[ds]?|nose-?diving|"
        r"dive[ds]?|diving|dove")
FILLER = (r"(?:by|of|a|an|about|around|approximately|roughly|nearly|almost|some|over|more than|less than|between|"
          r"only|just|slight|slightly|sharp|sharply|significantly|steeply|also|further|respectively|"
          r"mere|modest|moderate|moderately|marginal|marginally|steep|hefty|robust|solid|whopping|"
          # "fell a milder 4.3 percent", "grew a faster 7.2 percent": a comparative sizing the change, not a cue
          r"milder|steeper|sharper|softer|faster|slower|"
          # "fell a more modest 1.2 percent", "grew a much faster 9.3 percent": the degree of that comparative
          r"more|less|much|far|relatively|comparatively|"
          # "grew even faster at 21.8 percent", "fell at a steeper rate of 11.7 percent": the pace the change went at
          # ("stood even higher at 55.2 percent" is a level: "higher" alone is no pace)
          r"(?:even\s+)?(?:faster|slower|quicker)\s+at|"
          r"at\s+an?\s+(?:much\s+|far\s+|even\s+)?(?:faster|slower|steeper|sharper|milder|softer|quicker)\s+"
          r"(?:rate|pace)\s+of|"
          rf"{BASIS_WORD}|,)")
# Case-sensitive on purpose: these words are lower case mid-sentence, and it is twice as fast.
# "Imports also decreased, by 2.6 percent to $7.4 billion": a comma may set off the "by" of the change's size.
# "convenience stores fell for a second month, by 1.4 percent": a streak may stand between the verb and its size.
STREAK = (r"\s+for\s+(?:a|the)\s+[a-z\d-]+(?:\s+(?:straight|consecutive))?\s+(?:month|quarter|year)s?"
          r"(?:\s+in\s+a\s+row)?")
CUE_BEFORE = compile_gated(rf"\b(?P<cue>{UP}|{DOWN})\b(?:\s+{FILLER}\b|,\s+by\b|{STREAK})*[\s,]*$")
# "fell 3.4 percent, a smaller fall than the 14.2 percent posted by large companies": the change compared with is
# one of the same kind as the noun (a fall, a rise) the comparative sizes.
COMPARATIVE = r"smaller|larger|bigger|greater|steeper|sharper|deeper|milder|softer|faster|slower"
COMPARED_CHANGE = compile_gated(rf"\b(?:{COMPARATIVE})\s+(?P<cue>{UP}|{DOWN})\s+than\s+(?:the\s+|that\s+of\s+)?$")
# "driven up total retail sales by 15.4 percent": the change word stands before its object.
CUE_OBJECT_BY = compile_gated(r"\b(?:driven|pushed|pulled|dragged|brought|sent|lifted)\s+(?P<cue>up|down)\b"
                           r"[^,;.()]{0,50}\bby\s*$")
# "increased production by 23.4 percent", "will be cut by 23 percent": a change verb, its object if any (words, no
# figure, no clause break), then "by": the figure is the size of the change. Only a verb of growth takes an object
# here: "cut emissions by 40 percent", "lower their emissions by 11.2 percent" state the level of a reduction
# target, as the ministry's climate releases do; "cut" and "reduce" are changes only with "by" right after them
# ("cut tariffs to 5 percent" sets a level).
REDUCE = r"cut|cuts|cutting|reduced?|reduces|reducing|slash(?:ed|es|ing)?|trim(?:med|s|ming)?"
RAISE = r"raised?|raises|raising"
CUE_VERB_OBJECT_BY = compile_gated(rf"\b(?:(?P<cue>{UP})\b(?:\s+(?!by\b)[A-Za-z][\w&'’.-]*){{0,4}}"
                                   rf"|(?P<bare_cue>{REDUCE}|{RAISE}))\s+by\s+"
                                   r"(?:about\s+|around\s+|nearly\s+|some\s+|a\s+mere\s+|only\s+|just\s+)?$")
# "SSD exports jumped 52.8 percent, lifting computers and peripherals 4.1 percent to $630 million": a participle, its
# object and the object's own change, the level it rose to after it (matched on the text before the figure)
PARTICIPLE_OBJECT = compile_gated(r",\s+(?:thus\s+|thereby\s+)?(?P<cue>lifting|pushing|raising|boosting|driving|"
                                  r"dragging|pulling)\s+(?P<object>(?!(?:it|its|their|the\s+total|total)\b)"
                                  r"[A-Za-z][\w&'’-]*(?:\s+[A-Za-z][\w&'’-]*){0,5}?)"
                                  r"(?:\s+(?P<way>up|down))?\s+(?:by\s+)?$")
REDUCE_WORD = compile_gated(rf"^(?:{REDUCE})$")
CO2_EQUIVALENT = compile_gated(r" of (?:CO2|CO₂|carbon dioxide|greenhouse gas(?:es)?)(?: equivalents?)?\b")
# "reduce its emissions by 14.5 percent to 222.6 million tons", "faces a 44.4 percent cut, to 149.9 million tons":
# a reduction by a percentage that names the amount it leads to is that amount's change (without "to" and an
# amount, "cut emissions by 40 percent" stays the level of the reduction target).
REDUCED_BY = compile_gated(rf"\b(?:{REDUCE}|lower(?:ed|s|ing)?)\b[^,;.()\d]{{0,40}}\bby\s+"
                           r"(?:about\s+|around\s+|nearly\s+|some\s+)?$")
REDUCTION_NOUN_AFTER = compile_gated(r"^\s+(?:cut|reduction|decrease)\b")
TO_AMOUNT = compile_gated(r"^(?:\s+(?:cut|reduction|decrease))?,?\s+to\s+(?:about\s+|around\s+|some\s+)?"
                          rf"(?:US\$|\$|KRW\s?|₩)?\d[\d,]*(?:\.\d+)?(?![\d,.])(?!\s?{PERCENT_WORD})")
# "12 posted growth: semiconductors 7.9 percent, automobiles 24.5 percent and ...": a list after a change
# word and a colon is a list of changes. The entries are names and percentages, with no verb of their own.
COLON_CUE = compile_gated(rf"\b(?P<cue>{UP}|{DOWN})\b[^:;.()\d]{{0,25}}:(?P<list>[^:;]*)$")
COLON_ENTRY = compile_gated(r"(?:,\s*(?:and\s+)?|\s+and\s+|^\s*)(?P<name>[A-Za-z][\w\-’' ]{0,40}?)"
                            rf"\s*\(?[+\-−]?\d+(?:\.\d+)?\s?{PERCENT_WORD}\)?")
COLON_LAST = compile_gated(r"(?:,\s*(?:and\s+)?|\s+and\s+|^\s*)(?P<name>[A-Za-z][\w\-’' ]{0,40}?)\s*\(?$")
# "climbed 66.5 and 41.9 percent": a bare number listed before a percentage is one too; a year is not
# ("the target for 2030 to 40 percent").
LISTED_PERCENT = compile_gated(r"(?<![\w.$])(?!(?:19|20)\d\d(?![\d.]))(?P<num>\d+(?:\.\d+)?)"
                            r"(?=(?:,\s*\d+(?:\.\d+)?)*,?\s+(?:and|or|to)\s+"
                            rf"\d+(?:\.\d+)?\s?{PERCENT_WORD})")
# What every listed percentage needs ("66.5 and 41.9"): the engine skips to digits itself, so it is cheap.
LISTED_NUMBERS = compile_gated(r"\d,?\s+(?:and|or|to)\s+\d")
CUE_AFTER = compile_gated(
    rf"^\s*(?:(?:{BASIS_WORD}|annual|annually)\s+)?(?P<cue>{UP}|{DOWN})\b",
    re.IGNORECASE)
DOWN_WORD = compile_gated(rf"^(?:{DOWN})$", re.IGNORECASE)
# "came to $520.1 billion, 10.9 percent below the same period of 2022", "4.2 percent above a year earlier", "above the
# year-earlier level", "below the level of a year earlier": a percentage set below or above the same months of another
# year is the change from them. Not "below 5 percent" (a ceiling), nor "14.4 percent below the 2018 peak" (a gap to a
# record, no change over the year).
BELOW_THE_SAME = compile_gated(r"\s*(?P<cue>below|above)\s+(?:that\s+of\s+|those\s+of\s+|the\s+levels?\s+of\s+)?"
                               r"(?:the\s+same\s+(?:period|month|quarter|half)\b|(?:a|one)\s+year\s+(?:earlier|ago|before)"
                               r"|the\s+(?:previous|prior)\s+year\b|last\s+year\b|the\s+year\s+before\b"
                               r"|the\s+year-(?:earlier|ago)\s+(?:level|figure|period|month)s?\b"
                               # "4.1 percent above February's $1.96 billion": the month before's level
                               r"|(?:January|February|March|April|May|June|July|August|September|October|November|"
                               r"December)['’]s\b|(?:that\s+of\s+)?(?:the\s+)?(?:previous|prior)\s+month\b"
                               r"|(?:a|one)\s+month\s+(?:earlier|ago|before)"
                               r"|(?P<base_year>(?:19|20)\d{2}(?:\s+levels?)?(?![\w-]|\s+(?:peak|record|high|low)\b)))")
# "the deficit narrowed by $2.0 billion", "widened by": a balance's change of size is an amount of change too.
ABSOLUTE_CHANGE = compile_gated(rf"\b(?:{UP}|{DOWN}|narrow(?:ed|s|ing)?|widen(?:ed|s|ing)?)\s+by\s*$")
SHARE_VERB = compile_gated(r"\b(?:take|takes|took|taking|make|makes|made|making)\s+up\s+"
                        r"(?:about\s+|around\s+|nearly\s+|almost\s+|roughly\s+|some\s+|over\s+|more\s+than\s+"
                        r"|less\s+than\s+|only\s+)?$")
HAS_DIGIT = compile_gated(r"\d")
# The words a cause opens on right after a figure ("rose 5 percent as ...", "amid ...", "on ..."): the entries of a
# list that name their figure after it go on past such a cause
CAUSE_OPENERS = r"as|amid|on|due\s+to|despite|thanks\s+to|owing\s+to|because\s+of"
CAUSE_IN_GAP = compile_gated(rf"^\s+(?:{CAUSE_OPENERS})\s[^,;()\d]*(?=,)")
# "rose 8.9 percent year-on-year to $49.1 billion": a basis may stand between a change and the level it reached
BASIS_BEFORE_LEVEL = (r"(?:(?:year-on-year|on-year|y-o-y|month-on-month|from\s+a\s+year\s+(?:earlier|ago)|"
                      r"from\s+the\s+previous\s+(?:year|month)),?\s+)?")
TO_BETWEEN = compile_gated(r"\s+" + BASIS_BEFORE_LEVEL + r"to\s+")
LIST_JOINER = compile_gated(r"^\s*(?:,|and|or|,\s*and)\s*$")
ELLIPTICAL_ENTRY = compile_gated(r"^\s*[;,]\s*(?:and\s+)?(?:the\s+)?[A-Z][\w.\- ]{0,40}(?:\([^()]{0,30}\))?\s*,\s*$")
# "the drop of semiconductor exports by 25.6 percent", "an increase in imports by 4.1 percent": a change noun, what
# changed, then "by" and its size
CHANGE_NOUN_OF_BY = compile_gated(r"\b(?P<noun>drop|decline|decrease|fall|contraction|rise|increase|growth|gain|"
                                  r"expansion)\s+(?:of|in)\s+[^,;()\d]{1,60}?\bby\s*$", re.IGNORECASE)
DOWN_NOUNS = frozenset({"drop", "decline", "decrease", "fall", "contraction"})
# "the decline in exports narrowed to 2.1 percent", "growth slowed to 1.0 percent": the pace of a change named by its
# noun, the sign the noun's
PACE_OF_CHANGE = compile_gated(r"\b(?P<noun>[Gg]rowth|[Gg]ains?|[Ii]ncreases?|[Rr]ises?|[Dd]eclines?|[Dd]rops?|"
                               r"[Ff]alls?|[Dd]ecreases?|[Cc]ontraction)(?:\s+(?:in|of)\s+[\w\-'’]+(?:\s+[\w\-'’]+){0,4}?)?"
                               r"\s+(?:slowed|eased|moderated|decelerated|narrowed|accelerated|quickened|picked\s+up|"
                               r"deepened|widened|steepened|softened)\s+to\s+$")
# "(-17.6%)", "($1.8 billion, +3.2%)": a sign written on the number makes it a change. Only a sign that
# opens a word: "28.16%-33.57%" is a range, "- 5%" a dash.
SIGN_BEFORE = compile_gated(r"(?:^|(?<=[\s(\[,:;/]))(?P<sign>[+\-−])$")
# An elliptical entry of a list whose verb is left out: ", and those of SSDs", ", to Latin America",
# "; to the U.S.,", " in May, and wireless devices". A short adverbial may stand before the joiner.
ELLIPSIS = compile_gated(r"^(?P<pre>[^,;()]{0,30}?)(?:\s*[,;]\s*(?:and\s+)?|\s+and\s+)"
                         r"(?P<entry>[^,;()%]{0,50}?)\s*,?\s*$")
WORD = compile_gated(r"[A-Za-z][\w'’-]*")
CHANGE_WORD = compile_gated(rf"^(?:{UP}|{DOWN})$")
# Words that open a clause of its own, or make the figure a level or a share, not a change.
NOT_ELLIPTICAL = frozenset(
    "while whereas but although though however meanwhile as which who that if when compared than versus "
    "percent points respectively share proportion portion accounting".split())
ENTRY_END_NOT_A_CHANGE = frozenset("to at from with of than".split())
AFTER_WORD = compile_gated(r"^\s*([A-Za-z][\w'’-]*)")
# "rose from $10 billion to $12 billion", "up from 30 percent": the earlier level, not the news.
PRIOR_LEVEL = compile_gated(rf"\b(?:{UP}|{DOWN}|changed?)\s+(?:\w+\s+){{0,2}}?from\s*$")
# "revised its forecast to 18 percent from 8.5 percent", "raised the target to $700 billion from $680 billion":
# the figure after "to N from" is the one it replaced, a period between or not ("narrowed to $2.6 billion in April
# from"), a comma or not ("is estimated to have risen to 3.2 percent, from 3.0 percent a year before").
PRIOR_AFTER_TO = compile_gated(r"\bto\s+(?:US\$|\$|KRW\s?)?\d[\d,.]*(?:\s?(?:%|percent|billion|million|trillion|won|"
                               r"dollars))*(?:\s+(?:in|for|during)\s+(?:the\s+)?[A-Za-z][\w-]*(?:\s+[\w-]+){0,2}?)?,?\s+from\s*$")
# "accounted for 46.2 percent of sales, compared with 40.8 percent a year earlier": a level set against the same
# measure a year back is its earlier level too (only with the year back named: "compared with 12.1 percent for
# offline stores" is another subject's).
# "swung to a deficit of $2.7 billion from a surplus of $1.0 billion a year ago": the balance it swung from.
PRIOR_BALANCE = compile_gated(r"\bfrom\s+an?\s+(?:trade\s+)?(?:surplus|deficit)\s+of\s+(?:about\s+|around\s+)?$")
# The words a figure is set against another with (COMPARED_LEVEL, COMPARED_WITH, slots.COMPARED_BEFORE).
COMPARISON = r"compared\s+(?:with|to)|versus|against"
# "compared with a surplus of $29.3 billion a year earlier": the balance named before its level
COMPARED_LEVEL = compile_gated(rf"\b(?:{COMPARISON})\s+(?:an?\s+(?:trade\s+)?(?:surplus|deficit)\s+of\s+)?"
                               r"(?:about\s+|around\s+)?$")
# "a year earlier", "in the same month of the previous year", "last year": the same months a year back, after an
# earlier level ("from $4.8 billion a year earlier") or a level compared with ("compared with 40.8 percent ...").
A_YEAR_BACK = compile_gated(
    r"\s*(?:(?:a|one)\s+year\s+(?:earlier|ago|before)"
    r"|(?:(?:in|during|for)\s+)?the\s+same\s+(?:period|month|quarter|half)\s+(?:(?:of|in)\s+)?(?:the\s+)?"
    r"(?:previous|prior|last)\s+year|(?:in\s+)?the\s+(?:previous|prior)\s+year|last\s+year)\b")
# What stands between a level and its earlier one, or an earlier level and the later one it goes "to".
BREAK_WORDS = r";|\b(?:while|whereas|but|and)\b"  # a clause break no pairing reaches across
PRIOR_BREAK = compile_gated(BREAK_WORDS)
TO_LATER_LEVEL = compile_gated(r"[^;,()%$]{0,30}?\bto\s+(?:about\s+|around\s+|some\s+)?")
# "minus 10.3 percent growth", "projected at minus 1.2 percent": a negative change written in words.
MINUS_WORD = compile_gated(r"\b[Mm]inus\s+$")
# "dropped to minus 4.1 percent", "deteriorated to -4.6%": a signed percentage a measure fell "to"
SIGNED_LEVEL_REACHED = compile_gated(r"\bto\s+(?:[Mm]inus\s+|[\-−])$")
NAMES_GROWTH = compile_gated(r"\b(?:growth|grow|forecasts?|outlook|projected|projections?|expected|estimated)\b",
                             re.IGNORECASE)
# "Export growth is projected at 3.1 percent", "the export growth forecast for this year to 18 percent": a rate
# of growth named as a noun, then the rate ("growth of 5 percent" is read as a change word with its filler); "the
# highest growth among offline channels, at 4.3 percent": the rate set off by a comma after the growth it sizes.
GROWTH_RATE = compile_gated(r"\bgrowth(?:\s+(?:rates?|forecasts?|outlook|projections?|estimates?|targets?))?\b"
                            # "continued their growth, posting 36.1 percent": the growth's size after a participle
                            r"(?P<gap>[^,;:.()%$\d]{0,50}?)(?:,\s*at|,\s*(?:posting|recording|marking)|"
                            r"\b(?:to|at|was|were|is|are|be))\s+(?:about\s+|around\s+|some\s+|nearly\s+)?$")
NOT_GROWTH_GAP = compile_gated(r"\b(?:share|proportion|portion|ratio|account(?:ed|s|ing)?|percent|of\s+which)\b",
                               re.IGNORECASE)
# "rose 24.1 percent, compared with 26.5 percent in the third quarter": the rate it is set against is a change too.
COMPARED_WITH = compile_gated(rf"(?:\b(?:{COMPARISON}|vs\.?)|,\s*(?:up|down)\s+from)"
                              r"\s+(?:about\s+|around\s+)?$")


@dataclass(frozen=True)
class Figure:
    """One figure in a sentence: a level (amount, share, rate, count) or a percent change."""

    start: int
    end: int
    value: float
    unit: str
    role: str  # "level", "change", or "skip" (stated but not a metric we keep)


def parse_number(text: str) -> float:
    return float(text.replace(",", ""))


def scaled(value: float, scale: float) -> float:
    """"$132.7 billion" is 132,700,000,000 exactly: multiplied as the decimals written (132.7 * 1e9 in binary floats
    is 132,699,999,999.99998), then stored as the nearest float."""
    return value * scale if scale == 1.0 else float(Decimal(repr(value)) * Decimal(repr(scale)))


def find_figures(sentence: str) -> list[Figure]:
    """Every figure of the sentence, in order, with its role and sign decided."""
    figures: list[Figure] = []
    if not HAS_DIGIT.search(sentence):
        return figures
    matches = list(FIGURE.finditer(sentence))
    if LISTED_NUMBERS.search(sentence):  # rare: only then are two kinds of match put in order
        matches = sorted([*matches, *LISTED_PERCENT.finditer(sentence)], key=lambda m: m.start())
    priors = False
    for match in matches:
        if figures and match.start() < figures[-1].end:
            continue
        if match.re is LISTED_PERCENT:
            figures.append(read_listed(match, sentence, figures))
            continue
        figure = read_figure(match, sentence, figures)
        if figure is not None:
            if "from" in sentence[max(0, figure.start - 60):figure.start] and is_earlier_level(sentence, figure.start) \
                    or figure.role == "level" and compared_a_year_back(sentence, figure):
                figure = as_earlier_level(figure)
                priors = True
            figures.append(figure)
    if "n units" in sentence or "n unit terms" in sentence or "of units" in sentence:  # a look before the search
        figures = counted_in_units(sentence, figures)
    if priors:  # rare: only then are the earlier levels checked against the levels beside them
        figures = [Figure(f.start, f.end, f.value, f.unit, "skip")
                   if f.role == "prior" and earlier_level_of(sentence, figures, i) is None else f
                   for i, f in enumerate(figures)]
    return inherit_units(figures)


# "to 1,011,534", "reached 2.78 million (down 0.4 percent)": a bare number a verb of reaching sets, ending its phrase;
# not a year ("in 2024"), a percentage or an amount
BARE_COUNT = compile_gated(r"\b(?:to|reached|reaching|totaled|totalled|totaling|hit|stood\s+at|came\s+to|of)\s+"
                           r"(?:about\s+|around\s+|some\s+|nearly\s+|approximately\s+)?"
                           r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s(?P<scale>thousand|million))?"
                           r"(?=\s*[,;()]|\.(?!\d)|\s*$)")
YEAR_NUMBER = compile_gated(r"(?:19|20)\d\d")
UNITS_OF = compile_gated(r"\s+of\b")
# Where the counted clause ends before a bare number: "In units, exports rose 5.2 percent, with shipments to the U.S.
# reaching 120,000", "..., and the number of destinations came to 150" count other things
COUNT_CLAUSE_ENDS = compile_gated(r";|,\s+(?:with|and|while|whereas|but|bringing)\b|\bnumber\s+of\b")


def counted_in_units(sentence: str, figures: list[Figure]) -> list[Figure]:
    """"In units, exports fell 1.3 percent to 1,011,534", "exports in units went up 23.7 percent to 209,000": a clause
    saying its figures are counted in units makes the first bare number a verb of reaching sets after it, close by
    and in the clause (no semicolon between), a count of units ("..., bringing the number of participants to 4,500"
    further on is no count of the goods)."""
    lead = load_lexicon().count_in_units.search(sentence)
    if lead is None or UNITS_OF.match(sentence, lead.end()):  # "in units of two", "in units of KRW 1 trillion"
        return figures
    match = BARE_COUNT.search(sentence, lead.end(), lead.end() + 100)
    if match is None:
        return figures
    start, end = match.span("number")[0], match.end()
    if COUNT_CLAUSE_ENDS.search(sentence, lead.end(), start) or any(f.start <= start < f.end for f in figures) \
            or YEAR_NUMBER.fullmatch(match.group("number")) and not match.group("scale"):
        return figures
    scale = SCALES[match.group("scale")] if match.group("scale") else 1.0
    count = Figure(start, end, scaled(parse_number(match.group("number")), scale), "units", "level")
    return sorted([*figures, count], key=lambda f: f.start)


def is_earlier_level(sentence: str, start: int) -> bool:
    """"rose from $10 billion", "up from 30 percent", "to $12 billion from $10 billion": the figure was before."""
    before = sentence[max(0, start - 60):start]
    return PRIOR_LEVEL.search(before) is not None or PRIOR_AFTER_TO.search(before) is not None \
        or PRIOR_BALANCE.search(before) is not None


def compared_a_year_back(sentence: str, figure: Figure) -> bool:
    """"compared with 40.8 percent a year earlier", "versus $3.1 billion in the same month of last year"."""
    before = sentence[max(0, figure.start - 45):figure.start]
    return ("compared" in before or "versus" in before or "against" in before) \
        and COMPARED_LEVEL.search(before) is not None and A_YEAR_BACK.match(sentence, figure.end) is not None


def as_earlier_level(figure: Figure) -> Figure:
    """"rose to $4.9 billion from $4.8 billion", "up from 31.3 percent": the earlier level (role "prior"). A change
    it is compared with ("rose 24.1 percent, up from 20 percent") is no level of anything: skipped."""
    return Figure(figure.start, figure.end, figure.value, figure.unit, "prior" if figure.role == "level" else "skip")


def earlier_level_of(sentence: str, figures: list[Figure], index: int) -> Figure | None:
    """The level whose earlier state figures[index] is, in the same unit: the one just before it, in the same clause
    ("rose to $4.9 billion from $4.8 billion", "34.1 percent of sales, up from 31.3 percent"), or the one "to" leads
    to after it ("fell from 24.0 percent in 2014 to 9.6 percent in 2020"). Else None: the earlier level is dropped."""
    prior = figures[index]
    before = figures[index - 1] if index else None
    if before is not None and before.role == "change" and index > 1:
        before = figures[index - 2]  # "rose to 168.2 won per kWh in 2023, up 42 percent from 118.7 won per kWh"
    if before is not None and before.role == "level" and before.unit == prior.unit \
            and prior.start - before.end <= 80 and not PRIOR_BREAK.search(sentence, before.end, prior.start):
        return before
    after = figures[index + 1] if index + 1 < len(figures) else None
    if after is not None and after.role == "level" and after.unit == prior.unit \
            and TO_LATER_LEVEL.fullmatch(sentence, prior.end, after.start):
        return after
    return None


def read_listed(match: re.Match, sentence: str, earlier: list[Figure]) -> Figure:
    """A bare number that a later percentage in the same list gives its unit to."""
    start, end = match.span()
    value = parse_number(match.group("num"))
    sign = change_sign(sentence, start, end, earlier)
    return Figure(start, end, value * (sign or 1), "percent", "change" if sign else "level")


def read_figure(match: re.Match, sentence: str, earlier: list[Figure]) -> Figure | None:
    value = parse_number(match.group("number") or match.group("bare_number"))
    scale_word = match.group("scale") or match.group("word_scale") or match.group("count_scale")
    scale = scale_word.lower() if scale_word else None
    start, end = match.span()
    before = sentence[max(0, start - 80):start]  # the cue words stand close; a window keeps this linear
    if match.group("cur") or match.group("cur_word"):
        currency = CURRENCIES[(match.group("cur") or match.group("cur_word")).lower()]
        role = "skip" if absolute_change(before) or names_an_award(sentence, end) or states_a_milestone(before) \
            else "level"
        return Figure(start, end, scaled(value, SCALES[scale]), currency, role)
    if match.group("count") or match.group("kind_count"):
        role = "skip" if absolute_change(before) else "level"
        unit = COUNT_UNITS[(match.group("count") or match.group("kind_count")).lower()]
        if unit == "tons" and sentence.startswith(" of ", end) and CO2_EQUIVALENT.match(sentence, end):
            unit = "tCO2eq"  # "727.6 million tons of CO2 equivalent"
        return Figure(start, end, scaled(value, SCALES[scale]), unit, role)
    if match.group("index_points"):
        # "the price index reached 129 points": an index's level. "rose 3.2 points" is its change in points, which
        # no metric keeps; points of no index named before them are scores ("received 92 points"), not metrics.
        level = "ndex" in before and not change_sign(sentence, start, end, earlier)
        return Figure(start, end, value, "points", "level" if level else "skip")
    if match.group("times"):
        return Figure(start, end, value, "times", "skip")
    if "to" in before[-10:] and not match.group("points") and SIGNED_LEVEL_REACHED.search(before) \
            and not NAMES_GROWTH.search(before):
        # "the operating margin dropped to minus 4.1 percent", "deteriorated to -4.6%": the rate a measure reached,
        # below zero, is its level; a growth rate or forecast "to minus 6.0 percent" is still a change
        return Figure(start, end, -value, "percent", "level")
    if states_a_milestone(before):
        return Figure(start, end, value, "percent", "skip")
    if before.endswith(("a ", "an ", "the ", "A ", "The ")) and RATE_NAMED_AFTER.match(sentence, end):
        # "where Korean cars remain subject to a 25 percent tariff": a rate the article and noun around it name, in a
        # clause whose verb of change is another figure's ("fell 5.1 percent to $2.5 billion in May, where ...")
        return Figure(start, end, value, "percent", "level")
    sign = change_sign(sentence, start, end, earlier)
    if match.group("points"):
        # A change in a share or rate is not a percent change: kept apart, as a signed level.
        return Figure(start, end, value * (sign or 1), "percentage points", "level")
    if sign:
        return Figure(start, end, value * sign, "percent", "change")
    return Figure(start, end, value, "percent", "level")


# "a 25 percent tariff", "the 15 percent U.S. tariff", "a 7.64% anti-dumping duty": the rate noun after a percentage, a
# partner or kind between them
RATE_NAMED_AFTER = compile_gated(r"\s+(?:[A-Za-z][\w.\-]*\s+){0,2}?(?:tariffs?|dut(?:y|ies)|tax\s+credits?)\b")


def names_an_award(sentence: str, end: int) -> bool:
    """"received the '$100 Billion Export Tower'": an amount in an award's name, capitalised words and the award's
    noun right after it, is no figure. A look at the next letter first: the name's words are capitalised."""
    if not sentence.startswith(" ", end) or not sentence[end + 1:end + 2].isupper():
        return False
    return load_lexicon().award_name_after.match(sentence, end) is not None


# "the seventh country to achieve an annual export value of more than $600 billion", "the first time in 11 years that
# exports increased more than 20 percent for five straight months": a threshold a milestone names ("more than",
# "over"), no figure of a period (the figures the release states for the period stand elsewhere)
MILESTONE_BEFORE = compile_gated(
    r"(?:\b(?:countr(?:y|ies)|economy|economies|nations?)\s+(?:in\s+the\s+world\s+)?to\s+(?:have\s+)?"
    r"(?:achieve|achieved|reach|reached|surpass|surpassed|exceed|exceeded|top|topped|post|posted|record|recorded)\b"
    r"|\bfirst\s+time\s+(?:in|since)\s+[^.;,]{1,30}?\s+that\b)[^.;,]{0,60}?"
    r"\b(?:more\s+than|over|above|at\s+least|exceeding|surpassing)\s*(?:\$|USD\s*|KRW\s*|US\$)?$")


def states_a_milestone(before: str) -> bool:
    if "ountr" not in before and "conom" not in before and "ation" not in before and "first time" not in before:
        return False  # every milestone phrase holds one: a look before the search
    return MILESTONE_BEFORE.search(before) is not None


def absolute_change(before: str) -> bool:
    """"rose by $1.2 billion", "boosted exports by $5 billion": an amount of change, not a level (the patterns need
    their "by")."""
    return "by" in before[-12:] and (ABSOLUTE_CHANGE.search(before) is not None
                                     or CUE_VERB_OBJECT_BY.search(before) is not None)


def participle_object_change(sentence: str, before: str, end: int) -> re.Match | None:
    """The participle clause a percentage is its object's change in: only with the level it reached after it ("4.1
    percent to $630 million"); "lifting their share 2.1 percent" is no such change."""
    if not sentence.startswith(" to ", end):
        return None
    return PARTICIPLE_OBJECT.search(before)


def change_sign(sentence: str, start: int, end: int, earlier: list[Figure]) -> int:
    """+1 or -1 when the words around a percentage make it a change, else 0."""
    signed = SIGN_BEFORE.search(sentence, max(0, start - 2), start) if start else None
    if signed:
        return -1 if signed.group("sign") != "+" else 1  # "($9.9 billion, -17.6%)", "(+3.2% y-o-y)"
    before = sentence[max(0, start - 80):start]
    if "inus" in before and MINUS_WORD.search(before):
        return -1
    if "up" in before and SHARE_VERB.search(before):
        return 0  # "take up 19.4 percent of": a share, not a rise
    by = "by" in before[-12:]
    if "than" in before[-12:]:
        compared = COMPARED_CHANGE.search(before)
        if compared:
            return -1 if DOWN_WORD.match(compared.group("cue")) else 1
    cue = CUE_BEFORE.search(before) or (by and (CUE_OBJECT_BY.search(before) or CUE_VERB_OBJECT_BY.search(before))) \
        or CUE_AFTER.search(sentence[end:end + 60]) or (":" in sentence[:start] and colon_list_cue(sentence[:start]))
    if not cue and "ed to " in before[-12:]:
        pace = PACE_OF_CHANGE.search(before)
        if pace is not None:
            return -1 if pace.group("noun").lower().rstrip("s") in DOWN_NOUNS else 1
    if not cue and "ing " in before:
        participle = participle_object_change(sentence, before, end)
        if participle is not None:
            return -1 if participle.group("way") == "down" or participle.group("cue") in ("dragging", "pulling") \
                else 1
    if cue:
        word = cue.group("cue") or cue.group("bare_cue")
        return -1 if DOWN_WORD.match(word) or REDUCE_WORD.match(word) else 1
    if by and "of " in before or by and "in " in before:
        noun = CHANGE_NOUN_OF_BY.search(before)
        if noun:  # "resulted in the drop of semiconductor exports by 25.6 percent"
            return -1 if noun.group("noun").lower() in DOWN_NOUNS else 1
    if " to " in sentence[end:end + 20] and reduction_to_amount(sentence, before, end):
        return -1
    if "bove" in sentence[end:end + 8] or "elow" in sentence[end:end + 8]:
        below = BELOW_THE_SAME.match(sentence, end, end + 60)
        # "stood at 238.9 million tCO2eq, 8.3 percent below 2018": a base year only after the level it changes ("a
        # target of 40 percent below 2018 levels" is the reduction itself)
        if below and (below.group("base_year") is None or earlier and earlier[-1].role == "level"):
            return -1 if below.group("cue") == "below" else 1
    growth = GROWTH_RATE.search(before) if "growth" in before else None
    if growth and not NOT_GROWTH_GAP.search(growth.group("gap")):
        return 1
    if earlier and earlier[-1].role == "change" and COMPARED_WITH.search(before):
        return 1 if earlier[-1].value >= 0 else -1
    # "rose 4.4 percent and 0.2 percent", "increased 5.3 percent; Vietnam, 1.8 percent": a list goes on.
    if earlier and earlier[-1].role == "change" and (LIST_JOINER.match(sentence[earlier[-1].end:start])
                                                     or ELLIPTICAL_ENTRY.match(sentence[earlier[-1].end:start])):
        return 1 if earlier[-1].value >= 0 else -1
    # "increased 12.2 percent to $109 million and 3.2 percent to $880 million": the pairs go on.
    paired = len(earlier) >= 2 and earlier[-2].role == "change" and earlier[-1].role == "level" \
        and TO_BETWEEN.fullmatch(sentence[earlier[-2].end:earlier[-1].start])
    if paired and LIST_JOINER.match(sentence[earlier[-1].end:start]):
        return 1 if earlier[-2].value >= 0 else -1
    # "fell 25.3 percent to $0.9 billion in May, and those of SSDs 34.0 percent", "rose 1.2 percent,
    # to Latin America 5.3 percent": an entry whose verb is left out goes on with the list's sign.
    listed = earlier[-1] if earlier and earlier[-1].role == "change" else earlier[-2] if paired else None
    gap = sentence[earlier[-1].end:start] if listed is not None else ""
    if ", respectively," in gap[:16]:
        # "rose 21.7 percent, 17.8 percent and 30.2 percent, respectively, and those to the EU 19.7 percent"
        gap = gap.replace(", respectively,", ",", 1)
    elif listed is not None and gap[:1] == " " and "," in gap:
        # "plunged 23.3 percent to $2.8 billion as the figure was hit by strikes, and those of wireless communication
        # devices 29.4 percent", "grew 8.1 percent on demand for ready-to-eat food, department stores 5.6 percent":
        # the cause of the entry before, left out
        gap = CAUSE_IN_GAP.sub("", gap, count=1)
    if listed is not None and (elliptical_entry(gap, sentence[end:end + 30])
                               or listed is earlier[-1] and gapped_past_noun(sentence[listed.end:start],
                                                                             sentence[end:end + 30])):
        return 1 if listed.value >= 0 else -1
    return 0


# "grew 11.0 percent — food alone 8.2 percent —": a part of the change's subject, set off by a dash
DASH_PART_ALONE = compile_gated(r"^\s*[—–]\s*(?:the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}\s+alone\s*$")


def gapped_past_noun(gap: str, after: str) -> bool:
    """An entry whose verb is left out, after a change stated with its noun or a cause: "posted 12.4 percent growth, and
    online brokers 9.7 percent", "recorded a 4.1 percent increase in sales, helped by two long weekends, and
    convenience stores 2.3 percent"; or a part of the change's subject in a dash ("grew 11.0 percent — food alone 8.2
    percent")."""
    if "alone" in gap and DASH_PART_ALONE.match(gap):
        return True
    lexicon = load_lexicon()
    noun = lexicon.change_noun_after.match(gap)
    rest = gap[noun.end():] if noun else gap
    if rest.count(",") >= 2:  # ", helped by two long weekends, and ...": the cause set off, left out
        rest = lexicon.cause_aside.sub(",", rest, count=1)
    return rest != gap and elliptical_entry(rest, after)


def reduction_to_amount(sentence: str, before: str, end: int) -> bool:
    """"reduce its emissions by 14.5 percent to 222.6 million tons", "a 44.4 percent cut, to 149.9 million tons"."""
    after = sentence[end:end + 60]
    if TO_AMOUNT.match(after) is None:
        return False
    return REDUCTION_NOUN_AFTER.match(after) is not None \
        or ("by" in before[-12:] and REDUCED_BY.search(before) is not None)


def colon_entry_name(before: str) -> str | None:
    """The name of the colon list's entry that the figure after `before` belongs to ("automobiles")."""
    names = colon_entries(before[before.rfind(":") + 1:]) if ":" in before else None
    return names[-1] if names else None


def colon_list_cue(before: str) -> re.Match | None:
    """"12 posted growth: semiconductors 7.9 percent, automobiles 24.5 percent": the cue before the colon,
    when everything after it up to the figure is entries of names and percentages, none with a verb."""
    match = COLON_CUE.search(before)
    return match if match is not None and colon_entries(match.group("list")) else None


def colon_entries(listed: str) -> list[str] | None:
    """The names of a list after a colon ("semiconductors 7.9 percent, automobiles "), up to the figure."""
    position = 0
    names = []
    for entry in COLON_ENTRY.finditer(listed):
        if entry.start() != position:
            return None
        names.append(entry.group("name"))
        position = entry.end()
    last = COLON_LAST.fullmatch(listed, position)
    if last is None:
        return None
    names.append(last.group("name"))
    if any(states_its_own(w, w.lower()) for name in names for w in WORD.findall(name)):
        return None
    return names


def states_its_own(word: str, as_verb: str) -> bool:
    """A word that opens a clause, is a verb (as_verb: the form looked up) or a change word: what holds it is
    no bare entry of a list."""
    lowered = word.lower()
    return lowered in NOT_ELLIPTICAL or as_verb in load_lexicon().verbs or CHANGE_WORD.match(lowered) is not None


def elliptical_entry(gap: str, after: str) -> bool:
    """Between a change of a list and a percentage: a joiner and a short subject with no verb of its own.

    Not when a word in between opens a clause ("while", "which"), is a verb or a change word of its own
    ("imports were", "declined"), or makes the figure a level or a share ("at", "to", "share"); nor when a
    verb or "of" follows the percentage ("20 percent were shipped", "45 percent of the total")."""
    entry = ELLIPSIS.match(gap)
    if entry is None:
        return False
    words = WORD.findall(gap)
    verbs = load_lexicon().verbs
    # A capitalised word is a name ("in May"), not the verb "may": looked up as written.
    if any(states_its_own(w, w) for w in words):
        return False
    entry_words = WORD.findall(entry.group("entry"))
    if entry_words and entry_words[-1].lower() in ENTRY_END_NOT_A_CHANGE:
        return False
    following = AFTER_WORD.match(after)
    return not (following and (following.group(1).lower() in verbs or following.group(1).lower() in ("of", "share")))


def inherit_units(figures: list[Figure]) -> list[Figure]:
    """"680,000 tCO2eq, of which 400,000 tons": the later bare tons are of the same kind."""
    result = []
    for figure in figures:
        if figure.unit == "tons" and any(f.unit == "tCO2eq" for f in result):
            figure = Figure(figure.start, figure.end, figure.value, "tCO2eq", figure.role)
        result.append(figure)
    return result
