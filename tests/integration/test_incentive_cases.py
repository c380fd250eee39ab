"""The four incentive metrics (issue 13) on small hand-built graphs with answers written here; the
Cypher (live and from the stored summaries) and the networkx reference must both give them.

One bundle holds every case (an empty county, one village, a record dated after the promotion, an
application decided one day late, ...), loaded once per source, so the suite grows little."""

from __future__ import annotations

import datetime as dt

import pytest

from orgnet.coverage.reference import Reference
from tests.integration import test_coverage_cases as cases
from tests.scenarios import small_bundle

DAY = dt.date(2020, 3, 31)

BUNDLE = small_bundle(
    party_orgs=[{"id": "o1", "name": "一村支部", "region_id": "V1"}, {"id": "om", "name": "社区支部", "region_id": "M1"}],
    cadres=[
        {"id": "c1", "name": "一镇干部", "level": "town", "region_id": "T1"},
        {"id": "c2", "name": "二镇干部", "level": "town", "region_id": "T2"},
        {"id": "c3", "name": "一村干部", "level": "village", "region_id": "V1"},
    ],
    party_members=[
        {"id": "m1", "name": "老队员", "org_id": "om", "region_id": "M1"},  # 60 days at the exit, never recognised
        {"id": "m2", "name": "受表彰", "org_id": "om", "region_id": "M1"},  # recognised
        {"id": "m3", "name": "新队员", "org_id": "om", "region_id": "V1"},  # joined 10 days ago: not due yet
        {"id": "m4", "name": "早表彰", "org_id": "o1", "region_id": "V2"},  # recognised before the policy's start day only
    ],
    volunteer_teams=[{"id": "t1", "name": "先锋队一", "org_id": "om"}],
    checkpoints=[{"id": "cp1", "name": "东站出口", "kind": "rail_station_exit", "region_id": "T1"}],
    team_memberships=[
        {"member_id": "m1", "team_id": "t1", "since": "2020-02-01"},
        {"member_id": "m2", "team_id": "t1", "since": "2020-02-01"},
        {"member_id": "m3", "team_id": "t1", "since": "2020-03-22"},
        {"member_id": "m4", "team_id": "t1", "since": "2020-01-10", "until": "2020-02-20"},
    ],
    deployments=[{"team_id": "t1", "target_type": "checkpoint", "target_id": "cp1", "since": "2020-01-25"}],
    frontline_records=[
        {"id": "fr1", "cadre_id": "c1", "date": "2020-02-10", "kind": "duty", "region_id": "T1", "text": "值守", "recorded_by": "组织部"},
        {"id": "fr2", "cadre_id": "c2", "date": "2020-03-21", "kind": "positive_case", "region_id": "T2", "text": "补记", "recorded_by": "组织部"},
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
    gap = {"days": 60, "team": "先锋队一", "place": "东站出口", "min_days": 14}
    cases.expect(empty_graph, loaded, "frontline_recognition", "C", covered=2, total=4, gaps={"m1": gap, "m4": {"days": 27}})
    cases.expect(empty_graph, loaded, "frontline_recognition", "T1", covered=2, total=3, gaps={"m1": gap})
    cases.expect(empty_graph, loaded, "frontline_recognition", "K3", covered=0, total=0, gaps={})  # the empty county
    # before anyone served 14 days, nobody was due a recognition
    cases.expect(empty_graph, loaded, "frontline_recognition", "C", covered=4, total=4, gaps={}, as_of=dt.date(2020, 1, 30))
    # a shorter policy makes the newcomer due too
    policy = cases.POLICY.with_changes({"incentives": {"frontline_min_days": 5}})
    cases.expect(empty_graph, loaded, "frontline_recognition", "V1", covered=0, total=1, gaps={"m3": {"days": 10, "min_days": 5}}, policy=policy)


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
