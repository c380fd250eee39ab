"""Operating the network from the dashboard (issue 12's "Done when"), in a real browser on the seed:
a 丰县 planner signs in, closes an enterprise's missing town-level cadre from the gap list through a
suggestion, sees the gap go and the change in the history, voids it again from the history; sees
no name and has no write control in 沛县, where the API refuses the same token's write with 404.
Viewers and anonymous callers get no write control in the DOM at all."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import expect

from orgnet.accounts import store
from orgnet.seed.generator import DEFAULT_TODAY

from .test_dashboard import wait_gaps

FENGXIAN, PEIXIAN, CITY = "320321", "320322", "320300"
DAY = DEFAULT_TODAY.isoformat()
METRIC = "enterprise_pairing"
WRITE_CONTROLS = "button.assign, button.apply, button.end, button.void, button.item-history, td.actions, th.actions, #confirm-dialog form"


@pytest.fixture
def tokens(xuzhou):
    made = {}
    for key, role, scope in (("planner", "planner", [FENGXIAN]), ("viewer", "viewer", [CITY])):
        account, token = store.add_account(xuzhou, name=f"operate-{key}", role=role, scope=scope)
        made[key] = (account["id"], token)
    yield {k: t for k, (_, t) in made.items()}
    xuzhou.write("MATCH (a:Account) WHERE a.id IN $ids DETACH DELETE a", {"ids": [i for i, _ in made.values()]})


def sign_in(page, token: str):
    page.locator("#account-summary").click()
    page.fill("#token-input", token)
    page.click("#sign-in")


def coverage(base: str, token: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    r = httpx.get(f"{base}/v1/coverage/{METRIC}", params={"region": FENGXIAN, "as_of": DAY}, headers=headers, timeout=60)
    r.raise_for_status()
    return {k: r.json()[k] for k in ("covered", "total")}


def personal_names_in(graph, county: str) -> set[str]:
    rows = graph.read(
        "MATCH (c:Cadre) WHERE c.region_id STARTS WITH $county AND c.name IS NOT NULL RETURN DISTINCT c.name AS n",
        {"county": county},
    )
    return {r["n"] for r in rows if len(r["n"]) >= 2}


def open_metric(page, base: str, region: str):
    page.goto(f"{base}/#/r/{region}?m={METRIC}&d={DAY}")
    expect(page.locator("#region-name")).not_to_have_text("…")


def test_a_county_planner_closes_a_gap_sees_it_in_the_history_and_cannot_act_in_another_county(live_server, xuzhou, new_page, tokens):
    base, token = live_server, tokens["planner"]
    seed_coverage = coverage(base)
    page = new_page()
    page.goto(f"{base}/#/r/{CITY}?d={DAY}")
    expect(page.locator("#region-name")).to_have_text("徐州市")
    sign_in(page, token)
    # the account's scope opens first, and the token lives in this tab's sessionStorage only
    expect(page.locator("#region-name")).to_have_text("丰县")
    expect(page.locator("#account-summary")).to_contain_text("operate-planner")
    assert page.evaluate("() => [sessionStorage.getItem('orgnet-token'), localStorage.getItem('orgnet-token')]") == [token, None]

    open_metric(page, base, FENGXIAN)
    page.select_option("#gap-category", "missing_town")
    wait_gaps(page)
    row = page.locator("#gaps-body tr[data-id]").filter(has=page.locator("button.assign")).first
    enterprise = row.get_attribute("data-id")
    row.locator("button.assign").click()
    town = page.locator('#assign-table tr[data-level="town"]').first
    cadre = town.get_attribute("data-cadre")
    expect(town).to_contain_text(cadre)
    assert personal_names_in(xuzhou, FENGXIAN) & set(town.inner_text().split()), "names inside the scope are shown"
    town.locator("button.apply").click()
    # the confirmation says exactly what will be written
    dialog = page.locator("#confirm-dialog")
    record = f"{cadre}~{enterprise}~{DAY}"
    named = xuzhou.read("MATCH (c:Cadre {id: $c}), (e:Enterprise {id: $e}) RETURN c.name AS cadre, e.name AS enterprise", {"c": cadre, "e": enterprise})[0]
    for text in ("enterprise pairing", record, cadre, enterprise, named["cadre"], named["enterprise"], DAY):
        expect(dialog).to_contain_text(text)
    page.click("#confirm-write")
    expect(page.locator("#ops-panel .write-status")).to_contain_text("Written")
    try:
        # the gap is gone from the reloaded list, and the change is in the region's history
        expect(page.locator(f'#gaps-body tr[data-id="{enterprise}"]')).to_have_count(0)
        history = page.locator("#history-section")
        expect(history.locator(f'button.history-item[data-item="{record}"]')).to_have_count(1)
        # in the planner's words, with the account's name (issue 24)
        expect(history).to_contain_text("applied · enterprise pairing")
        expect(history).to_contain_text("by operate-planner")
        assert coverage(base)["covered"] == seed_coverage["covered"] + 1

        # 沛县: no names, no gap list, no history, no write control
        open_metric(page, base, PEIXIAN)
        expect(page.locator("#region-name")).to_have_text("沛县")
        expect(page.locator("#gaps-body .outside-scope")).to_be_visible()
        expect(page.locator("#history-section .outside-scope")).to_be_visible()
        page.click("#tab-suggestions")
        page.click("#load-suggestions")
        expect(page.locator("#suggestions-result .error-box")).to_contain_text("Outside your scope")  # 404, said as the gap list says it
        expect(page.locator(WRITE_CONTROLS)).to_have_count(0)
        text = page.locator("body").inner_text()
        names = personal_names_in(xuzhou, PEIXIAN)
        assert names and not {n for n in names if n in text}
        # and the API refuses that token's write there with 404, writing nothing
        peixian = xuzhou.read(
            "MATCH (e:Enterprise) WHERE e.region_id STARTS WITH $c MATCH (k:Cadre) WHERE k.region_id STARTS WITH $c "
            "RETURN e.id AS e, k.id AS k ORDER BY e, k LIMIT 1",
            {"c": PEIXIAN},
        )[0]
        before = xuzhou.read("MATCH (c:Change) RETURN count(c) AS n")[0]["n"]
        auth = {"Authorization": f"Bearer {token}", "Idempotency-Key": "operate-peixian"}
        refused = httpx.post(
            f"{base}/v1/suggestions/enterprise_pairing/apply",
            json={"since": DAY, "pairings": [{"cadre_id": peixian["k"], "enterprise_id": peixian["e"]}]},
            headers=auth,
            timeout=60,
        )
        assert refused.status_code == 404, refused.text
        assert xuzhou.read("MATCH (c:Change) RETURN count(c) AS n")[0]["n"] == before

        # back in 丰县: void the write from its history (a reason is required), and the gap is back
        open_metric(page, base, FENGXIAN)
        page.select_option("#gap-category", "missing_town")
        page.locator(f'#history-section button.history-item[data-item="{record}"]').first.click()
        page.locator(f'#ops-panel [data-record="pairings/{record}"] button.void').click()
        # the void's confirmation names the cadre and the enterprise, not only the record's id (issue 24)
        for text in (named["cadre"], cadre, named["enterprise"], enterprise, DAY):
            expect(page.locator("#confirm-dialog")).to_contain_text(text)
        page.click("#confirm-write")  # an empty reason is not sent
        expect(page.locator("#confirm-dialog")).to_be_visible()
        page.fill("#confirm-reason", "browser test: restore the seed")
        page.click("#confirm-write")
        expect(page.locator("#ops-panel .write-status")).to_contain_text("Written")
        expect(page.locator(f'#gaps-body tr[data-id="{enterprise}"]')).to_have_count(1)
        # the voided record keeps no End/Void control (a second click would only meet a 412)
        expect(page.locator(f'#ops-panel [data-record="pairings/{record}"] button.void')).to_have_count(0)
        expect(page.locator(f'#ops-panel [data-record="pairings/{record}"] button.end')).to_have_count(0)

        # a seed record (loaded with the seed, never written one by one) has its End and Void too
        seeded = xuzhou.read(
            "MATCH (c:Cadre)-[p:PAIRED_WITH]->(e:Enterprise) WHERE c.region_id STARTS WITH $c AND e.region_id STARTS WITH $c "
            "AND p.until IS NULL AND p.since < date($day) AND NOT coalesce(p.voided, false) "
            "RETURN e.id AS e, c.id + '~' + e.id + '~' + toString(p.since) AS id ORDER BY id",
            {"c": FENGXIAN, "day": DAY},
        )
        shown = set(page.locator("#gaps-body tr[data-id]").evaluate_all("rows => rows.map(r => r.dataset.id)"))
        seed_enterprise, seed_record = next((r["e"], r["id"]) for r in seeded if r["e"] in shown)
        page.locator(f'#gaps-body tr[data-id="{seed_enterprise}"] button.item-history').click()
        seed_row = page.locator(f'#ops-panel [data-record="pairings/{seed_record}"]')
        expect(seed_row.locator("button.end")).to_have_count(1)
        expect(seed_row.locator("button.void")).to_have_count(1)
    finally:
        # whatever happened above, later tests see the seed's coverage
        current = httpx.get(f"{base}/v1/records/pairings/{record}", headers={"Authorization": f"Bearer {token}"}, timeout=60)
        if current.status_code == 200 and not current.json()["voided"]:
            httpx.post(
                f"{base}/v1/records/pairings/{record}/void", json={"reason": "browser test cleanup"}, headers={"Authorization": f"Bearer {token}"}, timeout=60
            ).raise_for_status()
    assert coverage(base) == seed_coverage
    assert not page.errors, page.errors


def test_a_county_planner_links_an_unlinked_household_to_a_member_found_by_id(live_server, xuzhou, new_page, tokens):
    """The other gaps that a missing assignment makes (here a household with no linked member) offer
    Assign too: find a person in the scope, confirm the record, and the gap is gone."""
    base, token = live_server, tokens["planner"]
    auth = {"Authorization": f"Bearer {token}"}
    params = {"region": FENGXIAN, "as_of": DAY}
    before = httpx.get(f"{base}/v1/coverage/household_linkage", params=params, headers=auth, timeout=60).json()["covered"]
    page = new_page()
    page.goto(f"{base}/#/r/{CITY}?d={DAY}")
    expect(page.locator("#region-name")).to_have_text("徐州市")
    sign_in(page, token)
    expect(page.locator("#region-name")).to_have_text("丰县")
    page.goto(f"{base}/#/r/{FENGXIAN}?m=household_linkage&d={DAY}")
    page.select_option("#gap-category", "never_linked")
    wait_gaps(page)
    row = page.locator("#gaps-body tr[data-id]").first
    household = row.get_attribute("data-id")
    member = xuzhou.read(
        "MATCH (h:Household {id: $h}) MATCH (m:PartyMember) WHERE m.region_id = h.region_id AND NOT coalesce(m.voided, false) RETURN m.id AS id ORDER BY id LIMIT 1",
        {"h": household},
    )[0]["id"]
    record = f"{member}~{household}~{DAY}"
    row.locator("button.assign").click()
    page.fill("#assign-search", member)
    page.click("#assign-go")
    page.locator(f'#assign-table tr[data-person="{member}"] button.apply').click()
    dialog = page.locator("#confirm-dialog")
    # the confirmation names who and what (issue 24), and says which gap the write closes
    for text in (member, household, DAY, "Closes the gap", "Opens a gap"):
        expect(dialog).to_contain_text(text)
    for field in ("member_id", "household_id", "POST /v1/"):
        expect(dialog).not_to_contain_text(field)
    page.click("#confirm-write")
    try:
        expect(page.locator("#ops-panel .write-status")).to_contain_text("Written")
        expect(page.locator(f'#gaps-body tr[data-id="{household}"]')).to_have_count(0)
        after = httpx.get(f"{base}/v1/coverage/household_linkage", params=params, headers=auth, timeout=60).json()["covered"]
        assert after == before + 1
    finally:
        current = httpx.get(f"{base}/v1/records/household_links/{record}", headers=auth, timeout=60)
        if current.status_code == 200 and not current.json()["voided"]:
            httpx.post(f"{base}/v1/records/household_links/{record}/void", json={"reason": "browser test cleanup"}, headers=auth, timeout=60).raise_for_status()
    assert httpx.get(f"{base}/v1/coverage/household_linkage", params=params, headers=auth, timeout=60).json()["covered"] == before
    assert not page.errors, page.errors


def test_viewers_and_anonymous_callers_get_no_write_control_and_a_bad_token_is_said(live_server, xuzhou, new_page, tokens):
    page = new_page()
    for who in ("anonymous", "viewer"):
        if who == "viewer":
            sign_in(page, tokens["viewer"])
            expect(page.locator("#account-summary")).to_contain_text("operate-viewer")
        open_metric(page, live_server, FENGXIAN)
        wait_gaps(page)
        expect(page.locator("#gaps-body tr[data-id]").first).to_be_visible()
        page.click("#tab-suggestions")
        page.click("#load-suggestions")
        expect(page.locator("#suggestions-table")).to_be_visible()
        expect(page.locator(WRITE_CONTROLS)).to_have_count(0)
        expect(page.locator("#history-section")).to_be_hidden()
    # a bad token: the 401 problem's text, and the page stays signed in as before
    sign_in(page, "nobody.not-a-secret")
    expect(page.locator("#signin-error")).to_have_text("Unknown API token.")
    expect(page.locator("#account-summary")).to_contain_text("operate-viewer")
    page.click("#sign-out")
    expect(page.locator("#account-summary")).to_have_text("Sign in")
    assert page.evaluate("() => sessionStorage.getItem('orgnet-token')") is None
    assert not page.errors, page.errors
