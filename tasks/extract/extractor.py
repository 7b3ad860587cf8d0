"""Extract metrics from a release: one row per subject and period stated.

Segment, then tag, then fill slots: the release's frame (kind, reference period) is
read from its title and lead; each sentence is split into clauses; each figure's
indicator, item, region, period and qualifier are filled by the rule tables of
slots.py. Context is a value: each sentence returns the context the next one reads.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from tasks.extract.fastre import compile_gated, last_match
from tasks.extract.figures import A_YEAR_BACK, BREAK_WORDS, CURRENCY_UNITS, Figure, earlier_level_of, find_figures
from tasks.extract.frames import Frame, build_frame, is_comparison, is_earlier_level_period, reading_month
from tasks.extract.lexicon import APPROXIMATE_WORD, BASIS_WORD, load_lexicon, names_item_list, plan_cue, section_opened
from tasks.extract.periods import MONTH, Period, PeriodMention, basis_spans, find_basis, find_periods, month_period
from tasks.extract.segment import (
    Clause,
    clause_at,
    parenthesis_depths,
    split_clauses,
    split_sentences,
    subject_aside_spans,
)
from tasks.extract.slots import (
    RATE_FOR,
    TRAILING_INDICATOR,
    Observation,
    Subject,
    attached_period,
    build_scene,
    governing_mentions,
    period_in_words,
    rate_item,
    reference_mention,
    resolve_period,
    resolve_qualifier,
    resolve_subject,
    says_whole_year,
    title_goods,
)
from tasks.extract.subjects import (
    clause_head,
    find_indicators,
    find_items,
    find_regions,
    first_verb,
    join_regions,
    mask_parentheses,
    most_specific,
    noun_phrase,
    regions_listed_after,
)

EXTRACTOR_VERSION = "2.24.0"

# "soared 38.6 percent to an all-time monthly high of $17.3 billion", "climbed 47.1 percent to a February record of
# $5.0 billion": the record the level set may stand between.
CHANGE_TO_LEVEL = compile_gated(
    r"^[^;)]{0,50}?\b(?:to|at|reach(?:ed|ing)?|total(?:ed|ing|led|ling)?|hitting|hit|amounting to|"
    r"worth|which reached|recording|posting)\b"
    r"(?:\s+an?\s+(?:new\s+)?(?:all-time\s+|record\s+)?(?:(?:monthly|quarterly|annual|yearly|" + MONTH + r")\s+)?"
    r"(?:record|high|peak)(?:\s+high)?\s+of\b)?"
    rf"(?:\s+{APPROXIMATE_WORD}\b)?[^;)]{{0,12}}$", re.IGNORECASE)
# "China took $9.6 billion, an increase of 35.1 percent, followed by Vietnam at $2.6 billion": the next entry of a
# ranking opens; the change before it is the entry's before, not the level after.
# the indicator rules of a measure the lexicon has no indicator for ("KRW 3 trillion in policy finance")
MEASURE_RULES = frozenset(("own_measure", "own_measure_nearer"))
NEXT_IN_RANKING = compile_gated(r"\bfollowed\s+by\b")
# "reached $63.2 billion, up 24.2 percent, with December alone posting $21.9 billion": a "with" clause on a period
# of its own has its own subject; the change before it is not its level's ("rose 5.1 percent, with shipments totaling
# $57.6 billion" restates the same subject)
WITH_CLAUSE_OPENS = compile_gated(r",\s+with\s+(?:the\s+)?(?:" + MONTH + r"|H[12]|Q[1-4]|(?:first|second|third|fourth)"
                                  r"\s+quarter|(?:first|second)\s+half)\b"
                                  # "..., a gain of 12.7 percent, with hybrid vehicle exports reaching $1.3 billion": a
                                  # subject named by its own words before its indicator
                                  r"|,\s+with\s+(?!the\b|total\b|overall\b)(?:[\w-]+\s+){1,3}"
                                  r"(?:exports|imports|shipments|sales)\s+"
                                  # "with daily average exports for the quarter at $2.44 billion": a period may follow
                                  r"(?:(?:for|in)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+)?(?:reaching|totaling|totalling|hitting|at|"
                                  r"posting|recording)\b"
                                  # "surging 41.9 percent, with electric vehicles more than doubling to 40,000 units":
                                  # a subject with its own change verb, reaching its own level
                                  r"|,\s+with\s+(?!the\b|total\b|overall\b|it\b|them\b)(?:[\w-]+\s+){1,3}"
                                  r"(?:more\s+than\s+|nearly\s+|almost\s+)?(?:doubling|tripling|rising|growing|jumping|"
                                  r"surging|climbing|increasing|expanding|soaring|falling|declining|dropping|sliding|"
                                  r"shrinking)\s+to\b")
PAIR_BREAK = compile_gated(BREAK_WORDS, re.IGNORECASE)
# "down 14.2 percent, while imports came to $52.2 billion": a change does not reach over a clause break to
# the next clause's level (nor over ", when": "fell 11.0 percent from 2022, when they reached $21.4 billion" is
# 2022's level); "leaped 35.7 percent in exports and reached $11.7 billion" is one clause (its verb).
CLAUSE_BREAK = compile_gated(
    r"\b(?:while|whereas)\b|,\s*when\b|,\s*(?:and|but)\s+(?!(?:then|still|also|further)\s+)"
    r"(?!(?:reach|total|hit|amount|post|record|stood|stand|came|come|climb|rose|grew|jump|surge|soar|r[ie]s)\w*\b)",
    re.IGNORECASE)
# "..., the highest level this year, although still 17.7 percent lower", "..., though up 2.1 percent": a concessive
# clause that states only the change is the level's as well; one with a subject of its own is not (CONCESSIVE).
CONCESSION = r"(?:(?:al)?though|albeit)\s+(?:still\s+)?"
# "$17.0 billion in FDI pledges in the first half, an increase of 6.5 percent": the change as a noun in apposition
CHANGE_NOUN_OF = (r"(?:(?:marking|representing|reflecting)\s+)?an?\s+(?:(?:year-on-year|on-year|sharp|slight)\s+)?"
                  r"(?:increase|rise|gain|jump|surge|decrease|decline|drop|fall)\s+of\s+")
TRAILING_CHANGE = compile_gated(rf",\s*(?:(?:{CONCESSION})?(?:up|down|rising|falling|increasing|decreasing|growing|"
                                r"declining|dropping|jumping|climbing|surging|gaining|sliding)\s+(?:by\s+)?"
                                # "down a slight 0.1 percent", "up a modest 2.1 percent"
                                r"(?:an?\s+(?:slight|modest|mere|marginal|small|sharp|steep|solid|robust)\s+)?"
                                rf"(?:only\s+|just\s+)?(?:about\s+|around\s+)?|{CONCESSION}|{CHANGE_NOUN_OF}|"
                                # "came to $1.89 billion, and it marked the growth of 1.5 percent": the level's own
                                r"(?P<same_subject>\s*and\s+(?:it|they|the\s+figure)\s+(?:marked|posted|recorded|showed)\s+"
                                r"(?:the\s+|a\s+)?(?:growth|increase|rise|gain|decline|decrease|fall|drop)\s+of\s+))$")
CONCESSIVE = compile_gated(r"\b(?:although|though|albeit)\b")
SAME_SUBJECT_CONCESSION = compile_gated(r"\b(?:although|though)\s+(?:(?:they|it|the\s+figure|the\s+amount)\s+"
                                        r"(?:still\s+)?(?:remained|was|were|stood)\b|"
                                        # "at $129.2 billion, though growth slowed to 1.0 percent": the level's own
                                        # change, its pace named
                                        r"(?:its\s+|their\s+|the\s+)?(?:growth|gain|increase|rise|decline|drop|fall)\s+"
                                        r"(?:slowed|eased|moderated|decelerated|narrowed|accelerated|quickened|"
                                        r"picked\s+up|was\s+limited)\s+to\s+$)")
DASH = compile_gated(r"\s[—–]\s|—")
# "12.63 million CGT (compensated gross tonnage) in 2018, up 66.6 percent": a gloss in parentheses, with no figure
GLOSS = compile_gated(r"\([^()\d]*\)")
ADJECTIVE = compile_gated(r"(?:al|ic|ive|ous|ful|ary|ed|ern|ese|ian|ign|line)$", re.IGNORECASE)
SECTOR = compile_gated(r"(?<![’'\w])((?:[a-z][\w\-]*\s){0,2}?[a-z][\w\-]*)\s+(?:sector|industry)\b")
THAN_BEFORE = compile_gated(r"(?:\bthan|\bcompared (?:to|with)|(?:percent|%)\s+(?:above|below))\s+"
                            r"(?:those|that|the figure|the level)?"
                             r"\s*(?:in|of|for)?\s*$",
                            re.IGNORECASE)
RELATIVE_YEAR = compile_gated(r"\b(?:last|previous|this) year\b", re.IGNORECASE)
# "registered a deficit of $9.5 billion", "The trade deficit with Japan was $1.5 billion": which one the balance is.
# "leaving a shortfall of $4.7 billion": a shortfall after exports and imports is a deficit
BALANCE_WORD = compile_gated(r"\b(?P<word>deficit|surplus|shortfall)(?:es|s)?\b", re.IGNORECASE)
BALANCE_WORD_AFTER = compile_gated(r"^\s*(?:trade\s+)?(?P<word>deficit|surplus|shortfall)\b", re.IGNORECASE)
NEGATIVE_BALANCE = frozenset({"deficit", "shortfall"})
# "$2.9 billion in pledges (up 33.5 percent)", "$631.2 billion, virtually flat from a year earlier (down 0.1
# percent)", "2.3 million vehicles were shipped abroad (up 13.3 percent)": what the level counts, a passive verb
# the level is the subject of, or a hedge that the parenthesised change states exactly, stands between a level and
# its change; nothing that names another subject or figure does.
# "$126.7 billion for the year (up 29.4 percent)", "$10.9 billion in June (up 37.1 percent)": the period the level
# is of, too; "22,470 eco-friendly vehicles were sold (up 37.6 percent)": a passive of an irregular verb.
LEVEL_PERIOD = (r"(?:the\s+(?:(?:whole|full|entire)\s+)?(?:year|month|quarter|(?:first|second)\s+half"
                r"|(?:first|second|third|fourth)\s+quarter)(?:\s+of\s+(?:19|20)\d\d)?|H[12]|Q[1-4]"
                r"|" + MONTH + r"(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d)")
ASIDE_BEFORE_CHANGE = compile_gated(
    r"^(?:\s+in\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?"
    r"|\s+(?:in|for|over|during)\s+" + LEVEL_PERIOD + r"(?:\s+alone)?"
    r"|\s+(?:last|this)\s+(?:year|month)"  # "produced 4.24 million units last year (up 13.0 percent)"
    r"|\s+(?:[a-z][\w-]*\s+)?(?:was|were)\s+(?:[a-z]+ed|sold|built|made|won|sent|bought|spent)"
    r"(?:\s+(?:abroad|overseas|in total|in all))?"
    # "with 61,285 units shipped (up 47.3 percent)": the participle alone, the count its subject
    r"|\s+(?:[a-z][\w-]*\s+)?(?:shipped|sold|exported|produced|delivered)(?:\s+(?:abroad|overseas))?"
    r"|,?\s*(?:(?:virtually|almost|nearly|largely|roughly|about|essentially|more or less)\s+)?"
    r"(?:flat|unchanged|steady|stable|little changed|the same as (?:a|the) (?:year|month|quarter) (?:earlier|before)"
    # "$7.0 billion, more than twice the figure a year earlier (up 117.1 percent)": a multiple the change states exactly
    r"|(?:more than |nearly |almost |about |roughly )?(?:double|twice|triple|three times)"
    r"(?:(?: (?:the|its) (?:level|figure|amount|total|value))?(?: of)?"
    r" (?:a|the) (?:year|month|quarter) (?:earlier|before|ago)"
    # "more than double the previous year's level (up 119.5%)"
    r"| the (?:previous|prior|preceding) (?:year|month|quarter)['’]s (?:level|figure|amount|total|value)))"
    r"(?:\s+(?:from|on|over|compared (?:with|to)|against)\s+(?:a|the)\s+(?:year|month|quarter)"
    rf"(?:\s+(?:earlier|ago|before))?|\s+{BASIS_WORD})?)\s*\((?:[a-z ]{{0,12}}|[+\-−])$")
# "petrochemicals more than doubled (up 103.0 percent) to $4.6 billion", "were flat (up 0.3 percent) at $5.7 billion":
# a change that states the verb's size exactly, set in parentheses, then the level the verb reached.
BRACKETED_CHANGE_TO_LEVEL = compile_gated(r"^\)\s*(?:to|at)\s+(?:about\s+|around\s+|some\s+|a\s+record\s+)?$")
# "exports to China ($10.9 billion) were down 9.4 percent", "shipments to Vietnam ($4.2 billion) climbed 5.1 percent": a
# level in parentheses after its subject's name, then the subject's verb and its change; no other subject between.
# "exports to Taiwan ($2.6 billion) nearly doubled, climbing 94.3 percent": a verb of rough size, then a participle
# (or "up", "down") that gives it exactly.
BRACKETED_LEVEL_TO_CHANGE = compile_gated(r"^\)\s+(?:(?:was|were|is|are|has|have|had)\s+)?(?:also\s+)?"
                                         r"(?:(?:nearly|almost|more\s+than|roughly|about)\s+)?[a-z]+"
                                         r"(?:,\s*(?:up|down|[a-z]+ing))?"
                                         r"(?:\s+(?:by|about|around|some|nearly|a|an|only|just))*\s*$")
# ", to Vietnam ", ", and from Japan ": the opening of a listed partner's entry, its verb left out
PARTNER_ENTRY = compile_gated(r",\s*(?:and\s+)?(?:to|from)\s+(?P<name>(?:the\s+)?[A-Z][^\d$,;()]*?)\s*$")
# "expand R&D to KRW 2.1 trillion in 2026, of which 40 percent will go to SMEs", "our target of $35 billion in 2024,
# including a KRW 130 billion cash incentive budget": a part of the figure just before.
OF_WHICH_BEFORE = compile_gated(r",\s+(?:of\s+which|including)\s+(?:a\s+|an\s+)?"
                                r"(?:about\s+|around\s+|some\s+|nearly\s+)?$")
# "this year's target of $20 billion", "our goal of $35 billion", "a target of attracting $20 billion", "the target
# for 2026 is $37 billion": the figure a target or goal is of; "to surpass last year's record of $30.5 billion",
# "last year's all-time high of": the earlier record the release's measure is to beat; "MOTIR aims to attract at
# least $35 billion in 2026": the aim
TARGET_OF = compile_gated(r"\b(?:(?:target|goal)\s+(?:of(?:\s+(?:attracting|reaching|achieving))?"
                          r"|for\s+(?:19|20)\d\d\s+(?:is|was|will\s+be))|(?:last\s+year['’]s|previous|earlier)\s+(?:all-time\s+)?"
                          r"(?:record|high)\s+of|aims?\s+to\s+(?:attract|reach|achieve))\s+"
                          r"(?:(?:about|around|some|over|more\s+than|at\s+least)\s+)?$", re.IGNORECASE)
SAME_PERIOD_AFTER = compile_gated(r"\s+(?:over|during|in|for)\s+the\s+same\s+period\b")
RANGE_OPEN = compile_gated(r"\b(?:between|ranging from|range of|from)\s*$", re.IGNORECASE)


# Metrics, contexts and subjects are made for every figure and sentence and never changed once
# made: slotted classes, not frozen ones, because a frozen class pays a call for every field it sets.
@dataclass(slots=True)
class Metric:
    indicator: str
    item: str | None
    region: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    value: float | None
    unit: str | None
    change_pct: float | None
    change_basis: str | None
    evidence: str
    figure_start: int
    figure_end: int
    period_kind: str | None = None
    qualifier: str = "exact"
    item_as_written: str | None = None
    indicator_rule: str = ""
    item_rule: str = ""
    period_rule: str = ""
    region_rule: str = ""
    figure_text: str = ""  # the figure as written ("$56.6 billion"): how finely it was rounded


@dataclass(slots=True)
class Context:
    """What earlier sentences of the release established."""

    frame: Frame
    period: Period | None
    basis: str | None = None
    last_subject: Subject | None = None
    section: str | None = None
    plan: Plan | None = None  # the latest plan or project a sentence described ("aims to ... over 2025–2034")
    span: Period | None = None  # the latest span a sentence named ("between 2018 and 2030"): what "the period" is
    last_period: Period | None = None  # the period of the previous sentence's last figure: what "Of this, ..." is of
    headline: Subject | None = None  # the subject of the release's first figure: what "this year's target" is of
    # the scene is a span holding the reference that one sentence reported in passing (see span_in_passing)
    span_aside: bool = False
    # a change of the sentence before was over several years ("from $101.8 billion in 2012 ... in 2021"): the changes
    # after it that name no period of their own are of that comparison, not year-on-year (see unnamed_basis)
    across_years: bool = False
    # the part of the reference period the sentence before dated its figures to, an aside then ("June exports slipped
    # 0.1 percent" in a release on the first half): a second sentence on it turns the release to it
    aside: Period | None = None
    turned: bool = False  # the scene is such a part, two sentences on it having turned the release to it
    # the aside's sentence stated the headline total's exports (of this item: None, "ICT"): the imports and balance
    # after it, dated by nothing, are the aside's too ("In June alone, exports jumped ... Imports climbed ...")
    aside_total: bool = False
    aside_item: str | None = None
    aside_value: float | None = None  # the month's exports, in USD: what its imports and balance are sized against


@dataclass(frozen=True)
class Plan:
    """What a plan's sentence named: its targets and forecasts later are about it."""

    period: Period | None
    item: str | None
    region: str | None


def extract_metrics(body: str, published_on: dt.date, title: str = "") -> list[Metric]:
    """Every metric stated in a release, in order of appearance."""
    sentences = split_sentences(body)
    lead = sentences[0][1] if sentences else ""
    frame = build_frame(title, lead, published_on, " ".join(sentence for _, sentence in sentences[:3]))
    context = Context(frame=frame, period=frame.reference)
    metrics: list[Metric] = []
    seen: set = set()
    before = 0  # where the metrics of the last sentence with figures begin
    for offset, sentence in sentences:
        found, context = extract_sentence(sentence, offset, published_on, context, metrics)
        if found and found[0].value is None and found[0].change_pct is not None and before < len(metrics):
            found = with_restated_change(found, metrics, before)
        if found:
            before = len(metrics)
        for metric in found:
            key = repeat_key(metric)
            if key not in seen:
                seen.add(key)
                metrics.append(metric)
    return [with_plain_apostrophe(m) for m in without_repeats(with_channel_parts(without_restated_thresholds(metrics)))]


def repeat_key(metric: Metric) -> tuple:
    """What makes two metrics the same figure stated twice."""
    return metric.indicator, metric.item, metric.region, metric.period_start, metric.value, metric.change_pct


def without_repeats(metrics: list[Metric]) -> list[Metric]:
    """The first of each figure: renaming a channel's part to the channel can make one figure twice."""
    seen: set = set()
    kept = []
    for metric in metrics:
        if repeat_key(metric) not in seen:
            seen.add(repeat_key(metric))
            kept.append(metric)
    return kept


# The item rules of a subject its sentence does not name: the release's goods, or the subject carried from before
UNNAMED_ITEM_RULES = frozenset({"frame", "carried", "none", "total"})
# ... and those of a sentence that points back at the figure before ("The figure was up 66.6 percent")
RESTATED_ITEM_RULES = UNNAMED_ITEM_RULES | {"anaphora"}


def with_restated_change(found: list[Metric], metrics: list[Metric], before: int) -> list[Metric]:
    """"Korean shipbuilders won orders for 12.63 million CGT in 2018 ... The order volume was up 66.0 percent from
    2017." ("Orders rose 66.8 percent", "The volume was 15.8 percent below the same period last year"): a change
    opening a sentence that names neither an item, a region nor a period of its own is the change of the level of
    that subject and period the sentence before stated, one line (metrics, the release's so far, is updated); a
    sentence naming its own subject or period ("Outbound shipments of ICT goods last year went up 3.8 percent")
    keeps a line of its own, as the gold does; a level in percent (a share beside it) is passed over."""
    change = found[0]
    if change.period_rule != "context" or change.item_rule not in RESTATED_ITEM_RULES or change.region_rule != "none":
        return found
    key = (change.indicator, change.item, change.region, change.period_start, change.period_end)
    for index in range(len(metrics) - 1, before - 1, -1):
        level = metrics[index]
        if (level.indicator, level.item, level.region, level.period_start, level.period_end) != key \
                or level.unit == "percent" or level.qualifier in ("target", "forecast"):
            continue  # a share beside the level ("37.3 percent of the global total"), a target beside the actual
        if level.value is None or level.change_pct is not None:
            return found
        metrics[index] = replace(level, change_pct=change.change_pct, change_basis=change.change_basis)
        return found[1:]
    return found


def with_channel_parts(metrics: list[Metric]) -> list[Metric]:
    """"By channel, online shopping malls (up 14.9 percent) and online marketplaces (up 17.8 percent) ...": parts of a
    channel a release gives figures for side by side are items of their own; a part it names alone ("Sales at online
    shopping malls jumped 19.6 percent", as older releases call the whole online channel) is the channel."""
    parts = load_lexicon().channel_parts
    named = {m.item for m in metrics if m.item in parts}
    if not named or len(named) > 1:
        return metrics
    return [replace(m, item=parts[m.item]) if m.item in parts else m for m in metrics]


def with_plain_apostrophe(metric: Metric) -> Metric:
    """"women’s casual" in one release and "women's casual" in the next are one line of goods, so one series: the
    stored name takes the plain apostrophe an analyst types; item_as_written keeps the words as printed. A possessive
    left at the end ("whereas GM Korea's fell 14.9 percent", the noun it owns elided) is not part of the name."""
    if metric.item is None or ("’" not in metric.item and not metric.item.endswith("'s")):
        return metric
    item = metric.item.replace("’", "'")
    return replace(metric, item=item[:-2] if item.endswith("'s") and len(item) > 3 else item)


def without_restated_thresholds(metrics: list[Metric]) -> list[Metric]:
    """"Exports exceeded $60 billion" beside "exports reached $60.4 billion": the threshold adds nothing.

    A threshold (at least / at most) stays only where the release gives no exact figure of the
    same subject, period and unit."""
    exact = {(m.indicator, m.item, m.region, m.period_start, m.period_end, m.unit)
             for m in metrics if m.qualifier == "exact" and m.value is not None}
    return [m for m in metrics if m.qualifier not in ("at least", "at most")
            or (m.indicator != "unspecified"  # a bound of nothing named ("surpass the $1 trillion mark")
                and (m.indicator, m.item, m.region, m.period_start, m.period_end, m.unit) not in exact)]


def extract_many(items: list[tuple]) -> list[list[Metric] | str]:
    """extract_metrics over a batch of (body, published_on[, title]); a release the rules choke on gives its error."""
    results: list[list[Metric] | str] = []
    for entry in items:
        try:
            results.append(extract_metrics(*entry))
        except Exception as exc:  # noqa: BLE001 - one bad release must not sink its batch
            results.append(f"{type(exc).__name__}: {exc}")
    return results


def extract_sentence(sentence: str, offset: int, published_on: dt.date, context: Context,
                     earlier: list[Metric] = ()) -> tuple[list[Metric], Context]:
    """The sentence's metrics and the context the next sentence reads; earlier: the release's metrics so far."""
    prior_section = context.section
    opened = section_opened(sentence)
    section = opened or context.section
    if section != context.section:
        context = replace(context, section=section)
    if opened and aggregate_aside(context.period, context.frame.reference):
        context = replace(context, period=context.frame.reference)
    stated = [f for f in find_figures(sentence) if f.role != "skip"]
    # The earlier levels ("from $4.8 billion a year earlier") are read after the figures they are compared with.
    figures = [f for f in stated if f.role != "prior"] if len(stated) > 1 else stated
    if not figures:
        return [], framing_context(sentence, published_on, context)
    mentions = with_span_named(reported_periods(sentence, published_on), context.span)
    if "same " in sentence or "the quarter" in sentence or "the half" in sentence:  # "for the quarter", as "the same"
        mentions = with_same_period_dated(sentence, mentions, context.period)
    if "end" in sentence and any(m.year_end for m in mentions):
        mentions = with_year_end_dated(mentions, context.period)
    same_year_before = same_period_year_before(sentence, mentions, context.period) if "same " in sentence else None
    # "Compared to April, exports decreased 5.4 percent, but daily average exports ... 20.4 percent": the month
    # compared with is the basis of its own clause, as a basis phrase is; the other clauses keep the release's
    compared = compared_month_spans(sentence, mentions, context.period)
    basis = find_basis(sentence) or same_year_before or context.basis or ("mom" if compared else None)
    phrases = basis_spans(sentence)
    if compared:
        phrases = tuple(sorted(phrases + compared))
    mixed = len({kind for _, _, kind in phrases} | ({basis} if compared else set())) > 1
    observations = group_figures(sentence, figures)
    governing = governing_mentions(sentence, mentions, figures, observations)
    clauses = split_clauses(sentence)
    listed = respective_subjects(sentence, observations, context) or [None] * len(observations)
    metrics, previous, subjects = [], context.last_subject, []
    topic = previous  # the subject the sentence after reads: its last figure's, but for one explaining the one before
    asides = subject_asides(sentence)
    whole_period = context.last_period if load_lexicon().part_of_lead.match(sentence) else None
    last_period = context.last_period
    # "target", "goal", "record", "high" or "aim" names every target headline_target reads: a look once a sentence
    headline = context.headline if "target" in sentence or "goal" in sentence or "record" in sentence \
        or "high" in sentence or "aim" in sentence else None
    reference = context.frame.reference
    # a section opener or a figureless sentence may have brought the scene back to the reference already
    away_in_passing = context.span_aside and holds_reference(context.period, reference)
    month_subjects = subjects_given(earlier, reference) if away_in_passing else frozenset()
    returned = False
    years, across = None, False  # the years the sentence names, read once when a change names no basis
    carried_across = context.across_years and not mentions
    # every period word holds one of these ("the year", "whole year", "full year", "year-to-date", "cumulative ... for
    # January and February"; "year-on-year" none): a look before period_in_words
    worded = "e year" in sentence or "l year" in sentence or "ear-to-date" in sentence \
        or "for January and" in sentence or "ince January" in sentence
    for index, (observation, given) in enumerate(zip(observations, listed, strict=True)):
        scene = build_scene(sentence, clause_at(clauses, observation.start), observation, previous, index > 0,
                            context.last_subject, context.frame, context.section, prior_section)
        subject = with_abbreviation_spelt(maker_total(with_listed(resolve_subject(scene), given)), context.frame)
        if subject.indicator == "emission reduction" and observation.change and observation.level:
            subject = reduced_to_emissions(subject, observation)
        if headline is not None:
            subject = headline_target(subject, sentence, observation, headline, index == 0)
        period, period_rule = resolve_period(scene, mentions, governing, figures, context.period) \
            if subject.dated else rate_period(sentence, observation, mentions, figures)
        if worded and period is not None:
            period, period_rule = period_in_words(scene, period) or (period, period_rule)
        if period is not None and "the month" in sentence and period_kind(period) != "month":
            period, period_rule = the_month_meant(sentence, scene.clause, mentions, context) or (period, period_rule)
        if period is not None and observation.change is None:
            period, period_rule = set_earlier(sentence, observation, period) or (period, period_rule)
        if period is None and period_rule == "none" and "20" in sentence:
            period, period_rule = year_of_target(sentence, published_on) or (period, period_rule)
        if period is None and period_rule == "none" and subject.indicator in load_lexicon().day_reading_indicators:
            period, period_rule = month_of_reading(sentence, published_on, context.frame)
        if period is None and period_rule == "none" and metrics and metrics[-1].period_start is not None \
                and metrics[-1].period_rule in OWN_CLAUSE_RULES:
            # "Imports of the products rose 68.2 percent to $105 million in 2023, and their share of the domestic
            # market expanded to 40.1 percent", "a domestic market of KRW 620 billion in 2018, of which imports took
            # up 28.5 percent": with no period in context, a figure its clause dates none of is of the period the
            # figure before it in the sentence was dated to
            period, period_rule = Period(metrics[-1].period_start, metrics[-1].period_end), "sentence_before"
        if period is None and period_rule == "clause" and context.last_period is not None:
            # "Imports of the product ... reached about $220 million last year ... Over the same period, their import
            # prices fell 11.2 percent": with no period in context, "the same period" is the one the sentence before
            # dated its last figure to
            period, period_rule = context.last_period, "same_period_before"
        if period_rule in ("context", "none") and subject.dated and metrics and metrics[-1].period_start is not None \
                and metrics[-1].period_rule in DATED_IN_SENTENCE_RULES \
                and CONSEQUENCE.search(sentence, metrics[-1].figure_end - offset, observation.start):
            # "Imports rose 61.4 percent to 1.38 million tons in 2024, lifting their share of the domestic market to
            # 16.3 percent": what a figure brought about is of its period, not of the scene's
            period, period_rule = Period(metrics[-1].period_start, metrics[-1].period_end), "consequence"
        if whole_period is not None and period_rule == "context":
            # "Of this, semiconductors will take up KRW 340 trillion": a part of the figure before, in its period
            period, period_rule = whole_period, "part_of"
        elif period_rule == "context" and metrics and ("which" in sentence or "including" in sentence) \
                and OF_WHICH_BEFORE.search(sentence, max(0, observation.start - 30), observation.start):
            period, period_rule = last_period, "part_of"
        elif period_rule == "context" and context.aside_total and is_month_companion(subject, context) \
                and not any(m.period is not None and m.period != context.aside for m in mentions) \
                and not any(period_of(m) != context.aside for m in metrics) \
                and not WHOLE_YEAR_WORDS.search(sentence) and resolve_qualifier(scene) == "exact" \
                and fits_the_month(observation, context.aside_value):
            # "In June alone, exports jumped 39.7 percent ... Imports climbed 40.7 percent to $50.4 billion" in a
            # release on the half: the month's imports, balance and daily average go with its exports
            period, period_rule = context.aside, "month_companion"
        elif away_in_passing and period_rule == "context" and subject_key(subject) not in month_subjects \
                and not says_whole_year(scene, context.period):
            # "For the first half, exports came to $334.8 billion. The daily average export value stood at ...":
            # a subject the release has not yet given for its own month is that month's, not the span's (unless its
            # words keep the span: "Crude oil imports for the year alone were ...")
            period, period_rule, returned = reference, "release", True
        if context.turned and period_rule == "context" and reference is not None \
                and subject_key(subject) in subjects_given(earlier, context.period):
            # "Imports in June declined 10.9 percent ... Imports declined 6.7 percent to $250.4 billion" after the
            # release turned to June: a subject the month has given already is the release's span again
            period, period_rule = reference, "release"
        if period_rule == "context" and period is not None and observation.level is not None \
                and observation.level.unit == "USD" and period_kind(period) == "month":
            # "Exports to the U.S. hit an all-time high of $115.7 billion" after December's $57.6 billion in a
            # release on December and the year: a part larger than the month's whole is the year's
            period, period_rule = larger_than_the_month(subject, observation, period, context.frame,
                                                        [*earlier, *metrics]) or (period, period_rule)
        if period_rule == "context" and period is not None and "year" in sentence \
                and period_kind(period) in ("month", "quarter", "half", "cumulative") \
                and YEARLY_STREAK.search(sentence) and resolve_qualifier(scene) in ("target", "forecast"):
            # "aims to attract more than $20 billion in FDI for the second consecutive year" in a release on the
            # first quarter: a goal kept year after year is the year's
            period, period_rule = month_period(period.start.year, 1, 12), "streak_year"
        if period_rule in ("context", "release") and subject.indicator_rule in MEASURE_RULES:
            # "will deploy an additional KRW 36 trillion in trade finance": a policy measure's amount is of no period
            # its sentence does not name, not of the month the release reports
            period, period_rule = None, "undated"
        last_period = period or last_period
        own_basis = (clause_basis(phrases, scene, figures) if mixed else None) or basis
        if own_basis is not None and not mixed and phrases and only_in_contrast_after(phrases, scene.clause, clauses):
            own_basis = context.basis  # "were down 1.4 percent, while on a month-on-month basis exports grew"
        if own_basis is not None and not phrases and observation.change is not None and period is not None \
                and "ompared" in sentence and compared_with_earlier_year(sentence, period):
            own_basis = None  # "Compared to 2019, before the pandemic, exports were up 19.0 percent": no year before
        if own_basis is None and observation.change is not None and period is not None:
            if years is None:
                years = years_named(sentence)
            own_basis = unnamed_basis(sentence, period, published_on, years, carried_across)
            across = across or own_basis is None
        on_before = on_period_before(sentence, observation.change, period, mentions) \
            if observation.change is not None and observation.level is None else None
        if on_before is not None:
            own_basis = on_before[0]
        metric = build_metric(sentence, offset, observation, subject, period, period_rule, own_basis,
                              resolve_qualifier(scene))
        if on_before is not None and metrics and same_line(metrics[-1], metric) and metrics[-1].value is not None:
            # "came to $60.1 billion, down 2.7 percent from a year earlier, although they grew 1.5 percent from the
            # second quarter": the level of the line before, on the period before, is a line of its own (ANNOTATION.md)
            metric = replace(metric, value=metrics[-1].value, unit=metrics[-1].unit)
        if metric.indicator.endswith(" price index") and metric.unit in CURRENCY_UNITS:
            # "the newbuilding price index stood at 177.7 points, and an LNG carrier cost $265 million": an amount of
            # money is a price the index tracks, not a reading of the index
            metric = replace(metric, indicator=metric.indicator[:-len(" index")])
        if subject.indicator == "trade balance" and is_deficit(sentence, observation, figures):
            metric = replace(metric, value=-metric.value)
        if observation.level is not None and is_margin(sentence, scene.clause.start, observation.level.start):
            if metric.unit == "percent" and observation.change is None:
                # "April exports also surpassed the level of April 2019 by 10.5 percent": a change on that level,
                # on no basis the contract names
                metric = replace(metric, value=None, unit=None, change_pct=metric.value, change_basis=None)
            else:
                metric = replace(metric, indicator=f"{metric.indicator} difference")
        if metric.indicator == "trade balance" and metric.region is None and metrics \
                and CONSEQUENCE.search(sentence, metrics[-1].figure_end - offset, observation.start):
            metric = with_partner_of_flows(metric, metrics)
        metrics.append(with_plan(metric, context.plan))
        if subject.item_rule == "domestic_industry" and previous is not None:
            # "... the domestic industry, whose market share fell ... Imports of the products rose": the home
            # industry is its own measure's subject only; what the release goes on about is the goods before it
            subject = replace(subject, item=previous.item, item_written=previous.item_written,
                              item_rule=previous.item_rule)
        explains_before = index > 0 and previous is not None and subject.indicator != previous.indicator \
            and len(metrics) >= 2 and inside_cause(sentence, metrics[-2].figure_end - offset, observation.start)
        # "Auto exports fell 5.1 percent in May, where Korean cars remain subject to a 25 percent tariff. Ships (up 21.6
        # percent) ...": a rate of no period after a dated figure is said in passing; the release goes on about the
        # figure before it
        rate_in_passing = len(metrics) >= 2 and metric.period_rule == "undated" \
            and metrics[-2].period_rule != "undated"
        if not explains_before and not rate_in_passing:
            # "exports fell 28.1 percent as the fixed price of DRAM plunged 50.6 percent. Those of petrochemicals":
            # the sentence after goes on about the exports, not the price that explained them
            topic = subject
        if not any(start <= observation.start < end for start, end in asides):
            previous = subject  # "steel products, now subject to a 25 percent U.S. tariff, fell": not the tariff's
        if context.headline is None:
            subjects.append(subject)  # until the release's first subject is known
    if len(metrics) > 1 and ("the latter" in sentence or "the former" in sentence or "the figure" in sentence
                             or "the amount" in sentence):
        metrics = with_anaphoric_changes(sentence, offset, metrics)
    if len(figures) < len(stated):
        metrics = with_earlier_levels(sentence, offset, stated, metrics, mentions)
    if len(metrics) > 1:
        metrics = with_sentence_target(metrics, mentions, published_on)
        metrics = with_list_verb_indicator(metrics)
    named_reference = reference_mention(sentence, governing, figures[0].start)
    named = named_reference.period if named_reference else own_period(metrics, context.frame) \
        or year_of_undated_release(metrics, context)
    if named_reference is not None:
        named = grown_to_later(metrics, named)
    # "The duties, first imposed in 2004, range from 3.83 percent to 15.39 percent": a period in a sentence whose every
    # figure is undated dates something else (an event), no scene
    sets_scene = named is not None and may_set_scene(named, context.frame) \
        and any(m.period_rule != "undated" for m in metrics)
    aside = named if named is not None and not sets_scene and part_of_reference(named, reference) else None
    if aside is None and named is None and not sets_scene:
        alone = one_own_period(metrics)  # "In June alone, exports jumped ...": the month, named as an aside
        aside = alone if alone is not None and part_of_reference(alone, reference) else None
    turned = context.turned and not sets_scene and not returned
    if aside is not None and aside == context.aside and aside != context.period:
        # "June exports slipped 0.1 percent ... Daily average exports in June reached ...": two sentences in a row on
        # the month turn a release on the half to it; the items after them are the month's
        sets_scene, turned, named = True, True, aside
    companions = [m for m in metrics if m.period_rule == "month_companion"]
    if aside is None and companions:
        aside = context.aside  # the month's figures go on: a sentence naming it next turns the release to it
    # the headline's total only: all exports, or all of the release's category ("ICT exports"), not one item's
    headline = RETAIL_HEADLINE if context.frame.kind == "retail" else "exports"
    totals = [m for m in metrics if m.indicator == headline and m.region is None and m.qualifier == "exact"
              and m.item in (None, context.frame.default_item)
              and period_of(m) == aside and aside is not None and period_kind(aside) == "month"]
    aside_total = aside is not None and bool(companions or totals)
    aside_item = (companions or totals)[0].item if aside_total else None
    aside_value = next((m.value for m in totals if m.unit == "USD"), context.aside_value if companions else None)
    period = named if sets_scene else (reference if returned else context.period)
    span_aside = span_in_passing(sentence, named_reference, named, context.frame) if sets_scene \
        else context.span_aside and not returned
    # A new scene ends the span "the period" can point back to: "Exports in April rose ..." after a cumulative one.
    span = latest_span(mentions) or (None if sets_scene else context.span)
    leading = context.headline or next((s for s in subjects if s.indicator != "unspecified"), None)
    basis_on = context.basis or find_basis(sentence) or same_year_before
    return metrics, replace(context, last_subject=topic, basis=basis_on, period=period, span=span,
                            last_period=last_period, headline=leading,
                            span_aside=span_aside, across_years=across or carried_across, aside=aside,
                            turned=turned, aside_total=aside_total, aside_item=aside_item,
                            aside_value=aside_value)


def year_of_target(sentence: str, published_on: dt.date) -> tuple[Period, str] | None:
    """"raise its 2030 Nationally Determined Contribution (NDC) target to a 40 percent cut in greenhouse gas emissions
    from the 2018 level ..., up from the previous target of 26.3 percent", "maintaining the 2030 national target of
    cutting greenhouse gas emissions 40 percent below 2018 levels": a figure nothing else dates, in a sentence naming
    the target of one year ahead, is of that year."""
    years = {int(m.group("year")) for m in load_lexicon().year_target.finditer(sentence)}
    if len(years) != 1:
        return None
    year = years.pop()
    return (month_period(year, 1, 12), "target_year") if year > published_on.year else None


YEARLY_STREAK = compile_gated(r"\bfor\s+(?:a|the)\s+[a-z\d-]+\s+(?:consecutive|straight)\s+year\b|"
                              r"\byears?\s+in\s+a\s+row\b")


def rate_period(sentence: str, observation: Observation, mentions: list[PeriodMention],
                figures: list[Figure]) -> tuple[Period | None, str]:
    """A rate is of no period, but of one written right after it ("was cut from 7.2 percent last year to 4.8 percent
    this year"), never one it is compared with or counted since ("a 13.3% duty since 2004"), else of its term."""
    attached = attached_period(sentence, observation, mentions, figures) if mentions else None
    if attached is not None and attached.period is not None \
            and (not is_comparison(sentence, attached) or is_earlier_level_period(sentence, attached)):
        return attached.period, "attached"
    return term_of(mentions)


def term_of(mentions) -> tuple[Period | None, str]:
    """"Duty rates of 7.81 percent ... will be imposed for three years from January 2017 through December 2019": a rate
    is of no period, but of the term its sentence names in months each dated (not "for five years" alone)."""
    term = next((m for m in mentions if m.term), None)
    return (term.period, "term") if term is not None else (None, "undated")


# The measures a trade release gives with its total exports for a month: "Imports climbed ..., and the surplus ..."
MONTH_COMPANIONS = frozenset({"imports", "trade balance", "average daily exports", "export volume", "import volume",
                              "trade"})


# "Imports are expected to reach $630 billion for the year, and the trade surplus $53 billion": not the month's
WHOLE_YEAR_WORDS = compile_gated(r"\b(?:[Ff]or|[Oo]ver|[Tt]hroughout|[Tt]hrough|[Ii]n|[Dd]uring)\s+the\s+"
                                 r"(?:(?:full|whole|entire|past)\s+)?(?:year|twelve\s+months|12\s+months|six\s+months"
                                 r"|6\s+months|half|period)\b|\b[Aa]nnual\b|\b[Ff]ull-year\b")


# A retail release's total for a month ("In December alone, total retail sales rose 3.1 percent"), and what its
# channels and stores report after it ("Online sales grew 19.6 percent ... Sales at department stores dropped")
RETAIL_HEADLINE = "retail sales"
RETAIL_COMPANIONS = frozenset({"retail sales", "number of purchases", "purchase per customer", "share of retail sales"})


def is_month_companion(subject: Subject, context: Context) -> bool:
    """A measure the month's total brings with it: in a trade release its imports, balance and daily average (of
    the total's own item, no partner); in a retail release the channels' and stores' sales."""
    if context.frame.kind == "retail":
        return subject.indicator in RETAIL_COMPANIONS and subject.region is None
    return subject.indicator in MONTH_COMPANIONS and subject.item == context.aside_item and subject.region is None


def larger_than_the_month(subject: Subject, observation: Observation, month: Period, frame: Frame,
                          stated: list[Metric]) -> tuple[Period, str] | None:
    """The release's longer period (its year or half, holding the month) for an amount of exports or imports larger
    than all the month's exports or imports the release stated: no part is larger than its whole."""
    if subject.indicator not in ("exports", "imports") or (subject.item is None and subject.region is None):
        return None
    longer = next((p for p in frame.references if p != month and p.start <= month.start and month.end <= p.end), None)
    if longer is None:
        return None
    whole = next((m.value for m in stated if m.indicator == subject.indicator and m.item is None and m.region is None
                  and m.unit == "USD" and m.value is not None and m.value > 0 and period_of(m) == month), None)
    if whole is None or observation.level.value <= whole * 1.02:  # within rounding of the whole: may be all of it
        return None
    return longer, "by_size"


def fits_the_month(observation: Observation, month_exports: float | None) -> bool:
    """"June exports dropped 13.5 percent to $44.1 billion. Imports declined 6.7 percent to $250.4 billion": an amount
    five times the month's exports is the half's. A month's imports or balance stay within twice its exports."""
    level = observation.level
    if level is None or level.unit != "USD":
        return True
    return month_exports is not None and level.value <= 2 * month_exports


def one_own_period(metrics: list[Metric]) -> Period | None:
    """The one period every figure of the sentence is dated to by its own clause, if any."""
    periods = {period_of(m) for m in metrics if m.period_rule in OWN_CLAUSE_RULES}
    if len(periods) != 1 or any(m.period_rule not in OWN_CLAUSE_RULES for m in metrics):
        return None
    return periods.pop()


def period_of(metric: Metric) -> Period | None:
    if metric.period_start is None or metric.period_end is None:
        return None
    return Period(metric.period_start, metric.period_end)


# the rules by which a figure's own clause, or the words attached to it, dated it
OWN_CLAUSE_RULES = frozenset({"attached", "clause", "between"})
DATED_IN_SENTENCE_RULES = OWN_CLAUSE_RULES | {"sentence_before", "consequence", "parallel"}
# ", lifting their share to", ", leaving Korea with a deficit of", ", bringing the total to": a participle clause of
# what the figure before brought about
CONSEQUENCE = compile_gated(r",\s(?:thus\s|thereby\s)?(?:lifting|raising|bringing|pushing|pulling|lowering|driving|"
                            r"taking|leaving|narrowing|widening|reducing|boosting|increasing|cutting|putting|resulting\sin|"
                            r"producing|creating|yielding)\b[^,;]*$")


# "Domestic sales of Korean automakers" are a series beside imported vehicles; what Korean automakers produce or export
# is the industry's total, automobiles
MAKERS_AS_TOTAL = {"Korean automakers": "automobiles"}


def maker_total(subject: Subject) -> Subject:
    total = MAKERS_AS_TOTAL.get(subject.item)
    if total is None or "sales" in subject.indicator or "share" in subject.indicator:
        return subject
    return replace(subject, item=total)


def grown_to_later(metrics: list[Metric], named: Period) -> Period:
    """"In 2012, Korea-U.S. trade amounted to USD 101.8 billion, which grew 66.1 percent to $169.1 billion in 2021": a
    sentence opening on a period that its last change carries forward to a later one leaves the later as the scene;
    the growth since is what follows. Not a forecast for the later one ("..., and they are expected to grow 8.2
    percent to $683.8 billion in 2024"): the figures after it are the period's own again."""
    grown = [m for m in metrics if m.change_pct is not None and m.value is not None and m.period_end is not None
             and m.period_rule in OWN_CLAUSE_RULES and m.period_start > named.end and m.qualifier == "exact"]
    return Period(grown[-1].period_start, grown[-1].period_end) if grown else named


def month_of_reading(sentence: str, published_on: dt.date, frame: Frame) -> tuple[Period | None, str]:
    """"Maximum load reached a record 97.1 GW at 5 p.m. on August 20": a measure read on a day, of no period of its
    own, is of the month of the day its sentence names, else of the day the lead names ("The supply reserve stood at
    8.9 GW" after it). Not the day a release was announced ("the ministry said on July 5")."""
    day = reading_month(sentence, published_on)
    if day is not None:
        return day, "reading_day"
    return (frame.reading_month, "reading_day") if frame.reading_month is not None else (None, "none")


# "plans to keep the momentum going with expanded cash grants and has set a target of $35 billion": a target a verb
# of its own sets after "and", naming no measure, is not of the measure the verb phrase before named
TARGET_SET_AFTER_AND = compile_gated(r"\band\s+(?:has\s+|have\s+|also\s+)*(?:set|sets|setting)\s+(?:a|an|its|the)\s+"
                                     r"(?:[a-z-]+\s+)?(?:target|goal)\s+of\s+(?:about\s+|around\s+|some\s+)?$")


def headline_target(subject: Subject, sentence: str, observation: Observation, headline: Subject | None,
                    first: bool = False) -> Subject:
    """"We will make every effort to reach this year's target of $20 billion," a ministry official said: a target naming
    no subject is of the subject the release leads with (its first figure's), not of nothing, nor of the breakdown
    the sentence before ended on ("Greenfield pledges dropped 28.5 percent. ... its annual goal of $20 billion"), nor
    of it when a relative clause carries it over ("said the minister, who added that MOTIR aims to attract ...")."""
    carried = subject.indicator_rule == "carried" or (first and subject.indicator_rule == "anaphora")
    named_none = subject.indicator == "unspecified" or (carried and subject.item_rule in ("carried", "none", "anaphora")
                                                        and subject.region_rule in ("anaphora", "none")) \
        or (subject.item is None and subject.region is None
            and TARGET_SET_AFTER_AND.search(sentence, max(0, observation.start - 60), observation.start) is not None)
    if not named_none or headline is None \
            or TARGET_OF.search(sentence, max(0, observation.start - 30), observation.start) is None:
        return subject
    return replace(subject, indicator=headline.indicator, dated=headline.dated, item=headline.item,
                   item_written=headline.item_written, region=headline.region, indicator_rule="headline_target",
                   item_rule="headline_target", region_rule="headline_target")


def inside_cause(sentence: str, start: int, end: int) -> bool:
    """"rose 28.1 percent as the fixed price of DRAM plunged 50.6 percent": a cause opens between the figure before
    and this one, and no clause of its own ("as chip shipments grew, and imports fell 10.8 percent") follows it."""
    causes = list(load_lexicon().cause_lead.finditer(sentence, start, end))
    return bool(causes) and CLAUSE_AFTER_CAUSE.search(sentence, causes[-1].end(), end) is None


CLAUSE_AFTER_CAUSE = compile_gated(r";|,\s*(?:and|while|whereas|but)\s|\s(?:while|whereas)\s")


def part_of_reference(period: Period, reference: Period | None) -> bool:
    return reference is not None and period != reference \
        and reference.start <= period.start and period.end <= reference.end


def holds_reference(period: Period | None, reference: Period | None) -> bool:
    """The scene is a longer span holding the release's reference period: "For the first half, ..." or "In the first
    two months, ..." in a release about June or February."""
    return period is not None and reference is not None and period != reference \
        and period.start <= reference.start and reference.end <= period.end


# "In the first half of 2024, car production ...": a period opening its sentence, set off by a comma
OPENING_PERIOD = compile_gated(r"^\W*(?:(?:[Ii]n|[Ff]or|[Dd]uring|[Oo]ver|[Tt]hroughout|[Aa]s for)\s+)?(?:the\s+)?$")


def span_in_passing(sentence: str, mention: PeriodMention | None, period: Period, frame: Frame) -> bool:
    """A sentence dating its figures to a span holding the release's month reports the span in passing ("Chip exports
    for the third quarter totaled ...", or the half a title announces beside its month: "For the first half, exports
    came to ..."): the sentences after it are the month's again, but for a subject already given for the month.
    One that opens with a span the title does not name ("In the first half of 2025, ...", closing a release about
    June) opens a section on the span: what follows is the span's."""
    if not holds_reference(period, frame.reference):
        return False
    opens = mention is not None and sentence[mention.end:mention.end + 1] == "," \
        and OPENING_PERIOD.match(sentence[:mention.start]) is not None
    return not opens or period in frame.references


# "bringing the trade surplus for the month to $6.3 billion" in a release on the first half and June: the month's
FOR_THE_MONTH = compile_gated(r"\b(?:[Ff]or|[Ii]n|[Dd]uring)\s+the\s+month\b(?!\s+of\s+" + MONTH + r")")
# "the highest for the month", "the best ever for the month", "the previous high for the month set in June": a record
# for such a month, not the month of the figure
RECORD_FOR_THE_MONTH = compile_gated(r"\b(?:highest|lowest|best|worst|most|largest|biggest|record|high|low|ever)\b"
                                     r"[^,;()\d]{0,20}$")


def the_month_meant(sentence: str, clause: Clause, mentions: list[PeriodMention],
                    context: Context) -> tuple[Period, str] | None:
    """"for the month" in a clause dated to a span: the one month the sentence names, else the month the sentence
    before dated its figures to ("In December, retail sales rose 6.0 percent ... Online sales for the month
    expanded" in a release on the year), else the one month the release reports beside its span."""
    said = FOR_THE_MONTH.search(sentence, clause.start, clause.end)
    if said is None or RECORD_FOR_THE_MONTH.search(sentence, max(0, said.start() - 40), said.start()):
        return None
    months = {m.period for m in mentions if m.period is not None and not m.is_date and period_kind(m.period) == "month"}
    if not months and context.last_period is not None and period_kind(context.last_period) == "month":
        months = {context.last_period}
    if not months:
        months = {p for p in context.frame.references if period_kind(p) == "month"}
    return (months.pop(), "the_month") if len(months) == 1 else None


def subject_key(subject: Subject | Metric) -> tuple:
    return subject.indicator, subject.item, subject.region


def subjects_given(metrics: list[Metric], reference: Period) -> frozenset:
    """The subjects the release has given a figure of its reference period. A span's sentence followed by one restating
    such a subject ("Imports advanced 12.1 percent to $48.5 billion" after June's imports and the first half's exports)
    goes on with the span: a release does not give its own month's figure twice."""
    return frozenset(subject_key(m) for m in metrics
                     if m.period_start == reference.start and m.period_end == reference.end)


def with_span_named(mentions: list[PeriodMention], span: Period | None) -> list[PeriodMention]:
    """"Investment of KRW 110 trillion will be needed over the period": "the period" is the span named last, in the
    sentence itself if it names one before ("Cumulative exports for Jan.-Sept. reached $508.5 billion, with the surplus
    for the period at $28.8 billion")."""
    if not any(m.refers_back for m in mentions):
        return mentions
    named, named_here, resolved = span, None, []
    for mention in mentions:
        if mention.refers_back:
            # "For the first half, exports reached $297.0 billion, ... while imports for the period rose": a quarter,
            # half or year the sentence itself named before is the period too
            period = named_here or named
            resolved.append(replace(mention, period=period) if period is not None else mention)
            continue
        if mention.period is not None and is_span_period(mention.period):
            named = mention.period
        if mention.period is not None and period_kind(mention.period) != "month":
            named_here = mention.period
        resolved.append(mention)
    return resolved


def with_same_period_dated(sentence: str, mentions: list[PeriodMention],
                           context_period: Period | None) -> list[PeriodMention]:
    """"In the first nine months, imports came to 29.0 million tons, compared with 31.4 million tons in the same period
    of 2018": the months the sentence named before it (else the scene's), in the year it gives, or the year before
    theirs ("the record high of $15.7 billion posted in the same period last year"); "the same period" alone after a
    period the sentence named is that period."""
    dated, base, named = [], context_period, None
    for mention in mentions:
        if mention.period is None and base is not None and period_kind(base) == "month" \
                and not (mention.in_year or mention.year_before):
            # "For the quarter, shipments to Taiwan led ..." after sentences on September: the quarter holding the
            # month, never the month itself
            mention = replace(mention, period=span_holding(base, sentence[mention.start:mention.end]))
        if (mention.in_year or mention.year_before) and base is not None and base.start.year == base.end.year:
            year = mention.in_year or base.start.year - 1
            mention = replace(mention, period=month_period(year, base.start.month, base.end.month))
        elif mention.period is None and named is not None and not (mention.refers_back or mention.year_end):
            # "grew to 36.2 percent in the first half of 2020, while sales fell 9.4 percent over the same period"
            mention = replace(mention, period=named)
        elif mention.period is not None:
            base = mention.period
            if not is_comparison(sentence, mention):  # "up from $99.2 billion in 2020, and ... in the same year"
                named = mention.period
        dated.append(mention)
    return dated


def span_holding(month: Period, words: str) -> Period | None:
    """The quarter or half ("the quarter", "the same half") that holds the month; None for other words."""
    if "quarter" in words:
        first = (month.start.month - 1) // 3 * 3 + 1
        return month_period(month.start.year, first, first + 2)
    if "half" in words:
        first = 1 if month.start.month <= 6 else 7
        return month_period(month.start.year, first, first + 5)
    return None


# "from the same month of 2025": the year a month is compared in (a "same period" or "same quarter" is a mention's)
SAME_MONTH_OF = compile_gated(r"\bsame\s+month\s+(?:of|in)\s+((?:19|20)\d{2})\b")


def same_period_year_before(sentence: str, mentions: list[PeriodMention], context_period: Period | None) -> str | None:
    """"down 4.2 percent from the same month of 2025" in a release on February 2026, "up 11.8 percent on the same
    quarter of 2024" of the fourth quarter of 2025: the same months of the year before are a year-on-year basis (of
    2019, in 2021, they are not)."""
    compared = {m.in_year for m in mentions if m.in_year}
    if "month" in sentence:
        compared.update(int(year) for year in SAME_MONTH_OF.findall(sentence))
    if not compared:
        return None
    years = {m.period.start.year for m in mentions if m.period is not None and not m.in_year
             and m.period.start.year not in compared}
    if context_period is not None:
        years.add(context_period.start.year)
    return "yoy" if any(year + 1 in years for year in compared) else None


def with_year_end_dated(mentions: list[PeriodMention], context_period: Period | None) -> list[PeriodMention]:
    """"The order backlog at year-end stood at 24.9 million CGT" in a release on 2020: December of the year the
    sentence named before it, else the scene's year (none without one)."""
    dated, base = [], context_period
    for mention in mentions:
        if mention.year_end and base is not None:
            mention = replace(mention, period=month_period(base.end.year, 12, 12))
        elif mention.period is not None:
            base = mention.period
        dated.append(mention)
    return dated


def latest_span(mentions: list[PeriodMention]) -> Period | None:
    """The last span of several years, or of months from January, that the mentions name."""
    spans = [m.period for m in mentions if m.period is not None and is_span_period(m.period)]
    return spans[-1] if spans else None


def is_span_period(period: Period) -> bool:
    """Several years, or months from January short of the year ("January to May"); not a month, quarter or half."""
    start, end = period.start, period.end
    return start.year != end.year or (start.month == 1 and end.month not in (1, 3, 6, 12))


def may_set_scene(period: Period, frame: Frame) -> bool:
    """A period one sentence names becomes the scene of the sentences after it unless it is an aside: a part of
    the release's reference period ("In the fourth quarter, exports grew 1.8 percent" in a release about the
    year, "Pledges in the third quarter ..." in one about January to September) or a period before it
    ("exports in April last year had soared ..."). The figures after such a sentence are the release's own.

    A period the title or lead reports on sets the scene ("H1 exports hit record; June up 39.7%"); so does a
    longer span holding the reference ("In the first half of 2025, ..." closing a release about June, its
    production and sales after it), and a later one (the year a forecast is for)."""
    reference = frame.reference
    if reference is None or period in frame.references:
        return True
    inside = reference.start <= period.start and period.end <= reference.end
    return not inside and period.end >= reference.start


def year_of_undated_release(metrics: list[Metric], context: Context) -> Period | None:
    """"Bilateral trade reached USD 6.4 billion in 2023 ... Korea's exports to Kazakhstan rose 73.2 percent": in a
    release reporting on no period of its own (a visit, an anniversary; not a trade remedy, whose market "worth KRW
    400 billion a year" is no year's), with no scene yet, a sentence whose every figure its own clause dates to a
    whole year sets that year as the scene, though it names it after them; of several years ("grew from USD 1.6
    billion in 2003 to USD 6.5 billion in 2023", "amounted to USD 1.6 billion in 2003 ... and grew 412.5 percent to
    $8.2 billion in 2023"), the latest, which "over the same period" after it runs to."""
    if context.frame.reference is not None or context.period is not None or not metrics \
            or context.frame.kind == "remedy":
        return None
    dated = [m for m in metrics if m.period_rule != "earlier_level"] or metrics
    # "... reached USD 6.4 billion in 2023, and the two sides aim to raise it to USD 10 billion by 2030": a target's
    # year is ahead of what the release reports, no scene for the figures after it
    dated = [m for m in dated if m.qualifier not in ("target", "forecast")] or dated
    if not all(m.period_start is not None and (m.period_start.month, m.period_end.month) == (1, 12)
               and m.period_start.year == m.period_end.year and m.period_rule in OWN_CLAUSE_RULES for m in dated):
        return None
    last = max(dated, key=lambda m: m.period_start)
    return Period(last.period_start, last.period_end)


def subject_asides(sentence: str) -> list[tuple[int, int]]:
    """The sentence's asides between a subject and its verb (", which ...,", ", now subject to ...,")."""
    if "," not in sentence or ("which" not in sentence and "where" not in sentence and "subject to" not in sentence
                               and "now facing" not in sentence):
        return []  # the words every aside opens on: a look before the search
    return subject_aside_spans(sentence)


def aggregate_aside(period: Period | None, reference: Period | None) -> bool:
    """"First-quarter exports amounted to $146.9 billion. By item, ..." in a release about March: a total over a
    longer span that holds the release's own period was an aside; a "By item" breakdown is of the month again. So
    is a part of the release's year ("December exports jumped 12.6 percent ... By item, semiconductors grew" in a
    release about the year: the breakdown is of the year again; in one about the first half, the month's)."""
    if period is None or reference is None:
        return False
    whole_year = (reference.start.month, reference.end.month) == (1, 12) and reference.start.year == reference.end.year
    return holds_reference(period, reference) or whole_year and part_of_reference(period, reference)


# The period rules of a figure dated by its own words: its clause, a span it lies in, or "annual exports of"
SCENE_SETTING_RULES = frozenset({"between", "clause", "full_year"})


def own_period(metrics: list[Metric], frame: Frame) -> Period | None:
    """"Exports for the first half reached ... Semiconductors posted $13.4 billion in June exports, ...": a
    sentence whose every figure is dated by its own clause to the release's reference period returns the scene to
    that period, though it names it after its figures; so does one dated to the lead's own period when the title
    names another ("combined imports of energy reached $17.9 billion in June" in a release whose lead is on June and
    whose title is on the first half). The sentences after it read it. A month the title names beside its year or
    half ("ICT exports fall in 2023 but rebound in December") is an aside of that reference."""
    references = tuple(p for p in (frame.reference, frame.lead_reference) if p is not None)
    if not references or not metrics:
        return None
    first = metrics[0]
    if first.period_start is None or any(m.period_rule not in SCENE_SETTING_RULES or
                                         (m.period_start, m.period_end) != (first.period_start, first.period_end)
                                         for m in metrics):
        return None
    return next((p for p in references if (p.start, p.end) == (first.period_start, first.period_end)), None)


# "pushing the figure up 38.6 percent", "; the latter fell 12.3 percent", "; the amount was 3.0 percent less": a change
# whose own words point back at a level the sentence stated
ANAPHORIC_CHANGE = compile_gated(r"\bthe\s+(?:(?:former|latter)(?:\s+figure)?|figure|amount)\b[^;,()\d]{0,40}$")


def with_partner_of_flows(balance: Metric, metrics: list[Metric]) -> Metric:
    """"Exports to the UAE rose 9.7 percent to $5.6 billion, while imports surged 79.8 percent to $13.5 billion,
    leaving Korea with a trade deficit of $7.9 billion": the balance the flows before leave is with their partner."""
    partners = {m.region for m in metrics if m.indicator in ("exports", "imports")
                and (m.period_start, m.period_end) == (balance.period_start, balance.period_end)}
    if len(partners) != 1 or None in partners:
        return balance
    return replace(balance, region=partners.pop(), region_rule="flows_before")


def same_line(first: Metric, second: Metric) -> bool:
    """Same subject and period."""
    return (first.indicator, first.item, first.region, first.period_start, first.period_end) == \
        (second.indicator, second.item, second.region, second.period_start, second.period_end)


def with_anaphoric_changes(sentence: str, offset: int, metrics: list[Metric]) -> list[Metric]:
    """A change stated on its own after its level, pointing back at it ("Semiconductors accounted for $17.3 billion of
    the total, with AI server demand pushing the figure up 38.6 percent", "came to $18.1 billion and $10.5 billion,
    respectively; the latter fell 12.3 percent"): one line, the level's, when the change has the level's subject and
    period (not "while the figure for steel fell 3.2 percent" after ships)."""
    merged, dropped = list(metrics), set()
    for index, change in enumerate(metrics):
        if change.value is not None or change.change_pct is None:
            continue
        start = change.figure_start - offset
        if ANAPHORIC_CHANGE.search(sentence, max(0, start - 60), start) is None:
            continue
        for back in range(index - 1, -1, -1):
            level = merged[back]
            if back in dropped or level.value is None:
                continue
            if level.change_pct is None and (level.indicator, level.item, level.region, level.period_start,
                                             level.period_end) == (change.indicator, change.item, change.region,
                                                                   change.period_start, change.period_end):
                merged[back] = replace(level, change_pct=change.change_pct, change_basis=change.change_basis)
                dropped.add(index)
            break  # the nearest level before is the one pointed at
    return [m for index, m in enumerate(merged) if index not in dropped] if dropped else metrics


def with_earlier_levels(sentence: str, offset: int, stated: list[Figure], metrics: list[Metric],
                        mentions: list[PeriodMention]) -> list[Metric]:
    """The metrics, with each earlier level of the sentence ("rose to $4.9 billion from $4.8 billion a year earlier")
    as a metric of its own, in order: the subject of the level it is compared with, the period it names, else that
    level's period a year back; no change. An earlier level of no period is left out."""
    earlier = []
    for index, figure in enumerate(stated):
        if figure.role != "prior":
            continue
        later = earlier_level_of(sentence, stated, index)
        compared = next((m for m in metrics if later is not None and m.figure_start == offset + later.start), None)
        parallel = parallel_start(sentence, later, earlier) if compared else None
        metric = earlier_level_metric(sentence, offset, figure, compared, mentions, parallel) if compared else None
        if metric is not None:
            earlier.append(metric)
    return sorted([*metrics, *earlier], key=lambda m: m.figure_start) if earlier else metrics


def parallel_start(sentence: str, later: Figure, earlier: list[Metric]) -> Period | None:
    """"rise from 6.2 percent in 2017 to 20 percent by 2030, while that of nuclear will decline from 30.3 percent to
    23.9 percent over the same period": an earlier level of no period of its own, its change "over the same period",
    starts where the sentence's dated earlier level did."""
    if "same period" not in sentence or SAME_PERIOD_AFTER.match(sentence, later.end) is None:
        return None
    dated = [m for m in earlier if m.period_rule == "earlier_level"]
    return Period(dated[-1].period_start, dated[-1].period_end) if dated else None


def earlier_level_metric(sentence: str, offset: int, figure: Figure, compared: Metric,
                         mentions: list[PeriodMention], parallel: Period | None = None) -> Metric | None:
    """"from $4.8 billion a year earlier" / "from 24.0 percent in 2014": the earlier level, dated; "from 30.3 percent
    to 23.9 percent over the same period": dated as the parallel earlier level before it."""
    a_year_back = A_YEAR_BACK.match(sentence, figure.end) is not None
    # the figure's own number and place; its subject is the compared level's, its change none of its own
    as_figure = dict(unit=figure.unit, change_pct=None, change_basis=None, qualifier="exact",
                     figure_start=offset + figure.start, figure_end=offset + figure.end,
                     figure_text=sentence[figure.start:figure.end])
    if compared.period_rule == "undated":
        # A rate of no period ("93.0 percent of its tariff lines, up from 80.1 percent under the Korea-ASEAN FTA"):
        # its earlier level has none either. One that names a year is of a subject misread as undated: left out.
        dated = a_year_back or earlier_level_mentions(sentence, figure, mentions)
        return None if dated else replace(compared, value=figure.value, **as_figure)
    if a_year_back:
        period = year_before(compared.period_start, compared.period_end)
        period_rule = "year_before"
    else:
        named = earlier_level_mentions(sentence, figure, mentions)
        period, period_rule = (named[0].period, "earlier_level") if named else \
            (parallel, "same_period") if parallel is not None else (None, "none")
    if period is None:
        return None
    value = -figure.value if compared.indicator == "trade balance" and earlier_deficit(sentence, figure, compared) \
        else figure.value
    return replace(compared, period_start=period.start, period_end=period.end, period_kind=period_kind(period),
                   period_rule=period_rule, value=value, **as_figure)


def earlier_deficit(sentence: str, figure: Figure, compared: Metric) -> bool:
    """An earlier balance is a deficit when its own word says so ("from a surplus of $1.0 billion" is none), else when
    the balance compared with it is one ("narrowed to a deficit of $1.1 billion from $3.1 billion")."""
    words = BALANCE_WORD.findall(sentence, max(0, figure.start - 20), figure.start)
    return words[-1].lower() in NEGATIVE_BALANCE if words else (compared.value or 0) < 0


def earlier_level_mentions(sentence: str, figure: Figure, mentions: list[PeriodMention]) -> list[PeriodMention]:
    """The period an earlier level names right after it ("from 24.0 percent in 2014")."""
    return [m for m in mentions if figure.end <= m.start <= figure.end + 12 and m.period is not None
            and is_earlier_level_period(sentence, m)]


# "the previous record of $12.5 billion set just one month earlier", "the high of $7.1 billion posted a year before":
# a level the words after it set a month or a year before the period its sentence is of
SET_EARLIER_AFTER = compile_gated(r"\s+(?:set|posted|recorded|reached|registered|logged|hit|seen)\s+"
                                  r"(?:just\s+|only\s+)?(?:a|one)\s+(?P<unit>month|year)\s+(?:earlier|before|ago)\b")


def set_earlier(sentence: str, observation: Observation, period: Period) -> tuple[Period, str] | None:
    """The period a level alone is of when it was set a month or a year before the one it is otherwise dated to
    (the month back only from a single month); else None."""
    level = observation.level
    if level is None or not any(sentence.find(word, level.end, level.end + 45) >= 0
                                for word in (" earlier", " before", " ago")):
        return None  # every such phrase ends in one of them: a look before the match
    match = SET_EARLIER_AFTER.match(sentence, level.end)
    if match is None:
        return None
    if match.group("unit") == "year":
        return year_before(period.start, period.end), "year_before"
    if (period.start.year, period.start.month) != (period.end.year, period.end.month):
        return None
    back = period.start - dt.timedelta(days=1)
    return month_period(back.year, back.month, back.month), "month_before"


def year_before(start: dt.date | None, end: dt.date | None) -> Period | None:
    """The same months a year back (February's last day is looked up, not copied)."""
    if start is None or end is None:
        return None
    return Period(start.replace(day=1, year=start.year - 1), month_period(end.year - 1, end.month, end.month).end)


# "Exports exceeded the previous record of $604.9 billion set in 2018 by about $40 billion": the margin a level beat
# another by is a difference, not the level (ANNOTATION.md's "exports difference")
# (not "topped $20 billion, driven by about $10.2 billion in pledges from the EU": a comma or a participle's "by")
MARGIN_BY = compile_gated(r"\b(?:exceed(?:ed|s)?|surpass(?:ed|es)?|topped|outpaced|outstripped|beat)\b[^;(),]*?"
                          r"(?<!driven\s)(?<!fueled\s)(?<!fuelled\s)(?<!spurred\s)(?<!helped\s)(?<!supported\s)"
                          r"(?<!buoyed\s)(?<!propelled\s)(?<!boosted\s)(?<!led\s)(?<!backed\s)\bby\s+"
                          r"(?:about\s+|around\s+|some\s+|nearly\s+|roughly\s+|more\s+than\s+|over\s+|almost\s+)?"
                          r"(?:USD\s+|US\$\s*|\$\s*|KRW\s+)?$")


def is_margin(sentence: str, clause_start: int, level_start: int) -> bool:
    return "by" in sentence[max(clause_start, level_start - 20):level_start] \
        and MARGIN_BY.search(sentence, clause_start, level_start) is not None


def is_deficit(sentence: str, observation: Observation, figures: list[Figure]) -> bool:
    """The trade balance is exports minus imports: a deficit is a negative level, a surplus a positive one.

    The word is the nearest "deficit" or "surplus" before the amount, since the figure before it
    ("posted a deficit of $2.1 billion in May, after a surplus of $0.9 billion in April"), else right after
    it ("a $7 billion deficit"; "the surplus reached $51.8 billion, a turnaround from the $10.3 billion deficit
    of 2023"), else before it in the sentence ("The trade deficit widened 20 percent to $5 billion"). The word
    right after the figure before is that figure's ("swung to a $3.1 billion surplus from the $1.2 billion
    deficit"). A change keeps its sign as written: only the level is signed."""
    level = observation.level
    if level is None or level.unit not in CURRENCY_UNITS or level.value <= 0:
        return False
    since = max((f.end for f in figures if f.end <= level.start and f is not level), default=0)
    earlier_own = BALANCE_WORD_AFTER.match(sentence[since:since + 30]) if since else None
    between = sentence[since + (earlier_own.end() if earlier_own else 0):level.start]
    words = BALANCE_WORD.findall(between) if between else []
    if words:
        return words[-1].lower() in NEGATIVE_BALANCE
    after = BALANCE_WORD_AFTER.match(sentence[level.end:level.end + 30])
    if after:
        return after.group("word").lower() in NEGATIVE_BALANCE
    words = BALANCE_WORD.findall(sentence[:since]) if since else []
    return bool(words) and words[-1].lower() in NEGATIVE_BALANCE


COMPARED_WITH_YEAR = compile_gated(r"\b[Cc]ompared\s+(?:to|with)\s+(?:the\s+same\s+period\s+(?:of|in)\s+)?"
                                   r"(?P<year>(?:19|20)\d\d)\b")


def compared_with_earlier_year(sentence: str, period: Period) -> bool:
    """"Compared to 2019, exports were up 19.0 percent" of 2021: a change on a year before the year before."""
    compared = COMPARED_WITH_YEAR.search(sentence)
    return compared is not None and int(compared.group("year")) < period.start.year - 1


CONTRAST_LEADS = frozenset({"while", "whereas", "but"})


def only_in_contrast_after(phrases: tuple[tuple[int, int, str], ...], clause, clauses) -> bool:
    """"Daily average exports were down 1.4 percent, while on a month-on-month basis exports grew 7.9 percent": a
    basis named only in a contrasting clause after a figure's own is that clause's, not the figure's."""
    return all(start >= clause.end and clause_at(clauses, start).lead in CONTRAST_LEADS for start, _, _ in phrases)


def clause_basis(phrases: tuple[tuple[int, int, str], ...], scene, figures: list[Figure]) -> str | None:
    """"fell 2.1 percent year-on-year ..., but were up 8.6 percent from the previous month": where a sentence
    names both bases, a change takes the one of its own clause, the one right after it first."""
    change = scene.observation.change
    if change is None:
        return None
    clause = scene.clause
    own = [(start, kind) for start, _, kind in phrases if clause.start <= start < clause.end]
    after = [(start, kind) for start, kind in own if start >= change.end
             and not any(f.role == "change" and change.end <= f.start < start for f in figures)]
    if after:
        return after[0][1]
    before = [kind for start, kind in own if start < change.start]
    return before[-1] if before else None


YEAR_NAMED = compile_gated(r"\b(?:19|20)\d\d\b")
# "down 10.2 percent from the third quarter", "up 0.5 percent from the previous quarter": a change on another quarter
QUARTER_ON_QUARTER = compile_gated(
    r"\b(?:from|than|over|on|compared\s(?:to|with))\s(?:the\s)?(?:previous|preceding|prior|last|first|second|third|"
    r"fourth)\s(?:quarter|half)\b|\bquarter-on-quarter\b|\bq-o-q\b", re.IGNORECASE)


# "the most since 2014", "the highest since August 2009": the year a record is compared with spans no change
RECORD_SINCE_YEAR = compile_gated(r"\b(?:most|highest|lowest|largest|biggest|smallest|best|worst|strongest|weakest|"
                                  r"fastest|steepest|sharpest|first)\b[^,;.()\d]{0,30}\bsince\s+(?:[A-Z][a-z]+\s+)?"
                                  r"(?:19|20)\d\d\b")


def years_named(sentence: str) -> tuple[int, int]:
    """The earliest and the latest year the sentence names (9999, 0 when none), a record's "since" year aside."""
    if "since" in sentence:
        sentence = RECORD_SINCE_YEAR.sub(" ", sentence)
    years = [int(m.group()) for m in YEAR_NAMED.finditer(sentence)] if "19" in sentence or "20" in sentence else []
    return (min(years), max(years)) if years else (9999, 0)


def unnamed_basis(sentence: str, period: Period, published_on: dt.date, years: tuple[int, int],
                  carried_across: bool) -> str | None:
    """The basis of a change whose release names none: "Imports edged up 0.3 percent to $54.1 billion" in a monthly,
    quarterly or annual release is year-on-year, as the gold reads it (ANNOTATION.md), and so is an outlook for the
    next year; not a change toward a horizon ("cut by 24.3 percent by 2035"), over several years ("in 2012 ... grew
    66.1 percent to $169.1 billion in 2021", "over the period", and the changes after it that name no period), nor
    on another quarter."""
    if carried_across or period_kind(period) not in ("month", "quarter", "half", "year", "cumulative"):
        return None
    horizon = published_on.year + 1
    if period.end.year > horizon or years[1] > horizon or years[0] < period.start.year - 1 or " the period" in sentence:
        return None
    if ("quarter" in sentence or "half" in sentence or "q-o-q" in sentence) and QUARTER_ON_QUARTER.search(sentence):
        return None
    return "yoy"


def compared_month_spans(sentence: str, mentions: list[PeriodMention],
                         context_period: Period | None = None) -> tuple[tuple[int, int, str], ...]:
    """The months a sentence compares its month with, the one just before it, as basis phrases (start, end, "mom"):
    "Compared with June, however, exports rose 4.6 percent ..., down 9.3 percent on-year" names two bases, each
    of its clause."""
    if "than" not in sentence and "ompared" not in sentence and "bove" not in sentence and "elow" not in sentence:
        return ()
    months = [m for m in mentions if m.period and m.period.start == m.period.end.replace(day=1)]
    compared = [m for m in months if THAN_BEFORE.search(sentence[max(0, m.start - 30):m.start])]
    reported = [m.period for m in months if m not in compared]
    if not reported and context_period is not None and context_period.start == context_period.end.replace(day=1):
        reported = [context_period]
    return tuple((earlier.start, earlier.end, "mom") for earlier in compared
                 if any(earlier.period.start == month_before(later.start) for later in reported))


# "although they grew 1.5 percent from the second quarter", "but 4.5 percent lower than in July": what the change
# right before is compared with
PREVIOUS_CUE = compile_gated(r"\b(?:from|than|over|compared\s(?:to|with))\s(?:in\s|the\s)?$", re.IGNORECASE)


def on_period_before(sentence: str, change: Figure, period: Period | None,
                     mentions: list[PeriodMention]) -> tuple[str | None] | None:
    """A change on the period just before its own ("up 2.4 percent from August" of September, "grew 1.5 percent from
    the second quarter" of the third): (basis,), mom for a month and none for a quarter or half (the contract names
    only yoy and mom); None when the change is compared with no such period."""
    kind = period_kind(period)
    if kind not in ("month", "quarter", "half"):
        return None
    before = dt.date(period.start.year - 1, 12, 31) if period.start.month == 1 else period.start - dt.timedelta(days=1)
    for mention in mentions:
        if not change.end <= mention.start <= change.end + 30 or mention.period is None:
            continue
        if mention.period.end == before and period_kind(mention.period) == kind \
                and PREVIOUS_CUE.search(sentence, max(0, mention.start - 20), mention.start):
            return ("mom" if kind == "month" else None,)
    return None


def month_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1, month=12) if day.month == 1 else day.replace(month=day.month - 1)


def reported_periods(sentence: str, published_on: dt.date) -> list[PeriodMention]:
    """The periods a sentence names, days (an event's date) left out."""
    return [m for m in find_periods(sentence, published_on) if not m.is_date]


# "The June figures", "June's results", "the data for December": the month's own results, named as a subject
MONTH_RESULTS = compile_gated(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                              r"December)(?:['’]s)?\s+(?:figures|results|data)\b|\b(?:figures|results|data)\s+for\s+"
                              r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                              r"December)\b")


def framing_context(sentence: str, published_on: dt.date, context: Context) -> Context:
    """A sentence with no figure can still set the scene: the period and subject that follow.

    Its periods are read only once it is known to set a scene: most such sentences do not."""
    if load_lexicon().anaphora_lead.match(sentence):
        return context  # "This decrease was due to ...": an explanation sets no new scene
    planned = plan_cue(sentence)
    if planned:
        context = replace(context, plan=read_plan(sentence, reported_periods(sentence, published_on)) or context.plan)
    if context.aside_total and context.aside != context.period and not planned \
            and {m.period for m in reported_periods(sentence, published_on)} == {context.aside}:
        # "In June alone, exports jumped ... Imports climbed ... All 15 major export items increased in June.": a
        # second sentence on the month turns the release to it, as one with figures does
        context = replace(context, period=context.aside, turned=True)
    head = clause_head(sentence)
    # "Slower smartphone sales ..." in a trade release explains; it names no subject of the release.
    # And the subject leads its sentence ("Exports of X ...", "Korea's FDI pledges ..."), not a cause
    # somewhere in it ("... and tech companies' delayed investments in data centers").
    leading = [h for h in find_indicators(head) if len(head[:h.start].split()) <= 4 and (
        not h.indicator.frame_named or context.frame.sales_indicator != "sales")]
    if not leading and context.frame.kind == "remedy":
        # "The KTC decided to extend anti-dumping duties on stainless steel bars from Japan, India and Spain":
        # the remedy a trade-remedy release is about, wherever the sentence names it; its rates follow.
        leading = [h for h in find_indicators(sentence) if not h.indicator.dated]
    hit = most_specific(leading) if find_indicators(sentence) else None
    if hit is None and ("igure" in head or "esult" in head or "data" in head) and MONTH_RESULTS.search(head):
        # "The June figures were weaker. Production decreased 10.2 percent ...": a sentence on the month's results
        # turns a release on the half or the year to the month
        months = {m.period for m in reported_periods(sentence, published_on) if m.period is not None}
        if len(months) == 1 and period_kind(next(iter(months))) == "month":
            return replace(context, period=months.pop(), turned=True)
    if hit is None and not find_items(head):
        # "The IMF lowered its projections for 2019", "The decrease was due to ...": no new scene, but for one
        context = returned_to_reference(sentence, published_on, context)
        listed = item_list_subject(sentence, context.frame)
        return replace(context, last_subject=listed) if listed is not None else with_item_subject(sentence, context)
    dated = {m.period for m in reported_periods(sentence, published_on)
             if m.period is not None and not is_comparison(sentence, m)
             and not RELATIVE_YEAR.search(sentence[m.start:m.end])}
    # One period, stated as fact, about what the release measures: the scene for what follows.
    period = dated.pop() if len(dated) == 1 and not planned else context.period
    if period is not None and not may_set_scene(period, context.frame):
        period = context.period
    if hit is None:
        return with_item_subject(sentence, replace(context, period=period))
    items = find_items(sentence)
    regions = find_regions(sentence)
    remedied = RATE_FOR.search(sentence, hit.end) if context.frame.kind == "remedy" and not hit.indicator.dated \
        else None
    remedied = rate_item(remedied.group(1)) if remedied else None  # "duties on stainless steel bars from ..."
    if remedied is None and context.frame.kind == "remedy" and not hit.indicator.dated:
        # "duties be imposed for five years on imports of stainless steel cold-rolled plates": the goods the title
        # names by their whole name, not the known "steel" inside it
        remedied = title_goods(context.frame)
    item, written = remedied or ((items[0].name, items[0].written) if items else (None, None))
    framing = Subject(hit.indicator.name if not hit.indicator.frame_named else context.frame.sales_indicator,
                      item, written,
                      framing_region(sentence, regions), hit.indicator.dated, "framing", "framing", "framing")
    return replace(context, period=period, last_subject=framing)


def with_item_subject(sentence: str, context: Context) -> Context:
    """"Eco-friendly vehicles, however, remained strong. Their exports rose 64.1% to $1.3 billion": a sentence with no
    figure nor indicator that opens on an item sets that item for the subject after it."""
    if context.last_subject is None or context.last_subject.indicator == "unspecified":
        return context
    named = [span for span in find_items(sentence) if span.start == 0]
    if not named:
        return context
    return replace(context, last_subject=replace(context.last_subject, item=named[0].name,
                                                 item_written=named[0].written, item_rule="framing"))


def framing_region(sentence: str, regions) -> str | None:
    """The partner a scene-setting sentence names first, with those listed jointly after it ("anti-dumping duties on
    stainless steel bars from Japan, China and India": what "their share of the Korean market" is after it)."""
    if not regions:
        return None
    return join_regions(regions_listed_after(sentence, regions, 0))


def item_list_subject(sentence: str, frame: Frame) -> Subject | None:
    """"All 15 major items grew in June for the second month in a row": a sentence naming the release's list of items,
    and no indicator, sets the scene of the list that follows: the items' indicator (exports), not the one before."""
    lists = load_lexicon().item_list_indicator.get(frame.kind)
    if lists is None or not names_item_list(sentence, lists):
        return None
    return Subject(lists["indicator"], None, None, None, True, "framing", "framing", "framing")


def returned_to_reference(sentence: str, published_on: dt.date, context: Context) -> Context:
    """"Imports in H1 totaled $288.2 billion. All 15 major items grew in June ...": in a release about both the half
    and its last month, a sentence with no figure that names one of the release's own periods, and only it, returns
    the scene to that period. Read only when the release reports on more than one period and the scene is away."""
    frame = context.frame
    if len(frame.references) < 2 or context.period not in frame.references:
        return context
    named = {m.period for m in reported_periods(sentence, published_on)
             if m.period is not None and not is_comparison(sentence, m)}
    if len(named) != 1 or context.period in named:
        return context
    period = named.pop()
    # Periods within one year only: a plan's span (2017-2031) and its target year are not such a pair.
    within_year = period.start.year == period.end.year == context.period.start.year == context.period.end.year
    return replace(context, period=period) if within_year and period in frame.references else context


# "will open 10 new export support desks at KOTRA's overseas offices in North America": where the plan's offices sit,
# not a partner its targets are about
SEAT_IN = compile_gated(r"\b(?:offices?|desks?|cent(?:er|re)s?|branch(?:es)?|headquarters|embass(?:y|ies)|"
                        r"missions?)\s+(?:in|at)\s+(?:the\s+)?$")


def read_plan(sentence: str, mentions: list[PeriodMention]) -> Plan | None:
    """"The project aims to reduce emissions in Cambodia's transport sector over a ten-year period (2025–2034)"."""
    periods = {m.period for m in mentions if m.period is not None and not is_comparison(sentence, m)}
    items = find_items(sentence)
    sector = SECTOR.search(sentence) if "sector" in sentence or "industry" in sentence else None
    item = items[0].name if items else (noun_phrase(sector.group(1)) if sector else None)
    regions = [r for r in find_regions(sentence) if not r.written.startswith("Korea")
               and not SEAT_IN.search(sentence, max(0, r.start - 30), r.start)]
    plan = Plan(periods.pop() if len(periods) == 1 else None, item, regions[0].name if regions else None)
    return plan if plan.period or plan.item or plan.region else None


def with_list_verb_indicator(metrics: list[Metric]) -> list[Metric]:
    """"the Tucson (15,210 units) and the Trax (11,863 units) were the most exported": the entries of a bracketed list
    share the verb after the last one; an entry before it that only carried an indicator takes the verb's."""
    last = metrics[-1]
    if last.indicator_rule != "clause_right" or last.item_rule != "parenthesis_lead":
        return metrics
    return [replace(m, indicator=last.indicator, indicator_rule="list_verb")
            if m.indicator_rule == "carried" and m.item_rule == "parenthesis_lead" and m.unit == last.unit else m
            for m in metrics]


def with_sentence_target(metrics: list[Metric], mentions: list[PeriodMention], published_on: dt.date) -> list[Metric]:
    """"the share of nuclear power will rise to 32.4 percent and that of renewable energy to 21.6 percent in 2030",
    "raise the share of nuclear power to 32.4 percent by 2030 and that of new and renewable energy to 21.6 percent,
    while reducing coal to 19.7 percent": the one year ahead a sentence names, dating one of its targets by its own
    clause, is the year of its other targets and forecasts naming none, and of the levels after it, not the scene's
    (nor the plan's span). A figure reported before it ("Chip exports jumped 54.5 percent to $11.4 billion, and the
    ministry expects them to reach $150 billion by 2030") keeps the scene's period."""
    periods = {m.period for m in mentions if m.period is not None and not m.is_date}
    if len(periods) != 1:
        return metrics
    target = periods.pop()
    # the year of the release too: "projects that exports will grow 4.0 percent to $597 billion in 2018 and has set a
    # target of reaching $600 billion", on January 1, 2018, after a sentence on 2017
    if target.start.year < published_on.year or (target.start.month, target.end.month) != (1, 12) \
            or target.start.year != target.end.year:
        return metrics
    dated = next((m for m in metrics if m.period_rule in OWN_CLAUSE_RULES
                  and (m.period_start, m.period_end) == (target.start, target.end)), None)
    if dated is None or not any(m.qualifier in ("target", "forecast") for m in metrics):
        return metrics
    # a target or forecast, or a share a gapped clause after the dated target sets ("and that of renewables to 25.5
    # percent, while cutting coal to 12.0 percent"); not an amount set off after it ("while auto exports, a record
    # $70.9 billion, are set to stay flat" is this year's record)
    return [replace(m, period_start=target.start, period_end=target.end, period_kind=period_kind(target),
                    period_rule="sentence_target")
            if m.period_rule in ("context", "plan") and (m.qualifier in ("target", "forecast") or (
                m.figure_start > dated.figure_start and m.change_pct is None and m.value is not None
                and m.unit == "percent"))
            else m for m in metrics]


def with_plan(metric: Metric, plan: Plan | None) -> Metric:
    """A target or forecast with no period, item or region of its own takes its plan's."""
    if plan is None or metric.qualifier not in ("target", "forecast"):
        return metric
    changes = {}
    if metric.period_start is None and plan.period is not None and metric.period_rule != "undated":
        changes.update(period_start=plan.period.start, period_end=plan.period.end,
                       period_kind=period_kind(plan.period), period_rule="plan")
    if metric.item is None and plan.item:
        changes.update(item=plan.item, item_as_written=plan.item, item_rule="plan")
    if metric.region is None and plan.region:
        changes.update(region=plan.region, region_rule="plan")
    return replace(metric, **changes)


# "reached 391,000 units, up 3.7 percent, bringing the Q1 total to about 1.06 million units": the change set off
# after a level is that level's; the total it brings about is a level of its own
LEADS_TO_TOTAL = compile_gated(r",\s(?:thus\s|thereby\s)?(?:bringing|raising|lifting|pushing|taking|putting|boosting)\s"
                               r"[^,;()]*\btotal\b[^,;()]*$")


def group_figures(sentence: str, figures: list[Figure]) -> list[Observation]:
    """Pair each change with the level it qualifies; what stays alone is its own observation."""
    paired = pair_respectively(sentence, figures)
    used = {id(f) for obs in paired for f in (obs.level, obs.change) if f}
    observations = list(paired)
    remaining = [f for f in figures if id(f) not in used]
    index = 0
    while index < len(remaining):
        figure = remaining[index]
        following = remaining[index + 1] if index + 1 < len(remaining) else None
        after = remaining[index + 2] if index + 2 < len(remaining) else None
        if following and after and figure.role == "level" and pairs_with(sentence, following, after) \
                and not (figure.unit == after.unit and LEADS_TO_TOTAL.match(sentence, following.end, after.start)):
            following = None  # "$101.8 billion, which grew 66.1 percent to $169.1 billion": the later level's change
        if following and pairs_with(sentence, figure, following):
            level, change = (figure, following) if figure.role == "level" else (following, figure)
            observations.append(Observation(level=level, change=change))
            index += 2
            continue
        observations.append(Observation(level=figure) if figure.role == "level" else Observation(change=figure))
        index += 1
    return sorted(observations, key=lambda obs: obs.start)


def pairs_with(sentence: str, first: Figure, second: Figure) -> bool:
    between = sentence[first.end:second.start]
    depths = parenthesis_depths(sentence)
    if depths[first.start] != depths[second.start] and between[:1] == ")" and depths[first.start] == 1:
        return bracketed_pair(between, first, second)
    if depths[first.start] != depths[second.start] and "(" not in between[:3] and ")" not in between \
            and not (first.role == "level" and ASIDE_BEFORE_CHANGE.match(between)):
        return False
    if first.role == "change" and second.role == "level" and second.unit != "percent":
        if depths[first.start] and between.strip() == "," and sentence.startswith(")", second.end):
            return True  # "automobiles (up 35.1 percent, $4.3 billion)": the change, then its level, in one bracket
        return bool(CHANGE_TO_LEVEL.match(between)) and not CLAUSE_BREAK.search(between) \
            and not opens_partner_entry(between) and not closes_dash_aside(sentence, first, between) \
            and not ("those" in between and THOSE_OPEN.search(between)) \
            and not ("followed" in between and NEXT_IN_RANKING.search(between)) \
            and not ("with" in between and WITH_CLAUSE_OPENS.search(between))
    if first.role == "level" and second.role == "change" and first.unit not in ("percent", "percentage points"):
        # "posted $13.4 billion in June exports, the highest ever for a single month, up 50.9 percent": a change
        # set off by a comma at the end of its level's clause reaches back over the level's own asides.
        # A change in brackets after the level's aside (ASIDE_BEFORE_CHANGE, which bounds its words) does too.
        after_aside = depths[first.start] != depths[second.start] and "(" not in between[:3]
        if "(" in between:
            between = GLOSS.sub("", between)
        trailing = TRAILING_CHANGE.search(between)
        if not trailing and ("ough" in between or "beit" in between) and CONCESSIVE.search(between) \
                and not SAME_SUBJECT_CONCESSION.search(between):
            # "$44.1 billion in November, although imports fell 13.0 percent"; but "to $7.4 billion, though they
            # remained 36.2 percent below a year earlier" is the level's own change
            return False
        reach = 100 if trailing or after_aside else 45
        # "and it marked the growth of": the "and" goes on about the level's own subject
        same_subject = trailing is not None and trailing.group("same_subject") is not None
        return len(between) <= reach and (same_subject or not PAIR_BREAK.search(between)) \
            and ")" not in between.rstrip(" (")[:-1]
    return False


def closes_dash_aside(sentence: str, change: Figure, between: str) -> bool:
    """"$141.9 billion — up 43.9 percent and the largest ever — followed by automobiles at $70.8 billion": the change
    stands in an aside a dash opened before it, on the level before; the dash that closes the aside ends its reach.
    A dash aside after the change ("advanced 33.0 percent – for the fifth month in a row – to reach $340 million")
    does not."""
    if "—" not in between and "–" not in between:
        return False  # every dash aside holds one: a look before the search
    return bool(DASH.search(between)) and len(DASH.findall(sentence, 0, change.start)) % 2 == 1


# "up 10.5 percent, narrowly trailing those to China at $133.0 billion": the level of another subject, named by
# its anaphor
THOSE_OPEN = compile_gated(r"\b(?:those|that)\s+(?:to|of|from|for|in|bound)\b")


def opens_partner_entry(between: str) -> bool:
    """"exports to China were $124.5 billion, up 21.7 percent, to Vietnam $35.8 billion": after a comma, "to" and a
    partner open the next entry of a list of destinations; the change before is not the entry's."""
    if "," not in between:
        return False  # every entry opens after a comma: a look before the search
    entry = PARTNER_ENTRY.search(between)
    return entry is not None and bool(find_regions(entry.group("name")))


def bracketed_pair(between: str, first: Figure, second: Figure) -> bool:
    """The first figure closes a parenthesis and the second stands outside it, right after: a change in parentheses
    then the level its verb reached, or a subject's level in parentheses then its verb's change."""
    if first.role == "change" and second.role == "level" and second.unit not in ("percent", "percentage points"):
        return BRACKETED_CHANGE_TO_LEVEL.match(between) is not None
    if first.role == "level" and second.role == "change" and first.unit not in ("percent", "percentage points"):
        return BRACKETED_LEVEL_TO_CHANGE.match(between) is not None
    return False


def pair_respectively(sentence: str, figures: list[Figure]) -> list[Observation]:
    """"rose 4.4 percent and 0.2 percent to $4.5 billion and $2.8 billion, respectively"."""
    if "respectively" not in sentence:
        # "were $1.9 billion, and those from the EU $2.6 billion; the former rose 7.7 percent and the latter 12.3
        # percent": the two levels listed without "respectively", the changes after them by "the former", "the latter"
        return pair_former_latter(sentence, figures) if "the former" in sentence and "the latter" in sentence else []
    bracketed = pair_bracketed_levels(sentence, figures) or pair_former_latter(sentence, figures)
    if bracketed:
        return bracketed
    # "..., respectively, to $13.2 billion and $9.1 billion, while those to Japan fell 2.0 percent": the next
    # clause's figures are not on the list
    at = sentence.index("respectively")
    closing = COORDINATION_BREAK.search(sentence, at)
    if closing is not None:
        figures = [f for f in figures if f.start < closing.start()]
    # "..., down 12.4 percent and 7.9 percent, respectively, yielding a trade deficit of $26.4 billion": a figure
    # after the word is the list's only when the lists before it do not pair on their own
    paired = pair_listed(sentence, figures) or pair_listed(sentence, [f for f in figures if f.end <= at])
    if paired or "," not in sentence[:at]:
        return paired
    # "exports to China were $9.7 billion, up 21.7%, while those to the U.S. and Vietnam increased 20.6% and 38.2%, to
    # $1.8 billion and $2.6 billion, respectively": the clause before the list's own is not on it
    # "reached $59.8 billion (up 25.3 percent), with memory chips at $36.0 billion and system chips at $21.4 billion,
    # up 28.6 percent and 19.1 percent, respectively": nor is the figure a "with" list goes on from
    opening = last_match(LIST_OPENING, sentence, 0, at)
    listed = [f for f in figures if f.start >= opening.end()] if opening is not None else figures
    return pair_listed(sentence, listed) if len(listed) < len(figures) else []


LIST_OPENING = compile_gated(r"[;]|,\s+(?:while|whereas|but|with)\s+|,\s+and\s+(?!(?:USD\s|KRW\s|\$|by\s)?\d)"
                             r"|\s+(?:while|whereas)\s+")


# "rose 3.6 percent and 6.6 percent to $10.2 billion and $11.4 billion", "..., reaching $10.2 billion and ...": the
# word that takes the changes to their levels
CHANGES_REACH_LEVELS = compile_gated(r"\b(?:to|reaching|totaling|totalling|hitting|amounting\s+to)\b")


def pair_listed(sentence: str, figures: list[Figure]) -> list[Observation]:
    """The changes and levels of a respectively list, in turn (see pair_respectively)."""
    changes = [f for f in figures if f.role == "change"]
    levels = [f for f in figures if f.role == "level" and f.unit != "percent"]
    if len(changes) < 2 or len(changes) != len(levels):
        return []
    if levels[-1].end < changes[0].start:
        return levels_then_changes(sentence, figures, levels, changes)
    if changes[-1].end > levels[0].start:
        return []
    if not CHANGES_REACH_LEVELS.search(sentence, changes[-1].end, levels[0].start):
        return []
    return [Observation(level=level, change=change) for change, level in zip(changes, levels, strict=True)]


def levels_then_changes(sentence: str, figures: list[Figure], levels: list[Figure],
                        changes: list[Figure]) -> list[Observation]:
    """"reached $1.4 billion and $4.6 billion, respectively, up 8.2 percent and 1.9 percent": the levels in turn,
    "respectively" after them, then the changes in the same order; no other figure among them (pair_former_latter
    reads the order "the former" and "the latter" give)."""
    if len(figures) != 2 * len(levels):
        return []
    # "respectively" between the two lists, or right after the changes ("came to $15.0 billion and those to the U.S.
    # to $9.1 billion, up 23.6 percent and 15.9 percent, respectively")
    if "respectively" not in sentence[levels[-1].end:changes[0].start] \
            and not RESPECTIVELY_NEXT.match(sentence, changes[-1].end):
        return []
    return [Observation(level=level, change=change) for level, change in zip(levels, changes, strict=True)]


RESPECTIVELY_NEXT = compile_gated(r",?\s*respectively\b")


def pair_former_latter(sentence: str, figures: list[Figure]) -> list[Observation]:
    """"came to $10.3 billion and $9.6 billion, respectively, with the former up 1.1 percent and the latter down
    6.8 percent": two levels listed (before "respectively", else before the first "the former" or "the latter"),
    then a change led by "the former" and one by "the latter"."""
    if "former" not in sentence or "latter" not in sentence:
        return []
    if "respectively" in sentence:
        end = sentence.index("respectively")
    else:
        lead = FORMER_OR_LATTER.search(sentence)
        end = lead.start() if lead is not None else 0
    levels = [f for f in figures if f.role == "level" and f.unit not in ("percent", "percentage points")
              and f.end <= end]
    changes = [f for f in figures if f.role == "change" and f.start > end]
    if len(levels) != 2 or len(changes) != 2:
        return []
    leads = [FORMER_OR_LATTER.search(sentence, start, change.start)
             for start, change in zip((end, changes[0].end), changes, strict=True)]
    if any(lead is None for lead in leads):
        return []
    order = [0 if lead.group(1).lower() == "former" else 1 for lead in leads]
    if sorted(order) != [0, 1]:
        return []
    return [Observation(level=levels[which], change=change) for which, change in zip(order, changes, strict=True)]


def pair_bracketed_levels(sentence: str, figures: list[Figure]) -> list[Observation]:
    """"exports to A ($10.2 billion) and B ($9.6 billion) grew 0.8 percent and 14.6 percent, respectively": each
    subject's level stands in parentheses after its name, and the changes follow in the same order."""
    depths = parenthesis_depths(sentence)
    end = sentence.index("respectively")
    for first in range(len(figures)):
        levels = []
        for figure in figures[first:]:
            if figure.role != "level" or figure.unit in ("percent", "percentage points") or not depths[figure.start]:
                break
            levels.append(figure)
        rest = figures[first + len(levels):first + 2 * len(levels)]
        if len(levels) >= 2 and len(rest) == len(levels) and all(
                f.role == "change" and not depths[f.start] and f.end <= end for f in rest):
            return [Observation(level=level, change=change) for level, change in zip(levels, rest, strict=True)]
    return []


RESPECTIVELY = re.compile(r"\brespectively\b")


def respective_subjects(sentence: str, observations: list[Observation], context: Context) -> list[dict] | None:
    """For "A and B rose 3 and 4 percent, respectively": the indicators, regions or items in turn. A sentence may
    hold two such lists ("department stores and hypermarkets were down 1.4 percent and 3.7 percent, respectively,
    while SSMs and convenience stores rose 2.1 percent and 1.5 percent, respectively"): each is read up to its own
    "respectively"."""
    if len(observations) < 2:
        return None
    if sentence.count("respectively") > 1:
        found: list[dict | None] = [None] * len(observations)
        for word in RESPECTIVELY.finditer(sentence):
            subjects = respective_list(sentence, observations, context, word.start()) or []
            found = [mine or theirs for mine, theirs in zip(found, subjects, strict=False)] + found[len(subjects):]
        return found if any(found) else None
    end = respective_end(sentence, observations)
    if end is None:
        return None
    return respective_list(sentence, observations, context, end)


def respective_list(sentence: str, observations: list[Observation], context: Context, end: int) -> list[dict] | None:
    """The subjects of the list of figures ending at end (see respective_subjects)."""
    depths = parenthesis_depths(sentence)
    # "exports to China ($10.9 billion) were down 9.4 percent, and those to the U.S. and the EU fell 4.5 percent and
    # 14.8 percent, respectively": ", and" after a figure opens a clause of its own; before any figure it may
    # close a list ("China, the U.S., and Japan").
    first_end = observations[0].end
    breaks = [m.end() for m in COORDINATION_BREAK.finditer(sentence, 0, end)
              if m.group(0).strip(", ") != "and" or m.start() >= first_end]
    breaks = sorted(breaks + with_lists(sentence, observations, first_end, end))
    clause_start = breaks[-1] if breaks else 0
    # "..., respectively, while Japan's slid 17.4 percent to $2.9 billion": what follows is not listed
    # "came to $10.3 billion and $9.6 billion, respectively, with the former up 1.1 percent": listed by the levels;
    # "grew 45.0 percent and 27.4 percent, respectively, to $1.8 billion and $0.8 billion": listed by the changes,
    # when every listed pair is so ("rose 3.3 percent and 5.8 percent, respectively, to $13.2 billion" is no list)
    ahead = [o for o in observations if o.start >= clause_start and o.end <= end]
    across = [o for o in observations if o.start >= clause_start and o.level is not None and o.change is not None
              and o.change.end <= end < o.level.start]
    listed = [o for o in observations if o.start >= clause_start
              and (o.end <= end or (o.level is not None and o.change is not None
                                    and o.level.end <= end < o.change.start))]
    if across and not any(o.change is not None and o.level is None for o in ahead):
        listed = across
    # "Automobiles ($4.4 billion) and auto parts were little changed, down 1.9 percent and 4.3 percent,
    # respectively": an aside's own figure within the list of subjects is not one of the figures listed
    while len(listed) > 2 and depths[listed[0].start] and not depths[listed[-1].start]:
        listed = listed[1:]
    if len(listed) < 2 or any(depths[o.start] for o in listed):
        return None  # "displays (up 16.2 percent) and computers (up 24.5 percent) ..., respectively"
    clause = without_relative_aside(sentence[clause_start:listed[0].start])
    k = len(listed)
    after = sentence[listed[-1].end:end]
    subjects = listed_subjects(clause, k, context.frame.kind) or respective_regions(after, k)
    if subjects is None:
        return None
    before = observations.index(listed[0])
    return [None] * before + subjects + [None] * (len(observations) - before - k)


def respective_end(sentence: str, observations: list[Observation]) -> int | None:
    """Where the list of respective figures ends: at "respectively", or, when the word is left out ("exports to
    India and the CIS gained 18.0 percent and 30.2 percent"), after the last of two or more bare changes joined by
    "and" with nothing between them; two changes cannot both be one joint subject's."""
    if "respectively" in sentence:
        return sentence.index("respectively")
    if " and " not in sentence:
        return None  # every list of changes ends with "and": a look before the search
    changes = [o.change for o in observations if o.level is None and o.change is not None]
    end = None
    for first, second in zip(changes, changes[1:], strict=False):
        joiner = JOINED_CHANGES.match(sentence[first.end:second.start])
        if joiner is None:
            if end is not None:
                break
            continue
        if "and" in joiner.group(0):
            end = second.end
    return end


# "18.0 percent and 30.2 percent", "29.3 percent, 21.7 percent, and 38.9 percent": only a comma or "and" between
JOINED_CHANGES = compile_gated(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+)$")
FORMER_OR_LATTER = compile_gated(r"\bthe (former|latter)(?:['’]s)?\b", re.IGNORECASE)
# ", and" before a figure goes on the list of figures ("29.4 percent, 27.3 percent, and 36.7 percent")
COORDINATION_BREAK = compile_gated(r"[;]|,\s+(?:while|whereas|but)\s+|,\s+and\s+(?!(?:USD\s|KRW\s|\$|by\s)?\d)"
                                   r"|\s+(?:while|whereas)\s+")
WITH_LIST = compile_gated(r",\s+with\s+")


def with_lists(sentence: str, observations: list[Observation], first_end: int, end: int) -> list[int]:
    """Where ", with" after a figure opens a list of its own: its subjects named after "with" ("rose 1.7 percent to
    $72.1 billion, with exports to the EU and the Middle East rising 12.3 percent and 9.6 percent, respectively"); not
    the subjects before it taken up again ("Exports to China and the U.S. rose, with the two markets taking 19.7
    percent and 18.3 percent of exports, respectively")."""
    starts = []
    for match in WITH_LIST.finditer(sentence, first_end, end):
        following = next((o.start for o in observations if o.start >= match.end()), end)
        between = sentence[match.end():following]
        if find_regions(between) or find_items(between):
            starts.append(match.end())
    return starts


def without_relative_aside(clause: str) -> str:
    """The clause before the listed figures with a relative aside between the list and its verb blanked."""
    if "," not in clause:
        return clause
    # "Sales at convenience stores and SSMs, where the relief payments could be used, grew ...", "Petrochemicals and
    # petroleum products, benefiting from the rise of oil prices, grew": an aside on the list
    return load_lexicon().list_aside.sub(lambda m: " " * len(m.group(0)), clause)


def listed_subjects(clause: str, k: int, kind: str | None) -> list[dict] | None:
    # "investment pledged from the U.S. and the EU" in an FDI release: the generic word is the release's own
    # indicator, one subject with "pledged", not a second one in the list
    generic = load_lexicon().frame_generic_indicator.get(kind, {})
    names = list(dict.fromkeys(h.indicator.name for h in find_indicators(clause)
                               if not h.indicator.frame_named and h.indicator.name not in generic))
    rates = load_lexicon().rate_only_indicators
    if any(name in rates for name in names) and not all(name in rates for name in names):
        # "Despite tariff pressure in the U.S., shipments to ASEAN and India climbed 7.2 percent and 11.8 percent,
        # respectively": a rate beside the flows is their cause, no subject listed
        names = [name for name in names if name not in rates]
    if len(names) == k:
        return [{"indicator": name, "indicator_rule": "respectively"} for name in names]
    regions = respective_regions(clause, k)
    if regions is not None:
        return regions
    if kind == "remedy" and FIRMS_LISTED.search(clause):
        # "Chinese exporters Qingshan Steel and Tsingtuo will be subject to 8.24 percent and 11.62 percent,
        # respectively": firms, no goods; each rate is on the release's goods
        return None
    items = listed_items(clause, k)
    if items is None:
        return None
    return [{"item": name, "item_written": written, "item_rule": "respectively"} for name, written in items]


# Firms a word for firms leads, listed: "exporters Qingshan Steel and Tsingtuo", "producers A, B and C"
FIRMS_LISTED = compile_gated(r"\b(?:suppliers|exporters|producers|manufacturers|companies|firms)\s+[A-Z][\w&.\-]*"
                             r"(?:\s+[A-Z][\w&.\-]*)*(?:,\s*(?:and\s+)?|\s+and\s+)[A-Z]")


def respective_regions(text: str, k: int) -> list[dict] | None:
    """The k regions the text names, in turn: before the figures ("Exports to A and B rose 3 and 4 percent,
    respectively"), or after them when nothing before lists the subjects ("duties of 3.76 percent and 11.66
    percent ... on paper from Indonesia and China, respectively"). An aside is no part of the list: "China
    (including Hong Kong) and the U.S. took $87.8 billion and $19.4 billion" names two."""
    if "(" in text:
        text = mask_parentheses(text)
    regions = list(dict.fromkeys(r.name for r in find_regions(text)))
    if len(regions) != k:
        return None
    return [{"region": name, "region_rule": "respectively"} for name in regions]


def with_listed(subject: Subject, listed: dict | None) -> Subject:
    return replace(subject, **listed) if listed else subject


# "cosmetics and agricultural and fishery products — so-called K-consumer goods — grew": an aside set off by dashes,
# no figure in it
LIST_DASH_ASIDE = compile_gated(r"\s[—–][^—–\d]*[—–]")
LIST_JOINER = compile_gated(r",\s*(?:and\s+)?|\s+and\s+")


def list_parts(subject: str, spans) -> list[str]:
    """The parts a list's commas and "and"s separate, none inside the spans given."""
    cuts = [m for m in LIST_JOINER.finditer(subject) if not any(s.start < m.start() < s.end for s in spans)]
    bounds = [0] + [edge for m in cuts for edge in (m.start(), m.end())] + [len(subject)]
    parts = (subject[a:b].strip(" (") for a, b in zip(bounds[::2], bounds[1::2], strict=True))
    return [part for part in parts if part]


LIST_SUBJECT_LEAD = re.compile(r"^\W*(?:both|by \w+,)\s*", re.IGNORECASE)  # "Both ...", "By item, ..."


def listed_items(clause: str, k: int) -> list[tuple[str, str]] | None:
    """"Both physical and online retailers" -> physical retailers, online retailers. Asides are no part of the list
    ("computers (SSDs included) and displays", "hypermarkets and SSMs, by contrast,"), nor is the "and" inside a
    known item ("cosmetics and agricultural and fishery products")."""
    if "(" in clause:
        clause = mask_parentheses(clause)
    if "—" in clause or "–" in clause:
        clause = LIST_DASH_ASIDE.sub(lambda m: " " * len(m.group(0)), clause)
    verb = first_verb(clause)
    subject = clause[:verb[0]] if verb else clause
    if "," in subject:
        subject = load_lexicon().adverbial_set_off.sub("", subject.rstrip())
        subject = load_lexicon().adverbial_lead.sub("", subject)  # "On the contrary, department stores declined"
    subject = LIST_SUBJECT_LEAD.sub("", subject.strip())
    parts = list_parts(subject, ())
    if len(parts) > k:
        # more parts than figures: an "and" may be a known item's own ("both computers and peripheral devices" with
        # two figures is two items)
        kept = list_parts(subject, find_items(subject))
        parts = kept if len(kept) >= k else parts
    if len(parts) < k:
        return None
    parts = parts[-k:]
    head_words = TRAILING_INDICATOR.sub("", parts[-1]).split()  # "hydrogen vehicle sales": the noun is "vehicle"
    head_noun = head_words[-1] if head_words else ""
    items = []
    for part in parts:
        own = part.rsplit(" of ", 1)[-1]  # "Exports of memory and system semiconductors": the list opens after "of"
        phrase = f"{own} {head_noun}" if part != parts[-1] and shares_head_noun(own, head_noun) else part
        known = find_items(phrase)
        name = known[0].name if known else noun_phrase(phrase)
        if not name:
            return None
        items.append((name, phrase))
    return items


def shares_head_noun(part: str, head_noun: str) -> bool:
    """"physical and online retailers": an adjective alone borrows the last part's noun ("food" does not); so does a
    word that names a known item only with that noun ("memory and system semiconductors", "hybrid, electric and
    hydrogen vehicle sales")."""
    if len(part.split()) != 1 or not head_noun:
        return False
    if ADJECTIVE.search(part):
        return True
    joined = f"{part} {head_noun}"
    return not find_items(part) and any(span.start == 0 and span.end == len(joined) for span in find_items(joined))


# Emissions are counted in tons of CO2 equivalent: bare "tons" of them are that unit (ANNOTATION.md's tCO2eq).
EMISSION_INDICATORS = frozenset({"emissions", "emission reduction", "emission reduction transferred"})
EMISSION_UNITS = frozenset({"tons", "tCO2eq"})


def reduced_to_emissions(subject: Subject, observation: Observation) -> Subject:
    """"must reduce its emissions by 14.5 percent to 222.6 million tons": the tonnage a reduction leads to is the
    emissions left, the percentage their change."""
    if observation.level.unit not in EMISSION_UNITS or observation.change.value >= 0:
        return subject
    return replace(subject, indicator="emissions", indicator_rule="reduced_to")


def unit_of(subject: Subject, level: Figure) -> str:
    return "tCO2eq" if level.unit == "tons" and subject.indicator in EMISSION_INDICATORS else level.unit


def with_abbreviation_spelt(subject: Subject, frame: Frame) -> Subject:
    """"MPE imports from Japan decreased" after a lead on "materials, parts and equipment (MPE)": the goods by the
    name the lead spells out, one series under one name."""
    if not frame.abbreviations or subject.item is None:
        return subject
    spelt = next((name for abbr, name in frame.abbreviations if abbr == subject.item), None)
    return replace(subject, item=spelt) if spelt else subject


def build_metric(sentence: str, offset: int, observation: Observation, subject: Subject, period: Period | None,
                 period_rule: str, basis: str | None, qualifier: str) -> Metric:
    main = observation.level or observation.change
    level = observation.level
    return Metric(
        indicator=subject.indicator, item=subject.item, region=subject.region,
        period_start=period.start if period else None, period_end=period.end if period else None,
        value=level.value if level else None, unit=unit_of(subject, level) if level else None,
        change_pct=observation.change.value if observation.change else None,
        change_basis=basis if observation.change else None,
        evidence=sentence, figure_start=offset + main.start, figure_end=offset + main.end,
        period_kind=period_kind(period), qualifier=qualifier, item_as_written=subject.item_written,
        indicator_rule=subject.indicator_rule, item_rule=subject.item_rule, period_rule=period_rule,
        region_rule=subject.region_rule, figure_text=sentence[main.start:main.end])


def period_kind(period: Period | None) -> str | None:
    """month, quarter, half, year, cumulative (a span from January) or other."""
    if period is None:
        return None
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
    aligned = {1: "month", 3: "quarter", 6: "half", 12: "year"}
    if months in aligned and (period.start.month - 1) % months == 0:
        return aligned[months]
    if period.start.month == 1 and period.start.year == period.end.year:
        return "cumulative"
    return "other"
