"""Every figure of docs/design.md §1, counted in the database after loading the demo seed.

The expected numbers are written here from the article (not taken from the generator),
so a generator or loader that drifts from the article fails.
"""

import pytest

from orgnet.graph.stats import graph_stats
from orgnet.seed.generator import generate, planted_gaps
from orgnet.writes.workflow import load_seed

AS_OF = "2020-03-31"
XUZHOU_COUNTIES = {  # GB/T 2260
    "320302": "鼓楼区",
    "320303": "云龙区",
    "320305": "贾汪区",
    "320311": "泉山区",
    "320312": "铜山区",
    "320321": "丰县",
    "320322": "沛县",
    "320324": "睢宁县",
    "320381": "新沂市",
    "320382": "邳州市",
}


def one(graph, query, **params):
    (row,) = graph.read(query, params)
    return row


def test_hierarchy(xuzhou):
    counts = one(
        xuzhou,
        """
        RETURN COUNT { (:City) } AS city, COUNT { (:County) } AS county, COUNT { (:Town) } AS town,
               COUNT { (:Village) } AS village_level,
               COUNT { (v:Village {kind: 'village'}) } AS villages,
               COUNT { (v:Village {kind: 'community'}) } AS communities""",
    )
    assert counts == {"city": 1, "county": 10, "town": 156, "village_level": 2637, "villages": 1933, "communities": 704}
    rows = xuzhou.read("MATCH (c:County)-[:PART_OF]->(:City {code: '320300', name: '徐州市'}) RETURN c.code AS code, c.name AS name")
    assert {r["code"]: r["name"] for r in rows} == XUZHOU_COUNTIES
    # every village-level unit sits under a town under a county under the city
    assert one(xuzhou, "MATCH p = (:Village)-[:PART_OF]->(:Town)-[:PART_OF]->(:County)-[:PART_OF]->(:City) RETURN count(p) AS n")["n"] == 2637


def test_grassroots_party_organisations(xuzhou):
    assert one(xuzhou, "MATCH (o:PartyOrg) RETURN count(o) AS n")["n"] == 18_700
    # the organisations form one tree under the city's committee
    assert one(xuzhou, "MATCH (o:PartyOrg) WHERE NOT (o)-[:SUBORDINATE_TO]->() RETURN count(o) AS n")["n"] == 1


def test_city_organ_volunteers_in_163_teams(xuzhou):
    row = one(
        xuzhou,
        """
        MATCH (m:PartyMember {city_organ: true})-[:ON_TEAM]->(t:VolunteerTeam)
        RETURN count(DISTINCT m) AS members, count(DISTINCT t) AS teams""",
    )
    assert row == {"members": 5_000, "teams": 163}
    assert one(xuzhou, "MATCH (t:VolunteerTeam) RETURN count(t) AS n")["n"] == 163
    duties = one(xuzhou, "MATCH ()-[d:DEPLOYED_TO]->() UNWIND d.duties AS duty RETURN collect(DISTINCT duty) AS d")["d"]
    assert {"rail_station_exit", "transport_hub", "duty_registration", "door_to_door_screening", "temperature_check", "supply_delivery", "disinfection"} <= set(
        duties
    )


def test_medical_workers_in_six_batches_with_family_support(xuzhou):
    row = one(
        xuzhou,
        """
        MATCH (w:MedicalWorker)
        RETURN count(w) AS n, count(DISTINCT w.batch) AS batches, collect(DISTINCT w.destination) AS dest""",
    )
    assert row["n"] == 258 and row["batches"] == 6 and set(row["dest"]) == {"武汉", "黄石"}
    unsupported = xuzhou.read(
        """
        MATCH (w:MedicalWorker)
        WHERE NOT EXISTS { (:PartyOrg)-[s:SUPPORTS_FAMILY_OF]->(w)
                           WHERE s.since <= date($d) AND (s.until IS NULL OR date($d) <= s.until) }
        RETURN w.id AS id ORDER BY id""",
        {"d": AS_OF},
    )
    # every family has a unit party organisation as contact, except the planted gaps
    assert [r["id"] for r in unsupported] == planted_gaps(2020, "demo")["medical_family_support"]
    assert len(unsupported) <= 3


def test_young_cadres_and_party_applicants(xuzhou):
    row = one(
        xuzhou,
        """
        RETURN COUNT { (c:Cadre {young: true, commended: true}) } AS commended,
               COUNT { (c:Cadre {young: true, commended: true, promoted: true}) } AS promoted,
               COUNT { (a:PartyApplication {at_front: true}) } AS applicants,
               COUNT { (c:Cadre) WHERE c.applied_to_join_party_on IS NOT NULL AND NOT c.level IN ['town', 'village'] } AS non_grassroots""",
    )
    assert row == {"commended": 72, "promoted": 30, "applicants": 629, "non_grassroots": 0}
    # a cadre's application date is the one of its application record (no second truth)
    mismatched = one(
        xuzhou,
        """
        MATCH (c:Cadre) WHERE c.applied_to_join_party_on IS NOT NULL
        RETURN count(c) - COUNT { MATCH (a:PartyApplication)-[:APPLIED_BY]->(c2:Cadre) WHERE a.submitted_on = c2.applied_to_join_party_on } AS n""",
    )["n"]
    assert mismatched == 0


def test_incentive_figures_of_the_article(xuzhou):
    """组织激励, 精神激励, 关爱激励: the article's figures, counted on the records (issue 13)."""
    row = one(
        xuzhou,
        """
        RETURN COUNT { (r:Recognition {kind: 'noted'})-[:RECOGNISES]->(:Cadre) } AS noted,
               COUNT { (r:Recognition {kind: 'promoted'})-[:RECOGNISES]->(:Cadre) } AS promoted,
               COUNT { (a:PartyApplication {at_front: true})-[:APPLIED_BY]->() } AS applications,
               COUNT { (a:PartyApplication {at_front: true})-[:APPLIED_BY]->(w:MedicalWorker {destination: '武汉'}) } AS wuhan_medical,
               COUNT { (a:PartyApplication {joined_at_front: true}) WHERE a.probationary_on IS NOT NULL } AS joined_at_front,
               COUNT { (r:Recognition {kind: 'posthumous_honour', level: 'city'})-[:RECOGNISES]->()<-[:DEATH_OF]-(:DutyDeath) } AS posthumous,
               COUNT { (r:Recognition {kind: 'commended', level: 'city'})-[:RECOGNISES]->(:MedicalWorker) } AS medical_commended,
               COUNT { (r:Recognition {kind: 'advanced_individual'}) } AS advanced,
               COUNT { (r:Recognition {kind: 'pioneer', level: 'province'})-[:RECOGNISES]->()<-[:DEATH_OF]-(:DutyDeath) } AS pioneers""",
    )
    assert row == {
        "noted": 72,
        "promoted": 30,
        "applications": 629,
        "wuhan_medical": 72,
        "joined_at_front": 2,
        "posthumous": 3,
        "medical_commended": 12,
        "advanced": 17,
        "pioneers": 4,
    }
    # the promoted are among the noted, as the article says ("72 noted ... 30 promoted")
    assert (
        one(
            xuzhou,
            "MATCH (:Recognition {kind: 'promoted'})-[:RECOGNISES]->(c:Cadre) WHERE NOT EXISTS { (:Recognition {kind: 'noted'})-[:RECOGNISES]->(c) } RETURN count(c) AS n",
        )["n"]
        == 0
    )
    # the care money goes to the families of those who died on duty, from the 彭城先锋 care fund
    care = one(xuzhou, "MATCH (p:CarePayment)-[:PAID_TO]->(d:DutyDeath) RETURN count(DISTINCT d) AS families, collect(DISTINCT p.fund) AS funds")
    assert care["funds"] == ["pengcheng_care_fund"]
    assert care["families"] == 4 - len(planted_gaps(2020, "demo")["duty_death_family_care"])


def test_four_level_cadre_pairing(xuzhou):
    rows = xuzhou.read("""
        MATCH (c:Cadre)-[:SERVES_IN]->(r:Region)
        RETURN c.level AS level, count(c) AS n, sum(CASE WHEN r.level = c.level THEN 1 ELSE 0 END) AS same""")
    assert {r["level"] for r in rows} == {"city", "county", "town", "village"}
    assert all(r["n"] == r["same"] for r in rows)
    kinds = xuzhou.read("MATCH (c:Cadre)-[:PAIRED_WITH]->(e:Enterprise) RETURN DISTINCT c.level AS level, e.kind AS kind")
    assert {r["kind"] for r in kinds} == {"city_owned", "non_public", "talent"}
    assert {r["level"] for r in kinds} == {"city", "county", "town", "village"}


def test_county_leaders_supervise_in_every_county(xuzhou):
    row = one(
        xuzhou,
        """
        MATCH (c:Cadre {level: 'county'})-[:SUPERVISES]->(t:Town)
        MATCH (c)-[:SERVES_IN]->(k:County)
        RETURN count(DISTINCT k) AS counties, sum(CASE WHEN t.county_id = k.id THEN 0 ELSE 1 END) AS outside""",
    )
    assert row == {"counties": 10, "outside": 0}


def test_funds(xuzhou):
    rows = xuzhou.read("MATCH (a:Allocation)-[:TO]->(r:Region) RETURN a.fund AS fund, r.level AS level, sum(a.amount) AS total, count(DISTINCT r) AS regions")
    by_fund = {r["fund"]: r for r in rows}
    city = by_fund["city_party_fee"]["total"] + by_fund["pengcheng_care_fund"]["total"]
    assert city == 6_000_000 and by_fund["city_party_fee"]["level"] == "city"
    assert by_fund["county_party_fee"]["total"] == 19_690_000 and by_fund["county_party_fee"]["regions"] == 10
    funded = one(
        xuzhou,
        """
        MATCH (v:Village {kind: 'community'})
        OPTIONAL MATCH (a:Allocation {fund: 'community_standard'})-[:TO]->(v)
        WITH v, sum(a.amount) AS total
        RETURN sum(CASE WHEN total >= 50000 THEN 1 ELSE 0 END) AS at_standard, count(v) AS communities,
               sum(CASE WHEN total >= 50000 THEN total ELSE 0 END) AS advance""",
    )
    planted = planted_gaps(2020, "demo")["community_funding"]
    assert funded["communities"] == 704 and funded["at_standard"] == 704 - len(planted)
    assert funded["advance"] > 32_000_000  # the article's "32M+ allocated in advance"


def test_ten_by_ten_at_demo_scale(xuzhou):
    """Demo scale is one tenth of the rural scheme: 15,400 members in 1,540 central households."""
    row = one(
        xuzhou,
        """
        RETURN COUNT { (m:PartyMember {rural: true}) } AS rural,
               COUNT { (c:CentralHousehold) } AS central,
               COUNT { (h:Household) } AS households""",
    )
    assert row == {"rural": 15_400, "central": 1_540, "households": 154_000}
    sizes = xuzhou.read("""
        MATCH (c:CentralHousehold) RETURN COUNT { (c)<-[:IN_CENTRAL_HOUSEHOLD]-() } AS size, count(*) AS n""")
    by_size = {r["size"]: r["n"] for r in sizes}
    assert by_size[10] >= 1_540 - 4 and set(by_size) <= {9, 10, 11}
    loads = xuzhou.read(
        """
        MATCH (m:PartyMember {rural: true})
        RETURN COUNT { (m)-[l:LINKS]->() WHERE l.since <= date($d) AND (l.until IS NULL OR date($d) <= l.until) } AS links,
               count(*) AS n""",
        {"d": AS_OF},
    )
    by_links = {r["links"]: r["n"] for r in loads}
    assert by_links[10] >= 15_400 - 6 and set(by_links) <= {8, 9, 10, 11}


def test_seed_is_idempotent(xuzhou, settings):
    from orgnet.coverage.policy import default_policy
    from orgnet.coverage.summaries import refresh
    from orgnet.coverage.summary_state import summary_status

    before = graph_stats(xuzhou)
    # as `orgnet seed` loads it: the loader's batches plus the write workflow's bookkeeping
    load_seed(xuzhou, generate(seed=2020, scale="demo"), description="the demo seed again", batch_size=settings.write_batch_size)
    assert graph_stats(xuzhou) == before
    # the reload marked every summary stale; recompute them for the tests that follow
    assert not any(s["fresh"] for s in summary_status(xuzhou, policy=default_policy()).values())
    refresh(xuzhou, policy=default_policy())


@pytest.mark.parametrize("label", ["PartyMember", "Household", "MedicalWorker"])
def test_personal_records_have_names_for_those_allowed_to_see_them(xuzhou, label):
    assert one(xuzhou, f"MATCH (n:{label}) WHERE n.name IS NULL RETURN count(n) AS n")["n"] == 0
