"""What a receiver takes from an exchange file, how it is recorded, and how it is undone.

An exchange file describes regions (id, name, level, parent) and the figures of some of them.  A
receiver takes (:func:`plan`):

- regions it does not have: created, marked ``received_from`` the source (and
  ``exchange_created_by``, so that :func:`withdraw` knows they are the source's to remove);
- regions it received from the same source before: updated (the source may rename its own);
- regions of its own that an admin delegated to that source (``orgnet exchange delegate REGION
  SOURCE``: ``exchange_delegated_to``): their figures are taken, their name, level and parent never;
- regions of its own (or another source's) that the file only names (an ancestor without figures,
  such as the nation above a province): left exactly as they are.

A file with figures for a region the receiver holds itself (or received from another source) and
did not delegate is refused whole (422, nothing written): an exchange account can never rename,
re-level or take over a local region, whose gap lists would then answer "held at the source".

Every accepted file appends one change to the audit trail (``/v1/changes``, path ``exchange``,
kind ``exchange``) naming the regions it created, updated and left alone, and the command that
undoes it: ``orgnet exchange withdraw SOURCE`` (:func:`withdraw`) removes everything that source
sent (its figures, the regions it created that nothing else hangs from, its source record),
gives delegated regions back to this instance (their summaries recomputed here) and records that
too.  As no local region is ever rewritten by a file, nothing else needs restoring.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orgnet.coverage.metrics import METRICS
from orgnet.errors import InvalidInput, NotFound
from orgnet.graph.db import Graph
from orgnet.graph.schema import SUMMARY_LABEL
from orgnet.writes import changes

HELD = """
UNWIND $ids AS id
MATCH (r:Region {id: id})
RETURN r.id AS id, r.received_from AS source, r.exchange_delegated_to AS delegated_to
"""


@dataclass
class Plan:
    """Per region of the file, what the receiver does with it."""

    new: list[str] = field(default_factory=list)
    own: list[str] = field(default_factory=list)  # received from the same source before
    delegated: list[str] = field(default_factory=list)  # local, figures delegated to the source
    kept: list[str] = field(default_factory=list)  # named only, held here or by another source: untouched
    kept_received: list[str] = field(default_factory=list)  # those of ``kept`` received from another source (shared ancestors)

    @property
    def rewritten(self) -> list[str]:
        """Regions whose id, name, level and parent the file writes."""
        return [*self.new, *self.own]

    @property
    def marked(self) -> list[str]:
        """Regions whose figures come from the source from now on."""
        return [*self.new, *self.own, *self.delegated]


def plan(graph: Graph, *, source: str, region_ids: list[str], with_figures: set[str]) -> Plan:
    """What to do with each region of a file from ``source``; :class:`InvalidInput` (nothing
    written) when it carries figures of a region this instance holds itself or received from
    another source, and that no admin delegated to ``source``."""
    held = {row["id"]: row for row in graph.read(HELD, {"ids": region_ids})}
    out = Plan()
    refused: list[dict[str, str]] = []
    for rid in region_ids:
        row = held.get(rid)
        if row is None:
            out.new.append(rid)
        elif row["delegated_to"] == source:
            out.delegated.append(rid)
        elif row["source"] == source:
            out.own.append(rid)
        elif rid in with_figures:
            holder = "this instance" if row["source"] is None else f"source {row['source']}"
            refused.append({"field": "regions", "reason": f"{rid} is held by {holder} and not delegated to {source}"})
        else:
            out.kept.append(rid)
            if row["source"] is not None:
                out.kept_received.append(rid)
    if refused:
        raise InvalidInput(
            f"The file carries figures of {len(refused)} region(s) that this instance holds itself (or received from another "
            f"source); nothing was imported. An exchange never replaces a local region's figures, name or level; an admin "
            f"may delegate a region to a source with `orgnet exchange delegate REGION {source}`.",
            errors=refused[:50],
        )
    return out


MARK_CREATED = "UNWIND $ids AS id MATCH (r:Region {id: id}) SET r.exchange_created_by = $source"


def change_row(*, parsed: Any, sha256: str, plan_: Plan, written: int, author: dict[str, Any] | None) -> dict[str, Any]:
    """The audit-trail entry of an accepted file (appended in the file's own transaction)."""
    return changes.change(
        kind="exchange",
        action="receive",
        items=plan_.marked,
        path="exchange",
        account=(author or {}).get("account"),
        role=(author or {}).get("role"),
        after={
            "source": parsed.source,
            "sha256": sha256,
            "exported_at": parsed.exported_at,
            "level": parsed.level,
            "created": plan_.new,
            "updated": plan_.own,
            "delegated": plan_.delegated,
            "left_as_they_were": plan_.kept,
            "summaries_written": written,
            "undo": f"orgnet exchange withdraw {parsed.source}",
        },
        region_ids=plan_.marked,
    )


# ----------------------------------------------------------------------------- undo

SOURCE_REGIONS = """
MATCH (r:Region) WHERE r.received_from = $source OR r.exchange_created_by = $source OR r.exchange_delegated_to = $source
RETURN r.id AS id, r.exchange_created_by = $source AS created, r.received_from = $source AS received, size(r.path_ids) AS depth
"""

DELETE_SUMMARIES = f"MATCH (s:{SUMMARY_LABEL}) WHERE s.source = $source DETACH DELETE s"

# a region the source created, from which nothing but other regions it created hangs: removed,
# deepest first (its own summary too)
DELETE_CREATED = f"""
UNWIND $ids AS id
MATCH (r:Region {{id: id}})
WHERE NOT EXISTS {{ MATCH (r)<-[]-(x) WHERE NOT x:{SUMMARY_LABEL} }}
OPTIONAL MATCH (s:{SUMMARY_LABEL} {{region_id: r.id}})
DETACH DELETE s
WITH DISTINCT r
DETACH DELETE r
"""

# a region of this instance's that was delegated to the source is this instance's again
UNMARK = """
UNWIND $ids AS id
MATCH (r:Region {id: id})
WHERE r.received_from = $source AND coalesce(r.exchange_created_by, '') <> $source
REMOVE r.received_from, r.received_at
"""


def withdraw(graph: Graph, *, source: str, policy: Any, author: dict[str, Any] | None = None) -> dict[str, Any]:
    """Undo every file received from ``source``: its figures, the regions it created that nothing
    else hangs from (deepest first), its ``ExchangeSource``; regions that stay (delegated ones, a
    shared ancestor) are this instance's again or the other source's, and their summaries are
    recomputed (a delegated region's by this instance's own queries).  One change records it."""
    from types import SimpleNamespace

    from orgnet.coverage.summaries import refresh
    from orgnet.coverage.summary_state import policy_fingerprint
    from orgnet.exchange.aggregate import aggregate_ancestors

    regions = graph.read(SOURCE_REGIONS, {"source": source})
    known = graph.read("MATCH (x:ExchangeSource {id: $source}) RETURN x.id AS id", {"source": source})
    if not regions and not known:
        raise NotFound(f"Nothing was received from {source}.")
    removed_summaries = graph.write(DELETE_SUMMARIES, {"source": source}).get("nodes_deleted", 0)
    created = sorted((r for r in regions if r["created"]), key=lambda r: -(r["depth"] or 0))
    for r in created:  # one at a time, deepest first: a parent goes once its children have
        graph.write(DELETE_CREATED, {"ids": [r["id"]]})
    remaining = {row["id"] for row in graph.read("UNWIND $ids AS id MATCH (r:Region {id: id}) RETURN r.id AS id", {"ids": [r["id"] for r in regions]})}
    graph.write(UNMARK, {"ids": sorted(remaining), "source": source})
    graph.write("MATCH (r:Region {exchange_delegated_to: $source}) REMOVE r.exchange_delegated_to", {"source": source})
    graph.write("MATCH (x:ExchangeSource {id: $source}) DETACH DELETE x", {"source": source})
    shared = [r["id"] for r in sorted(regions, key=lambda r: -(r["depth"] or 0)) if r["id"] in remaining and r["created"]]
    if shared:  # ancestors other sources' regions still hang from: the sum of what is left
        parents = {
            row["id"]: row["parent"]
            for row in graph.read(
                "UNWIND $ids AS id MATCH (r:Region {id: id}) OPTIONAL MATCH (r)-[:PART_OF]->(p:Region) RETURN r.id AS id, p.id AS parent", {"ids": shared}
            )
        }
        skeleton = [SimpleNamespace(id=rid, parent_id=parents.get(rid)) for rid in shared]
        aggregate_ancestors(graph, regions=skeleton, have=set(), metrics=[m.name for m in METRICS], fingerprint=policy_fingerprint(policy))  # type: ignore[arg-type]
    if any(r["id"] in remaining and not r["created"] for r in regions):
        refresh(graph, policy=policy)  # a delegated region's figures are this instance's again
    removed = len(regions) - len(remaining)
    report = {"source": source, "summaries_removed": removed_summaries, "regions_removed": removed, "regions_kept": sorted(remaining)}
    changes.append(
        graph,
        [
            changes.change(
                kind="exchange",
                action="withdraw",
                items=sorted(remaining),
                path="exchange",
                account=(author or {}).get("account"),
                role=(author or {}).get("role"),
                after=report,
                region_ids=sorted(remaining),
            )
        ],
    )
    return report


def delegate(graph: Graph, *, region_id: str, source: str | None) -> None:
    """Let ``source`` send the figures of this instance's region ``region_id`` (``None``: no longer)."""
    rows = graph.read("MATCH (r:Region {id: $id}) RETURN r.id AS id", {"id": region_id})
    if not rows:
        raise NotFound(f"No region {region_id}.")
    graph.write("MATCH (r:Region {id: $id}) SET r.exchange_delegated_to = $source", {"id": region_id, "source": source})
