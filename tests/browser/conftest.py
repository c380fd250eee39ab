"""Browser tests: Playwright driving Debian's Chromium against a real uvicorn and the real Neo4j.

The API runs in a thread of the test process (a real ``uvicorn.Server`` on a free port) and
shares the session's graph; the seed is the ``xuzhou`` fixture's.  Playwright never downloads a
browser here: it launches ``/usr/bin/chromium`` (``make test`` installs it through
``scripts/ensure-system-deps.sh --browser``).  Without it the tests are skipped, except in CI
(``CI`` set), where that is a failure.  A failing test leaves a screenshot and the page's HTML
under ``tests/artifacts/``.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ORGNET_TEST_CHROMIUM", "/usr/bin/chromium")
# The machine has no internet: without these Chromium floods refused connections.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
TIMEOUT_MS = 90_000  # the database is shared with other work on two cores


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.path) or "tests\\browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM} (scripts/ensure-system-deps.sh --browser installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def live_server(graph, settings) -> Iterator[str]:
    """A real uvicorn serving the app on a free port; yields its base URL."""
    import uvicorn

    from orgnet.api.main import create_app
    from orgnet.settings import get_settings

    app = create_app(settings=settings, graph=graph)
    app.dependency_overrides[get_settings] = lambda: settings
    port = settings.api_port  # the port the test Neo4j's post_connect_cmd fetches the kit from
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, name="uvicorn-browser-tests", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start for the browser tests")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=15)


# Package scope, not session: Playwright's sync API keeps an asyncio loop running in the main thread
# while it is open, so every later `asyncio.run` (the unit tests' ASGI calls, doctests) would fail.
@pytest.fixture(scope="package")
def browser(chromium_path):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _artifact_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1])[:120]


@pytest.fixture
def new_page(request, browser):
    """``new_page(width=1280, height=800)`` → a page in a fresh context; screenshots on failure."""
    contexts = []

    def make(width: int = 1280, height: int = 800, locale: str = "en-US"):
        ctx = browser.new_context(viewport={"width": width, "height": height}, locale=locale, accept_downloads=True)
        ctx.set_default_timeout(TIMEOUT_MS)
        page = ctx.new_page()
        page.errors = []  # uncaught errors of the page's scripts
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        contexts.append((ctx, page))
        return page

    yield make
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for i, (ctx, page) in enumerate(contexts):
        if failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            stem = ARTIFACTS / f"{_artifact_name(request.node.nodeid)}-{i}"
            try:
                page.screenshot(path=str(stem.with_suffix(".png")), full_page=True)
                stem.with_suffix(".html").write_text(page.content(), encoding="utf-8")
            except Exception as e:  # noqa: BLE001 - a failed screenshot must not hide the failure
                print(f"could not save a screenshot of the failure: {e}")
        ctx.close()
