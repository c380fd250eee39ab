"""The four incentive metrics (issue 13) on small hand-built graphs with answers written here; the
Cypher (live and from the stored summaries) and the networkx reference must both give them.

One bundle holds every case (an empty county, one village, a record dated after the promotion, an
application decided one day late, ...), loaded once per source, so the suite grows little.  Each
metric is also asked a day before each kind of record it reads (issue 20): a promotion, an
application, a death, a record entry, a decision, a recognition, a contact or a payment dated after
the day counts for nothing on it.

It is over 400 lines because the one bundle of every case is written out here, with each of its
records' dates (the answers are reasoned from them), and a split would separate the answers from it."""

from __future__ import annotations

import datetime as dt

import pytest

from orgnet.coverage.metrics import get_metric
from orgnet.coverage.reference import Reference
from orgnet.coverage.summaries import refresh
from tests.integration import test_coverage_cases as cases
from tests.scenarios import small_bundle

DAY = dt.date(2020, 3, 31)


def entries(cadre: str, region: str, *dated: tuple[str, str]) -> list[dict[str, str]]:
    """Frontline record entries ``fr-<cadre>-<n>`` of a cadre: (date, kind) each."""
    return [
        {"id": f"fr-{cadre}-{n}", "cadre_id": cadre, "date": day, "kind": kind, "region_id": region, "text": "一线表现", "recorded_by": "组织部"}
        for n, (day, kind) in enumerate(dated, start=1)
    ]


BUNDLE = small_bundle(
    party_orgs=[{"id": "o1", "name": "一村支部", "region_id": "V1"}, {"id": "om", "name": "社区支部", "region_id": "M1"}],
    cadres=[
        {"id": "c1", "name": "一镇干部", "level": "town", "region_id": "T1"},
        {"id": "c2", "name": "二镇干部", "level": "town", "region_id": "T2"},
        {"id": "c3", "name": "一村干部", "level": "village", "region_id": "V1"},
        # frontline record files (纪实档案), against the default policy's 3 entries
        {"id": "c4", "name": "两条纪实", "level": "town", "region_id": "T1"},  # 2 entries: below, not due
        {"id": "c5", "name": "三条纪实", "level": "town", "region_id": "T2"},  # 3 entries by 03-01: due, never recognised
        {"id": "c6", "name": "后记一条", "level": "village", "region_id": "V2"},  # the 3rd entry dated after the day
        {"id": "c7", "name": "一条作废", "level": "village", "region_id": "V1"},  # 3 entries; test_a_voided_entry voids one
        {"id": "c8", "name": "窗口内", "level": "town", "region_id": "T1"},  # due 02-20, recognised 03-05
        {"id": "c9", "name": "窗口外", "level": "town", "region_id": "T2"},  # recognised before the policy's start day only
        {"id": "m5", "name": "又是队员", "level": "town", "region_id": "T2"},  # the same person as member m5: counted once
        {"id": "c10", "name": "同日纪实", "level": "town", "region_id": "T1"},  # promoted on the day of its only entry
    ],
    party_members=[
        {"id": "m1", "name": "老队员", "org_id": "om", "region_id": "M1"},  # 60 days at the exit, never recognised
        {"id": "m2", "name": "受表彰", "org_id": "om", "region_id": "M1"},  # recognised
        {"id": "m3", "name": "新队员", "org_id": "om", "region_id": "V1"},  # joined 10 days ago: not due yet
        {"id": "m4", "name": "早表彰", "org_id": "o1", "region_id": "V2"},  # recognised before the policy's start day only
        {"id": "m5", "name": "又是队员", "org_id": "o1", "region_id": "V2"},  # 7 days on the team, and 3 entries as cadre m5
        {"id": "m6", "name": "三段值守", "org_id": "o1", "region_id": "V1"},  # 10 + 3 + 1 distinct days on two teams: 14
    ],
    volunteer_teams=[{"id": "t1", "name": "先锋队一", "org_id": "om"}, {"id": "t2", "name": "先锋队二", "org_id": "om"}],
    checkpoints=[{"id": "cp1", "name": "东站出口", "kind": "rail_station_exit", "region_id": "T1"}],
    team_memberships=[
        {"member_id": "m1", "team_id": "t1", "since": "2020-02-01"},
        {"member_id": "m2", "team_id": "t1", "since": "2020-02-01"},
        {"member_id": "m3", "team_id": "t1", "since": "2020-03-22"},
        {"member_id": "m4", "team_id": "t1", "since": "2020-01-10", "until": "2020-02-20"},
        {"member_id": "m5", "team_id": "t1", "since": "2020-03-25"},
        # m6: 02-01..02-10 (10 days), 02-05..02-06 again on t2 (the same days), 02-15..02-17 (3), 02-20 (1)
        {"member_id": "m6", "team_id": "t1", "since": "2020-02-01", "until": "2020-02-10"},
        {"member_id": "m6", "team_id": "t2", "since": "2020-02-05", "until": "2020-02-06"},
        {"member_id": "m6", "team_id": "t2", "since": "2020-02-15", "until": "2020-02-17"},
        {"member_id": "m6", "team_id": "t1", "since": "2020-02-20", "until": "2020-02-20"},
    ],
    deployments=[
        {"team_id": "t1", "target_type": "checkpoint", "target_id": "cp1", "since": "2020-01-25"},
        {"team_id": "t2", "target_type": "region", "target_id": "M1", "since": "2020-02-01"},
    ],
    frontline_records=[
        {"id": "fr1", "cadre_id": "c1", "date": "2020-02-10", "kind": "duty", "region_id": "T1", "text": "值守", "recorded_by": "组织部"},
        {"id": "fr2", "cadre_id": "c2", "date": "2020-03-21", "kind": "positive_case", "region_id": "T2", "text": "补记", "recorded_by": "组织部"},
        *entries("c4", "T1", ("2020-02-05", "duty"), ("2020-02-20", "major_event")),
        *entries("c5", "T2", ("2020-02-03", "duty"), ("2020-02-12", "major_event"), ("2020-03-01", "duty")),
        *entries("c6", "V2", ("2020-02-03", "duty"), ("2020-02-12", "duty"), ("2020-04-05", "positive_case")),
        *entries("c7", "V1", ("2020-02-04", "duty"), ("2020-02-14", "duty"), ("2020-02-24", "negative_case")),
        *entries("c8", "T1", ("2020-02-01", "duty"), ("2020-02-10", "duty"), ("2020-02-20", "positive_case")),
        *entries("c9", "T2", ("2020-01-21", "duty"), ("2020-01-25", "duty"), ("2020-02-01", "duty")),
        *entries("m5", "T2", ("2020-02-02", "duty"), ("2020-02-09", "major_event"), ("2020-02-16", "duty")),
        *entries("c10", "T1", ("2020-03-15", "duty")),
    ],
    recognitions=[
        {
            "id": "r-m2",
            "person_type": "party_member",
            "person_id": "m2",
            "kind": "commended",
            "level": "unit",
            "date": "2020-03-10",
            "awarding_body": "工委",
            "region_id": "M1",
        },
        {
            "id": "r-m4",
            "person_type": "party_member",
            "person_id": "m4",
            "kind": "commended",
            "level": "unit",
            "date": "2020-01-15",
            "awarding_body": "工委",
            "region_id": "V2",
        },
        {
            "id": "r-c8",
            "person_type": "cadre",
            "person_id": "c8",
            "kind": "commended",
            "level": "city",
            "date": "2020-03-05",
            "awarding_body": "组织部",
            "region_id": "T1",
        },
        {
            "id": "r-c9",
            "person_type": "cadre",
            "person_id": "c9",
            "kind": "commended",
            "level": "city",
            "date": "2020-01-15",
            "awarding_body": "组织部",
            "region_id": "T2",
        },
        {
            "id": "p-c1",
            "person_type": "cadre",
            "person_id": "c1",
            "kind": "promoted",
            "level": "city",
            "date": "2020-03-20",
            "awarding_body": "组织部",
            "region_id": "T1",
        },
        {
            "id": "p-c2",
            "person_type": "cadre",
            "person_id": "c2",
            "kind": "promoted",
            "level": "city",
            "date": "2020-03-20",
            "awarding_body": "组织部",
            "region_id": "T2",
        },
        {
            "id": "p-c10",
            "person_type": "cadre",
            "person_id": "c10",
            "kind": "promoted",
            "level": "city",
            "date": "2020-03-15",
            "awarding_body": "组织部",
            "region_id": "T1",
        },
        {
            "id": "n-c1",
            "person_type": "cadre",
            "person_id": "c1",
            "kind": "noted",
            "level": "city",
            "date": "2020-03-10",
            "awarding_body": "组织部",
            "region_id": "T1",
        },
        {
            "id": "n-c3",
            "person_type": "cadre",
            "person_id": "c3",
            "kind": "noted",
            "level": "city",
            "date": "2020-03-20",
            "awarding_body": "组织部",
            "region_id": "V1",
        },
    ],
    talents=[{"id": "tal1", "name": "人才一", "region_id": "V1"}, {"id": "tal2", "name": "人才二", "region_id": "V2"}],
    party_applications=[
        # decided on day 30: in time
        {
            "id": "a1",
            "applicant_type": "talent",
            "applicant_id": "tal1",
            "region_id": "V1",
            "submitted_on": "2020-02-01",
            "activist_on": "2020-03-02",
            "at_front": True,
        },
        # decided on day 31: one day late
        {
            "id": "a2",
            "applicant_type": "talent",
            "applicant_id": "tal2",
            "region_id": "V2",
            "submitted_on": "2020-02-01",
            "activist_on": "2020-03-03",
            "at_front": True,
        },
        # undecided, 31 days
        {"id": "a3", "applicant_type": "cadre", "applicant_id": "c3", "region_id": "V1", "submitted_on": "2020-02-29", "at_front": True},
        # undecided, 30 days: not yet overdue
        {"id": "a4", "applicant_type": "talent", "applicant_id": "tal1", "region_id": "V1", "submitted_on": "2020-03-01", "at_front": True},
        # not at the front: not in the population
        {"id": "a5", "applicant_type": "talent", "applicant_id": "tal2", "region_id": "V2", "submitted_on": "2020-01-01", "at_front": False},
        # submitted after the day: not in the population on it
        {"id": "a6", "applicant_type": "talent", "applicant_id": "tal2", "region_id": "V2", "submitted_on": "2020-04-10", "at_front": True},
        # overdue from 02-20, decided late on 03-25: undecided on the days before that
        {
            "id": "a7",
            "applicant_type": "talent",
            "applicant_id": "tal1",
            "region_id": "V1",
            "submitted_on": "2020-01-20",
            "activist_on": "2020-03-25",
            "at_front": True,
        },
    ],
    duty_deaths=[
        {"id": "d1", "person_type": "cadre", "person_id": "c3", "date": "2020-02-20", "region_id": "V1"},
        {"id": "d2", "person_type": "cadre", "person_id": "c2", "date": "2020-02-21", "region_id": "V2"},
        {"id": "d3", "person_type": "cadre", "person_id": "c6", "date": "2020-04-02", "region_id": "V2"},  # after the day
    ],
    care_contacts=[
        {"supporter_type": "party_org", "supporter_id": "o1", "duty_death_id": "d1", "since": "2020-02-22"},
        {"supporter_type": "cadre", "supporter_id": "c1", "duty_death_id": "d2", "since": "2020-02-22", "until": "2020-03-30"},
    ],
    care_payments=[
        {"id": "pay1", "duty_death_id": "d1", "fund": "pengcheng_care_fund", "amount": 20000.0, "date": "2020-03-25"},
        {"id": "pay2", "duty_death_id": "d2", "fund": "pengcheng_care_fund", "amount": 20000.0, "date": "2020-03-25"},
    ],
)


@pytest.fixture
def loaded(empty_graph, source, monkeypatch) -> Reference:
    monkeypatch.setattr(cases, "SOURCE", source)  # the helpers read their own module's source
    return cases.load(empty_graph, BUNDLE)


def test_frontline_recognition(empty_graph, loaded):
    gap = {"days": 60, "team": "先锋队一", "place": "东站出口", "min_days": 14, "service": "team", "entries": 0}
    # in the population on 03-31: members m1..m6 and the cadres with entries (c1, c2, c4..c10; cadre m5 is member m5): 15 people
    cases.expect(
        empty_graph, loaded, "frontline_recognition", "C", covered=8, total=15,
        gaps={"m1": gap, "m4": {"days": 27}, "m5": {}, "m6": {"days": 14}, "c5": {}, "c7": {}, "c9": {}},
    )  # fmt: skip
    cases.expect(empty_graph, loaded, "frontline_recognition", "T1", covered=6, total=9, gaps={"m1": gap, "m6": {}, "c7": {"entries": 3}})
    cases.expect(empty_graph, loaded, "frontline_recognition", "K3", covered=0, total=0, gaps={})  # the empty county
    # on 01-30 only m4 (on duty from 01-25) and c9 (an entry on 01-21) have begun to serve, and neither is due yet
    cases.expect(empty_graph, loaded, "frontline_recognition", "C", covered=2, total=2, gaps={}, as_of=dt.date(2020, 1, 30))
    # a shorter policy makes the newcomer due too
    policy = cases.POLICY.with_changes({"incentives": {"frontline_min_days": 5}})
    cases.expect(
        empty_graph, loaded, "frontline_recognition", "V1", covered=0, total=3, gaps={"m3": {"days": 10, "min_days": 5}, "m6": {}, "c7": {}}, policy=policy
    )


def test_frontline_service_is_the_total_of_distinct_days_on_duty(empty_graph, loaded):
    """m6 was on duty 10 + 3 + 1 distinct days on two teams (two days twice): due at 14 days on its 14th
    day, 02-20, though its longest stint is 10 days; the day before, 13 days, not yet."""
    m6 = {"days": 14, "team": "先锋队一", "place": "东站出口", "service": "team", "min_days": 14}
    cases.expect(empty_graph, loaded, "frontline_recognition", "V1", covered=0, total=2, gaps={"m6": m6, "c7": {}}, as_of=dt.date(2020, 2, 24))
    cases.expect(empty_graph, loaded, "frontline_recognition", "V1", covered=1, total=2, gaps={"m6": m6}, as_of=dt.date(2020, 2, 20))
    cases.expect(empty_graph, loaded, "frontline_recognition", "V1", covered=2, total=2, gaps={}, as_of=dt.date(2020, 2, 19))
    # the days up to the day: on 02-16, 12 days (10 + 2 of the 3)
    status = cases.service.item_status(empty_graph, metric="frontline_recognition", ids=["m6", "m3"], as_of=dt.date(2020, 2, 16), policy=cases.POLICY)
    assert status["m6"]["covered"] and status["m6"]["details"]["days"] == 12
    assert "m3" not in status  # on duty only from 03-22: not in the population on 02-16
    unit = get_metric("frontline_recognition")
    assert unit.reason_in({**m6, "entries": 0}) == "14 days on duty, most at 东站出口 with 先锋队一, no recognition (policy: 14 days)."
    assert unit.reason_in({**m6, "entries": 0}, "zh") == "一线值守 14 天，主要在东站出口随先锋队一，未获激励（政策：14 天）。"


def test_cadres_with_frontline_record_entries(empty_graph, loaded):
    """A cadre is due a recognition once the policy's number of entries are dated on or before the day."""
    c5 = {"days": None, "entries": 3, "first_entry_on": "2020-02-03", "entry_kinds": ["duty", "major_event"], "min_entries": 3, "service": "records"}
    # T2 and its V2: c2 (1 entry) covered, c5 at the threshold a gap, c9 recognised before the window only
    # a gap, c6 (below) covered; cadre m5 serves in T2 but is member m5 of V2, counted once, in V2
    t2 = {"c5": c5, "c9": {"entries": 3}, "m4": {}, "m5": {}}
    cases.expect(empty_graph, loaded, "frontline_recognition", "T2", covered=2, total=6, gaps=t2, children={"V2": (1, 3)})
    # the day before c5's third entry it is not due yet; c2, whose only entry is dated 03-21, is not in the population yet
    cases.expect(empty_graph, loaded, "frontline_recognition", "T2", covered=2, total=5, gaps={"c9": {}, "m4": {}, "m5": {}}, as_of=dt.date(2020, 2, 29))
    # V2: c6's third entry is dated after the day (covered), member m5 has 7 days and 3 entries as a cadre (a gap)
    m5 = {"days": 7, "entries": 3, "first_entry_on": "2020-02-02", "service": "both"}
    cases.expect(empty_graph, loaded, "frontline_recognition", "V2", covered=1, total=3, gaps={"m4": {}, "m5": m5})
    cases.expect(
        empty_graph, loaded, "frontline_recognition", "V2", covered=0, total=3, gaps={"m4": {}, "m5": {}, "c6": {"entries": 3}}, as_of=dt.date(2020, 4, 5)
    )
    # T1 on 03-01: c8 has been due since 02-20 and is recognised only on 03-05, m2 only on 03-10 (c4 has 2
    # entries: not due; m3 and c10 have not begun to serve)
    cases.expect(
        empty_graph,
        loaded,
        "frontline_recognition",
        "T1",
        covered=2,
        total=7,
        gaps={"m1": {}, "m2": {}, "m6": {}, "c7": {}, "c8": {"entries": 3}},
        as_of=dt.date(2020, 3, 1),
    )
    # a policy of 2 entries makes c4 due
    policy = cases.POLICY.with_changes({"incentives": {"min_record_entries": 2}})
    cases.expect(
        empty_graph, loaded, "frontline_recognition", "T1", covered=5, total=9, gaps={"m1": {}, "m6": {}, "c4": {"entries": 2}, "c7": {}}, policy=policy
    )
    # the reason tells what they did, in both languages
    unit = get_metric("frontline_recognition")
    assert unit.reason_in(c5) == "3 frontline record entries since 2020-02-03 (duty, major event), no recognition (policy: 3 entries)."
    assert unit.reason_in(c5, "zh") == "2020-02-03 起 3 条纪实档案记录，未获激励（政策：3 条）。"
    both = {**m5, "team": "先锋队一", "place": "东站出口", "entry_kinds": ["duty", "major_event"], "min_days": 14, "min_entries": 3}
    assert unit.reason_in(both, "zh") == "一线值守 7 天，主要在东站出口随先锋队一；2020-02-02 起 3 条纪实档案记录，未获激励（政策：14 天或 3 条）。"


def test_a_voided_frontline_record_entry_does_not_count(empty_graph, loaded):
    empty_graph.write("MATCH (fr:FrontlineRecord {id: 'fr-c7-2'}) SET fr.voided = true")
    if cases.SOURCE == "summary":
        refresh(empty_graph, policy=cases.POLICY)
    ref = Reference(BUNDLE, voided_nodes=[("FrontlineRecord", "fr-c7-2")])
    cases.expect(empty_graph, ref, "frontline_recognition", "V1", covered=2, total=3, gaps={"m6": {}})


def _stages(api_client, region: str, day: str) -> dict[str, int]:
    body = api_client.get("/v1/incentives/funnel", params={"region": region, "as_of": day}).json()
    counts = {s["stage"]: s["count"] for s in body["stages"]}
    assert [s["stage"] for s in body["stages"]] == ["served", "recognised", "noted", "promoted"]
    assert body["nested"] is (counts["served"] >= counts["recognised"] >= counts["noted"] >= counts["promoted"])
    return counts


def test_the_funnel_counts_the_metrics_people(empty_graph, loaded, api_client):
    """The stages are nested subsets of the people frontline_recognition counts on the day (its card's total)."""
    card = cases.service.rollup(empty_graph, metric="frontline_recognition", region_id="C", as_of=cases.DAY, policy=cases.POLICY, source="live")[0]
    # served: the 15 of the metric; recognised in the window: m2, c1, c2, c8, c10 (not m4, c9: before it;
    # not c3: noted, but not in the population); noted of them: c1; promoted of the noted: c1
    assert _stages(api_client, "C", "2020-03-31") == {"served": 15, "recognised": 5, "noted": 1, "promoted": 1} and card["total"] == 15
    # the day before c1 was noted: nobody noted yet, and nobody promoted among the noted
    assert _stages(api_client, "C", "2020-03-09") == {"served": 12, "recognised": 1, "noted": 0, "promoted": 0}
    # T2 on 02-29: c5, c9, m4, m5, c6 have begun to serve; their recognitions are all before the window
    assert _stages(api_client, "T2", "2020-02-29") == {"served": 5, "recognised": 0, "noted": 0, "promoted": 0}


def test_the_article_figures_beside_a_small_graphs_counts_differ_visibly(empty_graph, loaded, api_client):
    """C is a city: the article's figures come with this graph's counts, which are not the article's."""
    body = api_client.get("/v1/incentives/funnel", params={"region": "C", "as_of": "2020-03-31"}).json()
    figures = {f["figure"]: f for f in body["figures"]}
    assert figures["promoted"] == {"figure": "promoted", "article": 30, "graph": 3, "matches": False}  # p-c1, p-c2, p-c10
    assert figures["young_cadres_noted"]["graph"] == 2  # n-c1, n-c3
    assert figures["frontline_party_applications"]["graph"] == 5  # a1..a4, a7 (a5 not at the front, a6 after the day)
    assert figures["county_funds_cny"]["graph"] == 0 and figures["per_community_cny"]["graph"] == 0  # no allocation: M1 holds nothing


def test_record_backed_promotion(empty_graph, loaded):
    # the policy's kinds include commendations of cadres (r-c8: backed; r-c9: its first entry is after it)
    cases.expect(
        empty_graph, loaded, "record_backed_promotion", "C", covered=2, total=5,
        gaps={
            "p-c2": {"kind": "promoted", "date": "2020-03-20", "first_record_on": "2020-03-21", "record": "after"},
            "r-c9": {"kind": "commended", "first_record_on": "2020-01-21", "record": "after"},
            "p-c10": {"first_record_on": "2020-03-15", "record": "same_day"},
        },
    )  # fmt: skip
    cases.expect(empty_graph, loaded, "record_backed_promotion", "V1", covered=0, total=0, gaps={})  # "noted" needs no record
    cases.expect(empty_graph, loaded, "record_backed_promotion", "K3", covered=0, total=0, gaps={})
    # a city may narrow the kinds to promotions
    narrow = cases.POLICY.with_changes({"incentives": {"backed_kinds": ["promoted"]}})
    cases.expect(empty_graph, loaded, "record_backed_promotion", "C", covered=1, total=3, gaps={"p-c2": {}, "p-c10": {}}, policy=narrow)
    unit = get_metric("record_backed_promotion")
    same_day = {"kind": "promoted", "date": "2020-03-15", "first_record_on": "2020-03-15", "record": "same_day"}
    assert unit.reason_in(same_day) == "Promoted on 2020-03-15; the cadre's first frontline record entry is dated 2020-03-15, on the same day."
    assert unit.reason_in(same_day, "zh") == "2020-03-15 的提拔或表彰，该干部最早的一线纪实记于 2020-03-15，与此同日。"
    assert unit.categories(same_day) == ["record_same_day"]


def test_record_backed_promotion_the_day_before_each_record(empty_graph, loaded):
    # 03-19, before the promotions of 03-20: they are not in the population yet
    cases.expect(empty_graph, loaded, "record_backed_promotion", "C", covered=1, total=3, gaps={"r-c9": {}, "p-c10": {}}, as_of=dt.date(2020, 3, 19))
    # 03-20, the day of p-c2 and before its record entry of 03-21: no record yet, none quoted
    cases.expect(
        empty_graph, loaded, "record_backed_promotion", "T2", covered=0, total=2,
        gaps={"p-c2": {"first_record_on": None, "record": "none"}, "r-c9": {}}, as_of=dt.date(2020, 3, 20),
    )  # fmt: skip
    # 01-14, before every recognition: nothing to back
    cases.expect(empty_graph, loaded, "record_backed_promotion", "C", covered=0, total=0, gaps={}, as_of=dt.date(2020, 1, 14))


def test_application_followup(empty_graph, loaded):
    cases.expect(
        empty_graph, loaded, "application_followup", "C", covered=2, total=5,
        gaps={
            "a2": {"decided_on": "2020-03-03", "followup_days": 30},
            "a3": {"decided_on": None, "submitted_on": "2020-02-29"},
            "a7": {"decided_on": "2020-03-25"},
        },
    )  # fmt: skip
    cases.expect(empty_graph, loaded, "application_followup", "V1", covered=2, total=4, gaps={"a3": {"applicant_type": "cadre"}, "a7": {}})
    # on day 30 of a2 nothing is overdue yet; a day later it is (decided on day 31)
    cases.expect(empty_graph, loaded, "application_followup", "V2", covered=1, total=1, gaps={}, as_of=dt.date(2020, 3, 2))
    cases.expect(empty_graph, loaded, "application_followup", "V2", covered=0, total=1, as_of=dt.date(2020, 3, 3))
    # a6 enters on its submission, 04-10, within its days
    cases.expect(empty_graph, loaded, "application_followup", "V2", covered=1, total=2, gaps={"a2": {}}, as_of=dt.date(2020, 4, 10))


def test_application_followup_the_day_before_each_record(empty_graph, loaded):
    # 03-10: a7 is overdue and its decision of 03-25 has not been made: undecided, no later decision quoted
    cases.expect(empty_graph, loaded, "application_followup", "V1", covered=3, total=4, gaps={"a7": {"decided_on": None}}, as_of=dt.date(2020, 3, 10))
    unit = get_metric("application_followup")
    assert unit.reason_in({"submitted_on": "2020-01-20", "decided_on": None, "followup_days": 30}) == (
        "Applied to join the Party at the front on 2020-01-20; still undecided after the policy's 30 days."
    )
    # 02-28, the day before a3's submission (and a4's, 03-01): only a1 (within its days) and a7 (overdue since 02-20)
    cases.expect(empty_graph, loaded, "application_followup", "V1", covered=1, total=2, gaps={"a7": {"decided_on": None}}, as_of=dt.date(2020, 2, 28))
    # 01-19, before every submission: nothing to follow up
    cases.expect(empty_graph, loaded, "application_followup", "C", covered=0, total=0, gaps={}, as_of=dt.date(2020, 1, 19))


def test_duty_death_family_care(empty_graph, loaded):
    cases.expect(
        empty_graph, loaded, "duty_death_family_care", "C", covered=1, total=2,
        gaps={"d2": {"active_contacts": 0, "payments": 1, "died_on": "2020-02-21"}},
    )  # fmt: skip
    # before the payments, neither family had been cared for
    cases.expect(empty_graph, loaded, "duty_death_family_care", "C", covered=0, total=2, as_of=dt.date(2020, 3, 24))
    cases.expect(empty_graph, loaded, "duty_death_family_care", "V1", covered=1, total=1, gaps={})
    # d3 enters on its day, 04-02, with no care
    cases.expect(
        empty_graph,
        loaded,
        "duty_death_family_care",
        "V2",
        covered=0,
        total=2,
        gaps={"d2": {}, "d3": {"active_contacts": 0, "payments": 0}},
        as_of=dt.date(2020, 4, 2),
    )


def test_duty_death_family_care_the_day_before_each_record(empty_graph, loaded):
    # 02-19, before every death: nobody to care for
    cases.expect(empty_graph, loaded, "duty_death_family_care", "C", covered=0, total=0, gaps={}, as_of=dt.date(2020, 2, 19))
    # 02-21, d1's day after death and before its contact (02-22) and payment (03-25); d2 died that day
    cases.expect(
        empty_graph, loaded, "duty_death_family_care", "C", covered=0, total=2,
        gaps={"d1": {"active_contacts": 0, "payments": 0}, "d2": {"active_contacts": 0, "payments": 0}}, as_of=dt.date(2020, 2, 21),
    )  # fmt: skip
    # 03-31: d3 (04-02) is not listed
    gaps = cases.service.all_gaps(empty_graph, metric="duty_death_family_care", region_id="C", as_of=cases.DAY, policy=cases.POLICY, source=cases.SOURCE)
    assert [g["id"] for g in gaps] == ["d2"]


def test_what_if_the_cadre_who_cares_for_a_family_becomes_unavailable(empty_graph, loaded):
    """The what-if's candidates come from every metric unit: a duty-death family whose only active
    care contact is the unavailable cadre loses its care (the hand-written candidate query missed it)."""
    from orgnet.coverage.whatif import what_if

    day = dt.date(2020, 3, 26)  # d2: paid on 03-25, cared for by cadre c1 until 03-30
    res = what_if(empty_graph, region_id="C", as_of=day, policy=cases.POLICY, cadres=["c1"])
    (line,) = [x for x in res["metrics"] if x["metric"] == "duty_death_family_care"]
    want = loaded.newly_uncovered("duty_death_family_care", region_id="C", as_of=day, policy=cases.POLICY, unavailable={"cadres": ["c1"]})
    assert [i["id"] for i in line["newly_uncovered"]] == want == ["d2"]
