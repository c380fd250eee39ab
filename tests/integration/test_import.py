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
    extra = {"enterprises": [{"id": "e-2", "name": "二厂", "kind": "talent", "region_id": "X-1-1-2"}],
             "pairings": [{"cadre_id": "c-1", "enterprise_id": "e-2", "since": "2020-02-03"}]}
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
        "section": "households", "index": 0, "id": "h-1", "field": "region_id",
        "reason": "refers to Region 'Atlantis', which is neither in the bundle nor in the database",
    }
    assert empty_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0

    ok = api_client.post("/v1/import", json=SMALL, headers=auth)
    assert ok.status_code == 200 and ok.json()["total"] == 21
