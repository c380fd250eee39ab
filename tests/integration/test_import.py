"""Importing bundles: idempotent, validated, and all-or-nothing."""

import copy
import datetime as dt

import pytest

from orgnet.errors import InvalidInput
from orgnet.graph.loader import load_bundle
from orgnet.graph.stats import graph_stats
from orgnet.graph.validate import parse_bundle

SMALL = {
    "format": "orgnet-bundle/1",
    "regions": [
        {"id": "X", "name": "测试市", "level": "city", "code": "329900"},
        {"id": "X-1", "name": "一县", "level": "county", "kind": "county", "parent_id": "X"},
        {"id": "X-1-1", "name": "一镇", "level": "town", "kind": "town", "parent_id": "X-1"},
        {"id": "X-1-1-1", "name": "一村村委会", "level": "village", "kind": "village", "parent_id": "X-1-1"},
        {"id": "X-1-1-2", "name": "一社区居委会", "level": "village", "kind": "community", "parent_id": "X-1-1"},
    ],
    "party_orgs": [
        {"id": "po-1", "name": "一县委", "kind": "committee", "region_id": "X-1"},
        {"id": "po-2", "name": "一村党支部", "region_id": "X-1-1-1", "parent_id": "po-1"},
    ],
    "cadres": [{"id": "c-1", "name": "张三", "level": "town", "region_id": "X-1-1"}],
    "enterprises": [{"id": "e-1", "name": "一厂", "kind": "non_public", "region_id": "X-1-1-1"}],
    "pairings": [{"cadre_id": "c-1", "enterprise_id": "e-1", "since": "2020-02-01"}],
    "party_members": [{"id": "m-1", "name": "李四", "org_id": "po-2", "region_id": "X-1-1-1", "rural": True}],
    "households": [{"id": "h-1", "name": "王五", "region_id": "X-1-1-1"}],
    "household_links": [{"member_id": "m-1", "household_id": "h-1", "since": "2020-02-01", "until": "2020-03-01"}],
    "volunteer_teams": [{"id": "t-1", "name": "先锋队", "org_id": "po-1"}],
    "team_memberships": [{"member_id": "m-1", "team_id": "t-1", "since": "2020-02-01"}],
    "checkpoints": [{"id": "cp-1", "name": "站口", "kind": "rail_station_exit", "region_id": "X-1-1-2"}],
    "deployments": [
        {"team_id": "t-1", "target_type": "checkpoint", "target_id": "cp-1", "duties": ["temperature_check"], "since": "2020-02-01"},
        {"team_id": "t-1", "target_type": "region", "target_id": "X-1-1-2", "since": "2020-02-01"},
    ],
    "medical_workers": [{"id": "mw-1", "name": "赵六", "batch": 1, "destination": "武汉"}],
    "family_supports": [{"supporter_type": "party_org", "supporter_id": "po-2", "medical_worker_id": "mw-1", "since": "2020-02-10"}],
    "allocations": [{"id": "a-1", "fund": "community_standard", "amount": 50000, "date": "2020-02-05", "region_id": "X-1-1-2"}],
}


def load(graph, data, **kw):
    return load_bundle(graph, parse_bundle(copy.deepcopy(data)), batch_size=2, **kw)


def test_every_section_lands_with_its_relationships(empty_graph):
    report = load(empty_graph, SMALL)
    assert report.total == sum(len(v) for k, v in SMALL.items() if k != "format")
    stats = graph_stats(empty_graph)
    assert stats["nodes"]["Region"] == 5 and stats["nodes"]["Village"] == 2
    rels = stats["relationships"]
    assert rels["PART_OF"] == 4 and rels["LINKS"] == 1 and rels["DEPLOYED_TO"] == 2
    assert rels["SUPPORTS_FAMILY_OF"] == 1 and rels["SUBORDINATE_TO"] == 1 and rels["TO"] == 1


def test_regions_store_their_ancestors(empty_graph):
    load(empty_graph, SMALL)
    (row,) = empty_graph.read("MATCH (r:Region {id: 'X-1-1-2'}) RETURN r {.*} AS r")
    r = row["r"]
    assert (r["city_id"], r["county_id"], r["town_id"], r["village_id"]) == ("X", "X-1", "X-1-1", "X-1-1-2")
    assert r["path_names"] == ["测试市", "一县", "一镇", "一社区居委会"]
    (town,) = empty_graph.read("MATCH (r:Region {id: 'X-1-1'}) RETURN r.town_id AS t, r.village_id AS v")
    assert town == {"t": "X-1-1", "v": None}


def test_dates_are_neo4j_dates(empty_graph):
    load(empty_graph, SMALL)
    (row,) = empty_graph.read("MATCH ()-[l:LINKS]->() RETURN l.since AS s, l.until AS u")
    assert row == {"s": dt.date(2020, 2, 1), "u": dt.date(2020, 3, 1)}


@pytest.mark.parametrize("atomic", [False, True])
def test_loading_twice_gives_the_same_counts(empty_graph, atomic):
    load(empty_graph, SMALL, atomic=atomic)
    first = graph_stats(empty_graph)
    load(empty_graph, SMALL, atomic=atomic)
    assert graph_stats(empty_graph) == first


def test_an_invalid_bundle_writes_nothing(empty_graph):
    bad = copy.deepcopy(SMALL)
    bad["pairings"].append({"cadre_id": "c-1", "enterprise_id": "no-such-enterprise", "since": "2020-02-01"})
    with pytest.raises(InvalidInput) as info:
        load(empty_graph, bad)
    assert info.value.errors[0]["section"] == "pairings" and info.value.errors[0]["index"] == 1
    assert info.value.errors[0]["field"] == "enterprise_id"
    assert empty_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


def test_references_to_ids_already_in_the_database_are_accepted(empty_graph):
    load(empty_graph, SMALL)
    extra = {
        "enterprises": [{"id": "e-2", "name": "二厂", "kind": "talent", "region_id": "X-1-1-2"}],
        "pairings": [{"cadre_id": "c-1", "enterprise_id": "e-2", "since": "2020-02-03"}],
    }
    load(empty_graph, extra)
    assert empty_graph.read("MATCH (:Cadre {id:'c-1'})-[p:PAIRED_WITH]->() RETURN count(p) AS n")[0]["n"] == 2


def test_api_import_needs_the_planner_role_and_refuses_bad_bundles(empty_graph, api_client, settings, monkeypatch):
    monkeypatch.setattr(settings, "api_tokens", "plan-token:planner")
    assert api_client.post("/v1/import", json=SMALL).status_code == 403
    auth = {"Authorization": "Bearer plan-token"}
    assert api_client.post("/v1/import", json=SMALL, headers={"Authorization": "Bearer nope"}).status_code == 401

    bad = copy.deepcopy(SMALL)
    bad["households"][0]["region_id"] = "Atlantis"
    response = api_client.post("/v1/import", json=bad, headers=auth)
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0] == {
        "section": "households",
        "index": 0,
        "id": "h-1",
        "field": "region_id",
        "reason": "refers to Region 'Atlantis', which is neither in the bundle nor in the database",
    }
    assert empty_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0

    ok = api_client.post("/v1/import", json=SMALL, headers=auth)
    assert ok.status_code == 200 and ok.json()["total"] == 21


# --- issue 9, item 4: a bundle cannot corrupt the graph ------------------------------------------


def region_tree(graph):
    return graph.read("MATCH (r:Region) RETURN r.id AS id, r.level AS level, labels(r) AS labels, [(r)-[:PART_OF]->(p) | p.id] AS parents ORDER BY id")


def reasons(info) -> list[tuple[str, str, str]]:
    return [(e["section"], e["field"], e["reason"]) for e in info.value.errors]


@pytest.mark.parametrize("atomic", [False, True])
def test_a_county_cannot_be_redeclared_a_village_under_its_own_town(empty_graph, atomic):
    load(empty_graph, SMALL)
    before = region_tree(empty_graph)
    probe = {"regions": [{"id": "X-1", "name": "一县", "level": "village", "kind": "village", "parent_id": "X-1-1"}]}
    with pytest.raises(InvalidInput) as info:
        load(empty_graph, probe, atomic=atomic)
    got = reasons(info)
    assert ("regions", "level", "region 'X-1' is a county in the database; a re-import may not make it a village (a region's level never changes)") in got
    assert (
        "regions",
        "parent_id",
        "region 'X-1' is part of 'X' in the database; a re-import may not move it under 'X-1-1' (a region's parent never changes)",
    ) in got
    assert ("regions", "parent_id", "would make a PART_OF cycle: X-1 -> X-1-1 -> X-1") in got
    assert region_tree(empty_graph) == before


def test_the_seed_keeps_its_ten_counties_when_one_is_redeclared(xuzhou):
    counties = "MATCH (:City {id: '320300'})<-[:PART_OF]-(c:County) RETURN count(c) AS n"
    assert xuzhou.read(counties)[0]["n"] == 10
    (town,) = xuzhou.read("MATCH (t:Town)-[:PART_OF]->(:County {id: '320321'}) RETURN t.id AS id ORDER BY id LIMIT 1")
    probe = {"regions": [{"id": "320321", "name": "丰县", "level": "village", "parent_id": town["id"]}]}
    with pytest.raises(InvalidInput):
        load(xuzhou, probe, atomic=True)
    assert xuzhou.read(counties)[0]["n"] == 10
    assert xuzhou.read("MATCH (c:County {id: '320321'})-[:PART_OF]->(p) RETURN p.id AS p, c.level AS level") == [{"p": "320300", "level": "county"}]


def test_a_second_city_is_refused_unless_allowed(empty_graph):
    load(empty_graph, SMALL)
    other = {"regions": [{"id": "Y", "name": "另一市", "level": "city"}]}
    with pytest.raises(InvalidInput) as info:
        load(empty_graph, other)
    (err,) = info.value.errors
    assert (err["section"], err["index"], err["id"], err["field"]) == ("regions", 0, "Y", "parent_id")
    assert "second root region besides 'X'" in err["reason"]
    assert empty_graph.read("MATCH (c:City) RETURN collect(c.id) AS ids")[0]["ids"] == ["X"]

    load(empty_graph, other, allow_new_root=True)
    assert sorted(empty_graph.read("MATCH (c:City) RETURN collect(c.id) AS ids")[0]["ids"]) == ["X", "Y"]
    load(empty_graph, other)  # re-importing an existing root is no second root


def test_an_existing_region_may_be_renamed_and_its_descendants_follow(empty_graph):
    load(empty_graph, SMALL)
    load(empty_graph, {"regions": [{"id": "X-1-1", "name": "一街道", "level": "town", "kind": "street", "parent_id": "X-1"}]})
    rows = empty_graph.read("MATCH (r:Region) WHERE r.id STARTS WITH 'X-1-1' RETURN r.id AS id, r.path_names AS names ORDER BY id")
    assert rows == [
        {"id": "X-1-1", "names": ["测试市", "一县", "一街道"]},
        {"id": "X-1-1-1", "names": ["测试市", "一县", "一街道", "一村村委会"]},
        {"id": "X-1-1-2", "names": ["测试市", "一县", "一街道", "一社区居委会"]},
    ]


def located_in(graph, item_id):
    return graph.read("MATCH (n {id: $id})-[r:LOCATED_IN]->(reg) RETURN reg.id AS region, n.region_id AS prop", {"id": item_id})


@pytest.mark.parametrize("atomic", [False, True])
def test_a_household_that_moves_is_located_once_in_its_new_village(empty_graph, atomic):
    from orgnet.coverage import service
    from orgnet.coverage.policy import default_policy

    load(empty_graph, SMALL)
    moved = {"households": [{"id": "h-1", "name": "王五", "region_id": "X-1-1-2"}]}
    report = load(empty_graph, moved, atomic=atomic)
    assert located_in(empty_graph, "h-1") == [{"region": "X-1-1-2", "prop": "X-1-1-2"}]

    def households(region_id):
        top, _ = service.rollup(
            empty_graph, metric="household_linkage", region_id=region_id, as_of=dt.date(2020, 2, 15), policy=default_policy(), source="live"
        )
        return top["total"]

    assert (households("X-1-1-1"), households("X-1-1-2"), households("X")) == (0, 1, 1)
    assert report.moves == [{"section": "households", "id": "h-1", "field": "region_id", "from": "X-1-1-1", "to": "X-1-1-2"}]
    assert load(empty_graph, moved, atomic=atomic).moves == []  # loading it again moves nothing


def test_every_belongs_to_relationship_is_replaced_and_reported(empty_graph):
    data = copy.deepcopy(SMALL)
    data["party_orgs"].append({"id": "po-3", "name": "二村党支部", "region_id": "X-1-1-2", "parent_id": "po-1"})
    data["central_households"] = [{"id": "ch-1", "region_id": "X-1-1-1"}]
    data["party_members"][0]["central_household_id"] = "ch-1"
    load(empty_graph, data)
    again = {
        "party_orgs": [{"id": "po-2", "name": "一村党支部", "region_id": "X-1-1-2", "parent_id": "po-3"}],
        "cadres": [{"id": "c-1", "name": "张三", "level": "village", "region_id": "X-1-1-1"}],
        "enterprises": [{"id": "e-1", "name": "一厂", "kind": "non_public", "region_id": "X-1-1-2"}],
        "party_members": [{"id": "m-1", "name": "李四", "org_id": "po-3", "region_id": "X-1-1-2"}],
        "checkpoints": [{"id": "cp-1", "name": "站口", "kind": "rail_station_exit", "region_id": "X-1-1-1"}],
        "medical_workers": [{"id": "mw-1", "name": "赵六", "batch": 1, "destination": "武汉", "region_id": "X-1-1-1"}],
        "allocations": [{"id": "a-1", "fund": "community_standard", "amount": 50000, "date": "2020-02-05", "region_id": "X-1-1-1"}],
    }
    report = load(empty_graph, again, atomic=True)
    assert {(m["section"], m["id"], m["field"], m["from"], m["to"]) for m in report.moves} == {
        ("party_orgs", "po-2", "region_id", "X-1-1-1", "X-1-1-2"),
        ("party_orgs", "po-2", "parent_id", "po-1", "po-3"),
        ("cadres", "c-1", "region_id", "X-1-1", "X-1-1-1"),
        ("enterprises", "e-1", "region_id", "X-1-1-1", "X-1-1-2"),
        ("party_members", "m-1", "org_id", "po-2", "po-3"),
        ("party_members", "m-1", "region_id", "X-1-1-1", "X-1-1-2"),
        ("party_members", "m-1", "central_household_id", "ch-1", None),
        ("checkpoints", "cp-1", "region_id", "X-1-1-2", "X-1-1-1"),
        ("medical_workers", "mw-1", "region_id", None, "X-1-1-1"),
        ("allocations", "a-1", "region_id", "X-1-1-2", "X-1-1-1"),
    }
    ends = empty_graph.read(
        "MATCH (n)-[r:LOCATED_IN|SERVES_IN|LIVES_IN|MEMBER_OF|SUBORDINATE_TO|IN_CENTRAL_HOUSEHOLD|TO]->(m) "
        "WHERE n.id IN ['po-2', 'c-1', 'e-1', 'm-1', 'cp-1', 'a-1'] "
        "RETURN n.id AS n, type(r) AS type, m.id AS m ORDER BY n, type"
    )
    assert [(r["n"], r["type"], r["m"]) for r in ends] == [
        ("a-1", "TO", "X-1-1-1"),
        ("c-1", "SERVES_IN", "X-1-1-1"),
        ("cp-1", "LOCATED_IN", "X-1-1-1"),
        ("e-1", "LOCATED_IN", "X-1-1-2"),
        ("m-1", "LIVES_IN", "X-1-1-2"),
        ("m-1", "MEMBER_OF", "po-3"),
        ("po-2", "LOCATED_IN", "X-1-1-2"),
        ("po-2", "SUBORDINATE_TO", "po-3"),
    ]


def test_a_party_org_cannot_move_under_its_own_subordinate(empty_graph):
    load(empty_graph, SMALL)
    with pytest.raises(InvalidInput) as info:
        load(empty_graph, {"party_orgs": [{"id": "po-1", "name": "一县委", "kind": "committee", "region_id": "X-1", "parent_id": "po-2"}]})
    assert ("party_orgs", "parent_id", "would make a SUBORDINATE_TO cycle: po-1 -> po-2 -> po-1") in reasons(info)


def test_an_item_left_in_two_places_by_an_older_load_is_healed_by_a_reimport(empty_graph):
    load(empty_graph, SMALL)
    empty_graph.write("MATCH (h:Household {id: 'h-1'}), (v:Region {id: 'X-1-1-2'}) CREATE (h)-[:LOCATED_IN]->(v)")
    report = load(empty_graph, {"households": [{"id": "h-1", "name": "王五", "region_id": "X-1-1-1"}]})
    assert [(m["from"], m["to"]) for m in report.moves] == [("X-1-1-2", "X-1-1-1")]
    assert located_in(empty_graph, "h-1") == [{"region": "X-1-1-1", "prop": "X-1-1-1"}]


def test_api_import_reports_moves_and_refuses_a_second_city(empty_graph, api_client, settings, monkeypatch):
    monkeypatch.setattr(settings, "api_tokens", "plan-token:planner")
    auth = {"Authorization": "Bearer plan-token"}
    assert api_client.post("/v1/import", json=SMALL, headers=auth).status_code == 200
    moved = {"households": [{"id": "h-1", "name": "王五", "region_id": "X-1-1-2"}]}
    body = api_client.post("/v1/import", json=moved, headers=auth).json()
    assert body["moves"] == [{"section": "households", "id": "h-1", "field": "region_id", "from": "X-1-1-1", "to": "X-1-1-2"}]

    city = {"regions": [{"id": "Y", "name": "另一市", "level": "city"}]}
    refused = api_client.post("/v1/import", json=city, headers=auth)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "parent_id"
    assert api_client.post("/v1/import?allow_new_root=true", json=city, headers=auth).status_code == 200


def test_api_import_refuses_json_infinity_and_control_characters(empty_graph, api_client, settings, monkeypatch):
    monkeypatch.setattr(settings, "api_tokens", "plan-token:planner")
    headers = {"Authorization": "Bearer plan-token", "Content-Type": "application/json"}
    bad = (
        '{"allocations": [{"id": "a-9", "fund": "community_standard", "amount": 1e309, "date": "2020-02-05", '
        '"region_id": "X"}], "households": [{"id": "h-9", "name": "\\u202e\\u4e94\\u738b", "region_id": "X"}]}'
    )
    response = api_client.post("/v1/import", content=bad, headers=headers)
    assert response.status_code == 422
    assert {(e["section"], e["field"]) for e in response.json()["errors"]} == {("allocations", "amount"), ("households", "name")}
    assert empty_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0
