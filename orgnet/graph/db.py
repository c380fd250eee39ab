"""Neo4j access: one driver per process, reads as READ transactions with a timeout.

Every call names its database; every value reaches Cypher as a parameter.  Driver
errors never escape: they are wrapped in :mod:`orgnet.errors` classes with ``from e``.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import neo4j
from neo4j import Driver, GraphDatabase, NotificationMinimumSeverity, RoutingControl, unit_of_work
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from orgnet.errors import DatabaseDown, DatabaseError, DatabaseUnavailable, InvalidInput, QueryTimeout
from orgnet.settings import Settings

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
        max_transaction_retry_time=5.0,
        # schema-less labels in count queries are expected; Neo4j's warnings would flood the log
        notifications_min_severity=NotificationMinimumSeverity.OFF,
    )


class DatabaseHealth:
    """Whether Neo4j could be reached lately, shared by the calls of one :class:`Graph`.

    Neo4j is *known down* for ``retry_s`` seconds after a call found it unreachable, and while a
    readiness probe (``/ready``) has been waiting on it for more than ``stall_s`` seconds (a frozen or
    hung server accepts connections and never answers).  Calls then fail at once with
    :class:`DatabaseDown` (503 with ``Retry-After``) instead of each waiting for its own timeouts and
    the driver's retries; after ``retry_s`` the next call tries again.

    >>> now = [100.0]
    >>> health = DatabaseHealth(retry_s=5.0, stall_s=2.0, clock=lambda: now[0])
    >>> health.check()
    >>> health.mark_down("connection refused")
    >>> health.check()
    Traceback (most recent call last):
    ...
    orgnet.errors.DatabaseDown: Neo4j is not reachable; the request was not tried. Retry in 5 s.
    >>> now[0] += 5; health.check()  # tried again
    >>> health.probe_started(); now[0] += 3; health.known_down
    True
    >>> health.probe_finished(); health.known_down
    False
    """

    def __init__(self, *, retry_s: float = 5.0, stall_s: float = 5.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.retry_s = retry_s
        self.stall_s = stall_s
        self.clock = clock
        self.down_at: float | None = None
        self.probe_since: float | None = None
        self.reason = ""

    @property
    def known_down(self) -> bool:
        now = self.clock()
        if self.probe_since is not None and now - self.probe_since > self.stall_s:
            return True
        return self.down_at is not None and now - self.down_at < self.retry_s

    def check(self) -> None:
        if self.known_down:
            since = self.down_at if self.down_at is not None else self.clock()
            retry = max(1, math.ceil(self.retry_s - (self.clock() - since)))
            raise DatabaseDown(f"Neo4j is not reachable; the request was not tried. Retry in {retry} s.", retry_after_s=retry)

    def mark_down(self, reason: str) -> None:
        self.down_at = self.clock()
        self.reason = reason

    def mark_up(self) -> None:
        self.down_at = None

    def probe_started(self) -> None:
        self.probe_since = self.clock()

    def probe_finished(self) -> None:
        self.probe_since = None


def wrap_driver_error(e: Exception) -> Exception:
    """Translate a driver exception into orgnet's hierarchy (caller raises it ``from e``)."""
    if isinstance(e, AuthError):
        return DatabaseUnavailable(f"Neo4j refused the credentials: {e.message}")
    if isinstance(e, ServiceUnavailable | SessionExpired):
        return DatabaseUnavailable(f"Neo4j is not reachable: {e}")
    if isinstance(e, Neo4jError) and (e.code in TIMEOUT_CODES or "timed out" in str(e.message or "").lower()):
        return QueryTimeout(f"The query exceeded its timeout ({e.code}).")
    if isinstance(e, ClientError) and e.code and e.code.startswith("Neo.ClientError.Statement.TypeError"):
        return InvalidInput(f"A parameter has the wrong type: {e.message}")
    if isinstance(e, Neo4jError):
        return DatabaseError(f"Neo4j error {e.code}: {e.message}")
    return DatabaseUnavailable(f"Neo4j driver error: {e}")


def to_native(value: Any) -> Any:
    """Neo4j temporal values become Python ones, recursively; graph types become dicts."""
    if isinstance(value, neo4j.time.Date):
        return value.to_native()
    if isinstance(value, neo4j.time.DateTime):
        return value.to_native()
    if isinstance(value, list):
        return [to_native(v) for v in value]
    if isinstance(value, dict):
        return {k: to_native(v) for k, v in value.items()}
    if isinstance(value, neo4j.graph.Node):
        return {k: to_native(v) for k, v in value.items()}
    return value


class Graph:
    """The database as orgnet uses it: keyword-only, parameterised, named database."""

    def __init__(
        self, driver: Driver, *, database: str, timeout_s: float, health: DatabaseHealth | None = None
    ) -> None:
        self.driver = driver
        self.database = database
        self.timeout_s = timeout_s
        self.health = health or DatabaseHealth()

    @classmethod
    def from_settings(cls, settings: Settings) -> Graph:
        return cls(
            create_driver(settings),
            database=settings.neo4j_database,
            timeout_s=settings.query_timeout_s,
            health=DatabaseHealth(retry_s=settings.neo4j_down_retry_s, stall_s=settings.neo4j_connect_timeout_s),
        )

    def _wrap(self, e: Exception) -> Exception:
        """``wrap_driver_error``, remembering an unreachable Neo4j in :attr:`health`."""
        wrapped = wrap_driver_error(e)
        if isinstance(e, ServiceUnavailable | SessionExpired | OSError):
            self.health.mark_down(type(e).__name__)
            wrapped.retry_after_s = max(1, math.ceil(self.health.retry_s))  # type: ignore[attr-defined]  # → Retry-After
        return wrapped

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(
        self, query: str, params: Mapping[str, Any] | None = None, *, timeout_s: float | None = None
    ) -> list[dict[str, Any]]:
        """Run ``query`` in a READ transaction with a timeout; rows as plain dicts."""

        @unit_of_work(timeout=timeout_s or self.timeout_s)
        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [to_native(r.data()) for r in tx.run(query, dict(params or {}))]

        self.health.check()
        try:
            with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as s:
                return s.execute_read(work)
        except (Neo4jError, DriverError) as e:
            raise self._wrap(e) from e

    def write(self, query: str, params: Mapping[str, Any] | None = None) -> dict[str, int]:
        """Run ``query`` in one managed WRITE transaction (retried on transient errors)."""

        def work(tx: neo4j.ManagedTransaction) -> dict[str, int]:
            summary = tx.run(query, dict(params or {})).consume()
            return {k: v for k, v in vars(summary.counters).items() if isinstance(v, int) and v}

        self.health.check()
        try:
            with self.driver.session(database=self.database) as s:
                return s.execute_write(work)
        except (Neo4jError, DriverError) as e:
            raise self._wrap(e) from e

    def write_many(self, statements: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        """Run several statements in one WRITE transaction: all or nothing."""

        def work(tx: neo4j.ManagedTransaction) -> None:
            for query, params in statements:
                tx.run(query, dict(params)).consume()

        self.health.check()
        try:
            with self.driver.session(database=self.database) as s:
                s.execute_write(work)
        except (Neo4jError, DriverError) as e:
            raise self._wrap(e) from e

    def execute(self, query: str, params: Mapping[str, Any] | None = None, *, read: bool = True) -> list[dict]:
        """Auto-routed ``execute_query``: ``database_`` and ``routing_`` named on the call."""
        self.health.check()
        try:
            records, _, _ = self.driver.execute_query(
                query,
                dict(params or {}),
                database_=self.database,
                routing_=RoutingControl.READ if read else RoutingControl.WRITE,
            )
        except (Neo4jError, DriverError) as e:
            raise self._wrap(e) from e
        return [to_native(r.data()) for r in records]

    def delete_all(self) -> None:
        """Delete every node and relationship, in batches (auto-commit: CALL IN TRANSACTIONS).

        Relationships go first, in their own batches: a DETACH DELETE batch of dense region
        nodes would otherwise carry all their relationships in one transaction's memory.
        """
        try:
            with self.driver.session(database=self.database) as s:
                s.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS").consume()
                s.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS").consume()
        except (Neo4jError, DriverError) as e:
            raise self._wrap(e) from e

    def ping(self) -> None:
        """Raise :class:`DatabaseUnavailable` unless Neo4j answers (it does not skip a known-down one:
        this is how the health state learns that Neo4j is back)."""
        try:
            self.driver.verify_connectivity()
        except (Neo4jError, DriverError, OSError) as e:
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


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None
