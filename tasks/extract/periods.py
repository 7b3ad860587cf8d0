"""Find the reference periods a sentence names: months, quarters, halves, years, spans.

A period without a year takes the most recent one that had begun by the release
date (a January release about "December" means December of the year before).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from tasks.extract.fastre import compile_gated, lower_case_pattern
from tasks.extract.lexicon import MOM_WORD, PERCENT_WORD, YOY_WORD, load_lexicon, may_name_a_plan, plan_cue
from tasks.extract.memo import text_cache

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH_NAMES = (r"January|February|March|April|May|June|July|August|September|October|November|December|"
               r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")  # "Jan.", "Sept.": abbreviated, with its dot
MONTH = rf"(?:{MONTH_NAMES})(?:\.|\b)"  # a whole word: not "Marking", "Declines"
YEAR = r"((?:19|20)\d{2})"
# Number words, looked up after a pattern has named them ("the first six months" is read as a half, not here)
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
               "eleven": 11}
ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
           "final": 4}  # "in the final quarter": the fourth

def either_case(words: str) -> str:
    """"first|second" -> "[Ff]irst|[Ss]econd": a case-sensitive pattern is twice as fast as IGNORECASE."""
    return "|".join(f"[{w[0].upper()}{w[0].lower()}]{w[1:]}" if w[0].isalpha() else w for w in words.split("|"))

# "the first quarter (January-March) of 2022", "the first half (Jan.-Jun.) of 2021": months restated in parentheses
# between a quarter or half and its year; the year is still the quarter's (taken only when a year follows)
RESTATED = r"(?:\s\([A-Za-z0-9.\s~\-–—]{1,24}\))?"


PERIOD = compile_gated(
    # Every form starts at a word boundary; testing it first lets the engine skip mid-word positions fast.
    # "Year-to-date ICT exports through September", "cumulative exports through May 2024": from January to the month
    r"\b(?:(?P<to_date>(?:[Yy]ear-to-date|[Cc]umulative|[Aa]ccumulated)\s(?:[A-Za-z][\w-]*\s){0,3}?through\s"
    r"(?P<td_m>" + MONTH + r")(?:,?\s" + YEAR + r")?)"
    # "for three years from January 2017 through December 2019", "from July 2020 to June 2021": a span of months each
    # dated, across years (a duty's term, an investigation period)
    r"|(?P<dated_span>(?P<ds_m1>" + MONTH + r"),?\s" + YEAR + r"\s?(?:-|–|—|~|to|through|until)\s?"
    r"(?P<ds_m2>" + MONTH + r"),?\s" + YEAR + r"\b)"
    # "between January and October", "the January–September period of 2019": a span of months, in words too
    r"|(?P<month_span>(?:[Bb]etween\s(?P<m1_between>" + MONTH + r")\sand\s|(?P<m1>" + MONTH + r")\s?"
    r"(?:-|–|—|~|to|through)\s?)(?P<m2>" + MONTH + r")"
    r"(?:(?:\speriod)?(?:,?\s|\s(?:of|in)\s)" + YEAR + r")?)"
    r"|(?P<year_span>" + YEAR + r"\s?(?:-|–|—|~|to|through)\s?" + YEAR + r"\b)"
    # "in the second half of the month" is no half of the year
    r"|(?P<half>(?:(?P<h_ord>" + either_case("first|second|1st|2nd") + r")[ -][Hh]alf"
    r"(?!\sof\s(?:the|this|that)\smonth\b)(?:\s\(H[12]\))?"
    r"|(?P<h_six>" + either_case("first|last|second") + r") six months)"
    r"(?:" + RESTATED + r"\s(?:of\s)?(?:the year\s)?" + YEAR + r")?"
    r"|(?:H(?P<h_num>[12])|(?P<h_num2>[12])H)\b(?:\s(?:of\s)?" + YEAR + r")?)"
    r"|(?P<first_months>[Ff]irst (?P<fm_n>two|three|four|five|seven|eight|nine|ten|eleven|\d{1,2}) months"
    r"(?:\s(?:of\s)?" + YEAR + r")?)"
    r"|(?P<first_quarters>[Ff]irst (?P<fq_n>two|three|2|3) quarters(?:\s(?:of\s)?" + YEAR + r")?)"
    # "First-quarter exports", "second-half shipments": the hyphenated adjective names the period as well
    # "Q1-Q3 FDI pledges", "1Q~3Q", "the first to third quarters of 2023": a span of quarters, not its first quarter
    # (read as a quarter's continuation: no extra start is tried at every word)
    # "FDI through Q3", "Pledges Through Third Quarter": from January to the quarter's end (q_through)
    r"|(?P<quarter>(?P<q_through>[Tt]hrough\s(?:the\s)?)?"
    r"(?:(?P<q_ord>" + either_case("first|second|third|fourth|final|1st|2nd|3rd|4th") + r")"
    r"(?:\s(?:to|through)\s(?:the\s)?(?P<q_ord_last>second|third|fourth))?[ -][Qq]uarter(?(q_ord_last)s?)"
    r"(?:" + RESTATED + r"\s(?:of\s)?" + YEAR + r")?"
    r"|(?:Q(?P<q_num>[1-4])|(?P<q_num2>[1-4])Q)\b"
    r"(?:\s?(?:-|–|—|~|to|through)\s?(?:Q(?P<q_last>[1-4])|(?P<q_last2>[1-4])Q)\b)?(?:\s(?:of\s)?" + YEAR + r")?))"
    r"|(?P<month>(?P<mname>" + MONTH + r")(?P<day>\s\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s" + YEAR + r")?)"
    # "between 2018 and 2030": read as a year, then as the span to the second (see read_period)
    r"|(?P<year>(?:" + either_case("in|for|of|during|throughout|through|until|over|between") + r")\s"
    r"(?:the\s(?:whole\s|entire\s)?year\s)?" + YEAR + r"\b(?!\s?(?:-|–)\s?\d)"
    # "for 2023 to 24" is no year, "the target for 2030 to 40 percent" and "rose 31.4 percent in 2023 to 81,000
    # tons" are
    rf"(?!\s?to\s?\d+(?:[.,]\d+)*(?![.,]?\d)(?!\s?(?:{PERCENT_WORD}|(?:thousand|million|billion|trillion)\b"
    r"|tons?\b|tonnes?\b|units?\b|vehicles\b|barrels?\b|won\b|dollars\b|[MGT]Wh?\b|CGT\b|TEU\b)))"
    # "72.7 GW by 2030", "by the end of 2035": the year a target is for (not "by 2030 units")
    r"|" + either_case("by") + r"\s(?:the\s(?:end|close)\sof\s)?" + YEAR + r"\b(?![.,]\d)"
    rf"(?!\s?(?:{PERCENT_WORD}|units?\b|tons?\b|won\b|dollars\b))"
    r"|" + YEAR + r"(?=['’]s\b))"
    r"|(?P<bare_year>" + YEAR + r")(?=\s[A-Za-z])"
    r"|(?P<this_year>[Tt]his year\b)"
    r"|(?P<next_year>[Nn]ext year\b)"
    r"|(?P<last_year>[Ll]ast year\b|[Tt]he previous year\b)"
    # "Export volume last month reached 248,000 units": the month before the release's ("from last month" is a basis,
    # masked before)
    r"|(?P<last_month>[Ll]ast month\b)"
    # "In the same quarter, daily average exports came to ...", "exports to the Middle East in the quarter": the period
    # in context, as "the same period" is; "the same period of 2018" is that period in 2018 (see in_year), "the same
    # period last year" that period a year before (see year_before: "a record $15.7 billion posted in the same period
    # last year"; after "from" or "compared with" the phrase is a basis, masked before)
    r"|(?P<same_period>(?:[Tt]he )?same (?:period|quarter|half|year|month)\b(?:\s(?:of|in)\s" + YEAR + r"\b"
    r"|(?P<same_last>\s(?:of\s)?(?:last|the\sprevious)\syear\b))?"
    r"|(?:[Ii]n|[Dd]uring|[Ff]or|[Oo]ver) the (?:quarter|half)\b(?!\s+of\b|-))"
    # "the order backlog at year-end stood at 24.9 million CGT": December of the year in context (see year_end; not "by
    # year-end", a target's deadline in that year)
    r"|(?P<year_end>(?:[Aa]t|[Aa]s\sof)\s(?:the\s)?(?:year[- ]end|end\sof\sthe\syear)\b)"
    # "Investment of KRW 110 trillion will be needed over the period": the span named last (see refers_back)
    r"|(?P<the_period>(?:over|during|for|throughout|in)\sthe\s(?:whole\s|entire\s)?period\b(?!\s(?:of|from)\b)))"
)
# Phrases that name the basis of a change; "last year" inside them is not a period.
YOY_PHRASES = (
    rf"\b(?:{YOY_WORD})\b|\bfrom a year (?:earlier|ago|before)|\bthe\syear-(?:earlier|ago)\s(?:level|figure)s?\b|"
    r"\bthe\s(?:previous|prior|preceding)\syear['’]s\s(?:level|figure|amount|total)s?\b|"
    r"\b(?:from|over|on|than|against|versus|vs\.?|compared (?:to|with)|below|above)\s(?:the\s)?same\s"
    r"(?:period|month|quarter)"
    r"(?:\s(?:of|in))?\s(?:the\s)?(?:last|previous|prior)\syear|"
    r"\b(?:from|over|than|compared (?:to|with))\s(?:the\s)?(?:last|previous|prior)\syear|"
    r"\b(?:a|one) year (?:earlier|ago|before)")
MOM_PHRASES = (
    rf"\b(?:{MOM_WORD})\b|"
    r"\b(?:from|over|than|compared (?:to|with)|above|below)\s(?:a|the)\s(?:month earlier|previous month|prior month|"
    r"preceding month|last month)|\b(?:from|over|than|compared (?:to|with))\slast month\b|"
    # "widened to $5.0 billion, up from $4.3 billion last month": the level compared with, not the month's own
    r"\bfrom\s(?:\$|USD\s|KRW\s)?\d[\d.,]*(?:\s(?:billion|million|trillion))?(?:\s(?:dollars|won|units|tons))?"
    r"\slast month\b|"
    r"\ba month (?:earlier|ago|before)")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    period: Period | None  # None for "the same period": the period in context
    is_date: bool = False  # a day ("Aug. 25"): an event's date, not a figure's period
    refers_back: bool = False  # "over the period": the span the release named last (period None here)
    in_year: int | None = None  # "the same period of 2018": the period in context, in that year (period None here)
    year_before: bool = False  # "the same period last year": the period in context, a year before (period None here)
    year_end: bool = False  # "at year-end": December of the year in context (period None here)
    through_from: int | None = None  # "through 2030" ahead of the release: the year an amount runs from
    term: bool = False  # "from January 2017 through December 2019": months each dated, a rate's term too


def month_period(year: int, first_month: int, last_month: int) -> Period:
    return Period(dt.date(year, first_month, 1),
                  dt.date(year, last_month, calendar.monthrange(year, last_month)[1]))


def resolve_year(explicit: str | None, first_month: int, released: dt.date, text: str = "", at: int = 0) -> int:
    """The explicit year, else the latest year in which the period had begun by the release date: "December" in
    a January release is last year's. Unless the sentence looks ahead to it (see looks_ahead_to): then the next
    time it begins ("peak demand will reach 95.7 GW in the second week of August" in a July release is this
    August, "is projected to peak in January" in a November release next January)."""
    if explicit:
        return int(explicit)
    if first_month != released.month and looks_ahead_to(first_month, released, text, at):
        return released.year if first_month > released.month else released.year + 1
    return released.year if first_month <= released.month else released.year - 1


def resolve_ended_year(explicit: str | None, first_month: int, last_month: int, released: dt.date, text: str,
                       at: int) -> int:
    """A half or quarter named without its year (see resolve_year), over by the time a figure on it is reported:
    "after a 9.8 percent drop in the first half" in a January release is last year's half, still running in this
    one's; but "exports are expected to grow in the first quarter" in a February release looks ahead to this one."""
    year = resolve_year(explicit, first_month, released, text, at)
    if explicit or year != released.year or last_month <= released.month or looks_ahead(text):
        return year
    return year - 1


def looks_ahead(text: str) -> bool:
    """A verb looking to the future stands anywhere in the sentence ("For the second half, the ministry expects",
    "growth in the second half is projected at")."""
    if not text or not may_name_a_plan(text):
        return False
    lowered = text.lower()
    return load_lexicon().ahead_cue.search(lowered) is not None or plan_cue(text) is not None


# A forecast or plan looks a few months ahead; a month most of a year after the release month ("December" in a
# February release, "the first quarter" in a June one) is a past one, whatever the sentence says of the future.
MONTHS_AHEAD = 6


def looks_ahead_to(first_month: int, released: dt.date, text: str, at: int) -> bool:
    """A verb looking to the future ("will", "is forecast to", "expects") stands in the clause of text[at:], which
    names a period starting within MONTHS_AHEAD months after the release month. Not a forecast made before:
    "expects exports to fall ..., revised down from a projection of a 2.0 percent increase in December"."""
    if not text or (first_month - released.month) % 12 > MONTHS_AHEAD or not may_name_a_plan(text):
        return False  # every looking_ahead cue holds the letters of a target or forecast cue: a cheap look first
    cues = list(load_lexicon().ahead_cue.finditer(text[:at].lower()))
    if cues and not CLAUSE_END.search(text, cues[-1].end(), at):
        return True
    # "Supply capacity during the August peak is expected to stand at 104.2 GW": the verb after the period, in its
    # clause
    clause_end = CLAUSE_END.search(text, at)
    return load_lexicon().ahead_cue.search(text[at:clause_end.start() if clause_end else len(text)].lower()) is not None


CLAUSE_END = re.compile(r"[,;]\s")


BASIS_TEXT = rf"\b(?:(?P<yoy>{YOY_PHRASES})|(?P<mom>{MOM_PHRASES}))"
# Matched against the lower-cased text (twice as fast as IGNORECASE); the original only where
# lower-casing changes the text's length and so its offsets.
BASIS_LOWER = lower_case_pattern(BASIS_TEXT)
BASIS = compile_gated(BASIS_TEXT, re.IGNORECASE)


def may_name_a_basis(lowered: str) -> bool:
    return "year" in lowered or "month" in lowered or "-o-" in lowered or "yoy" in lowered or "/" in lowered


def basis_phrases(text: str, lowered: str):
    """The basis phrases of text: "year-on-year", "from a month earlier", ..."""
    if len(lowered) == len(text):
        return BASIS_LOWER.finditer(lowered)
    return BASIS.finditer(text)


POSSESSIVE = ("'s", "’s")


def mask_basis_phrases(sentence: str) -> str:
    """Blank out basis phrases (keeping offsets) so their years are not read as periods."""
    lowered = sentence.lower()
    if not may_name_a_basis(lowered):
        return sentence  # every basis phrase names a year or a month (y-o-y, yoy, y/y, m-o-m too)
    masked, done = [], 0
    for match in basis_phrases(sentence, lowered):
        if sentence.startswith(POSSESSIVE, match.end()):
            continue  # "up 1.8 percent from the previous year's $70.8 billion": the year the level is of
        masked += [sentence[done:match.start()], " " * (match.end() - match.start())]
        done = match.end()
    return "".join(masked) + sentence[done:]


# Every period form holds one of these (months are written with a capital): a cheap look first.
PERIOD_HINTS = tuple(name for name in calendar.month_abbr if name) + (
    "half", "Half", "quarter", "Quarter", "six months", "this year", "This year", "last year", "Last year",
    "previous year", "last month", "Last month", "same period", "same year", "same month", "same half", "the period",
    "months", "next year", "Next year", "quarters", "year-end",
    "year end", "end of the year",
    "H1", "H2", "1H", "2H", "Q1", "Q2", "Q3", "Q4", "1Q", "2Q", "3Q", "4Q")
FOUR_DIGITS = compile_gated(r"(?:19|20)\d\d")
YEAR_TEXT = compile_gated(r"(?:19|20)\d{2}")


PERIOD_HINT = compile_gated("|".join(re.escape(hint) for hint in PERIOD_HINTS) + r"|(?:19|20)\d\d")


def may_name_a_period(sentence: str) -> bool:
    return PERIOD_HINT.search(sentence) is not None


@text_cache(maxsize=256)
def find_periods(sentence: str, released: dt.date) -> tuple[PeriodMention, ...]:
    """The periods a sentence names, in order (asked of the lead twice: for the frame, then as a sentence)."""
    if not may_name_a_period(sentence):
        return ()
    mentions: list[PeriodMention] = []
    for match in PERIOD.finditer(mask_basis_phrases(sentence)):
        mention = read_period(match, released)
        if mention is None:
            continue
        if mentions and (match.group("this_year") or match.group("last_year")):
            merged = with_relative_year(sentence, mentions[-1], mention)
            if merged is not None:
                mentions[-1] = merged
                continue
            mention = year_before_named(match, mentions, mention)
        elif mentions and mention.period is not None and ", when " in sentence[mentions[-1].end:mention.start]:
            mention = of_year_when(sentence, mentions[-1], mention, match)
        mentions.append(mention)
    return tuple(mentions)


# "a base effect from last year's slump, when first-half pledges stood at $8.5 billion", "in 2020, when March exports
# fell": the part of a year the "when" clause names is of the year named just before it
WHEN_OF_YEAR = compile_gated(r"(?:['’]s(?:\s[\w-]+){1,4})?,\swhen\s(?:the\s)?")


def of_year_when(sentence: str, year: PeriodMention, part: PeriodMention, match: re.Match) -> PeriodMention:
    whole_year = year.period is not None and year.period.start.year == year.period.end.year \
        and (year.period.start.month, year.period.end.month) == (1, 12)
    if not whole_year or part.period.start.year != part.period.end.year or YEAR_WRITTEN.search(match.group(0)) \
            or not WHEN_OF_YEAR.fullmatch(sentence, year.end, part.start):
        return part
    return replace(part, period=years_on(part.period, year.period.start.year - part.period.start.year))


YEAR_WRITTEN = compile_gated(r"(?:19|20)\d\d|['’]\d\d")


def year_before_named(match: re.Match, mentions: list[PeriodMention], mention: PeriodMention) -> PeriodMention:
    """"Automobile exports in 2025 amounted to ..., up 1.8 percent from the previous year's $70.8 billion": the
    previous year is the one before the year the sentence named, not before the release's ("last year" is)."""
    if match.group(0)[-13:].lower() != "previous year":
        return mention
    years = [m.period for m in mentions if m.period is not None and m.period.start.year == m.period.end.year
             and (m.period.start.month, m.period.end.month) == (1, 12)]
    return replace(mention, period=month_period(years[-1].start.year - 1, 1, 12)) if years else mention


OF_BETWEEN = re.compile(r"\s(?:period\s)?(?:of\s)?")


def with_relative_year(sentence: str, earlier: PeriodMention, year: PeriodMention) -> PeriodMention | None:
    """"the first quarter of this year": the year belongs to the period before it."""
    # "the first quarter of this year", "the January–November period this year"
    if earlier.period is None or not OF_BETWEEN.fullmatch(sentence[earlier.end:year.start]):
        return None
    shift = year.period.start.year - earlier.period.start.year
    if earlier.period.start.year != earlier.period.end.year or earlier.period.end.month == 12 and \
            earlier.period.start.month == 1:
        return None
    return PeriodMention(earlier.start, year.end, years_on(earlier.period, shift), earlier.is_date)


def years_on(period: Period, shift: int) -> Period:
    """The same months, or day, shift years on. A month ends on its own last day there: February 2024 ends on
    the 29th, February 2025 on the 28th (replacing the year alone fails on the one, is a day short on the other)."""
    start, end = period.start, period.end
    year = start.year + shift
    if start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]:
        return month_period(year, start.month, end.month)
    return Period(dt.date(year, start.month, min(start.day, calendar.monthrange(year, start.month)[1])),
                  dt.date(year, end.month, min(end.day, calendar.monthrange(year, end.month)[1])))


def read_period(m: re.Match, released: dt.date) -> PeriodMention | None:
    start, end = m.span()
    years = [g for g in m.groups() if g and YEAR_TEXT.fullmatch(g)]
    year = years[-1] if years else None
    if m.group("to_date"):
        last = month_number(m.group("td_m"))
        return PeriodMention(start, end, month_period(resolve_year(year, last, released), 1, last))
    if m.group("dated_span"):
        first = dt.date(int(years[0]), month_number(m.group("ds_m1")), 1)
        last_year, last = int(years[1]), month_number(m.group("ds_m2"))
        if (last_year, last) <= (first.year, first.month):
            return None
        return PeriodMention(start, end, Period(first, month_period(last_year, last, last).end), term=True)
    if m.group("month_span"):
        first, last = month_number(m.group("m1") or m.group("m1_between")), month_number(m.group("m2"))
        if last < first:
            return None
        # A span is over by the time it is reported: "January-December" in a January release is last year's.
        return PeriodMention(start, end, month_period(resolve_year(year, last, released), first, last))
    if m.group("year_span"):
        first_year, last_year = int(years[0]), int(years[1])
        if last_year < first_year:
            return None
        return PeriodMention(start, end, Period(dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)))
    if m.group("half"):
        half = (ORDINAL.get((m.group("h_ord") or m.group("h_six") or "").lower())
                or (2 if m.group("h_six") else 0) or int(m.group("h_num") or m.group("h_num2")))
        first = 1 if half == 1 else 7
        year = resolve_ended_year(year, first, first + 5, released, m.string, start)
        return PeriodMention(start, end, month_period(year, first, first + 5))
    if m.group("first_months") or m.group("first_quarters"):
        # "the first five months", "the first three quarters": a cumulative span from January, over when reported
        count = m.group("fm_n") or m.group("fq_n")
        last = int(count) if count.isdigit() else COUNT_WORDS[count]
        last = last * 3 if m.group("first_quarters") else last
        if not 1 <= last <= 12:
            return None
        return PeriodMention(start, end, month_period(resolve_year(year, last, released), 1, last))
    if m.group("quarter"):
        quarter = ORDINAL.get((m.group("q_ord") or "").lower()) or int(m.group("q_num") or m.group("q_num2"))
        first = 3 * quarter - 2
        last_named = m.group("q_ord_last") or m.group("q_last") or m.group("q_last2")
        if last_named:
            last = 3 * (ORDINAL.get(last_named) or int(last_named))
            if last <= first + 2:
                return None  # "Q3-Q1": no span read
            # A span is over by the time it is reported, as a span of months is.
            return PeriodMention(start, end, month_period(resolve_year(year, last, released), first, last))
        if m.group("q_through"):  # "through Q3": the quarters from January, over when reported, as a span is
            return PeriodMention(start, end, month_period(resolve_year(year, first + 2, released), 1, first + 2))
        year = resolve_ended_year(year, first, first + 2, released, m.string, start)
        return PeriodMention(start, end, month_period(year, first, first + 2))
    if m.group("month"):
        return read_month(m, start, end, year, released)
    if m.group("year"):
        until = BETWEEN_END.match(m.string, end) if m.group("year")[0] in "Bb" else None
        if until is not None and int(until.group(1)) > int(year):
            span = Period(dt.date(int(year), 1, 1), dt.date(int(until.group(1)), 12, 31))
            return PeriodMention(start, until.end(), span)
        ahead = int(year) > released.year and m.group("year")[:7] in ("through", "Through")
        return PeriodMention(start, end, month_period(int(year), 1, 12), through_from=released.year if ahead else None)
    if m.group("bare_year"):
        # "Korea's 2023 annual exports", "2023 exports fell": a year that modifies a noun of the lexicon
        if not noun_follows(m.string, end, YEAR_MODIFIERS):
            return None
        return PeriodMention(start, end, month_period(int(year), 1, 12))
    if m.group("this_year"):
        return PeriodMention(start, end, month_period(released.year, 1, 12))
    if m.group("next_year"):
        return PeriodMention(start, end, month_period(released.year + 1, 1, 12))
    if m.group("last_year"):
        return PeriodMention(start, end, month_period(released.year - 1, 1, 12))
    if m.group("last_month"):
        before = released.replace(day=1) - dt.timedelta(days=1)
        return PeriodMention(start, end, month_period(before.year, before.month, before.month))
    if m.group("year_end"):
        return PeriodMention(start, end, None, year_end=True)
    return PeriodMention(start, end, None, refers_back=bool(m.group("the_period")),
                         in_year=int(year) if year and m.group("same_period") else None,
                         year_before=bool(m.group("same_last")))


BETWEEN_END = re.compile(r"\sand\s((?:19|20)\d{2})\b")


# Words before "May" after which it can only be the month: a preposition, an article or a
# determiner, a possessive ("Korea's May exports", "retailers' May sales").
MAY_MONTH_BEFORE = re.compile(
    r"(?:\b(?:in|for|of|during|since|through|until|by|from|to|early|late|mid|on|the|this|last|next|its|their)"
    r"|\w['’]s?)\s$", re.IGNORECASE)
# After "May": a possessive, or a word that may modify a noun ("ICT", "semiconductor") before it.
MAY_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
MODIFIER_AFTER = re.compile(r"\s+([\w&/-]+)")


def read_month(m: re.Match, start: int, end: int, year: str | None, released: dt.date) -> PeriodMention | None:
    name = m.group("mname")
    if name.rstrip(".").lower() == "may" and not year and not may_is_the_month(m.string, start, end):
        return None  # the verb "may", not the month
    if not name[0].isupper():
        return None
    number = month_number(name)
    period = month_period(resolve_year(year, number, released, m.string, start), number, number)
    return PeriodMention(start, end, period, is_date=bool(m.group("day")))


def may_is_the_month(text: str, start: int, end: int) -> bool:
    """"in May", "Korea's May exports", "the May figure", "May's", "May exports rose": the month.

    "Exports may fall", a title's "Exports May Fall": the verb. Without a word before it that
    only a noun can follow, "May" is the month when a noun of the lexicon follows it: an
    indicator ("exports", "shipments", "trade balance", "production", "FDI"), perhaps after one
    item word or acronym ("May ICT exports", "May semiconductor exports"), in a form that is not
    a verb's (the verb "export" of "may export" has its "exported" in the lexicon too)."""
    if MAY_MONTH_BEFORE.search(text[max(0, start - 8):start]) or MAY_POSSESSIVE_AFTER.match(text, end):
        return True
    return noun_follows(text, end)


# Words between a year and its noun that say the noun is the year's: "2023 annual exports".
YEAR_MODIFIERS = frozenset({"annual", "yearly", "full-year", "whole-year", "total", "overall"})


def noun_follows(text: str, end: int, modifiers: frozenset[str] = frozenset()) -> bool:
    """A noun of the lexicon's indicators stands after text[:end], perhaps after one modifier: an
    item word or acronym ("ICT exports", "semiconductor exports") or one of modifiers."""
    lexicon = load_lexicon()
    lowered = text[end:end + 60].lower()
    if lexicon_noun_at(lexicon, lowered, 0):
        return True
    modifier = MODIFIER_AFTER.match(lowered)
    return bool(modifier and (modifier.group(1) in lexicon.item_words or modifier.group(1) in modifiers)
                and lexicon_noun_at(lexicon, lowered, modifier.end()))


def lexicon_noun_at(lexicon, lowered: str, at: int) -> bool:
    """An indicator's noun right after a space at `at` of the lower-cased text: "exports", not "export"."""
    if not lowered[at:at + 1].isspace():
        return False
    found = lexicon.indicator_pattern.match(lowered, at + 1)
    if found is None:
        return False
    noun = found.group(0)
    if " " in noun:  # "trade balance", "outbound shipments", "retail sales"
        return True
    pattern = lexicon.indicator_pattern
    return not (noun.endswith("ed") or noun in lexicon.verbs
                or pattern.fullmatch(noun + "ed") or pattern.fullmatch(noun + "d"))


def month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


@text_cache(maxsize=64)
def basis_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """Every basis phrase of the text: (start, end, "yoy" or "mom")."""
    lowered = text.lower()
    if not may_name_a_basis(lowered):
        return ()
    return tuple((m.start(), m.end(), "yoy" if m.group("yoy") else "mom") for m in basis_phrases(text, lowered))


@text_cache(maxsize=64)
def find_basis(text: str) -> str | None:
    """yoy or mom, the first basis the text names (of the spans read once a sentence)."""
    spans = basis_spans(text)
    return spans[0][2] if spans else None
