"""Issue 25's "Done when", end to end on the shared seed: a 丰县 planner subscribes 丰县 household_linkage
< 99.5 % with a webhook to a local receiver and an e-mail; another 丰县 planner voids links until it
falls; exactly one alert opens, the webhook arrives signed, the e-mail reaches a real SMTP server;
links restored → resolved, delivered once though the receiver was down (retries with backoff,
dead-lettered, replayed by an admin); a 沛县 planner's stream carries nothing of 丰县 while the 丰县
planner's stream carries the alert.  The dispatcher is stepped by hand (``step``): what it does is
checked round by round, without waiting on a poll interval.

The test leaves the seed as it found it (voids undone, links it made deleted, summaries refreshed)."""

from __future__ import annotations

import datetime as dt
import json
import math
import time

from orgnet.coverage.policy import default_policy
from orgnet.coverage.rollups import coverage
from orgnet.events.signing import verify

from .news_kit import FENGXIAN, METRIC, StreamReader, auth, links_to_void, live_server, step


def test_a_county_alert_opens_once_is_delivered_signed_and_by_mail_resolves_once_and_stays_in_its_county(news, xuzhou):
    client, tokens, receiver, mailbox, dispatcher = news["client"], news["tokens"], news["receiver"], news["mailbox"], news["dispatcher"]
    owner, writer = auth(tokens["owner"]), auth(tokens["writer"])

    # the owner's rule and subscriptions (the webhook's secret is shown once)
    rule = client.post(
        "/v1/alert-rules", headers=owner, json={"name": "丰县联户低于 99.5%", "region_id": FENGXIAN, "metric": METRIC, "kind": "below", "threshold": 99.5}
    )
    assert rule.status_code == 201, rule.text
    hook = client.post("/v1/subscriptions", headers=owner, json={"channel": "webhook", "url": receiver.url, "name": "receiver"})
    assert hook.status_code == 201, hook.text
    secret, hook_id = hook.json()["secret"], hook.json()["subscription"]["id"]
    assert secret.startswith("whsec_") and "secret" not in client.get(f"/v1/subscriptions/{hook_id}", headers=owner).json()
    mail = client.post("/v1/subscriptions", headers=owner, json={"channel": "email", "email": "planner@fengxian.example", "lang": "zh"})
    assert mail.status_code == 201 and mail.json()["secret"] is None
    step(dispatcher)
    assert client.get("/v1/alerts", headers=owner).json() == []  # 99.99 % now: nothing to say

    with live_server(news["app"]) as base:
        peixian_stream = StreamReader(base, tokens["peixian"])
        owner_stream = StreamReader(base, tokens["owner"])
        # the writer voids links until 丰县 falls below 99.5 %, and a few more (the breach goes on: no storm)
        before = coverage(xuzhou, metric=METRIC, region_id=FENGXIAN, as_of=dt.date.today(), policy=default_policy())
        needed = before["covered"] - (math.ceil(0.995 * before["total"]) - 1)
        links = links_to_void(xuzhou, needed + 3)
        assert len(links) == needed + 3
        for n, link in enumerate(links, start=1):
            r = client.post(f"/v1/records/household_links/{link['m']}~{link['h']}~{link['since']}/void", headers=writer, json={"reason": "entered twice"})
            assert r.status_code == 200, r.text
            news["state"]["voided"].append(link)
            if n % 40 == 0 or n >= needed:
                step(dispatcher)
        step(dispatcher, until=lambda: len(receiver.accepted("alert.opened")) >= 1 and mailbox.messages)
        owner_stream_deadline = time.monotonic() + 30
        while not any(e["event"] == "alert.opened" for e in owner_stream.events) and time.monotonic() < owner_stream_deadline:
            time.sleep(0.1)
        peixian_stream.close()
        owner_stream.close()

    alerts = client.get("/v1/alerts", headers=owner).json()
    assert len(alerts) == 1, alerts
    (alert,) = alerts
    assert (alert["state"], alert["region_id"], alert["metric"]) == ("open", FENGXIAN, METRIC) and alert["value"]["ratio"] < 0.995
    (opened,) = receiver.accepted("alert.opened")
    assert verify(secret, opened["body"], opened["headers"]["X-Orgnet-Signature"])
    assert not verify("whsec_another", opened["body"], opened["headers"]["X-Orgnet-Signature"])
    body = json.loads(opened["body"])
    assert body["alert"]["id"] == alert["id"] and opened["headers"]["X-Orgnet-Event-Id"] == body["id"]
    (message,) = mailbox.messages
    assert message["to"] == "planner@fengxian.example" and "预警" in message["subject"] and "丰县" in message["subject"]
    # the streams: the 丰县 planner's carries the alert; the 沛县 planner's nothing of 丰县
    assert any(e["event"] == "alert.opened" and e["data"]["alert"]["id"] == alert["id"] for e in owner_stream.events)
    assert any(e["event"] == "change" for e in owner_stream.events)
    assert all(FENGXIAN not in json.dumps(e["data"]) for e in peixian_stream.events), peixian_stream.events[:2]
    assert not peixian_stream.events
    paged = client.get("/v1/events", headers=auth(tokens["peixian"]), params={"after": 0, "limit": 500}).json()
    assert all(FENGXIAN not in json.dumps(e) for e in paged["items"])

    # the receiver goes down; links restored → resolved; the delivery is retried with backoff, then dead-lettered
    receiver.status = 503
    for link in news["state"]["voided"]:
        since = (dt.date.fromisoformat(link["since"]) + dt.timedelta(days=1)).isoformat()
        r = client.post("/v1/records/household_links", headers=writer, json={"member_id": link["m"], "household_id": link["h"], "since": since})
        assert r.status_code == 201, r.text
        news["state"]["created"].append({"m": link["m"], "h": link["h"], "since": since})
    step(dispatcher)
    assert client.get(f"/v1/alerts/{alert['id']}", headers=owner).json()["state"] == "resolved"

    def dead():
        return client.get(f"/v1/subscriptions/{hook_id}/deliveries", headers=owner, params={"state": "dead"}).json()

    step(dispatcher, until=lambda: bool(dead()), timeout_s=60)
    (gone,) = dead()
    assert gone["event_type"] == "alert.resolved" and gone["attempts"] == 3
    tries = [r for r in receiver.requests if r["headers"].get("X-Orgnet-Event-Type") == "alert.resolved"]
    assert [r["status"] for r in tries] == [503, 503, 503]
    assert [a["status"] for a in gone["log"]] == [503, 503, 503] and gone["log"][-1]["next_at"] is None
    waits = [a["next_at"] - a["at"] for a in gone["log"][:2]]  # the schedule logged: base 0.3 s doubled, half of it jittered
    assert 0.15 <= waits[0] <= 0.3 <= waits[1] <= 0.6, waits

    # only an admin replays it; back up, it is delivered once
    assert client.post(f"/v1/subscriptions/{hook_id}/replay", headers=owner).status_code == 403
    receiver.status = 200
    replayed = client.post(f"/v1/subscriptions/{hook_id}/replay", headers=auth(tokens["admin"]))
    assert replayed.status_code == 200 and replayed.json()["replayed"] == [gone["id"]]
    step(dispatcher, until=lambda: len(receiver.accepted("alert.resolved")) == 1)
    step(dispatcher)
    assert len(receiver.accepted("alert.resolved")) == 1 and len(receiver.accepted("alert.opened")) == 1
    assert [m["subject"] for m in mailbox.messages if "已解除" in m["subject"]] and len(mailbox.messages) == 2
    # the lifecycle is in the audit trail
    # (this alert's: alerts of earlier tests, the bell's and others', stay in the shared trail)
    trail = client.get("/v1/changes", headers=owner, params={"kind": "alerts"}).json()["items"]
    assert {c["action"] for c in trail if alert["id"] in c["items"]} == {"open", "resolve"}
