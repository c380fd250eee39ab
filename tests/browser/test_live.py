"""The page stays current (issue 24 §1): two 丰县 planners in two browser contexts; one links a
household, and the other's scorecard, tree bar and gap list show it within a second, without a
reload, pushed by the live stream (GET /v1/events) that the events dispatcher feeds."""

from __future__ import annotations

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
