"""On a warehouse of every real release the project has (the 8 demo and 44 dev releases): headline
national totals are the single row of their family view, nothing is dated outside the archive, and
no series goes by two spellings."""
import json
import re
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest_flow
from tests.helpers import SAMPLE

pytestmark = pytest.mark.slow  # a real load of 52 releases through the flow

DATA = Path(__file__).parents[1] / "data"
DEV_RELEASES = DATA / "dev_releases.txt"
# Hand-made gold (gold/ANNOTATION.md) of the dev releases: exports, imports, trade balance of a month and
# FDI pledged / arrived of a half year, with no item and no region, in USD.
HEADLINES = [json.loads(line) for line in (DATA / "headline_totals.jsonl").read_text(encoding="utf-8").splitlines()]
# Headline figures the extractor misreads (tasks/extract/ is another owner's): listed, not special-cased in SQL.
# (None today: the extractor of main reads all 33.) An entry: (indicator, period) -> what the extractor does wrong.
EXTRACTOR_MISSES: dict[tuple[str, str], str] = {}
MONTHLY = {"exports": "exports_monthly", "imports": "imports_monthly", "trade balance": "trade_balance_monthly"}
SYNONYMS = {"chip": "semiconductor", "auto": "automobile", "car": "automobile", "vehicle": "automobile"}


@pytest.fixture(scope="module")
def archive(tmp_path_factory, prefect_api) -> Path:
    db = tmp_path_factory.mktemp("archive") / "all.duckdb"
    ingest_flow([str(SAMPLE), str(DEV_RELEASES)], str(db))
    return db


def family_values(con, indicator: str, period: str) -> list:
    if indicator in MONTHLY:
        year, month = map(int, period.split("-"))
        sql = {"exports": "SELECT value FROM exports_monthly", "imports": "SELECT value FROM imports_monthly",
               "trade balance": "SELECT value FROM trade_balance_monthly"}[indicator]
        return con.execute(sql + " WHERE item IS NULL AND region IS NULL AND unit = 'USD' "
                           "AND year(month) = ? AND month(month) = ?", [year, month]).fetchall()
    return con.execute("""SELECT value FROM fdi_half_yearly WHERE item IS NULL AND region IS NULL AND unit = 'USD'
                          AND year = ? AND half = ? AND kind = ?""",
                       [int(period[:4]), period[5:], indicator.split()[1]]).fetchall()


def headline_case(gold):
    key = (gold["indicator"], gold["period"])
    marks = [pytest.mark.xfail(reason=f"extractor: {EXTRACTOR_MISSES[key]}", strict=True)] \
        if key in EXTRACTOR_MISSES else []
    return pytest.param(gold, id=f"{gold['indicator']}-{gold['period']}", marks=marks)


@pytest.mark.parametrize("gold", [headline_case(g) for g in HEADLINES])
def test_a_headline_total_is_the_single_row_of_its_family_view(archive, gold):
    with duckdb.connect(str(archive), read_only=True) as con:
        rows = family_values(con, gold["indicator"], gold["period"])
    assert len(rows) == 1, rows
    assert rows[0][0] == pytest.approx(gold["value"], rel=0.005)


def test_no_family_view_row_is_dated_outside_the_archive(archive):
    with duckdb.connect(str(archive), read_only=True) as con:
        first, last = con.execute("SELECT min(year(published_on)), max(year(published_on)) FROM releases").fetchall()[0]
        spans = con.execute("""
            SELECT min(year(month)), max(year(month)) FROM exports_monthly
            UNION ALL SELECT min(year(month)), max(year(month)) FROM imports_monthly
            UNION ALL SELECT min(year(month)), max(year(month)) FROM trade_balance_monthly
            UNION ALL SELECT min(year), max(year) FROM fdi_half_yearly""").fetchall()
    assert all(first - 1 <= low and high <= last for low, high in spans), (first, last, spans)


def loose(name):
    if name is None:
        return None
    words = []
    for word in re.split(r"[^a-z0-9]+", name.lower()):
        if not word or word in {"the", "of", "and", "s"}:
            continue
        word = word[:-3] + "y" if len(word) > 3 and word.endswith("ies") else (
            word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
        words.append(SYNONYMS.get(word, word))
    return " ".join(sorted(words))


def test_no_series_goes_by_two_spellings(archive):
    with duckdb.connect(str(archive), read_only=True) as con:
        names = con.execute("SELECT DISTINCT indicator, unit, period_kind, item, region FROM series_catalog").fetchall()
    spellings = defaultdict(set)
    for indicator, unit, kind, item, region in names:
        spellings[(indicator, unit, kind, loose(item), loose(region))].add((item, region))
    assert not {key: names for key, names in spellings.items() if len(names) > 1}
