"""Imports go one way (flows → tasks → warehouse); the pure stages import neither Prefect nor DuckDB."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules_under(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def top_level(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("path", modules_under("warehouse"), ids=str)
def test_the_warehouse_imports_no_pipeline_code(path):
    assert not top_level(imported_modules(path)) & {"tasks", "flows"}


@pytest.mark.parametrize("path", modules_under("tasks"), ids=str)
def test_tasks_import_no_flows(path):
    assert "flows" not in top_level(imported_modules(path))


@pytest.mark.parametrize("path", modules_under("tasks/parse") + modules_under("tasks/extract"), ids=str)
def test_the_pure_stages_import_neither_prefect_nor_duckdb(path):
    # the warehouse package is DuckDB, so importing it would bring DuckDB in too
    assert not top_level(imported_modules(path)) & {"prefect", "duckdb", "warehouse"}


@pytest.mark.parametrize("path", [p for p in modules_under("tasks") if "steps" not in p.parts], ids=str)
def test_only_the_steps_import_prefect(path):
    assert "prefect" not in top_level(imported_modules(path))


def test_no_two_modules_share_a_name_across_layers():
    names = [p.name for folder in ("flows", "warehouse") for p in modules_under(folder) if p.name != "__init__.py"]
    assert len(names) == len(set(names))
