"""Habits the code keeps: a long module says in its docstring why it is long (issue 11), no module
of orgnet is over 600 lines and no orgnet modules import each other in a cycle (issue 21)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LONG = 400
LONGEST = 600


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


def test_no_module_of_orgnet_is_over_600_lines():
    """No exception, whatever its docstring says: split it along its seams."""
    too_long = {str(p.relative_to(ROOT)): n for p in sorted((ROOT / "orgnet").rglob("*.py")) if (n := p.read_text(encoding="utf-8").count("\n") + 1) > LONGEST}
    assert too_long == {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Each orgnet module → the orgnet modules it imports, at the top or inside a function (``from
    orgnet.x import y`` counts ``orgnet.x.y`` when ``y`` is a module, else ``orgnet.x``)."""
    files = {_module_name(p): p for p in sorted((root / "orgnet").rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(a.name for a in node.names if a.name in files)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from the package, up level - 1
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, *([base] if base else [])])
                modules = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in files]
                imported.update(modules)
                if len(modules) < len(node.names) and base in files:
                    imported.add(base)
        graph[name] = imported - {name}
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or through others (Tarjan's strongly
    connected components of more than one module).

    >>> import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    [['a', 'b', 'c']]
    >>> import_cycles({"a": {"b"}, "b": set()})
    []
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while (w := stack.pop()) != v:
                group.append(w)
            group.append(v)
            if len(group) > 1:
                cycles.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return cycles


def test_the_import_graph_has_every_module_and_sees_imports_inside_functions():
    graph = import_graph()
    assert "orgnet.cli" in graph and "orgnet.cli_support" in graph["orgnet.cli"]
    # events/cli.py imports cli_support inside a function only
    assert "orgnet.cli_support" in graph["orgnet.events.cli"]


def test_no_orgnet_modules_import_each_other_in_a_cycle():
    """An import inside a function hides a cycle from Python, not from this test (issue 21)."""
    assert import_cycles(import_graph()) == []


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
