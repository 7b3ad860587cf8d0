"""Release frames: what kind of release this is, and the period it reports on.

The ministry writes a few kinds of release again and again (monthly or annual trade,
ICT trade, FDI, autos, retail sales, trade remedies, energy). The kind is read from the
title and the lead sentence; it knows the release's conventions: which "sales" it
means, the item its totals are about (ICT), and its reference period.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from tasks.extract.lexicon import load_lexicon, may_name_a_plan
from tasks.extract.periods import Period, PeriodMention, find_periods
from tasks.extract.subjects import (
    Span,
    find_indicators,
    find_items,
    find_regions,
    is_verb,
    regions_listed_after,
    strip_home_words,
)


@dataclass(frozen=True)
class Frame:
    kind: str  # ict, fdi, retail, auto, trade, remedy, energy, other
    reference: Period | None  # the period the release reports on
    default_item: str | None
    sales_indicator: str
    release_item: str | None = None  # the one product a single-product release is about ("Steel exports rise ...")
    release_partner: str | None = None  # the one partner a bilateral release is with ("Korea and Philippines sign FTA")
    # Every period the release reports on: the title's, and the lead's first ("H1 exports hit record; June up 39.7%")
    references: tuple[Period, ...] = ()
    event_month: Period | None = None  # the month of the day the lead names ("held the ceremony on November 18")
    reading_month: Period | None = None  # the month of the day a lead's reading is of ("97.1 GW on August 20")
    # In a trade-remedy release, each product the title names (as written) with the origins it names for it; when the
    # title names none ("duties on stainless steel bars from three countries"), the lead's
    origins: tuple[tuple[str, tuple[Span, ...]], ...] = ()
    plan_item: str | None = None  # the goods the plan a release unveils is named by ("Renewable Energy 3020 plan")
    industry: str | None = None  # the one industry title or lead names ("roadmap for petrochemical industry")
    # goods the lead names in full before an abbreviation: (("MPE", "materials, parts and equipment"),)
    abbreviations: tuple[tuple[str, str], ...] = ()
    # the lead's first period when the title does not name it ("... trade deficit in first half" over a lead on June)
    lead_reference: Period | None = None


def build_frame(title: str, lead: str, published_on: dt.date, opening: str = "") -> Frame:
    """opening: the release's first sentences, where a remedy's goods get their full name ("The commission concluded
    that cold-rolled stainless steel plates from China and Indonesia had been dumped")."""
    lexicon = load_lexicon()
    kind = release_kind(title, lead)
    references = reference_periods(title, lead, published_on)
    return Frame(kind=kind, reference=references[0] if references else None, references=references,
                 default_item=lexicon.frame_default_item.get(kind),
                 sales_indicator=lexicon.frame_sales_indicator.get(kind, "sales"),
                 # a retail release's channels are parts of its total ("Online sales pass half of retail sales")
                 release_item=release_item(title, lead) if kind != "retail" else None,
                 release_partner=release_partner(title, lead),
                 event_month=event_month(lead, published_on), reading_month=reading_month(lead, published_on),
                 origins=named_fully(remedy_origins(title), lead, opening) or remedy_origins(lead)
                 if kind == "remedy" else (),
                 plan_item=plan_item(title) or plan_item(lead),
                 industry=named_industry(title) or named_industry(lead),
                 abbreviations=goods_abbreviated(lead),
                 lead_reference=lead_reference(title, lead, published_on))


INDUSTRY_NAMED = re.compile(r"\b([A-Za-z][\w-]*(?:\s[A-Za-z][\w-]*)?)\s(?:[Ii]ndustry|[Ss]ector)\b")


def named_industry(text: str) -> str | None:
    """The goods of the one industry a text names, when they are known: "Korea's petrochemical industry" ->
    petrochemicals; none when it names two ("the steel and shipbuilding industries" is no one industry)."""
    if "ndustry" not in text and "ector" not in text:
        return None
    names = set()
    for match in INDUSTRY_NAMED.finditer(text):
        spans = find_items(match.group(1))
        if spans and spans[-1].end == len(match.group(1)):
            names.add(spans[-1].name)
    return names.pop() if len(names) == 1 else None


# "imports of materials, parts and equipment (MPE) from Japan": lower-case words of goods, then their abbreviation
GOODS_ABBREVIATED = re.compile(r"\b(?:of|in|for|on)\s+(?P<name>[a-z][a-z\-]*(?:,?\s+(?:and\s+)?[a-z][a-z\-]*){0,5})"
                               r"\s+\((?P<abbr>[A-Z][A-Za-z&]{1,6})\)")


def goods_abbreviated(lead: str) -> tuple[tuple[str, str], ...]:
    """The goods the lead names in full before their abbreviation, so "MPE imports" later are of those goods."""
    if "(" not in lead:
        return ()
    # an abbreviation the vocabulary knows ("ICT", "EVs") keeps its canonical name
    return tuple((m.group("abbr"), m.group("name")) for m in GOODS_ABBREVIATED.finditer(lead)
                 if not find_regions(m.group("name")) and not find_items(m.group("abbr")))


def lead_reference(title: str, lead: str, published_on: dt.date) -> Period | None:
    """The first period the lead reports on, when the title names another."""
    titled, led = reported_in(title, published_on), reported_in(lead, published_on)
    return led[0] if titled and led and led[0] not in titled else None


def plan_item(text: str) -> str | None:
    """"Government unveils Renewable Energy 3020 implementation plan", "announced its Offshore Wind Development
    Strategy": the goods a plan is named by, right before its noun (capitalised words or numbers between)."""
    after = load_lexicon().plan_name_after
    return next((span.name for span in find_items(text) if after.match(text, span.end)), None)


# "Korea and Philippines", "Korea-EU", "Korean and Vietnamese firms": the pair a bilateral release is about
HOME_PAIR = re.compile(r"\bKorea(?:n)?\s*(?:-|–|and|&)\s*(?:the\s+)?(?=[A-Z])")


def release_partner(title: str, lead: str) -> str | None:
    """The one partner the title names ("Korea and Philippines sign FTA", "Korea-EU FTA marks 10th anniversary"),
    else the one the lead pairs with Korea ("Korean and Vietnamese companies signed ...")."""
    for text, paired_only in ((title, False), (lead, True)):
        spans = find_regions(strip_home_words(text, lambda m: " " * len(m.group(0))))  # offsets kept
        if paired_only:
            spans = [s for s in spans if HOME_PAIR.search(text[max(0, s.start - 16):s.start + 1])]
        names = {span.name for span in spans}
        if len(names) == 1:
            return names.pop()
        if names:
            return None
    return None


# "duties on plasticizer from China and Taiwan", "dumping of aluminum foil from China": a product, then its origins
# "... a final determination that stainless steel cold-rolled products from China, Indonesia and Taiwan were dumped":
# the lead's finding names them too, when the title gives no origin
PRODUCT_FROM = re.compile(r"\b(?:on|of|into|against|(?:determination|concluded|found|ruled|judged)\s+that)\s+"
                          r"(?:imports?\s+of\s+)?(?:the\s+)?"
                          r"(?P<product>[\w\-]+(?:\s+[\w\-]+){0,4}?)\s+from\s+$")
# "on Chinese graphite electrodes and Vietnamese steel wire": an origin's demonym, then its product
DEMONYM_PRODUCT = re.compile(r"\s+(?P<product>(?:[\w\-]+\s+){0,3}?[\w\-]+)"
                             r"(?=\s+and\s+[A-Z]|\s*[,;:]|\s+(?:from|for|to|in|at)\b|$)")


Origins = tuple[tuple[str, tuple[Span, ...]], ...]


def named_fully(origins: Origins, lead: str, opening: str = "") -> Origins:
    """The title's products, each by the fuller name the lead gives it from the same origins, holding the title's words
    ("Chinese Graphite Anode Materials" in the title, "duties on spherical graphite anode materials from China" in the
    lead; "Japanese stainless steel", "on stainless steel plates from Japan"). The sentences after the lead (opening)
    give a fuller name only by a compound modifier ("concluded that cold-rolled stainless steel plates from China ..."),
    never by a word of judgement ("found that dumped aluminum foil", "cheap stainless steel")."""
    if not origins or (" from " not in lead and " from " not in opening):
        return origins
    in_lead = fuller_names(lead)
    later = fuller_names(opening) if opening else {}
    named = []
    for product, spans in origins:
        key = frozenset(s.name for s in spans)
        longer = in_lead.get(key) if holds_fuller(product, in_lead.get(key)) else None
        if longer is None and holds_fuller(product, later.get(key)):
            extra = [w for w in later[key].split() if w.lower() not in set(product.lower().split())]
            forms = load_lexicon().form_nouns
            longer = later[key] if all("-" in w or w.lower() in forms for w in extra) else None
        named.append((longer or product, spans))
    return tuple(named)


def fuller_names(text: str) -> dict[frozenset, str]:
    """The first product the text names from each set of origins."""
    fuller: dict[frozenset, str] = {}
    if " from " not in text:
        return fuller
    for product, spans in remedy_origins(text):
        fuller.setdefault(frozenset(s.name for s in spans), product)
    return fuller


def holds_fuller(product: str, longer: str | None) -> bool:
    return longer is not None and len(longer) > len(product) \
        and set(product.lower().split()) <= set(longer.lower().split()) and is_one_fuller_name(product, longer)


# A list ("steel bars and steel wire"), a post-modifier ("plywood used in construction", "PET resin for bottles",
# "PET film imported from China")
NOT_ONE_NAME = re.compile(r",|\b(?:and|or|for|used|in|of|with|imported|exported|produced|made|manufactured|"
                          r"originating)\b", re.IGNORECASE)
GENERIC_HEADS = frozenset(("products", "product", "goods", "items", "imports"))


def is_one_fuller_name(product: str, longer: str) -> bool:
    """"spherical graphite anode materials" is a fuller name of "graphite anode materials" and "stainless steel
    plates" of "stainless steel"; "steel bars and steel wire", "plywood used in construction" and "plywood products"
    are not: a list, a post-modifier, or a generic noun added."""
    extra = [w for w in longer.lower().split() if w not in set(product.lower().split())]
    longer = first_of_shapes(longer)
    # nor a clause's verb read with it ("Imports of Chinese PET resin surged")
    return not NOT_ONE_NAME.search(longer) and not any(w in GENERIC_HEADS or is_verb(w) for w in extra)


SHAPE_PAIR = re.compile(r"\s(\w+)\s+(?:and|&)\s+(\w+)$")


def first_of_shapes(name: str) -> str:
    """"stainless steel plates and coils" -> "stainless steel plates": two shapes of one material joined are one
    product's name, no list of two (checked by its first shape)."""
    if " and " not in name and "&" not in name:
        return name
    shapes = SHAPE_PAIR.search(name)
    if shapes and {shapes.group(1).lower(), shapes.group(2).lower()} <= load_lexicon().form_nouns:
        return name[:shapes.start()] + " " + shapes.group(1)
    return name


def remedy_origins(title: str) -> tuple[tuple[str, tuple[Span, ...]], ...]:
    """Each product a trade-remedy title names, with the origins the title gives it: "duties on plasticizer from
    China and Taiwan" (plasticizer: China, Taiwan), "on stainless steel bars from Japan, China and India", "on
    Chinese graphite electrodes and Vietnamese steel wire" (graphite electrodes: China; steel wire: Vietnam),
    "on Japanese and Chinese steel" (steel: Japan, China)."""
    spans = find_regions(strip_home_words(title, lambda m: " " * len(m.group(0))))
    demonyms = load_lexicon().demonyms
    origins, listed_until = [], -1
    for n, span in enumerate(spans):
        if span.start < listed_until:
            continue  # a later member of a list read with its first
        listed = regions_listed_after(title, spans, n)
        listed_until = listed[-1].end
        product = PRODUCT_FROM.search(title, 0, span.start)
        if product is None and all(s.written in demonyms for s in listed):
            product = DEMONYM_PRODUCT.match(title, listed_until)
        if product is not None:
            origins.append((product.group("product"), tuple(listed)))
    return tuple(origins)


def names_product(item: str, product: str) -> bool:
    """"DOTP plasticizer" is the title's "plasticizer", "wire" its "steel wire": one phrase ends the other, plurals
    folded. A generic noun alone ("products", "goods") is no match: "steel products" are not "hot-rolled products"."""
    words = [word.rstrip("s") for word in item.lower().split()]
    named = [word.rstrip("s") for word in product.lower().split()]
    shorter = min(len(words), len(named))
    if shorter == 0 or words[-shorter:] != named[-shorter:]:
        return False
    return shorter > 1 or named[-1] not in load_lexicon().generic_product_nouns


HEADLINE_OF = re.compile(r"\s+of\s+(?:the\s+)?$")


def release_item(title: str, lead: str) -> str | None:
    """"Steel exports rise 5.4% in 2023" / "Steel exports in 2023 rose ...": the title's first indicator is about
    the one item the title names ("<item> exports", "exports of <item>"), and the lead names that item too. A
    title naming a bare indicator first ("Exports rise as chip sales ...") or two items is about no one item."""
    indicators = find_indicators(title)
    items = find_items(title)
    if not indicators or not items or len({span.name for span in items}) != 1:
        return None
    first, item = indicators[0], items[0]
    before = item.end <= first.start and not title[item.end:first.start].strip(" -")
    after = first.end <= item.start and HEADLINE_OF.search(title[first.end:item.start])
    if not (before or after) or any(h.start < min(first.start, item.start) for h in indicators):
        return None
    return item.name if item.name in {span.name for span in find_items(lead)} else None


def release_kind(title: str, lead: str) -> str:
    """The first kind whose words the title's headline names (before a semicolon: "May exports decline 15.2%; autos
    set new monthly record" is a trade release), else the whole title's, else the lead's; else "other"."""
    headline = title.split(";", 1)[0] if ";" in title else ""
    for text in (headline.lower(), title.lower(), lead.lower()):
        for kind, pattern in load_lexicon().frames:
            found = pattern.search(text)
            if found:
                return "trade" if kind == "auto" and trade_word_first(text, found.start()) else kind
    return "other"


def trade_word_first(text: str, auto_at: int) -> bool:
    """"Exports rise 5.1% as autos and chips lead": the country's exports head the text before the auto word
    ("Auto exports rise 5.1%" is an auto release)."""
    trade = dict(load_lexicon().frames)["trade"].search(text)
    return trade is not None and trade.start() < auto_at


def reference_periods(title: str, lead: str, published_on: dt.date) -> tuple[Period, ...]:
    """The periods the release reports on: the title's first (the reference), then the title's others and the
    first one the lead names (comparisons and days are no references)."""
    named = [reported_in(text, published_on) for text in (title, lead)]
    periods = named[0] + named[1][:1]
    if named[1] and named[1][0] in named[0][1:]:
        # "ICT exports turn to growth in December; 2023 ICT exports post $190.1 billion" over a lead on 2023: the
        # release reports first on the period its lead does, the title's other period aside
        periods = [named[1][0]] + periods
    return tuple(dict.fromkeys(periods))


def reported_in(text: str, published_on: dt.date) -> list[Period]:
    return [m.period for m in find_periods(text, published_on)
            if m.period is not None and not m.is_date and not is_comparison(text, m) and not of_earlier_record(text, m)]


# "surpassing the previous high of 94.5 GW set in August 2022": the period of the record a figure broke
EARLIER_RECORD_BEFORE = re.compile(r"\b(?:previous|former|old|prior)\s+(?:all-time\s+)?(?:record|high|peak|best)\b"
                                   r"[^,;()]{0,30}$")


def of_earlier_record(text: str, mention: PeriodMention) -> bool:
    """The mention dates the earlier record the release's figure broke: no period the release reports on."""
    before = text[max(0, mention.start - 45):mention.start]
    return ("previous" in before or "former" in before or "old" in before or "prior" in before) \
        and EARLIER_RECORD_BEFORE.search(before) is not None


def event_month(lead: str, published_on: dt.date) -> Period | None:
    """"MOTIR held the ceremony on Tuesday, November 18", "MOTIE announced on June 26 that ... signed": the month of
    the first day the lead names (a day is no figure's period; the deals signed at the event are that month's)."""
    return next((m.period for m in find_periods(lead, published_on) if m.is_date), None)


# "the ministry said on July 5", "announced on Tuesday, August 20": the day of the release, not of a reading
ANNOUNCED_ON = re.compile(r"\b(?:said|announced|reported|noted|stated|released|unveiled)\s+(?:on\s+)?"
                          r"(?:[A-Z][a-z]+day,?\s+)?$")


def reading_month(text: str, published_on: dt.date) -> Period | None:
    """The month of the first day the text names that is not the day something was announced; "at 5 p.m. today" in a
    release is of the day it came out, "yesterday" of the day before."""
    for mention in find_periods(text, published_on):
        if mention.is_date and not ANNOUNCED_ON.search(text, max(0, mention.start - 30), mention.start):
            return mention.period
    if "day" in text:
        named = RELATIVE_DAY.search(text)
        if named is not None:
            day = published_on - dt.timedelta(days=1) if named.group().lower() == "yesterday" else published_on
            return Period(day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1]))
    return None


RELATIVE_DAY = re.compile(r"\b(?:[Tt]oday|[Yy]esterday)\b")


# "narrowed to $10.0 billion from $47.8 billion in 2022", "up from 2.5 percent in 2021": the earlier level's year.
# The number ends on a digit: "up 6.1 percent from 2021, although December shipments fell" is no level's period. A
# base year's levels are no level either: "cut emissions by 40 percent from 2018 levels by 2030" is 2030's target.
EARLIER_LEVEL_BEFORE = re.compile(
    r"\bfrom\s+(?!(?:19|20)\d\d\s+levels?\b)(?:(?:US|KRW|USD)\s?)?[$₩]?\s?\d(?:[\d,.]*\d)?(?:\s?(?:trillion|billion|million|thousand|bn|mn))?"
    r"(?:\s?(?:%|percent|per cent|won|dollars|[a-zA-Z][a-zA-Z0-9]*)(?:\s+per\s+[a-zA-Z]+)?)?"  # "tCO2eq" too
    r"\s+(?:(?:in|for|during|of|as of)\s+)?"
    r"(?:the\s+)?$")  # "from 118.7 won per kWh in 2021"


def is_comparison(sentence: str, mention: PeriodMention) -> bool:
    """"since June 2022", "than in 2019", "pre-pandemic 2019", "from $47.8 billion in 2022": a period compared
    against, not reported."""
    before = sentence[max(0, mention.start - 45):mention.start]
    return bool(load_lexicon().comparison_before.search(before) or is_earlier_level_period(sentence, mention)
                or is_change_base(sentence, mention) or ranks_within_this_year(sentence, mention, before)
                or levels_of(sentence, mention, before)) \
        and not is_span(sentence, mention)


# "recovered 1.9 percent from the pandemic-hit levels of 2020": the year whose levels are compared with (the mention
# opens on its "of")
LEVELS_BEFORE = re.compile(r"\blevels?\s$")


def levels_of(sentence: str, mention: PeriodMention, before: str) -> bool:
    return sentence.startswith("of ", mention.start) and LEVELS_BEFORE.search(before) is not None


def ranks_within_this_year(sentence: str, mention: PeriodMention, before: str) -> bool:
    """"Chip exports, at $8.9 billion, showed the smallest drop this year", "the highest this year", "turning positive
    for the second time this year": the year so far the month's figure is ranked within, not the figure's period. Not
    in a forecast or target ("exports are expected to post the largest gain this year"): that is the year's own."""
    if not sentence.startswith(("this year", "This year"), mention.start):
        return False
    lexicon = load_lexicon()
    return lexicon.ranked_before.search(before) is not None and not (
        may_name_a_plan(sentence) and lexicon.plan_qualifier.search(sentence[:mention.start].lower()))


# "a rise of 11.2 percent over January 2025", "grew 4.4% over 2022", "3.0 percent over the fourth quarter of 2023": a
# change, then "over" and a period. ("over" may open the mention itself: "over 2022" is read as a year.)
CHANGE_OVER_BEFORE = re.compile(r"(?:\bpercent|\bper cent|%)\s+(?:over\s+(?:the\s+)?)?$")


def is_change_base(sentence: str, mention: PeriodMention) -> bool:
    """The period a percent change is measured over is its base, not the period of the figure. Not a period of
    context: "grew 40 percent over the period" is during the span named before."""
    if mention.period is None:
        return False
    opens_over = sentence.startswith(("over ", "Over "), mention.start)
    if not opens_over and not sentence.endswith(("over ", "over the "), 0, mention.start):
        return False  # every such base follows "over": a look before the search
    match = CHANGE_OVER_BEFORE.search(sentence, max(0, mention.start - 20), mention.start)
    return match is not None and (opens_over or "over" in match.group(0))


def is_earlier_level_period(sentence: str, mention: PeriodMention) -> bool:
    """"from $47.8 billion in 2022": the period of the earlier level it follows (that level's own, if it is kept)."""
    before = sentence[max(0, mention.start - 45):mention.start]
    return "from" in before and EARLIER_LEVEL_BEFORE.search(before) is not None  # the pattern opens on "from"


# "stood at 39.2 million CGT as of the end of March": the day a stock (a backlog, reserves) is counted at.
STOCK_DATE_BEFORE = re.compile(r"\b(?:as (?:of|at) |at )(?:the )?(?:end|close) of\s+(?:the\s+)?$"
                               r"|\bas of\s+$", re.IGNORECASE)  # "stood at 15.8 GW as of December 2019"


def is_stock_date(sentence: str, mention: PeriodMention) -> bool:
    """"as of the end of March", "as of June": the period a stock figure stands at, though "as of" compares
    elsewhere."""
    return bool(STOCK_DATE_BEFORE.search(sentence[max(0, mention.start - 25):mention.start]))


def is_span(sentence: str, mention: PeriodMention) -> bool:
    """"from January to May", "between 2018 and 2030" are spans, not a comparison with January or 2018."""
    text = sentence[mention.start:mention.end]
    return any(sep in text for sep in ("-", "–", "~", " to ", "through", "etween "))
