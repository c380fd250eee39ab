"""A province in one graph (issue 15): two of Jiangsu's cities at a tiny density under 江苏省 and
the nation; every rollup above a city is the sum of its cities, on the live queries and on the
stored summaries, and equals the networkx reference computed from the same records."""

from __future__ import annotations

import datetime as dt

import pytest

from orgnet.coverage import service
from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import default_policy
from orgnet.coverage.reference import Reference
from orgnet.coverage.summaries import refresh
from orgnet.graph.loader import load_bundle
from orgnet.graph.model import Bundle
from orgnet.seed import province

DAY = dt.date(2020, 3, 31)
POLICY = default_policy()
# 镇江市 (the smallest city) and 无锡市 (whose source names three districts GB/T 2260 no longer has)
CITIES = ("321100", "320200")


def province_bundle() -> Bundle:
    sections: dict[str, list] = {s: [] for s in Bundle.SECTIONS}
    for section, batch in province.generate(cities=CITIES, density=0.02):
        sections[section].extend(batch)
    return Bundle(**sections)


@pytest.fixture
def two_cities(empty_graph):
    bundle = province_bundle()
    load_bundle(empty_graph, bundle, batch_size=2000)
    refresh(empty_graph, policy=POLICY)
    return empty_graph, Reference(bundle)


def test_the_province_rolls_up_its_cities_and_matches_the_reference(two_cities):
    graph, ref = two_cities
    for metric in (m.name for m in METRICS):
        for source in ("live", "summary"):
            top, cities = service.rollup(graph, metric=metric, region_id=province.PROVINCE_ID, as_of=DAY, policy=POLICY, source=source)
            assert sorted(g["id"] for g in cities) == sorted(CITIES), (metric, source)
            assert {g["level"] for g in cities} == {"city"}
            assert top["covered"] == sum(g["covered"] for g in cities), (metric, source)
            assert top["total"] == sum(g["total"] for g in cities), (metric, source)
            expected = ref.rollup(metric, region_id=province.PROVINCE_ID, as_of=DAY, policy=POLICY)
            assert (top["covered"], top["total"]) == expected["region"], (metric, source)
            assert {g["id"]: (g["covered"], g["total"]) for g in cities} == expected["groups"], (metric, source)
            for c in CITIES:  # each city's own rollup is the row the province shows for it
                city_top, _ = service.rollup(graph, metric=metric, region_id=c, as_of=DAY, policy=POLICY, source=source)
                assert (city_top["covered"], city_top["total"]) == next((g["covered"], g["total"]) for g in cities if g["id"] == c)
            nation, provinces = service.rollup(graph, metric=metric, region_id=province.NATION_ID, as_of=DAY, policy=POLICY, source=source)
            assert [(p["id"], p["covered"], p["total"]) for p in provinces] == [(province.PROVINCE_ID, top["covered"], top["total"])]
            assert (nation["covered"], nation["total"]) == (top["covered"], top["total"])
    # the cities have gaps (one household in UNLINKED_ONE_IN unlinked): the sums are not trivially zero
    linkage, _ = service.rollup(graph, metric="household_linkage", region_id=province.PROVINCE_ID, as_of=DAY, policy=POLICY, source="summary")
    assert 0 < linkage["covered"] < linkage["total"]


def test_hotspots_and_gap_pages_at_province_level(two_cities):
    graph, ref = two_cities
    for source in ("live", "summary"):
        hot = service.hotspots(
            graph, metric="household_linkage", region_id=province.PROVINCE_ID, level="county", as_of=DAY, policy=POLICY, limit=50, source=source
        )
        expected = ref.rollup("household_linkage", region_id=province.PROVINCE_ID, as_of=DAY, policy=POLICY, group_level="county")["groups"]
        assert {h["id"]: (h["covered"], h["total"]) for h in hot["items"]} == {k: v for k, v in expected.items() if k in {h["id"] for h in hot["items"]}}
        assert hot["items"][0]["uncovered"] == max(t - c for c, t in expected.values())
        assert [p["level"] for p in hot["items"][0]["path"]] == ["nation", "province", "city", "county"]
        gaps = service.all_gaps(graph, metric="household_linkage", region_id=province.PROVINCE_ID, as_of=DAY, policy=POLICY, source=source)
        assert sorted(g["id"] for g in gaps) == [g.id for g in ref.gaps("household_linkage", region_id=province.PROVINCE_ID, as_of=DAY, policy=POLICY)]
        assert [p["level"] for p in gaps[0]["region_path"]] == ["nation", "province", "city", "county", "town", "village"]


def test_the_default_region_is_the_nation_and_the_tree_starts_there(two_cities, api_client):
    graph, _ = two_cities
    assert service.default_region_id(graph) == province.NATION_ID
    nation = api_client.get(f"/v1/regions/{province.NATION_ID}").json()
    assert (nation["level"], nation["children"], nation["path"]) == ("nation", 1, [{"id": "100000", "name": "中国", "level": "nation"}])
    children = api_client.get(f"/v1/regions/{province.PROVINCE_ID}/children").json()
    assert sorted(c["id"] for c in children["items"]) == sorted(CITIES)
    village = next(r for r in province.city_regions(province.city(province.load_province(), "321100")) if r.level.value == "village")
    path = api_client.get(f"/v1/regions/{village.id}").json()["path"]
    assert [p["level"] for p in path] == ["nation", "province", "city", "county", "town", "village"]
    assert [p["id"] for p in path][:3] == ["100000", "320000", "321100"]


def test_a_city_scoped_account_is_restricted_to_its_city_in_a_province(two_cities):
    """Before the levels above the city, an account scoped to any city was 'everywhere': in a
    province graph that would have shown a city's planner every other city's personal data."""
    from orgnet.accounts import store

    graph, _ = two_cities
    _, city_token = store.add_account(graph, name="zhenjiang planner", role="planner", scope=["321100"])
    _, nation_token = store.add_account(graph, name="national planner", role="planner", scope=[province.NATION_ID])
    assert store.identify(graph, city_token).scope == ("321100",)
    assert store.identify(graph, nation_token).scope is None  # the root region: unrestricted
