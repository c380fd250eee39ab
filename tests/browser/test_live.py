"""The page stays current (issue 24 §1): two 丰县 planners in two browser contexts; one links a
household, and the other's scorecard, tree bar and gap list show it within a second, without a
reload, pushed by the live stream (GET /v1/events) that the events dispatcher feeds."""

from __future__ import annotations

import json
import os
import time

import httpx
import pytest
from playwright.sync_api import expect

from orgnet.accounts import store
from orgnet.events.dispatcher import Dispatcher

from .test_dashboard import DAY, FENGXIAN, wait_gaps
from .test_operate import sign_in

METRIC = "household_linkage"
# The goal is a second (bench figures say how close); the test asserts "without a reload" within a bound
# a shared machine can hold (ORGNET_TEST_LIVE_BOUND_S), and prints the time taken either way
BOUND_S = float(os.environ.get("ORGNET_TEST_LIVE_BOUND_S", "5.0"))


@pytest.fixture
def planners(xuzhou, settings):
    made = []
    for key in ("a", "b"):
        account, token = store.add_account(xuzhou, name=f"live-{key}", role="planner", scope=[FENGXIAN])
        made.append((account["id"], token))
    # the one process that publishes the outbox's events (the test apps run none of their own)
    dispatcher = Dispatcher(xuzhou, settings.model_copy(update={"events_dispatch": True}), owner="browser-live")
    dispatcher.start()
    yield [t for _, t in made]
    dispatcher.stop()
    xuzhou.write("MATCH (a:Account) WHERE a.id IN $ids DETACH DELETE a", {"ids": [i for i, _ in made]})


def open_planner(new_page, base: str, token: str):
    page = new_page()
    page.goto(f"{base}/#/r/{FENGXIAN}?m={METRIC}&d={DAY}")
    expect(page.locator("#region-name")).to_have_text("丰县")
    sign_in(page, token)
    expect(page.locator("#account-summary")).to_contain_text("live-")
    page.goto(f"{base}/#/r/{FENGXIAN}?m={METRIC}&d={DAY}")
    page.select_option("#gap-category", "never_linked")
    wait_gaps(page)
    return page


def uncovered(page) -> str:
    card = page.locator(f'#scorecard .card[data-metric="{METRIC}"]:not(.skeleton-figures) .card-unc strong')
    expect(card).to_be_visible()
    return card.inner_text()


def test_another_planners_write_shows_on_the_page_within_a_second_without_a_reload(live_server, xuzhou, new_page, planners):
    base = live_server
    a, b = (open_planner(new_page, base, t) for t in planners)
    before = uncovered(b)
    row = a.locator("#gaps-body tr[data-id]").first
    household = row.get_attribute("data-id")
    expect(b.locator(f'#gaps-body tr[data-id="{household}"]')).to_have_count(1)
    member = xuzhou.read(
        "MATCH (h:Household {id: $h}) MATCH (m:PartyMember) WHERE m.region_id = h.region_id AND NOT coalesce(m.voided, false) "
        "RETURN m.id AS id ORDER BY id DESC LIMIT 1",  # not the member test_operate links to it (a voided record keeps its id)
        {"h": household},
    )[0]["id"]
    record = f"{member}~{household}~{DAY}"
    navigations, asked = [], []
    b.on("framenavigated", lambda frame: navigations.append(frame.url))
    b.on("request", lambda req: asked.append(req.url))
    row.locator("button.assign").click()
    a.fill("#assign-search", member)
    a.click("#assign-go")
    a.locator(f'#assign-table tr[data-person="{member}"] button.apply').click()
    a.click("#confirm-write")
    auth = {"Authorization": f"Bearer {planners[0]}"}
    try:
        expect(a.locator("#ops-panel .write-status")).to_have_class("write-status ok")
        written = time.monotonic()
        # the other planner's page: the gap leaves the list and the scorecard counts one fewer, within a second
        expect(b.locator(f'#gaps-body tr[data-id="{household}"]')).to_have_count(0, timeout=30_000)
        expect(b.locator(f'#scorecard .card[data-metric="{METRIC}"] .card-unc strong')).not_to_have_text(before, timeout=30_000)
        took = time.monotonic() - written
        print(f"other planner's page current after {took:.2f} s")
        assert took <= BOUND_S, took
        assert int(b.locator(f'#scorecard .card[data-metric="{METRIC}"] .card-unc strong').inner_text().replace(",", "")) == int(before.replace(",", "")) - 1
        # and the writer's own scorecard too (its cache key changes with the write)
        expect(a.locator(f'#scorecard .card[data-metric="{METRIC}"] .card-unc strong')).to_have_text(
            b.locator(f'#scorecard .card[data-metric="{METRIC}"] .card-unc strong').inner_text()
        )
        assert not navigations, navigations  # no reload
        # the tree's bars, the map and the time series were asked again too, after the write
        b.wait_for_timeout(300)
        for part in (f"/v1/coverage/{METRIC}/regions", f"/v1/hotspots/{METRIC}", f"/v1/coverage/{METRIC}/series"):
            assert any(part in u for u in asked), (part, asked)
    finally:
        current = httpx.get(f"{base}/v1/records/household_links/{record}", headers=auth, timeout=60)
        if current.status_code == 200 and not current.json()["voided"]:
            httpx.post(f"{base}/v1/records/household_links/{record}/void", json={"reason": "browser test cleanup"}, headers=auth, timeout=60).raise_for_status()
    # the void comes through the stream too: the gap is back on the other page
    expect(b.locator(f'#scorecard .card[data-metric="{METRIC}"] .card-unc strong')).to_have_text(before, timeout=5000)
    assert not a.errors and not b.errors, (a.errors, b.errors)


def test_bench_write_to_event_to_the_figure_on_another_planners_page(live_server, xuzhou, new_page, planners):
    """A bench figure, printed, not asserted (bench/RESULTS.md, "Every open page current"): for
    each of a few writes through the API, the time from sending it to (a) the write's answer, (b)
    its change event on the live stream (an SSE client of its own) and (c) the scorecard figure of
    another planner's open page showing the new count (a MutationObserver's clock in the page)."""
    import threading

    base = live_server
    auth = {"Authorization": f"Bearer {planners[0]}"}
    page = open_planner(new_page, base, planners[1])
    expect(page.locator(f'#scorecard .card[data-metric="{METRIC}"]:not(.skeleton-figures) .card-unc')).to_be_visible()
    page.evaluate(
        """(metric) => {
          window.__figures = [];
          const box = document.querySelector('#scorecard');
          new MutationObserver(() => {
            const s = box.querySelector(`.card[data-metric="${metric}"]:not(.skeleton-figures) .card-unc`);
            const text = s ? s.textContent : null;
            const last = window.__figures.length ? window.__figures[window.__figures.length - 1].text : null;
            if (text !== null && text !== last) window.__figures.push({ text, at: Date.now() });
          }).observe(box, { subtree: true, childList: true, characterData: true });
        }""",
        METRIC,
    )
    # an unlinked household of 丰县, linked and the link voided again, once per member of its village:
    # the household_linkage card's count goes down and back up
    household = httpx.get(f"{base}/v1/gaps/{METRIC}", params={"region": FENGXIAN, "as_of": DAY, "limit": 1}, headers=auth, timeout=60).json()["items"][0]["id"]
    rows = xuzhou.read(
        "MATCH (h:Household {id: $h}) MATCH (m:PartyMember {region_id: h.region_id}) WHERE NOT coalesce(m.voided, false) "
        "AND NOT EXISTS { (m)-[:LINKS]->(h) } RETURN m.id AS m, h.id AS h ORDER BY m.id LIMIT 5",
        {"h": household},
    )
    events: dict[str, float] = {}
    stop = threading.Event()

    def listen():
        with httpx.stream("GET", f"{base}/v1/events", headers={**auth, "Accept": "text/event-stream"}, timeout=None) as res:
            for line in res.iter_lines():
                if stop.is_set():
                    return
                if line.startswith("data:"):
                    payload = json.loads(line[5:])
                    for item in (payload.get("change") or {}).get("items") or []:
                        events.setdefault(item, time.time())

    threading.Thread(target=listen, daemon=True).start()
    time.sleep(1)
    samples, records = [], []
    try:
        for r in rows:
            record = f"{r['m']}~{r['h']}~{DAY}"
            for action in ("create", "void"):
                before = page.locator(f'#scorecard .card[data-metric="{METRIC}"]:not(.skeleton-figures) .card-unc').text_content()
                seen = page.evaluate("() => window.__figures.length")
                sent = time.time()
                if action == "create":
                    answer = httpx.post(
                        f"{base}/v1/records/household_links", json={"member_id": r["m"], "household_id": r["h"], "since": DAY}, headers=auth, timeout=60
                    )
                    records.append(record)
                else:
                    answer = httpx.post(f"{base}/v1/records/household_links/{record}/void", json={"reason": "bench"}, headers=auth, timeout=60)
                answered = time.time()
                answer.raise_for_status()
                page.wait_for_function("([n, old]) => window.__figures.slice(n).some((f) => f.text !== old)", arg=[seen, before], timeout=30_000)
                shown = page.evaluate("([n, old]) => window.__figures.slice(n).find((f) => f.text !== old).at", [seen, before]) / 1000
                deadline = time.time() + 10
                while record not in events and time.time() < deadline:
                    time.sleep(0.02)
                event = events.get(record)
                samples.append((action, answered - sent, (event - sent) if event else None, shown - sent))
                events.pop(record, None)
    finally:
        stop.set()
        for record in records:
            current = httpx.get(f"{base}/v1/records/household_links/{record}", headers=auth, timeout=60)
            if current.status_code == 200 and not current.json()["voided"]:
                httpx.post(f"{base}/v1/records/household_links/{record}/void", json={"reason": "bench cleanup"}, headers=auth, timeout=60)
    print("\nwrite → answer / SSE event / other page's figure (ms)")
    for action, a, e, s in samples:
        print(f"  {action:6} {a * 1000:8.0f} {'' if e is None else f'{e * 1000:8.0f}':>8} {s * 1000:8.0f}")
    shown = sorted(s for *_, s in samples)
    print(f"figure on the other page: n={len(shown)} p50={shown[len(shown) // 2] * 1000:.0f} ms max={shown[-1] * 1000:.0f} ms")
    assert len(samples) == 2 * len(rows) > 0
