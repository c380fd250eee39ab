"""An independent reference: every coverage metric computed with networkx from a bundle.

This module never reads Neo4j and never runs Cypher.  It builds a
:class:`networkx.MultiDiGraph` from the raw entities of a :class:`~orgnet.graph.model.Bundle`
(relationships as in docs/design.md §2, merged on the same keys as the loader: an assignment is one
edge per ``(from, to, since)``) and answers the same questions as the query library by walking
that graph: ancestors by following ``PART_OF`` edges, not the stored ancestor ids.  Tests compare
the two on generated scenarios.

As of a day, written here on its own (not from the metric units' declarations): a record dated
after the day is as if not yet recorded -- a promotion, an application, a death, a first day of
frontline service enter a population on their day; record entries, decisions, recognitions,
contacts, payments and assignments count from theirs (:func:`recorded_by`).  Frontline service is
the set of distinct days on duty up to the day.  :data:`RULES` names each metric's function.

It is over 400 lines because it holds one independent rule per metric (fifteen) on one graph: a
reviewer compares each with its Cypher unit side by side, and a split would spread the graph.

>>> from orgnet.graph.model import Bundle
>>> b = Bundle.model_validate({"regions": [
...     {"id": "C", "name": "市", "level": "city"},
...     {"id": "K", "name": "县", "level": "county", "parent_id": "C"},
...     {"id": "T", "name": "镇", "level": "town", "parent_id": "K"},
...     {"id": "V", "name": "村", "level": "village", "kind": "village", "parent_id": "T"}],
...   "party_orgs": [{"id": "o", "name": "支部", "region_id": "V"}]})
>>> ref = Reference(b)
>>> ref.rollup("party_org_presence", region_id="C", as_of=dt.date(2020, 3, 31), policy=default_policy())
{'region': (1, 1), 'groups': {'K': (1, 1)}}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from orgnet.coverage.policy import Policy, default_policy  # noqa: F401  (doctest)
from orgnet.graph.model import LEVELS, PERSON_LABELS, Bundle, Level

FEN = 0.005  # funding is compared to the fen (0.01 CNY)


def node(label: str, item_id: str) -> str:
    return f"{label}:{item_id}"


def recorded_by(when: dt.date | None, day: dt.date) -> bool:
    """Whether something dated ``when`` has happened by ``day`` (``None``: it has not happened)."""
    return when is not None and when <= day


def active(attrs: dict[str, Any], day: dt.date) -> bool:
    """Active on ``day``: ``since <= day`` and (no ``until`` or ``day <= until``)."""
    return attrs["since"] <= day and (attrs.get("until") is None or day <= attrs["until"])


@dataclass
class ItemResult:
    """One item of a metric's population: its region (``None``: none recorded), coverage, details."""

    id: str
    region_id: str | None
    covered: bool
    details: dict[str, Any] = field(default_factory=dict)


class Reference:
    """The bundle as a networkx graph, with every metric computed on it."""

    def __init__(
        self,
        bundle: Bundle,
        *,
        voided_nodes: Iterable[tuple[str, str]] = (),
        voided_edges: Iterable[tuple[str, str, str, dt.date | None]] = (),
    ) -> None:
        """``voided_nodes`` (``(label, id)``) and ``voided_edges`` (``(type, from, to, since)``, ends
        as :func:`node` keys) are records marked ``voided: true``: they count for no metric on any
        day (docs/design.md §3), so the reference drops them, as if never recorded."""
        g = nx.MultiDiGraph()
        self.graph = g
        self._ancestors: dict[str, list[str]] = {}
        self._evaluated: dict[tuple[Any, ...], dict[str, ItemResult]] = {}
        self._part_of: nx.DiGraph | None = None

        def edge(u: str, v: str, rel: str, since: dt.date | None = None, **attrs: Any) -> None:
            # one edge per (u, v, type, since), like the loader's MERGE; later records win
            g.add_edge(u, v, key=(rel, since), type=rel, since=since, **attrs)

        for r in bundle.regions:
            g.add_node(node("Region", r.id), label="Region", id=r.id, name=r.name, level=r.level, kind=r.kind)
        for r in bundle.regions:
            if r.parent_id:
                edge(node("Region", r.id), node("Region", r.parent_id), "PART_OF")
        for o in bundle.party_orgs:
            g.add_node(node("PartyOrg", o.id), label="PartyOrg", id=o.id)
            edge(node("PartyOrg", o.id), node("Region", o.region_id), "LOCATED_IN")
        for c in bundle.cadres:
            g.add_node(node("Cadre", c.id), label="Cadre", id=c.id, level=c.level)
            edge(node("Cadre", c.id), node("Region", c.region_id), "SERVES_IN")
        for e in bundle.enterprises:
            g.add_node(node("Enterprise", e.id), label="Enterprise", id=e.id, kind=e.kind)
            edge(node("Enterprise", e.id), node("Region", e.region_id), "LOCATED_IN")
        for p in bundle.pairings:
            edge(node("Cadre", p.cadre_id), node("Enterprise", p.enterprise_id), "PAIRED_WITH", p.since, until=p.until)
        for ch in bundle.central_households:
            g.add_node(node("CentralHousehold", ch.id), label="CentralHousehold", id=ch.id)
            edge(node("CentralHousehold", ch.id), node("Region", ch.region_id), "LOCATED_IN")
        for m in bundle.party_members:
            g.add_node(node("PartyMember", m.id), label="PartyMember", id=m.id, rural=m.rural)
            edge(node("PartyMember", m.id), node("Region", m.region_id), "LIVES_IN")
            if m.central_household_id:
                edge(node("PartyMember", m.id), node("CentralHousehold", m.central_household_id), "IN_CENTRAL_HOUSEHOLD")
        for h in bundle.households:
            g.add_node(node("Household", h.id), label="Household", id=h.id)
            edge(node("Household", h.id), node("Region", h.region_id), "LOCATED_IN")
        for link in bundle.household_links:
            edge(node("PartyMember", link.member_id), node("Household", link.household_id), "LINKS", link.since, until=link.until)
        for t in bundle.volunteer_teams:
            g.add_node(node("VolunteerTeam", t.id), label="VolunteerTeam", id=t.id, name=t.name)
        for tm in bundle.team_memberships:
            edge(node("PartyMember", tm.member_id), node("VolunteerTeam", tm.team_id), "ON_TEAM", tm.since, until=tm.until)
        for cp in bundle.checkpoints:
            g.add_node(node("Checkpoint", cp.id), label="Checkpoint", id=cp.id, kind=cp.kind, name=cp.name)
            edge(node("Checkpoint", cp.id), node("Region", cp.region_id), "LOCATED_IN")
        for dep in bundle.deployments:
            target = node("Region" if dep.target_type == "region" else "Checkpoint", dep.target_id)
            edge(node("VolunteerTeam", dep.team_id), target, "DEPLOYED_TO", dep.since, until=dep.until)
        for w in bundle.medical_workers:
            # the family's region is a property in the database too (no relationship)
            g.add_node(node("MedicalWorker", w.id), label="MedicalWorker", id=w.id, region_id=w.region_id, batch=w.batch, destination=w.destination)
        for s in bundle.family_supports:
            label = "PartyOrg" if s.supporter_type == "party_org" else "Cadre"
            edge(node(label, s.supporter_id), node("MedicalWorker", s.medical_worker_id), "SUPPORTS_FAMILY_OF", s.since, until=s.until)
        for a in bundle.allocations:
            g.add_node(node("Allocation", a.id), label="Allocation", id=a.id, fund=a.fund, amount=a.amount, date=a.date)
            edge(node("Allocation", a.id), node("Region", a.region_id), "TO")
        for t in bundle.talents:
            g.add_node(node("Talent", t.id), label="Talent", id=t.id)
        for fr in bundle.frontline_records:
            g.add_node(node("FrontlineRecord", fr.id), label="FrontlineRecord", id=fr.id, date=fr.date, kind=fr.kind)
            edge(node("FrontlineRecord", fr.id), node("Cadre", fr.cadre_id), "RECORD_OF")
        for rec in bundle.recognitions:
            g.add_node(node("Recognition", rec.id), label="Recognition", id=rec.id, kind=rec.kind, date=rec.date, region_id=rec.region_id)
            edge(node("Recognition", rec.id), node(PERSON_LABELS[rec.person_type], rec.person_id), "RECOGNISES")
        for a in bundle.party_applications:
            g.add_node(node("PartyApplication", a.id), label="PartyApplication", id=a.id, region_id=a.region_id, record=a)
        for dd in bundle.duty_deaths:
            g.add_node(node("DutyDeath", dd.id), label="DutyDeath", id=dd.id, date=dd.date, person_type=dd.person_type, region_id=dd.region_id)
        for c in bundle.care_contacts:
            label = "PartyOrg" if c.supporter_type == "party_org" else "Cadre"
            edge(node(label, c.supporter_id), node("DutyDeath", c.duty_death_id), "CARES_FOR", c.since, until=c.until)
        for pay in bundle.care_payments:
            g.add_node(node("CarePayment", pay.id), label="CarePayment", id=pay.id, date=pay.date)
            edge(node("CarePayment", pay.id), node("DutyDeath", pay.duty_death_id), "PAID_TO")
        for ev in bundle.enterprise_visits:
            # the ids a visit names are properties in the database too (no relationship)
            g.add_node(node("EnterpriseVisit", ev.id), label="EnterpriseVisit", id=ev.id, date=ev.date, cadre_id=ev.cadre_id, enterprise_id=ev.enterprise_id)
        for rel, u, v, since in voided_edges:
            g.remove_edge(u, v, key=(rel, since))
        g.remove_nodes_from([node(label, item_id) for label, item_id in voided_nodes])

    # ----------------------------------------------------------------- graph walking

    def _out(self, n: str, rel: str) -> Iterable[tuple[str, dict[str, Any]]]:
        for _, v, attrs in self.graph.out_edges(n, data=True):
            if attrs["type"] == rel:
                yield v, attrs

    def _in(self, n: str, rel: str) -> Iterable[tuple[str, dict[str, Any]]]:
        for u, _, attrs in self.graph.in_edges(n, data=True):
            if attrs["type"] == rel:
                yield u, attrs

    def _nodes(self, label: str) -> list[str]:
        return sorted(n for n, a in self.graph.nodes(data=True) if a.get("label") == label)

    def ancestors(self, region_id: str) -> list[str]:
        """The region and its ancestors, nearest first, by following ``PART_OF``."""
        if region_id not in self._ancestors:
            out, n = [], node("Region", region_id)
            while n is not None:
                out.append(self.graph.nodes[n]["id"])
                n = next((v for v, _ in self._out(n, "PART_OF")), None)
            self._ancestors[region_id] = out
        return self._ancestors[region_id]

    def level_of(self, region_id: str) -> Level:
        return Level(self.graph.nodes[node("Region", region_id)]["level"])

    def ancestor_at(self, region_id: str, level: Level | str) -> str | None:
        return next((a for a in self.ancestors(region_id) if self.level_of(a) == Level(level)), None)

    def regions_under(self, region_id: str) -> list[str]:
        """The region and every region below it (reverse ``PART_OF`` reachability)."""
        n = node("Region", region_id)
        if self._part_of is None:
            self._part_of = nx.DiGraph((v, u) for u, v, a in self.graph.edges(data=True) if a["type"] == "PART_OF")
        part_of = self._part_of
        below = nx.descendants(part_of, n) if n in part_of else set()
        return sorted([region_id, *(self.graph.nodes[b]["id"] for b in below)])

    def _located(self, n: str, rel: str) -> str | None:
        return next((self.graph.nodes[v]["id"] for v, _ in self._out(n, rel)), None)

    def is_under(self, item_region: str | None, region_id: str) -> bool:
        if item_region is None:  # no region recorded: only the city counts it
            return self.level_of(region_id) == Level.city
        return region_id in self.ancestors(item_region)

    # ----------------------------------------------------------------- metrics

    def evaluate(
        self,
        metric: str,
        *,
        as_of: dt.date,
        policy: Policy,
        unavailable: dict[str, Iterable[str]] | None = None,
    ) -> dict[str, ItemResult]:
        """Every item of the metric's population with its coverage on ``as_of``."""
        un = {k: set(v) for k, v in (unavailable or {}).items()}
        key = (metric, as_of, policy.model_dump_json(), tuple(sorted((k, tuple(sorted(v))) for k, v in un.items())))
        if key not in self._evaluated:
            rule = RULES[metric]
            self._evaluated[key] = {r.id: r for r in rule(self, as_of, policy, un.get("cadres", set()), un.get("members", set()), un.get("teams", set()))}
        return self._evaluated[key]

    def _m_enterprise_pairing(self, d, policy, un_cadres, _m, _t):
        req = policy.enterprise_pairing.required_levels
        for n in self._nodes("Enterprise"):
            e = self.graph.nodes[n]
            region = self._located(n, "LOCATED_IN")
            levels = [lvl.value for lvl in req.get(e["kind"], [])]
            ok_levels, outside = set(), []
            for c, attrs in self._in(n, "PAIRED_WITH"):
                cadre = self.graph.nodes[c]
                if not active(attrs, d) or cadre["id"] in un_cadres:
                    continue
                jurisdiction = self._located(c, "SERVES_IN")
                if jurisdiction is not None and jurisdiction == self.ancestor_at(region, cadre["level"]):
                    ok_levels.add(Level(cadre["level"]).value)
                else:
                    outside.append({"cadre_id": cadre["id"], "level": Level(cadre["level"]).value})
            missing = [lvl for lvl in levels if lvl not in ok_levels]
            yield ItemResult(
                e["id"],
                region,
                not missing,
                {
                    "kind": e["kind"],
                    "required_levels": levels,
                    "missing_levels": missing,
                    "outside_jurisdiction": sorted(outside, key=lambda o: (o["cadre_id"], o["level"])),
                },
            )

    def _m_cadre_load(self, d, policy, _c, _m, _t):
        for n in self._nodes("Cadre"):
            c = self.graph.nodes[n]
            n_active = sum(1 for _, a in self._out(n, "PAIRED_WITH") if active(a, d))
            maximum = policy.cadre_load.max_active_pairings[Level(c["level"])]
            yield ItemResult(
                c["id"],
                self._located(n, "SERVES_IN"),
                n_active <= maximum,
                {"level": Level(c["level"]).value, "active_pairings": n_active, "maximum": maximum},
            )

    def _village_units(self, community_only: bool) -> list[str]:
        return [
            n
            for n in self._nodes("Region")
            if self.graph.nodes[n]["level"] == Level.village and (not community_only or self.graph.nodes[n]["kind"] == "community")
        ]

    def _m_party_org_presence(self, d, policy, _c, _m, _t):
        for n in self._village_units(False):
            v = self.graph.nodes[n]
            orgs = sum(1 for u, _ in self._in(n, "LOCATED_IN") if self.graph.nodes[u]["label"] == "PartyOrg")
            yield ItemResult(v["id"], v["id"], orgs > 0, {"kind": v["kind"], "party_orgs": orgs})

    def _m_household_linkage(self, d, policy, _c, un_members, _t):
        for n in self._nodes("Household"):
            linking = {self.graph.nodes[u]["id"] for u, a in self._in(n, "LINKS") if active(a, d)} - un_members
            ended = [a["until"] for _, a in self._in(n, "LINKS") if a.get("until") is not None and a["until"] < d]
            yield ItemResult(
                self.graph.nodes[n]["id"],
                self._located(n, "LOCATED_IN"),
                bool(linking),
                {"active_links": len(linking), "last_link_ended": max(ended).isoformat() if ended else None},
            )

    def _m_member_link_load(self, d, policy, _c, _m, _t):
        target = policy.member_link_load.target_households
        for n in self._nodes("PartyMember"):
            m = self.graph.nodes[n]
            if not m["rural"]:
                continue
            households = {v for v, a in self._out(n, "LINKS") if active(a, d)}
            yield ItemResult(m["id"], self._located(n, "LIVES_IN"), len(households) == target, {"active_links": len(households), "target": target})

    def _m_central_household_size(self, d, policy, _c, un_members, _t):
        target = policy.central_household_size.target_members
        for n in self._nodes("CentralHousehold"):
            members = {self.graph.nodes[u]["id"] for u, _ in self._in(n, "IN_CENTRAL_HOUSEHOLD")} - un_members
            yield ItemResult(self.graph.nodes[n]["id"], self._located(n, "LOCATED_IN"), len(members) == target, {"members": len(members), "target": target})

    def _teams_at(self, n: str, d: dt.date, policy: Policy, un_members: set[str], un_teams: set[str]) -> tuple[bool, list[dict[str, Any]]]:
        deployed = {}
        for t, a in self._in(n, "DEPLOYED_TO"):
            team_id = self.graph.nodes[t]["id"]
            if not active(a, d) or team_id in un_teams:
                continue
            members = {self.graph.nodes[u]["id"] for u, oa in self._in(t, "ON_TEAM") if active(oa, d)} - un_members
            deployed[team_id] = len(members)
        ok = any(size >= policy.teams.min_team_size for size in deployed.values())
        return ok, [{"team_id": k, "active_members": v} for k, v in sorted(deployed.items())]

    def _m_community_teams(self, d, policy, _c, un_members, un_teams):
        for n in self._village_units(True):
            ok, deployed = self._teams_at(n, d, policy, un_members, un_teams)
            v = self.graph.nodes[n]["id"]
            yield ItemResult(v, v, ok, {"deployed": deployed, "min_team_size": policy.teams.min_team_size})

    def _m_checkpoint_staffing(self, d, policy, _c, un_members, un_teams):
        for n in self._nodes("Checkpoint"):
            ok, deployed = self._teams_at(n, d, policy, un_members, un_teams)
            yield ItemResult(
                self.graph.nodes[n]["id"],
                self._located(n, "LOCATED_IN"),
                ok,
                {"kind": self.graph.nodes[n]["kind"], "deployed": deployed, "min_team_size": policy.teams.min_team_size},
            )

    def _m_medical_family_support(self, d, policy, un_cadres, _m, _t):
        for n in self._nodes("MedicalWorker"):
            w = self.graph.nodes[n]
            supporters = {
                u
                for u, a in self._in(n, "SUPPORTS_FAMILY_OF")
                if active(a, d) and not (self.graph.nodes[u]["label"] == "Cadre" and self.graph.nodes[u]["id"] in un_cadres)
            }
            ended = [a["until"] for _, a in self._in(n, "SUPPORTS_FAMILY_OF") if a.get("until") is not None and a["until"] < d]
            yield ItemResult(
                w["id"],
                w["region_id"],
                bool(supporters),
                {
                    "batch": w["batch"],
                    "destination": w["destination"],
                    "active_supports": len(supporters),
                    "last_support_ended": max(ended).isoformat() if ended else None,
                },
            )

    def _m_community_funding(self, d, policy, _c, _m, _t):
        f = policy.community_funding
        for n in self._village_units(True):
            allocated = 0.0
            for u, _ in self._in(n, "TO"):
                a = self.graph.nodes[u]
                if a["fund"] in f.funds and a["date"] <= d:
                    allocated += a["amount"]
            v = self.graph.nodes[n]["id"]
            standard = float(f.standard_cny)
            yield ItemResult(
                v,
                v,
                allocated + FEN >= standard,
                {"allocated": allocated, "standard": standard, "shortfall": max(0.0, standard - allocated)},
            )

    # ----------------------------------------------------------------- incentives (issue 13)

    def _m_frontline_recognition(self, d, policy, _c, _m, _t):
        """People by id: a team member (where they live) and a cadre with a frontline record entry
        (where they serve); a member and a cadre with the same id are one person, found as the member
        when on a team.  In the population on ``d`` once their service has begun by then."""
        p = policy.incentives
        people: dict[str, str] = {}  # id -> the record the person is found through
        for n in self._nodes("Cadre"):
            if any(True for _ in self._in(n, "RECORD_OF")):
                people[self.graph.nodes[n]["id"]] = n
        for n in self._nodes("PartyMember"):
            if any(True for _ in self._out(n, "ON_TEAM")):
                people[self.graph.nodes[n]["id"]] = n
        for pid, found in people.items():
            records = [x for x in (node("PartyMember", pid), node("Cadre", pid)) if x in self.graph]
            on_duty: set[dt.date] = set()  # every day on duty up to d, each once
            stints = []  # (days up to d, team, place) per membership x deployment begun by d
            for x in records:
                for team, o in self._out(x, "ON_TEAM"):
                    for place, dep in self._out(team, "DEPLOYED_TO"):
                        if not (recorded_by(o["since"], d) and recorded_by(dep["since"], d)):
                            continue
                        first = max(o["since"], dep["since"])
                        ends = [e for e in (o.get("until"), dep.get("until")) if e is not None]
                        if ends and min(ends) < first:
                            continue  # the membership and the deployment never overlap
                        last = min([d, *ends])
                        days = {first + dt.timedelta(days=k) for k in range((last - first).days + 1)}
                        on_duty |= days
                        stints.append((len(days), self.graph.nodes[team]["name"], self.graph.nodes[place]["name"], first))
            entries = sorted(
                (self.graph.nodes[u]["date"], self.graph.nodes[u]["id"], self.graph.nodes[u]["kind"])
                for x in records
                for u, _ in self._in(x, "RECORD_OF")
                if recorded_by(self.graph.nodes[u]["date"], d)
            )
            started = [s[3] for s in stints] + [e[0] for e in entries]
            if not started:
                continue  # service not begun by d: not in the population yet
            reached = len(on_duty) >= p.frontline_min_days or len(entries) >= p.min_record_entries
            recognised = any(
                p.recognition_since <= self.graph.nodes[u]["date"] and recorded_by(self.graph.nodes[u]["date"], d)
                for x in records
                for u, _ in self._in(x, "RECOGNISES")
            )
            most = sorted(stints, key=lambda s: (-s[0], s[1], s[2]))[0] if stints else (None, None, None)
            service = "both" if stints and entries else "records" if entries else "team"
            region = self._located(found, "LIVES_IN" if self.graph.nodes[found]["label"] == "PartyMember" else "SERVES_IN")
            yield ItemResult(
                pid,
                region,
                not reached or recognised,
                {
                    "days": len(on_duty) if stints else None,
                    "team": most[1],
                    "place": most[2],
                    "min_days": p.frontline_min_days,
                    "entries": len(entries),
                    "first_entry_on": entries[0][0].isoformat() if entries else None,
                    "entry_kinds": sorted({e[2] for e in entries}),
                    "min_entries": p.min_record_entries,
                    "service": service,
                    "label": self.graph.nodes[found]["label"],  # the record the person was found as
                },
            )

    def _m_record_backed_promotion(self, d, policy, _c, _m, _t):
        """A promotion is in the population from its date; the records read are those by ``d``."""
        for n in self._nodes("Recognition"):
            rec = self.graph.nodes[n]
            cadre = next((v for v, _ in self._out(n, "RECOGNISES") if self.graph.nodes[v]["label"] == "Cadre"), None)
            if cadre is None or rec["kind"] not in policy.incentives.backed_kinds or not recorded_by(rec["date"], d):
                continue
            days = sorted(self.graph.nodes[u]["date"] for u, _ in self._in(cadre, "RECORD_OF") if recorded_by(self.graph.nodes[u]["date"], d))
            first = days[0] if days else None
            standing = "none" if first is None else "before" if first < rec["date"] else "same_day" if first == rec["date"] else "after"
            yield ItemResult(
                rec["id"],
                rec["region_id"],
                standing == "before",
                {"kind": rec["kind"], "date": rec["date"].isoformat(), "first_record_on": first.isoformat() if first else None, "record": standing},
            )

    def _m_application_followup(self, d, policy, _c, _m, _t):
        """An application is in the population from its submission; a decision counts once made."""
        days = policy.incentives.followup_days
        for n in self._nodes("PartyApplication"):
            a = self.graph.nodes[n]["record"]
            if not a.at_front or not recorded_by(a.submitted_on, d):
                continue
            deadline = a.submitted_on + dt.timedelta(days=days)
            stages = (a.activist_on, a.probationary_on, a.full_member_on, a.declined_on)
            decided = next((x for x in stages if x is not None), None)
            decided = decided if recorded_by(decided, d) else None
            yield ItemResult(
                a.id,
                a.region_id,
                d <= deadline or (decided is not None and decided <= deadline),
                {
                    "applicant_type": a.applicant_type,
                    "submitted_on": a.submitted_on.isoformat(),
                    "decided_on": decided.isoformat() if decided else None,
                    "followup_days": days,
                },
            )

    def _m_duty_death_family_care(self, d, policy, un_cadres, _m, _t):
        """A death is in the population from its day; contacts and payments count once begun or made."""
        for n in self._nodes("DutyDeath"):
            dd = self.graph.nodes[n]
            if not recorded_by(dd["date"], d):
                continue
            contacts = sum(
                1
                for u, a in self._in(n, "CARES_FOR")
                if active(a, d) and not (self.graph.nodes[u]["label"] == "Cadre" and self.graph.nodes[u]["id"] in un_cadres)
            )
            payments = sum(1 for u, _ in self._in(n, "PAID_TO") if recorded_by(self.graph.nodes[u]["date"], d))
            yield ItemResult(
                dd["id"],
                dd["region_id"],
                contacts > 0 and payments > 0,
                {"died_on": dd["date"].isoformat(), "person_type": dd["person_type"], "active_contacts": contacts, "payments": payments},
            )

    def _m_pairing_visits(self, d, policy, _c, _m, _t):
        """An enterprise is in the population while a pairing is in force; each pairing in force for
        the window's days needs its own cadre's visit dated in the window (the day included)."""
        window = policy.pairing_visits.window_days
        start = d - dt.timedelta(days=window - 1)
        visits: dict[tuple[str, str], list[dt.date]] = {}
        for n in self._nodes("EnterpriseVisit"):
            v = self.graph.nodes[n]
            if recorded_by(v["date"], d):
                visits.setdefault((v["enterprise_id"], v["cadre_id"]), []).append(v["date"])
        for n in self._nodes("Enterprise"):
            e = self.graph.nodes[n]
            in_force = [(self.graph.nodes[c], a) for c, a in self._in(n, "PAIRED_WITH") if active(a, d) and c in self.graph]
            if not in_force:
                continue
            due = {c["id"]: c["level"] for c, a in in_force if a["since"] <= start}
            lapsed, never = [], []
            for cadre_id, level in sorted(due.items()):
                days = visits.get((e["id"], cadre_id), [])
                if not days:
                    never.append({"cadre_id": cadre_id, "level": Level(level).value})
                elif max(days) < start:
                    lapsed.append({"cadre_id": cadre_id, "level": Level(level).value, "last_visit_on": max(days).isoformat()})
            yield ItemResult(
                e["id"],
                self._located(n, "LOCATED_IN"),
                not lapsed and not never,
                {"kind": e["kind"], "window_days": window, "pairings": len({c["id"] for c, _ in in_force}), "lapsed": lapsed, "never": never},
            )

    # ----------------------------------------------------------------- rollups and gaps

    def rollup(self, metric: str, *, region_id: str, as_of: dt.date, policy: Policy, group_level: Level | str | None = None) -> dict[str, Any]:
        """``{"region": (covered, total), "groups": {group_id: (covered, total)}}`` with explicit zeros."""
        level = self.level_of(region_id)
        if group_level is None:
            group_level = LEVELS[level.rank + 1] if level.rank + 1 < len(LEVELS) else None
        groups: dict[str, list[int]] = {}
        if group_level is not None:
            for r in self.regions_under(region_id):
                if self.level_of(r) == Level(group_level):
                    groups[r] = [0, 0]
        covered = total = 0
        for item in self.evaluate(metric, as_of=as_of, policy=policy).values():
            if not self.is_under(item.region_id, region_id):
                continue
            total += 1
            covered += item.covered
            gid = self.ancestor_at(item.region_id, group_level) if (group_level and item.region_id) else None
            if gid in groups:
                groups[gid][0] += item.covered
                groups[gid][1] += 1
        return {"region": (covered, total), "groups": {k: (v[0], v[1]) for k, v in sorted(groups.items())}}

    def gaps(self, metric: str, *, region_id: str, as_of: dt.date, policy: Policy) -> list[ItemResult]:
        """Uncovered items under the region, by id."""
        items = self.evaluate(metric, as_of=as_of, policy=policy).values()
        return sorted((i for i in items if not i.covered and self.is_under(i.region_id, region_id)), key=lambda i: i.id)

    def newly_uncovered(self, metric: str, *, region_id: str, as_of: dt.date, policy: Policy, unavailable: dict[str, Iterable[str]]) -> list[str]:
        """Ids covered now and uncovered when ``unavailable`` people and teams drop out."""
        before = self.evaluate(metric, as_of=as_of, policy=policy)
        after = self.evaluate(metric, as_of=as_of, policy=policy, unavailable=unavailable)
        return sorted(i for i, r in after.items() if before[i].covered and not r.covered and self.is_under(r.region_id, region_id))


RULES: dict[str, Callable[..., Iterable[ItemResult]]] = {
    "enterprise_pairing": Reference._m_enterprise_pairing,
    "cadre_load": Reference._m_cadre_load,
    "party_org_presence": Reference._m_party_org_presence,
    "household_linkage": Reference._m_household_linkage,
    "member_link_load": Reference._m_member_link_load,
    "central_household_size": Reference._m_central_household_size,
    "community_teams": Reference._m_community_teams,
    "checkpoint_staffing": Reference._m_checkpoint_staffing,
    "medical_family_support": Reference._m_medical_family_support,
    "community_funding": Reference._m_community_funding,
    "frontline_recognition": Reference._m_frontline_recognition,
    "record_backed_promotion": Reference._m_record_backed_promotion,
    "application_followup": Reference._m_application_followup,
    "duty_death_family_care": Reference._m_duty_death_family_care,
    "pairing_visits": Reference._m_pairing_visits,
}
"""Each metric's rule on the graph, by name: called as ``rule(reference, day, policy, unavailable
cadres, members, teams)`` (an explicit table, so a reader finds every caller)."""
