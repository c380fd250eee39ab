"""Names read through records: personal data only for people inside the caller's scope.

Most items are people or things in the region that lists them.  Three metrics list *records named
after a person* (:data:`NAMED_AFTER`): a promotion or commendation (its cadre), an application to
join the Party (its applicant), a death on duty (the deceased).  Such a record is located where it
was made, and its person may belong elsewhere: a 丰县 recognition of a 沛县 cadre is in 丰县's gap
list, and the name it shows is the 沛县 cadre's, whom a 丰县 planner may not see anywhere else
(``GET /v1/records/cadres/…`` answers 404).  :func:`hide_names_outside` blanks those names, as for
a caller without personal-data access, in the item check, the gap list and its exports, and the
what-if; the item, its id, its region and its reason stay (they are the region's business).  The
pairing suggestions name cadres whose jurisdiction holds an enterprise: a city-level cadre suggested
for a 丰县 enterprise is the city's, and is named only to callers whose scope holds the city
(:func:`cadres_outside`).

A person belongs to the region of their ``region_id``; one without a region (a medical worker whose
family region is unknown) belongs to the city, as everywhere else (:func:`orgnet.api.scope.path_in_scope`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from orgnet.coverage.metrics import Metric
from orgnet.graph.db import Graph

# The label of a record named after a person → the relationship to that person.
NAMED_AFTER: dict[str, str] = {"Recognition": "RECOGNISES", "PartyApplication": "APPLIED_BY", "DutyDeath": "DEATH_OF"}


def named_after_person(metric: Metric) -> str | None:
    """The label of ``metric``'s items when they are records named after a person, else ``None``."""
    return next((label for label in metric.labels if label in NAMED_AFTER), None)


def _outside(graph: Graph, match: str, ids: Iterable[str], scope: Sequence[str]) -> set[str]:
    """The ids among ``ids`` whose person ``p`` (bound by ``match``, with ``id``) lies outside ``scope``."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    rows = graph.read(
        f"UNWIND $ids AS id {match}\n"
        "OPTIONAL MATCH (g:Region {id: p.region_id})\n"
        "WITH id, coalesce(g.path_ids, []) AS path WHERE none(s IN $scope WHERE s IN path)\n"
        "RETURN collect(DISTINCT id) AS outside",
        {"ids": wanted, "scope": list(scope)},
    )
    return set(rows[0]["outside"]) if rows else set()


def people_outside(graph: Graph, *, label: str, ids: Iterable[str], scope: Sequence[str]) -> set[str]:
    """The ids among ``ids`` (records of ``label``) whose person lies outside ``scope``; label and
    relationship type from :data:`NAMED_AFTER` only, ids and scope as parameters."""
    return _outside(graph, f"MATCH (x:{label} {{id: id}})-[:{NAMED_AFTER[label]}]->(p)", ids, scope)


def cadres_outside(graph: Graph, *, ids: Iterable[str], scope: Sequence[str]) -> set[str]:
    """The cadres among ``ids`` who serve outside ``scope`` (a city-level cadre suggested to a county)."""
    return _outside(graph, "MATCH (p:Cadre {id: id})", ids, scope)


def hide_names_outside(graph: Graph, *, metric: Metric, items: list[dict[str, Any]], scope: Sequence[str] | None) -> list[dict[str, Any]]:
    """``items`` with ``name`` ``None`` on those whose person lies outside ``scope`` (``None``: an
    unscoped caller, who may see every name); those are copies, the others the items given (a
    cached page is never changed)."""
    label = named_after_person(metric)
    if scope is None or label is None:
        return items
    outside = people_outside(graph, label=label, ids=[item["id"] for item in items if item.get("name") is not None], scope=scope)
    return [{**item, "name": None} if item["id"] in outside else item for item in items]
