"""The four incentive metrics (issue 13) on small hand-built graphs with answers written here; the
Cypher (live and from the stored summaries) and the networkx reference must both give them.

One bundle holds every case (an empty county, one village, a record dated after the promotion, an
application decided one day late, ...), loaded once per source, so the suite grows little."""

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
    ],
    party_members=[
        {"id": "m1", "name": "老队员", "org_id": "om", "region_id": "M1"},  # 60 days at the exit, never recognised
        {"id": "m2", "name": "受表彰", "org_id": "om", "region_id": "M1"},  # recognised
        {"id": "m3", "name": "新队员", "org_id": "om", "region_id": "V1"},  # joined 10 days ago: not due yet
        {"id": "m4", "name": "早表彰", "org_id": "o1", "region_id": "V2"},  # recognised before the policy's start day only
        {"id": "m5", "name": "又是队员", "org_id": "o1", "region_id": "V2"},  # 7 days on the team, and 3 entries as cadre m5
    ],
    volunteer_teams=[{"id": "t1", "name": "先锋队一", "org_id": "om"}],
    checkpoints=[{"id": "cp1", "name": "东站出口", "kind": "rail_station_exit", "region_id": "T1"}],
    team_memberships=[
        {"member_id": "m1", "team_id": "t1", "since": "2020-02-01"},
        {"member_id": "m2", "team_id": "t1", "since": "2020-02-01"},
        {"member_id": "m3", "team_id": "t1", "since": "2020-03-22"},
        {"member_id": "m4", "team_id": "t1", "since": "2020-01-10", "until": "2020-02-20"},
        {"member_id": "m5", "team_id": "t1", "since": "2020-03-25"},
    ],
    deployments=[{"team_id": "t1", "target_type": "checkpoint", "target_id": "cp1", "since": "2020-01-25"}],
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
    ],
    duty_deaths=[
        {"id": "d1", "person_type": "cadre", "person_id": "c3", "date": "2020-02-20", "region_id": "V1"},
        {"id": "d2", "person_type": "cadre", "person_id": "c2", "date": "2020-02-21", "region_id": "V2"},
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
    # members m1..m5 and the cadres with entries (c1, c2, c4..c9; cadre m5 is member m5): 13 people
    cases.expect(
        empty_graph, loaded, "frontline_recognition", "C", covered=7, total=13,
        gaps={"m1": gap, "m4": {"days": 27}, "m5": {}, "c5": {}, "c7": {}, "c9": {}},
    )  # fmt: skip
    cases.expect(empty_graph, loaded, "frontline_recognition", "T1", covered=5, total=7, gaps={"m1": gap, "c7": {"entries": 3}})
    cases.expect(empty_graph, loaded, "frontline_recognition", "K3", covered=0, total=0, gaps={})  # the empty county
    # before anyone served 14 days or had 3 entries, nobody was due a recognition
    cases.expect(empty_graph, loaded, "frontline_recognition", "C", covered=13, total=13, gaps={}, as_of=dt.date(2020, 1, 30))
    # a shorter policy makes the newcomer due too
    policy = cases.POLICY.with_changes({"incentives": {"frontline_min_days": 5}})
    cases.expect(empty_graph, loaded, "frontline_recognition", "V1", covered=0, total=2, gaps={"m3": {"days": 10, "min_days": 5}, "c7": {}}, policy=policy)


def test_cadres_with_frontline_record_entries(empty_graph, loaded):
    """A cadre is due a recognition once the policy's number of entries are dated on or before the day."""
    c5 = {"days": None, "entries": 3, "first_entry_on": "2020-02-03", "entry_kinds": ["duty", "major_event"], "min_entries": 3, "service": "records"}
    # T2 and its V2: c2 (1 entry) covered, c5 at the threshold a gap, c9 recognised before the window only
    # a gap, c6 (below) covered; cadre m5 serves in T2 but is member m5 of V2, counted once, in V2
    t2 = {"c5": c5, "c9": {"entries": 3}, "m4": {}, "m5": {}}
    cases.expect(empty_graph, loaded, "frontline_recognition", "T2", covered=2, total=6, gaps=t2, children={"V2": (1, 3)})
    # the day before c5's third entry it is not due yet
    cases.expect(empty_graph, loaded, "frontline_recognition", "T2", covered=3, total=6, gaps={"c9": {}, "m4": {}, "m5": {}}, as_of=dt.date(2020, 2, 29))
    # V2: c6's third entry is dated after the day (covered), member m5 has 7 days and 3 entries as a cadre (a gap)
    m5 = {"days": 7, "entries": 3, "first_entry_on": "2020-02-02", "service": "both"}
    cases.expect(empty_graph, loaded, "frontline_recognition", "V2", covered=1, total=3, gaps={"m4": {}, "m5": m5})
    cases.expect(
        empty_graph, loaded, "frontline_recognition", "V2", covered=0, total=3, gaps={"m4": {}, "m5": {}, "c6": {"entries": 3}}, as_of=dt.date(2020, 4, 5)
    )
    # T1 on 03-01: c8 has been due since 02-20 and is recognised only on 03-05 (c4 has 2 entries: not due)
    cases.expect(
        empty_graph,
        loaded,
        "frontline_recognition",
        "T1",
        covered=3,
        total=7,
        gaps={"m1": {}, "m2": {}, "c7": {}, "c8": {"entries": 3}},
        as_of=dt.date(2020, 3, 1),
    )
    # a policy of 2 entries makes c4 due
    policy = cases.POLICY.with_changes({"incentives": {"min_record_entries": 2}})
    cases.expect(empty_graph, loaded, "frontline_recognition", "T1", covered=4, total=7, gaps={"m1": {}, "c4": {"entries": 2}, "c7": {}}, policy=policy)
    # the reason tells what they did, in both languages
    unit = get_metric("frontline_recognition")
    assert unit.reason_in(c5) == "3 frontline record entries since 2020-02-03 (duty, major event), no recognition (policy: 3 entries)."
    assert unit.reason_in(c5, "zh") == "2020-02-03 起 3 条纪实档案记录，未获激励（政策：3 条）。"
    both = {**m5, "team": "先锋队一", "place": "东站出口", "entry_kinds": ["duty", "major_event"], "min_days": 14, "min_entries": 3}
    assert unit.reason_in(both, "zh") == "在东站出口随先锋队一服务 7 天；2020-02-02 起 3 条纪实档案记录，未获激励（政策：14 天或 3 条）。"


def test_a_voided_frontline_record_entry_does_not_count(empty_graph, loaded):
    empty_graph.write("MATCH (fr:FrontlineRecord {id: 'fr-c7-2'}) SET fr.voided = true")
    if cases.SOURCE == "summary":
        refresh(empty_graph, policy=cases.POLICY)
    ref = Reference(BUNDLE, voided_nodes=[("FrontlineRecord", "fr-c7-2")])
    cases.expect(empty_graph, ref, "frontline_recognition", "V1", covered=2, total=2, gaps={})


def test_the_funnel_counts_the_metrics_people(empty_graph, loaded, api_client):
    """`served` counts the people of frontline_recognition whose service reached the policy on the day, each once."""
    served = {s["stage"]: s["count"] for s in api_client.get("/v1/incentives/funnel", params={"region": "C", "as_of": "2020-03-31"}).json()["stages"]}
    # m1, m2, m4 by their days; c5, c7, c8, c9 and m5 (member and cadre: once) by their entries
    assert served["served"] == 8
    early = {s["stage"]: s["count"] for s in api_client.get("/v1/incentives/funnel", params={"region": "T2", "as_of": "2020-02-29"}).json()["stages"]}
    assert early["served"] == 3  # T2 and V2: c9 (since 02-01), m4 (02-07) and m5 (02-16, by entries); c5 only from 03-01


def test_the_article_figures_beside_a_small_graphs_counts_differ_visibly(empty_graph, loaded, api_client):
    """C is a city: the article's figures come with this graph's counts, which are not the article's."""
    body = api_client.get("/v1/incentives/funnel", params={"region": "C", "as_of": "2020-03-31"}).json()
    figures = {f["figure"]: f for f in body["figures"]}
    assert figures["promoted"] == {"figure": "promoted", "article": 30, "graph": 2, "matches": False}  # p-c1, p-c2
    assert figures["young_cadres_noted"]["graph"] == 1  # n-c3
    assert figures["frontline_party_applications"]["graph"] == 4  # a1..a4 (a5 not at the front)
    assert figures["county_funds_cny"]["graph"] == 0 and figures["per_community_cny"]["graph"] == 0  # no allocation: M1 holds nothing


def test_record_backed_promotion(empty_graph, loaded):
    cases.expect(
        empty_graph, loaded, "record_backed_promotion", "C", covered=1, total=2,
        gaps={"p-c2": {"kind": "promoted", "date": "2020-03-20", "first_record_on": "2020-03-21"}},
    )  # fmt: skip
    cases.expect(empty_graph, loaded, "record_backed_promotion", "V1", covered=0, total=0, gaps={})  # "noted" needs no record
    cases.expect(empty_graph, loaded, "record_backed_promotion", "K3", covered=0, total=0, gaps={})


def test_application_followup(empty_graph, loaded):
    cases.expect(
        empty_graph, loaded, "application_followup", "C", covered=2, total=4,
        gaps={"a2": {"decided_on": "2020-03-03", "followup_days": 30}, "a3": {"decided_on": None, "submitted_on": "2020-02-29"}},
    )  # fmt: skip
    cases.expect(empty_graph, loaded, "application_followup", "V1", covered=2, total=3, gaps={"a3": {"applicant_type": "cadre"}})
    # on day 30 of a2 nothing is overdue yet; a day later it is (decided on day 31)
    cases.expect(empty_graph, loaded, "application_followup", "V2", covered=1, total=1, gaps={}, as_of=dt.date(2020, 3, 2))
    cases.expect(empty_graph, loaded, "application_followup", "V2", covered=0, total=1, as_of=dt.date(2020, 3, 3))


def test_duty_death_family_care(empty_graph, loaded):
    cases.expect(
        empty_graph, loaded, "duty_death_family_care", "C", covered=1, total=2,
        gaps={"d2": {"active_contacts": 0, "payments": 1, "died_on": "2020-02-21"}},
    )  # fmt: skip
    # before the payments, neither family had been cared for
    cases.expect(empty_graph, loaded, "duty_death_family_care", "C", covered=0, total=2, as_of=dt.date(2020, 3, 24))
    cases.expect(empty_graph, loaded, "duty_death_family_care", "V1", covered=1, total=1, gaps={})


def test_what_if_the_cadre_who_cares_for_a_family_becomes_unavailable(empty_graph, loaded):
    """The what-if's candidates come from every metric unit: a duty-death family whose only active
    care contact is the unavailable cadre loses its care (the hand-written candidate query missed it)."""
    from orgnet.coverage.whatif import what_if

    day = dt.date(2020, 3, 26)  # d2: paid on 03-25, cared for by cadre c1 until 03-30
    res = what_if(empty_graph, region_id="C", as_of=day, policy=cases.POLICY, cadres=["c1"])
    (line,) = [x for x in res["metrics"] if x["metric"] == "duty_death_family_care"]
    want = loaded.newly_uncovered("duty_death_family_care", region_id="C", as_of=day, policy=cases.POLICY, unavailable={"cadres": ["c1"]})
    assert [i["id"] for i in line["newly_uncovered"]] == want == ["d2"]
