"""The manual's recipes, re-run: every ``curl`` line of README.md's and docs/api/examples.md's
``bash`` blocks is sent to the API on the seed (the same demo seed `make run` loads), and the
figures the planners' page quotes are the API's.

A recipe is parsed as a shell line (``shlex``): ``-X``, ``-H``, ``-d``, ``-D -``, ``-o FILE`` and
``-s`` are understood; ``$ORGNET_TOKEN`` is a planner's token; ``| python3 -m json.tool`` means the
answer must be JSON.  The test server's host name replaces ``127.0.0.1:8000``.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from orgnet.settings import PROJECT_ROOT, get_settings

TOKEN = "docs-recipe-planner-token"
RECIPE_PAGES = [PROJECT_ROOT / "README.md", PROJECT_ROOT / "docs" / "api" / "examples.md"]
CURL_OPTIONS_WITH_VALUE = {"-X", "-H", "-d", "--data", "-D", "-o"}


@dataclass
class Recipe:
    page: str
    line: str
    method: str = "GET"
    path: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None
    wants_json: bool = False
    writes_file: bool = False


def bash_blocks(text: str) -> list[str]:
    return re.findall(r"^```bash\n(.*?)^```", text, flags=re.S | re.M)


def parse(page: Path, line: str) -> Recipe:
    command, _, pipe = line.partition(" | ")
    recipe = Recipe(page=str(page.relative_to(PROJECT_ROOT)), line=line, wants_json="json.tool" in pipe)
    words = shlex.split(command.replace("$ORGNET_TOKEN", TOKEN), comments=True)
    assert words[0] == "curl", line
    i = 1
    while i < len(words):
        word = words[i]
        if word in CURL_OPTIONS_WITH_VALUE:
            value = words[i + 1]
            if word == "-X":
                recipe.method = value
            elif word == "-H":
                name, _, header = value.partition(":")
                recipe.headers[name.strip()] = header.strip()
            elif word in ("-d", "--data"):
                recipe.body = value
                recipe.method = recipe.method if recipe.method != "GET" else "POST"
            elif word == "-o":
                recipe.writes_file = True
            i += 2
        elif word == "-s":
            i += 1
        else:
            url = urlsplit(word)
            assert url.scheme == "http" and url.netloc == "127.0.0.1:8000", f"{line}: recipes talk to make run's API"
            recipe.path = url.path + (f"?{url.query}" if url.query else "")
            i += 1
    assert recipe.path, line
    return recipe


def recipes() -> list[Recipe]:
    found = []
    for page in RECIPE_PAGES:
        for block in bash_blocks(page.read_text(encoding="utf-8")):
            found += [parse(page, line.strip()) for line in block.splitlines() if line.strip().startswith("curl ")]
    return found


def test_the_recipes_are_found():
    """The parser sees every page's recipes: a page whose blocks stopped being ``bash`` would run none."""
    pages = {r.page for r in recipes()}
    assert pages == {"README.md", "docs/api/examples.md"}
    assert len(recipes()) >= 20
    assert any(r.method == "POST" and r.body for r in recipes())
    assert any(TOKEN in r.headers.get("Authorization", "") for r in recipes())


@pytest.fixture(scope="module")
def client(graph, settings):
    from fastapi.testclient import TestClient

    from orgnet.api.main import create_app

    s = settings.model_copy(update={"api_tokens": f"{TOKEN}:planner"})
    app = create_app(settings=s, graph=graph)
    app.dependency_overrides[get_settings] = lambda: s
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize("recipe", recipes(), ids=lambda r: f"{r.page}:{r.path[:70]}")
def test_each_recipe_answers_as_the_manual_says(xuzhou, client, recipe: Recipe):
    response = client.request(recipe.method, recipe.path, headers=recipe.headers, content=recipe.body)
    assert response.status_code == 200, f"{recipe.page}: {recipe.line}\n{response.status_code} {response.text[:500]}"
    if recipe.wants_json:
        assert response.headers["content-type"].startswith("application/json"), recipe.line
        assert response.json() not in (None, [], {}), recipe.line
    if recipe.writes_file:
        # X-Orgnet-Total is the list's size when the export starts (no header promises rows: issue 20 §4).
        assert int(response.headers["X-Orgnet-Total"]) > 0, recipe.line
        assert len(response.content.splitlines()) > 1, recipe.line


def test_the_readme_recipe_shows_fengxian_with_its_path(xuzhou, client):
    (recipe,) = [r for r in recipes() if r.page == "README.md" and r.path == "/v1/regions/320321"]
    assert "# 丰县 with its path" in recipe.line
    body = client.get(recipe.path).json()
    assert body["name"] == "丰县"
    assert [p["name"] for p in body["path"]][:1] == ["徐州市"]


def test_the_planners_figures_are_the_apis(xuzhou, client):
    """For planners quotes the household linkage of 沛县 from 2020-02-01 to 2020-03-31."""
    page = (PROJECT_ROOT / "docs" / "planners" / "index.md").read_text(encoding="utf-8")
    before, after = (float(x) for x in re.search(r"the line from ([\d.]+) % to ([\d.]+) %", page).groups())
    compare = client.get("/v1/coverage/household_linkage/compare", params={"region": "320322", "before": "2020-02-01", "after": "2020-03-31"})
    assert compare.status_code == 200, compare.text
    body = compare.json()
    assert (round(100 * body["ratio_before"], 1), round(100 * body["ratio_after"], 1)) == (before, after)
