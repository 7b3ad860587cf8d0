"""The extraction cache key covers the whole extractor package, so no edit of it is ever served stale."""
from importlib.resources import files
from pathlib import Path

from tasks.steps.caching import package_files

EXTRACT = Path(__file__).parents[2] / "tasks" / "extract"


def test_every_file_of_the_extractor_package_is_hashed():
    on_disk = {str(p.relative_to(EXTRACT)) for p in EXTRACT.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert {name for name, _ in package_files(files("tasks.extract"))} == on_disk
    assert {"slots.py", "lexicon/items.json"} <= on_disk


def test_a_new_rule_file_changes_what_is_hashed(tmp_path):
    (tmp_path / "rules.py").write_text("A = 1\n")
    before = package_files(tmp_path)
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "units.json").write_text("{}\n")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"\0")
    assert sorted(package_files(tmp_path)) == sorted(before + [("lexicon/units.json", b"{}\n")])
