"""A response whose body a worker thread writes, sent as it comes, and stopped when the client leaves.

Starlette's ``StreamingResponse`` runs each step of a synchronous iterator in the thread pool and,
when the client disconnects, waits for the step under way to end: the step that wrote a whole
workbook kept a core busy for minutes after the client had left (issue 20 §4).  Under an ASGI
server of spec 2.4 it notices a departure only when a write fails.

:class:`ThreadedBody` runs the producer in a thread of its own and listens for the disconnect the
whole time.  When the client leaves it tells the producer to stop (``emit`` and
:meth:`Stop.check` raise :class:`Abandoned`, which a producer meets between rows), asks
``interrupt`` to cut short whatever the producer may be waiting on (a query), waits for the thread
to end and only then returns: a dependency's clean-up (the expensive request's slot) runs after
the work has really stopped.  ``on_abandoned`` is told how long the stop took (for the log).

>>> import asyncio
>>> def produce(emit, stop):
...     for part in (b"a", b"b"):
...         emit(part)
>>> sent = []
>>> async def receive():
...     await asyncio.sleep(10)
>>> async def send(message):
...     sent.append(message.get("body"))
>>> asyncio.run(ThreadedBody(produce, media_type="text/plain")({"type": "http"}, receive, send))
>>> sent
[None, b'a', b'b', b'']
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

log = logging.getLogger("orgnet.api")

_END = object()


class Abandoned(Exception):
    """The client left: raised in the producer, which should just let it through."""


class Stop:
    """The producer's stop flag, set when the client has left."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """:class:`Abandoned` once the client has left."""
        if self._event.is_set():
            raise Abandoned


Produce = Callable[[Callable[[bytes], None], Stop], None]


async def _disconnected(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


class ThreadedBody(Response):
    """The body ``produce(emit, stop)`` writes, chunk by chunk through ``emit`` (which blocks while
    ``max_chunks`` chunks wait to be sent: the producer never runs far ahead of the client).

    ``interrupt`` is called (in a thread) when the producer has not stopped ``grace_s`` after the
    client left; the response returns at most ``join_s`` later, the producer stopped or not (then
    logged as an error).  An exception the producer raises ends the body unfinished (the server
    closes the connection), so a client never takes a cut file for a whole one.
    """

    def __init__(
        self,
        produce: Produce,
        status_code: int = 200,
        *,
        media_type: str | None = None,
        headers: Mapping[str, str] | None = None,
        interrupt: Callable[[], Any] | None = None,
        on_abandoned: Callable[[float], None] | None = None,
        max_chunks: int = 4,
        grace_s: float = 0.2,
        join_s: float = 10.0,
    ) -> None:
        self.produce = produce
        self.interrupt = interrupt
        self.on_abandoned = on_abandoned
        self.max_chunks = max_chunks
        self.grace_s = grace_s
        self.join_s = join_s
        self.status_code = status_code
        self.media_type = media_type
        self.background = None
        self.init_headers(headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        loop = asyncio.get_running_loop()
        chunks: asyncio.Queue[Any] = asyncio.Queue()
        room = threading.Semaphore(self.max_chunks)
        stop = Stop()
        done = asyncio.Event()
        failures: list[BaseException] = []

        def to_loop(callback: Callable[..., Any], *args: Any) -> None:
            try:
                loop.call_soon_threadsafe(callback, *args)
            except RuntimeError:  # the loop is closed: the server is shutting down
                pass

        def emit(chunk: bytes) -> None:
            while not room.acquire(timeout=0.1):
                stop.check()
            stop.check()
            to_loop(chunks.put_nowait, chunk)

        def run() -> None:
            try:
                self.produce(emit, stop)
            except Abandoned:
                pass
            except BaseException as e:  # raised again in the response's task, once joined
                failures.append(e)
            finally:
                to_loop(chunks.put_nowait, _END)
                to_loop(done.set)

        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        worker = threading.Thread(target=run, name="orgnet-body", daemon=True)
        worker.start()
        left = asyncio.ensure_future(_disconnected(receive))
        finished = ended = False  # the body sent whole / the producer ended by itself
        try:
            while True:
                getter = asyncio.ensure_future(chunks.get())
                await asyncio.wait({getter, left}, return_when=asyncio.FIRST_COMPLETED)
                if left.done():  # gone, even if a chunk is ready too: a send to a departed client succeeds silently
                    getter.cancel()
                    break
                chunk = getter.result()
                if chunk is _END:
                    ended, finished = True, not failures
                    break
                room.release()
                try:
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
                except OSError:  # an ASGI 2.4 server: the client is gone
                    break
            if finished:
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            left.cancel()
            if ended:
                await done.wait()  # the thread's last step, at once
            else:  # the client left (or this task was cancelled): the work must stop before the slot is freed
                await self._stop(stop, done)
        if failures:
            raise failures[0]

    async def _stop(self, stop: Stop, done: asyncio.Event) -> None:
        """Stop the producer (the client left, or this task was cancelled) and wait for it."""
        started = time.monotonic()
        stop.set()
        try:
            await asyncio.wait_for(done.wait(), self.grace_s)
        except TimeoutError:
            if self.interrupt is not None:
                try:
                    await asyncio.to_thread(self.interrupt)
                except Exception:
                    log.exception("could not interrupt an abandoned response's work")
            try:
                await asyncio.wait_for(done.wait(), self.join_s)
            except TimeoutError:
                log.error("an abandoned response's work still runs %.1f s after the client left", time.monotonic() - started)
        if self.on_abandoned is not None:
            self.on_abandoned(time.monotonic() - started)
