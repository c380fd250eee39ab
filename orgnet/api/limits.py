"""Bounds on costly requests: admission control and a total time budget per request.

Exports, suggestions and what-ifs run many queries and can hold a thread for a minute; filtered
gap pages and library queries read every item under a region.  A few anonymous callers could
otherwise take every thread and connection while the cheap reads (a region, a coverage rollup, one
unfiltered gap page) wait behind them.  Two classes of costly work, each with its own slots:

* **expensive** (:data:`ExpensiveDep`): exports, suggestions, what-ifs; ``EXPENSIVE_SLOTS`` for
  the whole server, ``EXPENSIVE_SLOTS_PER_CALLER`` for one caller;
* **heavy reads** (:data:`HeavyReadDep`, :func:`heavy_read_slot`): reads whose cost grows with
  the data under the region (a filtered or faceted gap page, a library query, a people search);
  ``HEAVY_READ_SLOTS`` and ``HEAVY_READ_SLOTS_PER_CALLER``.

A request of either class is admitted only while a slot of its class is free, overall and for its
caller (its token, else its address): else :class:`~orgnet.errors.ServiceBusy` (503) or
:class:`~orgnet.errors.RateLimited` (429), both with ``Retry-After``.  Refusal is immediate:
nothing queues, so a refused request costs no thread, and the cheap reads keep every thread the
slots do not hold (Starlette's pool has 40 per worker).  The slot is held until the response is
sent, a streamed export included.  The admitted request gets a :class:`BudgetedGraph`: every
query's timeout is the smaller of ``QUERY_TIMEOUT_S`` and what is left of ``REQUEST_BUDGET_S``.

**Slots are lock files, shared by every worker of the server.**  A slot is an exclusive
``flock`` on one of ``slots`` files in the server's state folder (``API_STATE_DIR``, which
``orgnet serve`` gives all its workers), the caller's share one of ``per_caller`` files named by
a digest of the caller's key.  The kernel keeps the count: a worker that dies, even by
``kill -9``, frees its slots with its file descriptors, so no lease or clean-up is needed, and
no Neo4j round trip is spent.  Taking a slot costs a few system calls (open, flock, stat; unlink
and close to free it), tens of microseconds, and only costly requests take one: a cheap read
touches no file.  ``flock`` works between the threads of one process too (each ``open`` is its
own lock).

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

import fcntl
import hashlib
import os
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request

from orgnet.api.deps import CallerDep, GraphDep, SettingsDep, bearer_token
from orgnet.errors import RateLimited, RequestBudgetExceeded, ServiceBusy
from orgnet.graph.db import Graph
from orgnet.settings import Settings

RETRY_AFTER_S = 5
# Below this a query is not worth starting (and Neo4j reads a 0 timeout as "none").
MIN_QUERY_TIMEOUT_S = 0.05
EXPENSIVE = "expensive"
HEAVY_READS = "heavy-reads"
WHAT = {EXPENSIVE: "expensive requests (exports, suggestions, what-ifs)", HEAVY_READS: "heavy reads (filtered gap pages, library queries, people searches)"}


def _lock(path: Path) -> int | None:
    """An exclusive ``flock`` on ``path`` (created if need be), or None when another holds it.

    The lock is taken on the file the name holds *after* locking: a holder unlinks its file when it
    frees it, so a lock won on a file that was just unlinked is dropped and tried again."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        try:
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)  # unlinked by its last holder meanwhile: lock the new one


def _unlock(path: Path, fd: int) -> None:
    """Free a lock taken by :func:`_lock` (the file goes first, while still locked)."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    os.close(fd)


class Slot:
    """One admitted request; :meth:`release` (idempotent) frees its slot and its caller's."""

    def __init__(self, held: list[tuple[Path, int]]) -> None:
        self._held = held
        self._lock = threading.Lock()

    def release(self) -> None:
        with self._lock:
            held, self._held = self._held, []
        for path, fd in reversed(held):
            _unlock(path, fd)

    def __enter__(self) -> Slot:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class Limiter:
    """Concurrent slots of one class of work: ``slots`` overall, ``per_caller`` per caller, held as
    lock files in ``directory`` (shared by the server's workers; None: a private temporary folder,
    this object's alone)."""

    def __init__(self, *, slots: int, per_caller: int, retry_after_s: int = RETRY_AFTER_S, directory: Path | None = None, kind: str = EXPENSIVE) -> None:
        self.slots = slots
        self.per_caller = per_caller
        self.retry_after_s = retry_after_s
        self.kind = kind
        if directory is None:
            self._private = tempfile.TemporaryDirectory(prefix=f"orgnet-{kind}-")
            directory = Path(self._private.name)
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.directory = directory

    def _slot_files(self) -> list[Path]:
        return [self.directory / f"slot-{i}" for i in range(self.slots)]

    def _caller_files(self, caller: str) -> list[Path]:
        digest = hashlib.sha256(caller.encode()).hexdigest()[:24]
        return [self.directory / f"caller-{digest}-{i}" for i in range(self.per_caller)]

    @staticmethod
    def _first_free(paths: list[Path]) -> tuple[Path, int] | None:
        for path in paths:
            fd = _lock(path)
            if fd is not None:
                return path, fd
        return None

    def acquire(self, caller: str) -> Slot:
        """A slot for ``caller`` now, or :class:`RateLimited` / :class:`ServiceBusy` (never waits)."""
        mine = self._first_free(self._caller_files(caller))
        if mine is None:
            raise RateLimited(
                f"You already run {self.per_caller} {self.kind.replace('-', ' ').removesuffix('s')} request(s) at once, "
                "the most one caller may; retry when one has finished.",
                retry_after_s=self.retry_after_s,
            )
        overall = self._first_free(self._slot_files())
        if overall is None:
            _unlock(*mine)
            raise ServiceBusy(f"The server already runs {self.slots} {WHAT[self.kind]}, its limit; retry shortly.", retry_after_s=self.retry_after_s)
        return Slot([mine, overall])

    @property
    def running(self) -> int:
        """Slots held now, by every worker of the server (each is tried: for tests and figures, not hot paths)."""
        held = 0
        for path in self._slot_files():
            if not path.exists():
                continue
            fd = _lock(path)
            if fd is None:
                held += 1
            else:
                os.close(fd)  # free: leave the file, a holder may be about to lock it
        return held


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
    token = bearer_token(request.headers.get("authorization"))
    if token:
        return "token:" + hashlib.sha256(token.encode()).hexdigest()[:16]
    return "addr:" + (request.client.host if request.client else "unknown")


_limiter_lock = threading.Lock()
LIMITER_ATTRIBUTE = {EXPENSIVE: "expensive_limiter", HEAVY_READS: "heavy_read_limiter"}


def state_directory(app: object, settings: Settings) -> Path:
    """The folder the server's workers share their state in: ``API_STATE_DIR`` (``orgnet serve``
    sets it for its workers), else one private to this app (an app built in a test, or embedded)."""
    if settings.api_state_dir is not None:
        return settings.api_state_dir
    state = app.state  # type: ignore[attr-defined]
    with _limiter_lock:
        private = getattr(state, "private_state_dir", None)
        if private is None:
            private = state.private_state_dir = tempfile.TemporaryDirectory(prefix="orgnet-api-")
    return Path(private.name)


def get_limiter(request: Request, settings: SettingsDep, kind: str = EXPENSIVE) -> Limiter:
    """The app's limiter of ``kind``, made from the settings on first use."""
    state = request.app.state
    attribute = LIMITER_ATTRIBUTE[kind]
    limiter = getattr(state, attribute, None)
    if limiter is None:
        directory = state_directory(request.app, settings) / "slots" / kind
        with _limiter_lock:
            limiter = getattr(state, attribute, None)
            if limiter is None:
                if kind == EXPENSIVE:
                    slots, per_caller = settings.expensive_slots, settings.expensive_slots_per_caller
                else:
                    slots, per_caller = settings.heavy_read_slots, settings.heavy_read_slots_per_caller
                limiter = Limiter(slots=slots, per_caller=per_caller, directory=directory, kind=kind)
                setattr(state, attribute, limiter)
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
    slot = get_limiter(request, settings, EXPENSIVE).acquire(caller_key(request))
    try:
        deadline = Deadline(settings.request_budget_s)
        yield Expensive(graph=BudgetedGraph(graph, deadline), deadline=deadline)
    finally:
        slot.release()


async def admit_heavy_read(request: Request, graph: GraphDep, settings: SettingsDep, caller: CallerDep) -> AsyncIterator[BudgetedGraph]:
    """Admit (or refuse) a heavy read (its cost grows with the data) and hold its slot until the
    response is sent; the graph it gets has the request's time budget."""
    del caller
    slot = get_limiter(request, settings, HEAVY_READS).acquire(caller_key(request))
    try:
        yield BudgetedGraph(graph, Deadline(settings.request_budget_s))
    finally:
        slot.release()


def heavy_read_slot(request: Request, settings: Settings) -> Slot:
    """A heavy-read slot for a route that decides from its parameters whether it reads heavily
    (a gap page is heavy only when filtered or faceted); release it when the answer is built."""
    return get_limiter(request, settings, HEAVY_READS).acquire(caller_key(request))


async def budgeted(graph: GraphDep, settings: SettingsDep) -> BudgetedGraph:
    """The graph with the request's time budget but no admission control (cheap, bounded reads
    such as one unfiltered gap page, which keyset paging keeps as cheap deep down as on the first page)."""
    return BudgetedGraph(graph, Deadline(settings.request_budget_s))


ExpensiveDep = Annotated[Expensive, Depends(admit_expensive)]
HeavyReadDep = Annotated[BudgetedGraph, Depends(admit_heavy_read)]
BudgetedGraphDep = Annotated[BudgetedGraph, Depends(budgeted)]
