"""Issue 25, what test_events.py leaves out: the ``fall`` and ``new_gap`` rules, acknowledging an
alert, the live stream resumed with ``Last-Event-ID``, and a 沛县 planner's stream (replayed and
live) carrying its own county's events and nothing of 丰县.  On the shared seed, with the dispatcher
stepped by hand; the ``news`` fixture (news_kit.py) puts the seed back."""

from __future__ import annotations

import datetime as dt
import json
import time

from .news_kit import FENGXIAN, METRIC, PEIXIAN, StreamReader, auth, links_to_void, live_server, step

SINGLE = """
MATCH (h:Household)-[:LOCATED_IN]->(v:Region) WHERE v.county_id = $county
MATCH (m:PartyMember)-[l:LINKS]->(h)
WITH h, collect({m: m.id, since: toString(l.since), active: coalesce(l.voided, false) = false AND l.until IS NULL}) AS ls
WHERE size(ls) = 1 AND ls[0].active
RETURN h.id AS h, ls[0].m AS m, ls[0].since AS since ORDER BY h.id LIMIT $k
"""


def _only_linked(graph, county: str, k: int):
    """``k`` households of ``county`` with one link ever, active today: voided, each is a gap ``never_linked``."""
    return graph.read(SINGLE, {"county": county, "k": k})


def _void(news, token, link):
    r = news["client"].post(f"/v1/records/household_links/{link['m']}~{link['h']}~{link['since']}/void", headers=auth(token), json={"reason": "entered twice"})
    assert r.status_code == 200, r.text
    news["state"]["voided"].append(link)


def _relink(news, token, link):
    since = (dt.date.fromisoformat(link["since"]) + dt.timedelta(days=1)).isoformat()
    r = news["client"].post("/v1/records/household_links", headers=auth(token), json={"member_id": link["m"], "household_id": link["h"], "since": since})
    assert r.status_code == 201, r.text
    news["state"]["created"].append({"m": link["m"], "h": link["h"], "since": since})


def _alerts(news, token, **params):
    r = news["client"].get("/v1/alerts", headers=auth(token), params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_a_fall_rule_opens_at_its_items_from_the_highest_value_seen_and_resolves_when_it_is_back(news, xuzhou):
    client, tokens, dispatcher = news["client"], news["tokens"], news["dispatcher"]
    rule = client.post(
        "/v1/alert-rules",
        headers=auth(tokens["owner"]),
        json={"name": "丰县联户一周内少 5 户", "region_id": FENGXIAN, "metric": METRIC, "kind": "fall", "items": 5, "period_days": 7},
    )
    assert rule.status_code == 201, rule.text
    step(dispatcher)  # the baseline: nothing falls from nowhere
    assert _alerts(news, tokens["owner"]) == []

    links = links_to_void(xuzhou, 5)
    for link in links[:4]:
        _void(news, tokens["writer"], link)
    step(dispatcher)
    assert _alerts(news, tokens["owner"]) == [], "4 items fewer is not a fall of 5"

    _void(news, tokens["writer"], links[4])
    step(dispatcher)
    (alert,) = _alerts(news, tokens["owner"])
    assert (alert["kind"], alert["region_id"], alert["state"]) == ("fall", FENGXIAN, "open")
    assert alert["value"]["from"]["covered"] - alert["value"]["covered"] == 5 and "5 items" in alert["threshold"]

    # a sixth void: the same alert goes on (updated), no second one
    more = links_to_void(xuzhou, 1)
    _void(news, tokens["writer"], more[0])
    step(dispatcher)
    (still,) = _alerts(news, tokens["owner"])
    assert still["id"] == alert["id"] and still["value"]["from"]["covered"] - still["value"]["covered"] == 6

    for link in [*links, *more]:
        _relink(news, tokens["writer"], link)
    step(dispatcher)
    assert _alerts(news, tokens["owner"]) == []
    resolved = client.get(f"/v1/alerts/{alert['id']}", headers=auth(tokens["owner"])).json()
    assert (resolved["state"], resolved["resolution"]) == ("resolved", "recovered")


def test_a_new_gap_alert_names_its_households_is_acknowledged_once_inside_the_scope_and_resolves(news, xuzhou):
    client, tokens, dispatcher = news["client"], news["tokens"], news["dispatcher"]
    owner = auth(tokens["owner"])
    already = _only_linked(xuzhou, FENGXIAN, 3)
    assert len(already) == 3
    _void(news, tokens["writer"], already[0])  # a gap before the rule: not new
    step(dispatcher)
    rule = client.post(
        "/v1/alert-rules",
        headers=owner,
        json={"name": "丰县新增从未联系户", "region_id": FENGXIAN, "metric": METRIC, "kind": "new_gap", "reason": "never_linked"},
    )
    assert rule.status_code == 201, rule.text
    step(dispatcher)
    assert _alerts(news, tokens["owner"]) == []

    for link in already[1:]:
        _void(news, tokens["writer"], link)
    step(dispatcher)
    (alert,) = _alerts(news, tokens["owner"])
    assert alert["kind"] == "new_gap" and alert["state"] == "open"
    assert sorted(i["id"] for i in alert["items"]) == sorted(link["h"] for link in already[1:])

    # acknowledge: not from 沛县 (no such alert there), once from 丰县, a second time is a conflict
    assert client.post(f"/v1/alerts/{alert['id']}/acknowledge", headers=auth(tokens["peixian"])).status_code == 404
    assert _alerts(news, tokens["peixian"]) == []
    acked = client.post(f"/v1/alerts/{alert['id']}/acknowledge", headers=auth(tokens["writer"]))
    assert acked.status_code == 200, acked.text
    writer_id = news["accounts"]["writer"]
    assert (acked.json()["state"], acked.json()["acknowledged_by"]) == ("acknowledged", writer_id) and acked.json()["acknowledged_at"]
    again = client.post(f"/v1/alerts/{alert['id']}/acknowledge", headers=owner)
    assert again.status_code == 409 and acked.json()["acknowledged_by"] == client.get(f"/v1/alerts/{alert['id']}", headers=owner).json()["acknowledged_by"]
    assert [a["id"] for a in _alerts(news, tokens["owner"], state="acknowledged")] == [alert["id"]]
    assert _alerts(news, tokens["owner"], state="open") == []
    step(dispatcher)
    page = client.get("/v1/events", headers=owner, params={"after": 0, "limit": 500}).json()["items"]
    (ack_event,) = [e for e in page if e["type"] == "alert.acknowledged"]
    assert ack_event["alert"]["id"] == alert["id"] and ack_event["alert"]["acknowledged_by"] == writer_id

    # the households linked again: the acknowledged alert resolves, and the trail has the three steps
    for link in already[1:]:
        _relink(news, tokens["writer"], link)
    step(dispatcher)
    done = client.get(f"/v1/alerts/{alert['id']}", headers=owner).json()
    assert (done["state"], done["resolution"], done["acknowledged_by"]) == ("resolved", "recovered", writer_id)
    trail = client.get("/v1/changes", headers=owner, params={"kind": "alerts"}).json()["items"]
    # this alert's steps: alerts of earlier tests (the bell's, the names') stay in the shared trail
    assert sorted(c["action"] for c in trail if alert["id"] in c["items"]) == ["acknowledge", "open", "resolve"]


def _wait_for(reader: StreamReader, predicate, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate(reader.events):
        assert time.monotonic() < deadline, reader.events[-3:]
        time.sleep(0.05)


def test_a_stream_resumed_with_last_event_id_gets_what_it_missed_and_a_peixian_stream_nothing_of_fengxian(news, xuzhou):
    client, tokens, dispatcher = news["client"], news["tokens"], news["dispatcher"]
    feng = links_to_void(xuzhou, 3)
    pei = _only_linked(xuzhou, PEIXIAN, 1)
    assert len(feng) == 3 and len(pei) == 1
    head = xuzhou.read("MATCH (e:OutboxEvent) RETURN coalesce(max(e.seq), 0) AS head")[0]["head"]

    with live_server(news["app"]) as base:
        first = StreamReader(base, tokens["owner"])
        peixian_live = StreamReader(base, tokens["peixian"])
        _void(news, tokens["writer"], feng[0])
        step(dispatcher)
        _wait_for(first, lambda ev: any(e["event"] == "change" for e in ev))
        first.close()
        seen = int(first.events[-1]["id"])

        # while the 丰县 planner is away: two more changes in 丰县, one in 沛县
        _void(news, tokens["writer"], feng[1])
        _void(news, tokens["peixian"], pei[0])
        _void(news, tokens["writer"], feng[2])
        step(dispatcher)
        page = client.get("/v1/events", headers=auth(tokens["owner"]), params={"after": seen}).json()["items"]
        missed = [e["seq"] for e in page]
        assert len(missed) == 2 and all(s > seen for s in missed), page

        resumed = StreamReader(base, tokens["owner"], last_event_id=seen)
        peixian_replayed = StreamReader(base, tokens["peixian"], last_event_id=head)
        _wait_for(resumed, lambda ev: len(ev) >= 2)
        _wait_for(peixian_live, lambda ev: len(ev) >= 1)
        _wait_for(peixian_replayed, lambda ev: len(ev) >= 1)
        time.sleep(1.0)  # anything more would have come by now
        for reader in (resumed, peixian_live, peixian_replayed):
            reader.close()

    assert [int(e["id"]) for e in resumed.events] == missed  # what it missed, in order, nothing twice, nothing of 沛县
    assert all(e["data"]["change"]["items"] for e in resumed.events)  # a planner sees record ids of its county
    for reader in (peixian_live, peixian_replayed):
        assert [e["event"] for e in reader.events] == ["change"], reader.events
        (event,) = reader.events
        text = json.dumps(event["data"], ensure_ascii=False)
        assert PEIXIAN in text and FENGXIAN not in text and "丰县" not in text and feng[0]["h"] not in text
