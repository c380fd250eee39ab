"""Region scope: an account scoped to a county sees personal data and writes only in its subtree.

Outside the scope the answer is 404, exactly as for an id that does not exist, so a caller cannot
learn that an item exists in a region it may not see."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from orgnet.coverage.service import default_region_id
from orgnet.errors import NotFound
from orgnet.exchange.receive import require_held_here
from orgnet.graph.db import Graph

if TYPE_CHECKING:
    from orgnet.api.deps import Caller

_OUTSIDE = """
UNWIND $regions AS region_id
OPTIONAL MATCH (r:Region {id: region_id})
WHERE EXISTS { MATCH (r)-[:PART_OF*0..]->(s:Region) WHERE s.id IN $scope }
WITH region_id, r
WHERE r IS NULL
RETURN collect(region_id) AS outside
"""


def regions_outside_scope(graph: Graph, *, caller: Caller, region_ids: Iterable[str]) -> list[str]:
    """The ids among ``region_ids`` that are not in the caller's scope (unknown ids count as outside)."""
    wanted = sorted(set(region_ids))
    if caller.scope is None or not wanted:
        return []
    rows = graph.read(_OUTSIDE, {"regions": wanted, "scope": list(caller.scope)})
    return list(rows[0]["outside"]) if rows else wanted


def is_in_scope(graph: Graph, *, caller: Caller, region_ids: Iterable[str]) -> bool:
    """True when every region is inside the caller's scope (always, for an unscoped caller)."""
    return not regions_outside_scope(graph, caller=caller, region_ids=region_ids)


def require_in_scope(graph: Graph, *, caller: Caller, region_ids: Iterable[str], what: str = "item") -> None:
    """Raise :class:`NotFound` (404, the same as a missing id) unless every region is in scope."""
    if not is_in_scope(graph, caller=caller, region_ids=region_ids):
        raise NotFound(f"No such {what}.")


# ------------------------------------------------------------------ regions a request names


def default_region(caller: Caller, region_id: str | None) -> str | None:
    """The region a request is about when it names none: the caller's scope region when the scope is
    one region (a county account's gap list opens on its county), else the city (``None``).

    >>> from orgnet.api.deps import Caller
    >>> default_region(Caller(role="planner", scope=("320321",)), None), default_region(Caller(role="planner"), None)
    ('320321', None)
    >>> default_region(Caller(role="planner", scope=("320321", "320322")), "320322")
    '320322'
    """
    if region_id is None and caller.scope is not None and len(caller.scope) == 1:
        return caller.scope[0]
    return region_id


def require_region(graph: Graph, *, caller: Caller, region_id: str | None) -> str | None:
    """:func:`default_region`, then 404 unless it is in scope (``None`` is the city: in scope only
    for an unrestricted caller), then 409 when its items are held by another instance (a region
    received through the aggregate exchange, :mod:`orgnet.exchange`).  Returns the region to use."""
    region = default_region(caller, region_id)
    if caller.scope is not None:
        if region is None:
            raise NotFound("No such region.")
        require_in_scope(graph, caller=caller, region_ids=[region], what="region")
    # the routes that name items (gap lists, exports, people): on an instance that received this
    # region's figures through the aggregate exchange the items are not here but at their source
    require_held_here(graph, region_id=region or default_region_id(graph))
    return region


def path_in_scope(caller: Caller, path_ids: Iterable[str]) -> bool:
    """Whether an item whose region path (city first) is ``path_ids`` lies in the caller's scope; an
    item without a region path (a medical worker with no family region) belongs to the city.

    >>> from orgnet.api.deps import Caller
    >>> county = Caller(role="planner", scope=("320321",))
    >>> path_in_scope(county, ["320300", "320321", "320321-004"]), path_in_scope(county, ["320300", "320322"]), path_in_scope(county, [])
    (True, False, False)
    """
    return caller.scope is None or bool(set(path_ids) & set(caller.scope))


# Labels whose items are regions themselves (village-level units are the population of some metrics)
_REGION_LABELS = {"Region", "Nation", "Province", "City", "County", "Town", "Village"}
# Labels with a region of their own; a volunteer team is where its party organisation is.
_ITEM_REGION = {
    "VolunteerTeam": "MATCH (n:VolunteerTeam) WHERE n.id IN $ids OPTIONAL MATCH (o:PartyOrg {id: n.org_id}) RETURN n.id AS id, o.region_id AS region",
}


def require_items_in_scope(graph: Graph, *, caller: Caller, label: str, ids: Iterable[str]) -> None:
    """404 unless every *existing* item of ``label`` among ``ids`` lies in the caller's scope.

    An id that matches nothing is left to the caller's own answer (an empty result, ``unknown``): it
    tells nothing about another region.  ``label`` comes from an allow-list (the model's labels)."""
    wanted = sorted(set(ids))
    if caller.scope is None or not wanted:
        return
    from orgnet.graph.model import LEVEL_LABELS, NODE_LABELS

    if label not in {*NODE_LABELS, *LEVEL_LABELS, *_REGION_LABELS}:
        raise ValueError(f"not a label of the model: {label}")
    if label in _REGION_LABELS:
        existing = [r["id"] for r in graph.read(f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id AS id", {"ids": wanted})]
        require_in_scope(graph, caller=caller, region_ids=existing)
        return
    query = _ITEM_REGION.get(label, f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id AS id, n.region_id AS region")
    rows = graph.read(query, {"ids": wanted})
    if any(r["region"] is None for r in rows):  # no region of its own: the city's
        raise NotFound("No such item.")
    require_in_scope(graph, caller=caller, region_ids=[r["region"] for r in rows])


# ------------------------------------------------------------------ library queries run through the API

REGION_PARAMS = frozenset({"region", "regions"})
# parameters naming items, with the items' label ("ids" of status/<metric>: the metric's population)
ITEM_PARAMS = {
    "cadre": "Cadre",
    "cadres": "Cadre",
    "unavailable_cadres": "Cadre",
    "enterprise": "Enterprise",
    "central_household": "CentralHousehold",
    "members": "PartyMember",
    "unavailable_members": "PartyMember",
    "teams": "VolunteerTeam",
    "unavailable_teams": "VolunteerTeam",
}
# parameters that name nothing of a region's (days, paging, thresholds, policy values)
NEUTRAL_PARAMS = frozenset(
    {
        "after", "as_of", "limit", "level", "group_level", "metric", "policy", "central_household_target",
        "funding_funds", "funding_standard", "max_city", "max_county", "max_town", "max_village",
        "member_link_target", "min_team_size", "required_city_owned", "required_non_public", "required_talent",
        "followup_days", "frontline_min_days", "min_record_entries", "recognition_since", "backed_kinds",
        "visit_window_days",
    }
)  # fmt: skip


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def require_query_in_scope(graph: Graph, *, caller: Caller, query: object, params: dict[str, object]) -> None:
    """404 unless every region and item the bound parameters of a library query name is in scope.

    Every parameter of the library is classified above; one that is not (a new query's) refuses a
    scoped caller rather than guess (tests/unit/test_scope.py fails first, naming it)."""
    if caller.scope is None:
        return
    from orgnet.coverage.metrics import get_metric

    regions: list[str] = []
    for name, value in params.items():
        if name in REGION_PARAMS:
            regions += _as_list(value)
        elif name in ITEM_PARAMS:
            require_items_in_scope(graph, caller=caller, label=ITEM_PARAMS[name], ids=_as_list(value))
        elif name == "ids" and getattr(query, "namespace", None) == "status":
            for label in get_metric(query.name).labels:  # type: ignore[attr-defined]
                require_items_in_scope(graph, caller=caller, label=label, ids=_as_list(value))
        elif name not in NEUTRAL_PARAMS:
            raise NotFound("No such query for your scope.")
    require_in_scope(graph, caller=caller, region_ids=regions, what="region")
