"""The manual at /manual/ in Chromium: its pages and its search work under the page's policy, and
no request leaves the API's own address (an intranet has no internet)."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlsplit

from playwright.sync_api import expect

from orgnet.api import manual
from orgnet.settings import PROJECT_ROOT


def built_manual() -> None:
    """`make test` builds it (make docs); a browser test run alone builds it the same way."""
    if not (manual.MANUAL_DIR / "index.html").is_file():
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=PROJECT_ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True)


def test_the_manual_reads_and_searches_with_nothing_from_outside(live_server, new_page):
    built_manual()
    page = new_page()
    requests: list[str] = []
    refused: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)

    page.goto(f"{live_server}/manual/")
    page.get_by_role("link", name="For planners").first.click()
    expect(page).to_have_title("For planners - orgnet manual")
    page.get_by_role("link", name="Gaps and exports").first.click()
    expect(page.locator("article h1")).to_contain_text("Gaps and exports")

    page.locator(".md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("budget", delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator(".md-search-result__item").first).to_contain_text("budget", ignore_case=True)

    own = urlsplit(live_server).netloc
    assert not [u for u in requests if urlsplit(u).netloc != own], requests
    assert not refused, refused
    assert not page.errors, page.errors
