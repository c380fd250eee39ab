"""What if these cadres, members or teams become unavailable (the cadre in quarantine)?

Only items connected to the unavailable ones can lose coverage, so the analysis is local:
``whatif/affected.cypher`` lists those candidates per metric; each metric's
``status/<metric>.cypher`` then checks them with and without the unavailable ones.  An item is
*newly uncovered* when it is covered today and would not be.  Items outside the region are
left out.  Nothing is written.

A cadre's own load and a member's own link count cannot get worse when someone becomes
unavailable, so ``cadre_load`` and ``member_link_load`` never list anything; presence of party
organisations and funding do not depend on people either.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from orgnet.coverage.gaps import item_status
from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import Policy
from orgnet.coverage.rollups import resolve_region
from orgnet.errors import InvalidInput
from orgnet.graph.db import Graph
from orgnet.queries.library import library, run_query

MAX_UNAVAILABLE = 1000


def _within(item: dict[str, Any], region: dict[str, Any]) -> bool:
    path_ids = [p["id"] for p in item["region_path"]]
    if not path_ids:  # e.g. a medical worker with no family region: the city's
        return region["level"] == "city"
    return region["id"] in path_ids


def what_if(
    graph: Graph,
    *,
    region_id: str | None = None,
    as_of: dt.date | None = None,
    policy: Policy,
    cadres: list[str] = (),  # type: ignore[assignment]
    members: list[str] = (),  # type: ignore[assignment]
    teams: list[str] = (),  # type: ignore[assignment]
    personal: bool = False,
) -> dict[str, Any]:
    """Per metric, what becomes uncovered under the region when these become unavailable."""
    as_of = as_of or dt.date.today()
    cadres, members, teams = sorted(set(cadres)), sorted(set(members)), sorted(set(teams))
    if len(cadres) + len(members) + len(teams) > MAX_UNAVAILABLE:
        raise InvalidInput(
            f"At most {MAX_UNAVAILABLE} unavailable cadres, members and teams together.",
            errors=[{"field": "unavailable", "reason": "too many ids"}],
        )
    region = resolve_region(graph, region_id=region_id)
    unknown = _unknown_ids(graph, cadres=cadres, members=members, teams=teams)
    rows, _ = run_query(graph, library().get("whatif/affected"), {"cadres": cadres, "members": members, "teams": teams, "as_of": as_of.isoformat()})
    candidates: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        candidates[r["metric"]].append(r["id"])
    unavailable = {"cadres": cadres, "members": members, "teams": teams}
    lines = []
    for m in METRICS:
        ids = candidates.get(m.name, [])
        newly: list[dict[str, Any]] = []
        if ids:
            before = item_status(graph, metric=m.name, ids=ids, as_of=as_of, policy=policy, personal=personal)
            after = item_status(graph, metric=m.name, ids=ids, as_of=as_of, policy=policy, unavailable=unavailable, personal=personal)
            for item_id in sorted(ids):
                b, a = before.get(item_id), after.get(item_id)
                if b and a and b["covered"] and not a["covered"] and _within(a, region):
                    newly.append(
                        {
                            "id": item_id,
                            "label": a["label"],
                            "name": a["name"],
                            "region_path": a["region_path"],
                            "reason": a["reason"],
                            "details": a["details"],
                        }
                    )
        lines.append({"metric": m.name, "title_en": m.title_en, "title_zh": m.title_zh, "newly_uncovered": newly, "count": len(newly)})
    return {
        "as_of": as_of.isoformat(),
        "region": region,
        "unavailable": unavailable,
        "unknown": unknown,
        "metrics": lines,
        "total_newly_uncovered": sum(x["count"] for x in lines),
    }


def _unknown_ids(graph: Graph, *, cadres: list[str], members: list[str], teams: list[str]) -> dict[str, list[str]]:
    """Ids that match nothing (reported, not an error: the answer is simply 'nothing changes')."""
    rows = graph.read(
        """
        RETURN [id IN $cadres WHERE NOT EXISTS { MATCH (:Cadre {id: id}) }] AS cadres,
               [id IN $members WHERE NOT EXISTS { MATCH (:PartyMember {id: id}) }] AS members,
               [id IN $teams WHERE NOT EXISTS { MATCH (:VolunteerTeam {id: id}) }] AS teams
        """,
        {"cadres": cadres, "members": members, "teams": teams},
    )
    return rows[0]
