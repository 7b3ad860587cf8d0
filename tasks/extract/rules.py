"""Extract metrics from a release's body: one row per subject and period stated.

A plain module: it imports neither Prefect nor DuckDB, so it is tested directly.
Bump EXTRACTOR_VERSION whenever a rule changes; `motie reextract` then rewrites
the metrics of every stored release.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tasks.extract.periods import Period, PeriodMention, find_basis, find_periods
from tasks.extract.quantities import Figure, find_figures
from tasks.extract.subjects import (
    ITEM_BOUNDARY,
    KeywordHit,
    clause_initial_item,
    clean_item,
    find_demonym_regions,
    find_indicators,
    find_regions,
    item_around,
    join_regions,
    list_phrase,
    pick_indicator,
)

EXTRACTOR_VERSION = "1.1.0"

ABBREVIATIONS = re.compile(
    r"(?:\b[A-Z]\.|\b(?:Co|Ltd|Inc|Corp|No|Nos|vs|etc|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Mr|Mrs|Ms|Dr|St|Gov|Gen|Rep|Dept|e\.g|i\.e|U\.S|U\.K|E\.U)\.)$")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?:\s+(?=[A-Z“\"‘(])|(?<=[a-z)][.])(?=[A-Z][a-z]))")
ANAPHORA = re.compile(r"^\s*(?:This|These|Those|It|They|Such|That)\b")
CHANGE_TO_LEVEL = re.compile(
    r"^[^;)]{0,50}?\b(?:to|at|reach(?:ed|ing)?|total(?:ed|ing|led|ling)?|hitting|hit|amounting to|"
    r"worth|which reached|recording|posting)\b[^;)]{0,12}$", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r";|\b(?:while|whereas|but|and)\b", re.IGNORECASE)
SHARE_OF = re.compile(r"\bshare of (?P<part>[^,;()]+?) (?:in|among|of) (?P<whole>[^,;()]+?)(?= (?:rose|fell|"
                      r"increased|decreased|grew|declined|reached|stood|was|is|climbed|dropped)\b)", re.IGNORECASE)
SHARE_CUE = re.compile(r"\b(?:account(?:ed|ing|s)? for|share|proportion|portion)\b", re.IGNORECASE)
RATE_TARGET = re.compile(r"^\s*(?:and\s[^,;]*?)?\s*(?:for|on|against)\s+(?P<phrase>[^,;.]+)", re.IGNORECASE)
UNITS_OF = re.compile(r"^\s+of\s+(?:the\s+)?(?P<phrase>[A-Z0-9][\w\-. ]{0,30}?)(?=\s+and\b|[,;.)]|$)")
RELATIVE_YEAR = re.compile(r"\b(?:last|previous|this) year\b", re.IGNORECASE)
SUBSET_LEAD = re.compile(r"^[\s,]*(?:of which|of this|of these|among which|among them)\b", re.IGNORECASE)
TOTAL_WORDS = re.compile(r"\b(?:overall|total|all)\b", re.IGNORECASE)
CUE_NOUN_PHRASE = re.compile(
    r"^\s*(?:(?:year-on-year|yoy|on-year|annual)\s+)?(?:increase|rise|gain|growth|jump|surge|decline|decrease|"
    r"drop|fall|contraction|reduction)s?\s+(?:in|of)\s+(?P<np>[^,;()]+)", re.IGNORECASE)
PAREN_FIGURE = re.compile(r"\(\s*(?:up|down)?\s*$", re.IGNORECASE)
RANGE_OPEN = re.compile(r"\b(?:between|ranging from|range of|from)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
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


@dataclass
class Observation:
    """A level, a change, or a level with its change, about one subject."""

    level: Figure | None = None
    change: Figure | None = None
    shares_right_window_with: Observation | None = None

    @property
    def start(self) -> int:
        return min(f.start for f in (self.level, self.change) if f)

    @property
    def end(self) -> int:
        return max(f.end for f in (self.level, self.change) if f)


@dataclass(frozen=True)
class Subject:
    indicator: str
    item: str | None
    region: str | None
    dated: bool = True
    is_total: bool = False


@dataclass
class Context:
    """What earlier sentences of the release established."""

    released: dt.date
    period: Period | None = None
    basis: str | None = None
    topic_item: str | None = None
    topic_set: bool = False
    last_subject: Subject | None = None
    framing_subject: Subject | None = None
    seen: set = field(default_factory=set)


def extract_metrics(body: str, published_on: dt.date) -> list[Metric]:
    """Every metric stated in a release body, in order of appearance."""
    context = Context(released=published_on)
    metrics: list[Metric] = []
    for offset, sentence in split_sentences(body):
        metrics.extend(extract_sentence(sentence, offset, context))
    return metrics


def extract_many(items: list[tuple[str, dt.date]]) -> list[list[Metric] | str]:
    """extract_metrics over a batch; a release the rules choke on gives its error text instead."""
    results: list[list[Metric] | str] = []
    for body, published_on in items:
        try:
            results.append(extract_metrics(body, published_on))
        except Exception as exc:  # noqa: BLE001 - one bad release must not sink its batch
            results.append(f"{type(exc).__name__}: {exc}")
    return results


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; abbreviations such as "U.S." or "Aug." do not end a sentence."""
    sentences, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if ABBREVIATIONS.search(text[max(start, match.start() - 6):match.start() + 1]):
            continue
        sentences.append((start, text[start:match.end()].strip()))
        start = match.end()
    if text[start:].strip():
        sentences.append((start, text[start:].strip()))
    return [(offset + len(s) - len(s.lstrip()), s) for offset, s in sentences if s]


def extract_sentence(sentence: str, offset: int, context: Context) -> list[Metric]:
    figures = [f for f in find_figures(sentence) if f.role != "skip"]
    if not figures:
        note_framing_sentence(sentence, context)
        return []
    periods = [p for p in find_periods(sentence, context.released) if not p.is_date]
    basis = find_basis(sentence)
    if basis and context.basis is None:
        context.basis = basis
    observations = group_figures(sentence, figures)
    subjects = resolve_subjects(sentence, observations, context)
    metrics = []
    for observation, subject in zip(observations, subjects, strict=True):
        metric = build_metric(sentence, offset, observation, subject, periods, basis, context)
        key = (metric.indicator, metric.item, metric.region, metric.period_start, metric.value, metric.change_pct)
        if key not in context.seen:
            context.seen.add(key)
            metrics.append(metric)
    if subjects:
        context.last_subject = subjects[-1]
    context.framing_subject = None
    return metrics


def note_framing_sentence(sentence: str, context: Context) -> None:
    """A sentence with no figure can still set the scene: the period and subject that follow."""
    hit = pick_indicator(sentence)
    if hit is None or ANAPHORA.match(sentence):
        return  # an explanation ("This decrease was due to ...") introduces no new subject
    periods = [p for p in find_periods(sentence, context.released) if not p.is_date]
    dated = [p.period for p in periods
             if p.period is not None and not RELATIVE_YEAR.search(sentence[p.start:p.end])]
    if dated and not re.search(r"\b(?:launched|held|filed|ruled|established|signed|hosted|founded)\b",
                               sentence[:periods[0].start], re.IGNORECASE):
        context.period = dated[0]
    regions = find_regions(sentence[hit.start:])
    context.framing_subject = Subject(hit.indicator.name, item_around(sentence, hit), join_regions(regions))


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
        if following and pairs_with(sentence, figure, following):
            level, change = (figure, following) if figure.role == "level" else (following, figure)
            observations.append(Observation(level=level, change=change))
            index += 2
            continue
        observations.append(Observation(level=figure) if figure.role == "level" else Observation(change=figure))
        index += 1
    observations.sort(key=lambda obs: obs.start)
    link_ranges(sentence, observations)
    return observations


def pairs_with(sentence: str, first: Figure, second: Figure) -> bool:
    between = sentence[first.end:second.start]
    if first.role == "change" and second.role == "level" and second.unit != "percent":
        return bool(CHANGE_TO_LEVEL.match(between))
    if first.role == "level" and second.role == "change" and first.unit not in ("percent", "percentage points"):
        return len(between) <= 45 and not CLAUSE_BREAK.search(between) and ")" not in between
    return False


def pair_respectively(sentence: str, figures: list[Figure]) -> list[Observation]:
    """"rose 4.4 percent and 0.2 percent to $4.5 billion and $2.8 billion, respectively"."""
    if "respectively" not in sentence:
        return []
    changes = [f for f in figures if f.role == "change"]
    levels = [f for f in figures if f.role == "level" and f.unit != "percent"]
    if len(changes) < 2 or len(changes) != len(levels) or changes[-1].end > levels[0].start:
        return []
    if not re.search(r"\bto\b", sentence[changes[-1].end:levels[0].start]):
        return []
    return [Observation(level=level, change=change) for change, level in zip(changes, levels, strict=True)]


def link_ranges(sentence: str, observations: list[Observation]) -> None:
    """"between 28.16% and 33.57% for X": both bounds are about X."""
    for first, second in zip(observations, observations[1:], strict=False):
        if (first.level and second.level and not first.change and not second.change
                and first.level.unit == second.level.unit
                and re.fullmatch(r"\s*(?:and|to|-|–|~)\s*", sentence[first.end:second.start])
                and RANGE_OPEN.search(sentence[:first.start])):
            first.shares_right_window_with = second


def resolve_subjects(sentence: str, observations: list[Observation], context: Context) -> list[Subject]:
    subjects = []
    respectively = respective_subjects(sentence, observations)
    previous_end = 0
    for index, observation in enumerate(observations):
        next_start = observations[index + 1].start if index + 1 < len(observations) else len(sentence)
        if respectively:
            subject = respectively[index]
        else:
            subject = resolve_subject(sentence, observation, previous_end, next_start, context,
                                      subjects[-1] if subjects else None)
        subjects.append(subject)
        previous_end = observation.end
    return subjects


def respective_subjects(sentence: str, observations: list[Observation]) -> list[Subject] | None:
    """Subjects for a "respectively" sentence: "exports and imports ...", "greenfield and M&A pledges"."""
    if "respectively" not in sentence or len(observations) < 2:
        return None
    head = sentence[:observations[0].start]
    clause = current_clause(head)
    hits = find_indicators(clause)
    names = list(dict.fromkeys(h.indicator.name for h in hits))
    k = len(observations)
    if len(names) == k:
        item = item_around(clause, hits[-1])
        return [Subject(name, item, join_regions(find_regions(clause))) for name in names]
    hit = pick_indicator(clause)
    if hit is None:
        return None
    regions = find_regions(strip_home(clause))
    if len(regions) == k:  # "exports to the U.S. and ASEAN rose 11.0 and 5.4 percent, respectively"
        item = item_around(clause, hit)
        return [Subject(hit.indicator.name, item, region, hit.indicator.dated) for region in regions]
    subject_phrase = clause[:hit.end]
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", subject_phrase)
    if len(parts) < k:
        return None
    items = [item_of_part(part) for part in parts[-k:]]
    return [Subject(hit.indicator.name, item, None, hit.indicator.dated) for item in items]


def item_of_part(part: str) -> str | None:
    hit = pick_indicator(part)
    return item_around(part, hit) if hit else clean_item(part)


def current_clause(text: str) -> str:
    """The clause a position is in: after the last comma, semicolon or "that" outside parentheses."""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        char = text[index]
        if char == ")":
            depth += 1
        elif char == "(":
            depth = max(0, depth - 1)
        elif depth == 0 and (char in ",;—–" or text.startswith(" that ", index)):
            return text[index + 1:]
    return text


def resolve_subject(sentence: str, observation: Observation, previous_end: int, next_start: int,
                    context: Context, previous: Subject | None) -> Subject:
    left = sentence[previous_end:observation.start]
    clause = current_clause(left)
    local = list_phrase(left)
    right = sentence[observation.end:next_start]
    if observation.shares_right_window_with is not None:
        right = sentence[observation.shares_right_window_with.end:]
    if previous and SUBSET_LEAD.match(left):
        return subset_subject(previous, clause, right)
    hit, where = governing_indicator(sentence, observation, clause, right)
    carried = context.last_subject or context.framing_subject
    if hit is None:
        indicator = carried.indicator if carried else "unspecified"
        dated = carried.dated if carried else True
    else:
        indicator, dated = hit.indicator.name, hit.indicator.dated
    item = pick_item(sentence, observation, clause, local, hit, where, right, context,
                     clause_opens_sentence=previous_end == 0)
    region = pick_region(clause, local, right, context, hit)
    if observation.level and observation.level.unit in ("percent", "percentage points") \
            and SHARE_CUE.search(current_clause(sentence[:observation.start]) + right[:20]):
        indicator, item = share_subject(sentence, clause, right, item)
    is_total = bool(hit and where in ("clause", "head") and TOTAL_WORDS.search(
        (clause if where == "clause" else sentence[:observation.start])[max(0, hit.start - 25):hit.start]))
    return Subject(indicator, item, region, dated, is_total)


def subset_subject(previous: Subject, clause: str, right: str) -> Subject:
    """"680,000 tCO2eq, of which 400,000 tons will be transferred": a part of the figure before."""
    hit = pick_indicator(clause) or pick_indicator(re.split(r"[,;]", right, maxsplit=1)[0])
    indicator = hit.indicator.name if hit else previous.indicator
    return Subject(indicator, previous.item, previous.region, previous.dated)


def governing_indicator(sentence: str, observation: Observation, clause: str,
                        right: str) -> tuple[KeywordHit | None, str]:
    """The indicator word that governs a figure, and where it was found."""
    after_change = sentence[observation.change.end:] if observation.change else ""
    cue_phrase = CUE_NOUN_PHRASE.match(after_change)
    if cue_phrase:
        hit = pick_indicator(cue_phrase.group("np"))
        if hit:
            return hit, "after-change"
    hit = pick_indicator(clause)
    if hit:
        return hit, "clause"
    hit = pick_indicator(re.split(r"[,;]", right, maxsplit=1)[0][:45])
    if hit:
        return hit, "right"
    head = sentence[:observation.start]
    if ANAPHORA.match(sentence):
        return None, "anaphora"
    hit = pick_indicator(head)
    if hit:
        return hit, "head"
    hit = pick_indicator(sentence[observation.end:])
    if hit:
        return hit, "rest"
    return None, "carried"


def pick_item(sentence: str, observation: Observation, clause: str, local: str, hit: KeywordHit | None,
              where: str, right: str, context: Context, clause_opens_sentence: bool) -> str | None:
    """The item a figure is about, from the nearest wording that names one, else from context."""
    units_of = UNITS_OF.match(right) if observation.level and observation.level.unit == "units" else None
    if units_of:
        return clean_item(units_of.group("phrase"))
    rate_target = RATE_TARGET.match(right)
    if hit and not hit.indicator.dated and rate_target:
        return clean_item(ITEM_BOUNDARY.split(rate_target.group("phrase"), maxsplit=1)[0])
    in_parentheses = PAREN_FIGURE.search(sentence[:observation.start])
    if in_parentheses and local and not find_regions(local) and not pick_indicator(local):
        local_item = clean_item(local)
        if local_item:
            return local_item
    if hit and where in ("clause", "after-change", "head"):
        source = {"clause": clause, "after-change": sentence[observation.change.end:] if observation.change else "",
                  "head": sentence[:observation.start]}[where]
        item = item_around(source, hit_relocated(source, hit))
        if item:
            return item
    if ANAPHORA.match(sentence) or (hit is None and where == "carried"):
        carried = context.last_subject or context.framing_subject
        if carried and carried.item:
            return carried.item
    framing = context.framing_subject
    if framing and framing.item and hit and framing.indicator == hit.indicator.name:
        return framing.item
    if hit and where in ("clause", "after-change") and clause_opens_sentence:
        item = clause_initial_item(clause)
        if item:
            return item
    return context.topic_item


def hit_relocated(text: str, hit: KeywordHit) -> KeywordHit:
    """The same indicator word, found again within text (hits carry positions of another string)."""
    relocated = pick_indicator(text)
    return relocated if relocated and relocated.indicator == hit.indicator else hit


def pick_region(clause: str, local: str, right: str, context: Context, hit: KeywordHit | None) -> str | None:
    rate_target = RATE_TARGET.match(right)
    if hit and not hit.indicator.dated and rate_target:
        demonyms = find_demonym_regions(rate_target.group("phrase"))
        regions = demonyms or find_regions(rate_target.group("phrase"))
        if regions:
            return join_regions(regions)
    # The list entry names every partner it is about ("Japan and China"); in a wider clause the
    # nearest partner before the figure governs it.
    local_regions = find_regions(strip_home(local))
    if local_regions:
        return join_regions(local_regions)
    clause_regions = find_regions(strip_home(clause))
    if clause_regions:
        return clause_regions[-1]
    if context.framing_subject and hit and context.framing_subject.indicator == hit.indicator.name:
        return context.framing_subject.region
    return None


def share_subject(sentence: str, clause: str, right: str, item: str | None) -> tuple[str, str | None]:
    """"X, accounting for 49.8 percent of total domestic sales" -> share of domestic sales, item X."""
    named = SHARE_OF.search(sentence)
    if named:
        whole = pick_indicator(named.group("whole"))
        base = whole.indicator.name if whole else "total"
        return f"share of {base}", clean_item(named.group("part")) or item
    whole = pick_indicator(right) or pick_indicator(clause)
    base = whole.indicator.name if whole else "total"
    head_hit = pick_indicator(sentence)
    head_item = item_around(sentence, head_hit) if head_hit else None
    return f"share of {base}", head_item or item


def strip_home(text: str) -> str:
    return re.sub(r"\bto Korea\b|\bin Korea\b|\bKorea['’]s\b", " ", text)


def build_metric(sentence: str, offset: int, observation: Observation, subject: Subject,
                 periods: list[PeriodMention], basis: str | None, context: Context) -> Metric:
    period = pick_period(sentence, observation, periods, context) if subject.dated else None
    if subject.dated and period is not None:
        context.period = period
    if subject.region is None and (not context.topic_set or (subject.is_total and subject.item)):
        context.topic_item, context.topic_set = subject.item, True
    change_basis = (basis or context.basis) if observation.change else None
    main = observation.level or observation.change
    level = observation.level
    return Metric(
        indicator=subject.indicator, item=subject.item, region=subject.region,
        period_start=period.start if period else None, period_end=period.end if period else None,
        value=level.value if level else None, unit=level.unit if level else None,
        change_pct=observation.change.value if observation.change else None, change_basis=change_basis,
        evidence=sentence, figure_start=offset + main.start, figure_end=offset + main.end)


def pick_period(sentence: str, observation: Observation, periods: list[PeriodMention],
                context: Context) -> Period | None:
    """The period named nearest before the figure in its sentence, one right after it, or the context's."""
    ends = [f.end for f in (observation.level, observation.change) if f]
    after = [p for p in periods if any(end <= p.start <= end + 25 for end in ends)]
    before = [p for p in periods if p.end <= observation.start]
    same_clause = [p for p in periods if observation.end <= p.start <= observation.end + 80
                   and not re.search(r"[,;]", sentence[observation.end:p.start])]
    chosen = after[0] if after else (before[-1] if before else (same_clause[0] if same_clause else None))
    if chosen is None:
        return context.period
    return chosen.period or context.period
