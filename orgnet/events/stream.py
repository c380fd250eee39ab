"""The live stream: published events as Server-Sent Events, to each client what its scope allows.

One :class:`Broadcaster` per API process reads the events published since its last look (one query
per ``EVENTS_POLL_S`` while any client listens, whatever their number) and hands them to every
client's queue; each client's stream keeps what :func:`orgnet.events.payload.project` lets it see.
A client that reconnects with ``Last-Event-ID`` (the ``id`` of the last event it got) first gets
what it missed from Neo4j (:func:`events_after`), so a dropped connection loses nothing as long as
the events are kept (``EVENTS_RETENTION_DAYS``; older: a ``reset`` event says to reload).  A client
too slow to keep up (its queue full) is disconnected and resumes the same way.

>>> sse(7, "change", {"a": 1})
'id: 7\\nevent: change\\ndata: {"a":1}\\n\\n'
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.concurrency import run_in_threadpool

from orgnet.events.outbox import OUTBOX_LABEL
from orgnet.events.payload import dumps, project
from orgnet.graph.db import Graph

log = logging.getLogger("orgnet.events")

QUEUE_MAX = 1000
HEARTBEAT_S = 15.0
PAGE_MAX = 500

NEW = f"""
MATCH (e:{OUTBOX_LABEL}) WHERE e.seq > $after
RETURN e.seq AS seq, e.payload AS payload ORDER BY e.seq LIMIT $limit
"""
AFTER = f"""
MATCH (e:{OUTBOX_LABEL}) WHERE e.seq > $after AND ($scope IS NULL OR any(s IN $scope WHERE s IN e.scope_ids))
RETURN e.seq AS seq, e.payload AS payload ORDER BY e.seq LIMIT $limit
"""
BOUNDS = f"MATCH (e:{OUTBOX_LABEL}) WHERE e.seq IS NOT NULL RETURN min(e.seq) AS first, max(e.seq) AS last"


def sse(seq: int | None, kind: str, data: dict[str, Any]) -> str:
    head = f"id: {seq}\n" if seq is not None else ""
    return f"{head}event: {kind}\ndata: {dumps(data)}\n\n"


def bounds(graph: Graph) -> tuple[int | None, int]:
    row = graph.read(BOUNDS)[0]
    return row["first"], row["last"] or 0


def events_after(
    graph: Graph, *, after: int, scope: tuple[str, ...] | None, personal: bool, region: str | None = None, limit: int = PAGE_MAX
) -> tuple[list[dict[str, Any]], bool]:
    """The events after sequence number ``after`` that the reader sees (projected), at most ``limit``,
    and whether some it should have seen are gone already (pruned: the reader must reload)."""
    first, _ = bounds(graph)
    reset = first is not None and after < first - 1
    wanted = tuple(s for s in (region,) if s) or scope
    rows = graph.read(AFTER, {"after": after, "scope": list(wanted) if wanted is not None else None, "limit": limit})
    out = []
    for r in rows:
        seen = project(json.loads(r["payload"]), scope=scope, personal=personal)
        if seen is not None and (region is None or project(seen, scope=(region,), personal=personal) is not None):
            out.append(seen if region is None else project(seen, scope=(region,), personal=personal))
    return out, reset


@dataclass(eq=False)
class Listener:
    scope: tuple[str, ...] | None
    personal: bool
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(QUEUE_MAX))
    overflowed: bool = False

    def offer(self, seq: int, payload: dict[str, Any]) -> None:
        if self.overflowed:
            return
        try:
            self.queue.put_nowait((seq, payload))
        except asyncio.QueueFull:
            self.overflowed = True  # the stream ends; the client resumes from its Last-Event-ID


class Broadcaster:
    """Reads new events once per poll for every client of this process."""

    def __init__(self, graph: Graph, *, poll_s: float) -> None:
        self.graph = graph
        self.poll_s = poll_s
        self.listeners: set[Listener] = set()
        self.head = 0
        self._task: asyncio.Task | None = None

    async def add(self, listener: Listener) -> int:
        """Register ``listener``; the sequence number from which it gets events live."""
        if self._task is None or self._task.done():
            _, self.head = await run_in_threadpool(bounds, self.graph)
            self._task = asyncio.create_task(self._run())
        self.listeners.add(listener)
        return self.head

    def remove(self, listener: Listener) -> None:
        self.listeners.discard(listener)

    async def _run(self) -> None:
        while self.listeners:
            try:
                rows = await run_in_threadpool(self.graph.read, NEW, {"after": self.head, "limit": PAGE_MAX})
            except Exception:  # noqa: BLE001 - Neo4j away: clients keep their connection, events come when it is back
                log.warning("live stream: events not read; retrying", exc_info=True)
                await asyncio.sleep(1.0)
                continue
            for row in rows:
                payload = json.loads(row["payload"])
                for listener in list(self.listeners):
                    listener.offer(row["seq"], payload)
                self.head = row["seq"]
            if len(rows) < PAGE_MAX:
                await asyncio.sleep(self.poll_s)

    async def close(self) -> None:
        self.listeners.clear()
        if self._task is not None:
            self._task.cancel()


async def stream(
    broadcaster: Broadcaster,
    *,
    after: int | None,
    scope: tuple[str, ...] | None,
    personal: bool,
    region: str | None,
    max_s: float,
    disconnected: Callable[[], Any],
) -> AsyncIterator[str]:
    """The text of one client's stream: what it missed since ``after``, then live events, heartbeats
    (comments) every :data:`HEARTBEAT_S`, until it leaves, falls behind, or ``max_s`` has passed."""
    listener = Listener(scope=scope, personal=personal)
    head = await broadcaster.add(listener)
    try:
        yield "retry: 2000\n: orgnet events\n\n"
        last = after if after is not None else head
        if after is not None:
            missed, reset = await run_in_threadpool(events_after, broadcaster.graph, after=after, scope=scope, personal=personal, region=region, limit=100_000)
            if reset:
                yield sse(None, "reset", {"detail": "Events you missed are no longer kept: reload what you show."})
            for event in missed:
                yield sse(event["seq"], event["type"], event)
                last = max(last, event["seq"])
        deadline = time.monotonic() + max_s
        while time.monotonic() < deadline and not listener.overflowed:
            try:
                seq, payload = await asyncio.wait_for(listener.queue.get(), timeout=min(HEARTBEAT_S, max(0.01, deadline - time.monotonic())))
            except TimeoutError:
                if await disconnected():
                    return
                yield ": keep-alive\n\n"
                continue
            if seq <= last:
                continue
            last = seq
            seen = project(payload, scope=scope, personal=personal)
            if seen is not None and region is not None:
                seen = project(seen, scope=(region,), personal=personal)
            if seen is not None:
                yield sse(seq, seen["type"], seen)
    finally:
        broadcaster.remove(listener)
