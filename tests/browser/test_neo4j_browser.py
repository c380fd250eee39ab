"""Neo4j Browser of the test server: connect, load orgnet's guide and style, run a library query."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from orgnet.seed.generator import planted_cases

QUERY = "gaps/party_org_presence"


def connect(page, settings):
    page.goto(f"http://127.0.0.1:{settings.neo4j_http_port}/browser/")
    page.fill("[data-testid=boltaddress]", f"127.0.0.1:{settings.neo4j_bolt_port}")
    page.fill("[data-testid=username]", settings.neo4j_user)
    page.fill("[data-testid=password]", settings.effective_password())
    page.click("[data-testid=connect]")
    expect(page.get_by_text("You are connected as user")).to_be_visible()


def run_command(page, command: str):
    page.click("[data-testid=activeEditor]")
    page.keyboard.type(command)
    page.keyboard.press("Enter")


def test_browser_connects_runs_a_library_query_from_the_guide(live_server, xuzhou, new_page, settings):
    orgless = sorted(planted_cases(2020, "demo")["party_org_presence"])
    page = new_page()
    connect(page, settings)

    # the local server's post_connect_cmd opened the guide from the API on connect
    drawer = page.locator("#guide-drawer")
    if settings.uses_local_server:
        expect(drawer).to_contain_text("orgnet")
    else:  # an external test server has its own configuration: open the guide by hand
        run_command(page, f":guide {live_server}/browser-kit/guide.html")
        expect(drawer).to_contain_text("orgnet")
    for _ in range(12):  # page through the slides to the query
        if drawer.get_by_text(QUERY, exact=True).is_visible():
            break
        drawer.get_by_role("button", name="Next").click()
    block = drawer.locator(f'[data-query="{QUERY}"]')
    expect(block).to_be_visible()
    play = block.locator("pre.runnable i.fa-play-circle-o")
    expect(play).to_have_count(2)  # set the parameters, then run
    play.nth(0).click()
    params_frame = page.locator("[data-testid=frame]").first
    expect(params_frame).to_contain_text(":param limit")
    expect(params_frame.locator('[data-testid=multi-statement-list-icon][title="Status: success"]')).to_have_count(2)
    play.nth(1).click()

    frame = page.locator("[data-testid=frame]").first
    expect(frame).to_contain_text(f"Started streaming {len(orgless)} records")
    for village in orgless:
        expect(frame).to_contain_text(village)


def test_browser_applies_orgnet_style(live_server, xuzhou, new_page, settings):
    page = new_page()
    connect(page, settings)
    run_command(page, f":style {live_server}/browser-kit/orgnet.grass")
    expect(page.locator("[data-testid=frame]").first).to_contain_text("node.County")
    run_command(page, "MATCH p = (:County {id: '320321'})<-[:PART_OF]-(:Town) RETURN p")
    frame = page.locator("[data-testid=frame]").first
    expect(frame.locator("svg circle[fill='#2E75B6']").first).to_be_attached()  # the county
    expect(frame.locator("svg circle[fill='#5B9BD5']")).to_have_count(15)  # its towns and streets
    expect(frame).to_contain_text("丰县")


# ------------------------------------------------------------------ issue 14: every block runs, nothing leaves 127.0.0.1

ERROR_TEXT = re.compile(r"Neo\.(ClientError|DatabaseError|TransientError)|SyntaxError|ParameterMissing|Could not parse|Unknown command|Error:")


def clear_stream(page):
    # Enter would pick the editor's autocompletion of ":clear"; Ctrl+Enter runs what is typed
    page.click("[data-testid=activeEditor]")
    page.keyboard.type(":clear")
    page.keyboard.press("Escape")
    page.keyboard.press("Control+Enter")


def _refused_by_csp(failure: str | None) -> bool:
    """Chromium's failure text of a request its Content-Security-Policy refused ("csp", or
    "net::ERR_BLOCKED_BY_CSP"): nothing was sent."""
    text = (failure or "").lower()
    return text == "csp" or "blocked_by_csp" in text


def _outside(url: str) -> bool:
    if url.startswith(("data:", "blob:", "about:", "chrome")):
        return False
    host = urlsplit(url).hostname or ""
    return host not in ("127.0.0.1", "localhost", "::1")


def test_every_guide_block_runs_and_nothing_leaves_the_machine(live_server, xuzhou, new_page, settings):
    page = new_page()
    outgoing: list[str] = []
    # The local server's Browser jar is rewritten not to ask outside hosts (see the next test); the
    # Content-Security-Policy, a second line, makes Chromium refuse any that is asked before it is
    # sent (failure "csp"), e.g. by an external test server's Browser. A request
    # that got a response, or failed on the network (this machine has no internet), left it.
    page.on("response", lambda r: outgoing.append(r.url) if _outside(r.url) else None)
    page.on("requestfailed", lambda r: outgoing.append(f"{r.url} ({r.failure})") if _outside(r.url) and not _refused_by_csp(r.failure) else None)
    page.on("websocket", lambda ws: outgoing.append(ws.url) if _outside(ws.url) else None)
    connect(page, settings)  # a cold connect: a fresh context, nothing cached
    drawer = page.locator("#guide-drawer")
    if not settings.uses_local_server:
        run_command(page, f":guide {live_server}/browser-kit/guide.html")
    expect(drawer).to_contain_text("orgnet")  # the guide opened on the first connect
    # and the style was applied on it (no :style typed here)
    run_command(page, "MATCH (c:County {id: '320321'}) RETURN c")
    expect(page.locator("[data-testid=frame]").first.locator("svg circle[fill='#2E75B6']").first).to_be_attached()

    frames = page.locator("[data-testid=frame]")
    ran = 0
    for slide in range(40):
        plays = drawer.locator("pre.runnable i.fa-play-circle-o")
        visible = [plays.nth(i) for i in range(plays.count()) if plays.nth(i).is_visible()]
        for play in visible:
            # one frame per block: Browser reuses the frame of a command it ran before
            clear_stream(page)
            expect(frames).to_have_count(0)
            play.click()
            ran += 1
            frame = frames.first
            expect(frames).to_have_count(1)
            # wait until the frame has finished, then look for an error in it
            expect(frame).not_to_contain_text("Loading", timeout=90_000)
            page.wait_for_function(
                'f => !f.querySelector(\'[data-testid=multi-statement-list-icon][title="Status: pending"], [data-testid=multi-statement-list-icon][title="Status: waiting"]\')',
                arg=frame.element_handle(),
            )
            text = frame.inner_text()
            assert not ERROR_TEXT.search(text), f"slide {slide + 1}, block {ran}: {text[:500]}"
            assert frame.locator('[data-testid=multi-statement-list-icon][title="Status: error"]').count() == 0, text[:500]
        nxt = drawer.get_by_role("button", name="Next")
        if not nxt.is_visible() or not nxt.is_enabled():
            break
        nxt.click()
    blocks = len(re.findall(r'class="code runnable"', page.request.get(f"{live_server}/browser-kit/guide.html").text()))
    assert ran == blocks > 90
    assert not outgoing, sorted(set(outgoing))


def test_the_browser_page_asks_nothing_of_any_host_but_this_machine(live_server, xuzhou, new_page, settings):
    """Issue 24 §9: every request Browser's page makes is recorded as it is made (page.on('request'),
    before the Content-Security-Policy could refuse it), and none goes to another host.  Browser 5.24's
    page asks Canny, Segment, Sentry and Google Fonts whatever the settings (Community 5.26 declares no
    browser.allow_outgoing_connections); the local server rewrites its jar on start so that it does
    not (orgnet/graph/browser_offline.py), and the CSP stays as a second line."""
    page = new_page()
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.on("websocket", lambda ws: asked.append(ws.url))
    connect(page, settings)
    if not settings.uses_local_server:
        run_command(page, f":guide {live_server}/browser-kit/guide.html")
    expect(page.locator("#guide-drawer")).to_contain_text("orgnet")
    run_command(page, "MATCH (c:County {id: '320321'}) RETURN c")
    expect(page.locator("[data-testid=frame]").first.locator("svg circle[fill='#2E75B6']").first).to_be_attached()
    page.wait_for_timeout(3000)  # what Browser asks for after a while (usage data is sent in batches)
    outside = sorted({u for u in asked if _outside(u)})
    print(f"\nBrowser's page asked {len(asked)} URLs; outside this machine: {sorted({urlsplit(u).hostname for u in outside}) or 'none'}")
    assert any(urlsplit(u).hostname == "127.0.0.1" for u in asked)
    assert any(urlsplit(u).port == settings.neo4j_bolt_port for u in asked if u.startswith("ws:"))  # the Bolt WebSocket was recorded
    # not even asked, so nothing for the CSP to refuse (an external test server's Browser must be made offline by its operator)
    assert outside == [], outside
    if settings.uses_local_server:  # the preview app, which has Segment and Sentry built in, is left out of the jar
        assert page.request.get(f"http://127.0.0.1:{settings.neo4j_http_port}/browser/preview/").status == 404
