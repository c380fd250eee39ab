"""The planner's desk (issue 24): an informed Assign (a village's name finds its members, each with
its load; an overloaded pick says the gap it would open) in Chinese throughout; on a phone the gap
list is one tap from the top and every target is at least 44 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from orgnet.accounts import store

from .test_dashboard import DAY, FENGXIAN, wait_gaps
from .test_operate import sign_in

METRIC = "household_linkage"
ASCII_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


@pytest.fixture
def planner(xuzhou):
    account, token = store.add_account(xuzhou, name="desk-planner", role="planner", scope=[FENGXIAN])
    yield token
    xuzhou.write("MATCH (a:Account {id: $id}) DETACH DELETE a", {"id": account["id"]})


def open_gaps(page, base: str, token: str):
    page.goto(f"{base}/#/r/{FENGXIAN}?m={METRIC}&d={DAY}")
    expect(page.locator("#region-name")).to_have_text("丰县")
    sign_in(page, token)
    expect(page.locator("#account-summary")).to_contain_text("desk-planner")
    page.goto(f"{base}/#/r/{FENGXIAN}?m={METRIC}&d={DAY}")
    page.select_option("#gap-category", "never_linked")
    wait_gaps(page)


def test_assign_finds_the_villages_members_with_their_load_and_says_the_gap_an_overload_opens_in_chinese(live_server, xuzhou, new_page, planner):
    page = new_page(1366, 900, locale="zh-CN")
    open_gaps(page, live_server, planner)
    row = page.locator("#gaps-body tr[data-id]").first
    household = row.get_attribute("data-id")
    village = xuzhou.read("MATCH (h:Household {id: $h}) MATCH (r:Region {id: h.region_id}) RETURN r.id AS id, r.name AS name", {"h": household})[0]
    members = xuzhou.read(
        "MATCH (m:PartyMember {region_id: $v}) RETURN m.id AS id, COUNT { MATCH (m)-[l:LINKS]->(:Household) WHERE l.since <= date($day) "
        "AND (l.until IS NULL OR l.until >= date($day)) AND NOT coalesce(l.voided, false) } AS n ORDER BY id",
        {"v": village["id"], "day": DAY},
    )
    row.locator("button.assign").click()
    # the search opens on the household's village name: its members, same village first, each with its load
    expect(page.locator("#assign-search")).to_have_value(village["name"])
    table = page.locator("#assign-table")
    expect(table).to_be_visible()
    shown = table.locator("tbody tr").evaluate_all("rows => rows.map(r => r.dataset.person)")
    assert set(shown[: len(members)]) == {m["id"] for m in members}
    full = next((m for m in members if m["n"] == 10), None)
    assert full, "the seed's members link 10 households each"
    full_row = table.locator(f'tr[data-person="{full["id"]}"]')
    expect(full_row).to_contain_text("已联系 10 户")
    assert full_row.get_attribute("data-effect") == "opens"
    full_row.locator("button.apply").click()
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_contain_text("新增缺口")
    expect(dialog).to_contain_text("补齐缺口")
    expect(dialog.locator(".confirm-warning")).to_be_visible()
    # every word of the write flow is Chinese (ids and days aside)
    texts = [t for t in dialog.inner_text().split() if not re.search(r"\d|-", t)] + page.locator("#ops-panel thead").inner_text().split()
    assert not [t for t in texts if ASCII_WORD.search(t)], texts
    page.click("#confirm-cancel")
    assert not page.errors, page.errors


def test_on_a_phone_the_gap_list_is_one_tap_away_and_every_target_is_44px(live_server, xuzhou, new_page, planner):
    page = new_page(390, 844, locale="zh-CN")
    open_gaps(page, live_server, planner)
    page.evaluate("() => window.scrollTo(0, 0)")
    page.click("#jump-gaps")
    page.wait_for_function("() => Math.abs(document.querySelector('#gaps-section').getBoundingClientRect().top) < 100")
    small = page.evaluate(
        """() => [...document.querySelectorAll('#gaps-section button, #gaps-section select, #gaps-section input, #gaps-section a, header button, header input, header select')]
            .filter((e) => e.offsetParent !== null)
            .map((e) => { const r = e.getBoundingClientRect(); return { id: e.id || e.className || e.tagName, w: r.width, h: r.height }; })
            .filter((r) => r.w < 44 || r.h < 44)"""
    )
    assert small == [], small
    # Assign with touch: the targets of the panel are as large
    page.locator("#gaps-body tr[data-id] button.assign").first.click()
    expect(page.locator("#assign-table")).to_be_visible()
    small = page.evaluate(
        """() => [...document.querySelectorAll('#ops-panel button, #ops-panel input')].filter((e) => e.offsetParent !== null)
            .map((e) => e.getBoundingClientRect()).filter((r) => r.width < 44 || r.height < 44).length"""
    )
    assert small == 0
    assert not page.errors, page.errors
