"""What the tests of news out share: a webhook receiver, a real SMTP server (aiosmtpd), a real
uvicorn for the live stream, the dispatcher stepped by hand, and a cleanup that leaves the shared
seed as the test found it (the ``news`` fixture, which tests/integration/conftest.py offers to every
integration test)."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient

from orgnet.accounts import store
from orgnet.api.main import create_app
from orgnet.coverage.policy import default_policy
from orgnet.coverage.stale import mark_stale_statement
from orgnet.coverage.summaries import refresh_regions
from orgnet.events.dispatcher import Dispatcher
from orgnet.graph.db import Graph
from orgnet.settings import get_settings

NEWS_LABELS = ("AlertRule", "AlertWatch", "Alert", "Subscription", "Delivery")
FENGXIAN, PEIXIAN = "320321", "320322"
METRIC = "household_linkage"


class Receiver:
    """A webhook receiver on a free port: records every request; answers ``status`` (503: down)."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.status = 200
        self.hold = threading.Event()
        """Set: the next request is recorded (status 0) and left unanswered until ``hold`` is cleared."""
        self.held = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server interface
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if receiver.hold.is_set():
                    receiver.requests.append({"headers": dict(self.headers), "body": body, "status": 0, "at": time.monotonic()})
                    receiver.held.set()
                    while receiver.hold.is_set():
                        time.sleep(0.05)
                    self.close_connection = True
                    return
                receiver.requests.append({"headers": dict(self.headers), "body": body, "status": receiver.status, "at": time.monotonic()})
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def accepted(self, event_type: str | None = None) -> list[dict[str, Any]]:
        """The requests answered 2xx (of one event type)."""
        return [r for r in self.requests if 200 <= r["status"] < 300 and (event_type is None or r["headers"].get("X-Orgnet-Event-Type") == event_type)]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Mailbox:
    """A real SMTP server (aiosmtpd) on a free port; ``messages`` as (to, subject, text)."""

    def __init__(self) -> None:
        import socket
        from email import message_from_bytes
        from email.header import decode_header, make_header

        from aiosmtpd.controller import Controller

        self.messages: list[dict[str, str]] = []
        box = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's interface
                msg = message_from_bytes(envelope.content)
                text = msg.get_payload(decode=True).decode(msg.get_content_charset() or "utf-8")
                box.messages.append({"to": ",".join(envelope.rcpt_tos), "subject": str(make_header(decode_header(msg["Subject"]))), "text": text})
                return "250 OK"

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def close(self) -> None:
        self.controller.stop()


def step(dispatcher: Dispatcher, until: Callable[[], bool] | None = None, *, timeout_s: float = 60.0) -> None:
    """Run dispatcher rounds until nothing is left to do (and ``until`` holds)."""
    deadline = time.monotonic() + timeout_s
    while True:
        assert dispatcher.hold_lease()
        busy = dispatcher.run_once()
        if not busy and (until is None or until()):
            return
        if time.monotonic() > deadline:
            raise AssertionError("the dispatcher did not get there in time")
        if not busy:
            time.sleep(0.05)


def drain(graph: Graph) -> None:
    """Mark every event left in the outbox by earlier tests done (they wrote without a dispatcher)."""
    graph.write("MATCH (e:OutboxEvent) WHERE e.status IN ['pending', 'published'] SET e.status = 'done'")


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    import socket

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


class StreamReader:
    """Follows ``GET /v1/events`` as Server-Sent Events in a thread; ``events`` as parsed."""

    def __init__(self, base: str, token: str, *, last_event_id: int | None = None) -> None:
        self.events: list[dict[str, Any]] = []
        self.stop = threading.Event()
        headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        self.connected = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(base, headers), daemon=True)
        self.thread.start()
        assert self.connected.wait(30), "the stream did not open"

    def _run(self, base: str, headers: dict[str, str]) -> None:
        import httpx

        with httpx.stream("GET", f"{base}/v1/events", headers=headers, timeout=None) as r:
            self.response = r
            assert r.status_code == 200, r.read()
            self.connected.set()
            fields: dict[str, str] = {}
            for line in r.iter_lines():
                if self.stop.is_set():
                    return
                if not line:
                    if "data" in fields:
                        self.events.append({"id": fields.get("id"), "event": fields.get("event"), "data": json.loads(fields["data"])})
                    fields = {}
                elif not line.startswith(":"):
                    key, _, value = line.partition(": ")
                    fields[key] = value

    def close(self) -> None:
        self.stop.set()
        try:
            self.response.close()  # the server sees the client leave and ends the stream
        except Exception:  # noqa: BLE001 - closed already
            pass
        self.thread.join(timeout=5)


@pytest.fixture
def news(xuzhou, settings):
    """Accounts, a receiver, an SMTP server, the app (with a short backoff) and a dispatcher; afterwards
    the seed restored."""
    started = dt.datetime.now(dt.UTC)
    drain(xuzhou)
    receiver, mailbox = Receiver(), Mailbox()
    s = settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": mailbox.port,
            "webhook_max_attempts": 3,
            "webhook_backoff_base_s": 0.3,
            "webhook_backoff_max_s": 1.0,
            "events_stream_max_s": 120.0,
            "auth_failures_max": 10_000,
        }
    )
    made = {}
    for key, role, scope in (
        ("owner", "planner", [FENGXIAN]),
        ("writer", "planner", [FENGXIAN]),
        ("peixian", "planner", [PEIXIAN]),
        ("admin", "admin", ["320300"]),
    ):
        account, token = store.add_account(xuzhou, name=f"news-{key}", role=role, scope=scope)
        made[key] = (account["id"], token)
    app = create_app(settings=s, graph=xuzhou)
    app.dependency_overrides[get_settings] = lambda: s
    dispatcher = Dispatcher(xuzhou, s, owner="test-dispatcher")
    state = {"voided": [], "created": []}
    with TestClient(app) as client:
        yield {
            "client": client,
            "app": app,
            "settings": s,
            "tokens": {k: t for k, (_, t) in made.items()},
            "accounts": {k: i for k, (i, _) in made.items()},
            "receiver": receiver,
            "mailbox": mailbox,
            "dispatcher": dispatcher,
            "state": state,
        }
    dispatcher.stop()
    receiver.close()
    mailbox.close()
    restore(xuzhou, state, started, [i for i, _ in made.values()])


def restore(graph, state, started, accounts):
    graph.write(
        "UNWIND $links AS l MATCH (:PartyMember {id: l.m})-[r:LINKS {since: date(l.since)}]->(:Household {id: l.h}) "
        "REMOVE r.voided, r.void_reason, r.voided_at, r.voided_by",
        {"links": state["voided"]},
    )
    graph.write(
        "UNWIND $links AS l MATCH (:PartyMember {id: l.m})-[r:LINKS {since: date(l.since)}]->(:Household {id: l.h}) DELETE r",
        {"links": state["created"]},
    )
    for label in NEWS_LABELS:  # labels from the kit's constant
        graph.write(f"MATCH (n:{label}) DETACH DELETE n")
    graph.write("MATCH (c:Change) WHERE c.at >= $t DELETE c", {"t": started})
    graph.write("MATCH (a:Account) WHERE a.id IN $ids DETACH DELETE a", {"ids": accounts})
    drain(graph)
    villages = sorted(
        {
            r["v"]
            for r in graph.read(
                "UNWIND $ids AS h MATCH (:Household {id: h})-[:LOCATED_IN]->(v) RETURN DISTINCT v.id AS v", {"ids": [x["h"] for x in state["voided"]]}
            )
        }
    )
    if villages:
        metrics = ["household_linkage", "member_link_load"]
        graph.write(*mark_stale_statement(metrics))
        refresh_regions(graph, policy=default_policy(), metrics=metrics, region_ids=villages)


def auth(token):
    return {"Authorization": f"Bearer {token}"}


def links_to_void(graph, k: int):
    """``k`` households of 丰县 linked by exactly one active link today, and that link."""
    return graph.read(
        "MATCH (h:Household)-[:LOCATED_IN]->(v:Region) WHERE v.county_id = $county "
        "MATCH (m:PartyMember)-[l:LINKS]->(h) WHERE coalesce(l.voided, false) = false AND l.until IS NULL "
        "WITH h, collect({m: m.id, since: toString(l.since)}) AS ls WHERE size(ls) = 1 "
        "RETURN h.id AS h, ls[0].m AS m, ls[0].since AS since ORDER BY h.id LIMIT $k",
        {"county": FENGXIAN, "k": k},
    )
