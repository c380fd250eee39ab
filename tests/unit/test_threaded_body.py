"""The streamed body of exports (orgnet/api/streaming.py), without a database or a server: the
client's departure stops the producer before the response returns (so the expensive slot, freed
after it, is freed only when the work has stopped), work waiting on something else is
interrupted, and a producer that fails leaves the body unfinished rather than cut silently."""

from __future__ import annotations

import asyncio
import threading

import pytest

from orgnet.api.streaming import Stop, ThreadedBody


class Client:
    """An ASGI client that reads ``leave_after`` chunks of the body, then disconnects."""

    def __init__(self, leave_after: int | None = None) -> None:
        self.leave_after = leave_after
        self.messages: list[dict] = []
        self._left = asyncio.Event()
        self._asked = False

    async def receive(self) -> dict:
        if not self._asked:
            self._asked = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await self._left.wait()
        return {"type": "http.disconnect"}

    async def send(self, message: dict) -> None:
        self.messages.append(message)
        chunks = [m for m in self.messages if m.get("body")]
        if self.leave_after is not None and len(chunks) >= self.leave_after:
            self._left.set()

    @property
    def body(self) -> bytes:
        return b"".join(m.get("body", b"") for m in self.messages if m["type"] == "http.response.body")

    @property
    def finished(self) -> bool:
        return any(m["type"] == "http.response.body" and not m.get("more_body", False) for m in self.messages)


def serve(body: ThreadedBody, client: Client) -> None:
    asyncio.run(body({"type": "http"}, client.receive, client.send))


def test_a_whole_body_is_sent_in_order_and_finished():
    def produce(emit, stop: Stop) -> None:
        for i in range(100):
            emit(b"%d," % i)

    client = Client()
    serve(ThreadedBody(produce, media_type="text/csv"), client)
    assert client.body == b"".join(b"%d," % i for i in range(100)) and client.finished


def test_the_producer_has_stopped_before_the_response_returns_when_the_client_leaves():
    produced = []
    ended = threading.Event()
    abandoned: list[float] = []

    def produce(emit, stop: Stop) -> None:
        try:
            i = 0
            while True:  # an endless export: only the client's departure ends it
                stop.check()
                produced.append(i)
                emit(b"row %d\n" % i)
                i += 1
        finally:
            ended.set()

    client = Client(leave_after=3)
    serve(ThreadedBody(produce, media_type="text/csv", on_abandoned=abandoned.append), client)
    assert ended.is_set()  # stopped before the response returned, not some time later
    assert not client.finished and len(abandoned) == 1
    assert len(produced) < 3 + 4 + 2  # at most the chunks in flight (max_chunks) beyond what was sent


def test_work_waiting_on_something_else_is_interrupted():
    """A producer blocked outside ``emit`` (a query that has not answered) is not stopped by the
    flag alone: ``interrupt`` (the export ends its query) unblocks it."""
    query_answered = threading.Event()
    interrupted = []

    def produce(emit, stop: Stop) -> None:
        emit(b"header\n")
        query_answered.wait(timeout=60)  # a query that would run a minute
        stop.check()

    def interrupt() -> None:
        interrupted.append(True)
        query_answered.set()

    client = Client(leave_after=1)
    serve(ThreadedBody(produce, media_type="text/csv", interrupt=interrupt, grace_s=0.05), client)
    assert interrupted == [True] and query_answered.is_set()


def test_a_failing_producer_leaves_the_body_unfinished():
    def produce(emit, stop: Stop) -> None:
        emit(b"first rows\n")
        raise RuntimeError("the database went away")

    client = Client()
    with pytest.raises(RuntimeError):
        serve(ThreadedBody(produce, media_type="text/csv"), client)
    assert client.body == b"first rows\n" and not client.finished  # the server closes the connection: no clean end
