"""What one person's phone reads: *my work* and *my record* (issue 26).

Every query is anchored on the account's own person (``{type, id}`` from
:func:`orgnet.accounts.field.person_of`), never on an id the phone sends, so a field account reads
its own records and nothing else.  Other people appear only by id and place, never by name (a
household's head, a medical worker's family: personal data, for planners); public names (regions,
enterprises, teams, checkpoints) are shown.

*What is due* (``due`` on each row; the total in ``due``): a pairing with no visit of mine this month
(``no_visit_this_month``), a linked household with no visit of mine this month (the same), a
family I support with no contact made this month (``no_contact_this_month``), and a deployment of my
team to a checkpoint with no shift recorded there today (``no_roster_today``: a shift without its
roster).  Visits and shifts are their own record kinds (:mod:`.visits`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from orgnet.graph.db import Graph, to_native

MAX_ROWS = 200

_ACTIVE = "NOT coalesce(r.voided, false) AND r.since <= $today AND (r.until IS NULL OR r.until >= $today)"

_PAIRINGS = f"""
MATCH (c:Cadre {{id: $id}})-[r:PAIRED_WITH]->(e:Enterprise)
WHERE {_ACTIVE}
OPTIONAL MATCH (place:Region {{id: e.region_id}})
RETURN e.id AS id, e.name AS name, e.kind AS kind, e.region_id AS region_id, place.name AS place, r.since AS since,
       COUNT {{ MATCH (v:EnterpriseVisit {{enterprise_id: e.id}})
               WHERE v.cadre_id = c.id AND v.date >= $month AND v.date <= $today AND NOT coalesce(v.voided, false) }} AS visits_this_month
ORDER BY id LIMIT {MAX_ROWS}
"""

_SUPPORTS = f"""
MATCH (c:Cadre {{id: $id}})-[r:SUPPORTS_FAMILY_OF|CARES_FOR]->(x)
WHERE {_ACTIVE}
OPTIONAL MATCH (place:Region {{id: x.region_id}})
RETURN CASE type(r) WHEN 'CARES_FOR' THEN 'duty_death_family' ELSE 'medical_worker_family' END AS kind,
       CASE type(r) WHEN 'CARES_FOR' THEN 'duty_death' ELSE 'medical_worker' END AS family_type,
       x.id AS id, place.name AS place, r.since AS since,
       COUNT {{ MATCH (v:FamilyVisit {{family_id: x.id}})
               WHERE v.cadre_id = c.id AND v.date >= $month AND v.date <= $today AND NOT coalesce(v.voided, false) }} AS contacts_this_month
ORDER BY kind, id LIMIT {MAX_ROWS}
"""

_HOUSEHOLDS = f"""
MATCH (m:PartyMember {{id: $id}})-[r:LINKS]->(h:Household)
WHERE {_ACTIVE}
OPTIONAL MATCH (place:Region {{id: h.region_id}})
RETURN h.id AS id, place.name AS place, r.since AS since,
       COUNT {{ MATCH (v:HouseholdVisit {{household_id: h.id}})
               WHERE v.member_id = m.id AND v.date >= $month AND v.date <= $today AND NOT coalesce(v.voided, false) }} AS visits_this_month
ORDER BY id LIMIT {MAX_ROWS}
"""

_DEPLOYMENTS = f"""
MATCH (m:PartyMember {{id: $id}})-[r:ON_TEAM]->(t:VolunteerTeam)
WHERE {_ACTIVE}
WITH t
MATCH (t)-[r:DEPLOYED_TO]->(target)
WHERE {_ACTIVE}
RETURN t.id AS team_id, t.name AS team, target.id AS target_id, target.name AS target,
       CASE WHEN target:Checkpoint THEN 'checkpoint' ELSE 'region' END AS target_type,
       coalesce(r.duties, []) AS duties, r.since AS since, r.until AS until,
       CASE WHEN target:Checkpoint THEN COUNT {{ MATCH (s:CheckpointShift {{checkpoint_id: target.id}})
                                            WHERE s.date = $today AND NOT coalesce(s.voided, false) }} END AS shifts_today,
       COLLECT {{ MATCH (mate:PartyMember)-[rm:ON_TEAM]->(t) WHERE NOT coalesce(rm.voided, false) AND rm.since <= $today
                  AND (rm.until IS NULL OR rm.until >= $today) RETURN mate.id ORDER BY mate.id LIMIT 50 }} AS team_members
ORDER BY team_id, since LIMIT {MAX_ROWS}
"""

_PLACES = f"""
MATCH (home:Region {{id: $region}})
OPTIONAL MATCH (child:Region)-[:PART_OF]->(home)
WITH home, child ORDER BY child.id
WITH home, collect(child {{.id, .name, .level}})[..{MAX_ROWS}] AS children
RETURN [home {{.id, .name, .level}}] + children AS places
"""


def _iso(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in to_native(r).items()} for r in rows]


def my_work(graph: Graph, *, person: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """The person's current assignments, with what is due, and the places they may record in."""
    params = {"id": person["id"], "today": today, "month": today.replace(day=1)}
    out: dict[str, Any] = {"person_type": person["type"], "as_of": today.isoformat(), "pairings": [], "households": [], "deployments": [], "families": []}
    if person["type"] == "cadre":
        pairings = _iso(graph.read(_PAIRINGS, params))
        for p in pairings:
            p["due"] = "no_visit_this_month" if p["visits_this_month"] == 0 else None
        out["pairings"] = pairings
        out["families"] = _iso(graph.read(_SUPPORTS, params))
        for f in out["families"]:
            f["due"] = "no_contact_this_month" if f["contacts_this_month"] == 0 else None
    elif person["type"] == "party_member":
        out["households"] = _iso(graph.read(_HOUSEHOLDS, params))
        for h in out["households"]:
            h["due"] = "no_visit_this_month" if h["visits_this_month"] == 0 else None
        out["deployments"] = _iso(graph.read(_DEPLOYMENTS, params))
        for d in out["deployments"]:
            d["due"] = "no_roster_today" if d["shifts_today"] == 0 else None
    rows = graph.read(_PLACES, {"region": person["region_id"]})
    out["places"] = rows[0]["places"] if rows else []
    out["due"] = sum(1 for part in ("pairings", "households", "deployments", "families") for p in out[part] if p.get("due"))
    return out


_ENTRIES = f"""
MATCH (f:FrontlineRecord)-[:RECORD_OF]->(:Cadre {{id: $id}})
OPTIONAL MATCH (place:Region {{id: f.region_id}})
RETURN f.id AS id, f.date AS date, f.kind AS kind, f.region_id AS region_id, place.name AS place, f.text AS text,
       coalesce(f.voided, false) AS voided, f.void_reason AS void_reason
ORDER BY date DESC, id DESC LIMIT {MAX_ROWS}
"""

_RECOGNITIONS = f"""
MATCH (x:Recognition {{person_type: $type, person_id: $id}})
WHERE NOT coalesce(x.voided, false)
RETURN x.id AS id, x.kind AS kind, x.level AS level, x.date AS date, x.awarding_body AS awarding_body
ORDER BY date DESC LIMIT {MAX_ROWS}
"""

_APPLICATIONS = f"""
MATCH (x:PartyApplication {{applicant_type: $type, applicant_id: $id}})
WHERE NOT coalesce(x.voided, false)
RETURN x.id AS id, x.submitted_on AS submitted_on, x.activist_on AS activist_on, x.probationary_on AS probationary_on,
       x.full_member_on AS full_member_on, x.declined_on AS declined_on
ORDER BY submitted_on DESC LIMIT {MAX_ROWS}
"""


def application_status(row: dict[str, Any]) -> str:
    """The stage an application has reached (as :attr:`orgnet.graph.model.PartyApplication.status`).

    >>> application_status({"submitted_on": "2020-01-01", "activist_on": "2020-02-01", "declined_on": None})
    'activist'
    """
    if row.get("declined_on"):
        return "declined"
    for name in ("full_member", "probationary", "activist"):
        if row.get(f"{name}_on"):
            return name
    return "submitted"


_VISITS = f"""
CALL () {{
  MATCH (v:EnterpriseVisit {{cadre_id: $id}}) WHERE $type = 'cadre' RETURN v, 'enterprise_visits' AS kind, v.enterprise_id AS target
  UNION ALL
  MATCH (v:FamilyVisit {{cadre_id: $id}}) WHERE $type = 'cadre' RETURN v, 'family_visits' AS kind, v.family_id AS target
  UNION ALL
  MATCH (v:HouseholdVisit {{member_id: $id}}) WHERE $type = 'party_member' RETURN v, 'household_visits' AS kind, v.household_id AS target
  UNION ALL
  MATCH (v:CheckpointShift) WHERE $type = 'party_member' AND $id IN v.on_duty RETURN v, 'checkpoint_shifts' AS kind, v.checkpoint_id AS target
}}
OPTIONAL MATCH (place:Region {{id: v.region_id}})
RETURN v.id AS id, kind, target, v.date AS date, place.name AS place, v.text AS text, size(coalesce(v.on_duty, [])) AS on_duty,
       coalesce(v.voided, false) AS voided, v.void_reason AS void_reason
ORDER BY date DESC, id DESC LIMIT {MAX_ROWS}
"""


def my_record(graph: Graph, *, person: dict[str, Any]) -> dict[str, Any]:
    """My frontline record entries (voided ones marked), my visits and shifts (a shift I was on
    counts, whoever recorded it), my recognitions and my applications' stages."""
    params = {"type": person["type"], "id": person["id"]}
    entries = _iso(graph.read(_ENTRIES, params)) if person["type"] == "cadre" else []
    applications = _iso(graph.read(_APPLICATIONS, params))
    for a in applications:
        a["status"] = application_status(a)
    return {
        "person_type": person["type"],
        "entries": entries,
        "visits": _iso(graph.read(_VISITS, params)),
        "recognitions": _iso(graph.read(_RECOGNITIONS, params)),
        "applications": applications,
    }
