"""A setting, route or command that the manual does not document is a bug; so is a stale figure.

The manual is ``docs/`` by reader (README.md is the front door).  Each thing has one page where it
is documented; a failure names what is missing and that page, so whoever adds a setting, a route or
a command knows where its line goes (docs/contributors/manual.md).
"""

import re
from pathlib import Path

from orgnet.api.main import create_app
from orgnet.api.routes import export
from orgnet.cli import app as cli_app
from orgnet.settings import PROJECT_ROOT, Settings

DOCS = PROJECT_ROOT / "docs"
README = PROJECT_ROOT / "README.md"
SETTINGS_PAGE = DOCS / "operators" / "settings.md"
ROUTES_PAGE = DOCS / "api" / "routes.md"
COMMANDS_PAGE = DOCS / "operators" / "command-line.md"
READER_PAGES = {
    "planners": DOCS / "planners" / "index.md",
    "operators": DOCS / "operators" / "index.md",
    "API consumers": DOCS / "api" / "index.md",
    "contributors": DOCS / "contributors" / "index.md",
}


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def manual_pages() -> list[Path]:
    return [README, *sorted(DOCS.rglob("*.md"))]


def where(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT))


def test_every_setting_is_documented_on_the_settings_page():
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", text(SETTINGS_PAGE), flags=re.M))
    missing = sorted(name.upper() for name in Settings.model_fields if name.upper() not in documented)
    assert not missing, f"settings not documented: {missing}; add a row '| `NAME` | default | meaning |' to {where(SETTINGS_PAGE)}"
    # and nothing documented that is not a setting (a renamed one leaves its old row behind)
    gone = sorted(documented - {name.upper() for name in Settings.model_fields})
    assert not gone, f"{where(SETTINGS_PAGE)} documents settings that do not exist: {gone}"


def served_routes() -> set[str]:
    """Every operation in the served OpenAPI schema, as ``METHOD /path``."""
    spec = create_app().openapi()
    return {f"{method.upper()} {path}" for path, ops in spec["paths"].items() for method in ops}


def test_every_route_is_documented_on_the_routes_page():
    routes = served_routes()
    # the app has more than the foundation's routes: a schema that lost its routers must fail here
    assert {"GET /health", "GET /v1/regions/{region_id}", "POST /v1/import", "GET /v1/gaps/{metric}"} <= routes
    page = text(ROUTES_PAGE)
    missing = sorted(r for r in routes if f"| `{r}` |" not in page)
    assert not missing, f"routes not documented: {missing}; add a row '| `METHOD /path` | what |' to {where(ROUTES_PAGE)}"


def test_the_routes_page_documents_no_route_that_is_not_served():
    documented = set(re.findall(r"^\| `((?:GET|POST|PUT|PATCH|DELETE) /[^`]*)` \|", text(ROUTES_PAGE), flags=re.M))
    # served outside the OpenAPI schema: the dashboard, its files, the Browser kit, the manual
    unlisted = {"GET /", "GET /static/{path}", "GET /browser-kit/orgnet.grass", "GET /browser-kit/guide.html", "GET /manual/"}
    stale = sorted(documented - served_routes() - unlisted)
    assert not stale, f"{where(ROUTES_PAGE)} documents routes the API does not serve: {stale}"


def test_every_command_is_documented_on_the_command_line_page():
    commands = {c.name for c in cli_app.registered_commands}
    commands |= {f"{g.name}" for g in cli_app.registered_groups}
    page = text(COMMANDS_PAGE)
    missing = sorted(c for c in commands if f"`orgnet {c}" not in page)
    assert not missing, f"commands not documented: {missing}; add a row to {where(COMMANDS_PAGE)}"


def test_the_two_commands_come_first():
    first_block = text(README).split("```")[1]
    assert "make run" in first_block and "make test" in first_block


def test_readme_is_a_front_door_under_250_lines():
    assert text(README).count("\n") < 250


def test_a_newcomer_finds_each_readers_page_from_the_readme_in_one_click():
    top = "\n".join(text(README).splitlines()[:15])  # above the first screen's fold
    for reader, page in READER_PAGES.items():
        assert page.is_file(), page
        assert f"]({where(page)})" in top, f"README's first lines lack a link to the {reader}' page {where(page)}"


def test_every_relative_link_of_the_readme_leads_to_a_file():
    # the manual's own links are checked by its strict build (tests/unit/test_manual.py)
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text(README)) + re.findall(r'src="([^"]+)"', text(README))
    local = [link for link in links if "://" not in link]
    assert len(local) >= 10
    broken = [link for link in local if not (PROJECT_ROOT / link).exists()]
    assert not broken, f"README links to files that do not exist: {broken}"


def export_cap() -> int:
    """The most rows one gap export holds: the setting where there is one, else the route's constant."""
    field = Settings.model_fields.get("export_max_rows")
    return int(field.default) if field is not None else export.MAX_EXPORT_ROWS


def test_the_export_cap_in_the_docs_is_the_one_in_the_code():
    cap = export_cap()
    claims = []
    for page in manual_pages():
        for paragraph_no, paragraph in enumerate(re.split(r"\n\s*\n", text(page))):
            flat = " ".join(paragraph.split())
            if re.search(r"export", flat, flags=re.I):
                claims += [
                    (where(page), paragraph_no, int(n.replace(",", ""))) for n in re.findall(r"(?:at most|up to|longer than|more than) ([\d,]+) rows", flat)
                ]
    assert len(claims) >= 3, claims  # the planners' page, the API's pagination and limits pages say it
    wrong = [c for c in claims if c[2] != cap]
    assert not wrong, f"an export holds at most {cap:,} rows; these paragraphs say otherwise: {wrong}"
    assert f"at most **{cap:,} rows**" in text(DOCS / "planners" / "gaps-and-exports.md")


def test_the_dashboard_is_described_as_it_is_drawn():
    """It draws with the vendored ECharts (orgnet/api/static/vendor), not by hand."""
    assert (PROJECT_ROOT / "orgnet" / "api" / "static" / "vendor" / "echarts.esm.min.mjs").is_file()
    for page in manual_pages():
        assert "hand-written SVG" not in text(page), where(page)
    assert "ECharts" in text(DOCS / "planners" / "dashboard.md")
