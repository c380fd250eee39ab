"""Neo4j access: one driver per process, reads as READ transactions with a timeout.

Every call names its database; every value reaches Cypher as a parameter.  Driver
errors never escape: they are wrapped in :mod:`orgnet.errors` classes with ``from e``.

It is over 400 lines because it is the one place that talks to the driver: connection, health, error wrapping and the read and write helpers belong together.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import logging
import math
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import neo4j
import neo4j.graph
import neo4j.spatial
import neo4j.time
from neo4j import Driver, GraphDatabase, NotificationMinimumSeverity, RoutingControl, unit_of_work
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConnectionAcquisitionTimeoutError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from orgnet.errors import DatabaseDown, DatabaseError, DatabaseUnavailable, InvalidInput, QueryTimeout, ServiceBusy
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
        # the loader retries on this word (a deadlock between concurrent batches)
        return DatabaseError("Neo4j reported a TransientError: the statement may succeed if run again.")
    if isinstance(e, Neo4jError):
        return DatabaseError("Neo4j could not run the query.")
    return DatabaseUnavailable("The Neo4j driver failed.")


class NodeValue(dict):
    """A node from a result, as JSON: ``{"element_id", "labels", "properties"}``.

    A ``dict`` (so it serialises as is) of its own type, so that :mod:`orgnet.graph.privacy`
    knows it is a node and which labels decide what each role may see of it.
    """

    @property
    def labels(self) -> list[str]:
        return self["labels"]

    @property
    def properties(self) -> dict[str, Any]:
        return self["properties"]


class RelationshipValue(dict):
    """A relationship from a result, as JSON: ``{"element_id", "type", "start", "end", "properties"}``;
    ``start`` and ``end`` are the element ids of its nodes (those of the nodes in the same result)."""

    @property
    def type(self) -> str:
        return self["type"]

    @property
    def properties(self) -> dict[str, Any]:
        return self["properties"]


class PathValue(dict):
    """A path from a result, as JSON: ``{"nodes": [...], "relationships": [...]}`` in path order."""

    @property
    def nodes(self) -> list[NodeValue]:
        return self["nodes"]

    @property
    def relationships(self) -> list[RelationshipValue]:
        return self["relationships"]


def _node(n: neo4j.graph.Node) -> NodeValue:
    return NodeValue(element_id=n.element_id, labels=sorted(n.labels), properties={k: to_native(v) for k, v in n.items()})


def _relationship(r: neo4j.graph.Relationship) -> RelationshipValue:
    return RelationshipValue(
        element_id=r.element_id,
        type=r.type,
        start=r.start_node.element_id if r.start_node is not None else None,
        end=r.end_node.element_id if r.end_node is not None else None,
        properties={k: to_native(v) for k, v in r.items()},
    )


def _causes(e: BaseException) -> Iterator[BaseException]:
    """The exceptions ``e`` was raised from (``__cause__``, else ``__context__``), nearest first."""
    seen = {id(e)}
    c = e.__cause__ or e.__context__
    while c is not None and id(c) not in seen:
        seen.add(id(c))
        yield c
        c = c.__cause__ or c.__context__


_PLAIN = frozenset({str, int, bool, type(None)})


def to_native(value: Any) -> Any:
    """Any value Neo4j returns, as a value the API's JSON encoder serialises; recursive.

    Temporal values become :mod:`datetime` ones (ISO 8601 in JSON), a ``Duration`` its ISO 8601
    string (months do not fit a ``timedelta``), a point ``{"srid", "x", "y"[, "z"]}``, bytes
    base64, a float that JSON cannot carry (NaN, ±infinity) ``None``.  Nodes, relationships and
    paths become :class:`NodeValue`, :class:`RelationshipValue` and :class:`PathValue`, never an
    anonymous dict of properties: privacy rules are per label and type.

    >>> to_native([neo4j.time.Date(2020, 3, 31), {"d": neo4j.time.Duration(days=3)}, float("nan"), b"orgnet"])
    [datetime.date(2020, 3, 31), {'d': 'P3D'}, None, 'b3JnbmV0']
    >>> to_native(neo4j.spatial.WGS84Point((117.2, 34.3)))
    {'srid': 4326, 'x': 117.2, 'y': 34.3}
    """
    kind = type(value)  # the common kinds first, by exact type: gap pages convert thousands of values per request
    if kind in _PLAIN:
        return value
    if kind is list:
        return [to_native(v) for v in value]
    if kind is dict:
        return {k: to_native(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, neo4j.graph.Node):
        return _node(value)
    if isinstance(value, neo4j.graph.Relationship):
        return _relationship(value)
    if isinstance(value, neo4j.graph.Path):
        return PathValue(nodes=[_node(n) for n in value.nodes], relationships=[_relationship(r) for r in value.relationships])
    if isinstance(value, neo4j.time.Duration):  # before tuple: a Duration is one
        return value.iso_format()
    if isinstance(value, neo4j.spatial.Point):  # before tuple: a Point is one
        return {"srid": value.srid, **dict(zip("xyz", (to_native(c) for c in value), strict=False))}
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time):
        return value.to_native()
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, list | tuple):
        return [to_native(v) for v in value]
    if isinstance(value, Mapping):
        return {k: to_native(v) for k, v in value.items()}
    return value


def record_to_native(record: neo4j.Record) -> dict[str, Any]:
    """One result row: column → :func:`to_native` value.  (``Record.data()`` would turn nodes
    into bare property dicts and relationships into (start props, type, end props) tuples.)"""
    return {k: to_native(v) for k, v in record.items()}


BOOKMARK_TIMEOUT = "Neo.TransientError.Transaction.BookmarkTimeout"
# The metadata key that marks a streamed read (Graph.stream), so that Graph.terminate can find it.
STREAM_TAG = "orgnet_stream"
_BOOKMARKS: weakref.WeakKeyDictionary[Driver, neo4j.api.BookmarkManager] = weakref.WeakKeyDictionary()
"""Per routing driver, the one bookmark manager of every :class:`Graph` on it."""


class Graph:
    """The database as orgnet uses it: keyword-only, parameterised, named database."""

    def __init__(self, driver: Driver, *, database: str, timeout_s: float, health: DatabaseHealth | None = None) -> None:
        self.driver = driver
        self.database = database
        self.timeout_s = timeout_s
        self.health = health or DatabaseHealth()
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
            health=DatabaseHealth(retry_s=settings.neo4j_down_retry_s, stall_s=settings.neo4j_connect_timeout_s),
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
        return wrapped

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, query: str, params: Mapping[str, Any] | None = None, *, timeout_s: float | None = None) -> list[dict[str, Any]]:
        """Run ``query`` in a READ transaction with a timeout; rows as plain dicts."""

        @unit_of_work(timeout=timeout_s or self.timeout_s)
        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [record_to_native(r) for r in tx.run(query, dict(params or {}))]

        self.health.check()
        try:
            with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS, bookmark_manager=self.bookmarks) as s:
                return s.execute_read(work)
        except (Neo4jError, DriverError) as e:
            raise self._wrap(e) from e

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

    def write(self, query: str, params: Mapping[str, Any] | None = None) -> dict[str, int]:
        """Run ``query`` in one managed WRITE transaction (retried on transient errors)."""

        def work(tx: neo4j.ManagedTransaction) -> dict[str, int]:
            summary = tx.run(query, dict(params or {})).consume()
            return {k: v for k, v in vars(summary.counters).items() if isinstance(v, int) and v}

        self.health.check()
        try:
            with self.driver.session(database=self.database, bookmark_manager=self.bookmarks) as s:
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
            with self.driver.session(database=self.database, bookmark_manager=self.bookmarks) as s:
                s.execute_write(work)
        except (Neo4jError, DriverError) as e:
            raise self._wrap(e) from e

    def transact(self, work: Callable[[neo4j.ManagedTransaction], Any]) -> Any:
        """Run ``work(tx)`` in one managed WRITE transaction and return what it returns.

        For writes that must read and decide inside their transaction (a version check under the
        record's lock, an idempotency key).  An :class:`~orgnet.errors.OrgnetError` (or any other
        exception) raised by ``work`` rolls the transaction back and is raised as it is; driver
        errors are wrapped like every other call's.
        """
        self.health.check()
        try:
            with self.driver.session(database=self.database, bookmark_manager=self.bookmarks) as s:
                return s.execute_write(work)
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
                bookmark_manager_=self.bookmarks,
            )
        except (Neo4jError, DriverError) as e:
            raise self._wrap(e) from e
        return [record_to_native(r) for r in records]

    def delete_all(self) -> None:
        """Delete every node and relationship, in batches (auto-commit: CALL IN TRANSACTIONS).

        Relationships go first, in their own batches: a DETACH DELETE batch of dense region
        nodes would otherwise carry all their relationships in one transaction's memory.
        """
        try:
            with self.driver.session(database=self.database, bookmark_manager=self.bookmarks) as s:
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
