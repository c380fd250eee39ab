"""Cypher (the query library) against the independent networkx reference, on random scenarios
of several seeds and sizes: every metric's rollup at every region, the gap lists (paged), every
item's check, hotspots, what-if, on three days and under two policies.

Each test runs twice: on the live queries that visit every item, and on the stored coverage
summaries (``source="summary"``, which fails rather than falling back when they are not fresh)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgnet.coverage import service
from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import default_policy
from orgnet.coverage.reference import Reference
from orgnet.coverage.summaries import refresh
from orgnet.coverage.whatif import what_if
from orgnet.graph.loader import load_bundle
from orgnet.graph.model import Level
from tests.scenarios import AS_OF, random_bundle

POLICY = default_policy()
OTHER_POLICY = POLICY.with_changes(
    {
        "enterprise_pairing": {"required_levels": {"city_owned": ["county", "town", "village"], "non_public": ["town"], "talent": []}},
        "cadre_load": {"max_active_pairings": {"city": 1, "county": 2, "town": 3, "village": 1}},
        "member_link_load": {"target_households": 9},
        "central_household_size": {"target_members": 2},
        "teams": {"min_team_size": 2},
        "community_funding": {"standard_cny": 25_000, "funds": ["community_standard", "city_party_fee"]},
        "pairing_visits": {"window_days": 7},
    }
)
DAYS = (AS_OF - dt.timedelta(days=1), AS_OF, AS_OF + dt.timedelta(days=1))
SOURCE = "live"  # set per test by the `source` fixture (tests/integration/conftest.py)
pytestmark = pytest.mark.usefixtures("source")


def load(graph, bundle, *, batch_size: int, policy=POLICY) -> None:
    load_bundle(graph, bundle, batch_size=batch_size)
    use_policy(graph, policy)


def use_policy(graph, policy) -> None:
    """With stored summaries: compute them under ``policy`` (the live queries need nothing)."""
    if SOURCE == "summary":
        report = refresh(graph, policy=policy)
        assert report.regions > 0 and not report.skipped_because_written_meanwhile


def compare_rollups(graph, ref: Reference, bundle, *, as_of: dt.date, policy) -> None:
    for m in METRICS:
        for region in bundle.regions:
            got_top, got_groups = service.rollup(graph, metric=m.name, region_id=region.id, as_of=as_of, policy=policy, source=SOURCE)
            want = ref.rollup(m.name, region_id=region.id, as_of=as_of, policy=policy)
            got = {"region": (got_top["covered"], got_top["total"]), "groups": {g["id"]: (g["covered"], g["total"]) for g in got_groups}}
            assert got == want, f"{m.name} at {region.id} on {as_of}"


def compare_gaps(graph, ref: Reference, region: str, *, as_of: dt.date, policy, page: int) -> None:
    for m in METRICS:
        want = [(g.id, g.details) for g in ref.gaps(m.name, region_id=region, as_of=as_of, policy=policy)]
        got, cursor = [], None
        while True:
            p = service.gaps(graph, metric=m.name, region_id=region, as_of=as_of, policy=policy, limit=page, cursor=cursor, source=SOURCE)
            assert p["total"] == len(want)
            got += [(i["id"], i["details"]) for i in p["items"]]
            cursor = p["next_cursor"]
            if cursor is None:
                break
        assert got == want, f"gaps of {m.name} under {region} on {as_of}"


def compare_status(graph, ref: Reference, *, as_of: dt.date, policy) -> None:
    for m in METRICS:
        want = ref.evaluate(m.name, as_of=as_of, policy=policy)
        got = service.item_status(graph, metric=m.name, ids=sorted(want) + ["not-an-item"], as_of=as_of, policy=policy)
        assert {k: (v["covered"], v["details"]) for k, v in got.items()} == {k: (v.covered, v.details) for k, v in want.items()}, m.name


@pytest.mark.parametrize(("seed", "size"), [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (6, 3), (7, 4)])
def test_cypher_equals_the_reference(empty_graph, seed, size):
    bundle = random_bundle(seed, size=size)
    load(empty_graph, bundle, batch_size=100)
    ref = Reference(bundle)
    towns = [r.id for r in bundle.regions if r.level == Level.town]
    for day in DAYS:
        compare_rollups(empty_graph, ref, bundle, as_of=day, policy=POLICY)
        compare_status(empty_graph, ref, as_of=day, policy=POLICY)
        compare_gaps(empty_graph, ref, "S", as_of=day, policy=POLICY, page=3)
    use_policy(empty_graph, OTHER_POLICY)
    compare_rollups(empty_graph, ref, bundle, as_of=AS_OF, policy=OTHER_POLICY)
    compare_status(empty_graph, ref, as_of=AS_OF, policy=OTHER_POLICY)
    for region in ["S", "S-1", *towns[:2]]:
        compare_gaps(empty_graph, ref, region, as_of=AS_OF, policy=OTHER_POLICY, page=2)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_hotspots_and_what_if_equal_the_reference(empty_graph, seed):
    bundle = random_bundle(seed, size=2)
    load(empty_graph, bundle, batch_size=100)
    ref = Reference(bundle)
    for m in METRICS:
        for level in ("county", "town", "village"):
            hs = service.hotspots(empty_graph, metric=m.name, region_id="S", level=level, as_of=AS_OF, policy=POLICY, limit=500, source=SOURCE)
            want = ref.rollup(m.name, region_id="S", as_of=AS_OF, policy=POLICY, group_level=level)["groups"]
            assert {i["id"]: (i["total"] - i["uncovered"], i["total"]) for i in hs["items"]} == want
            keys = [(-i["uncovered"], i["ratio"] if i["ratio"] is not None else 2.0, i["id"]) for i in hs["items"]]
            assert keys == sorted(keys)
    rnd = random.Random(seed)
    for _ in range(3):
        unavailable = {
            "cadres": rnd.sample([c.id for c in bundle.cadres], k=min(3, len(bundle.cadres))),
            "members": rnd.sample([m.id for m in bundle.party_members], k=min(4, len(bundle.party_members))),
            "teams": rnd.sample([t.id for t in bundle.volunteer_teams], k=1),
        }
        for region in ("S", "S-1"):
            res = what_if(empty_graph, region_id=region, as_of=AS_OF, policy=POLICY, **unavailable)
            for line in res["metrics"]:
                want = ref.newly_uncovered(line["metric"], region_id=region, as_of=AS_OF, policy=POLICY, unavailable=unavailable)
                assert [i["id"] for i in line["newly_uncovered"]] == want, (line["metric"], region, unavailable)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], derandomize=True)
@given(seed=st.integers(100, 10**6), size=st.integers(1, 3), shift=st.integers(-40, 20))
def test_property_any_scenario_any_day(empty_graph, seed, size, shift):
    """Hypothesis picks the scenario and the day; the city rollups and gap lists must agree."""
    empty_graph.delete_all()
    bundle = random_bundle(seed, size=size)
    load(empty_graph, bundle, batch_size=200)
    ref = Reference(bundle)
    day = AS_OF + dt.timedelta(days=shift)
    for m in METRICS:
        top, _ = service.rollup(empty_graph, metric=m.name, region_id="S", as_of=day, policy=POLICY, source=SOURCE)
        covered, total = ref.rollup(m.name, region_id="S", as_of=day, policy=POLICY)["region"]
        assert (top["covered"], top["total"]) == (covered, total)
        got = [i["id"] for i in service.all_gaps(empty_graph, metric=m.name, region_id="S", as_of=day, policy=POLICY, source=SOURCE)]
        assert got == [g.id for g in ref.gaps(m.name, region_id="S", as_of=day, policy=POLICY)]
