"""Loading bundles: validated first, then written in ``UNWIND`` batches of ``MERGE``.

Loading is idempotent (every write is a MERGE on an id or on a relationship between
ids), so loading the same bundle twice gives the same counts.  An invalid bundle is
refused before anything is written.  ``atomic=True`` writes the whole bundle in one
transaction (the API does this: a client never sees half an import).
"""

from __future__ import annotations

import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from orgnet.errors import DatabaseError
from orgnet.graph.db import Graph, batched
from orgnet.graph.model import LEVELS, Bundle, Record
from orgnet.graph.statements import MARK_SUMMARIES_STALE, REGION_STATEMENTS, SECTION_STATEMENTS
from orgnet.graph.validate import check_bundle

ProgressCallback = Callable[[str, int], None]


@dataclass
class LoadReport:
    records: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    # items a re-import moved (orgnet.graph.validate.ImportCheck): section, id, field, from, to
    moves: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.records.values())

    @property
    def rows_per_second(self) -> float:
        return self.total / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "total": self.total,
            "seconds": round(self.seconds, 3),
            "rows_per_second": round(self.rows_per_second, 1),
            "moves": self.moves,
        }


def _rows(records: Iterable[Record]) -> list[dict[str, Any]]:
    return [r.model_dump(mode="python") for r in records]


def statements_for(section: str, records: list[Record]) -> list[tuple[str, dict[str, Any]]]:
    """The (query, params) pairs that write ``records`` of ``section``."""
    if section != "regions":
        return [(SECTION_STATEMENTS[section], {"rows": _rows(records)})]
    out = []
    for level in LEVELS:  # parents before children
        rows = [r for r in records if r.level == level]  # type: ignore[attr-defined]
        if rows:
            out.append((REGION_STATEMENTS[level], {"rows": _rows(rows), "rank": level.rank}))
    return out


# How many prepared batches may wait while the database writes one (memory: a few UNWIND batches).
PIPELINE_DEPTH = 2
_END = object()


def _units(
    batches: Iterable[tuple[str, list[Record]]], batch_size: int
) -> Iterator[tuple[str, list[tuple[str, dict[str, Any]]], int | None]]:
    """``(section, statements, n)``: statements of one transaction; ``n`` = size of a finished input batch."""
    for section, records in batches:
        if section == "regions":
            # regions are few and must be written level by level across the whole section
            yield section, statements_for(section, records), len(records)
            continue
        chunks = list(batched(records, batch_size)) if len(records) > batch_size else [records] if records else []
        if not chunks:
            yield section, [], 0
        for i, chunk in enumerate(chunks):
            yield section, statements_for(section, chunk), len(records) if i == len(chunks) - 1 else None


def _prefetched(units: Iterator[Any], depth: int) -> Iterator[Any]:
    """Iterate ``units`` in a background thread, ``depth`` items ahead (order kept, errors re-raised).

    The producer (the generator and ``model_dump``) runs while the caller waits on Neo4j, so a
    load costs max(generate, write) instead of their sum; the writes stay sequential and in order.
    """
    q: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: tuple[Any, BaseException | None]) -> bool:
        """Hand ``item`` over unless the consumer has gone (then the producer just ends)."""
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for unit in units:
                if not put((unit, None)):
                    return
            put((_END, None))
        except BaseException as e:  # noqa: BLE001 - handed to the consumer, raised there
            put((_END, e))

    thread = threading.Thread(target=produce, name="orgnet-load-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            unit, error = q.get()
            if unit is _END:
                if error is not None:
                    raise error
                return
            yield unit
    finally:
        stop.set()
        thread.join(timeout=5)


# Sections whose records may reference records of the same section (a parent region, a parent
# organisation): their batches are always written one after the other, in order.
SEQUENTIAL_SECTIONS = frozenset({"regions", "party_orgs"})
DEADLOCK_RETRIES = 5


def _write_unit(graph: Graph, statements: list[tuple[str, dict[str, Any]]], *, concurrent: bool) -> None:
    for query, params in statements:
        for attempt in range(DEADLOCK_RETRIES + 1):
            try:
                graph.write(query, params)
                break
            except DatabaseError as e:
                # two concurrent batches may lock the same region in opposite orders; the loser
                # is rolled back whole by Neo4j and simply runs again (every write is a MERGE)
                if not concurrent or "TransientError" not in e.detail or attempt == DEADLOCK_RETRIES:
                    raise
                time.sleep(0.05 * (attempt + 1))


def load_stream(
    graph: Graph,
    batches: Iterable[tuple[str, list[Record]]],
    *,
    batch_size: int,
    on_batch: ProgressCallback | None = None,
    prefetch: bool = True,
    workers: int = 1,
    stale_metrics: Sequence[str] | None = None,
) -> LoadReport:
    """Write already-validated batches, each ``UNWIND`` batch in its own transaction, in stream order.

    With ``prefetch`` (the default) the next batches are generated and turned into parameters
    in a background thread while Neo4j writes the current one (:func:`_prefetched`).  With
    ``workers=1`` (the default) the transactions run one at a time in this thread, in stream
    order.  With ``workers > 1``, up to that many batches *of one section* are written
    concurrently; a section starts only when the previous one is committed, and
    :data:`SEQUENTIAL_SECTIONS` stay sequential, so every reference still finds its target
    and the graph is the same (every write is a ``MERGE`` on a constraint or between locked
    nodes); only the order of ``on_batch`` calls within a section may differ.

    Before writing, the stored coverage summaries of ``stale_metrics`` (default: all) are marked
    stale; the caller refreshes them afterwards (``orgnet.coverage.summaries.refresh``).
    """
    graph.write(MARK_SUMMARIES_STALE, {"metrics": list(stale_metrics) if stale_metrics is not None else None})
    report = LoadReport()
    start = time.perf_counter()
    units = _units(batches, batch_size)
    stream = _prefetched(units, PIPELINE_DEPTH) if prefetch else units

    def done(section: str, finished: int | None) -> None:
        if finished is not None:
            report.records[section] = report.records.get(section, 0) + finished
            if on_batch:
                on_batch(section, finished)

    try:
        if workers <= 1:
            for section, statements, finished in stream:
                _write_unit(graph, statements, concurrent=False)
                done(section, finished)
        else:
            _load_concurrently(graph, stream, workers, done)
    finally:
        stream.close()  # stops the prefetching thread at once when a write failed
    report.seconds = time.perf_counter() - start
    return report


def _load_concurrently(graph: Graph, stream: Iterator[Any], workers: int, done: Callable[[str, int | None], None]) -> None:
    pending: deque[tuple[Future[None], str, int | None]] = deque()

    def settle(keep: int) -> None:
        """Wait (oldest first) until at most ``keep`` batches are in flight; the first error is raised."""
        error: BaseException | None = None
        while len(pending) > keep or (error is not None and pending):
            future, section, finished = pending.popleft()
            try:
                future.result()
            except BaseException as e:  # noqa: BLE001 - re-raised after the others finished
                error = error or e
                continue
            if error is None:
                done(section, finished)
        if error is not None:
            raise error

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="orgnet-load") as pool:
        current = None
        try:
            for section, statements, finished in stream:
                if section != current or section in SEQUENTIAL_SECTIONS:
                    settle(0)  # a section starts when everything before it is committed
                    current = section
                if section in SEQUENTIAL_SECTIONS:
                    _write_unit(graph, statements, concurrent=False)
                    done(section, finished)
                    continue
                settle(workers - 1)
                pending.append((pool.submit(_write_unit, graph, statements, concurrent=True), section, finished))
            settle(0)
        finally:
            for future, _, _ in pending:
                future.cancel()


def load_bundle(
    graph: Graph,
    bundle: Bundle,
    *,
    batch_size: int,
    atomic: bool = False,
    on_batch: ProgressCallback | None = None,
    stale_metrics: Sequence[str] | None = None,
    allow_new_root: bool = False,
) -> LoadReport:
    """Validate ``bundle`` against itself and the database, then write it (see :func:`load_stream`
    for ``stale_metrics``; with ``atomic`` they are marked in the same transaction).

    The check (:func:`orgnet.graph.validate.check_bundle`, with ``allow_new_root``) is a read just
    before the write; the write statements themselves never change a region's level or parent
    and replace moved relationships, so a concurrent import between the two cannot corrupt the tree.
    """
    check = check_bundle(bundle, graph, allow_new_root=allow_new_root)
    if not atomic:
        report = load_stream(graph, bundle.sections(), batch_size=batch_size, on_batch=on_batch, stale_metrics=stale_metrics)
        report.moves = check.moves
        return report
    start = time.perf_counter()
    statements: list[tuple[str, dict[str, Any]]] = [
        (MARK_SUMMARIES_STALE, {"metrics": list(stale_metrics) if stale_metrics is not None else None})
    ]
    report = LoadReport(moves=check.moves)
    for section, records in bundle.sections():
        for chunk in batched(records, batch_size):
            statements.extend(statements_for(section, chunk))
        report.records[section] = len(records)
    graph.write_many(statements)
    report.seconds = time.perf_counter() - start
    return report
