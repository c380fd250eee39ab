"""Small random scenarios full of edge cases, for comparing the Cypher with the reference.

Unlike the seed (``orgnet.seed``), these bundles are tiny and adversarial: cadres paired
outside their jurisdiction, links ending the day before or starting the day after the
reference day, members with 9, 10 or 11 households, communities funded 49,999 CNY, teams with
no active member, enterprises located at town, county or city level, regions with nothing in
them, medical workers with no family region.  Every kind of dated record also comes dated after
every day the tests ask about (:data:`LATE`: a day after ``AS_OF`` + 20, the last day they ask), so a
query that counts a record dated after the day fails the comparison with the reference.

>>> b = random_bundle(1, size=1)
>>> b.total_records() > 0 and {r.level.value for r in b.regions} == {"city", "county", "town", "village"}
True
>>> random_bundle(1, size=1) == random_bundle(1, size=1)
True
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from orgnet.graph.model import Bundle

AS_OF = dt.date(2020, 3, 31)
LATE = 30
"""Days after ``AS_OF`` of the records dated after every day the reference tests ask about (up to ``AS_OF`` + 20)."""
SINCES = [dt.date(2020, 1, 25), dt.date(2020, 2, 10), AS_OF, AS_OF + dt.timedelta(days=1), AS_OF + dt.timedelta(days=LATE)]
UNTILS = [None, None, None, AS_OF - dt.timedelta(days=1), AS_OF, dt.date(2020, 4, 15)]
ENTERPRISE_KINDS = ["city_owned", "non_public", "talent"]
CHECKPOINT_KINDS = ["rail_station_exit", "transport_hub", "highway_exit", "community_gate", "market"]
FUNDS = ["community_standard", "community_standard", "community_standard", "city_party_fee"]


def random_bundle(seed: int, *, size: int = 1, as_of: dt.date = AS_OF) -> Bundle:
    """A valid bundle; ``size`` (1..4) scales counties, towns, villages and people."""
    rnd = random.Random(seed)
    shift = as_of - AS_OF
    out: dict[str, list[dict[str, Any]]] = {s: [] for s in Bundle.SECTIONS}
    seen: set[tuple[str, str, str, dt.date]] = set()

    def since_until() -> tuple[dt.date, dt.date | None]:
        since = rnd.choice(SINCES) + shift
        until = rnd.choice(UNTILS)
        until = until + shift if until is not None else None
        if until is not None and until < since:
            until = None
        return since, until

    def assign(section: str, a_key: str, a: str, b_key: str, b: str, **extra: Any) -> None:
        since, until = since_until()
        key = (section, a, b, since)
        if key in seen:
            return
        seen.add(key)
        out[section].append({a_key: a, b_key: b, "since": since, "until": until, **extra})

    city = "S"
    out["regions"].append({"id": city, "name": "样市", "level": "city"})
    counties, towns, villages = [], [], []
    for ci in range(1 + size + rnd.randint(0, 1)):
        cid = f"S-{ci}"
        counties.append(cid)
        out["regions"].append({"id": cid, "name": f"县{ci}", "level": "county", "kind": "county", "parent_id": city})
        if ci == 0 and seed % 2 == 0:
            continue  # an empty county: no towns at all
        for ti in range(rnd.randint(1, 1 + size)):
            tid = f"{cid}-{ti}"
            towns.append(tid)
            out["regions"].append({"id": tid, "name": f"镇{ci}{ti}", "level": "town", "kind": "town", "parent_id": cid})
            for vi in range(rnd.randint(0, 2 + size)):
                vid = f"{tid}-{vi}"
                kind = rnd.choice(["village", "community"])
                villages.append((vid, kind))
                out["regions"].append({"id": vid, "name": f"村{ci}{ti}{vi}", "level": "village", "kind": kind, "parent_id": tid})
    region_level = {r["id"]: r["level"] for r in out["regions"]}
    parent = {r["id"]: r.get("parent_id") for r in out["regions"]}
    village_ids = [v for v, _ in villages]
    communities = [v for v, k in villages if k == "community"]
    all_regions = [r["id"] for r in out["regions"]]

    def ancestor(region: str, level: str) -> str | None:
        while region is not None and region_level[region] != level:
            region = parent[region]
        return region

    # party organisations: most villages, some twice, some at towns and counties
    out["party_orgs"].append({"id": "po-city", "name": "市委", "kind": "committee", "region_id": city})
    for i, v in enumerate(village_ids):
        for k in range(rnd.choice([0, 1, 1, 1, 2])):
            out["party_orgs"].append({"id": f"po-{i}-{k}", "name": f"支部{i}{k}", "region_id": v, "parent_id": "po-city"})
    for i, t in enumerate(towns):
        if rnd.random() < 0.5:
            out["party_orgs"].append({"id": f"po-t{i}", "name": f"镇党委{i}", "kind": "committee", "region_id": t})
    org_ids = [o["id"] for o in out["party_orgs"]]

    # cadres at the four levels; some towns have none
    cadres: dict[str, list[str]] = {}

    def add_cadre(region: str, n: int) -> None:
        for k in range(n):
            cid = f"c-{region}-{k}"
            cadres.setdefault(region, []).append(cid)
            out["cadres"].append({"id": cid, "name": f"干部{region}{k}", "level": region_level[region], "region_id": region})

    add_cadre(city, rnd.randint(1, 2))
    for c in counties:
        add_cadre(c, rnd.randint(1, 2))
    for t in towns:
        add_cadre(t, rnd.choice([0, 1, 1, 2]))
    for v in village_ids:
        add_cadre(v, rnd.choice([0, 0, 1]))
    all_cadres = [c["id"] for c in out["cadres"]]

    # enterprises anywhere (mostly villages), pairings mostly right, some outside jurisdiction
    homes = village_ids * 3 + towns + counties[:1] + [city]
    for i in range(rnd.randint(2, 6 * size + 4)):
        eid = f"e-{i:03d}"
        home = rnd.choice(homes)
        out["enterprises"].append({"id": eid, "name": f"企业{i}", "kind": rnd.choice(ENTERPRISE_KINDS), "region_id": home})
        for level in ("city", "county", "town", "village"):
            anc = ancestor(home, level)
            roll = rnd.random()
            if anc and cadres.get(anc) and roll < 0.75:
                assign("pairings", "cadre_id", rnd.choice(cadres[anc]), "enterprise_id", eid)
            elif roll < 0.85:
                same_level = [c for r, cs in cadres.items() if region_level[r] == level and r != anc for c in cs]
                if same_level:
                    assign("pairings", "cadre_id", rnd.choice(same_level), "enterprise_id", eid)
    # overload a cadre or two
    enterprise_ids = [e["id"] for e in out["enterprises"]]
    for _ in range(rnd.randint(0, 2)):
        busy = rnd.choice(all_cadres)
        for eid in rnd.sample(enterprise_ids, k=min(len(enterprise_ids), rnd.randint(4, 12))):
            out_pair = {"cadre_id": busy, "enterprise_id": eid, "since": SINCES[0] + shift, "until": None}
            key = ("pairings", busy, eid, out_pair["since"])
            if key not in seen:
                seen.add(key)
                out["pairings"].append(out_pair)

    # 10x10: central households, members, households, links
    member_ids: list[str] = []
    household_ids: list[str] = []
    homes_v = village_ids or towns or [city]
    for i in range(rnd.randint(1, 2 + size)):
        home = rnd.choice(homes_v)
        out["central_households"].append({"id": f"ch-{i}", "region_id": home})
    ch_ids = [c["id"] for c in out["central_households"]]
    for i in range(rnd.randint(3, 6 + 4 * size)):
        home = rnd.choice(homes_v)
        mid = f"m-{i:03d}"
        member_ids.append(mid)
        out["party_members"].append(
            {
                "id": mid,
                "name": f"党员{i}",
                "org_id": rnd.choice(org_ids),
                "region_id": home,
                "rural": rnd.random() < 0.8,
                "city_organ": rnd.random() < 0.2,
                "central_household_id": rnd.choice(ch_ids + [None]),
            }
        )
    for i in range(rnd.randint(5, 20 * size + 10)):
        hid = f"h-{i:03d}"
        household_ids.append(hid)
        out["households"].append({"id": hid, "name": f"户{i}", "region_id": rnd.choice(homes_v)})
    for mid in member_ids:
        n = rnd.choice([0, 2, 9, 10, 10, 11])
        for hid in rnd.sample(household_ids, k=min(n, len(household_ids))):
            assign("household_links", "member_id", mid, "household_id", hid)

    # teams, memberships, checkpoints, deployments
    for i in range(rnd.randint(1, 2 + size)):
        out["volunteer_teams"].append({"id": f"t-{i}", "name": f"先锋队{i}", "org_id": rnd.choice(org_ids + [None])})
    team_ids = [t["id"] for t in out["volunteer_teams"]]
    for tid in team_ids:
        for mid in rnd.sample(member_ids, k=min(len(member_ids), rnd.randint(0, 4))):
            assign("team_memberships", "member_id", mid, "team_id", tid)
    for i in range(rnd.randint(0, 2 + 2 * size)):
        out["checkpoints"].append({"id": f"cp-{i}", "name": f"卡口{i}", "kind": rnd.choice(CHECKPOINT_KINDS), "region_id": rnd.choice(all_regions)})
    checkpoint_ids = [c["id"] for c in out["checkpoints"]]
    for tid in team_ids:
        for target in rnd.sample(communities, k=min(len(communities), rnd.randint(0, 3))):
            assign("deployments", "team_id", tid, "target_id", target, target_type="region", duties=["duty_registration"])
        for target in rnd.sample(checkpoint_ids, k=min(len(checkpoint_ids), rnd.randint(0, 2))):
            assign("deployments", "team_id", tid, "target_id", target, target_type="checkpoint", duties=["temperature_check"])
        if village_ids and rnd.random() < 0.3:  # a deployment to a plain village: counts for nothing
            assign("deployments", "team_id", tid, "target_id", rnd.choice(village_ids), target_type="region")

    # medical workers and their family support
    for i in range(rnd.randint(1, 3 + size)):
        wid = f"mw-{i}"
        out["medical_workers"].append(
            {
                "id": wid,
                "name": f"医务{i}",
                "batch": rnd.randint(1, 6),
                "destination": rnd.choice(["武汉", "黄石"]),
                "region_id": rnd.choice(all_regions + [None]),
            }
        )
        for _ in range(rnd.choice([0, 1, 1, 2])):
            if rnd.random() < 0.5:
                assign("family_supports", "supporter_id", rnd.choice(org_ids), "medical_worker_id", wid, supporter_type="party_org")
            else:
                assign("family_supports", "supporter_id", rnd.choice(all_cadres), "medical_worker_id", wid, supporter_type="cadre")

    # allocations: the standard, a fen short, two halves, another fund, after the day
    for i, v in enumerate(communities):
        choice = rnd.choice(["full", "full", "short", "halves", "other_fund", "late", "none"])
        amounts = {
            "full": [(50000.0, "community_standard", as_of - dt.timedelta(days=40))],
            "short": [(49999.0, "community_standard", as_of - dt.timedelta(days=40))],
            "halves": [(25000.0, "community_standard", as_of - dt.timedelta(days=50)), (25000.0, "community_standard", as_of)],
            "other_fund": [(50000.0, rnd.choice(FUNDS[3:]), as_of - dt.timedelta(days=40))],
            "late": [(50000.0, "community_standard", as_of + dt.timedelta(days=1)), (50000.0, "community_standard", as_of + dt.timedelta(days=LATE))],
            "none": [],
        }[choice]
        for k, (amount, fund, date) in enumerate(amounts):
            out["allocations"].append({"id": f"a-{i}-{k}", "fund": fund, "amount": amount, "date": date, "region_id": v})
    _incentives(out, random.Random(f"incentives:{seed}"), as_of, all_regions, member_ids, org_ids)
    _visits(out, random.Random(f"visits:{seed}"), as_of)
    return Bundle.model_validate({"format": "orgnet-bundle/1", **out})


def _incentives(out: dict[str, list[dict[str, Any]]], rnd: random.Random, as_of: dt.date, regions: list[str], members: list[str], orgs: list[str]) -> None:
    """Issue 13's records (their own generator: the sections above stay as they were): records
    before, on and after a recognition, recognitions before the policy's start day and after the
    day, applications decided in time, a day late or never, deaths on duty with or without care;
    each kind also dated after every day asked about (``LATE``), and short stints on several teams
    whose distinct days on duty add up."""

    def day(k: int) -> dt.date:
        return as_of + dt.timedelta(days=k)

    cadre_region = {c["id"]: c["region_id"] for c in out["cadres"]}
    member_region = {m["id"]: m["region_id"] for m in out["party_members"]}
    for cid in rnd.sample(sorted(cadre_region), k=min(len(cadre_region), 4)):
        for k in range(rnd.choice([0, 1, 2])):
            when = day(rnd.choice([-60, -20, -10, 0, 1, LATE]))
            out["frontline_records"].append(
                {"id": f"fr-{cid}-{k}", "cadre_id": cid, "date": when, "kind": "duty", "region_id": cadre_region[cid], "text": "值守", "recorded_by": "组织部"}
            )
        for kind in rnd.sample(["promoted", "noted", "excellent_assessment", "commended", "advanced_individual"], k=rnd.randint(0, 3)):
            when = day(rnd.choice([-20, -10, 0, 2, LATE]))
            out["recognitions"].append(
                {
                    "id": f"rec-{kind}-{cid}",
                    "person_type": "cadre",
                    "person_id": cid,
                    "kind": kind,
                    "level": "city",
                    "date": when,
                    "awarding_body": "组织部",
                    "region_id": cadre_region[cid],
                }
            )
    for mid in members:
        if rnd.random() < 0.5:
            when = day(rnd.choice([-80, -30, -5, 0, 1, LATE]))
            out["recognitions"].append(
                {
                    "id": f"rec-{mid}",
                    "person_type": "party_member",
                    "person_id": mid,
                    "kind": "commended",
                    "level": "unit",
                    "date": when,
                    "awarding_body": "工委",
                    "region_id": member_region[mid],
                }
            )
    for i in range(rnd.randint(1, 3)):
        out["talents"].append({"id": f"tal-{i}", "name": f"人才{i}", "region_id": rnd.choice(regions)})
    for i in range(rnd.randint(0, 5)):
        submitted = day(rnd.choice([-60, -31, -30, -29, -5, 0, 1, LATE]))
        decided = submitted + dt.timedelta(days=rnd.choice([10, 30, 31, 2 * LATE])) if rnd.random() < 0.6 else None
        who = rnd.choice(out["talents"])
        out["party_applications"].append(
            {
                "id": f"app-{i}",
                "applicant_type": "talent",
                "applicant_id": who["id"],
                "region_id": who["region_id"],
                "submitted_on": submitted,
                "activist_on": decided,
                "at_front": rnd.random() < 0.8,
            }
        )
    for i in range(rnd.randint(1, 4) if cadre_region else 0):
        cid = rnd.choice(sorted(cadre_region))
        died = rnd.choice([-40, -40, 0, LATE - 5])
        out["duty_deaths"].append({"id": f"dd-{i}", "person_type": "cadre", "person_id": cid, "date": day(died), "region_id": cadre_region[cid]})
        for _ in range(rnd.choice([0, 1, 1])):
            since = rnd.choice([died + 10, died + 1, LATE])
            until = rnd.choice([None, day(-1), day(0), day(2 * LATE)])
            until = until if until is None or until >= day(since) else None
            out["care_contacts"].append(
                {"supporter_type": "party_org", "supporter_id": rnd.choice(orgs), "duty_death_id": f"dd-{i}", "since": day(since), "until": until}
            )
        for k in range(rnd.choice([0, 1, 1])):
            paid = rnd.choice([-10, 0, 1, LATE]) if died < 0 else rnd.choice([died, LATE])
            out["care_payments"].append({"id": f"pay-{i}-{k}", "duty_death_id": f"dd-{i}", "fund": "pengcheng_care_fund", "amount": 20000.0, "date": day(paid)})
    # short stints on several teams (10 + 3 + 1 days...), some after every day asked about: the days on duty add up
    teams = [t["id"] for t in out["volunteer_teams"]]
    for k, mid in enumerate(rnd.sample(members, k=min(len(members), 3))):
        for n, (first, last) in enumerate(rnd.sample([(-20, -11), (-8, -6), (-3, -3), (-1, 0), (LATE, LATE + 9)], k=3)):
            stint = {"member_id": mid, "team_id": teams[(k + n) % len(teams)], "since": day(first) - dt.timedelta(days=k), "until": day(last)}
            if not any((m["member_id"], m["team_id"], m["since"]) == (stint["member_id"], stint["team_id"], stint["since"]) for m in out["team_memberships"]):
                out["team_memberships"].append(stint)


def _visits(out: dict[str, list[dict[str, Any]]], rnd: random.Random, as_of: dt.date) -> None:
    """Issue 26's enterprise visits (their own generator: the sections above stay as they were):
    visits by a paired cadre on the edges of the 30-day window around the days asked about (29, 30
    and 31 days before), on the day, the day after, after every day asked (``LATE``), and visits by a
    cadre who is not paired with the enterprise (they cover nothing)."""
    region = {e["id"]: e["region_id"] for e in out["enterprises"]}
    cadres = [c["id"] for c in out["cadres"]]
    offsets = [-60, -45, -31, -30, -29, -28, -10, -1, 0, 1, 2, 15, LATE]
    for i, p in enumerate(out["pairings"]):
        for k in range(rnd.choice([0, 0, 1, 1, 2, 3])):
            day = as_of + dt.timedelta(days=rnd.choice(offsets))
            visitor = p["cadre_id"] if rnd.random() < 0.9 or not cadres else rnd.choice(cadres)
            out["enterprise_visits"].append(
                {
                    "id": f"ev-{i}-{k}",
                    "date": day,
                    "cadre_id": visitor,
                    "enterprise_id": p["enterprise_id"],
                    "region_id": region[p["enterprise_id"]],
                    "recorded_by": "手机",
                }
            )


# ----------------------------------------------------------------------------- hand-built cases

BASE_REGIONS: list[dict[str, Any]] = [
    {"id": "C", "name": "样市", "level": "city"},
    {"id": "K1", "name": "一县", "level": "county", "kind": "county", "parent_id": "C"},
    {"id": "K2", "name": "二县", "level": "county", "kind": "county", "parent_id": "C"},
    {"id": "K3", "name": "空县", "level": "county", "kind": "county", "parent_id": "C"},  # nothing below it
    {"id": "T1", "name": "一镇", "level": "town", "kind": "town", "parent_id": "K1"},
    {"id": "T2", "name": "二镇", "level": "town", "kind": "town", "parent_id": "K2"},
    {"id": "V1", "name": "一村村委会", "level": "village", "kind": "village", "parent_id": "T1"},
    {"id": "M1", "name": "一社区居委会", "level": "village", "kind": "community", "parent_id": "T1"},
    {"id": "V2", "name": "二村村委会", "level": "village", "kind": "village", "parent_id": "T2"},
]


def small_bundle(**sections: list[dict[str, Any]]) -> Bundle:
    """A bundle on a fixed small hierarchy (``C`` › ``K1`` › ``T1`` › ``V1``, ``M1``; ``K2`` › ``T2`` › ``V2``;
    ``K3`` empty) plus the given sections; ``regions=[...]`` replaces the hierarchy.

    >>> small_bundle(party_orgs=[{"id": "o", "name": "支部", "region_id": "V1"}]).party_orgs[0].region_id
    'V1'
    """
    data: dict[str, Any] = {"format": "orgnet-bundle/1", "regions": BASE_REGIONS}
    data.update(sections)
    return Bundle.model_validate(data)
