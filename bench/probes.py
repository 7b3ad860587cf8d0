"""Generalization probes: construction cases in the ministry's styles, scored figure by figure.

    .venv/bin/python bench/probes.py                 # every file in bench/probes/
    .venv/bin/python bench/probes.py --show 20       # and the first 20 cases with problems

Each probe file was written (sentences and expectations, by ANNOTATION.md) before the extractor
was run on it, by someone not writing rules at the time. A file is a held-out measure only until
rules are written against its misses; the table in bench/README.md says which were.

A case: {"id", "published_on", "title"?, "text", "expect": [{"value" or "change_pct", and any of
"unit", "indicator", "item", "region", "period", "qualifier", "change_basis"}]}. An expected
figure is right ("exact") when a metric with its number has every field it names as stored (and
no change when it names none); a metric no expected figure claims is spurious. "as scored" is
the rule the hand-annotated gold is scored by (strict F1): number, period, subject and region,
names compared as sets of words ("U.S." and "United States" alike; the subject right when the
metric's indicator and item hold every word of the expected item and one of its indicator).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tasks.extract import extract_metrics  # noqa: E402
from tests.extract.test_extract import period_label  # noqa: E402

PROBES = Path(__file__).parent / "probes"

# Words as the gold's scoring compares names: synonyms folded, function words dropped, plurals singular.
NAME_SYNONYMS = {"u.s.": "us", "u.s": "us", "usa": "us", "united states": "us", "america": "us",
                 "european union": "eu", "united kingdom": "uk", "prc": "china"}
WORD_SYNONYMS = {"chip": "semiconductor", "chips": "semiconductor", "auto": "automobile", "autos": "automobile",
                 "car": "automobile", "cars": "automobile"}
NAME_NOISE = {"of", "the", "and", "for", "in", "to", "a", "an", "total", "korea", "korean", "s", "value", "&"}


def name_words(*names: str | None) -> set[str]:
    words = set()
    for name in names:
        if not name:
            continue
        text = str(name).lower().replace("’", "'").strip()
        text = NAME_SYNONYMS.get(text, text).replace("u.s.", "us").replace("e.u.", "eu")
        for word in re.split(r"[^a-z0-9]+", text):
            if not word or word in NAME_NOISE:
                continue
            word = WORD_SYNONYMS.get(word, word)
            if len(word) > 3 and word.endswith("ies"):
                word = word[:-3] + "y"
            elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
                word = word[:-1]
            words.add(word)
    return words


def right_as_scored(expected: dict, metric) -> bool:
    """Number, period, subject and region right, by the gold's scoring rule."""
    if "change_pct" in expected and "value" in expected and not same_or_both_none(metric.change_pct,
                                                                                    expected["change_pct"]):
        return False
    if "period" in expected and period_label(metric.period_start, metric.period_end) != expected["period"]:
        return False
    subject = name_words(metric.indicator, metric.item)
    indicator = name_words(expected.get("indicator"))
    if not name_words(expected.get("item")) <= subject or (indicator and not indicator & subject):
        return False
    return "region" not in expected or name_words(expected["region"]) == name_words(metric.region)


@dataclass
class Score:
    cases: int = 0
    figures: int = 0
    wrong: int = 0  # expected figures missing or with a field wrong
    wrong_as_scored: int = 0  # missing, or number, period, subject or region wrong by the gold's rule
    spurious: int = 0
    problems: list[tuple[str, list[str]]] = field(default_factory=list)


def same_or_both_none(a: float | None, b: float | None) -> bool:
    """"change_pct": null beside a level says the level has no change: a metric with none is right."""
    return a is None and b is None or same_number(a, b)


def same_number(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


# Writers differ on power and energy: "48.7 GW" as 48.7 GW or as 4.87e10 W. A figure is the same in either.
SCALED_UNITS = {"W": ("W", 1.0), "kW": ("W", 1e3), "MW": ("W", 1e6), "GW": ("W", 1e9), "TW": ("W", 1e12),
                "Wh": ("Wh", 1.0), "kWh": ("Wh", 1e3), "MWh": ("Wh", 1e6), "GWh": ("Wh", 1e9), "TWh": ("Wh", 1e12)}


def in_base_units(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    base, factor = SCALED_UNITS.get(unit or "", (unit, 1.0))
    return (value * factor if value is not None else None), base


def same_level(metric, expected: dict) -> bool:
    """The metric's level is the expected one, in whichever scale of its unit each is written."""
    have, have_unit = in_base_units(metric.value, metric.unit)
    want, want_unit = in_base_units(expected["value"], expected.get("unit", metric.unit))
    return (have_unit == want_unit or "unit" not in expected) and same_number(have, want) \
        or same_number(metric.value, expected["value"])


def claim(expected: dict, metrics: list, used: set[int]) -> int | None:
    """The first unclaimed metric with the expected figure's number."""
    for index, metric in enumerate(metrics):
        if index in used:
            continue
        if "value" in expected and same_level(metric, expected):
            return index
        if "value" not in expected and same_number(metric.change_pct, expected["change_pct"]):
            return index
    return None


SCORED_FIELDS = {"value", "change_pct", "unit", "indicator", "item", "region", "period", "qualifier", "change_basis"}


def field_errors(expected: dict, metric) -> list[str]:
    """What differs in the fields a metric has; a writer's note of another kind ("company") is not scored."""
    expected = {name: want for name, want in expected.items() if name in SCORED_FIELDS}
    got = {name: getattr(metric, name) for name in expected if name != "period"}
    got["period"] = period_label(metric.period_start, metric.period_end)
    errors = []
    scaled = "value" in expected and expected["value"] is not None and same_level(metric, expected)
    for name, want in expected.items():
        have = got.get(name)
        right = (want is None and have is None or same_number(have, want)) if name in ("value", "change_pct") \
            else have == want
        right = right or scaled and name in ("value", "unit")
        if not right:
            errors.append(f"{name}: want {want!r} got {have!r}")
    if "change_pct" not in expected and metric.change_pct is not None:
        errors.append(f"change_pct: want None got {metric.change_pct}")
    return errors


def without_null_level(expected: dict) -> dict:
    """"value": null says the figure has no level (a change alone), as leaving "value" out does."""
    if "value" in expected and expected["value"] is None:
        return {name: want for name, want in expected.items() if name != "value"}
    return expected


def score_case(case: dict, score: Score) -> None:
    metrics = extract_metrics(case["text"], dt.date.fromisoformat(case["published_on"]), case.get("title", ""))
    used: set[int] = set()
    problems = []
    for expected in map(without_null_level, case["expect"]):
        score.figures += 1
        index = claim(expected, metrics, used)
        if index is None:
            score.wrong += 1
            score.wrong_as_scored += 1
            problems.append(f"missing {expected}")
            continue
        used.add(index)
        score.wrong_as_scored += not right_as_scored(expected, metrics[index])
        errors = field_errors(expected, metrics[index])
        if errors:
            score.wrong += 1
            problems.append("; ".join(errors))
    for index, metric in enumerate(metrics):
        if index not in used:
            score.spurious += 1
            problems.append(f"spurious {metric.indicator}|{metric.item}|{metric.region}|"
                            f"{period_label(metric.period_start, metric.period_end)}|{metric.value} {metric.unit}|"
                            f"{metric.change_pct}")
    score.cases += 1
    if problems:
        score.problems.append((case["id"], problems))


def score_file(path: Path) -> Score:
    score = Score()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            score_case(json.loads(line), score)
    return score


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--show", type=int, default=0, help="print this many cases with problems")
    args = parser.parse_args()
    files = args.files or sorted(PROBES.glob("*.jsonl"))
    print(f"{'probe':<10} {'cases':>6} {'figures':>8} {'spurious':>9} {'wrong':>6} {'right (exact)':>14} "
          f"{'wrong':>6} {'right (as scored)':>18}")
    for path in files:
        score = score_file(path)
        exact = 1 - score.wrong / score.figures if score.figures else 0.0
        scored = 1 - score.wrong_as_scored / score.figures if score.figures else 0.0
        print(f"{path.stem:<10} {score.cases:>6} {score.figures:>8} {score.spurious:>9} {score.wrong:>6} "
              f"{exact:>14.1%} {score.wrong_as_scored:>6} {scored:>18.1%}")
        for case_id, problems in score.problems[:args.show]:
            print(f"  == {case_id}")
            for problem in problems:
                print(f"     {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
