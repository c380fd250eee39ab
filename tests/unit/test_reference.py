"""The networkx reference on its own (no database): hand-built answers and invariants."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from orgnet.coverage.metrics import METRIC_NAMES
from orgnet.coverage.policy import default_policy
from orgnet.coverage.reference import Reference, active
from orgnet.graph.model import Level
from tests.scenarios import AS_OF, random_bundle, small_bundle

POLICY = default_policy()


def test_active_is_inclusive_of_until():
    a = {"since": dt.date(2020, 2, 1), "until": dt.date(2020, 3, 30)}
    assert active(a, dt.date(2020, 2, 1)) and active(a, dt.date(2020, 3, 30))
    assert not active(a, dt.date(2020, 3, 31)) and not active(a, dt.date(2020, 1, 31))
    assert active({"since": dt.date(2020, 2, 1), "until": None}, dt.date(2030, 1, 1))


def test_ancestors_and_regions_come_from_part_of_edges():
    ref = Reference(small_bundle())
    assert ref.ancestors("V1") == ["V1", "T1", "K1", "C"]
    assert ref.ancestor_at("M1", Level.county) == "K1" and ref.ancestor_at("T1", "village") is None
    assert ref.regions_under("K1") == ["K1", "M1", "T1", "V1"] and ref.regions_under("K3") == ["K3"]


def test_hand_built_answers():
    ref = Reference(
        small_bundle(
            party_orgs=[{"id": "o", "name": "支部", "region_id": "V1"}],
            cadres=[
                {"id": "ct2", "name": "二镇干部", "level": "town", "region_id": "T2"},
                {"id": "ck1", "name": "一县干部", "level": "county", "region_id": "K1"},
            ],
            enterprises=[{"id": "e1", "name": "一厂", "kind": "non_public", "region_id": "V1"}],
            pairings=[{"cadre_id": "ct2", "enterprise_id": "e1", "since": "2020-02-01"}, {"cadre_id": "ck1", "enterprise_id": "e1", "since": "2020-02-01"}],
            allocations=[{"id": "a", "fund": "community_standard", "amount": 49_999, "date": "2020-02-01", "region_id": "M1"}],
        )
    )
    e1 = ref.evaluate("enterprise_pairing", as_of=AS_OF, policy=POLICY)["e1"]
    assert not e1.covered and e1.details["missing_levels"] == ["town"]
    assert e1.details["outside_jurisdiction"] == [{"cadre_id": "ct2", "level": "town"}]
    assert ref.rollup("party_org_presence", region_id="C", as_of=AS_OF, policy=POLICY) == {
        "region": (1, 3),
        "groups": {"K1": (1, 2), "K2": (0, 1), "K3": (0, 0)},
    }
    funding = ref.evaluate("community_funding", as_of=AS_OF, policy=POLICY)["M1"]
    assert not funding.covered and funding.details["shortfall"] == 1.0
    cheaper = POLICY.with_changes({"community_funding": {"standard_cny": 49_999}})
    assert ref.evaluate("community_funding", as_of=AS_OF, policy=cheaper)["M1"].covered


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10**6), size=st.integers(1, 3), shift=st.integers(-60, 30))
def test_rollup_invariants(seed, size, shift):
    bundle = random_bundle(seed, size=size)
    ref = Reference(bundle)
    day = AS_OF + dt.timedelta(days=shift)
    for metric in METRIC_NAMES:
        city = ref.rollup(metric, region_id="S", as_of=day, policy=POLICY)
        covered, total = city["region"]
        assert 0 <= covered <= total
        assert len(ref.gaps(metric, region_id="S", as_of=day, policy=POLICY)) == total - covered
        # groups partition the items below the group level; the rest sit higher up
        assert sum(g[1] for g in city["groups"].values()) <= total
        for county, (c, t) in city["groups"].items():
            assert ref.rollup(metric, region_id=county, as_of=day, policy=POLICY)["region"] == (c, t)
