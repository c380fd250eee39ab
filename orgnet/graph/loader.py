"""Loading bundles: validated first, then written in ``UNWIND`` batches of ``MERGE``.

Loading is idempotent (every write is a MERGE on an id or on a relationship between
ids), so loading the same bundle twice gives the same counts.  An invalid bundle is
refused before anything is written.  ``atomic=True`` writes the whole bundle in one
transaction (the API does this: a client never sees half an import).

Every write transaction ends with the caller's ``bookkeeping`` statements, in the same transaction
as its rows: the write workflow (:mod:`orgnet.writes.workflow`) passes the statement that marks the
coverage summaries stale (:mod:`orgnet.coverage.stale`); this module knows nothing of summaries.

A batched import of a bundle file is a **journaled job** (:class:`ImportJob`): an
``(:ImportJob)`` node records the rows and batches committed, updated in the same transaction
as each batch, so an interrupted import is known exactly (``/ready``, ``orgnet summaries
status``, ``orgnet import`` on rerun) and a rerun of the same file resumes after the last
committed batch.  The running process holds the job by a **lease** (``lease_until``, Neo4j's
clock) that each batch and a heartbeat renew: a process that died (killed, its machine gone)
stops renewing it, and once it has run out the job reads ``interrupted``; another run may then
take it over, never while the lease holds.

It is over 400 lines because checking, batching, marking summaries stale and reporting one import are one workflow (issue 11 moves that workflow out of graph/).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import queue
import shlex
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from neo4j.exceptions import TransientError

from orgnet.errors import Conflict, DatabaseError, ImportIncomplete, OrgnetError
from orgnet.graph.db import Graph, batched
from orgnet.graph.model import LEVELS, Bundle, Record
from orgnet.graph.statements import REGION_STATEMENTS, SECTION_STATEMENTS
from orgnet.graph.validate import check_bundle

log = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int], None]


Statement = tuple[str, Mapping[str, Any]]


@dataclass
class LoadReport:
    records: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    # items a re-import moved (orgnet.graph.validate.ImportCheck): section, id, field, from, to
    moves: list[dict[str, Any]] = field(default_factory=list)
    resumed_rows: int = 0
    """Rows an earlier, interrupted run of the same import had committed (skipped by this one)."""
    job_id: str | None = None

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
            **({"resumed_rows": self.resumed_rows} if self.resumed_rows else {}),
            **({"job_id": self.job_id} if self.job_id else {}),
        }


# ----------------------------------------------------------------------------- import jobs

JOB_LABEL = "ImportJob"


@dataclass
class ImportJob:
    """The journal of one batched import (an ``(:ImportJob)`` node).

    ``committed_units``/``committed_rows`` are set in the same transaction as each batch, so
    they are exactly what the graph holds of this import.  ``status``: ``running`` (its process
    holds the lease), ``interrupted`` (stopped by an error, or its process died: the lease ran
    out), ``done``.  ``resume`` is the command that completes it.
    """

    id: str
    source: str
    sha256: str
    total_rows: int
    batch_size: int
    status: str = "running"
    committed_rows: int = 0
    committed_units: int = 0
    started_at: str | None = None
    updated_at: str | None = None
    """When its last batch committed: a ``running`` job whose last batch is old was killed."""
    finished_at: str | None = None
    owner: str | None = None
    """The process that holds (or last held) the job: ``host pid N``."""
    lease_until: str | None = None
    lease_s: float = 60.0
    resume: str | None = None
    reason: str | None = None
    """Why an ``interrupted`` job stopped, when its process died (it could not say so itself)."""

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ImportJob:
        times = ("started_at", "updated_at", "finished_at", "lease_until")
        at = {k: row.get(k).isoformat() if hasattr(row.get(k), "isoformat") else row.get(k) for k in times}
        lapsed = row["status"] == "running" and row.get("lease_lapsed") is not False
        return cls(
            id=row["id"],
            source=row["source"],
            sha256=row["sha256"],
            total_rows=row["total_rows"],
            batch_size=row["batch_size"],
            status="interrupted" if lapsed else row["status"],
            committed_rows=row["committed_rows"],
            committed_units=row["committed_units"],
            owner=row.get("owner"),
            lease_s=row.get("lease_s") or 60.0,
            resume=row.get("resume") or resume_command(row["source"]),
            reason=f"its process ({row.get('owner') or 'unknown'}) stopped renewing its lease: it died or was killed" if lapsed else None,
            **at,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "sha256": self.sha256,
            "status": self.status,
            "committed_rows": self.committed_rows,
            "total_rows": self.total_rows,
            "batch_size": self.batch_size,
            "started_at": self.started_at,
            "updated_at": self.updated_at,
            "finished_at": self.finished_at,
            "owner": self.owner,
            "lease_until": self.lease_until,
            **({"reason": self.reason} if self.reason else {}),
            "resume": self.resume,
        }

    def describe(self) -> str:
        return f"{self.source}: {self.committed_rows:,} of {self.total_rows:,} rows written ({self.status}, started {self.started_at})"


def resume_command(source: str) -> str:
    """The command that completes an import of ``source`` (a rerun resumes after its last committed batch)."""
    return f"orgnet import {shlex.quote(os.path.abspath(source))}"


def _owner() -> str:
    return f"{socket.gethostname()} pid {os.getpid()}"


_JOB_FIELDS = (
    "j.id AS id, j.source AS source, j.sha256 AS sha256, j.total_rows AS total_rows, j.batch_size AS batch_size, "
    "j.status AS status, j.committed_rows AS committed_rows, j.committed_units AS committed_units, "
    "j.started_at AS started_at, j.updated_at AS updated_at, j.finished_at AS finished_at, "
    "j.owner AS owner, j.lease_until AS lease_until, j.lease_s AS lease_s, j.resume AS resume, "
    # a job written before leases existed has none: running without a lease is a process gone long ago
    "coalesce(j.lease_until < datetime(), true) AS lease_lapsed"
)
RENEW = "j.lease_until = datetime() + duration({milliseconds: toInteger($lease_s * 1000)})"


def unfinished_imports(graph: Graph, *, limit: int = 20) -> list[dict[str, Any]]:
    """The batched imports not finished (interrupted, or killed while running), oldest first, at most ``limit``."""
    rows = graph.read(f"MATCH (j:{JOB_LABEL}) WHERE j.status <> 'done' RETURN {_JOB_FIELDS} ORDER BY j.started_at, j.id LIMIT $limit", {"limit": limit})
    return [ImportJob.from_row(r).as_dict() for r in rows]


def start_import_job(graph: Graph, *, source: str, sha256: str, total_rows: int, batch_size: int, lease_s: float = 60.0) -> ImportJob:
    """The unfinished job of the same content (``sha256``) to resume, or a new one; either way
    held by this process under a lease of ``lease_s`` seconds (:class:`LeaseKeeper` renews it).

    A job is resumed with its own ``batch_size``, so that its batches are the same as before.  A
    job whose lease still holds is running in another process: :class:`~orgnet.errors.Conflict`.
    """
    owner, resume = _owner(), resume_command(source)
    rows = graph.read(
        f"MATCH (j:{JOB_LABEL} {{sha256: $sha256}}) WHERE j.status <> 'done' RETURN {_JOB_FIELDS} ORDER BY j.started_at DESC LIMIT 1",
        {"sha256": sha256},
    )
    if rows:
        found = ImportJob.from_row(rows[0])
        # taken over only if nobody holds it: checked again under the node's write lock
        taken = graph.write(
            f"MATCH (j:{JOB_LABEL} {{id: $id}}) WHERE j.status <> 'running' OR coalesce(j.lease_until < datetime(), true) "
            f"SET j.status = 'running', j.owner = $owner, j.lease_s = $lease_s, j.resume = $resume, {RENEW}",
            {"id": found.id, "owner": owner, "lease_s": lease_s, "resume": resume},
        )
        if not taken.get("properties_set"):
            raise Conflict(
                f"An import of the same content is running ({found.owner}; its lease runs until {found.lease_until}): "
                f"{found.describe()}. Wait for it to finish, or stop it and rerun this import once its lease has run out."
            )
        found.status, found.owner, found.lease_s, found.resume = "running", owner, lease_s, resume
        return found
    job = ImportJob(
        id=str(uuid.uuid4()), source=source, sha256=sha256, total_rows=total_rows, batch_size=batch_size, owner=owner, lease_s=lease_s, resume=resume
    )
    graph.write(
        f"CREATE (j:{JOB_LABEL} {{id: $id, source: $source, sha256: $sha256, total_rows: $total_rows, batch_size: $batch_size, "
        "status: 'running', committed_rows: 0, committed_units: 0, started_at: datetime(), owner: $owner, lease_s: $lease_s, resume: $resume}) "
        f"SET {RENEW}",
        {
            "id": job.id,
            "source": source,
            "sha256": sha256,
            "total_rows": total_rows,
            "batch_size": batch_size,
            "owner": owner,
            "lease_s": lease_s,
            "resume": resume,
        },
    )
    job.started_at = dt.datetime.now(dt.UTC).isoformat()
    return job


class LeaseKeeper:
    """Renews a job's lease every third of it from a thread of its own while the import runs (a
    batch renews it too, but one batch may take longer than the lease).  A renewal that fails
    (Neo4j away) is logged and tried again at the next beat: the lease runs out only if they all do."""

    def __init__(self, graph: Graph, job: ImportJob) -> None:
        self.graph, self.job = graph, job
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="orgnet-import-lease", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _beat(self) -> None:
        while not self._stop.wait(self.job.lease_s / 3):
            try:
                self.graph.write(
                    f"MATCH (j:{JOB_LABEL} {{id: $job}}) WHERE j.status = 'running' AND j.owner = $owner SET {RENEW}",
                    {"job": self.job.id, "owner": self.job.owner, "lease_s": self.job.lease_s},
                )
            except OrgnetError as e:
                log.warning("import job %s: its lease was not renewed (%s); trying again in %.0f s", self.job.id, e.detail, self.job.lease_s / 3)


JOB_PROGRESS = f"""
MATCH (j:{JOB_LABEL} {{id: $job}})
SET j.committed_units = $units, j.committed_rows = $rows, j.status = 'running', j.updated_at = datetime(), {RENEW}
"""


def _set_job_status(graph: Graph, job: ImportJob, status: str) -> None:
    graph.write(
        f"MATCH (j:{JOB_LABEL} {{id: $job}}) SET j.status = $status, j.finished_at = CASE WHEN $status = 'done' THEN datetime() END",
        {"job": job.id, "status": status},
    )
    job.status = status


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
    batches: Iterable[tuple[str, list[Record]]], batch_size: int, *, skip: int = 0
) -> Iterator[tuple[str, list[tuple[str, dict[str, Any]]] | None, int]]:
    """``(section, statements, rows)``: the statements of one transaction and the rows it writes.

    The first ``skip`` units (committed by an earlier run of the same import) come with
    ``statements=None``: not prepared, not written.  Units are numbered the same way on every run
    of the same bundle and batch size, which is what makes a resumed import exact.
    """
    k = 0  # numbers the units that write something
    for section, records in batches:
        if not records:
            yield section, [], 0  # reported (0 records), never written
            continue
        if section == "regions":
            # regions are few and must be written level by level across the whole section
            chunks = [records]
        else:
            chunks = list(batched(records, batch_size)) if len(records) > batch_size else [records]
        for chunk in chunks:
            yield section, None if k < skip else statements_for(section, chunk), len(chunk)
            k += 1


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
    """One transaction: the unit's rows, then its bookkeeping (stale mark, journal)."""
    for attempt in range(DEADLOCK_RETRIES + 1):
        try:
            graph.write_many(statements)
            return
        except DatabaseError as e:
            # two concurrent batches may lock the same region in opposite orders; the loser
            # is rolled back whole by Neo4j and simply runs again (every write is a MERGE)
            if not concurrent or not isinstance(e.__cause__, TransientError) or attempt == DEADLOCK_RETRIES:
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
    bookkeeping: Sequence[Statement] = (),
    job: ImportJob | None = None,
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

    ``on_batch(section, rows)`` is called after each transaction *committed*, with its rows.

    ``bookkeeping``: statements run at the end of every transaction, after its rows (the write
    workflow marks the coverage summaries stale this way).

    ``job`` (sequential only): the import's journal, advanced in each batch's transaction; the
    batches an earlier run committed are skipped.  An error stops the load, marks the job
    ``interrupted`` and is raised as :class:`~orgnet.errors.ImportIncomplete` saying how much
    is written.
    """
    if job is not None and workers > 1:
        raise ValueError("a journaled import is written sequentially (workers=1)")
    mark = list(bookkeeping)
    report = LoadReport(job_id=job.id if job else None)
    start = time.perf_counter()
    skip = job.committed_units if job else 0
    units = _units(batches, batch_size, skip=skip)
    stream = _prefetched(units, PIPELINE_DEPTH) if prefetch else units
    journal = {"units": skip, "rows": job.committed_rows if job else 0}  # what is committed, as the job node says
    lease = LeaseKeeper(graph, job) if job is not None else None

    def done(section: str, rows: int) -> None:
        report.records[section] = report.records.get(section, 0) + rows
        if on_batch and rows:
            on_batch(section, rows)

    if lease is not None:
        lease.start()
    try:
        if workers <= 1:
            for section, statements, rows in stream:
                if statements is None:  # committed by an earlier run of this import
                    report.records[section] = report.records.get(section, 0) + rows
                    report.resumed_rows += rows
                    continue
                if job is not None and statements:
                    progress = (JOB_PROGRESS, {"job": job.id, "units": journal["units"] + 1, "rows": journal["rows"] + rows, "lease_s": job.lease_s})
                    _write_unit(graph, [*statements, *mark, progress], concurrent=False)
                    journal["units"] += 1
                    journal["rows"] += rows
                elif statements:
                    _write_unit(graph, [*statements, *mark], concurrent=False)
                done(section, rows)
        else:
            _load_concurrently(graph, stream, workers, done, mark)
    except BaseException as e:
        if job is None:
            raise
        job.committed_rows, job.committed_units = journal["rows"], journal["units"]
        try:
            _set_job_status(graph, job, "interrupted")
        except OrgnetError:
            log.warning("import job %s: could not record its interruption (the database is unavailable)", job.id)
        log.warning("import job %s interrupted: %s", job.id, job.describe())
        if not isinstance(e, Exception):
            raise
        raise ImportIncomplete(
            f"partial: {job.committed_rows:,} of {job.total_rows:,} rows written; rerun the same import to complete it "
            f"(`{job.resume}` resumes after the last committed batch). Cause: {getattr(e, 'detail', type(e).__name__)}"
        ) from e
    finally:
        stream.close()  # stops the prefetching thread at once when a write failed
        if lease is not None:
            lease.stop()
    if job is not None:
        _set_job_status(graph, job, "done")
        job.committed_rows = job.total_rows
    report.seconds = time.perf_counter() - start
    return report


def _load_concurrently(graph: Graph, stream: Iterator[Any], workers: int, done: Callable[[str, int], None], mark: list[Statement]) -> None:
    pending: deque[tuple[Future[None], str, int]] = deque()

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
                if not statements:
                    done(section, finished)
                    continue
                if section in SEQUENTIAL_SECTIONS:
                    _write_unit(graph, [*statements, *mark], concurrent=False)
                    done(section, finished)
                    continue
                settle(workers - 1)
                pending.append((pool.submit(_write_unit, graph, [*statements, *mark], concurrent=True), section, finished))
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
    bookkeeping: Sequence[Statement] = (),
    allow_new_root: bool = False,
    job: ImportJob | None = None,
) -> LoadReport:
    """Validate ``bundle`` against itself and the database, then write it (see :func:`load_stream`
    for ``bookkeeping`` and ``job``; with ``atomic`` everything is one transaction).

    The check (:func:`orgnet.graph.validate.check_bundle`, with ``allow_new_root``) is a read just
    before the write; the write statements themselves never change a region's level or parent
    and replace moved relationships, so a concurrent import between the two cannot corrupt the tree.
    """
    check = check_bundle(bundle, graph, allow_new_root=allow_new_root)
    if not atomic:
        report = load_stream(
            graph,
            bundle.sections(),
            batch_size=job.batch_size if job else batch_size,
            on_batch=on_batch,
            bookkeeping=bookkeeping,
            job=job,
        )
        report.moves = check.moves
        return report
    start = time.perf_counter()
    statements: list[tuple[str, dict[str, Any]]] = []
    report = LoadReport(moves=check.moves)
    for section, records in bundle.sections():
        for chunk in batched(records, batch_size):
            statements.extend(statements_for(section, chunk))
        report.records[section] = len(records)
    statements.extend(bookkeeping)
    graph.write_many(statements)
    report.seconds = time.perf_counter() - start
    return report
