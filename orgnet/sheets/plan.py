"""The dry run of a spreadsheet import, and its commit through the bundle import.

The dry run (:func:`dry_run`) says of every row whether it will be **added**, **changed**, left
**unchanged** or is **refused**, and why, at its cell:

1. each row on its own (:func:`orgnet.sheets.rows.typed_rows`: cell types, the model's rules);
   a member row without an id takes the id of the member holding its 身份证号's keyed hash
   (:func:`match_by_id_number`), else of the one member of that name in that village
   (:func:`match_by_name`); several candidates refuse the row, naming their ids;
2. a row whose record (id, or an assignment's ends and start day) came earlier in the file is a
   duplicate, refused naming the earlier row;
3. the bundle's rules against the database (:func:`orgnet.graph.validate.check_bundle`: references
   to ids that exist nowhere, a cadre's level, ...), refusing the rows they name, until none is left;
4. scope: the regions of a row (its own region, those of the items it refers to, and for a record
   that exists, where it is now) must all be in the caller's scope, else it is refused;
5. what is stored: a row equal to its stored record (compared as the model reads both) is
   unchanged, else changed; a row with no stored record is added.

The commit (:func:`commit`) writes the added and changed rows as one bundle through
:func:`orgnet.writes.workflow.import_bundle`: one transaction, one change record (naming the file,
its sha256 and the counts), the summaries refreshed for the metrics the sections touch.  Unchanged
and refused rows are not written, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from orgnet.errors import InvalidInput
from orgnet.graph.db import Graph, to_native
from orgnet.graph.model import SECTION_MODELS, Bundle, clean_text
from orgnet.graph.validate import check_bundle
from orgnet.sheets import identity
from orgnet.sheets.export import node_props
from orgnet.sheets.reader import Workbook
from orgnet.sheets.rows import Row, finish, typed_rows
from orgnet.sheets.templates import RefusedRow
from orgnet.writes import workflow
from orgnet.writes.records import KINDS, _as_record, region_of
from orgnet.writes.references import named

STATUSES = ("added", "changed", "unchanged", "refused")
MAX_REPORTED = 2_000  # refused rows listed in a dry run's answer (all are in the error workbook)
OutsideScope = Callable[[list[str]], list[str]]
"""The ids among the regions given that lie outside the caller's scope (unknown ones included)."""


@dataclass
class Plan:
    book: Workbook
    rows: list[Row]
    regions: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for row in self.rows:
            out.setdefault(row.section, dict.fromkeys(STATUSES, 0))[row.status or "refused"] += 1
        return out

    @property
    def to_write(self) -> list[Row]:
        return [r for r in self.rows if r.status in ("added", "changed")]

    def bundle(self) -> Bundle:
        sections: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in self.to_write:
            sections[row.section].append(row.record)  # type: ignore[arg-type]
        return Bundle.model_validate({"format": "orgnet-bundle/1", **sections})

    def refused(self) -> list[Row]:
        return [r for r in self.rows if r.status == "refused"]

    def as_dict(self) -> dict[str, Any]:
        refused = [{"sheet": r.sheet.name, "row": r.number, **x.as_dict()} for r in self.refused() for x in r.refusals]  # every problem of every refused row
        return {
            "file": self.book.filename,
            "sha256": self.book.sha256,
            "dry_run_id": self.book.sha256,
            "rows": len(self.rows),
            "sections": self.counts(),
            "refused": refused[:MAX_REPORTED],
            "refused_total": len(refused),
            "notes": self.book.notes,
        }

    def refused_rows(self) -> dict[str, list[RefusedRow]]:
        """The refused rows as the error workbook shows them, by section."""
        out: dict[str, list[RefusedRow]] = defaultdict(list)
        for r in self.refused():
            reasons = [f"{x.cell} {x.zh} ({x.en})" for x in r.refusals]
            cells = {k: v for k, v in r.sheet.values(r.raw).items() if k != identity.FIELD}  # a 身份证号 is never written back
            out[r.section].append(RefusedRow(cells, reasons, frozenset(x.field for x in r.refusals)))
        return out


def dry_run(graph: Graph, book: Workbook, *, outside_scope: OutsideScope | None = None, id_key: bytes | None = None) -> Plan:
    """``id_key``: the key of the 身份证号 hashes (``Settings.effective_id_number_secret``)."""
    rows = typed_rows(book, id_key)
    match_by_id_number(graph, rows)
    match_by_name(graph, rows)
    _duplicates(rows)
    _bundle_rules(graph, rows)
    stored = _stored(graph, [r for r in rows if r.status is None])
    regions = _scope(graph, [r for r in rows if r.status is None], stored, outside_scope)
    hashes = identity.stored(graph, [r.key for r in rows if r.status is None and r.id_hash and r.key])  # type: ignore[misc]
    for row in rows:
        if row.status is None:
            before = stored.get((row.section, row.key))  # type: ignore[arg-type]
            same = before is not None and _same(row.section, row.record, before[0]) and (row.id_hash is None or hashes.get(row.key) == row.id_hash)  # type: ignore[arg-type]
            row.status = "added" if before is None else ("unchanged" if same else "changed")
    return Plan(book=book, rows=rows, regions=regions)


MATCH_NAMES = """
UNWIND $rows AS r
OPTIONAL MATCH (:Region {id: r.region})<-[:LIVES_IN]-(m:PartyMember {name: r.name})
WITH r, m ORDER BY m.id
RETURN r.i AS i, [x IN collect(m.id) WHERE x IS NOT NULL] AS ids
"""


def new_member_id(name: str, region_id: str) -> str:
    """The id of a member first seen without one: the same name and village give the same id.

    >>> new_member_id("张三", "320321-001-001") == new_member_id("张三", "320321-001-001") != new_member_id("张三", "320321-001-002")
    True
    """
    return "pm-" + hashlib.sha256(f"{region_id}|{name}".encode()).hexdigest()[:16]


def match_by_id_number(graph: Graph, rows: list[Row]) -> None:
    """Rows with a 身份证号 (its keyed hash): without an id, they take the id of the member holding
    that hash; with one, they are refused when the hash is another member's.  A hash held by
    several members, or repeated by another row of the file for another member, refuses the row."""
    waiting = [r for r in rows if r.status is None and r.id_hash is not None and r.record is not None]
    found = identity.match(graph, [r.id_hash for r in waiting])  # type: ignore[misc]
    first: dict[str, Row] = {}
    for row in waiting:
        ids = found.get(row.id_hash, [])  # type: ignore[arg-type]
        earlier = first.setdefault(row.id_hash, row)  # type: ignore[arg-type]
        if earlier is not row and (row.key is None or earlier.key != row.key):
            row.refuse(identity.FIELD, f"身份证号与第 {earlier.number} 行相同", f"the same identity card number as row {earlier.number}")
        elif len(ids) > 1:
            row.refuse(
                identity.FIELD,
                f"该身份证号对应 {len(ids)} 名党员, 请填写党员编号: {'、'.join(ids[:10])}",
                f"ambiguous: {len(ids)} members hold that identity card number: {', '.join(ids[:10])}",
            )
        elif row.key is not None and ids and row.key not in ids:
            row.refuse(identity.FIELD, f"该身份证号已属于党员 {ids[0]}", f"that identity card number belongs to member {ids[0]}")
        elif row.key is None and ids:
            finish(row, {**(row.record or {}), "id": ids[0]})


def match_by_name(graph: Graph, rows: list[Row]) -> None:
    """Rows without an id (:data:`~orgnet.sheets.rows.MATCHED_BY_NAME`) take the id of the one member
    of that name living in that village, or a new one (:func:`new_member_id`); several candidates
    refuse the row, naming their ids."""
    waiting = [r for r in rows if r.status is None and r.key is None and r.record is not None]
    asked = []
    for i, row in enumerate(waiting):
        try:
            asked.append({"i": i, "name": clean_text(str(row.record["name"])), "region": row.record["region_id"]})  # type: ignore[index]
        except ValueError:
            finish(row, row.record)  # type: ignore[arg-type]  # the model says why
    for found in graph.read(MATCH_NAMES, {"rows": asked}) if asked else []:
        row = waiting[found["i"]]
        ids = found["ids"]
        if len(ids) > 1:
            row.refuse(
                "name",
                f"同村有 {len(ids)} 名同名党员, 请填写党员编号: {'、'.join(ids[:10])}",
                f"ambiguous: {len(ids)} members of that name live there: {', '.join(ids[:10])}",
            )
            continue
        record = dict(row.record or {})
        record["id"] = ids[0] if ids else new_member_id(clean_text(str(record["name"])), record["region_id"])
        finish(row, record)


def _duplicates(rows: list[Row]) -> None:
    seen: dict[tuple[str, str], Row] = {}
    for row in rows:
        if row.status is not None or row.key is None:
            continue
        first = seen.setdefault((row.section, row.key), row)
        if first is not row:
            where = f"{first.sheet.name}!{first.number}"
            field_name = "id" if "id" in row.sheet.section.fields else "since"
            row.refuse(field_name, f"与第 {first.number} 行({where})重复", f"duplicate of row {first.number} ({where})")


def _bundle_rules(graph: Graph, rows: list[Row]) -> None:
    for _ in range(5):  # a refused row may leave another without what it referred to
        candidates = [r for r in rows if r.status is None]
        by_section: dict[str, list[Row]] = defaultdict(list)
        for row in candidates:
            by_section[row.section].append(row)
        if not candidates:
            return
        bundle = Bundle.model_validate({"format": "orgnet-bundle/1", **{s: [r.record for r in rs] for s, rs in by_section.items()}})
        try:
            check_bundle(bundle, graph)
            return
        except InvalidInput as e:
            problems = e.errors
        refused_any = False
        for p in problems:
            if p.get("index") is None or p.get("section") not in by_section:
                continue
            row = by_section[p["section"]][p["index"]]
            reason = str(p.get("reason", ""))
            value = (row.record or {}).get(p.get("field") or "")
            zh = f"编号 {value} 不存在" if "neither in the bundle nor in the database" in reason else "不符合导入规则"
            row.refuse(p.get("field"), zh, reason)
            refused_any = True
        if not refused_any:
            raise InvalidInput("The spreadsheet's records break a rule of the bundle import.", errors=problems)


def _stored(graph: Graph, rows: list[Row]) -> dict[tuple[str, str], tuple[dict[str, Any], list[str]]]:
    """The stored records the rows name: ``(section, key) -> (record, regions)``."""
    out: dict[tuple[str, str], tuple[dict[str, Any], list[str]]] = {}
    by_section: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_section[row.section].append(row)
    for section, srows in by_section.items():
        kind = KINDS[section]
        if not kind.is_assignment:
            query = (
                f"UNWIND $keys AS key MATCH (n:{kind.label} {{id: key}}) RETURN key, {node_props(kind.label)} AS props, null AS start, null AS end, "
                f"[] AS start_labels, [] AS end_labels, [x IN [{region_of('n')}] WHERE x IS NOT NULL] AS regions"
            )
            params: list[Any] = sorted({r.key for r in srows})  # type: ignore[type-var]
        else:
            match = kind.match.replace("$start", "k.start").replace("$end", "k.end").replace("$since", "date(k.since)")  # type: ignore[union-attr]
            query = (
                f"UNWIND $keys AS k MATCH {match} RETURN k.key AS key, properties(r) AS props, s.id AS start, e.id AS end, "
                f"labels(s) AS start_labels, labels(e) AS end_labels, [x IN [{region_of('s')}, {region_of('e')}] WHERE x IS NOT NULL] AS regions"
            )
            params = [
                {"key": r.key, "start": r.record[kind.start_field], "end": r.record[kind.end_field], "since": r.record["since"]}  # type: ignore[index]
                for r in srows
            ]
        for found in graph.read(query, {"keys": params}):
            record = _as_record(kind, found["props"], found["start"], found["end"], found["start_labels"], found["end_labels"])
            out[(section, found["key"])] = (record, list(found["regions"]))
    return out


def _normal(section: str, record: dict[str, Any]) -> dict[str, Any] | None:
    model = SECTION_MODELS[section]
    try:
        return model.model_validate({k: v for k, v in record.items() if k in model.model_fields and v is not None}).model_dump(mode="json")
    except ValidationError:
        return None


def _same(section: str, record: dict[str, Any] | None, stored: dict[str, Any]) -> bool:
    if stored.get("voided"):
        return False
    new, old = _normal(section, record or {}), _normal(section, to_native(stored))
    return new is not None and new == old


def _scope(graph: Graph, rows: list[Row], stored: dict, outside_scope: OutsideScope | None) -> list[str]:
    """Refuse the rows with a region outside the scope; the regions of the others.  ``outside_scope``
    is ``None`` for an unscoped caller."""
    refs: dict[str, set[str]] = defaultdict(set)
    row_refs: list[tuple[Row, list[tuple[str, str]]]] = []
    for row in rows:
        record = SECTION_MODELS[row.section].model_validate(row.record)
        these = named(row.section, record)  # the write workflow's own list: every id the row names
        row_refs.append((row, these))
        for label, node_id in these:
            refs[label].add(node_id)
    region_of_ref: dict[tuple[str, str], str | None] = {}
    for label, ids in refs.items():
        if label == "Region":
            region_of_ref |= {("Region", i): i for i in ids}
            continue
        found = graph.read(f"UNWIND $ids AS id MATCH (x:{label} {{id: id}}) RETURN id, {region_of('x')} AS region", {"ids": sorted(ids)})
        region_of_ref |= {(label, r["id"]): r["region"] for r in found}
    regions_of: dict[int, set[str]] = {}
    for row, these in row_refs:
        regions = {r for ref in these if (r := region_of_ref.get(ref))}
        regions |= set(stored.get((row.section, row.key), ({}, []))[1])
        regions_of[id(row)] = regions
    every = sorted({r for rs in regions_of.values() for r in rs})
    outside = set(outside_scope(every)) if outside_scope is not None else set()
    kept: set[str] = set()
    for row, _ in row_refs:
        regions = regions_of[id(row)]
        bad = sorted(regions & outside)
        if outside_scope is not None and not regions:  # no region of its own: the city's
            row.refuse(_region_field(row), "不在您的管辖范围内(属于全市)", "outside your scope (it belongs to the city as a whole)")
        elif bad:
            row.refuse(_region_field(row), f"不在您的管辖范围内: {'、'.join(bad)}", f"outside your scope: {', '.join(bad)}")
        else:
            kept |= regions
    return sorted(kept)


def _region_field(row: Row) -> str | None:
    fields = row.sheet.section.fields
    return next((f for f in ("region_id", "target_id", "household_id", "enterprise_id", "team_id", "org_id") if f in fields), None)


def commit(graph: Graph, plan: Plan, *, author: workflow.Author, policy: Any, batch_size: int, in_scope: workflow.ScopeCheck | None) -> dict[str, Any]:
    """Write the added and changed rows as one bundle; the dry run's answer plus ``written``."""
    body = plan.as_dict()
    if not plan.to_write:
        return body | {"committed": True, "written": {}, "change": None}
    hashes = [{"id": r.record["id"], "hash": r.id_hash} for r in plan.to_write if r.id_hash]  # type: ignore[index]
    source = {
        "file": plan.book.filename,
        "sha256": plan.book.sha256,
        "counts": plan.counts(),
        "region_ids": plan.regions,
    }
    outcome = workflow.import_bundle(
        graph,
        plan.bundle(),
        author=author,
        policy=policy,
        batch_size=batch_size,
        atomic=True,
        in_scope=(lambda _regions: in_scope(plan.regions)) if in_scope is not None else None,
        source=source,
        then=[(identity.STORE, {"rows": hashes})] if hashes else (),
    )
    return body | {"committed": True, "written": {s: n for s, n in outcome.body.get("records", {}).items() if n}, "summaries": outcome.body.get("summaries")}
