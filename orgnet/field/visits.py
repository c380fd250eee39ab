"""Visits and shifts written from the phone (issue 26): a visit to a paired enterprise, a shift at a
checkpoint with who was on duty, a household visit, a care contact with a family.

Each is a record of its own kind (``enterprise_visits``, ``checkpoint_shifts``, ``household_visits``,
``family_visits``: :mod:`orgnet.graph.model`) written through :func:`orgnet.writes.workflow.create_record`
like the frontline entries (:mod:`.entries`): validated as an import is, audited with the account,
idempotent on the phone's key, every id it names checked against a scope
(:mod:`orgnet.writes.references`).  What the phone may choose is only the *target* among its own
current work, the date, the text and (for a shift) the roster; the rest is filled here:

- the visitor is the account's person, ``recorded_by`` the account's name;
- the target must be one of *my* current assignments (a pairing, a linked household, a checkpoint
  my team is deployed to, a family I support), otherwise 404 as for an id that does not exist;
- a shift's roster may name only members of a team deployed to that checkpoint (and always
  includes me);
- the record's region is the target's, and the scope the workflow checks every named id against is
  my own region and the target's (plus, for a shift, the roster's homes, each verified above).

>>> visit_id("checkpoint_shifts", "acc-0123456789ab", "k-1")[:5]
'cs-m-'
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from orgnet.api.deps import Caller
from orgnet.api.scope import regions_outside_scope
from orgnet.coverage.policy import Policy
from orgnet.errors import InvalidInput, NotFound
from orgnet.graph.db import Graph
from orgnet.writes import workflow
from orgnet.writes.idempotency import check_key, fingerprint, scoped_key

_ACTIVE = "NOT coalesce(r.voided, false) AND r.since <= $today AND (r.until IS NULL OR r.until >= $today)"


@dataclass(frozen=True)
class VisitKind:
    section: str
    prefix: str
    person_type: str
    fields: tuple[str, ...]  # what the phone sends besides date and text
    target: str  # the query finding the target among my work: returns region (and roster for a shift)


VISIT_KINDS: dict[str, VisitKind] = {
    "enterprise_visits": VisitKind(
        "enterprise_visits",
        "ev-m-",
        "cadre",
        ("enterprise_id",),
        f"MATCH (:Cadre {{id: $me}})-[r:PAIRED_WITH]->(t:Enterprise {{id: $enterprise_id}}) WHERE {_ACTIVE} RETURN t.region_id AS region LIMIT 1",
    ),
    "household_visits": VisitKind(
        "household_visits",
        "hv-m-",
        "party_member",
        ("household_id",),
        f"MATCH (:PartyMember {{id: $me}})-[r:LINKS]->(t:Household {{id: $household_id}}) WHERE {_ACTIVE} RETURN t.region_id AS region LIMIT 1",
    ),
    "checkpoint_shifts": VisitKind(
        "checkpoint_shifts",
        "cs-m-",
        "party_member",
        ("checkpoint_id", "on_duty"),
        f"""
MATCH (:PartyMember {{id: $me}})-[r:ON_TEAM]->(team:VolunteerTeam) WHERE {_ACTIVE}
MATCH (team)-[r2:DEPLOYED_TO]->(t:Checkpoint {{id: $checkpoint_id}})
WHERE NOT coalesce(r2.voided, false) AND r2.since <= $today AND (r2.until IS NULL OR r2.until >= $today)
MATCH (m:PartyMember)-[r3:ON_TEAM]->(team)
WHERE NOT coalesce(r3.voided, false) AND r3.since <= $today AND (r3.until IS NULL OR r3.until >= $today)
RETURN t.region_id AS region, collect(DISTINCT m.id) AS team, collect(DISTINCT m.region_id) AS homes
""",
    ),
    "family_visits": VisitKind(
        "family_visits",
        "fc-m-",
        "cadre",
        ("family_type", "family_id"),
        f"""
MATCH (:Cadre {{id: $me}})-[r:SUPPORTS_FAMILY_OF|CARES_FOR]->(t) WHERE {_ACTIVE} AND t.id = $family_id
  AND ((type(r) = 'SUPPORTS_FAMILY_OF' AND $family_type = 'medical_worker') OR (type(r) = 'CARES_FOR' AND $family_type = 'duty_death'))
RETURN t.region_id AS region LIMIT 1
""",
    ),
}


def visit_id(section: str, account_id: str, key: str) -> str:
    return VISIT_KINDS[section].prefix + hashlib.sha256(f"{section}\n{account_id}\n{key}".encode()).hexdigest()[:24]


def _checked(kind: VisitKind, body: Any, *, today: dt.date) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise InvalidInput("A visit is a JSON object.", errors=[{"field": "body", "reason": "not an object"}])
    allowed = {"date", "text", *kind.fields}
    extra = sorted(set(body) - allowed)
    if extra:
        raise InvalidInput("The visit has fields the phone may not set.", errors=[{"field": f, "reason": "not allowed"} for f in extra])
    missing = sorted(f for f in ("date", *kind.fields) if f not in body)
    if missing:
        raise InvalidInput("The visit lacks fields.", errors=[{"field": f, "reason": "required"} for f in missing])
    bad = [f for f in kind.fields if f != "on_duty" and not isinstance(body[f], str)]
    if kind.section == "checkpoint_shifts" and not (isinstance(body["on_duty"], list) and all(isinstance(m, str) for m in body["on_duty"])):
        bad.append("on_duty")
    if bad:
        raise InvalidInput("The visit has fields of the wrong type.", errors=[{"field": f, "reason": "wrong type"} for f in bad])
    day = body["date"]
    if isinstance(day, str):
        try:
            if dt.date.fromisoformat(day) > today + dt.timedelta(days=1):
                raise InvalidInput("A visit cannot be dated in the future.", errors=[{"field": "date", "reason": "in the future"}])
        except ValueError:
            pass  # the record's own validation names it
    return body


def record_visit(
    graph: Graph,
    *,
    section: str,
    person: dict[str, Any],
    account_id: str,
    body: Any,
    key: str | None,
    method: str,
    path: str,
    policy: Policy | None,
    today: dt.date,
) -> workflow.WriteResult:
    """Write the visit or shift (201; the same key and body again: the first answer again)."""
    kind = VISIT_KINDS.get(section)
    if kind is None:
        raise NotFound(f"No visit kind {section!r}; kinds: {', '.join(VISIT_KINDS)}.")
    if person["type"] != kind.person_type:
        raise InvalidInput(f"{section} are recorded by a {kind.person_type}.", errors=[{"field": "person", "reason": f"not a {kind.person_type}"}])
    if key is None:
        raise InvalidInput("A visit from the phone needs an Idempotency-Key.", errors=[{"field": "Idempotency-Key", "reason": "required"}])
    key = check_key(key)
    fields = _checked(kind, body, today=today)
    rows = graph.read(kind.target, {"me": person["id"], "today": today, **{f: fields[f] for f in kind.fields if f != "on_duty"}})
    if not rows or rows[0]["region"] is None:
        raise NotFound("Not among your current work.")
    region = rows[0]["region"]
    area = [person["region_id"], region]
    text = fields.get("text")
    text = (text.strip() or None) if isinstance(text, str) else text  # anything else: the record's validation names it
    data: dict[str, Any] = {"date": fields["date"], "text": text, **{f: fields[f] for f in kind.fields}}
    person_field = "cadre_id" if kind.person_type == "cadre" else "member_id"
    if section == "checkpoint_shifts":
        roster = list(dict.fromkeys([person["id"], *fields["on_duty"]]))
        strangers = sorted(set(roster) - set(rows[0]["team"]))
        if strangers:
            raise InvalidInput(
                "Only members of a team deployed to this checkpoint can be on its roster.",
                errors=[{"field": "on_duty", "reason": f"{m} is not on a team deployed here"} for m in strangers[:20]],
            )
        data["on_duty"] = roster
        area += [h for h in rows[0]["homes"] if h]
    data.update({"id": visit_id(section, account_id, key), person_field: person["id"], "region_id": region, "recorded_by": person["name"]})
    scope = Caller(role="field", account=account_id, scope=tuple(dict.fromkeys(area)))

    def in_area(region_ids: list[str]) -> None:
        if not region_ids or regions_outside_scope(graph, caller=scope, region_ids=region_ids):
            raise NotFound("No such record.")

    return workflow.create_record(
        graph,
        section=section,
        data=data,
        author=workflow.Author(path="api", account=account_id, role="field"),
        policy=policy,
        in_scope=in_area,
        idem=workflow.Idempotency(key=scoped_key(account_id, key), fingerprint=fingerprint(method, path, fields)),
    )
