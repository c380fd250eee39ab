"""pairing_visits (issue 26) on small hand-built graphs with answers written here; the Cypher (live and
from the stored summaries) and the networkx reference must both give them.

The default policy's window is 30 days: on 2020-03-31 it runs from 2020-03-02 to 2020-03-31, and a
pairing is due a visit once in force since 2020-03-02 or earlier.

One bundle holds the cases:

- ``e1`` (V1): county cadre ck1 visited on 03-02 (the window's first day), town cadre ct1 on 03-31 (the day);
- ``e2`` (V1): ct1 visited on 03-01 (the day before the window) and on 04-01 (the day after the day);
- ``e3`` (T1): paired with ``cx``, a town cadre of T2 (outside its jurisdiction): the pairing still asks
  for visits, and there are none;
- ``e4`` (V2): its only pairing ended yesterday (03-30): no visit needed, not in the population;
- ``e5`` (V2): paired on 03-20, not due before 04-18;
- ``e6`` (M1): never paired: not in the population;
- ``e7`` (V1): village cadre cv1 never visited; ct1, who is not paired with it, did (it does not stand in);
- ``K3``: an empty county.
"""

from __future__ import annotations

import datetime as dt

import pytest

from orgnet.coverage.reference import Reference
from orgnet.coverage.summaries import refresh
from orgnet.graph.model import Bundle
from tests import find_check
from tests.integration import test_coverage_cases as cases
from tests.scenarios import small_bundle

DAY = dt.date(2020, 3, 31)
M = "pairing_visits"
SINCE = "2020-02-01"


def visit(n: int, day: str, cadre: str, enterprise: str, region: str) -> dict[str, str]:
    return {"id": f"ev{n}", "date": day, "cadre_id": cadre, "enterprise_id": enterprise, "region_id": region, "recorded_by": "手机"}


BUNDLE = small_bundle(
    cadres=[
        {"id": "ck1", "name": "县干部", "level": "county", "region_id": "K1"},
        {"id": "ct1", "name": "一镇干部", "level": "town", "region_id": "T1"},
        {"id": "cv1", "name": "一村干部", "level": "village", "region_id": "V1"},
        {"id": "ct2", "name": "二镇干部", "level": "town", "region_id": "T2"},
        {"id": "cx", "name": "辖区外干部", "level": "town", "region_id": "T2"},
    ],
    enterprises=[
        {"id": "e1", "name": "两级走访", "kind": "non_public", "region_id": "V1"},
        {"id": "e2", "name": "窗口前后", "kind": "non_public", "region_id": "V1"},
        {"id": "e3", "name": "辖区外包挂", "kind": "non_public", "region_id": "T1"},
        {"id": "e4", "name": "昨日结束", "kind": "non_public", "region_id": "V2"},
        {"id": "e5", "name": "新近包挂", "kind": "talent", "region_id": "V2"},
        {"id": "e6", "name": "未包挂", "kind": "talent", "region_id": "M1"},
        {"id": "e7", "name": "他人代走访", "kind": "non_public", "region_id": "V1"},
    ],
    pairings=[
        {"cadre_id": "ck1", "enterprise_id": "e1", "since": SINCE},
        {"cadre_id": "ct1", "enterprise_id": "e1", "since": SINCE},
        {"cadre_id": "ct1", "enterprise_id": "e2", "since": SINCE},
        {"cadre_id": "cx", "enterprise_id": "e3", "since": SINCE},
        {"cadre_id": "ct2", "enterprise_id": "e4", "since": SINCE, "until": "2020-03-30"},
        {"cadre_id": "ct2", "enterprise_id": "e5", "since": "2020-03-20"},
        {"cadre_id": "cv1", "enterprise_id": "e7", "since": SINCE},
    ],
    enterprise_visits=[
        visit(1, "2020-03-02", "ck1", "e1", "V1"),
        visit(2, "2020-03-31", "ct1", "e1", "V1"),
        visit(3, "2020-03-01", "ct1", "e2", "V1"),
        visit(4, "2020-04-01", "ct1", "e2", "V1"),
        visit(5, "2020-03-25", "ct1", "e7", "V1"),
    ],
)


@pytest.fixture
def loaded(empty_graph, source, monkeypatch) -> Reference:
    monkeypatch.setattr(cases, "SOURCE", source)  # the helpers read their own module's source
    return cases.load(empty_graph, BUNDLE)


def test_pairing_visits_on_the_day(empty_graph, loaded):
    gaps = {
        "e2": {"lapsed": [{"cadre_id": "ct1", "level": "town", "last_visit_on": "2020-03-01"}], "never": [], "pairings": 1, "window_days": 30},
        "e3": {"lapsed": [], "never": [{"cadre_id": "cx", "level": "town"}]},  # outside jurisdiction: still its duty
        "e7": {"lapsed": [], "never": [{"cadre_id": "cv1", "level": "village"}]},  # ct1's visit does not stand in
    }
    # e1 (visited on the window's first day and on the day) and e5 (not due yet) are covered; e4 (ended yesterday) and e6 are not counted
    cases.expect(empty_graph, loaded, M, "C", covered=2, total=5, gaps=gaps, children={"K1": (1, 4), "K2": (1, 1), "K3": (0, 0)})
    cases.expect(empty_graph, loaded, M, "T1", covered=1, total=4, gaps=gaps, children={"V1": (1, 3), "M1": (0, 0)})
    cases.expect(empty_graph, loaded, M, "K3", covered=0, total=0, gaps={}, children={})  # the empty county
    cases.expect(empty_graph, loaded, M, "V2", covered=1, total=1, gaps={})
    assert find_check.is_pairing_visited(empty_graph, item_id="e1", as_of=DAY, policy=cases.POLICY)
    assert not find_check.is_pairing_visited(empty_graph, item_id="e3", as_of=DAY, policy=cases.POLICY)


def test_yesterday_the_ended_pairing_needed_a_visit(empty_graph, loaded):
    # window 03-01..03-30: e2's visit of 03-01 covers it; e1's of 03-31 is after the day; e4 is still paired
    yesterday = dt.date(2020, 3, 30)
    gaps = {
        "e1": {"never": [{"cadre_id": "ct1", "level": "town"}], "lapsed": [], "pairings": 2},
        "e3": {},
        "e4": {"never": [{"cadre_id": "ct2", "level": "town"}]},
        "e7": {},
    }
    cases.expect(empty_graph, loaded, M, "C", covered=2, total=6, gaps=gaps, as_of=yesterday)


def test_the_day_after_and_a_pairing_falling_due(empty_graph, loaded):
    # window 03-03..04-01: ck1's visit of 03-02 has left it; e2's visit of 04-01 now counts
    gaps = {"e1": {"lapsed": [{"cadre_id": "ck1", "level": "county", "last_visit_on": "2020-03-02"}], "never": []}, "e3": {}, "e7": {}}
    cases.expect(empty_graph, loaded, M, "C", covered=2, total=5, gaps=gaps, as_of=dt.date(2020, 4, 1))
    # e5, paired on 03-20, is due from 04-18 (30 days in force) and has no visit
    cases.expect(empty_graph, loaded, M, "V2", covered=1, total=1, gaps={}, as_of=dt.date(2020, 4, 17))
    cases.expect(empty_graph, loaded, M, "V2", covered=0, total=1, gaps={"e5": {"never": [{"cadre_id": "ct2", "level": "town"}]}}, as_of=dt.date(2020, 4, 18))
    # before any pairing: nothing to visit
    cases.expect(empty_graph, loaded, M, "C", covered=0, total=0, gaps={}, as_of=dt.date(2020, 1, 31))


def test_a_shorter_window_is_the_policy(empty_graph, loaded):
    week = cases.POLICY.with_changes({"pairing_visits": {"window_days": 7}})
    # window 03-25..03-31: ck1's visit of 03-02 is too old; e5 (paired 03-20) is due and unvisited
    gaps = {"e1": {"lapsed": [{"cadre_id": "ck1", "level": "county", "last_visit_on": "2020-03-02"}], "window_days": 7}, "e2": {}, "e3": {}, "e5": {}, "e7": {}}
    cases.expect(empty_graph, loaded, M, "C", covered=0, total=5, gaps=gaps, policy=week)


def test_a_voided_visit_does_not_count(empty_graph, loaded):
    empty_graph.write("MATCH (v:EnterpriseVisit {id: 'ev2'}) SET v.voided = true")
    if cases.SOURCE == "summary":
        refresh(empty_graph, policy=cases.POLICY)
    ref = Reference(BUNDLE, voided_nodes=[("EnterpriseVisit", "ev2")])
    cases.expect(empty_graph, ref, M, "V1", covered=0, total=3, gaps={"e1": {"never": [{"cadre_id": "ct1", "level": "town"}]}, "e2": {}, "e7": {}})


def test_a_single_village(empty_graph, source, monkeypatch):
    monkeypatch.setattr(cases, "SOURCE", source)
    bundle = Bundle.model_validate(
        {
            "regions": [
                {"id": "C", "name": "市", "level": "city"},
                {"id": "K", "name": "县", "level": "county", "parent_id": "C"},
                {"id": "T", "name": "镇", "level": "town", "parent_id": "K"},
                {"id": "V", "name": "村", "level": "village", "kind": "village", "parent_id": "T"},
            ],
            "cadres": [{"id": "c", "name": "村干部", "level": "village", "region_id": "V"}],
            "enterprises": [{"id": "e", "name": "村办企业", "kind": "non_public", "region_id": "V"}],
            "pairings": [{"cadre_id": "c", "enterprise_id": "e", "since": SINCE}],
            "enterprise_visits": [visit(1, "2020-03-21", "c", "e", "V")],
        }
    )
    ref = cases.load(empty_graph, bundle)
    for region in ("C", "K", "T", "V"):
        cases.expect(empty_graph, ref, M, region, covered=1, total=1, gaps={})
    # ten days later the visit is 31 days old
    cases.expect(
        empty_graph,
        ref,
        M,
        "V",
        covered=0,
        total=1,
        gaps={"e": {"lapsed": [{"cadre_id": "c", "level": "village", "last_visit_on": "2020-03-21"}]}},
        as_of=dt.date(2020, 4, 20),
    )
