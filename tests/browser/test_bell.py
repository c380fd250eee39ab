"""The dashboard's alert bell (issue 25), in a real browser: a 丰县 planner's bell shows an alert
that opens while the page is open, from the live event stream, without a reload; acknowledging it
from the bell empties it; a 沛县 planner's bell never shows it.  The app is the ``news`` fixture's
(tests/integration/news_kit.py: a dispatcher stepped by hand, the seed restored afterwards)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.integration.news_kit import FENGXIAN, METRIC, PEIXIAN, auth, links_to_void, live_server, news, step  # noqa: F401 - news: the fixture

from .test_operate import sign_in


def _signed_in(new_page, base: str, region: str, token: str):
    page = new_page()
    page.goto(f"{base}/#/r/{region}?m={METRIC}")
    expect(page.locator("#region-name")).not_to_have_text("…")
    sign_in(page, token)
    expect(page.locator("#alert-bell")).to_be_visible()
    page.evaluate("() => { window.__notReloaded = true; }")
    return page


def test_the_bell_shows_an_alert_of_the_scope_as_it_opens_without_a_reload(news, xuzhou, new_page):  # noqa: F811 - the imported fixture
    client, tokens, dispatcher = news["client"], news["tokens"], news["dispatcher"]
    total = client.get(f"/v1/coverage/{METRIC}", headers=auth(tokens["owner"]), params={"region": FENGXIAN}).json()
    rule = client.post(  # breached by the first link voided
        "/v1/alert-rules",
        headers=auth(tokens["owner"]),
        json={"name": "丰县联户不得下降", "region_id": FENGXIAN, "metric": METRIC, "kind": "below", "threshold": total["covered"] / total["total"] * 100},
    )
    assert rule.status_code == 201, rule.text
    step(dispatcher)

    with live_server(news["app"]) as base:
        fengxian = _signed_in(new_page, base, FENGXIAN, tokens["owner"])
        peixian = _signed_in(new_page, base, PEIXIAN, tokens["peixian"])
        for page in (fengxian, peixian):
            expect(page.locator("#alert-bell-count")).to_be_hidden()
            expect(page.locator("#alert-bell")).to_have_attribute("data-live", "true")

        (link,) = links_to_void(xuzhou, 1)
        r = client.post(
            f"/v1/records/household_links/{link['m']}~{link['h']}~{link['since']}/void", headers=auth(tokens["writer"]), json={"reason": "entered twice"}
        )
        assert r.status_code == 200, r.text
        news["state"]["voided"].append(link)
        step(dispatcher)
        (alert,) = client.get("/v1/alerts", headers=auth(tokens["owner"])).json()

        # the 丰县 page: the bell counts it, without a reload
        expect(fengxian.locator("#alert-bell-count")).to_have_text("1")
        assert fengxian.evaluate("() => window.__notReloaded") is True
        fengxian.locator("#alert-bell summary").click()
        item = fengxian.locator(f'#alert-bell-list li[data-alert="{alert["id"]}"]')
        expect(item).to_contain_text("丰县")
        expect(item).to_contain_text("丰县联户不得下降")
        # the 沛县 page: nothing
        peixian.wait_for_timeout(1500)
        expect(peixian.locator("#alert-bell-count")).to_be_hidden()
        assert "丰县" not in peixian.locator("#alert-bell").inner_text()

        # acknowledged from the bell: gone from it, acknowledged by this planner
        item.locator("button.bell-ack").click()
        expect(fengxian.locator("#alert-bell-count")).to_be_hidden()
        acked = client.get(f"/v1/alerts/{alert['id']}", headers=auth(tokens["owner"])).json()
        assert (acked["state"], acked["acknowledged_by"]) == ("acknowledged", news["accounts"]["owner"])
        assert fengxian.errors == [] and peixian.errors == []
