"""A record marked ``voided: true`` (a node or an assignment) counts for no metric on any day
(docs/design.md §3): the generated queries, the stored summaries and the networkx reference
(told which records are voided) all treat it as never recorded.

Each test runs twice: on the live queries and on the stored coverage summaries."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from orgnet.coverage import service
from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import default_policy
from orgnet.coverage.reference import Reference, node
from orgnet.coverage.summaries import refresh
from orgnet.graph.loader import load_bundle
from orgnet.graph.model import Bundle
from tests.scenarios import AS_OF, random_bundle, small_bundle

POLICY = default_policy()
SOURCE = "live"  # set per test by the `source` fixture (tests/integration/conftest.py)
pytestmark = pytest.mark.usefixtures("source")

VOIDABLE_LABELS = (
    "Household",
    "PartyMember",
    "Cadre",
    "Enterprise",
    "CentralHousehold",
    "Checkpoint",
    "MedicalWorker",
    "VolunteerTeam",
    "PartyOrg",
    "Allocation",
    "EnterpriseVisit",
)


def load_and_void(graph, bundle: Bundle, *, nodes=(), edges=()) -> Reference:
    """Load ``bundle``, mark the given records ``voided: true`` in Neo4j, and return the reference told the same."""
    graph.delete_all()
    load_bundle(graph, bundle, batch_size=100)
    for label, item_id in nodes:
        assert label in VOIDABLE_LABELS
        graph.write(f"MATCH (n:{label} {{id: $id}}) SET n.voided = true, n.void_reason = 'test'", {"id": item_id})
    for rel, a, b, since in edges:
        graph.write(
            f"MATCH ({{id: $a}})-[r:{rel} {{since: date($since)}}]->({{id: $b}}) SET r.voided = true",
            {"a": a.split(":", 1)[1], "b": b.split(":", 1)[1], "since": since.isoformat()},
        )
    if SOURCE == "summary":
        refresh(graph, policy=POLICY)
    return Reference(bundle, voided_nodes=nodes, voided_edges=edges)


def test_a_voided_household_and_a_voided_link_are_not_counted(empty_graph):
    bundle = small_bundle(
        party_orgs=[{"id": "o", "name": "支部", "region_id": "V1"}],
        party_members=[{"id": "m1", "name": "党员", "org_id": "o", "region_id": "V1", "rural": True}],
        households=[
            {"id": "h1", "name": "户一", "region_id": "V1"},
            {"id": "h2", "name": "户二", "region_id": "V1"},
            {"id": "h3", "name": "户三", "region_id": "V1"},
        ],
        household_links=[
            {"member_id": "m1", "household_id": "h1", "since": "2020-02-01", "until": "2020-03-30"},
            {"member_id": "m1", "household_id": "h1", "since": "2020-03-31"},
            {"member_id": "m1", "household_id": "h2", "since": "2020-02-01"},
            {"member_id": "m1", "household_id": "h3", "since": "2020-02-01"},
        ],
    )
    ref = load_and_void(
        empty_graph,
        bundle,
        nodes=[("Household", "h3")],
        edges=[("LINKS", node("PartyMember", "m1"), node("Household", "h1"), dt.date(2020, 3, 31))],
    )
    for day in (AS_OF, dt.date(2020, 3, 1)):
        want = ref.rollup("household_linkage", region_id="C", as_of=day, policy=POLICY)["region"]
        top, _ = service.rollup(empty_graph, metric="household_linkage", region_id="C", as_of=day, policy=POLICY, source=SOURCE)
        assert (top["covered"], top["total"]) == want
    # h3 is voided: two households; on AS_OF h1's only active link is voided, so h1 is a gap
    top, _ = service.rollup(empty_graph, metric="household_linkage", region_id="C", as_of=AS_OF, policy=POLICY, source=SOURCE)
    assert (top["covered"], top["total"]) == (1, 2)
    gaps = service.all_gaps(empty_graph, metric="household_linkage", region_id="C", as_of=AS_OF, policy=POLICY, source=SOURCE)
    assert [(g["id"], g["details"]["last_link_ended"]) for g in gaps] == [("h1", "2020-03-30")]
    status = service.item_status(empty_graph, metric="household_linkage", ids=["h1", "h2", "h3"], as_of=AS_OF, policy=POLICY)
    assert {k: v["covered"] for k, v in status.items()} == {"h1": False, "h2": True}
    # m1 links h2 only (h1's link voided, h3 voided): one active link on AS_OF, under the target of 10
    member = service.item_status(empty_graph, metric="member_link_load", ids=["m1"], as_of=AS_OF, policy=POLICY)
    assert member["m1"]["details"]["active_links"] == 1


@pytest.mark.parametrize("seed", [21, 22])
def test_randomly_voided_records_agree_with_the_reference(empty_graph, seed):
    bundle = random_bundle(seed, size=2)
    rnd = random.Random(seed)
    nodes = []
    for label, items in [
        ("Household", bundle.households),
        ("PartyMember", bundle.party_members),
        ("Cadre", bundle.cadres),
        ("Enterprise", bundle.enterprises),
        ("CentralHousehold", bundle.central_households),
        ("Checkpoint", bundle.checkpoints),
        ("MedicalWorker", bundle.medical_workers),
        ("VolunteerTeam", bundle.volunteer_teams),
        ("PartyOrg", bundle.party_orgs),
        ("Allocation", bundle.allocations),
        ("EnterpriseVisit", bundle.enterprise_visits),
    ]:
        nodes += [(label, i.id) for i in items if rnd.random() < 0.15]
    edges = []
    for rel, records, a, b in [
        ("LINKS", bundle.household_links, lambda x: node("PartyMember", x.member_id), lambda x: node("Household", x.household_id)),
        ("PAIRED_WITH", bundle.pairings, lambda x: node("Cadre", x.cadre_id), lambda x: node("Enterprise", x.enterprise_id)),
        ("ON_TEAM", bundle.team_memberships, lambda x: node("PartyMember", x.member_id), lambda x: node("VolunteerTeam", x.team_id)),
        (
            "DEPLOYED_TO",
            bundle.deployments,
            lambda x: node("VolunteerTeam", x.team_id),
            lambda x: node("Region" if x.target_type == "region" else "Checkpoint", x.target_id),
        ),
        (
            "SUPPORTS_FAMILY_OF",
            bundle.family_supports,
            lambda x: node("PartyOrg" if x.supporter_type == "party_org" else "Cadre", x.supporter_id),
            lambda x: node("MedicalWorker", x.medical_worker_id),
        ),
    ]:
        edges += [(rel, a(x), b(x), x.since) for x in records if rnd.random() < 0.2]
    assert nodes and edges
    ref = load_and_void(empty_graph, bundle, nodes=nodes, edges=edges)
    unvoided = Reference(bundle)
    differs = False
    for day in (AS_OF, AS_OF + dt.timedelta(days=1)):
        for m in METRICS:
            for region in bundle.regions:
                top, groups = service.rollup(empty_graph, metric=m.name, region_id=region.id, as_of=day, policy=POLICY, source=SOURCE)
                want = ref.rollup(m.name, region_id=region.id, as_of=day, policy=POLICY)
                assert {"region": (top["covered"], top["total"]), "groups": {g["id"]: (g["covered"], g["total"]) for g in groups}} == want, (
                    m.name,
                    region.id,
                    day,
                )
                differs |= want != unvoided.rollup(m.name, region_id=region.id, as_of=day, policy=POLICY)
            want_gaps = [(g.id, g.details) for g in ref.gaps(m.name, region_id="S", as_of=day, policy=POLICY)]
            got = service.all_gaps(empty_graph, metric=m.name, region_id="S", as_of=day, policy=POLICY, source=SOURCE)
            assert [(g["id"], g["details"]) for g in got] == want_gaps, (m.name, day)
            everyone = unvoided.evaluate(m.name, as_of=day, policy=POLICY)
            want_status = ref.evaluate(m.name, as_of=day, policy=POLICY)
            status = service.item_status(empty_graph, metric=m.name, ids=sorted(everyone), as_of=day, policy=POLICY)
            assert {k: (v["covered"], v["details"]) for k, v in status.items()} == {k: (v.covered, v.details) for k, v in want_status.items()}, m.name
    assert differs, "voiding changed nothing: the test would not notice the rule missing"


def test_suggestions_neither_count_a_voided_pairing_nor_offer_a_voided_cadre(empty_graph):
    bundle = small_bundle(
        cadres=[
            {"id": "ck1", "name": "县干部", "level": "county", "region_id": "K1"},
            {"id": "ct1", "name": "镇干部", "level": "town", "region_id": "T1"},
            {"id": "ct1-gone", "name": "误录干部", "level": "town", "region_id": "T1"},
        ],
        enterprises=[{"id": "e1", "name": "一厂", "kind": "non_public", "region_id": "V1"}],
        pairings=[
            {"cadre_id": "ck1", "enterprise_id": "e1", "since": "2020-02-01"},
            {"cadre_id": "ct1", "enterprise_id": "e1", "since": "2020-02-01"},
        ],
    )
    from orgnet.coverage.suggestions import suggest_enterprise_pairings

    load_bundle(empty_graph, bundle, batch_size=100)
    assert suggest_enterprise_pairings(empty_graph, region_id="C", as_of=AS_OF, policy=POLICY)["suggestions"] == []
    load_and_void(
        empty_graph,
        bundle,
        nodes=[("Cadre", "ct1-gone")],
        edges=[("PAIRED_WITH", node("Cadre", "ct1"), node("Enterprise", "e1"), dt.date(2020, 2, 1))],
    )
    plan = suggest_enterprise_pairings(empty_graph, region_id="C", as_of=AS_OF, policy=POLICY)
    assert [(s["enterprise_id"], s["level"], s["cadre_id"]) for s in plan["suggestions"]] == [("e1", "town", "ct1")]
    assert plan["unresolvable"] == []
