"""Habits the code keeps (issue 11): a long module says in its docstring why it is long."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LONG = 400


def python_files() -> list[Path]:
    return [p for folder in ("orgnet", "tests", "bench") for p in sorted((ROOT / folder).rglob("*.py"))]


def test_every_module_over_400_lines_says_why_in_its_docstring():
    unexplained = []
    for path in python_files():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") + 1 > LONG:
            doc = ast.get_docstring(ast.parse(text)) or ""
            if f"over {LONG} lines because" not in doc:
                unexplained.append(str(path.relative_to(ROOT)))
    assert unexplained == [], "add to the module docstring: 'It is over 400 lines because ...'"


def test_the_design_the_code_cites_is_in_the_repository():
    design = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    for n in range(1, 6):
        assert f"\n## {n}. " in design
    cited = [p for p in python_files() if "DESIGN.md" in p.read_text(encoding="utf-8") and p.name != "test_habits.py"]
    assert cited == [], "cite docs/design.md"
