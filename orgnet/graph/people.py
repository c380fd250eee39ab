"""People search: cadres, party members and medical workers by id, name or place (issues 14, 24).

Planners look people up for what-ifs and assignments by a part of their name or id.  A name is
personal data (:mod:`orgnet.graph.privacy`): it is returned, and *searched*, only for callers who
may see it; anyone else finds people by id only (a match on a hidden name would reveal it).  A
place (the name of a person's village, town or county) is not personal: it finds its people for
everyone.  With a day, each member and cadre found carries its load on that day
(:func:`with_loads`): the households a member links, the enterprises a cadre is paired with.

Labels come from :data:`KINDS` (an allow-list), values reach Cypher only as parameters, the read
is a READ transaction with the graph's timeout, and pages are keyset (after the last id; the ids
of the three kinds never collide: ``cadre-``, ``pm-``, ``mw-``).

>>> sorted(KINDS)
['cadre', 'medical_worker', 'member']
>>> "MATCH (p:Cadre)" in search_query(["cadre"])
True
"""

from __future__ import annotations

from typing import Any

from orgnet.graph.db import Graph

KINDS: dict[str, str] = {"cadre": "Cadre", "member": "PartyMember", "medical_worker": "MedicalWorker"}
MAX_LIMIT = 200
Q_MAX_LENGTH = 64

_MATCH = """WITH p, r WHERE ($after IS NULL OR p.id > $after)
  AND (toLower(p.id) CONTAINS $q OR ($names_visible AND toLower(coalesce(p.name, '')) CONTAINS $q)
       OR any(n IN coalesce(r.path_names, []) WHERE toLower(n) CONTAINS $q))
  AND (r.id = $region OR r.city_id = $region OR r.county_id = $region OR r.town_id = $region OR (r IS NULL AND $region_is_city))"""


def search_query(kinds: list[str]) -> str:
    """One branch per kind (labels from :data:`KINDS` only), merged in id order."""
    branches = [f"MATCH (p:{KINDS[k]})\nOPTIONAL MATCH (r:Region {{id: p.region_id}})\n{_MATCH}\nRETURN p, r, '{k}' AS kind" for k in kinds]
    return (
        "CALL () {\n"
        + "\nUNION ALL\n".join(branches)
        + """
}
WITH p, r, kind ORDER BY p.id LIMIT $limit
RETURN p.id AS id, kind, CASE WHEN $names_visible THEN p.name END AS name, p.level AS level,
       coalesce(r.path_ids, []) AS path_ids, coalesce(r.path_names, []) AS path_names
ORDER BY id"""
    )


def search_people(
    graph: Graph,
    *,
    q: str,
    region: dict[str, Any],
    kinds: list[str] | None = None,
    limit: int = 20,
    after: str | None = None,
    names_visible: bool = False,
) -> dict[str, Any]:
    """``{items: [{id, kind, name, level, region_path}], next_cursor}`` of the people under
    ``region`` whose id (or, where visible, name) contains ``q`` (case-insensitive)."""
    chosen = [k for k in KINDS if k in (kinds or KINDS)]
    params = {
        "q": q.strip().lower(),
        "region": region["id"],
        "region_is_city": region["level"] == "city",
        "after": after,
        "limit": limit + 1,
        "names_visible": names_visible,
    }
    rows = graph.read(search_query(chosen), params)
    items = [
        {
            "id": r["id"],
            "kind": r["kind"],
            "name": r["name"],
            "level": r["level"],
            "region_path": [{"id": i, "name": n} for i, n in zip(r["path_ids"], r["path_names"], strict=False)],
        }
        for r in rows[:limit]
    ]
    return {"items": items, "next_cursor": items[-1]["id"] if len(rows) > limit else None}


# Active on the day: begun, not ended before it (``until`` is the last day), not voided.
LOADS = """
UNWIND $ids AS id
CALL (id) {
  MATCH (m:PartyMember {id: id})
  RETURN COUNT { MATCH (m)-[l:LINKS]->(:Household) WHERE l.since <= $day AND (l.until IS NULL OR l.until >= $day) AND NOT coalesce(l.voided, false) } AS n
  UNION ALL
  MATCH (c:Cadre {id: id})
  RETURN COUNT { MATCH (c)-[l:PAIRED_WITH]->(:Enterprise) WHERE l.since <= $day AND (l.until IS NULL OR l.until >= $day) AND NOT coalesce(l.voided, false) } AS n
}
RETURN id, sum(n) AS n
"""


def with_loads(graph: Graph, items: list[dict[str, Any]], *, day: Any, limits: dict[str, Any]) -> list[dict[str, Any]]:
    """``items`` with ``load: {count, limit, rule}`` for members (households linked; ``rule``
    ``exact``: the policy wants exactly ``limit``) and cadres (enterprises paired; ``rule`` ``max``:
    at most ``limit`` for the cadre's level); medical workers carry none.  ``limits``:
    ``{"member": n, "cadre": {level: n}}``."""
    ids = [i["id"] for i in items if i["kind"] in ("member", "cadre")]
    counts = {r["id"]: r["n"] for r in graph.read(LOADS, {"ids": ids, "day": day})} if ids else {}
    for item in items:
        if item["kind"] == "member":
            item["load"] = {"count": counts.get(item["id"], 0), "limit": limits["member"], "rule": "exact"}
        elif item["kind"] == "cadre":
            item["load"] = {"count": counts.get(item["id"], 0), "limit": limits["cadre"].get(item["level"]), "rule": "max"}
    return items
