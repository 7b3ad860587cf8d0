"""Name what a figure measures: indicator (from the controlled vocabulary), item and region."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

HOME_REGION = re.compile(r"\b(?:Korea|Korean|ROK)\b")
# Words that say nothing about which product or sector a figure is about.
ARTICLES = re.compile(r"^\s*(?:The|A|An)\b|\b(?:the|a|an)\b")
ITEM_NOISE = re.compile(
    r"\b(?:its|their|this|these|those|that|total|overall|all|also|both|nearly|about|while|whereas|"
    r"increases?|increased|rises?|growth|gains?|declines?|decreases?|drops?|falls?|contraction|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"month|year|period|up|down|last|this|next|previous|"
    r"korea['’]s|korean|korea|foreign direct investments?|foreign direct|fdis?|investments?|goods|"
    r"h[12]|[12]h|q[1-4]|[1-4]q|(?:19|20)\d{2}|(?:first|second|third|fourth) (?:half|quarter)|"
    r"monthly|annual|yearly|cumulative|domestic|type|category|region|categories|"
    # who reports or trades a figure is not what it is about
    r"shipbuilders|automakers|carmakers|companies|firms|exporters|importers|manufacturers|makers|"
    r"producers|government|ministry|industry|industries|sector|sectors)\b", re.IGNORECASE)
ITEM_BOUNDARY = re.compile(
    r"\b(?:rose|rise|rises|fell|fall|falls|grew|declined?|increased?|decreased?|reached|recorded|"
    r"posted|totaled|totalled|totaling|logged|saw|hit|stood|amounted|were|was|is|are|has|have|had|"
    r"remained|maintained|continued|surged|dropped|climbed|gained|jumped|expanded|contracted|shrank|"
    r"flowing|that|which|while|whereas|as|with|due|led|driven|amid|since|after|before|during|"
    r"over|in|for|to|from|by|at|on|when|exceeded|reaching|recording|marking|setting|through|"
    r"affected|supported|amid|following|won|secured|received|clinched|booked|outpaced|outperformed|"
    r"surpassed|overtook|topped|trailed)\b|[,;:—–]",
    re.IGNORECASE)
ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,7})\)")
LIST_LEAD = re.compile(r"^(?:\s|,|\)|and\b|or\b|as well as\b)+", re.IGNORECASE)
LIST_DELIMITER = re.compile(
    r".*(?:\blike\b|\bsuch as\b|\bincluding\b|\bnamely\b|\bled by\b|[:;,(]|\bas for\b)", re.IGNORECASE | re.DOTALL)
ANAPHOR_LEAD = re.compile(r"^\s*(?:whereas |while |but |and )?(?:those|that|these) (?:of|to|from|for|in)\s+",
                          re.IGNORECASE)


@dataclass(frozen=True)
class Indicator:
    name: str
    pattern: re.Pattern
    dated: bool


@dataclass(frozen=True)
class Vocabulary:
    indicators: tuple[Indicator, ...]
    indicator_pattern: re.Pattern  # all indicators in one alternation, most specific first
    region_pattern: re.Pattern
    region_names: dict[str, str]
    demonym_pattern: re.Pattern
    demonyms: dict[str, str]
    item_aliases: dict[str, str]


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    data = json.loads(files("tasks.extract").joinpath("vocabulary.json").read_text(encoding="utf-8"))
    indicators = tuple(Indicator(entry["name"], re.compile(rf"\b(?:{entry['pattern']})\b", re.IGNORECASE),
                                 entry["dated"]) for entry in data["indicators"])
    region_names = {alias: name for name, aliases in data["regions"].items() for alias in aliases}
    aliases = sorted(region_names, key=len, reverse=True)
    region_pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in aliases) + r")(?![\w])")
    demonym_pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, data["demonyms"])) + r")\b")
    combined = re.compile(r"\b(?:" + "|".join(rf"(?P<i{rank}>(?:{entry['pattern']})\b)"
                                              for rank, entry in enumerate(data["indicators"])) + ")",
                          re.IGNORECASE)
    return Vocabulary(indicators, combined, region_pattern, region_names, demonym_pattern, data["demonyms"],
                      data.get("item_aliases", {}))


@dataclass(frozen=True)
class KeywordHit:
    indicator: Indicator
    start: int
    end: int


@lru_cache(maxsize=8192)
def find_indicators(text: str) -> tuple[KeywordHit, ...]:
    """Indicator words in text, in order; where two could overlap, the more specific one."""
    vocab = load_vocabulary()
    return tuple(KeywordHit(vocab.indicators[int(m.lastgroup[1:])], m.start(), m.end())
                 for m in vocab.indicator_pattern.finditer(text))


@lru_cache(maxsize=8192)
def pick_indicator(text: str) -> KeywordHit | None:
    """The governing indicator of a clause: the most specific of those it names."""
    hits = find_indicators(text)
    if not hits:
        return None
    rank = {ind.name: n for n, ind in enumerate(load_vocabulary().indicators)}
    return min(hits, key=lambda h: (rank[h.indicator.name], h.start))


@lru_cache(maxsize=16384)
def find_regions(text: str) -> tuple[str, ...]:
    """Partner regions named in text, in order, without repeats; Korea is home, never a partner."""
    vocab = load_vocabulary()
    names: list[str] = []
    for match in vocab.region_pattern.finditer(text):
        name = vocab.region_names[match.group(0)]
        if name not in names:
            names.append(name)
    return tuple(names)


@lru_cache(maxsize=16384)
def find_demonym_regions(text: str) -> tuple[str, ...]:
    vocab = load_vocabulary()
    names: list[str] = []
    for match in vocab.demonym_pattern.finditer(text):
        name = vocab.demonyms[match.group(0)]
        if name not in names:
            names.append(name)
    return tuple(names)


def join_regions(names) -> str | None:
    return " and ".join(names) if names else None


@lru_cache(maxsize=16384)
def clean_item(phrase: str | None) -> str | None:
    """An item name from a phrase: acronym if one is given, noise, regions and periods removed."""
    if not phrase:
        return None
    acronym = ACRONYM.search(phrase)
    if acronym and acronym.group(1) not in ("MOTIE", "MOTIR", "KTC"):
        return acronym.group(1)
    vocab = load_vocabulary()
    text = ANAPHOR_LEAD.sub("", phrase)
    text = re.sub(r"\b[\w.]+['’]s\b", " ", text)  # possessors: "Hyundai's Kona" is the Kona
    text = vocab.region_pattern.sub(" ", text)
    text = vocab.demonym_pattern.sub(" ", text)
    text = ITEM_NOISE.sub(" ", ARTICLES.sub(" ", text))
    text = vocab.indicator_pattern.sub(" ", text)
    text = re.sub(r"[^\w/&\-. ]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .-,")
    text = re.sub(r"^(?:and|or|of|for|in)\b\s*|\s*\b(?:and|or|of|for|in)$", "", text).strip()
    if not text or not re.search(r"[A-Za-z]", text):
        return None
    return vocab.item_aliases.get(text.lower(), text)


@lru_cache(maxsize=16384)
def item_around(clause: str, hit: KeywordHit) -> str | None:
    """The item an indicator word governs: "exports of X", "X exports", "pledges for the X sector"."""
    after = clause[hit.end:]
    complement = re.match(r"\s+(?:of|for|in)\s+(.+)", after)
    if complement:
        phrase = ITEM_BOUNDARY.split(complement.group(1), maxsplit=1)[0]
        item = clean_item(" ".join(phrase.split()[:6]))
        if item:
            return item
    words_before = re.split(r"[()]|\b(?:which|of|with|and)\b|\b(?-i:the|a|an)\b|" + ITEM_BOUNDARY.pattern,
                            clause[:hit.start], flags=re.IGNORECASE)[-1]
    return clean_item(" ".join(words_before.split()[-4:]))


@lru_cache(maxsize=16384)
def clause_initial_item(clause: str) -> str | None:
    """The subject of a clause before its verb: "The service sector saw pledges rise"."""
    head = ITEM_BOUNDARY.split(clause, maxsplit=1)[0]
    return clean_item(head) if len(head.split()) <= 6 else None


@lru_cache(maxsize=16384)
def list_phrase(left: str) -> str:
    """The list entry just before a figure: "..., mobile phones (" -> "mobile phones"."""
    text = re.sub(r"\([^()]*\)", " ", left.rstrip(" (") if left.rstrip().endswith("(") else left)
    text = re.sub(r"[\s(]*(?:\b(?:up|down)\b)?[\s(]*$", "", text)
    delimited = LIST_DELIMITER.match(text)
    if delimited:
        text = text[delimited.end():]
    return LIST_LEAD.sub("", text).strip()
