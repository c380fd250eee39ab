"""Neo4j access: one driver per process, reads as READ transactions with a timeout.

Every call names its database; every value reaches Cypher as a parameter.  Driver
errors never escape: they are wrapped in :mod:`orgnet.errors` classes with ``from e``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import neo4j
from neo4j import Driver, GraphDatabase, NotificationMinimumSeverity, RoutingControl, unit_of_work
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConnectionAcquisitionTimeoutError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from orgnet.errors import DatabaseError, DatabaseUnavailable, InvalidInput, QueryTimeout, ServiceBusy
from orgnet.settings import Settings

TIMEOUT_CODES = {
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    "Neo.TransientError.Transaction.LockClientStopped",
}


def create_driver(settings: Settings) -> Driver:
    """The process's driver; with no ``NEO4J_URI`` it points at the local server."""
    return GraphDatabase.driver(
        settings.effective_uri,
        auth=(settings.neo4j_user, settings.effective_password()),
        connection_acquisition_timeout=settings.query_timeout_s + 5,
        max_connection_pool_size=50,
        max_transaction_retry_time=5.0,
        # schema-less labels in count queries are expected; Neo4j's warnings would flood the log
        notifications_min_severity=NotificationMinimumSeverity.OFF,
    )


def wrap_driver_error(e: Exception) -> Exception:
    """Translate a driver exception into orgnet's hierarchy (caller raises it ``from e``)."""
    # A failed result or transaction (ResultFailedError, TransactionError) carries the server's
    # error as its cause: classify that (a timed-out query is a 504, not "unavailable").
    cause = None if isinstance(e, Neo4jError) else next((c for c in _causes(e) if isinstance(c, Neo4jError)), None)
    if cause is not None:
        return wrap_driver_error(cause)
    if isinstance(e, ConnectionAcquisitionTimeoutError):
        return ServiceBusy("Every database connection is in use; retry shortly.")
    if isinstance(e, AuthError):
        return DatabaseUnavailable(f"Neo4j refused the credentials: {e.message}")
    if isinstance(e, ServiceUnavailable | SessionExpired):
        return DatabaseUnavailable(f"Neo4j is not reachable: {e}")
    if isinstance(e, Neo4jError) and (e.code in TIMEOUT_CODES or "TimedOut" in (e.code or "") or "timed out" in str(e.message or "").lower()):
        return QueryTimeout(f"The query exceeded its timeout ({e.code}).")
    if isinstance(e, ClientError) and e.code and e.code.startswith("Neo.ClientError.Statement.TypeError"):
        return InvalidInput(f"A parameter has the wrong type: {e.message}")
    if isinstance(e, Neo4jError):
        return DatabaseError(f"Neo4j error {e.code}: {e.message}")
    return DatabaseUnavailable(f"Neo4j driver error: {e}")


def _causes(e: BaseException) -> Iterator[BaseException]:
    """The exceptions ``e`` was raised from (``__cause__``, else ``__context__``), nearest first."""
    seen = {id(e)}
    c = e.__cause__ or e.__context__
    while c is not None and id(c) not in seen:
        seen.add(id(c))
        yield c
        c = c.__cause__ or c.__context__


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

    def __init__(self, driver: Driver, *, database: str, timeout_s: float) -> None:
        self.driver = driver
        self.database = database
        self.timeout_s = timeout_s

    @classmethod
    def from_settings(cls, settings: Settings) -> Graph:
        return cls(create_driver(settings), database=settings.neo4j_database, timeout_s=settings.query_timeout_s)

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

        try:
            with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as s:
                return s.execute_read(work)
        except (Neo4jError, DriverError) as e:
            raise wrap_driver_error(e) from e

    def write(self, query: str, params: Mapping[str, Any] | None = None) -> dict[str, int]:
        """Run ``query`` in one managed WRITE transaction (retried on transient errors)."""

        def work(tx: neo4j.ManagedTransaction) -> dict[str, int]:
            summary = tx.run(query, dict(params or {})).consume()
            return {k: v for k, v in vars(summary.counters).items() if isinstance(v, int) and v}

        try:
            with self.driver.session(database=self.database) as s:
                return s.execute_write(work)
        except (Neo4jError, DriverError) as e:
            raise wrap_driver_error(e) from e

    def write_many(self, statements: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        """Run several statements in one WRITE transaction: all or nothing."""

        def work(tx: neo4j.ManagedTransaction) -> None:
            for query, params in statements:
                tx.run(query, dict(params)).consume()

        try:
            with self.driver.session(database=self.database) as s:
                s.execute_write(work)
        except (Neo4jError, DriverError) as e:
            raise wrap_driver_error(e) from e

    def execute(self, query: str, params: Mapping[str, Any] | None = None, *, read: bool = True) -> list[dict]:
        """Auto-routed ``execute_query``: ``database_`` and ``routing_`` named on the call."""
        try:
            records, _, _ = self.driver.execute_query(
                query,
                dict(params or {}),
                database_=self.database,
                routing_=RoutingControl.READ if read else RoutingControl.WRITE,
            )
        except (Neo4jError, DriverError) as e:
            raise wrap_driver_error(e) from e
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
            raise wrap_driver_error(e) from e

    def ping(self) -> None:
        try:
            self.driver.verify_connectivity()
        except (Neo4jError, DriverError, OSError) as e:
            raise DatabaseUnavailable(f"Neo4j is not reachable at {self.driver}: {e}") from e


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
