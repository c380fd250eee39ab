"""What every write path checks about the ids a record names and the periods it claims, in the
write's own transaction: one check each, shared by ``POST /v1/records/{kind}``, ``PUT``,
``POST /v1/import``, ``orgnet import`` and the applied suggestions (:mod:`orgnet.writes.workflow`).

**Scope on every id a write names.**  A record belongs to its region (``region_id``), but it also
*names* other items: a member's party organisation and central household, an organisation's
parent, a recognition's, application's or death's person, a frontline record's cadre, a visit's
visitor and the enterprise, household or family visited, a shift's checkpoint and everyone on its
roster, an assignment's two ends, and the item itself when it exists already (a re-import or a ``PUT`` moves
it).  :func:`named` lists them all as ``(label, id)``; :func:`regions_named` reads where each
existing one belongs (:data:`orgnet.writes.records.REGION_OF`: a team is its organisation's, a
care payment its death's); the workflow hands those regions to the caller's scope check, so a
丰县 planner cannot put a member into a 沛县 organisation, nor record a 沛县 cadre's promotion, and
is refused exactly as for any region outside the scope (404, nothing written).  An item that does
not exist yet adds nothing (it is located by its own fields); one with no region (a medical worker
whose family region is unknown) adds nothing either, as before.

**No overlapping assignment of the same pair.**  An assignment is active from ``since`` to
``until`` (the last active day, open when empty).  Two assignments of the same two ends (member
and household, cadre and enterprise, ...) that are active on a common day count the same link
twice; :func:`check_overlaps` refuses such a write with 409 naming the active one, whether the
other is stored or in the same bundle.  A record with the same ends and ``since`` is the *same*
record (a re-import merges on that id; a new one answers "exists"), never an overlap; a void one
is no longer active.  In a transaction the anchor end of each pair is locked first, so two
concurrent writers of overlapping assignments run one after the other and the second is refused.

>>> from orgnet.graph.model import PartyMember
>>> named("party_members", PartyMember(id="m-1", name="李四", org_id="po-2", region_id="X-1-1-1", central_household_id="ch-1"))
[('PartyMember', 'm-1'), ('PartyOrg', 'po-2'), ('Region', 'X-1-1-1'), ('CentralHousehold', 'ch-1')]
>>> overlap(dt.date(2020, 3, 1), None, dt.date(2020, 3, 5), None), overlap(dt.date(2020, 3, 1), dt.date(2020, 3, 4), dt.date(2020, 3, 5), None)
(True, False)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import neo4j

from orgnet.errors import Conflict
from orgnet.graph.db import Graph, batched
from orgnet.graph.model import PERSON_LABELS, Bundle
from orgnet.graph.validate import ASSIGNMENT_ENDS, LIST_REFERENCES, READ_CHUNK, REFERENCES, SECTION_LABEL
from orgnet.writes.records import ASSIGNMENT_ENDS as END_LABELS
from orgnet.writes.records import ASSIGNMENTS, get_kind, record_id_of, region_of

Run = Callable[[str, Mapping[str, Any]], list[dict[str, Any]]]
"""A read in some transaction: ``graph.read``, or :func:`in_tx` of the write's own."""

# Fields naming a node whose label the record says in a ``*_type`` field.
TYPED: dict[str, str] = {
    "deployments": "target",
    "family_supports": "supporter",
    "care_contacts": "supporter",
    "recognitions": "person",
    "party_applications": "applicant",
    "duty_deaths": "person",
    "family_visits": "family",
}
_TYPE_LABEL = {"region": "Region", "checkpoint": "Checkpoint", "party_org": "PartyOrg", "duty_death": "DutyDeath", **PERSON_LABELS}
_REFERENCES_BY_SECTION: dict[str, list[tuple[str, str]]] = defaultdict(list)
for (_section, _field), _label in REFERENCES.items():
    _REFERENCES_BY_SECTION[_section].append((_field, _label))


def in_tx(tx: neo4j.ManagedTransaction) -> Run:
    return lambda query, params: [r.data() for r in tx.run(query, dict(params))]


def named(section: str, record: Any) -> list[tuple[str, str]]:
    """``(label, id)`` of every node ``record`` of ``section`` names: itself (an item), its references."""
    out: list[tuple[str, str]] = []
    if section in SECTION_LABEL and getattr(record, "id", None):
        out.append((SECTION_LABEL[section], record.id))
    for field, label in _REFERENCES_BY_SECTION.get(section, ()):
        value = getattr(record, field, None)
        if value is not None and (label, value) not in out:
            out.append((label, value))
    for (list_section, field), label in LIST_REFERENCES.items():
        if list_section == section:
            out += [(label, value) for value in getattr(record, field) if (label, value) not in out]
    if section in TYPED:
        typed = TYPED[section]
        out.append((_TYPE_LABEL[getattr(record, f"{typed}_type")], getattr(record, f"{typed}_id")))
    return out


def regions_named(run: Run, refs: Iterable[tuple[str, str]]) -> list[str]:
    """The regions the *existing* nodes among ``refs`` belong to (one read per label and chunk;
    labels from the model's allow-list, ids as parameters)."""
    return sorted({r for r in existing(run, refs).values() if r})


def existing(run: Run, refs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """The *existing* nodes among ``refs``, each with the region it belongs to (None: none)."""
    by_label: dict[str, set[str]] = defaultdict(set)
    for label, node_id in refs:
        if label not in SECTION_LABEL.values():
            raise ValueError(f"unknown label {label!r}")
        by_label[label].add(node_id)
    out: dict[tuple[str, str], str | None] = {}
    for label, ids in sorted(by_label.items()):
        for chunk in batched(sorted(ids), READ_CHUNK):
            rows = run(f"UNWIND $ids AS id MATCH (x:{label} {{id: id}}) RETURN id, {region_of('x')} AS region", {"ids": chunk})
            out |= {(label, r["id"]): r["region"] for r in rows}
    return out


IMPORT_S_PER_RECORD = 0.002
"""An atomic import's transaction may take the write timeout plus this per record (100,000 rows: 260 s):
its rows are one transaction by design, and a large roster's, on a busy machine, takes more than a record's."""


def import_graph(graph: Graph, bundle: Bundle) -> Graph:
    """``graph`` with the write timeout of an atomic import of ``bundle`` (:data:`IMPORT_S_PER_RECORD`)."""
    records = sum(len(r) for _, r in bundle.sections())
    timeout = graph.write_timeout_s + IMPORT_S_PER_RECORD * records
    return Graph(graph.driver, database=graph.database, timeout_s=graph.timeout_s, write_timeout_s=timeout)


@dataclass(frozen=True)
class Reach:
    """Where a bundle write can change coverage, read in its transaction before its rows."""

    named: list[str]  # the regions of the existing nodes it names (the caller's scope check)
    regions: list[str]  # those and the regions its records are located in
    known: bool  # False: it changes an existing item in place (or defines regions), whose assignments reach further


def bundle_reach(run: Run, bundle: Bundle) -> Reach:
    """As a per-record write's ``regions`` and ``reach_known`` (:mod:`orgnet.writes.workflow`): an
    assignment reaches its two ends' regions, a new item its own and those of the nodes it names;
    an item that exists already is changed in place, so the summaries are refreshed whole after it."""
    found = existing(run, bundle_named(bundle.sections()))
    named_regions = sorted({r for r in found.values() if r})
    items = {(SECTION_LABEL[s], r.id) for s, records in bundle.sections() if s in SECTION_LABEL for r in records}
    known = not bundle.regions and not (items & found.keys())
    return Reach(named=named_regions, regions=sorted(set(named_regions) | set(bundle_region_ids(bundle))), known=known)


def bundle_region_ids(bundle: Bundle) -> list[str]:
    """The existing regions a bundle's records are located in (the regions it defines excluded:
    a new region is checked through its parent)."""
    defined = {r.id for r in bundle.regions}
    ids = {r.parent_id for r in bundle.regions if r.parent_id}
    for section, records in bundle.sections():
        if section != "regions":
            ids |= {rid for r in records if (rid := getattr(r, "region_id", None))}
    return sorted(ids - defined)


def bundle_item_ids(bundle: Bundle) -> list[str]:
    out: list[str] = []
    for section, records in bundle.sections():
        kind = get_kind(section) if section != "regions" else None
        out += [r.id if kind is None else record_id_of(kind, r) for r in records]
    return out


def bundle_named(sections: Iterable[tuple[str, Sequence[Any]]]) -> list[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for section, records in sections:
        for record in records:
            out.update(named(section, record))
    return sorted(out)


# ----------------------------------------------------------------------------- overlaps


def overlap(since_a: dt.date, until_a: dt.date | None, since_b: dt.date, until_b: dt.date | None) -> bool:
    """Whether two periods (``until`` the last day, ``None`` open) share a day."""
    return (until_b is None or since_a <= until_b) and (until_a is None or since_b <= until_a)


def _anchor(section: str) -> tuple[str, str, str]:
    """(side, label, pattern) to find a pair's assignments from its end with one certain label."""
    starts, ends = END_LABELS[section]
    rel = ASSIGNMENTS[section].rel
    if len(starts) == 1:
        return "start", starts[0], f"(a)-[r:{rel}]->(o)"
    return "end", ends[0], f"(o)-[r:{rel}]->(a)"


def _stored(run: Run, section: str, pairs: list[tuple[str, str]], *, lock: bool) -> list[dict[str, Any]]:
    side, label, pattern = _anchor(section)
    rows: list[dict[str, Any]] = []
    for chunk in batched(sorted(set(pairs)), READ_CHUNK):
        params = [{"anchor": s if side == "start" else e, "other": e if side == "start" else s, "start": s, "end": e} for s, e in chunk]
        rows += run(
            f"UNWIND $pairs AS pair MATCH (a:{label} {{id: pair.anchor}})\n"
            + ("SET a._orgnet_lock = true REMOVE a._orgnet_lock\n" if lock else "")
            + f"WITH pair, a MATCH {pattern} WHERE o.id = pair.other AND NOT coalesce(r.voided, false)\n"
            "RETURN pair.start AS start, pair.end AS end, r.since AS since, r.until AS until",
            {"pairs": params},
        )
    return rows


def _date(value: Any) -> dt.date | None:
    return value.to_native() if hasattr(value, "to_native") else value


def _period(since: dt.date, until: dt.date | None) -> str:
    return f"since {since.isoformat()}, " + (f"until {until.isoformat()}" if until else "open")


def check_overlaps(run: Run, sections: Iterable[tuple[str, Sequence[Any]]], *, lock: bool = False) -> None:
    """409 (:class:`Conflict`) when an assignment among ``sections`` overlaps another of the same
    pair, stored or in the same write, naming the active one; ``lock``: in the write's transaction,
    lock each pair's anchor end first (a concurrent writer of the same pair waits, then sees this one)."""
    errors: list[dict[str, Any]] = []
    for section, records in sections:
        if section not in ASSIGNMENT_ENDS or not records:
            continue
        start_field, end_field = ASSIGNMENT_ENDS[section]
        rows = [(i, getattr(r, start_field), getattr(r, end_field), r.since, r.until) for i, r in enumerate(records)]
        written = {(s, e, since): until for _, s, e, since, until in rows}
        # the pair's assignments after this write: the stored ones, as this write leaves them, and its own
        state: dict[tuple[str, str], dict[dt.date, tuple[dt.date | None, str]]] = defaultdict(dict)
        for row in _stored(run, section, [(s, e) for _, s, e, _, _ in rows], lock=lock):
            since, until = _date(row["since"]), _date(row["until"])
            key = (row["start"], row["end"], since)
            state[key[:2]][since] = (written.get(key, until), "stored")
        for i, s, e, since, until in rows:
            state[(s, e)].setdefault(since, (until, f"{section}[{i}]"))
        for i, s, e, since, until in rows:
            for other_since, (other_until, where) in sorted(state[(s, e)].items()):
                if other_since == since or not overlap(since, until, other_since, other_until):
                    continue
                if where != "stored" and other_since > since:
                    continue  # two rows of this write: reported once, on the later one
                other = f"{s}~{e}~{other_since.isoformat()}"
                what = f"the active {section} {other} ({_period(other_since, other_until)})" + (f", {where} of this bundle" if where != "stored" else "")
                errors.append(
                    {
                        "section": section,
                        "index": i,
                        "id": f"{s}~{e}~{since.isoformat()}",
                        "field": "since",
                        "reason": f"overlaps {what}: end it first (its until before {since.isoformat()}), or void it",
                        "active": other,
                    }
                )
                break
    if errors:
        first = errors[0]
        raise Conflict(
            f"{first['section']} {first['id']} overlaps {first['active']}, an assignment of the same pair active on a common day; nothing was written.",
            errors=errors[:200],
        )


def require_in_scope(
    run: Run, in_scope: Callable[[list[str]], None] | None, sections: Iterable[tuple[str, Sequence[Any]]], regions: Iterable[str] = ()
) -> None:
    """The caller's scope check (404 outside) on ``regions`` and the regions of every existing node
    the records of ``sections`` name; nothing to read for an unscoped write (``in_scope`` ``None``)."""
    if in_scope is not None:
        in_scope(sorted(set(regions) | set(regions_named(run, bundle_named(sections)))))
