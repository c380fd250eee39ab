"""The field app (issue 26's "Done when"), on a phone: a 390×844 touch viewport in Chromium against the
real API and Neo4j.  A planner enrols a 丰县 cadre (over the API); the phone opens the enrolment link
and sees the cadre's paired enterprises; offline, the cadre records three entries and reloads (the
service worker serves the app and the last data); back online, the API goes away in the middle of
the sync (the first entry is written, its answer never reaches the phone) and the retry writes
nothing twice: the three arrive exactly once (in Neo4j), are in the planner's change log and each
entry's history under the phone's account, on the cadre's 我的档案 screen and in the cadre's
frontline_recognition status."""

from __future__ import annotations

import datetime as dt
import os

import httpx
import pytest
from playwright.sync_api import expect

from orgnet.accounts import store

from .conftest import ARTIFACTS, TIMEOUT_MS

FENGXIAN = "320321"
PAIRED_CADRE = """
MATCH (c:Cadre)-[r:PAIRED_WITH]->(:Enterprise)
WHERE c.region_id STARTS WITH $county AND r.until IS NULL AND NOT coalesce(r.voided, false) AND c.level <> 'county'
WITH c, count(r) AS pairings ORDER BY pairings DESC, c.id
RETURN c.id AS id LIMIT 1
"""
TEXTS = ("走访结对企业甲", "卡口值守一班", "入户走访困难家庭")


@pytest.fixture
def planner_token(xuzhou):
    account, token = store.add_account(xuzhou, name="field-app planner", role="planner", scope=[FENGXIAN])
    yield token
    xuzhou.write("MATCH (a:Account) WHERE a.id = $id OR a.name = 'field-app phone' DETACH DELETE a", {"id": account["id"]})
    xuzhou.write("MATCH (e:FieldEnrolment) DETACH DELETE e")
    xuzhou.write("MATCH (f:FrontlineRecord) WHERE f.id STARTS WITH 'fr-m-' DETACH DELETE f")
    xuzhou.write("MATCH (v:EnterpriseVisit) WHERE v.id STARTS WITH 'ev-m-' DETACH DELETE v")


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN", service_workers="allow"
    )
    ctx.set_default_timeout(TIMEOUT_MS)
    page = ctx.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield ctx, page
    ctx.close()


def shoot(page, name: str) -> None:
    """The README's screenshots, when ORGNET_FIELD_SCREENSHOTS names a folder."""
    folder = os.environ.get("ORGNET_FIELD_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"field-app-{name}.png"), scale="css")


def count_entries(graph, cadre: str) -> int:
    q = "MATCH (f:FrontlineRecord)-[:RECORD_OF]->(:Cadre {id: $id}) WHERE f.id STARTS WITH 'fr-m-' RETURN count(f) AS n"
    return graph.read(q, {"id": cadre})[0]["n"]


def entries_counted(base: str, headers: dict[str, str], cadre: str) -> int:
    """The cadre's frontline record entries as frontline_recognition counts them today (0: not yet in its population)."""
    today = dt.datetime.now(dt.UTC).date().isoformat()
    r = httpx.get(f"{base}/v1/coverage/frontline_recognition/items/{cadre}", params={"as_of": today}, headers=headers, timeout=60)
    if r.status_code == 404:
        return 0
    assert r.status_code == 200, r.text
    return r.json()["details"]["entries"]


def test_a_cadre_records_three_entries_offline_and_they_arrive_once(live_server, xuzhou, planner_token, phone):
    ctx, page = phone
    cadre = xuzhou.read(PAIRED_CADRE, {"county": FENGXIAN})[0]["id"]
    paired = {r["id"] for r in xuzhou.read("MATCH (:Cadre {id: $id})-[r:PAIRED_WITH]->(e) WHERE r.until IS NULL RETURN e.id AS id", {"id": cadre})}
    planner = {"Authorization": f"Bearer {planner_token}"}
    r = httpx.post(
        f"{live_server}/v1/field/accounts", json={"person_type": "cadre", "person_id": cadre, "name": "field-app phone"}, headers=planner, timeout=60
    )
    assert r.status_code == 201, r.text
    account_id, link = r.json()["account"]["id"], r.json()["enrolment"]["link"]
    before = entries_counted(live_server, planner, cadre)

    try:
        # the phone opens the link of the QR code: enrolled, it sees its paired enterprises
        page.goto(link)
        expect(page.locator("#pairings li[data-id]")).to_have_count(len(paired))
        shoot(page, "work")
        assert {page.locator("#pairings li[data-id]").nth(i).get_attribute("data-id") for i in range(len(paired))} == paired
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
        # once the service worker controls the page, a reload stores the shell and my data in its cache
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        page.reload()
        expect(page.locator("#pairings li[data-id]")).to_have_count(len(paired))

        ctx.set_offline(True)
        page.get_by_role("button", name="记录", exact=True).tap()
        for n, text in enumerate(TEXTS, start=1):
            page.locator("#entry-form textarea[name=text]").fill(text)
            page.get_by_test_id("save-entry").tap()
            # as a person would: the next entry once this one is listed (saving clears the form, and a
            # text typed before that would be cleared with it)
            expect(page.locator("#outbox li[data-state=waiting]")).to_have_count(n)
        expect(page.locator("#outbox li[data-state=waiting]")).to_have_count(3)

        page.reload()  # no network: the service worker serves the app and my last data
        expect(page.locator("#pairings li[data-id]")).to_have_count(len(paired))
        expect(page.get_by_test_id("net")).to_have_text("离线")
        page.get_by_role("button", name="记录", exact=True).tap()
        expect(page.locator("#outbox li[data-state=waiting]")).to_have_count(3)
        shoot(page, "offline")

        # back online, but the API goes away in the middle of the sync: the server writes the first
        # entry, and its answer never reaches the phone (the connection is reset)
        cut: list[int] = []

        def cut_after_the_write(route):
            if route.request.method == "POST" and not cut:
                cut.append(route.fetch().status)
                route.abort("connectionreset")
            else:
                route.continue_()

        answers: list[tuple[int, str]] = []
        page.on(
            "response",
            lambda r: r.request.method == "POST" and r.url.endswith("/v1/me/record") and answers.append((r.status, r.headers.get("idempotent-replayed") or "")),
        )
        ctx.route("**/v1/me/record", cut_after_the_write)
        ctx.set_offline(False)
        deadline = dt.datetime.now() + dt.timedelta(seconds=30)
        while not cut and dt.datetime.now() < deadline:
            page.wait_for_timeout(100)
        assert cut == [201]  # written on the server...
        expect(page.locator("#outbox li[data-state=waiting]")).to_have_count(3)  # ...but the phone still waits for all three
        assert count_entries(xuzhou, cadre) == 1
        ctx.unroute("**/v1/me/record")
        # the network comes back once more: the phone retries with the same keys
        ctx.set_offline(True)
        ctx.set_offline(False)
        expect(page.locator("#outbox li[data-state=sent]")).to_have_count(3)
        shoot(page, "sent")
        assert sorted(answers) == [(201, ""), (201, ""), (201, "true")]  # the first entry's retry: its first answer, replayed
        # my record: the three entries on the cadre's own screen
        page.get_by_role("button", name="我的档案", exact=True).tap()
        for text in TEXTS:
            expect(page.locator("#entries li", has_text=text)).to_have_count(1)
        shoot(page, "record")
        # a visit to a paired enterprise, from the record screen: the pairing is no longer due
        page.get_by_role("button", name="记录", exact=True).tap()
        page.get_by_test_id("what").select_option("enterprise_visits")
        page.locator("#entry-form textarea[name=text]").fill("走访结对企业，了解复工复产")
        shoot(page, "visit")
        page.get_by_test_id("save-entry").tap()
        expect(page.locator("#outbox li[data-state=sent]")).to_have_count(4)
        page.get_by_role("button", name="我的工作", exact=True).tap()
        page.reload()
        expect(page.locator("#pairings li[data-id] .due")).to_have_count(len(paired) - 1)
        assert not page.errors, page.errors
    except Exception:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "field-app-failure.png"), full_page=True)
        raise

    rows = xuzhou.read(
        "MATCH (f:FrontlineRecord)-[:RECORD_OF]->(:Cadre {id: $id}) WHERE f.id STARTS WITH 'fr-m-' RETURN f.id AS id, f.text AS text", {"id": cadre}
    )
    assert sorted(r["text"] for r in rows) == sorted(TEXTS) and count_entries(xuzhou, cadre) == 3  # each exactly once
    # the cadre's frontline_recognition status counts them at once
    after = entries_counted(live_server, planner, cadre)
    assert after == before + 3, (before, after)
    # each entry's history, as the planner sees it: one creation, by the phone's account
    for row in rows:
        history = httpx.get(f"{live_server}/v1/changes", params={"item": row["id"]}, headers=planner, timeout=60)
        assert history.status_code == 200, history.text
        assert [(c["account"], c["role"], c["action"]) for c in history.json()["items"]] == [(account_id, "field", "create")], history.text[:500]
    log = httpx.get(f"{live_server}/v1/changes", params={"region": FENGXIAN, "account": account_id}, headers=planner, timeout=60)
    assert log.status_code == 200, log.text
    # the seed's own visits (dated 2020, for pairing_visits) are not the phone's
    visits = xuzhou.read("MATCH (v:EnterpriseVisit {cadre_id: $id}) WHERE v.id STARTS WITH 'ev-m-' RETURN v.id AS id", {"id": cadre})
    assert len(visits) == 1  # the visit recorded from the record screen, once
    assert sorted(i for c in log.json()["items"] for i in c["items"]) == sorted([*(r["id"] for r in rows), visits[0]["id"]])
    assert {c["role"] for c in log.json()["items"]} == {"field"}


def test_a_planner_enrols_a_phone_on_the_dashboard_and_revokes_it(live_server, xuzhou, planner_token, new_page, phone):
    """The planner's side: 一线手机 under the planning tools shows a one-time link and its QR code for a
    person of the scope, lists the scope's field accounts, and revokes one (the phone is refused at once)."""
    from .test_operate import sign_in

    cadre = xuzhou.read(PAIRED_CADRE, {"county": FENGXIAN})[0]["id"]
    page = new_page()
    page.goto(f"{live_server}/#/r/{FENGXIAN}")
    sign_in(page, planner_token)
    expect(page.locator("#account-summary")).to_contain_text("field-app planner")
    page.click("#tab-field")
    page.select_option("#field-type", "cadre")
    page.fill("#field-person", cadre)
    page.fill("#field-name", "field-app phone")
    page.get_by_test_id("field-create").click()
    link = page.get_by_test_id("field-link")
    expect(link).to_contain_text("/m/#enrol=")
    expect(page.get_by_test_id("field-qr")).to_be_visible()
    if os.environ.get("ORGNET_FIELD_SCREENSHOTS"):
        page.locator("#tools-section").screenshot(path=os.path.join(os.environ["ORGNET_FIELD_SCREENSHOTS"], "field-app-enrol.png"), scale="css")
    row = page.locator("#field-accounts-table tr").filter(has_text="field-app phone")
    expect(row).to_have_count(1)
    # the phone opens the link: enrolled, it sees its work; the planner's list says so
    ctx, phone_page = phone
    phone_page.goto(link.get_attribute("href"))
    expect(phone_page.locator("#pairings li[data-id]").first).to_be_visible()
    page.click("#tab-field")
    expect(row.locator(".field-state")).to_have_text("enrolled")
    # revoked: the phone's token stops working at once
    row.get_by_role("button", name="Revoke").click()
    page.click("#confirm-write")
    expect(row.locator(".field-state")).to_have_text("revoked")
    phone_page.reload()
    expect(phone_page.locator("#work-msg")).to_contain_text("账号已停用")
    assert not page.errors, page.errors
