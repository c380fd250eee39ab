"""Nothing accepted twice, and scope on every id a write names (issue 20 §2 and §5), through every
way in: ``POST /v1/records/{kind}``, ``PUT``, ``POST /v1/import``, ``orgnet import`` and the
applied suggestions, on the small hand-built graph of test_writes (never the shared seed)."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from orgnet.api.routes.records import scope_check
from orgnet.coverage.policy import default_policy
from orgnet.coverage.summaries import refresh
from orgnet.errors import NotFound
from orgnet.graph.loader import load_bundle
from orgnet.graph.validate import parse_bundle
from orgnet.writes import workflow

from .test_cli import orgnet
from .test_writes import CITY_PLANNER, COUNTY_PLANNER, TWO_COUNTIES, _cli_env, client_as, graph_state

# TWO_COUNTIES (X-1: the county planner's; X-2: outside it) with one item of every kind a record
# can name in X-2, and the assignment kinds SMALL lacks (a supervision, a care contact)
GRAPH = copy.deepcopy(TWO_COUNTIES)
GRAPH["party_orgs"] += [{"id": "po-x2", "name": "二村党支部", "region_id": "X-2-1-1"}]
GRAPH["central_households"] = [{"id": "ch-1", "region_id": "X-1-1-1"}, {"id": "ch-x2", "region_id": "X-2-1-1"}]
GRAPH["party_members"] += [{"id": "m-x2", "name": "周九", "org_id": "po-x2", "region_id": "X-2-1-1"}]
GRAPH["households"] += [{"id": "h-x2", "name": "吴十", "region_id": "X-2-1-1"}]
GRAPH["volunteer_teams"] += [{"id": "t-x2", "name": "二队", "org_id": "po-x2"}]
GRAPH["supervisions"] = [{"cadre_id": "c-1", "region_id": "X-1-1-1", "since": "2020-02-01"}]
GRAPH["duty_deaths"] = [{"id": "dd-1", "person_type": "party_member", "person_id": "m-1", "date": "2020-02-20", "region_id": "X-1-1-1"}]
GRAPH["care_contacts"] = [{"supporter_type": "party_org", "supporter_id": "po-2", "duty_death_id": "dd-1", "since": "2020-02-21"}]


@pytest.fixture
def small(empty_graph):
    load_bundle(empty_graph, parse_bundle(copy.deepcopy(GRAPH)), batch_size=100)
    refresh(empty_graph, policy=default_policy())
    return empty_graph


@pytest.fixture
def city(small, settings):
    with client_as(small, settings, CITY_PLANNER) as c:
        yield c


@pytest.fixture
def county(small, settings):
    with client_as(small, settings, COUNTY_PLANNER) as c:
        yield c


def bundle(**sections) -> dict:
    return {"format": "orgnet-bundle/1", **sections}


def scoped_import(graph, data: dict) -> None:
    """A bundle written by the county planner through the import's workflow (the API refuses
    bundles from scoped accounts before this, with 403)."""
    workflow.import_bundle(
        graph, parse_bundle(data), author=workflow.Author(path="import"), policy=None, batch_size=100, in_scope=scope_check(graph, COUNTY_PLANNER)
    )


# ----------------------------------------------------------------------------- 2. nothing accepted twice

TWICE = bundle(
    household_links=[
        {"member_id": "m-1", "household_id": "h-1", "since": "2020-04-01"},
        {"member_id": "m-1", "household_id": "h-1", "since": "2020-04-01", "until": "2020-04-30"},
    ]
)


def test_a_bundle_holding_the_same_assignment_twice_is_refused_naming_both_rows(small, city, tmp_path, settings):
    before = graph_state(small)
    refused = city.post("/v1/import", json=TWICE)
    assert refused.status_code == 422, refused.text
    (error,) = refused.json()["errors"]
    assert (error["section"], error["index"], error["id"]) == ("household_links", 1, "m-1~h-1~2020-04-01")
    assert "household_links[0]" in error["reason"] and "household_links[1]" in error["reason"]
    assert graph_state(small) == before
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(TWICE), encoding="utf-8")
    done = orgnet(_cli_env(settings), "import", str(path))
    assert done.returncode == 2 and "household_links[0]" in done.stderr and "nothing was written" in done.stderr, done.stderr
    assert graph_state(small) == before


# a second assignment of each kind's stored pair, starting while the stored one is active
OVERLAPPING = {
    "pairings": ({"cadre_id": "c-1", "enterprise_id": "e-1", "since": "2020-03-05"}, "c-1~e-1~2020-02-01"),
    "supervisions": ({"cadre_id": "c-1", "region_id": "X-1-1-1", "since": "2020-03-05"}, "c-1~X-1-1-1~2020-02-01"),
    "household_links": ({"member_id": "m-1", "household_id": "h-1", "since": "2020-02-15", "until": "2020-02-20"}, "m-1~h-1~2020-02-01"),
    "team_memberships": ({"member_id": "m-1", "team_id": "t-1", "since": "2020-03-05"}, "m-1~t-1~2020-02-01"),
    "deployments": ({"team_id": "t-1", "target_type": "checkpoint", "target_id": "cp-1", "since": "2020-03-05"}, "t-1~cp-1~2020-02-01"),
    "family_supports": (
        {"supporter_type": "party_org", "supporter_id": "po-2", "medical_worker_id": "mw-1", "since": "2020-03-05"},
        "po-2~mw-1~2020-02-10",
    ),
    "care_contacts": ({"supporter_type": "party_org", "supporter_id": "po-2", "duty_death_id": "dd-1", "since": "2020-03-05"}, "po-2~dd-1~2020-02-21"),
}


@pytest.mark.parametrize("kind", sorted(OVERLAPPING))
def test_an_overlapping_assignment_of_the_same_pair_is_refused_through_every_way_in(small, city, kind, tmp_path, settings):
    record, active = OVERLAPPING[kind]
    before = graph_state(small)
    refused = city.post(f"/v1/records/{kind}", json=record)
    assert refused.status_code == 409, refused.text
    assert active in refused.json()["detail"] and refused.json()["errors"][0]["active"] == active
    imported = city.post("/v1/import", json=bundle(**{kind: [record]}))
    assert imported.status_code == 409 and active in imported.json()["detail"], imported.text
    if kind == "household_links":  # the command line's two ways (its batched job, one transaction); one kind: each run is a process
        path = tmp_path / "overlap.json"
        path.write_text(json.dumps(bundle(**{kind: [record]})), encoding="utf-8")
        for atomic in ([], ["--atomic"]):
            done = orgnet(_cli_env(settings), "import", str(path), *atomic)
            assert done.returncode != 0 and active in done.stderr and "unfinished" not in done.stderr, done.stderr
    assert graph_state(small) == before
    # after the active one ends the day before, the new one is accepted
    until = (dt.date.fromisoformat(record["since"]) - dt.timedelta(days=1)).isoformat()
    ended = city.post(f"/v1/records/{kind}/{active}/end", json={"until": until})
    assert ended.status_code == 200, ended.text
    assert city.post(f"/v1/records/{kind}", json=record).status_code == 201


def test_overlaps_inside_one_bundle_and_an_end_in_the_same_bundle(small, city):
    link = {"member_id": "m-1", "household_id": "h-1"}
    before = graph_state(small)
    both = city.post("/v1/import", json=bundle(household_links=[{**link, "since": "2020-04-01"}, {**link, "since": "2020-04-05"}]))
    assert both.status_code == 409, both.text
    (error,) = both.json()["errors"]
    assert error["index"] == 1 and error["active"] == "m-1~h-1~2020-04-01" and "household_links[0]" in error["reason"]
    assert graph_state(small) == before
    # the case: since 2020-03-01, active; a second since 2020-03-05
    assert city.post("/v1/records/household_links", json={**link, "since": "2020-03-02"}).status_code == 201
    again = city.post("/v1/records/household_links", json={**link, "since": "2020-03-05"})
    assert again.status_code == 409 and again.json()["errors"][0]["active"] == "m-1~h-1~2020-03-02"
    # a bundle that ends the active one and starts the next one is one consistent history: accepted
    handover = bundle(household_links=[{**link, "since": "2020-03-02", "until": "2020-03-04"}, {**link, "since": "2020-03-05"}])
    assert city.post("/v1/import", json=handover).status_code == 200
    # re-importing the same records is not an overlap with themselves
    assert city.post("/v1/import", json=handover).status_code == 200
    # a void assignment is not active
    assert city.post("/v1/records/household_links/m-1~h-1~2020-03-05/void", json={"reason": "wrong"}).status_code == 200
    assert city.post("/v1/records/household_links", json={**link, "since": "2020-03-06"}).status_code == 201


def test_an_applied_suggestion_overlapping_a_pairing_is_refused(small, city):
    before = graph_state(small)
    refused = city.post("/v1/suggestions/enterprise_pairing/apply", json={"since": "2020-03-01", "pairings": [{"cadre_id": "c-1", "enterprise_id": "e-1"}]})
    assert refused.status_code == 409 and refused.json()["errors"][0]["active"] == "c-1~e-1~2020-02-01", refused.text
    assert graph_state(small) == before


# ----------------------------------------------------------------------------- 5. scope on every id a write names

# (kind of id named, section, a record in X-1 naming an X-2 id, the same naming an X-1 id)
NAMING = [
    ("person", "recognitions", {"id": "rc-9", "person_type": "cadre", "person_id": "c-2", "kind": "promoted", "level": "county", "date": "2020-03-01", "awarding_body": "县委", "region_id": "X-1-1"}, {"person_id": "c-1"}),
    ("person", "party_applications", {"id": "pa-9", "applicant_type": "party_member", "applicant_id": "m-x2", "region_id": "X-1-1-1", "submitted_on": "2020-03-01"}, {"applicant_id": "m-1"}),
    ("person", "duty_deaths", {"id": "dd-9", "person_type": "party_member", "person_id": "m-x2", "date": "2020-03-01", "region_id": "X-1-1-1"}, {"person_id": "m-1"}),
    ("organisation", "party_members", {"id": "m-9", "name": "郑一", "org_id": "po-x2", "region_id": "X-1-1-1"}, {"org_id": "po-2"}),
    ("parent", "party_orgs", {"id": "po-9", "name": "新支部", "region_id": "X-1-1-1", "parent_id": "po-x2"}, {"parent_id": "po-1"}),
    ("household", "party_members", {"id": "m-9", "name": "郑一", "org_id": "po-2", "region_id": "X-1-1-1", "central_household_id": "ch-x2"}, {"central_household_id": "ch-1"}),
    ("household", "household_links", {"member_id": "m-1", "household_id": "h-x2", "since": "2020-04-01"}, {"household_id": "h-1"}),
    ("team", "team_memberships", {"member_id": "m-1", "team_id": "t-x2", "since": "2020-04-01"}, {"team_id": "t-1", "since": "2019-01-01", "until": "2019-12-31"}),
    ("enterprise", "pairings", {"cadre_id": "c-1", "enterprise_id": "e-2", "since": "2020-04-01"}, {"enterprise_id": "e-1", "since": "2019-01-01", "until": "2019-12-31"}),
    ("cadre", "frontline_records", {"id": "fr-9", "cadre_id": "c-2", "date": "2020-03-01", "kind": "duty", "region_id": "X-1-1", "text": "值守", "recorded_by": "县委组织部"}, {"cadre_id": "c-1"}),
]  # fmt: skip


@pytest.mark.parametrize(("named", "section", "outside", "inside"), NAMING, ids=[f"{n[0]}-{n[1]}" for n in NAMING])
def test_a_write_naming_an_id_outside_the_scope_is_refused_like_any_outside_write(small, county, city, named, section, outside, inside):
    before = graph_state(small)
    refused = county.post(f"/v1/records/{section}", json=outside)
    assert refused.status_code == 404, refused.text
    assert set(refused.json()) <= {"type", "title", "status", "detail", "instance"} and "X-2" not in refused.text
    assert county.post("/v1/import", json=bundle(**{section: [outside]})).status_code == 403  # bundles: whole-city accounts only
    with pytest.raises(NotFound):  # and the bundle path's own check, were a scoped account to reach it
        scoped_import(small, bundle(**{section: [outside]}))
    assert graph_state(small) == before
    # the same record naming an id inside the scope is written; the city planner may name both
    assert county.post(f"/v1/records/{section}", json={**outside, **inside}).status_code == 201
    assert city.post("/v1/import", json=bundle(**{section: [outside]})).status_code == 200


def test_a_put_or_a_bundle_moving_an_item_across_the_scope_is_refused(small, county):
    before = graph_state(small)
    member = {"id": "m-1", "name": "李四", "org_id": "po-x2", "region_id": "X-1-1-1", "rural": True}
    assert county.put("/v1/records/party_members/m-1", json=member).status_code == 404  # into an X-2 organisation
    org = {"id": "po-2", "name": "一村党支部", "region_id": "X-1-1-1", "parent_id": "po-x2"}
    assert county.put("/v1/records/party_orgs/po-2", json=org).status_code == 404  # under an X-2 parent
    # an X-2 member re-imported as living in X-1 (it would move into the scope): the member itself is outside
    moved = {"id": "m-x2", "name": "周九", "org_id": "po-2", "region_id": "X-1-1-1"}
    with pytest.raises(NotFound):
        scoped_import(small, bundle(party_members=[moved]))
    assert graph_state(small) == before
    assert county.put("/v1/records/party_members/m-1", json={**member, "org_id": "po-1"}).status_code == 200


def test_applied_suggestions_naming_an_enterprise_outside_the_scope_are_refused(small, county):
    before = graph_state(small)
    refused = county.post("/v1/suggestions/enterprise_pairing/apply", json={"since": "2020-04-01", "pairings": [{"cadre_id": "c-1", "enterprise_id": "e-2"}]})
    assert refused.status_code == 404 and graph_state(small) == before


# ----------------------------------------------------------------------------- 5. names read through records

# records located in X-1 named after X-2 people (a city planner may write them), and one named after an X-1 cadre
NAMED_AFTER_X2 = bundle(
    recognitions=[
        {"id": "rc-x2", "person_type": "cadre", "person_id": "c-2", "kind": "promoted", "level": "county", "date": "2020-03-01", "awarding_body": "县委", "region_id": "X-1-1"},
        {"id": "rc-x1", "person_type": "cadre", "person_id": "c-1", "kind": "promoted", "level": "county", "date": "2020-03-01", "awarding_body": "县委", "region_id": "X-1-1"},
    ],
    party_applications=[
        {"id": "pa-x2", "applicant_type": "party_member", "applicant_id": "m-x2", "region_id": "X-1-1-1", "submitted_on": "2020-02-01", "at_front": True}
    ],
    duty_deaths=[{"id": "dd-x2", "person_type": "party_member", "person_id": "m-x2", "date": "2020-03-01", "region_id": "X-1-1-1"}],
)  # fmt: skip
OUTSIDE_NAMES = ("钱七", "周九")  # c-2's and m-x2's


@pytest.mark.parametrize(
    ("metric", "item", "name"),
    [("record_backed_promotion", "rc-x2", "钱七"), ("application_followup", "pa-x2", "周九"), ("duty_death_family_care", "dd-x2", "周九")],
)
def test_a_record_leads_to_a_persons_name_only_inside_the_scope(small, city, county, metric, item, name):
    assert city.post("/v1/import", json=NAMED_AFTER_X2).status_code == 200
    day = {"as_of": "2020-03-31"}
    for client, shown in ((city, name), (county, None)):
        gaps = client.get(f"/v1/gaps/{metric}", params={"region": "X-1", **day})
        assert gaps.status_code == 200, gaps.text
        (row,) = [g for g in gaps.json()["items"] if g["id"] == item]
        assert row["name"] == shown
        check = client.get(f"/v1/coverage/{metric}/items/{item}", params=day)
        assert check.status_code == 200 and check.json()["name"] == shown
        for fmt in ("csv", "xlsx"):
            export = client.get(f"/v1/gaps/{metric}/export", params={"region": "X-1", "format": fmt, **day})
            assert export.status_code == 200
            if fmt == "csv":
                assert (name in export.content.decode("utf-8-sig")) is (shown is not None)
    # the person's own record is not readable there either, and the cadre inside the scope keeps the name
    assert county.get("/v1/records/cadres/c-2").status_code == 404
    if metric == "record_backed_promotion":
        rows = county.get(f"/v1/gaps/{metric}", params={"region": "X-1", **day}).json()["items"]
        assert [g["name"] for g in rows if g["id"] == "rc-x1"] == ["张三"]


def test_a_suggested_cadre_of_the_city_is_named_only_to_callers_whose_scope_holds_the_city(small, city, county):
    # a city-owned enterprise in X-1 needs a city-level pairing: the city's cadre c-city (孙八) is suggested to both
    assert city.post("/v1/records/enterprises", json={"id": "e-co", "name": "市属厂", "kind": "city_owned", "region_id": "X-1-1-1"}).status_code == 201
    for client, shown in ((city, "孙八"), (county, None)):
        r = client.get("/v1/suggestions/enterprise_pairing", params={"region": "X-1", "as_of": "2020-03-31"})
        assert r.status_code == 200, r.text
        (suggested,) = [s for s in r.json()["suggestions"] if s["cadre_id"] == "c-city"]
        assert suggested["cadre_name"] == shown
