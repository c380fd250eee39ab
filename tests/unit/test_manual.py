"""The manual (docs/ built by mkdocs-material) builds strictly, is served at /manual/, and loads
nothing from another host: it must work on an intranet with no internet."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from orgnet.api import manual
from orgnet.api.main import create_app
from orgnet.settings import PROJECT_ROOT

# a URL that leaves the server: a scheme with a host, or a protocol-relative one
OUTSIDE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The manual built as `make docs` builds it (strict: a broken link, anchor or nav entry fails)."""
    out = tmp_path_factory.mktemp("manual")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return out


@pytest.fixture
def client(site: Path, monkeypatch) -> TestClient:
    monkeypatch.setattr(manual, "MANUAL_DIR", site)
    return TestClient(create_app(), base_url="http://127.0.0.1")


def test_the_manual_is_served_at_manual(client):
    page = client.get("/manual/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<title>orgnet manual</title>" in page.text
    for reader in ("planners/index.html", "operators/index.html", "api/index.html", "contributors/index.html"):
        assert f'href="{reader}"' in page.text, reader
        assert client.get(f"/manual/{reader}").status_code == 200
    assert client.get("/manual", follow_redirects=False).status_code in (307, 308)
    search_index = client.get("/manual/search/search_index.json")
    assert search_index.status_code == 200 and "EXPORT_BUDGET_S" in search_index.text


def test_a_page_may_run_only_its_own_scripts(client):
    page = client.get("/manual/api/routes.html")
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    inline = re.findall(r"<script>(.*?)</script>", page.text, flags=re.S)
    assert inline, "the theme's inline scripts moved: check the policy still fits"
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]


def test_a_missing_page_or_an_unbuilt_manual_is_a_404_that_says_what_to_run(monkeypatch, tmp_path):
    monkeypatch.setattr(manual, "MANUAL_DIR", tmp_path / "not-built")
    client = TestClient(create_app(), base_url="http://127.0.0.1")
    answer = client.get("/manual/")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert "make manual" in answer.json()["detail"]


class Resources(HTMLParser):
    """Every URL a page makes the browser load (not the links a reader may follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self.mermaid = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "mermaid" in (values.get("class") or "").split():
            self.mermaid = True
        for name, value in attrs:
            if value is None or (tag == "a" and name == "href"):
                continue
            if name in ("src", "href", "poster", "data", "action", "formaction") or name == "srcset":
                self.loaded += [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
            elif name == "style":
                self.loaded += re.findall(r"url\(\s*['\"]?([^'\")]+)", value)


def test_the_built_site_loads_nothing_from_another_host(site: Path):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 30
    outside = []
    for page in pages:
        parser = Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.loaded, page
        assert not parser.mermaid, f"{page}: a Mermaid diagram makes the theme load mermaid.js from a CDN"
        outside += [(str(page.relative_to(site)), url) for url in parser.loaded if OUTSIDE.match(url)]
    for sheet in site.rglob("*.css"):
        css = sheet.read_text(encoding="utf-8")
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + re.findall(r"@import\s+['\"]([^'\"]+)", css)
        outside += [(str(sheet.relative_to(site)), url) for url in urls if OUTSIDE.match(url)]
    assert not outside, outside


def test_the_theme_is_configured_to_stay_offline():
    """No web font (Google Fonts), no repository facts (api.github.com): the theme would fetch them."""
    config = yaml.load((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["theme"]["font"] == "false"
    assert "repo_url" not in config and "site_url" not in config
    plugins = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert "privacy" in plugins
