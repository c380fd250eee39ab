"""Issue 20 §5 on every way a name travels: personal data only for people inside the caller's scope,
whatever record leads to them, in the gap list's ``q`` search and in the news (the alert's items in
``GET /v1/alerts``, the live stream, webhooks and e-mail).

Hand-built: the small two-county graph of test_write_integrity, where X-1 (the county planner's) holds
records named after people of X-2 (钱七, a cadre of X-2; 周九, a member of X-2) beside one named
after X-1's own cadre 张三.  The county planner must find and read 张三 and never 钱七 or 周九.
"""

from __future__ import annotations

import copy
import json

import pytest

from orgnet.accounts import store
from orgnet.api.main import create_app
from orgnet.coverage.policy import default_policy
from orgnet.coverage.summaries import refresh
from orgnet.events.dispatcher import Dispatcher
from orgnet.graph.loader import load_bundle
from orgnet.graph.validate import parse_bundle
from orgnet.settings import get_settings

from .news_kit import Mailbox, Receiver, StreamReader, auth, live_server, step
from .test_write_integrity import GRAPH, NAMED_AFTER_X2, OUTSIDE_NAMES
from .test_writes import CITY_PLANNER, COUNTY_PLANNER, client_as

DAY = "2020-03-31"
INSIDE_NAME = "张三"  # c-1's, the cadre of X-1 whom rc-x1 recognises


@pytest.fixture
def small(empty_graph):
    load_bundle(empty_graph, parse_bundle(copy.deepcopy(GRAPH)), batch_size=100)
    refresh(empty_graph, policy=default_policy())
    return empty_graph


@pytest.fixture
def city(small, settings):
    with client_as(small, settings, CITY_PLANNER) as c:
        yield c


@pytest.fixture
def county(small, settings):
    with client_as(small, settings, COUNTY_PLANNER) as c:
        yield c


@pytest.mark.parametrize(
    ("metric", "item", "name"),
    [("record_backed_promotion", "rc-x2", "钱七"), ("application_followup", "pa-x2", "周九"), ("duty_death_family_care", "dd-x2", "周九")],
)
def test_q_finds_a_records_person_by_name_only_inside_the_scope(small, city, county, metric, item, name):
    assert city.post("/v1/import", json=NAMED_AFTER_X2).status_code == 200
    for client, found in ((city, [item]), (county, [])):
        r = client.get(f"/v1/gaps/{metric}", params={"region": "X-1", "as_of": DAY, "q": name})
        assert r.status_code == 200, r.text
        assert [g["id"] for g in r.json()["items"]] == found and r.json()["total"] == len(found), (client is city, r.json())
        export = client.get(f"/v1/gaps/{metric}/export", params={"region": "X-1", "as_of": DAY, "q": name, "format": "csv"})
        assert export.status_code == 200, export.text
        assert (item in export.content.decode("utf-8-sig")) is bool(found)
    # the record itself is still found by its id, and a name inside the scope by its name
    assert [g["id"] for g in county.get(f"/v1/gaps/{metric}", params={"region": "X-1", "as_of": DAY, "q": item}).json()["items"]] == [item]
    if metric == "record_backed_promotion":
        inside = county.get(f"/v1/gaps/{metric}", params={"region": "X-1", "as_of": DAY, "q": INSIDE_NAME}).json()
        assert [g["id"] for g in inside["items"]] == ["rc-x1"]


@pytest.fixture
def news(small, settings):
    receiver, mailbox = Receiver(), Mailbox()
    s = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": mailbox.port, "events_stream_max_s": 120.0, "auth_failures_max": 10_000})
    _, county_token = store.add_account(small, name="x1-news", role="planner", scope=["X-1"])
    app = create_app(settings=s, graph=small)
    app.dependency_overrides[get_settings] = lambda: s
    dispatcher = Dispatcher(small, s, owner="test-names")
    try:
        yield {"app": app, "token": county_token, "receiver": receiver, "mailbox": mailbox, "dispatcher": dispatcher}
    finally:
        dispatcher.stop()
        receiver.close()
        mailbox.close()


def test_an_alert_names_a_records_person_only_inside_the_scope_on_every_channel(small, city, news):
    from fastapi.testclient import TestClient

    receiver, mailbox, dispatcher, token = news["receiver"], news["mailbox"], news["dispatcher"], news["token"]
    with TestClient(news["app"]) as client, live_server(news["app"]) as base:
        rule = {"name": "一县无记录提拔", "region_id": "X-1", "metric": "record_backed_promotion", "kind": "new_gap", "reason": "no_record", "as_of": DAY}
        assert client.post("/v1/alert-rules", headers=auth(token), json=rule).status_code == 201
        for sub in ({"channel": "webhook", "url": receiver.url}, {"channel": "email", "email": "x1@example.org"}):
            made = client.post("/v1/subscriptions", headers=auth(token), json={**sub, "events": ["change", "alert.opened"]})
            assert made.status_code == 201, made.text
        step(dispatcher)  # the rule's baseline: no gap yet
        stream = StreamReader(base, token)
        try:
            # the city planner records two promotions without a record in X-1: of X-1's 张三 and of X-2's 钱七
            assert city.post("/v1/import", json={"format": "orgnet-bundle/1", "recognitions": NAMED_AFTER_X2["recognitions"]}).status_code == 200
            step(
                dispatcher,
                lambda: bool(receiver.accepted("alert.opened")) and bool(mailbox.messages) and any(e["event"] == "alert.opened" for e in stream.events),
            )
        finally:
            stream.close()
        alerts = client.get("/v1/alerts", headers=auth(token))
        assert alerts.status_code == 200, alerts.text
    (alert,) = alerts.json()
    assert sorted((i["id"], i["name"]) for i in alert["items"]) == [("rc-x1", INSIDE_NAME), ("rc-x2", None)]
    seen = {
        "GET /v1/alerts": alerts.text,
        "webhook": "\n".join(r["body"].decode("utf-8") for r in receiver.accepted()),
        "e-mail": "\n".join(m["text"] for m in mailbox.messages),
        "stream": "\n".join(json.dumps(e["data"], ensure_ascii=False) for e in stream.events),
    }
    for channel, text in seen.items():
        assert INSIDE_NAME in text, channel  # the alert's names do travel there (else this test shows nothing)
        assert not [n for n in OUTSIDE_NAMES if n in text], channel
