"""Small hand-built graphs with answers written here; Cypher and the networkx reference must
both give them (the reference is checked first, without the database).

Every test runs twice: on the live queries, and on the stored coverage summaries computed after
the load (``source="summary"`` where the test names a source; ``auto`` elsewhere, which then
reads the summaries)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from orgnet.coverage import service
from orgnet.coverage.policy import Policy, default_policy
from orgnet.coverage.reference import Reference
from orgnet.coverage.summaries import refresh
from orgnet.graph.loader import load_bundle
from orgnet.graph.model import Bundle
from tests import find_check
from tests.scenarios import small_bundle

DAY = dt.date(2020, 3, 31)
YESTERDAY = dt.date(2020, 3, 30)
POLICY = default_policy()
SOURCE = "live"  # set per test by the `source` fixture (tests/integration/conftest.py)
pytestmark = pytest.mark.usefixtures("source")


def load(graph, bundle: Bundle) -> Reference:
    graph.delete_all()
    load_bundle(graph, bundle, batch_size=500)
    if SOURCE == "summary":
        refresh(graph, policy=POLICY)
    return Reference(bundle)


def expect(
    graph,
    ref: Reference,
    metric: str,
    region: str,
    *,
    covered: int,
    total: int,
    gaps: dict[str, dict[str, Any]] | None = None,
    children: dict[str, tuple[int, int]] | None = None,
    as_of: dt.date = DAY,
    policy: Policy = POLICY,
) -> None:
    """Both implementations give ``covered``/``total`` (and children, and the gap ids with these details)."""
    r = ref.rollup(metric, region_id=region, as_of=as_of, policy=policy)
    assert r["region"] == (covered, total), f"reference {metric} {region}"
    source = SOURCE if policy is POLICY else "auto"  # summaries are computed under POLICY only
    top, groups = service.rollup(graph, metric=metric, region_id=region, as_of=as_of, policy=policy, source=source)
    assert (top["covered"], top["total"]) == (covered, total), f"cypher {metric} {region}"
    assert {g["id"]: (g["covered"], g["total"]) for g in groups} == r["groups"]
    if children is not None:
        assert r["groups"] == children
    if gaps is not None:
        ref_gaps = {g.id: g.details for g in ref.gaps(metric, region_id=region, as_of=as_of, policy=policy)}
        got = {g["id"]: g["details"] for g in service.all_gaps(graph, metric=metric, region_id=region, as_of=as_of, policy=policy, source=source)}
        assert set(ref_gaps) == set(got) == set(gaps)
        for item_id, wanted in gaps.items():
            for key, value in wanted.items():
                assert ref_gaps[item_id][key] == value, (item_id, key)
                assert got[item_id][key] == value, (item_id, key)
        assert ref_gaps == got


def test_an_empty_region_has_explicit_zeros(empty_graph):
    ref = load(empty_graph, small_bundle(party_orgs=[{"id": "o1", "name": "支部", "region_id": "V1"}]))
    for m in ("party_org_presence", "enterprise_pairing", "household_linkage", "community_funding", "medical_family_support"):
        expect(empty_graph, ref, m, "K3", covered=0, total=0, children={})
    c = service.coverage(empty_graph, metric="party_org_presence", region_id="C", as_of=DAY, policy=POLICY)
    assert [(x["id"], x["covered"], x["total"], x["ratio"]) for x in c["children"]] == [
        ("K1", 1, 2, 0.5),
        ("K2", 0, 1, 0.0),
        ("K3", 0, 0, None),
    ]
    assert c["covered"] == 1 and c["total"] == 3
    card = service.scorecard(empty_graph, region_id="K3", as_of=DAY, policy=POLICY)
    assert all(line["total"] == 0 and line["ratio"] is None and line["status"] == "ok" for line in card["metrics"])


def test_a_single_village(empty_graph):
    bundle = Bundle.model_validate(
        {
            "regions": [
                {"id": "C", "name": "市", "level": "city"},
                {"id": "K", "name": "县", "level": "county", "parent_id": "C"},
                {"id": "T", "name": "镇", "level": "town", "parent_id": "K"},
                {"id": "V", "name": "村", "level": "village", "kind": "village", "parent_id": "T"},
            ],
            "party_orgs": [{"id": "o", "name": "村支部", "region_id": "V"}],
            "party_members": [{"id": "m", "name": "党员", "org_id": "o", "region_id": "V", "rural": True}],
            "households": [{"id": f"h{i}", "name": f"户{i}", "region_id": "V"} for i in range(10)],
            "household_links": [{"member_id": "m", "household_id": f"h{i}", "since": "2020-02-01"} for i in range(10)],
        }
    )
    ref = load(empty_graph, bundle)
    for region in ("C", "K", "T", "V"):
        expect(empty_graph, ref, "party_org_presence", region, covered=1, total=1, gaps={})
        expect(empty_graph, ref, "household_linkage", region, covered=10, total=10, gaps={})
        expect(empty_graph, ref, "member_link_load", region, covered=1, total=1, gaps={})
        expect(empty_graph, ref, "community_teams", region, covered=0, total=0)  # a village is not a community
    expect(empty_graph, ref, "party_org_presence", "V", covered=1, total=1, children={})
    assert service.coverage(empty_graph, metric="party_org_presence", region_id="V", as_of=DAY, policy=POLICY)["children"] == []


PAIRING_BUNDLE = dict(
    cadres=[
        {"id": "cc", "name": "市干部", "level": "city", "region_id": "C"},
        {"id": "ck1", "name": "一县干部", "level": "county", "region_id": "K1"},
        {"id": "ct1", "name": "一镇干部", "level": "town", "region_id": "T1"},
        {"id": "ct2", "name": "二镇干部", "level": "town", "region_id": "T2"},
    ],
    enterprises=[
        {"id": "e1", "name": "一厂", "kind": "non_public", "region_id": "V1"},
        {"id": "e2", "name": "二厂", "kind": "non_public", "region_id": "V1"},
        {"id": "e3", "name": "三厂", "kind": "talent", "region_id": "T1"},
    ],
    pairings=[
        # e1: county within jurisdiction; town pairing from a cadre of another town
        {"cadre_id": "ck1", "enterprise_id": "e1", "since": "2020-02-01"},
        {"cadre_id": "ct2", "enterprise_id": "e1", "since": "2020-02-01"},
        # e2: fully covered
        {"cadre_id": "ck1", "enterprise_id": "e2", "since": "2020-02-01"},
        {"cadre_id": "ct1", "enterprise_id": "e2", "since": "2020-02-01"},
        # e3 (talent, located at the town itself): city yes, town pairing ended yesterday
        {"cadre_id": "cc", "enterprise_id": "e3", "since": "2020-02-01"},
        {"cadre_id": "ct1", "enterprise_id": "e3", "since": "2020-02-01", "until": "2020-03-30"},
    ],
)


def test_a_cadre_paired_outside_its_jurisdiction(empty_graph):
    ref = load(empty_graph, small_bundle(**PAIRING_BUNDLE))
    gaps = {
        "e1": {"missing_levels": ["town"], "outside_jurisdiction": [{"cadre_id": "ct2", "level": "town"}]},
        "e3": {"missing_levels": ["town"], "outside_jurisdiction": []},
    }
    expect(empty_graph, ref, "enterprise_pairing", "C", covered=1, total=3, gaps=gaps, children={"K1": (1, 3), "K2": (0, 0), "K3": (0, 0)})
    # e3 sits at the town, so in T1's own row but in no village row
    expect(empty_graph, ref, "enterprise_pairing", "T1", covered=1, total=3, children={"V1": (1, 2), "M1": (0, 0)})
    assert not find_check.is_enterprise_covered(empty_graph, item_id="e1", as_of=DAY, policy=POLICY)
    assert find_check.is_enterprise_covered(empty_graph, item_id="e2", as_of=DAY, policy=POLICY)
    # the day before, e3's town pairing was still active
    expect(empty_graph, ref, "enterprise_pairing", "C", covered=2, total=3, as_of=YESTERDAY)
    page = service.gaps(empty_graph, metric="enterprise_pairing", region_id="C", as_of=DAY, policy=POLICY)
    assert page["items"][0]["reason"] == (
        "No active town-level cadre pairing within jurisdiction; paired with cadre(s) serving outside a region that contains the enterprise: ct2 (town)."
    )


def test_a_link_that_ended_yesterday(empty_graph):
    ref = load(
        empty_graph,
        small_bundle(
            party_orgs=[{"id": "o", "name": "支部", "region_id": "V1"}],
            party_members=[{"id": "m1", "name": "党员", "org_id": "o", "region_id": "V1", "rural": True}],
            households=[{"id": "h1", "name": "户一", "region_id": "V1"}, {"id": "h2", "name": "户二", "region_id": "V1"}],
            household_links=[
                {"member_id": "m1", "household_id": "h1", "since": "2020-02-01", "until": "2020-03-30"},
                {"member_id": "m1", "household_id": "h2", "since": "2020-02-01", "until": "2020-03-31"},
            ],
        ),
    )
    expect(empty_graph, ref, "household_linkage", "C", covered=1, total=2, gaps={"h1": {"active_links": 0, "last_link_ended": "2020-03-30"}})
    expect(empty_graph, ref, "household_linkage", "C", covered=2, total=2, gaps={}, as_of=YESTERDAY)
    expect(empty_graph, ref, "household_linkage", "C", covered=0, total=2, as_of=DAY + dt.timedelta(days=1))
    assert not find_check.is_household_linked(empty_graph, item_id="h1", as_of=DAY, policy=POLICY)
    assert find_check.is_household_linked(empty_graph, item_id="h2", as_of=DAY, policy=POLICY)


def test_a_member_with_eleven_households(empty_graph):
    households = [{"id": f"h{i:02d}", "name": f"户{i}", "region_id": "V1"} for i in range(21)]
    links = [{"member_id": "m11", "household_id": f"h{i:02d}", "since": "2020-02-01"} for i in range(11)]
    links += [{"member_id": "m10", "household_id": f"h{i:02d}", "since": "2020-02-01"} for i in range(11, 21)]
    ref = load(
        empty_graph,
        small_bundle(
            party_orgs=[{"id": "o", "name": "支部", "region_id": "V1"}],
            party_members=[
                {"id": "m11", "name": "甲", "org_id": "o", "region_id": "V1", "rural": True},
                {"id": "m10", "name": "乙", "org_id": "o", "region_id": "V1", "rural": True},
                {"id": "mu", "name": "丙", "org_id": "o", "region_id": "V1", "rural": False},  # not in the scheme
            ],
            households=households,
            household_links=links,
        ),
    )
    expect(empty_graph, ref, "member_link_load", "C", covered=1, total=2, gaps={"m11": {"active_links": 11, "target": 10}})
    assert find_check.is_member_on_link_target(empty_graph, item_id="m10", as_of=DAY, policy=POLICY)
    relaxed = POLICY.with_changes({"member_link_load": {"target_households": 11}})
    expect(empty_graph, ref, "member_link_load", "C", covered=1, total=2, gaps={"m10": {"active_links": 10, "target": 11}}, policy=relaxed)


def test_a_community_funded_49999(empty_graph):
    regions = [
        *small_bundle().model_dump(mode="json")["regions"],
        {"id": "M2", "name": "二社区", "level": "village", "kind": "community", "parent_id": "T2"},
        {"id": "M3", "name": "三社区", "level": "village", "kind": "community", "parent_id": "T2"},
    ]
    ref = load(
        empty_graph,
        small_bundle(
            regions=regions,
            allocations=[
                {"id": "a1", "fund": "community_standard", "amount": 49_999, "date": "2020-02-01", "region_id": "M1"},
                {"id": "a2", "fund": "community_standard", "amount": 30_000, "date": "2020-02-01", "region_id": "M2"},
                {"id": "a3", "fund": "community_standard", "amount": 20_000, "date": "2020-03-31", "region_id": "M2"},
                {"id": "a4", "fund": "community_standard", "amount": 50_000, "date": "2020-04-01", "region_id": "M3"},
                {"id": "a5", "fund": "city_party_fee", "amount": 50_000, "date": "2020-02-01", "region_id": "M3"},
            ],
        ),
    )
    gaps = {"M1": {"allocated": 49_999.0, "shortfall": 1.0}, "M3": {"allocated": 0.0}}
    expect(empty_graph, ref, "community_funding", "C", covered=1, total=3, gaps=gaps, children={"K1": (0, 1), "K2": (1, 2), "K3": (0, 0)})
    expect(empty_graph, ref, "community_funding", "C", covered=2, total=3, as_of=dt.date(2020, 4, 1))
    wider = POLICY.with_changes({"community_funding": {"funds": ["community_standard", "city_party_fee"]}})
    expect(empty_graph, ref, "community_funding", "C", covered=2, total=3, gaps={"M1": {}}, policy=wider)
    assert not find_check.is_community_funded(empty_graph, item_id="M1", as_of=DAY, policy=POLICY)


def test_a_policy_change_changes_the_results(empty_graph):
    ref = load(
        empty_graph,
        small_bundle(
            **PAIRING_BUNDLE,
            party_orgs=[{"id": "o", "name": "支部", "region_id": "V1"}],
            party_members=[
                {"id": "m1", "name": "甲", "org_id": "o", "region_id": "V1"},
                {"id": "m2", "name": "乙", "org_id": "o", "region_id": "V1"},
            ],
            volunteer_teams=[{"id": "t1", "name": "一队"}, {"id": "t2", "name": "二队"}],
            team_memberships=[
                {"member_id": "m1", "team_id": "t1", "since": "2020-02-01"},
                {"member_id": "m1", "team_id": "t2", "since": "2020-02-01"},
                {"member_id": "m2", "team_id": "t2", "since": "2020-02-01", "until": "2020-03-01"},
            ],
            deployments=[{"team_id": "t1", "target_type": "region", "target_id": "M1", "since": "2020-02-01"}],
        ),
    )
    expect(empty_graph, ref, "community_teams", "C", covered=1, total=1, gaps={})
    bigger_teams = POLICY.with_changes({"teams": {"min_team_size": 2}})
    expect(
        empty_graph,
        ref,
        "community_teams",
        "C",
        covered=0,
        total=1,
        policy=bigger_teams,
        gaps={"M1": {"deployed": [{"team_id": "t1", "active_members": 1}], "min_team_size": 2}},
    )
    county_only = POLICY.with_changes({"enterprise_pairing": {"required_levels": {"city_owned": ["county"], "non_public": ["county"], "talent": ["city"]}}})
    expect(empty_graph, ref, "enterprise_pairing", "C", covered=3, total=3, gaps={}, policy=county_only)
    strict_load = POLICY.with_changes({"cadre_load": {"max_active_pairings": {"city": 5, "county": 1, "town": 10, "village": 6}}})
    expect(empty_graph, ref, "cadre_load", "C", covered=4, total=4, gaps={})
    expect(empty_graph, ref, "cadre_load", "C", covered=3, total=4, policy=strict_load, gaps={"ck1": {"active_pairings": 2, "maximum": 1, "level": "county"}})


def test_medical_workers_with_and_without_a_family_region(empty_graph):
    ref = load(
        empty_graph,
        small_bundle(
            party_orgs=[{"id": "o", "name": "医院党委", "region_id": "K1"}],
            cadres=[{"id": "ck1", "name": "县干部", "level": "county", "region_id": "K1"}],
            medical_workers=[
                {"id": "w1", "name": "甲", "batch": 1, "destination": "武汉", "region_id": "V1"},
                {"id": "w2", "name": "乙", "batch": 2, "destination": "黄石"},
                {"id": "w3", "name": "丙", "batch": 3, "destination": "武汉", "region_id": "K2"},
            ],
            family_supports=[
                {"supporter_type": "party_org", "supporter_id": "o", "medical_worker_id": "w1", "since": "2020-02-01"},
                {"supporter_type": "cadre", "supporter_id": "ck1", "medical_worker_id": "w3", "since": "2020-02-01", "until": "2020-03-30"},
            ],
        ),
    )
    expect(
        empty_graph,
        ref,
        "medical_family_support",
        "C",
        covered=1,
        total=3,
        children={"K1": (1, 1), "K2": (0, 1), "K3": (0, 0)},
        gaps={"w2": {"batch": 2, "last_support_ended": None}, "w3": {"last_support_ended": "2020-03-30"}},
    )
    expect(empty_graph, ref, "medical_family_support", "K2", covered=0, total=1, gaps={"w3": {}})
    page = service.gaps(empty_graph, metric="medical_family_support", region_id="C", as_of=DAY, policy=POLICY)
    assert [i["region_path"] for i in page["items"] if i["id"] == "w2"] == [[]]
    assert all(i["name"] is None for i in page["items"])  # personal data hidden by default


def test_what_if_a_cadre_is_in_quarantine(empty_graph):
    ref = load(empty_graph, small_bundle(**PAIRING_BUNDLE))
    from orgnet.coverage.whatif import what_if

    res = what_if(empty_graph, region_id="C", as_of=DAY, policy=POLICY, cadres=["ct1", "nobody"])
    lines = {x["metric"]: x for x in res["metrics"]}
    assert [i["id"] for i in lines["enterprise_pairing"]["newly_uncovered"]] == ["e2"]
    assert lines["enterprise_pairing"]["newly_uncovered"][0]["details"]["missing_levels"] == ["town"]
    assert res["unknown"]["cadres"] == ["nobody"]
    assert ref.newly_uncovered("enterprise_pairing", region_id="C", as_of=DAY, policy=POLICY, unavailable={"cadres": ["ct1"]}) == ["e2"]
    assert what_if(empty_graph, region_id="K2", as_of=DAY, policy=POLICY, cadres=["ct1"])["total_newly_uncovered"] == 0


FIRST = dt.date(2020, 3, 1)
"""The day every record of :func:`test_a_day_before_every_kind_of_record` starts or is dated."""


def test_a_day_before_every_kind_of_record(empty_graph):
    """Each metric asked the day before each kind of record it reads (docs/design.md §3): a record
    dated after the day counts for nothing, on that day, in every metric; on the record's day it counts."""
    from orgnet.coverage.metrics import METRICS

    since = {"since": FIRST.isoformat()}
    bundle = small_bundle(
        party_orgs=[{"id": "o1", "name": "支部", "region_id": "V1"}],
        cadres=[
            {"id": "cc", "name": "市干部", "level": "city", "region_id": "C"},
            {"id": "ck", "name": "县干部", "level": "county", "region_id": "K1"},
            {"id": "ct", "name": "镇干部", "level": "town", "region_id": "T1"},
        ],
        enterprises=[{"id": "e1", "name": "市属企业", "kind": "city_owned", "region_id": "V1"}]
        + [{"id": f"e{n}", "name": f"企业{n}", "kind": "talent", "region_id": "V1"} for n in range(2, 8)],
        # city cadre cc: 7 pairings from FIRST, over its maximum of 5 only from FIRST
        pairings=[{"cadre_id": c, "enterprise_id": "e1", **since} for c in ("cc", "ck", "ct")]
        + [{"cadre_id": "cc", "enterprise_id": f"e{n}", **since} for n in range(2, 8)],
        party_members=[{"id": "m1", "name": "党员", "org_id": "o1", "region_id": "V1", "rural": True}],
        households=[{"id": f"h{n}", "name": f"户{n}", "region_id": "V1"} for n in range(10)],
        household_links=[{"member_id": "m1", "household_id": f"h{n}", **since} for n in range(10)],
        volunteer_teams=[{"id": "t1", "name": "先锋队", "org_id": "o1"}],
        team_memberships=[{"member_id": "m1", "team_id": "t1", **since}],
        checkpoints=[{"id": "cp1", "name": "卡口", "kind": "community_gate", "region_id": "T1"}],
        deployments=[
            {"team_id": "t1", "target_type": "region", "target_id": "M1", **since},
            {"team_id": "t1", "target_type": "checkpoint", "target_id": "cp1", **since},
        ],
        medical_workers=[{"id": "w1", "name": "医务", "batch": 1, "destination": "武汉", "region_id": "V1"}],
        family_supports=[{"supporter_type": "party_org", "supporter_id": "o1", "medical_worker_id": "w1", **since}],
        allocations=[{"id": "a1", "fund": "community_standard", "amount": 50000.0, "date": FIRST.isoformat(), "region_id": "M1"}],
    )
    ref = load(empty_graph, bundle)
    before, on = FIRST - dt.timedelta(days=1), FIRST
    # (covered, total) the day before the records, and on their day
    want = {
        "enterprise_pairing": ((0, 7), (1, 7)),  # e1 has its three levels from FIRST; the talent ones lack a town cadre
        "cadre_load": ((3, 3), (2, 3)),  # cc's seven pairings exceed its five only from FIRST
        "household_linkage": ((0, 10), (10, 10)),
        "member_link_load": ((0, 1), (1, 1)),
        "community_teams": ((0, 1), (1, 1)),
        "checkpoint_staffing": ((0, 1), (1, 1)),
        "medical_family_support": ((0, 1), (1, 1)),
        "community_funding": ((0, 1), (1, 1)),
        "pairing_visits": ((0, 0), (7, 7)),  # paired from FIRST: in the population, no visit due for 30 days
    }
    for metric, (was, now) in want.items():
        expect(empty_graph, ref, metric, "C", covered=was[0], total=was[1], as_of=before)
        expect(empty_graph, ref, metric, "C", covered=now[0], total=now[1], as_of=on)
    # the metrics not listed read no dated record: the same on any day
    undated = {m.name for m in METRICS if not m.dated}
    assert undated == {"party_org_presence", "central_household_size"}
    assert set(want) | undated | {"frontline_recognition", "record_backed_promotion", "application_followup", "duty_death_family_care"} == {
        m.name for m in METRICS
    }
