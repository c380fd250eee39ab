"""/docs and /redoc render in Chromium with no request leaving the server (issue 21: no
fastapi-offline; issue 24 point 9: /redoc asked cdn.redoc.ly for a logo) and no CSP violation."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("path", "rendered"), [("/docs", ".opblock"), ("/redoc", ".api-content h2")])
def test_the_docs_pages_render_from_this_server_alone(live_server, new_page, path, rendered):
    page = new_page()
    requests: list[str] = []
    console: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    page.goto(live_server + path)
    page.wait_for_selector(rendered)
    page.wait_for_load_state("networkidle")
    outside = [url for url in requests if not url.startswith((live_server, f"blob:{live_server}", "data:"))]
    assert outside == [], outside
    assert not [m for m in console if "Content Security Policy" in m], console
    assert not page.errors, page.errors
