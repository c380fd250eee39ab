"""What one new assignment would change, before it is written: the gap it closes and any it opens.

``GET /v1/whatif/assignment`` answers it for the kinds the dashboard's Assign writes (a household
link, an enterprise pairing, a family support, a care contact), so an API consumer gets what the
page shows before its confirmation.  Nothing is written.

Each end of the record is an item of one or two metrics (a household: ``household_linkage``; its
member: ``member_link_load``; an enterprise: ``enterprise_pairing``; its cadre: ``cadre_load``;
a medical worker's or a fallen cadre's family: ``medical_family_support`` /
``duty_death_family_care``).  Its status on the day comes from the metric's own status query
(:func:`orgnet.coverage.gaps.item_status`); what one more active record does to it follows the
metric's rule:

* a missing assignment (a household without a linked member, a family nobody supports) is closed;
* an enterprise lacking the cadre's level is closed for that level (the gap closes when it was the
  only one missing, else it stays, narrowed), provided the cadre serves in the enterprise's
  jurisdiction at that level (else it changes nothing);
* a load (a member's households, a cadre's pairings) moves by one: the policy wants exactly
  ``target_households`` of a member (one more reaches it, or goes past it) and at most the
  level's maximum of a cadre.

>>> load_effect({"count": 9, "limit": 10, "rule": "exact"}), load_effect({"count": 10, "limit": 10, "rule": "exact"})
('closes', 'opens')
>>> load_effect({"count": 8, "limit": 8, "rule": "max"}), load_effect({"count": 3, "limit": 8, "rule": "max"})
('opens', None)
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from orgnet.coverage.gaps import item_status
from orgnet.coverage.policy import Policy
from orgnet.errors import NotFound
from orgnet.graph import people
from orgnet.graph.db import Graph

Effect = Literal["closes", "opens", "narrows", "none"]

# kind -> (start label, start field, the start's load metric or None, end label, end field, the end's metric)
KINDS: dict[str, tuple[tuple[str, ...], str, str | None, str, str, str]] = {
    "household_links": (("PartyMember",), "member_id", "member_link_load", "Household", "household_id", "household_linkage"),
    "pairings": (("Cadre",), "cadre_id", "cadre_load", "Enterprise", "enterprise_id", "enterprise_pairing"),
    "family_supports": (("Cadre", "PartyOrg"), "supporter_id", None, "MedicalWorker", "medical_worker_id", "medical_family_support"),
    "care_contacts": (("Cadre", "PartyOrg"), "supporter_id", None, "DutyDeath", "duty_death_id", "duty_death_family_care"),
}

_ENDS = """
OPTIONAL MATCH (s) WHERE s.id = $start AND any(l IN labels(s) WHERE l IN $start_labels) AND NOT coalesce(s.voided, false)
OPTIONAL MATCH (e) WHERE e.id = $end AND $end_label IN labels(e) AND NOT coalesce(e.voided, false)
OPTIONAL MATCH (r:Region {id: e.region_id})
RETURN s.id AS start, s.level AS level, s.region_id AS start_region, e.id AS end, e.region_id AS end_region,
       CASE s.level WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END AS jurisdiction,
       COUNT { MATCH (s)-[x]->(e) WHERE type(x) = $rel AND x.since <= date($day) AND (x.until IS NULL OR x.until >= date($day))
               AND NOT coalesce(x.voided, false) } AS active
"""
RELS = {"household_links": "LINKS", "pairings": "PAIRED_WITH", "family_supports": "SUPPORTS_FAMILY_OF", "care_contacts": "CARES_FOR"}


def load_effect(load: dict[str, Any]) -> Effect | None:
    """What one more assignment does to a load's own gap: ``closes`` (reaches an exact target),
    ``opens`` (goes past a target or a maximum), else ``None``."""
    if load.get("limit") is None:
        return None
    count, limit = load["count"], load["limit"]
    if load["rule"] == "exact":
        return "closes" if count + 1 == limit else "opens" if count == limit else None
    return "opens" if count + 1 > limit >= count else None


def _line(metric: str, item: str, status: dict[str, Any] | None, effect: Effect, **more: Any) -> dict[str, Any]:
    return {
        "metric": metric,
        "item_id": item,
        "name": (status or {}).get("name"),
        "uncovered_before": status is not None and not status["covered"],
        "effect": effect,
        **more,
    }


def assignment_whatif(graph: Graph, *, kind: str, start: str, end: str, as_of: dt.date, policy: Policy, personal: bool) -> dict[str, Any]:
    """``{kind, start, end, as_of, closes, opens, lines}``: per metric of either end, its status
    before and the effect of the new record (``lines``); ``closes`` and ``opens`` list the gaps
    that would close and open.  :class:`NotFound` for an unknown or voided end."""
    start_labels, _, load_metric, end_label, _, end_metric = KINDS[kind]
    rows = graph.read(
        _ENDS, {"start": start, "start_labels": list(start_labels), "end": end, "end_label": end_label, "rel": RELS[kind], "day": as_of.isoformat()}
    )
    row = rows[0] if rows else {}
    if not row.get("start") or not row.get("end"):
        raise NotFound("No such person or item (or it is void).")
    lines = []
    status = item_status(graph, metric=end_metric, ids=[end], as_of=as_of, policy=policy, personal=personal).get(end)
    if row["active"]:
        lines.append(_line(end_metric, end, status, "none", why="already_assigned"))
    elif status is None or status["covered"]:
        lines.append(_line(end_metric, end, status, "none"))
    elif kind == "pairings":
        missing = list((status.get("details") or {}).get("missing_levels") or [])
        if row["level"] not in missing or row["start_region"] != row["jurisdiction"]:
            lines.append(_line(end_metric, end, status, "none", why="not_a_missing_level_of_this_jurisdiction"))
        else:
            rest = [lvl for lvl in missing if lvl != row["level"]]
            outside = (status.get("details") or {}).get("outside_jurisdiction") or []
            lines.append(_line(end_metric, end, status, "narrows" if rest or outside else "closes", missing_after=rest))
    else:
        lines.append(_line(end_metric, end, status, "closes"))
    if load_metric and not row["active"]:
        limits = {
            "member": policy.member_link_load.target_households,
            "cadre": {str(k.value if hasattr(k, "value") else k): v for k, v in policy.cadre_load.max_active_pairings.items()},
        }
        person = {"id": start, "kind": "member" if kind == "household_links" else "cadre", "level": row["level"]}
        load = people.with_loads(graph, [person], day=as_of, limits=limits)[0]["load"]
        before = item_status(graph, metric=load_metric, ids=[start], as_of=as_of, policy=policy, personal=personal).get(start)
        lines.append(
            _line(load_metric, start, before, load_effect(load) or "none", load_before=load["count"], load_after=load["count"] + 1, limit=load["limit"])
        )
    return {
        "kind": kind,
        "start": start,
        "end": end,
        "as_of": as_of.isoformat(),
        "closes": [x for x in lines if x["effect"] == "closes"],
        "opens": [x for x in lines if x["effect"] == "opens"],
        "lines": lines,
    }
