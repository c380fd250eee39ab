"""A setting, route or command that README.md does not mention is a bug."""

import re

from orgnet.api.main import create_app
from orgnet.cli import app as cli_app
from orgnet.settings import PROJECT_ROOT, Settings

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", README, flags=re.M))
    assert {name.upper() for name in Settings.model_fields} <= documented


def documented_routes() -> set[str]:
    """Every operation in the served OpenAPI schema, as ``METHOD /path``."""
    spec = create_app().openapi()
    return {f"{method.upper()} {path}" for path, ops in spec["paths"].items() for method in ops}


def test_every_route_is_documented():
    routes = documented_routes()
    # the app has more than the foundation's routes: a schema that lost its routers must fail here
    assert {"GET /health", "GET /v1/regions/{region_id}", "POST /v1/import", "GET /v1/gaps/{metric}"} <= routes
    missing = sorted(r for r in routes if f"`{r}`" not in README)
    assert not missing, f"routes not in README's API table: {missing}"


def test_every_command_is_documented():
    commands = {c.name for c in cli_app.registered_commands}
    commands |= {f"{g.name}" for g in cli_app.registered_groups}
    missing = sorted(c for c in commands if f"`orgnet {c}" not in README)
    assert not missing, f"commands not in README: {missing}"


def test_the_two_commands_come_first():
    first_block = README.split("```")[1]
    assert "make run" in first_block and "make test" in first_block
