"""The README documents every analyst view and each of its columns."""
import json
from pathlib import Path

import duckdb
import pytest

from warehouse.schema import migrate

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def view_columns() -> dict[str, list[str]]:
    with duckdb.connect() as con:
        migrate(con)
        rows = con.execute("""
            SELECT c.table_name, c.column_name FROM information_schema.columns AS c
            JOIN information_schema.tables AS t USING (table_schema, table_name)
            WHERE t.table_type = 'VIEW' ORDER BY c.table_name, c.ordinal_position
        """).fetchall()
    columns: dict[str, list[str]] = {}
    for view, column in rows:
        columns.setdefault(view, []).append(column)
    return columns


@pytest.mark.parametrize("view,columns", sorted(view_columns().items()))
def test_view_and_its_columns_are_documented(view, columns):
    section_start = README.find(f"**`{view}`**")
    assert section_start >= 0, f"README has no section for the view {view}"
    ends = [i for i in (README.find("\n**`", section_start + 1), README.find("\n#", section_start + 1)) if i > 0]
    section = README[section_start:min(ends, default=len(README))]
    inherited = [other for other in view_columns() if f"columns of `{other}`" in section]
    documented = {c for other in inherited for c in view_columns()[other]}
    undocumented = [c for c in columns if f"`{c}`" not in section and c not in documented]
    assert not undocumented, f"{view}: columns not documented: {undocumented}"


def test_readme_opens_with_the_two_commands():
    blocks = README.split("```sh\n")
    assert "motie demo" in blocks[1].split("```")[0]
    assert "pytest" in blocks[2].split("```")[0]


def rule_names_in_use() -> set[str]:
    """The rule names the construction cases assert and the demo releases' metrics record."""
    rule_columns = ("indicator_rule", "item_rule", "period_rule", "region_rule")
    names = set()
    for path in (ROOT / "tests" / "extract" / "cases").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            for expected in json.loads(line)["expect"]:
                names.update(expected[c] for c in rule_columns if expected.get(c))
    for line in (ROOT / "tests" / "golden" / "demo_metrics.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        names.update(row[c] for c in rule_columns if row.get(c))
    return names


def test_every_rule_name_a_metric_records_is_explained():
    """An analyst tracing a wrong row by its item_rule or period_rule finds the rule in "How figures are read"."""
    section = README[README.index("### How figures are read"):]
    section = section[:section.find("\n## ")]
    names = rule_names_in_use()
    assert len(names) > 50  # the cases and the golden file were read
    assert sorted(n for n in names if f"`{n}`" not in section) == []
