"""Bounds on expensive requests: admission control and a total time budget per request.

Exports, suggestions, what-ifs and city-level work run many queries and can hold a worker for
a minute; a few anonymous callers could otherwise take every thread and connection while the
cheap reads (coverage, a gap page) wait behind them.  A route that does such work declares
:data:`ExpensiveDep`::

    def export_gaps(..., work: ExpensiveDep):
        page = gaps(work.graph, ...)

which

* admits the request only while fewer than ``EXPENSIVE_SLOTS`` expensive requests run overall
  (else :class:`~orgnet.errors.ServiceBusy`, 503) and fewer than ``EXPENSIVE_SLOTS_PER_CALLER``
  for this caller (its token, else its address; else :class:`~orgnet.errors.RateLimited`, 429),
  both with ``Retry-After``.  Refusal is immediate: nothing queues, so a refused request costs
  no thread.  The slot is held until the response is sent, a streamed export included.
* gives it a :class:`BudgetedGraph`: every query's timeout is the smaller of ``QUERY_TIMEOUT_S``
  and what is left of ``REQUEST_BUDGET_S``; once the budget is spent the next query is not even
  started (:class:`~orgnet.errors.RequestBudgetExceeded`, 504).

Sync routes run in Starlette's thread pool (40 threads); ``EXPENSIVE_SLOTS`` (default 4) keeps
expensive work to a tenth of it, so cheap reads always find a thread.

>>> limiter = Limiter(slots=2, per_caller=1)
>>> first = limiter.acquire("a")
>>> limiter.acquire("a")
Traceback (most recent call last):
...
orgnet.errors.RateLimited: You already run 1 expensive request(s) at once, the most one caller may; retry when one has finished.
>>> second = limiter.acquire("b")
>>> limiter.acquire("c")
Traceback (most recent call last):
...
orgnet.errors.ServiceBusy: The server already runs 2 expensive requests (exports, suggestions, what-ifs), its limit; retry shortly.
>>> first.release(); first.release()  # idempotent
>>> limiter.running
1
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from orgnet.api.deps import CallerDep, GraphDep, SettingsDep
from orgnet.errors import RateLimited, RequestBudgetExceeded, ServiceBusy
from orgnet.graph.db import Graph

RETRY_AFTER_S = 5
# Below this a query is not worth starting (and Neo4j reads a 0 timeout as "none").
MIN_QUERY_TIMEOUT_S = 0.05


class Slot:
    """One admitted expensive request; :meth:`release` (idempotent) frees it."""

    def __init__(self, limiter: Limiter, caller: str) -> None:
        self._limiter = limiter
        self._caller = caller
        self._released = False

    def release(self) -> None:
        with self._limiter._lock:
            if self._released:
                return
            self._released = True
            self._limiter._release(self._caller)

    def __enter__(self) -> Slot:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class Limiter:
    """Concurrent slots for expensive work: ``slots`` overall, ``per_caller`` per caller."""

    def __init__(self, *, slots: int, per_caller: int, retry_after_s: int = RETRY_AFTER_S) -> None:
        self.slots = slots
        self.per_caller = per_caller
        self.retry_after_s = retry_after_s
        self._lock = threading.Lock()
        self._by_caller: Counter[str] = Counter()
        self.running = 0

    def acquire(self, caller: str) -> Slot:
        """A slot for ``caller`` now, or :class:`RateLimited` / :class:`ServiceBusy` (never waits)."""
        with self._lock:
            if self._by_caller[caller] >= self.per_caller:
                raise RateLimited(
                    f"You already run {self.per_caller} expensive request(s) at once, the most one caller may; retry when one has finished.",
                    retry_after_s=self.retry_after_s,
                )
            if self.running >= self.slots:
                raise ServiceBusy(
                    f"The server already runs {self.slots} expensive requests (exports, suggestions, what-ifs), its limit; retry shortly.",
                    retry_after_s=self.retry_after_s,
                )
            self.running += 1
            self._by_caller[caller] += 1
            return Slot(self, caller)

    def _release(self, caller: str) -> None:  # under the lock
        self.running -= 1
        self._by_caller[caller] -= 1
        if self._by_caller[caller] <= 0:
            del self._by_caller[caller]


class Deadline:
    """A request's total time budget.

    >>> now = [0.0]
    >>> d = Deadline(10.0, clock=lambda: now[0])
    >>> d.timeout_for(30.0), d.timeout_for(4.0)
    (10.0, 4.0)
    >>> now[0] = 7.5
    >>> d.timeout_for(30.0)
    2.5
    >>> now[0] = 10.0
    >>> d.timeout_for(30.0)
    Traceback (most recent call last):
    ...
    orgnet.errors.RequestBudgetExceeded: The request used up its time budget of 10 s; ask for less (a smaller region, fewer ids) or try later.
    """

    def __init__(self, budget_s: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.budget_s = budget_s
        self._clock = clock
        self._end = clock() + budget_s

    def remaining(self) -> float:
        return self._end - self._clock()

    def check(self) -> None:
        """:class:`RequestBudgetExceeded` once the budget is spent."""
        if self.remaining() < MIN_QUERY_TIMEOUT_S:
            raise RequestBudgetExceeded(f"The request used up its time budget of {self.budget_s:g} s; ask for less (a smaller region, fewer ids) or try later.")

    def timeout_for(self, query_timeout_s: float) -> float:
        """The timeout of the next query: ``query_timeout_s`` or what is left, whichever is smaller."""
        self.check()
        return min(query_timeout_s, self.remaining())


class BudgetedGraph(Graph):
    """The graph as one request sees it: the same driver and database, each query's timeout
    bounded by the request's :class:`Deadline` (read when the query starts)."""

    def __init__(self, graph: Graph, deadline: Deadline) -> None:  # no super().__init__: timeout_s is computed
        self.driver = graph.driver
        self.database = graph.database
        self.health = graph.health  # one health state per driver: a request that finds Neo4j down tells the others
        self.bookmarks = getattr(graph, "bookmarks", None)  # causal consistency across the requests of the process
        self.query_timeout_s = graph.timeout_s
        self.deadline = deadline

    @property
    def timeout_s(self) -> float:  # type: ignore[override]
        return self.deadline.timeout_for(self.query_timeout_s)

    def close(self) -> None:  # the driver belongs to the app
        pass


def caller_key(request: Request) -> str:
    """Who a request counts against: its bearer token (hashed, so no token is kept in memory),
    else its client address.

    >>> from starlette.requests import Request
    >>> key = caller_key(Request({"type": "http", "headers": [(b"authorization", b"Bearer t1")], "client": ("10.0.0.1", 5)}))
    >>> key.startswith("token:"), "t1" in key
    (True, False)
    >>> caller_key(Request({"type": "http", "headers": [], "client": ("10.0.0.1", 5)}))
    'addr:10.0.0.1'
    """
    auth = request.headers.get("authorization") or ""
    scheme, _, token = auth.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return "token:" + hashlib.sha256(token.strip().encode()).hexdigest()[:16]
    return "addr:" + (request.client.host if request.client else "unknown")


_limiter_lock = threading.Lock()


def get_limiter(request: Request, settings: SettingsDep) -> Limiter:
    """The app's limiter, made from the settings on first use."""
    state = request.app.state
    with _limiter_lock:
        limiter = getattr(state, "expensive_limiter", None)
        if limiter is None:
            limiter = Limiter(slots=settings.expensive_slots, per_caller=settings.expensive_slots_per_caller)
            state.expensive_limiter = limiter
    return limiter


@dataclass(frozen=True)
class Expensive:
    """What an admitted expensive request works with: the budgeted graph and its deadline."""

    graph: BudgetedGraph
    deadline: Deadline


async def admit_expensive(request: Request, graph: GraphDep, settings: SettingsDep, caller: CallerDep) -> AsyncIterator[Expensive]:
    """Admit (or refuse) an expensive request and hold its slot until the response is sent.

    ``caller`` is declared so that an unknown token is refused (401) before a slot is taken."""
    del caller
    slot = get_limiter(request, settings).acquire(caller_key(request))
    try:
        deadline = Deadline(settings.request_budget_s)
        yield Expensive(graph=BudgetedGraph(graph, deadline), deadline=deadline)
    finally:
        slot.release()


async def budgeted(graph: GraphDep, settings: SettingsDep) -> BudgetedGraph:
    """The graph with the request's time budget but no admission control (cheap, bounded reads
    such as one gap page, which keyset paging keeps as cheap deep down as on the first page)."""
    return BudgetedGraph(graph, Deadline(settings.request_budget_s))


ExpensiveDep = Annotated[Expensive, Depends(admit_expensive)]
BudgetedGraphDep = Annotated[BudgetedGraph, Depends(budgeted)]
