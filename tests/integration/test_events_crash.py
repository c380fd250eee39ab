"""Issue 25: a crash between the write and the delivery loses nothing and delivers once.

The dispatcher runs as its own process (``orgnet alerts run``, as in production) against the real
test Neo4j.  A planner's write commits (its outbox event in the same transaction) while no
dispatcher runs; the dispatcher process starts, publishes the event, evaluates the rules (an alert
opens) and POSTs to the webhook receiver, which holds the requests unanswered; the process is
killed (SIGKILL) in the middle of those sends, its lease and its delivery claims left behind.  A
new dispatcher takes over when the lease expires and delivers each event once: the receiver
answers 2xx exactly once per event id, with the id the killed process sent, and the alert is not
opened twice.

The shared test Neo4j itself is not killed: the other tests of the session share it, and its
restart on this machine takes a minute or more.  What a Neo4j crash can leave is what a killed
dispatcher leaves (a committed outbox, an uncommitted round): the outbox's transactions are Neo4j's
to make atomic.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.integration.conftest import cli_environment

from .news_kit import FENGXIAN, METRIC, auth, step

SINGLE = """
MATCH (h:Household)-[:LOCATED_IN]->(v:Region) WHERE v.county_id = $county
MATCH (m:PartyMember)-[l:LINKS]->(h)
WITH h, collect({m: m.id, since: toString(l.since), active: coalesce(l.voided, false) = false AND l.until IS NULL}) AS ls
WHERE size(ls) = 1 AND ls[0].active
RETURN h.id AS h, ls[0].m AS m, ls[0].since AS since ORDER BY h.id DESC LIMIT 1
"""


def _dispatcher_process(settings) -> subprocess.Popen:
    env = cli_environment(settings)
    env.update({"EVENTS_LEASE_S": "2", "EVENTS_POLL_S": "0.1", "WEBHOOK_TIMEOUT_S": "5", "SMTP_TIMEOUT_S": "1", "EVENTS_DISPATCH": "false"})
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "orgnet"), "alerts", "run"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )


def test_a_dispatcher_killed_between_the_write_and_the_delivery_delivers_once_after_a_restart(news, xuzhou, settings):
    client, tokens, receiver, dispatcher = news["client"], news["tokens"], news["receiver"], news["dispatcher"]
    owner = auth(tokens["owner"])
    rule = client.post(
        "/v1/alert-rules",
        headers=owner,
        json={"name": "丰县新增从未联系户", "region_id": FENGXIAN, "metric": METRIC, "kind": "new_gap", "reason": "never_linked"},
    )
    assert rule.status_code == 201, rule.text
    hook = client.post("/v1/subscriptions", headers=owner, json={"channel": "webhook", "url": receiver.url, "events": ["change", "alert.opened"]})
    assert hook.status_code == 201, hook.text
    step(dispatcher)  # the rule's baseline
    dispatcher.release_lease()

    # the write commits while no dispatcher runs: its event waits in the outbox
    (link,) = xuzhou.read(SINGLE, {"county": FENGXIAN})
    r = client.post(
        f"/v1/records/household_links/{link['m']}~{link['h']}~{link['since']}/void", headers=auth(tokens["writer"]), json={"reason": "entered twice"}
    )
    assert r.status_code == 200, r.text
    news["state"]["voided"].append(link)
    assert xuzhou.read("MATCH (e:OutboxEvent {status: 'pending', type: 'change'}) RETURN count(e) AS n")[0]["n"] == 1

    # a dispatcher process picks it up and is killed in the middle of the sends
    receiver.hold.set()
    process = _dispatcher_process(settings)
    try:
        assert receiver.held.wait(120), "the dispatcher process sent nothing"
        time.sleep(0.5)  # let it start the other send too
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)
    held = {r["headers"]["X-Orgnet-Event-Id"]: r["headers"]["X-Orgnet-Event-Type"] for r in receiver.requests}
    assert set(held.values()) <= {"change", "alert.opened"} and "change" in held.values()
    receiver.hold.clear()
    pending = xuzhou.read("MATCH (d:Delivery {subscription_id: $s}) RETURN d.state AS state, d.attempts AS attempts", {"s": hook.json()["subscription"]["id"]})
    assert pending and all((d["state"], d["attempts"]) == ("pending", 0) for d in pending), pending  # no attempt was logged

    # a new dispatcher takes over once the dead one's lease expires, and delivers each event once
    deadline = time.monotonic() + 60
    while not dispatcher.hold_lease():
        assert time.monotonic() < deadline, "the dead dispatcher's lease never expired"
        time.sleep(0.5)
    step(dispatcher, until=lambda: len(receiver.accepted()) >= 2, timeout_s=90)
    time.sleep(1.0)
    step(dispatcher)
    accepted = receiver.accepted()
    ids = [r["headers"]["X-Orgnet-Event-Id"] for r in accepted]
    assert sorted(r["headers"]["X-Orgnet-Event-Type"] for r in accepted) == ["alert.opened", "change"]
    assert len(set(ids)) == len(ids) == 2 and set(held) <= set(ids), (held, ids)
    body = json.loads(next(r["body"] for r in accepted if r["headers"]["X-Orgnet-Event-Type"] == "alert.opened"))
    (alert,) = client.get("/v1/alerts", headers=owner).json()
    assert body["alert"]["id"] == alert["id"] and [i["id"] for i in alert["items"]] == [link["h"]]
    done = xuzhou.read("MATCH (d:Delivery {subscription_id: $s}) RETURN d.state AS state, d.attempts AS attempts", {"s": hook.json()["subscription"]["id"]})
    assert sorted((d["state"], d["attempts"]) for d in done) == [("delivered", 1), ("delivered", 1)]
    assert xuzhou.read("MATCH (e:OutboxEvent) WHERE e.status IN ['pending', 'published', 'failed'] RETURN count(e) AS n")[0]["n"] == 0
