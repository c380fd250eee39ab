"""The planner's desk, continued (issue 24 §5, §6, §8): the whole write flow speaks Chinese under
zh-CN (Assign, its confirmation, the history, End and Void, the refusals 404, 409 and 412), End
and Void name the person and the household and leave no control behind them; the county treemap
names its blocks; a hotspot level changed before the first list has come adds no second list."""

from __future__ import annotations

import json
import re

import httpx
import pytest
from playwright.sync_api import expect

from orgnet.accounts import store

from .test_dashboard import DAY, FENGXIAN, wait_gaps
from .test_operate import sign_in

METRIC = "household_linkage"
ENDED = "2020-04-15"

# Every text node of `roots` (and the placeholders, labels and titles of their controls) split into
# words; the words made of Latin letters alone are English.  Ids (`.mono`, `.item-id`), days
# (<time>) and the writers' own words (a void's reason: data-free-text) are left out; a word with a
# digit, '-', '~' or '_' is an id or a number.
ENGLISH_WORDS = """(roots) => {
  const skip = (el) => el.closest('.mono, .item-id, time, [data-free-text], script, style');
  const words = [];
  const add = (text, where) => {
    for (const w of (text || '').split(/[\\s,，;；:：()（）·›→“”"'、。!?！？…\\/|=+*<>\\[\\]{}]+/)) if (/^[A-Za-z]{2,}$/.test(w)) words.push(`${w} (${where})`);
  };
  for (const sel of roots) for (const root of document.querySelectorAll(sel)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el) || el.closest('[hidden]')) continue;
      add(n.textContent, el.id || el.className || el.tagName);
    }
    for (const el of root.querySelectorAll('input, button, select, textarea, [aria-label], [title]')) {
      if (skip(el)) continue;
      for (const a of ['placeholder', 'aria-label', 'title']) add(el.getAttribute(a), `${el.id || el.tagName}@${a}`);
    }
  }
  return words;
}"""
WRITE_FLOW = ["#ops-panel", "#confirm-dialog", "#history-section", "#gaps-section .write-status"]


@pytest.fixture
def planner(xuzhou):
    account, token = store.add_account(xuzhou, name="书桌规划员", role="planner", scope=[FENGXIAN])
    yield token
    xuzhou.write("MATCH (a:Account {id: $id}) DETACH DELETE a", {"id": account["id"]})


def english(page) -> list[str]:
    return page.evaluate(ENGLISH_WORDS, WRITE_FLOW)


def open_gaps(page, base: str, token: str):
    page.goto(f"{base}/#/r/{FENGXIAN}?m={METRIC}&d={DAY}")
    expect(page.locator("#region-name")).to_have_text("丰县")
    sign_in(page, token)
    expect(page.locator("#account-summary")).to_contain_text("书桌规划员")
    page.goto(f"{base}/#/r/{FENGXIAN}?m={METRIC}&d={DAY}")
    page.select_option("#gap-category", "never_linked")
    wait_gaps(page)


def choose(page, member: str):
    page.fill("#assign-search", member)
    page.click("#assign-go")
    page.locator(f'#assign-table tr[data-person="{member}"] button.apply').click()
    expect(page.locator("#confirm-dialog")).to_be_visible()


def test_the_whole_write_flow_speaks_chinese_and_end_void_name_who_and_leave_no_stale_control(live_server, xuzhou, new_page, planner):
    base, auth = live_server, {"Authorization": f"Bearer {planner}"}
    page = new_page(1366, 900, locale="zh-CN")
    open_gaps(page, base, planner)
    rows = page.locator("#gaps-body tr[data-id]")
    first, second = rows.nth(0).get_attribute("data-id"), rows.nth(1).get_attribute("data-id")
    people = {}
    for household in (first, second):
        people[household] = xuzhou.read(
            "MATCH (h:Household {id: $h}) MATCH (m:PartyMember) WHERE m.region_id = h.region_id AND NOT coalesce(m.voided, false) "
            "RETURN m.id AS member, m.name AS member_name, h.name AS household_name ORDER BY m.id DESC SKIP 1 LIMIT 1",
            {"h": household},
        )[0]
    records = {h: f"{p['member']}~{h}~{DAY}" for h, p in people.items()}
    try:
        # 1. Assign, its search and its confirmation (names, not field names)
        page.locator(f'#gaps-body tr[data-id="{first}"] button.assign').click()
        expect(page.locator("#assign-table")).to_be_visible()
        choose(page, people[first]["member"])
        dialog = page.locator("#confirm-dialog")
        expect(dialog).to_contain_text(people[first]["member_name"])
        assert english(page) == []
        page.click("#confirm-write")
        expect(page.locator("#ops-panel .write-status")).to_have_class("write-status ok")
        expect(page.locator(f'#history-section button.history-item[data-item="{records[first]}"]')).to_have_count(1)
        assert english(page) == []  # the written status and the history line (名称, not the account's id)
        expect(page.locator("#history-section")).to_contain_text("书桌规划员")

        # 2. a 409: another planner linked the second household to the same member first
        page.locator(f'#gaps-body tr[data-id="{second}"] button.assign').click()
        expect(page.locator("#assign-table")).to_be_visible()
        httpx.post(
            f"{base}/v1/records/household_links", json={"member_id": people[second]["member"], "household_id": second, "since": DAY}, headers=auth, timeout=60
        ).raise_for_status()
        choose(page, people[second]["member"])
        page.click("#confirm-write")
        expect(page.locator("#ops-panel .write-status")).to_have_class(re.compile("error-box"))
        expect(page.locator("#ops-panel .write-status")).to_contain_text("未写入")
        assert english(page) == []

        # 3. End… and Void… from the item's history: they name the member and the household
        page.locator(f'#history-section button.history-item[data-item="{records[first]}"]').first.click()
        row = page.locator(f'#ops-panel [data-record="household_links/{records[first]}"]')
        expect(row.locator("button.void")).to_have_count(1)
        expect(row).to_contain_text(people[first]["member_name"])
        assert english(page) == []
        # a 412: the record changes (another planner ends it) after this page read it
        httpx.post(f"{base}/v1/records/household_links/{records[first]}/end", json={"until": ENDED}, headers=auth, timeout=60).raise_for_status()
        row.locator("button.void").click()
        for who in (people[first]["member_name"], people[first]["member"], first, DAY):
            expect(dialog).to_contain_text(who)
        if people[first]["household_name"]:
            expect(dialog).to_contain_text(people[first]["household_name"])
        expect(dialog).not_to_contain_text("member_id")
        expect(dialog).not_to_contain_text("household_id")
        assert english(page) == []
        page.fill("#confirm-reason", "测试：恢复种子数据")
        page.click("#confirm-write")
        expect(row.locator(".write-status")).to_contain_text("已被修改")
        assert english(page) == []
        # the row was drawn again from the record as it is now: ended, its Void… with the new version
        expect(row).to_contain_text(ENDED)
        expect(row.locator("button.end")).to_have_count(0)
        row.locator("button.void").click()
        page.fill("#confirm-reason", "测试：恢复种子数据")
        page.click("#confirm-write")
        # voided: no End…, no Void… left to click (a second click would only meet a 412)
        expect(row.locator(".badge")).to_have_text(re.compile("已作废"))
        expect(row.locator("button.void")).to_have_count(0)
        expect(row.locator("button.end")).to_have_count(0)
        assert english(page) == []

        # 4. a 404 (the record went out of the scope, or away, between the read and the write): the
        # server's English detail is not shown, the planner's words are
        page.route(
            "**/v1/records/household_links",
            lambda route: (
                route.fulfill(
                    status=404, content_type="application/problem+json", body=json.dumps({"title": "Not Found", "status": 404, "detail": "No such household."})
                )
                if route.request.method == "POST"
                else route.continue_()
            ),
        )
        page.locator("#gaps-body tr[data-id] button.assign").first.click()
        expect(page.locator("#assign-table")).to_be_visible()
        page.locator("#assign-table tbody tr button.apply").first.click()
        page.click("#confirm-write")
        expect(page.locator("#ops-panel .write-status")).to_contain_text("未找到")
        assert english(page) == []
    finally:
        for record in records.values():
            current = httpx.get(f"{base}/v1/records/household_links/{record}", headers=auth, timeout=60)
            if current.status_code == 200 and not current.json()["voided"]:
                httpx.post(f"{base}/v1/records/household_links/{record}/void", json={"reason": "browser test cleanup"}, headers=auth, timeout=60)
    assert not page.errors, page.errors


def test_the_treemap_names_its_blocks(live_server, xuzhou, new_page):
    page = new_page(1366, 900)
    page.goto(f"{live_server}/#/r/{FENGXIAN}?d={DAY}")
    expect(page.locator("#region-name")).to_have_text("丰县")
    chart = page.locator("#treemap-chart")
    expect(chart.locator("svg")).to_be_attached()
    expect(page.locator("#treemap-box")).to_have_attribute("aria-busy", "false")
    towns = [r["name"] for r in xuzhou.read("MATCH (:Region {id: $c})<-[:PART_OF]-(t:Region) RETURN t.name AS name ORDER BY t.id", {"c": FENGXIAN})]
    page.wait_for_timeout(1000)  # the chart is drawn once its data has come
    chart.screenshot(path="/tmp/desk2/treemap.png")
    shown = chart.locator("svg text").all_inner_texts()
    text = " ".join(t.replace("\n", "") for t in shown)
    missing = [t for t in towns if t not in text]
    assert not missing, (missing, shown[:40])


def test_a_hotspot_level_changed_before_the_first_list_comes_adds_no_second_list(live_server, xuzhou, new_page):
    page = new_page(1366, 900)
    held = []
    # the first hotspot list is held back until the level has been changed
    page.route(
        "**/v1/hotspots/**",
        lambda route: held.append(route) if "limit=20" in route.request.url and "level=village" in route.request.url and not held else route.continue_(),
    )
    page.goto(f"{live_server}/#/r/{FENGXIAN}?d={DAY}")
    expect(page.locator("#region-name")).to_have_text("丰县")
    page.click("#view-hotspots")
    expect(page.locator("#hotspot-level")).to_be_visible()
    page.select_option("#hotspot-level", "town")
    expect(page.locator("#children ol.chart")).to_have_count(1)
    for route in held:
        route.continue_()
    page.wait_for_timeout(1500)  # the held answer arrives late: it must not be drawn beside the town list
    expect(page.locator("#children ol.chart")).to_have_count(1)
    expect(page.locator("#children .legend")).to_have_count(1)
    expect(page.locator("#hotspot-level")).to_have_value("town")
    towns = {r["id"] for r in xuzhou.read("MATCH (:Region {id: $c})<-[:PART_OF]-(t:Region) RETURN t.id AS id", {"c": FENGXIAN})}
    shown = set(page.locator("#children ol.chart button[data-region-id]").evaluate_all("bs => bs.map(b => b.dataset.regionId)"))
    assert shown and shown <= towns, shown
    assert not page.errors, page.errors
