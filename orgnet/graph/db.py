"""Neo4j access: one driver per process, reads as READ transactions with a timeout.

Every call names its database; every value reaches Cypher as a parameter.  Driver
errors never escape: they are wrapped in :mod:`orgnet.errors` classes with ``from e``.

It is over 400 lines because it is the one place that talks to the driver: connection, health, error wrapping and the read and write helpers belong together.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import random
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import neo4j
from neo4j import Driver, GraphDatabase, NotificationMinimumSeverity
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConnectionAcquisitionTimeoutError,
    DriverError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from orgnet.errors import DatabaseDown, DatabaseError, DatabaseNoAnswer, DatabaseUnavailable, InvalidInput, OrgnetError, QueryTimeout, ServiceBusy

# to_native: orgnet/writes/records.py imports it from here (writes/ is being changed elsewhere)
from orgnet.graph.values import record_to_native, to_native  # noqa: F401
from orgnet.graph.watchdog import WATCHDOG, Watch, shut_socket_of
from orgnet.settings import Settings

log = logging.getLogger("orgnet.graph")

TIMEOUT_CODES = {
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    "Neo.TransientError.Transaction.LockClientStopped",
}


def create_driver(settings: Settings) -> Driver:
    """The process's driver; with no ``NEO4J_URI`` it points at the local server.

    The connection timeouts are short (NEO4J_CONNECT_TIMEOUT_S, NEO4J_ACQUIRE_TIMEOUT_S): a Neo4j
    that is down or frozen must turn into a 503 in seconds, not after the driver's 30 s default or
    after waiting a query timeout for a pooled connection."""
    return GraphDatabase.driver(
        settings.effective_uri,
        auth=(settings.neo4j_user, settings.effective_password()),
        connection_timeout=settings.neo4j_connect_timeout_s,
        connection_acquisition_timeout=settings.neo4j_acquire_timeout_s,
        max_connection_pool_size=50,
        # schema-less labels in count queries are expected; Neo4j's warnings would flood the log
        notifications_min_severity=NotificationMinimumSeverity.OFF,
    )


class DatabaseHealth:
    """Whether Neo4j answered lately, shared by every :class:`Graph` on one driver.

    Neo4j is *known down* once a call found it unreachable or not answering (:meth:`mark_down`),
    and while a readiness probe (``/ready``) has been waiting on it for more than ``stall_s``
    seconds (a frozen or hung server accepts connections and never answers).  Calls then fail at
    once with :class:`DatabaseDown` (503 with ``Retry-After``) instead of each waiting for its own
    deadline.  Every ``retry_s`` seconds one call is let through to find out (the others still
    fail at once): Neo4j is up again when a call started after it was marked down succeeds
    (:meth:`succeeded`), or a readiness probe answers (``Graph.ping``).

    ``answer_margin_s``: how long after its own timeout a transaction may go unanswered before its
    connection is closed (:mod:`orgnet.graph.watchdog`) and Neo4j marked down; ``acquire_s``: the
    longest wait for a connection (``NEO4J_ACQUIRE_TIMEOUT_S``), a new one's handshake included.

    >>> now = [100.0]
    >>> health = DatabaseHealth(retry_s=5.0, stall_s=2.0, clock=lambda: now[0])
    >>> health.check()
    >>> health.mark_down("no answer")
    >>> health.check()
    Traceback (most recent call last):
    ...
    orgnet.errors.DatabaseDown: Neo4j is not reachable; the request was not tried. Retry in 5 s.
    >>> now[0] += 5; health.check()  # this call is let through to find out ...
    >>> health.check()  # ... the others are not
    Traceback (most recent call last):
    ...
    orgnet.errors.DatabaseDown: Neo4j is not reachable; the request was not tried. Retry in 5 s.
    >>> health.succeeded(started_at=now[0]); health.known_down, health.check()
    (False, None)
    >>> health.probe_started(); now[0] += 3; health.known_down
    True
    >>> health.probe_finished(); health.known_down
    False
    """

    def __init__(
        self,
        *,
        retry_s: float = 5.0,
        stall_s: float = 5.0,
        answer_margin_s: float = 2.0,
        acquire_s: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.retry_s = retry_s
        self.stall_s = stall_s
        self.answer_margin_s = answer_margin_s
        self.acquire_s = acquire_s
        self.clock = clock
        self.down_at: float | None = None
        self.probe_since: float | None = None
        self.reason = ""
        self._lock = threading.Lock()

    @property
    def known_down(self) -> bool:
        if self.probe_since is not None and self.clock() - self.probe_since > self.stall_s:
            return True
        return self.down_at is not None

    def check(self) -> None:
        """Return if a call may try Neo4j; else raise :class:`DatabaseDown`."""
        if self.down_at is None and self.probe_since is None:
            return  # the hot path: nothing known against Neo4j
        now = self.clock()
        if self.probe_since is not None and now - self.probe_since > self.stall_s:
            raise self._down(self.retry_s)
        with self._lock:
            if self.down_at is None:
                return
            waited = now - self.down_at
            if waited >= self.retry_s:
                self.down_at = now  # this call finds out; the others keep failing fast meanwhile
                return
        raise self._down(self.retry_s - waited)

    def _down(self, retry_in_s: float) -> DatabaseDown:
        retry = max(1, math.ceil(retry_in_s))
        return DatabaseDown(f"Neo4j is not reachable; the request was not tried. Retry in {retry} s.", retry_after_s=retry)

    def mark_down(self, reason: str) -> None:
        self.down_at = self.clock()
        self.reason = reason

    def mark_up(self) -> None:
        self.down_at = None

    def succeeded(self, *, started_at: float) -> None:
        """A transaction that started at ``started_at`` got its answer: Neo4j is up, unless it was
        marked down after that transaction began."""
        down_at = self.down_at
        if down_at is not None and started_at >= down_at:
            self.mark_up()

    def probe_started(self) -> None:
        self.probe_since = self.clock()

    def probe_finished(self) -> None:
        self.probe_since = None


def wrap_driver_error(e: Exception) -> Exception:
    """Translate a driver exception into orgnet's hierarchy (caller raises it ``from e``).

    The detail is a plain sentence for the client; Neo4j's code and message (which can quote
    the query, parameter values or server internals) go to the server log only.  A failed result
    or transaction (``ResultFailedError``, ``TransactionError``) carries the server's error as its
    cause: that is what is classified (a timed-out query is a 504, not "unavailable").

    >>> from neo4j.exceptions import ClientError
    >>> e = ClientError._hydrate_neo4j(code="Neo.ClientError.Statement.ArgumentError", message="LIMIT: Invalid input. '-1'")
    >>> wrapped = wrap_driver_error(e)
    >>> type(wrapped).__name__, wrapped.detail
    ('DatabaseError', 'Neo4j could not run the query.')
    """
    cause = None if isinstance(e, Neo4jError) else next((c for c in _causes(e) if isinstance(c, Neo4jError)), None)
    if cause is not None:
        return wrap_driver_error(cause)
    code = getattr(e, "code", None)
    log.warning("Neo4j driver error %s (%s): %s", type(e).__name__, code, getattr(e, "message", None) or e)
    if isinstance(e, ConnectionAcquisitionTimeoutError):
        return ServiceBusy("Every database connection is in use; retry shortly.")
    if isinstance(e, AuthError):
        return DatabaseUnavailable("Neo4j refused orgnet's credentials.")
    if isinstance(e, ServiceUnavailable | SessionExpired):
        return DatabaseUnavailable("Neo4j is not reachable.")
    if isinstance(e, Neo4jError) and (code in TIMEOUT_CODES or "TimedOut" in (code or "") or "timed out" in str(e.message or "").lower()):
        return QueryTimeout("The query exceeded its timeout.")
    if isinstance(e, ClientError) and code and code.startswith("Neo.ClientError.Statement.TypeError"):
        return InvalidInput("A parameter has the wrong type for this query.")
    if isinstance(e, TransientError):
        # raised ``from e``: the loader retries when the cause is a TransientError (a deadlock between concurrent batches)
        return DatabaseError("Neo4j reported a TransientError: the statement may succeed if run again.")
    if isinstance(e, Neo4jError):
        return DatabaseError("Neo4j could not run the query.")
    return DatabaseUnavailable("The Neo4j driver failed.")


def _causes(e: BaseException) -> Iterator[BaseException]:
    """The exceptions ``e`` was raised from (``__cause__``, else ``__context__``), nearest first."""
    seen = {id(e)}
    c = e.__cause__ or e.__context__
    while c is not None and id(c) not in seen:
        seen.add(id(c))
        yield c
        c = c.__cause__ or c.__context__


BOOKMARK_TIMEOUT = "Neo.TransientError.Transaction.BookmarkTimeout"
# The metadata key that marks a streamed read (Graph.stream), so that Graph.terminate can find it.
STREAM_TAG = "orgnet_stream"
_BOOKMARKS: weakref.WeakKeyDictionary[Driver, neo4j.api.BookmarkManager] = weakref.WeakKeyDictionary()
"""Per routing driver, the one bookmark manager of every :class:`Graph` on it."""
_HEALTH: weakref.WeakKeyDictionary[Driver, DatabaseHealth] = weakref.WeakKeyDictionary()
"""Per driver, the one health state of every :class:`Graph` on it (a refresh's Graph with its own
timeout learns that Neo4j is down from the request that found out)."""

DEFAULT_WRITE_TIMEOUT_S = 60.0
RETRY_WITHIN_S = 5.0
"""A transaction that failed with a retryable error (a deadlock, a lost connection) runs again
for at most this long after its first try, and never past its deadline."""
FIRST_RETRY_DELAY_S = 0.2
MIN_ACQUIRE_S = 0.05
DEADLINE_SLOP_S = 0.05
"""A connection error this close to a transaction's deadline is the deadline's (the acquisition's
own timeout is set to end there)."""


class Graph:
    """The database as orgnet uses it: keyword-only, parameterised, named database.

    Every transaction has a **client-side deadline**: its timeout (``timeout_s`` for reads,
    ``write_timeout_s`` for writes, also sent to Neo4j as the transaction's own timeout) plus
    the health's ``answer_margin_s``.  Neo4j ends a transaction at its timeout and says so; one it
    has not answered by the deadline (a frozen server) is given up by :mod:`orgnet.graph.watchdog`:
    its connection is closed, never returned to the pool, Neo4j is marked down
    (:class:`DatabaseHealth`) and :class:`~orgnet.errors.DatabaseNoAnswer` raised.  Retryable
    errors are retried within :data:`RETRY_WITHIN_S` and the deadline; a transaction whose COMMIT
    was sent is never run again.
    """

    write_timeout_s: float = DEFAULT_WRITE_TIMEOUT_S

    def __init__(
        self,
        driver: Driver,
        *,
        database: str,
        timeout_s: float,
        health: DatabaseHealth | None = None,
        write_timeout_s: float = DEFAULT_WRITE_TIMEOUT_S,
    ) -> None:
        self.driver = driver
        self.database = database
        self.timeout_s = timeout_s
        self.write_timeout_s = write_timeout_s
        if health is not None:
            _HEALTH[driver] = health
        self.health = _HEALTH.setdefault(driver, DatabaseHealth())
        # Causal consistency (a read right after a write sees it, also on a cluster behind a
        # ``neo4j://`` URI whose reads go to followers): every session of this Graph shares one
        # bookmark manager, so each transaction waits for the bookmarks of those before it.  A
        # direct ``bolt://`` connection reaches one server, where a committed write is visible to
        # the next transaction anyway: no bookmarks, so nothing to go stale when the database is
        # replaced (an offline load gives the new store lower transaction ids than the bookmarks).
        # The manager belongs to the driver, not to this object: a Graph made on the same driver
        # with another timeout (the summaries' refresh, the gap pages' budget) must wait for the
        # same writes, else on a cluster its reads could go to a follower that has not seen them.
        if isinstance(driver, neo4j.Neo4jDriver) and driver not in _BOOKMARKS:
            _BOOKMARKS[driver] = GraphDatabase.bookmark_manager()

    @property
    def bookmarks(self) -> neo4j.api.BookmarkManager | None:
        """The causal-consistency bookmarks shared by every Graph on this driver (``None`` for a
        direct ``bolt://`` driver)."""
        return _BOOKMARKS.get(self.driver)

    @bookmarks.setter
    def bookmarks(self, manager: neo4j.api.BookmarkManager) -> None:
        if isinstance(self.driver, neo4j.Neo4jDriver):
            _BOOKMARKS[self.driver] = manager

    @classmethod
    def from_settings(cls, settings: Settings) -> Graph:
        return cls(
            create_driver(settings),
            database=settings.neo4j_database,
            timeout_s=settings.query_timeout_s,
            write_timeout_s=settings.write_timeout_s,
            health=DatabaseHealth(
                retry_s=settings.neo4j_down_retry_s,
                stall_s=settings.neo4j_connect_timeout_s,
                answer_margin_s=settings.neo4j_answer_margin_s,
                acquire_s=settings.neo4j_acquire_timeout_s,
            ),
        )

    def _wrap(self, e: Exception) -> Exception:
        """``wrap_driver_error``, remembering an unreachable Neo4j in :attr:`health`."""
        wrapped = wrap_driver_error(e)
        if isinstance(e, Neo4jError) and e.code == BOOKMARK_TIMEOUT and self.bookmarks is not None:
            # the database was replaced (its transaction ids started again): the old bookmarks can
            # never be reached, so forget them; the next transaction runs against the new store
            log.warning("Neo4j is behind this process's bookmarks (the database was replaced?): bookmarks reset")
            self.bookmarks = GraphDatabase.bookmark_manager()
        if isinstance(e, ServiceUnavailable | SessionExpired | OSError):
            self.health.mark_down(type(e).__name__)
            wrapped.retry_after_s = max(1, math.ceil(self.health.retry_s))  # type: ignore[attr-defined]  # → Retry-After
        if isinstance(e, IncompleteCommit) and isinstance(wrapped, DatabaseUnavailable):
            wrapped.commit_unknown = True
        return wrapped

    def _no_answer(self, *, overdue: bool, commit_sent: bool, timeout_s: float) -> DatabaseNoAnswer:
        retry = max(1, math.ceil(self.health.retry_s))
        if overdue:
            self.health.mark_down("no answer")
            detail = (
                f"Neo4j did not answer within {timeout_s + self.health.answer_margin_s:g} s (the transaction's timeout of "
                f"{timeout_s:g} s and a margin): the request was given up and its connection closed. Retry in {retry} s."
            )
        else:
            detail = f"Neo4j stopped answering (another transaction got no answer by its deadline): the request was given up. Retry in {retry} s."
        return DatabaseNoAnswer(detail, retry_after_s=retry, commit_unknown=commit_sent)

    def _transaction(self, work: Callable[[neo4j.Transaction], Any], *, write: bool, timeout_s: float, check_health: bool = True, retry: bool = True) -> Any:
        """Run ``work(tx)`` in one transaction and commit it, within the deadline (see the class).

        ``work`` gets an explicit transaction and only runs queries on it (it is typed as the
        managed transaction it used to get): orgnet runs the retries itself, so that none starts
        after the deadline or after a COMMIT was sent.  An exception of ``work`` rolls back and is
        raised as it is; driver errors are wrapped like every other call's."""
        health = self.health
        if check_health:
            health.check()
        started = health.clock()
        begun = time.monotonic()
        ends_at = begun + timeout_s + health.answer_margin_s
        retry_until = min(ends_at, begun + RETRY_WITHIN_S) if retry else begun
        delay = FIRST_RETRY_DELAY_S
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        while True:
            watch: Watch | None = None
            begun_tx = False
            acquire_ends = min(time.monotonic() + health.acquire_s, ends_at)
            try:
                with self.driver.session(
                    database=self.database,
                    default_access_mode=mode,
                    bookmark_manager=self.bookmarks,
                    connection_acquisition_timeout=max(MIN_ACQUIRE_S, acquire_ends - time.monotonic()),
                ) as session:
                    watch = WATCHDOG.watch(functools.partial(shut_socket_of, session), ends_at=ends_at, group=health)
                    with session.begin_transaction(timeout=timeout_s) as tx:
                        begun_tx = True
                        result = work(tx)
                        watch.commit_sent = True
                        tx.commit()
            except Exception as e:
                if watch is not None and watch.fired:
                    raise self._no_answer(overdue=watch.overdue, commit_sent=watch.commit_sent, timeout_s=timeout_s) from e
                # a connection that did not open in time (the handshake of a frozen server) is no
                # answer either; the watchdog had no connection to close, so it is told
                if not begun_tx and isinstance(e, ServiceUnavailable | SessionExpired) and time.monotonic() >= acquire_ends - DEADLINE_SLOP_S:
                    WATCHDOG.fire(health)
                    raise self._no_answer(overdue=True, commit_sent=False, timeout_s=timeout_s) from e
                if not isinstance(e, Neo4jError | DriverError | OSError):
                    raise
                retryable = isinstance(e, Neo4jError | DriverError) and e.is_retryable()
                sent = watch is not None and watch.commit_sent
                if retryable and not sent and time.monotonic() + delay < retry_until:
                    time.sleep(delay * random.uniform(0.8, 1.2))
                    delay *= 2
                    continue
                raise self._wrap(e) from e
            finally:
                if watch is not None:
                    WATCHDOG.forget(watch)
            health.succeeded(started_at=started)
            return result

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, query: str, params: Mapping[str, Any] | None = None, *, timeout_s: float | None = None) -> list[dict[str, Any]]:
        """Run ``query`` in a READ transaction with a timeout; rows as plain dicts."""

        def work(tx: neo4j.Transaction) -> list[dict[str, Any]]:
            return [record_to_native(r) for r in tx.run(query, dict(params or {}))]

        return self._transaction(work, write=False, timeout_s=timeout_s or self.timeout_s)

    def read_with(self, work: Callable[[neo4j.Transaction], Any], *, timeout_s: float | None = None) -> Any:
        """Run ``work(tx)`` in a READ transaction with a timeout and return what it returns (a
        reader that stops early, e.g. after a maximum of rows)."""
        return self._transaction(work, write=False, timeout_s=timeout_s or self.timeout_s)

    @contextlib.contextmanager
    def stream(
        self, query: str, params: Mapping[str, Any] | None = None, *, tag: str, timeout_s: float | None = None, fetch_size: int = 8
    ) -> Iterator[Iterator[list[Any]]]:
        """Run ``query`` in a READ transaction (timeout: ``timeout_s``, else the graph's) and stream its records as
        lists of values, as the caller reads them: a long result is never held whole, and a caller
        that stops reading stops Neo4j (the transaction is rolled back on exit).  ``tag`` marks
        the transaction (its metadata) so that :meth:`terminate` can end it from another thread.
        Values are the driver's (dates are ``neo4j.time`` values: :func:`to_native` them)."""
        self.health.check()
        try:
            with self.driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS, bookmark_manager=self.bookmarks, fetch_size=fetch_size
            ) as s:
                with s.begin_transaction(timeout=timeout_s or self.timeout_s, metadata={STREAM_TAG: tag}) as tx:
                    result = tx.run(query, dict(params or {}))

                    def records() -> Iterator[list[Any]]:
                        try:
                            for record in result:
                                yield record.values()
                        except (Neo4jError, DriverError) as e:
                            raise self._wrap(e) from e

                    yield records()
        except (Neo4jError, DriverError) as e:
            raise self._wrap(e) from e

    def terminate(self, tag: str) -> int:
        """End the transactions of :meth:`stream` marked ``tag`` (a reader stuck waiting on Neo4j
        then gets an error at once); the number ended.  Any user may end its own transactions."""
        rows = self.read(
            "SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData[$key] = $tag "
            "TERMINATE TRANSACTIONS transactionId YIELD transactionId AS ended RETURN count(ended) AS n",
            {"key": STREAM_TAG, "tag": tag},
            timeout_s=5.0,
        )
        return rows[0]["n"] if rows else 0

    def write(self, query: str, params: Mapping[str, Any] | None = None, *, timeout_s: float | None = None) -> dict[str, int]:
        """Run ``query`` in one WRITE transaction (retried on transient errors; timeout: ``timeout_s``, else
        the graph's write timeout); the counters it changed."""

        def work(tx: neo4j.Transaction) -> dict[str, int]:
            summary = tx.run(query, dict(params or {})).consume()
            return {k: v for k, v in vars(summary.counters).items() if isinstance(v, int) and v}

        return self._transaction(work, write=True, timeout_s=timeout_s or self.write_timeout_s)

    def write_many(self, statements: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        """Run several statements in one WRITE transaction: all or nothing."""

        def work(tx: neo4j.Transaction) -> None:
            for query, params in statements:
                tx.run(query, dict(params)).consume()

        self._transaction(work, write=True, timeout_s=self.write_timeout_s)

    def transact(self, work: Callable[[neo4j.ManagedTransaction], Any]) -> Any:
        """Run ``work(tx)`` in one WRITE transaction and return what it returns.

        For writes that must read and decide inside their transaction (a version check under the
        record's lock, an idempotency key).  An :class:`~orgnet.errors.OrgnetError` (or any other
        exception) raised by ``work`` rolls the transaction back and is raised as it is; driver
        errors are wrapped like every other call's.
        """
        return self._transaction(work, write=True, timeout_s=self.write_timeout_s)  # type: ignore[arg-type]  # run() only

    def execute(self, query: str, params: Mapping[str, Any] | None = None, *, read: bool = True) -> list[dict]:
        """``query`` in a READ (or, ``read=False``, WRITE) transaction, routed accordingly on a cluster."""

        def work(tx: neo4j.Transaction) -> list[dict[str, Any]]:
            return [record_to_native(r) for r in tx.run(query, dict(params or {}))]

        return self._transaction(work, write=not read, timeout_s=self.timeout_s if read else self.write_timeout_s)

    def delete_all(self) -> None:
        """Delete every node and relationship, in batches (auto-commit: CALL IN TRANSACTIONS).

        Relationships go first, in their own batches: a DETACH DELETE batch of dense region
        nodes would otherwise carry all their relationships in one transaction's memory.  The
        command line's reset (``orgnet load --replace``): it has no deadline, as it may take minutes.
        """
        try:
            with self.driver.session(database=self.database, bookmark_manager=self.bookmarks) as s:
                s.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS").consume()
                s.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS").consume()
        except (Neo4jError, DriverError) as e:
            raise self._wrap(e) from e

    def ping(self) -> None:
        """Raise :class:`DatabaseUnavailable` unless Neo4j answers ``RETURN 1`` at once (no retry)
        within the read deadline (it does not skip a known-down Neo4j: this is how the health
        state learns that Neo4j is back)."""
        try:
            self._transaction(lambda tx: tx.run("RETURN 1").consume(), write=False, timeout_s=self.timeout_s, check_health=False, retry=False)
        except OrgnetError as e:
            self.health.mark_down(type(e).__name__)
            # the driver's text and repr stay in the log (the cause); the message names no internals
            raise DatabaseUnavailable("Neo4j is not reachable.") from e
        self.health.mark_up()


def batched(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Chunks of at most ``size`` items.

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
