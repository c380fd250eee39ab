"""Region scope: an account scoped to a county sees personal data and writes only in its subtree.

Outside the scope the answer is 404, exactly as for an id that does not exist, so a caller cannot
learn that an item exists in a region it may not see."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from orgnet.errors import NotFound
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
