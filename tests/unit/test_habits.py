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


def _imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


# Each layer and the packages it must not import (docs/design.md draws the layers: graph ← queries
# ← coverage ← api/cli; seed and writes build on graph).
LAYERS = {
    "graph": ("orgnet.seed", "orgnet.coverage", "orgnet.api", "orgnet.writes", "orgnet.cli"),
    "queries": ("orgnet.coverage", "orgnet.api", "orgnet.writes", "orgnet.seed", "orgnet.cli"),
    "coverage": ("orgnet.api", "orgnet.cli"),
}


def test_each_layer_imports_only_the_layers_below_it():
    crossing = [
        f"{path.relative_to(ROOT)} imports {name}"
        for layer, forbidden in LAYERS.items()
        for path in sorted((ROOT / "orgnet" / layer).rglob("*.py"))
        for name in sorted(_imported_modules(path))
        if name.startswith(forbidden)
    ]
    assert crossing == []


def test_no_module_of_the_api_shares_its_name_with_a_route_module():
    """A route module and the module doing the work have different names (api/export.py next to
    api/routes/export.py sent readers to the wrong file)."""
    api = {p.stem for p in (ROOT / "orgnet" / "api").glob("*.py")}
    routes = {p.stem for p in (ROOT / "orgnet" / "api" / "routes").glob("*.py")} - {"__init__"}
    assert api & routes == set()


def test_the_browser_kit_has_its_own_route_module():
    """The Browser kit is served by routes/browser_kit.py, no longer by routes/dashboard.py."""
    from orgnet.api.routes import browser_kit, dashboard

    kit_paths = {r.path for r in browser_kit.router.routes}
    dashboard_paths = {r.path for r in dashboard.router.routes}
    assert kit_paths == {"/browser-kit/orgnet.grass", "/browser-kit/guide.html"}
    assert dashboard_paths == {"/", "/static/{path:path}"}
