"""Issue 25: Neo4j killed between the write and the delivery → delivered once after its restart.

The write's outbox event is committed in the write's own transaction.  The test Neo4j itself is
SIGKILLed twice and started again on the same store (Neo4j recovers committed transactions from its
log):

* right after a write's 201, before any dispatcher round (nothing published or delivered yet): once
  Neo4j answers again, the dispatcher publishes the event and the webhook receiver is answered 2xx
  exactly once for it, however many rounds run after;
* while a second write's delivery is in flight (published, its delivery claimed, the POST held
  unanswered by the receiver): a new dispatcher takes over once the claims expire and the receiver
  answers 2xx exactly once for that event, and never again for the first.

The Neo4j killed is the test's own (``own_neo4j``: a small server in a temporary home on free
ports, the session's jars), holding the small hand-built graph: the session's server and its shared
seed are never at stake, and a crash recovery of a small store takes seconds, not the minutes a store
that once held the seed took.
"""

from __future__ import annotations

import copy
import json
import os
import signal
import threading
import time

import pytest

from orgnet.accounts import store
from orgnet.api.main import create_app
from orgnet.coverage.policy import default_policy
from orgnet.coverage.summaries import refresh
from orgnet.events.dispatcher import Dispatcher
from orgnet.graph.db import Graph
from orgnet.graph.loader import load_bundle
from orgnet.graph.local_server import LocalServer
from orgnet.graph.schema import apply_schema
from orgnet.graph.validate import parse_bundle
from orgnet.settings import get_settings
from tests.conftest import _free_port

from .news_kit import Receiver, auth, step
from .test_write_integrity import GRAPH

LINK = {"member_id": "m-1", "household_id": "h-1", "since": "2020-04-01"}
LINK_ID = "m-1~h-1~2020-04-01"
SECOND = {"member_id": "m-x2", "household_id": "h-x2", "since": "2020-04-01"}
SECOND_ID = "m-x2~h-x2~2020-04-01"


@pytest.fixture
def own_neo4j(settings, neo4j_server, tmp_path):
    """A Neo4j of this test's own, to kill: a temporary home and free ports; the session's jars
    (linked, not fetched again: ``neo4j_server`` has installed them); stopped and removed at the end."""
    if not settings.uses_local_server:
        pytest.skip("needs a local Neo4j to start and kill (ORGNET_TEST_NEO4J_URI names a server elsewhere)")
    own = settings.model_copy(
        update={
            "orgnet_home": tmp_path / "home",
            "neo4j_bolt_port": _free_port(),
            "neo4j_http_port": _free_port(),
            "neo4j_heap": "512m",
            "neo4j_pagecache": "64m",
            "neo4j_start_timeout_s": 300.0,
        }
    )
    shared = LocalServer(settings)
    server = LocalServer(own)
    server.make_home_private()
    server.lib.symlink_to(shared.lib.resolve(), target_is_directory=True)
    server.start()
    graph = Graph.from_settings(own)
    try:
        apply_schema(graph)
        yield own, graph
    finally:
        graph.close()
        server.stop()


def _kill_and_restart(settings, graph) -> None:
    """SIGKILL the test's own Neo4j (no shutdown: as a crash) and start it again on the same store;
    returns once a read on ``graph`` answers."""
    server = LocalServer(settings)
    pid = server.status().pid
    assert pid is not None, "the test's Neo4j is not running"
    os.kill(pid, signal.SIGKILL)
    try:
        os.waitpid(pid, 0)  # this process started it: reap it
    except ChildProcessError:
        deadline = time.monotonic() + 30
        while LocalServer._alive(pid):
            assert time.monotonic() < deadline, "the killed Neo4j did not go"
            time.sleep(0.1)
    assert not server.bolt_answers(timeout=1.0)
    server.start()
    deadline = time.monotonic() + 300
    while True:
        try:
            graph.read("RETURN 1 AS one")
            return
        except Exception:  # noqa: BLE001 - the driver's pooled connections died with the server
            assert time.monotonic() < deadline, "Neo4j did not answer after its restart"
            time.sleep(0.5)


def test_neo4j_killed_between_the_write_and_the_delivery_delivers_once_after_its_restart(own_neo4j):
    settings, graph = own_neo4j
    load_bundle(graph, parse_bundle(copy.deepcopy(GRAPH)), batch_size=100)
    refresh(graph, policy=default_policy())
    receiver = Receiver()
    s = settings.model_copy(
        update={"webhook_backoff_base_s": 0.3, "webhook_backoff_max_s": 1.0, "auth_failures_max": 10_000, "events_lease_s": 2.0, "webhook_timeout_s": 5.0}
    )
    _, token = store.add_account(graph, name="crash-planner", role="planner", scope=["X"])
    app = create_app(settings=s, graph=graph)
    app.dependency_overrides[get_settings] = lambda: s
    dispatcher = Dispatcher(graph, s, owner="test-neo4j-crash")
    from fastapi.testclient import TestClient

    try:
        with TestClient(app) as client:
            hook = client.post(
                "/v1/subscriptions", headers=auth(token), json={"channel": "webhook", "url": receiver.url, "events": ["change"], "regions": ["X"]}
            )
            assert hook.status_code == 201, hook.text
            step(dispatcher)
            dispatcher.release_lease()
            assert receiver.requests == []

            written = client.post("/v1/records/household_links", headers=auth(token), json=LINK)
            assert written.status_code == 201, written.text
        (event,) = graph.read("MATCH (e:OutboxEvent {status: 'pending', type: 'change'}) RETURN e.id AS id")

        _kill_and_restart(s, graph)

        # the write and its event survived the crash; nothing was delivered before it
        assert graph.read("MATCH (:PartyMember {id: 'm-1'})-[l:LINKS {since: date('2020-04-01')}]->(:Household {id: 'h-1'}) RETURN count(l) AS n")[0]["n"] == 1
        assert graph.read("MATCH (e:OutboxEvent {id: $id}) RETURN e.status AS status", {"id": event["id"]}) == [{"status": "pending"}]
        assert receiver.requests == []
        step(dispatcher, until=lambda: bool(receiver.accepted("change")), timeout_s=120)
        for _ in range(3):  # later rounds send nothing again
            time.sleep(0.3)
            step(dispatcher)
        (delivered,) = receiver.accepted("change")
        assert delivered["headers"]["X-Orgnet-Event-Id"] == event["id"]
        assert LINK_ID in json.loads(delivered["body"])["change"]["items"]
        assert len(receiver.requests) == 1
        done = graph.read("MATCH (d:Delivery) RETURN d.state AS state, d.attempts AS attempts")
        assert done == [{"state": "delivered", "attempts": 1}], done

        # again, with Neo4j killed while the delivery is in flight: the dispatcher has published the
        # event and claimed its delivery, the receiver holds the POST unanswered, and Neo4j dies
        with TestClient(app) as client:
            second = client.post("/v1/records/household_links", headers=auth(token), json=SECOND)
            assert second.status_code == 201, second.text
        (event,) = graph.read("MATCH (e:OutboxEvent {status: 'pending', type: 'change'}) RETURN e.id AS id")
        receiver.hold.set()
        sending = threading.Thread(target=_step_quietly, args=(dispatcher,), daemon=True)
        sending.start()
        assert receiver.held.wait(120), "the dispatcher sent nothing"
        try:
            _kill_and_restart(s, graph)
        finally:
            receiver.hold.clear()  # the held POST ends unanswered: no 2xx for it
        sending.join(120)
        dispatcher.stop()
        dispatcher = Dispatcher(graph, s, owner="test-neo4j-crash-2")  # a new process, as after a crash
        deadline = time.monotonic() + 120
        while not dispatcher.hold_lease():
            assert time.monotonic() < deadline, "the dead dispatcher's lease never expired"
            time.sleep(0.5)
        step(dispatcher, until=lambda: len(receiver.accepted("change")) >= 2, timeout_s=120)
        for _ in range(3):
            time.sleep(0.3)
            step(dispatcher)
        accepted = [r for r in receiver.accepted("change") if r["headers"]["X-Orgnet-Event-Id"] == event["id"]]
        assert len(accepted) == 1, receiver.requests
        assert SECOND_ID in json.loads(accepted[0]["body"])["change"]["items"]
        held = [r for r in receiver.requests if r["status"] == 0]
        assert [r["headers"]["X-Orgnet-Event-Id"] for r in held] == [event["id"]]  # the one sent before the crash
        assert len(receiver.accepted("change")) == 2  # the first write's event was not sent again
    finally:
        dispatcher.stop()
        receiver.close()


def _step_quietly(dispatcher) -> None:
    """Dispatcher rounds until Neo4j dies under them (the error is the crash's, not the test's)."""
    try:
        step(dispatcher, timeout_s=120)
    except Exception:  # noqa: BLE001 - Neo4j is killed in the middle of this round
        pass
