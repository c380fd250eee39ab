"""A client-side deadline for every transaction: one watchdog thread per process.

The Neo4j Python driver has no client-side limit on a query over an open connection: the
transaction timeout is enforced by the server, the connection and acquisition timeouts cover
only opening and borrowing a connection, ``connection_write_timeout`` only sending, and the one
read timeout there is (``connection.recv_timeout_seconds``) is a hint the *server* may send when
the connection opens.  A frozen or hung server (a stopped JVM, a full stop-the-world pause) thus
keeps every transaction on it waiting, and its request with it.

So each transaction is *watched*: :meth:`TransactionWatchdog.watch` registers it with the
moment its answer is due and a ``kill`` callable that shuts its connection's socket.  One daemon
thread looks at the watched transactions every ``tick_s``; when one is overdue it calls ``kill``
of that one and of every other transaction watched in the same *group* (the transactions of one
driver: a server that answers none of them answers none), marking each ``fired``.  The shut
socket makes the driver's blocked read return at once: the driver marks the connection defunct,
closes it and drops the pool's idle connections to that server, so it is never reused; the
caller (``orgnet.graph.db``) sees ``fired`` and raises :class:`~orgnet.errors.DatabaseNoAnswer`.

Watching costs a set insertion and removal under an uncontended lock per transaction; the thread
wakes ``1 / tick_s`` times a second whatever the load (no thread and no wake-up per request).

>>> import socket, threading
>>> here, there = socket.socketpair()
>>> dog = TransactionWatchdog(tick_s=0.01)
>>> watch = dog.watch(lambda: here.shutdown(socket.SHUT_RDWR), ends_at=time.monotonic() + 0.05, group="neo4j")
>>> here.recv(1)  # nothing ever arrives: the watchdog ends the wait
b''
>>> watch.fired, watch.overdue
(True, True)
>>> dog.forget(watch); dog.stop(); here.close(); there.close()
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

log = logging.getLogger("orgnet.graph")

TICK_S = 0.1
"""How often the watchdog looks: a transaction is abandoned at most this long after its deadline."""


class Watch:
    """One watched transaction.  ``fired``: its connection was shut by the watchdog (``overdue``:
    because its own deadline passed, else because another transaction of its group got no answer)."""

    __slots__ = ("commit_sent", "ends_at", "fired", "group", "kill", "overdue")

    def __init__(self, kill: Callable[[], Any], ends_at: float, group: Hashable) -> None:
        self.kill = kill
        self.ends_at = ends_at
        self.group = group
        self.fired = False
        self.overdue = False
        self.commit_sent = False
        """Set by the caller just before it sends COMMIT: from then on, a write's fate is Neo4j's to tell."""


class TransactionWatchdog:
    """Shuts the connections of transactions that passed their deadline (see the module's text)."""

    def __init__(self, *, tick_s: float = TICK_S, clock: Callable[[], float] = time.monotonic, thread: bool = True) -> None:
        """``thread=False``: no thread of its own; the caller calls :meth:`check` (tests)."""
        self.tick_s = tick_s
        self.clock = clock
        self.thread = thread
        self._lock = threading.Lock()
        self._active: set[Watch] = set()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid = 0

    def watch(self, kill: Callable[[], Any], *, ends_at: float, group: Hashable) -> Watch:
        """Watch a transaction until :meth:`forget`; ``kill()`` is called (from the watchdog's
        thread) if it is still watched after ``ends_at`` (``clock`` time), or when another
        transaction of ``group`` was."""
        entry = Watch(kill, ends_at, group)
        with self._lock:
            self._active.add(entry)
            if self.thread and (self._thread is None or self._pid != os.getpid()):  # the first use, or a forked process
                self._start()
        return entry

    def forget(self, entry: Watch) -> None:
        with self._lock:
            self._active.discard(entry)

    @property
    def watched(self) -> int:
        return len(self._active)

    def stop(self) -> None:
        """End the thread (tests; the thread is a daemon and needs no stopping otherwise)."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._thread = None

    def _start(self) -> None:  # under the lock
        self._stop.clear()
        self._pid = os.getpid()
        self._thread = threading.Thread(target=self._run, name="orgnet-tx-watchdog", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.tick_s):
            try:
                self.check()
            except Exception:  # noqa: BLE001 - the watchdog must outlive any one kill
                log.exception("transaction watchdog: a check failed")

    def fire(self, group: Hashable) -> list[Watch]:
        """Give up every transaction watched in ``group`` now (a caller found the server not
        answering where no watch could: a connection that did not open by its deadline)."""
        with self._lock:
            fire = [w for w in self._active if w.group == group]
            for w in fire:
                w.fired = True
                _kill(w)
        return fire

    def check(self) -> list[Watch]:
        """Fire every overdue transaction and the others of its group; return those fired now.

        Called by the thread every ``tick_s``.  A fired transaction stays fired until forgotten, and
        its ``kill`` is called again at every check (its caller may have taken another connection
        meanwhile, e.g. to roll back)."""
        now = self.clock()
        with self._lock:
            overdue = [w for w in self._active if w.ends_at <= now and not w.fired]
            for w in overdue:
                w.overdue = True
            groups = {w.group for w in overdue}
            fire = [w for w in self._active if w.fired or w.group in groups]
            fresh = [w for w in fire if not w.fired]
            for w in fire:
                w.fired = True
                _kill(w)
        if overdue:
            log.warning("Neo4j did not answer %d transaction(s) by their deadline: %d connection(s) closed", len(overdue), len(fresh))
        return fresh


def _kill(watch: Watch) -> None:
    try:
        watch.kill()
    except Exception:  # noqa: BLE001 - a connection already gone is what we want
        log.debug("transaction watchdog: kill failed", exc_info=True)


def shut_socket_of(session: Any) -> None:
    """Shut down (both ways) the socket of the connection a driver session holds, if any.

    The driver offers no public way to abandon a transaction from another thread (the async
    driver's cancellation closes the connection; the sync driver has no equivalent), so this
    reaches the session's connection and its socket through the driver's attributes
    (``Session._connection``, ``Bolt.socket``, ``BoltSocket._socket``; neo4j 6.4, pinned).
    ``tests/integration/test_deadlines.py`` fails if a driver upgrade moves them.  Only
    ``shutdown`` is called, never ``close``: the thread blocked in ``recv`` wakes with an end of
    stream and the driver closes the connection itself, on its own thread.  ``socket.socket``'s
    own ``shutdown`` is used so that a TLS socket keeps its state for the driver's cleanup.
    """
    connection = getattr(session, "_connection", None)
    raw = getattr(getattr(connection, "socket", None), "_socket", None)
    if isinstance(raw, socket.socket):
        try:
            socket.socket.shutdown(raw, socket.SHUT_RDWR)
        except OSError:
            pass  # already closed


WATCHDOG = TransactionWatchdog()
"""The process's watchdog, shared by every :class:`~orgnet.graph.db.Graph`."""
