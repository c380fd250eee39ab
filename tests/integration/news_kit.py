"""What the tests of news out share: a webhook receiver, a real SMTP server (aiosmtpd), a real
uvicorn for the live stream, the dispatcher stepped by hand, and a cleanup that leaves the shared
seed as the test found it."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from orgnet.events.dispatcher import Dispatcher
from orgnet.graph.db import Graph

NEWS_LABELS = ("AlertRule", "AlertWatch", "Alert", "Subscription", "Delivery")


class Receiver:
    """A webhook receiver on a free port: records every request; answers ``status`` (503: down)."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server interface
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
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
