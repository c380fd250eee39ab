"""The one write workflow: parse → validate → one transaction (idempotency key, rows, summaries
marked stale, change records) → refresh the summaries of the regions written.

Every path that writes data goes through here: ``orgnet import`` and ``POST /v1/import``
(:func:`import_bundle`), ``orgnet seed`` / ``orgnet load`` (:func:`load_seed`, :func:`record_offline_load`),
the per-record writes (:func:`create_record`, :func:`end_record`, :func:`void_record`,
:func:`replace_record`) and the applied suggestions (:func:`apply_pairings`).  A write that fails
validation, scope (on every id it names), an overlap or its version check is refused whole:
nothing is written, no change recorded (those two checks: :mod:`orgnet.writes.references`).

It is over 400 lines because every write path shares its steps (validation, scope, the transaction's
bookkeeping, the change record, the refresh): split, each path would restate the order they run in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j

from orgnet.coverage.policy import Policy
from orgnet.coverage.stale import mark_stale_statement
from orgnet.coverage.summaries import SECTION_METRICS, metrics_for_bundle, refresh_after_write, refresh_in_write
from orgnet.errors import Conflict, InvalidInput, NotFound, PreconditionFailed
from orgnet.events import outbox
from orgnet.graph.db import Graph, batched
from orgnet.graph.loader import ImportJob, LoadReport, ProgressCallback, load_bundle, load_stream, statements_for
from orgnet.graph.model import Bundle, Record
from orgnet.graph.validate import check_bundle, parse_bundle
from orgnet.writes import changes, idempotency, references
from orgnet.writes.records import (
    Kind,
    Stored,
    bundle_of,
    get_kind,
    parse_assignment_id,
    read_record,
    read_record_tx,
    record_id_of,
)
from orgnet.writes.references import bundle_item_ids, bundle_region_ids

ScopeCheck = Callable[[list[str]], None]  # raises NotFound (404) unless every region id given is in the caller's scope


@dataclass(frozen=True)
class Author:
    """Who writes, and by which path (recorded on every change)."""

    path: changes.Path
    account: str | None = None
    role: str | None = None

    @property
    def name(self) -> str:
        """Who the change and a void name: the account, else the role (bootstrap tokens, CLI)."""
        return self.account or (f"role:{self.role}" if self.role else self.path)


@dataclass(frozen=True)
class Idempotency:
    key: str
    fingerprint: str


@dataclass
class WriteResult:
    status: int
    body: dict[str, Any]
    metrics: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    replayed: bool = False
    pending: list[str] | None = None  # the metrics whose summaries are left to refresh after the commit (None: all of metrics)
    reach_known: bool = True
    """Whether ``regions`` hold every item whose coverage the write can change (an assignment's
    two ends, a new item's region; not an item changed in place, whose assignments reach further)."""

    @property
    def version(self) -> str | None:
        return self.body.get("version")


def _scope(in_scope: ScopeCheck | None, regions: Sequence[str]) -> None:
    if in_scope is not None:
        in_scope(list(regions))


def _run(tx: neo4j.ManagedTransaction, statements: Iterable[tuple[str, Any]]) -> None:
    for query, params in statements:
        tx.run(query, dict(params)).consume()


def _commit(graph: Graph, *, idem: Idempotency | None, work: Callable[[neo4j.ManagedTransaction], WriteResult], policy: Policy | None) -> WriteResult:
    """Run ``work`` in one transaction behind the idempotency key, then refresh the summaries."""
    if idem is not None:
        replay = idempotency.lookup(graph, key_id=idem.key, fingerprint_=idem.fingerprint)
        if replay is not None:
            return WriteResult(status=replay.status, body=replay.response or {}, replayed=True)

    def in_tx(tx: neo4j.ManagedTransaction) -> WriteResult:
        if idem is not None:
            idempotency.claim(tx, key_id=idem.key, fingerprint_=idem.fingerprint)
        result = work(tx)
        if idem is not None:
            idempotency.store(tx, key_id=idem.key, status=result.status, response=result.body)
        return result

    try:
        result = graph.transact(in_tx)
    except idempotency.Replay as r:  # a concurrent duplicate committed first: nothing written here
        return WriteResult(status=r.status, body=r.response or {}, replayed=True)
    pending = result.metrics if result.pending is None else result.pending
    if policy is not None and pending:
        # committed: from here on the answer is a success whatever happens to the summaries
        after = refresh_after_write(graph, policy=policy, metrics=pending, region_ids=(result.regions or None) if result.reach_known else None)
        in_write = result.body.get("summaries")
        if in_write:  # one report for the write: what its transaction refreshed, then the rest
            after = {**after, "incremental": in_write["incremental"] + after.get("incremental", []), "metrics": result.metrics}
        result.body["summaries"] = after
        if idem is not None:
            idempotency.update(graph, key_id=idem.key, status=result.status, response=result.body)
    return result


def _refreshed(result: WriteResult, report: dict[str, Any] | None) -> WriteResult:
    """``result`` with the report of the refresh its transaction ran (``None``: none ran)."""
    if report is not None:
        result.pending = report.pop("pending")
        result.body["summaries"] = report
    return result


def _check_version(current: Stored, if_match: str | None) -> None:
    if if_match is not None and if_match.strip().strip('"').removeprefix("W/").strip('"') != current.version and if_match.strip() != "*":
        raise PreconditionFailed(
            "The record changed since you read it (If-Match names another version); read it again and retry.",
            current_version=current.version,
            errors=[{"field": "If-Match", "reason": f"the current version is {current.version}"}],
        )


def _validated(kind: Kind, data: dict[str, Any], graph: Graph, *, stored: bool = False) -> tuple[Bundle, Record]:
    """One record through the import's own validation (same rules, same field-level errors).
    ``stored``: a record read back (its void marks and derived properties are not the client's fields)."""
    bundle = parse_bundle(bundle_of(kind, data) if stored else {"format": "orgnet-bundle/1", kind.section: [data]})
    check_bundle(bundle, graph)
    return bundle, getattr(bundle, kind.section)[0]


def _metrics(section: str) -> list[str]:
    return list(SECTION_METRICS.get(section, ()))


def _bookkeeping(
    tx: neo4j.ManagedTransaction,
    *,
    metrics: list[str],
    change_rows: list[dict[str, Any]],
    policy: Policy | None = None,
    regions: Sequence[str] = (),
) -> dict[str, Any] | None:
    """The change record, and the summaries of ``metrics`` marked stale; with a ``policy`` and the
    ``regions`` written, also recomputed here, in the write's own transaction
    (:func:`~orgnet.coverage.summaries.refresh_in_write`: the new coverage commits with the write,
    in three more statements of it instead of a refresh's transactions after it).  Returns that
    refresh's report (its ``pending`` metrics are refreshed after the commit by :func:`_commit`)."""
    refreshed = None
    if metrics and policy is not None and regions:
        refreshed = refresh_in_write(tx, policy=policy, metrics=metrics, region_ids=regions)
    elif metrics:
        _run(tx, [mark_stale_statement(metrics)])
    if change_rows:
        _run(tx, recorded(change_rows))
    return refreshed


def recorded(change_rows: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """The statements that record changes: the audit trail, and their events in the outbox (run in one
    transaction, the write's own where it can: a change and what it triggers commit together)."""
    return [changes.append_statement(change_rows), outbox.enqueue_statement(change_rows)]


# ----------------------------------------------------------------------------- per-record writes


@idempotency.says_what_was_written
def create_record(
    graph: Graph,
    *,
    section: str,
    data: Any,
    author: Author,
    policy: Policy | None,
    in_scope: ScopeCheck | None = None,
    idem: Idempotency | None = None,
) -> WriteResult:
    """Create one record of ``section`` (201); 409 when it exists (an id, or an assignment's ends and ``since``)."""
    kind = get_kind(section)
    if not isinstance(data, dict):
        raise InvalidInput("A record is a JSON object.", errors=[{"field": "body", "reason": "not an object"}])
    _, record = _validated(kind, data, graph)
    rid = record_id_of(kind, record)
    metrics = _metrics(section)

    def work(tx: neo4j.ManagedTransaction) -> WriteResult:
        references.require_in_scope(references.in_tx(tx), in_scope, [(section, [record])])
        if read_record_tx(tx, kind, rid, lock=True) is not None:
            raise Conflict(f"The record {rid} exists already; change it with its own endpoints.", errors=[{"field": "id", "reason": f"{rid} exists"}])
        references.check_overlaps(references.in_tx(tx), [(section, [record])], lock=True)
        _run(tx, statements_for(section, [record]))
        stored = read_record_tx(tx, kind, rid, lock=False)
        assert stored is not None  # written just above, in this transaction
        refreshed = _bookkeeping(
            tx,
            metrics=metrics,
            policy=policy,
            regions=stored.regions,
            change_rows=[
                changes.change(
                    kind=section,
                    action="create",
                    items=[rid],
                    path=author.path,
                    account=author.account,
                    role=author.role,
                    after=stored.record,
                    region_ids=stored.regions,
                )
            ],
        )
        return _refreshed(WriteResult(status=201, body=stored.as_dict(), metrics=metrics, regions=stored.regions), refreshed)

    return _commit(graph, idem=idem, work=work, policy=policy)


def _existing(graph: Graph, kind: Kind, record_id: str, in_scope: ScopeCheck | None) -> Stored:
    """The record, after the scope check (outside it: 404, as for an id that does not exist)."""
    current = read_record(graph, kind, record_id)
    _scope(in_scope, current.regions)
    return current


def _change_locked(
    graph: Graph,
    *,
    kind: Kind,
    record_id: str,
    if_match: str | None,
    author: Author,
    action: str,
    idem: Idempotency | None,
    policy: Policy | None,
    update: Callable[[neo4j.ManagedTransaction, Stored], None],
    reason: str | None = None,
    check: Callable[[Stored], None] | None = None,
) -> WriteResult:
    metrics = _metrics(kind.section)

    def work(tx: neo4j.ManagedTransaction) -> WriteResult:
        current = read_record_tx(tx, kind, record_id, lock=True)  # under its write lock until commit
        if current is None:
            raise NotFound("No such record.")
        _check_version(current, if_match)
        if current.voided:
            raise Conflict(f"The record {record_id} is void; it cannot be changed.", errors=[{"field": "id", "reason": "void"}])
        if check is not None:
            check(current)
        update(tx, current)
        after = read_record_tx(tx, kind, record_id, lock=False)
        assert after is not None
        regions = sorted(set(current.regions) | set(after.regions))
        refreshed = _bookkeeping(
            tx,
            metrics=metrics,
            policy=policy,
            # an item changed in place (void, replace) changes the coverage of the items its
            # assignments reach, in any region: those are refreshed whole after the commit
            regions=regions if kind.is_assignment else (),
            change_rows=[
                changes.change(
                    kind=kind.section,
                    action=action,
                    items=[record_id],
                    path=author.path,
                    account=author.account,
                    role=author.role,
                    before=current.record,
                    after=after.record,
                    reason=reason,
                    region_ids=regions,
                )
            ],
        )
        return _refreshed(WriteResult(status=200, body=after.as_dict(), metrics=metrics, regions=regions, reach_known=kind.is_assignment), refreshed)

    return _commit(graph, idem=idem, work=work, policy=policy)


def _set_statement(kind: Kind, record_id: str, assignments: str, values: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    if kind.is_assignment:
        start, end, since = parse_assignment_id(record_id)
        return f"MATCH {kind.match} SET {assignments.replace('x.', 'r.')}", {"start": start, "end": end, "since": since, **values}
    return f"MATCH (n:{kind.label} {{id: $id}}) SET {assignments.replace('x.', 'n.')}", {"id": record_id, **values}


@idempotency.says_what_was_written
def end_record(
    graph: Graph,
    *,
    section: str,
    record_id: str,
    until: Any,
    author: Author,
    policy: Policy | None,
    if_match: str | None = None,
    in_scope: ScopeCheck | None = None,
    idem: Idempotency | None = None,
) -> WriteResult:
    """End an assignment (its ``until``, the last active day): nothing is erased, coverage before it stays."""
    kind = get_kind(section)
    if not kind.is_assignment:
        raise NotFound(f"{section} are not assignments: they have no end (void one with a reason instead).")
    current = _existing(graph, kind, record_id, in_scope)
    if until is None:  # without it the write would reopen nothing and end nothing, yet record a change
        raise InvalidInput("Say the assignment's last active day.", errors=[{"field": "until", "reason": "required (YYYY-MM-DD)"}])
    _, record = _validated(kind, {**current.record, "until": until}, graph, stored=True)

    def check(now: Stored) -> None:
        if now.record.get("until") is not None and dt.date.fromisoformat(now.record["until"]) <= record.until:  # type: ignore[attr-defined]
            raise Conflict(
                f"The assignment has ended already, on {now.record['until']}.", errors=[{"field": "until", "reason": f"already ended on {now.record['until']}"}]
            )

    def update(tx: neo4j.ManagedTransaction, _current: Stored) -> None:
        _run(tx, [_set_statement(kind, record_id, "x.until = $until", {"until": record.until})])  # type: ignore[attr-defined]

    return _change_locked(
        graph, kind=kind, record_id=record_id, if_match=if_match, author=author, action="end", idem=idem, policy=policy, update=update, check=check
    )


@idempotency.says_what_was_written
def void_record(
    graph: Graph,
    *,
    section: str,
    record_id: str,
    reason: Any,
    author: Author,
    policy: Policy | None,
    if_match: str | None = None,
    in_scope: ScopeCheck | None = None,
    idem: Idempotency | None = None,
) -> WriteResult:
    """Mark a wrong record void (``voided``, ``void_reason``, ``voided_at``, ``voided_by``): it stays,
    and no metric counts it on any day."""
    from orgnet.graph.model import clean_text

    kind = get_kind(section)
    _existing(graph, kind, record_id, in_scope)  # 404 first: a refusal never tells more about a record outside
    try:
        text = clean_text(reason) if isinstance(reason, str) else None
    except ValueError as e:
        raise InvalidInput("A void needs a reason.", errors=[{"field": "reason", "reason": str(e)}]) from e
    if not text or len(text) > 500:
        raise InvalidInput("A void needs a reason (1 to 500 characters).", errors=[{"field": "reason", "reason": "required, 1..500 characters"}])

    def update(tx: neo4j.ManagedTransaction, _current: Stored) -> None:
        _run(
            tx,
            [
                _set_statement(
                    kind,
                    record_id,
                    "x.voided = true, x.void_reason = $reason, x.voided_at = datetime(), x.voided_by = $by",
                    {"reason": text, "by": author.name},
                )
            ],
        )

    return _change_locked(
        graph, kind=kind, record_id=record_id, if_match=if_match, author=author, action="void", idem=idem, policy=policy, update=update, reason=text
    )


@idempotency.says_what_was_written
def replace_record(
    graph: Graph,
    *,
    section: str,
    record_id: str,
    data: Any,
    author: Author,
    policy: Policy | None,
    if_match: str | None = None,
    in_scope: ScopeCheck | None = None,
) -> WriteResult:
    """Replace an item (PUT): the record states the whole item, as in a re-import (moves included)."""
    kind = get_kind(section)
    if kind.is_assignment:
        raise NotFound(f"{section} are assignments: end or void them; create a new one for a new period.")
    current = _existing(graph, kind, record_id, in_scope)  # 404 first, as for every write
    if not isinstance(data, dict):
        raise InvalidInput("A record is a JSON object.", errors=[{"field": "body", "reason": "not an object"}])
    if data.get("id") != record_id:
        raise InvalidInput("The record's id must be the id in the path.", errors=[{"field": "id", "reason": f"must be {record_id}"}])
    _, record = _validated(kind, data, graph)

    def update(tx: neo4j.ManagedTransaction, _current: Stored) -> None:
        references.require_in_scope(references.in_tx(tx), in_scope, [(section, [record])])  # every id it names, where it moves
        _run(tx, statements_for(section, [record]))

    result = _change_locked(graph, kind=kind, record_id=record_id, if_match=if_match, author=author, action="replace", idem=None, policy=policy, update=update)
    result.regions = sorted(set(result.regions) | set(current.regions))
    return result


@idempotency.says_what_was_written
def apply_pairings(
    graph: Graph,
    *,
    pairings: list[Any],
    since: Any,
    author: Author,
    policy: Policy | None,
    in_scope: ScopeCheck | None = None,
    idem: Idempotency | None = None,
) -> WriteResult:
    """Write chosen suggested pairings (cadre → enterprise from ``since``) in one transaction: all or none."""
    kind = get_kind("pairings")
    if not isinstance(pairings, list) or not pairings:
        raise InvalidInput("Choose at least one pairing.", errors=[{"field": "pairings", "reason": "a non-empty list"}])
    rows = [{**p, "since": since} if isinstance(p, dict) else p for p in pairings]
    bundle = parse_bundle({"format": "orgnet-bundle/1", "pairings": rows})
    check_bundle(bundle, graph)
    records = bundle.pairings
    ids = [record_id_of(kind, r) for r in records]
    if len(set(ids)) != len(ids):
        raise InvalidInput("A pairing is chosen twice.", errors=[{"field": "pairings", "reason": "duplicate pairing"}])
    metrics = _metrics("pairings")

    def work(tx: neo4j.ManagedTransaction) -> WriteResult:
        references.require_in_scope(references.in_tx(tx), in_scope, [("pairings", records)])
        for rid in ids:
            if read_record_tx(tx, kind, rid, lock=True) is not None:
                raise Conflict(f"The pairing {rid} exists already.", errors=[{"field": "pairings", "reason": f"{rid} exists"}])
        references.check_overlaps(references.in_tx(tx), [("pairings", records)], lock=True)
        _run(tx, statements_for("pairings", list(records)))
        written = [read_record_tx(tx, kind, rid, lock=False) for rid in ids]
        regions = sorted({g for s in written if s for g in s.regions})
        refreshed = _bookkeeping(
            tx,
            metrics=metrics,
            policy=policy,
            regions=regions,
            change_rows=[
                changes.change(
                    kind="pairings",
                    action="apply",
                    items=[s.id],
                    path=author.path,
                    account=author.account,
                    role=author.role,
                    after=s.record,
                    reason="applied suggestion",
                    region_ids=s.regions,
                )
                for s in written
                if s is not None
            ],
        )
        return _refreshed(WriteResult(status=201, body={"written": [s.as_dict() for s in written if s]}, metrics=metrics, regions=regions), refreshed)

    return _commit(graph, idem=idem, work=work, policy=policy)


# ----------------------------------------------------------------------------- bundles


@dataclass
class ImportOutcome:
    report: LoadReport
    body: dict[str, Any]
    """The answer of ``POST /v1/import``: the report, and ``summaries`` when refreshed here."""
    replayed: bool = False


@idempotency.says_what_was_written
def import_bundle(
    graph: Graph,
    bundle: Bundle,
    *,
    author: Author,
    policy: Policy | None,
    batch_size: int,
    atomic: bool = True,
    allow_new_root: bool = False,
    job: ImportJob | None = None,
    on_batch: ProgressCallback | None = None,
    in_scope: ScopeCheck | None = None,
    idem: Idempotency | None = None,
    source: dict[str, Any] | None = None,
    then: Sequence[tuple[str, Any]] = (),
) -> ImportOutcome:
    """Validate and write a bundle, with one change record for it (``source``: added to its ``after``, e.g. a file's sha256, but ``region_ids``).
    ``then`` (atomic only): statements run after the rows in their transaction (a spreadsheet's keyed 身份证号 hashes).
    ``atomic``: one transaction (idempotency key, rows, stale mark, change); otherwise the loader's journaled batches (``job``) and the change
    after the last one.  With a ``policy`` the summaries are refreshed here, once (atomic: of the regions it reaches, :func:`references.bundle_reach`); without one the caller refreshes (the CLI, with its progress bar).
    """
    metrics = metrics_for_bundle(bundle)
    _scope(in_scope, bundle_region_ids(bundle))
    # recorded under every region it names, those it defines included (the trail is filtered by them)
    regions = sorted(set(bundle_region_ids(bundle)) | {r.id for r in bundle.regions})
    record = changes.change(
        kind="bundle",
        action="import",
        items=bundle_item_ids(bundle),
        path=author.path,
        account=author.account,
        role=author.role,
        after={s: len(r) for s, r in bundle.sections() if r} | {k: v for k, v in (source or {}).items() if k != "region_ids"},
        region_ids=regions + list((source or {}).get("region_ids", [])),
    )
    if not atomic:  # batches, no one transaction: checked just before (the CLI also before its job starts)
        references.require_in_scope(graph.read, in_scope, bundle.sections())
        references.check_overlaps(graph.read, bundle.sections())
        report = load_bundle(
            graph, bundle, batch_size=batch_size, on_batch=on_batch, bookkeeping=[mark_stale_statement(metrics)], allow_new_root=allow_new_root, job=job
        )
        # after its last batch (a batch carries no change): an interrupted import has none, its job says what is written
        written = {s: n for s, n in report.records.items() if n} | ({"job_id": report.job_id} if report.job_id else {})
        graph.write_many(recorded([{**record, "after": changes.as_json(written)}]))
        result = WriteResult(status=200, body=report.as_dict(), metrics=metrics)
    else:
        check = check_bundle(bundle, graph, allow_new_root=allow_new_root)
        report = LoadReport(moves=check.moves)
        statements: list[tuple[str, Any]] = []
        for section, records in bundle.sections():
            for chunk in batched(records, batch_size):
                statements.extend(statements_for(section, chunk))
            report.records[section] = len(records)

        def work(tx: neo4j.ManagedTransaction) -> WriteResult:
            reach = references.bundle_reach(references.in_tx(tx), bundle)  # before the rows: where the named items are now
            _scope(in_scope, reach.named)
            references.check_overlaps(references.in_tx(tx), bundle.sections(), lock=True)
            _run(tx, [*statements, *then])
            _bookkeeping(tx, metrics=metrics, change_rows=[record])
            return WriteResult(status=200, body=report.as_dict(), metrics=metrics, regions=reach.regions, reach_known=reach.known)

        result = _commit(references.import_graph(graph, bundle), idem=idem, work=work, policy=None)
        if result.replayed:
            return ImportOutcome(report=report, body=result.body, replayed=True)
    if policy is not None:  # once for the import: its regions and their ancestors when its reach is known, else whole metrics
        result.body["summaries"] = refresh_after_write(
            graph, policy=policy, metrics=metrics, region_ids=(result.regions or None) if result.reach_known else None
        )
        if idem is not None:
            idempotency.update(graph, key_id=idem.key, status=200, response=result.body)
    return ImportOutcome(report=report, body=result.body)


def load_seed(
    graph: Graph,
    stream: Iterable[tuple[str, list[Record]]],
    *,
    description: str,
    batch_size: int,
    on_batch: ProgressCallback | None = None,
    workers: int = 1,
) -> LoadReport:
    """A seed load (``orgnet seed``, ``orgnet load``): the loader's batches with every summary marked
    stale, and one change (path ``seed``) after the last batch."""
    report = load_stream(graph, stream, batch_size=batch_size, on_batch=on_batch, workers=workers, bookkeeping=[mark_stale_statement(None)])
    record_seed_change(graph, description=description, records=report.records)
    return report


def record_seed_change(graph: Graph, *, description: str, records: dict[str, int], action: str = "seed") -> None:
    graph.write_many(
        recorded([changes.change(kind="bundle", action=action, items=[], path="seed", reason=description, after={k: v for k, v in records.items() if v})])
    )
