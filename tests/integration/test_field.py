"""The field app's API (issue 26): enrolment by a one-time code, the phone's own work and record, and
frontline record entries from the phone through the write workflow (real Neo4j, the demo seed)."""

from __future__ import annotations

import datetime as dt

import pytest

from orgnet.accounts import field as field_accounts
from orgnet.accounts import store
from orgnet.field import entries

COUNTY_IN, COUNTY_OUT = "320321", "320312"
PAIRED_CADRE = """
MATCH (c:Cadre)-[r:PAIRED_WITH]->(:Enterprise)
WHERE c.region_id STARTS WITH $county AND r.until IS NULL AND NOT coalesce(r.voided, false) AND c.level <> 'county'
RETURN c.id AS id, c.region_id AS region ORDER BY id LIMIT 1
"""


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def planners(xuzhou):
    made = {}
    for key, scope in (("county", [COUNTY_IN]), ("city", ["320300"])):
        account, token = store.add_account(xuzhou, name=f"field-test {key}", role="planner", scope=scope)
        made[key] = token
    yield made
    xuzhou.write("MATCH (a:Account) WHERE a.name STARTS WITH 'field-test' DETACH DELETE a")
    xuzhou.write("MATCH (e:FieldEnrolment) DETACH DELETE e")
    xuzhou.write("MATCH (f:FrontlineRecord) WHERE f.id STARTS WITH 'fr-m-' DETACH DELETE f")
    xuzhou.write("MATCH (v) WHERE (v:EnterpriseVisit OR v:CheckpointShift OR v:HouseholdVisit OR v:FamilyVisit) AND v.id CONTAINS '-m-' DETACH DELETE v")


def cadre(graph, county: str) -> dict[str, str]:
    rows = graph.read(PAIRED_CADRE, {"county": county})
    assert rows, county
    return rows[0]


def enrolled(api_client, planner_token: str, person_id: str, person_type: str = "cadre") -> tuple[str, str]:
    r = api_client.post(
        "/v1/field/accounts", json={"person_type": person_type, "person_id": person_id, "name": "field-test phone"}, headers=bearer(planner_token)
    )
    assert r.status_code == 201, r.text
    code = r.json()["enrolment"]["code"]
    e = api_client.post("/v1/field/enrol", json={"code": code})
    assert e.status_code == 200, e.text
    return r.json()["account"]["id"], e.json()["token"]


def test_a_planner_enrols_a_cadre_of_their_scope_with_a_one_time_code(api_client, xuzhou, planners):
    c = cadre(xuzhou, COUNTY_IN)
    r = api_client.post(
        "/v1/field/accounts", json={"person_type": "cadre", "person_id": c["id"], "name": "field-test phone"}, headers=bearer(planners["county"])
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["account"]["role"] == "field" and body["account"]["person_id"] == c["id"] and body["account"]["scope"] == [c["region"]]
    enrolment = body["enrolment"]
    assert enrolment["link"].endswith(f"/m/#enrol={enrolment['code']}") and enrolment["qr_svg"].lstrip().startswith("<svg")
    assert "token" not in body  # no token until the phone enrols
    stored = xuzhou.read("MATCH (e:FieldEnrolment {account_id: $id}) RETURN e.code_hash AS h", {"id": body["account"]["id"]})
    assert stored and enrolment["code"] not in str(stored)  # only the code's hash is kept

    first = api_client.post("/v1/field/enrol", json={"code": enrolment["code"]})
    assert first.status_code == 200, first.text
    token = first.json()["token"]
    assert api_client.get("/v1/me", headers=bearer(token)).json()["role"] == "field"
    again = api_client.post("/v1/field/enrol", json={"code": enrolment["code"]})
    assert again.status_code == 404  # one use


def test_a_cadre_outside_the_planners_scope_is_not_found_and_an_expired_code_does_not_enrol(api_client, xuzhou, planners):
    out = cadre(xuzhou, COUNTY_OUT)
    r = api_client.post("/v1/field/accounts", json={"person_type": "cadre", "person_id": out["id"], "name": "field-test x"}, headers=bearer(planners["county"]))
    assert r.status_code == 404, r.text
    account, enrolment = field_accounts.create_field_account(xuzhou, person_type="cadre", person_id=out["id"], name="field-test old", created_by=None)
    xuzhou.write("MATCH (e:FieldEnrolment {account_id: $id}) SET e.expires_at = '2000-01-01T00:00:00Z'", {"id": account["id"]})
    assert api_client.post("/v1/field/enrol", json={"code": enrolment["code"]}).status_code == 404


def test_the_phone_sees_its_own_work_and_nothing_of_the_planners(api_client, xuzhou, planners):
    c = cadre(xuzhou, COUNTY_IN)
    _, token = enrolled(api_client, planners["county"], c["id"])
    work = api_client.get("/v1/me/work", headers=bearer(token))
    assert work.status_code == 200, work.text
    body = work.json()
    want = {r["id"] for r in xuzhou.read("MATCH (:Cadre {id: $id})-[r:PAIRED_WITH]->(e) WHERE r.until IS NULL RETURN e.id AS id", {"id": c["id"]})}
    assert {p["id"] for p in body["pairings"]} == want
    assert all(p["due"] == "no_visit_this_month" for p in body["pairings"])
    assert body["due"] == len(want) + sum(1 for f in body["families"] if f["due"])
    assert body["places"][0]["id"] == c["region"]
    for path in ("/v1/gaps/enterprise_pairing", "/v1/records?item=" + c["id"], "/v1/changes", "/v1/people?q=a", "/v1/stats", "/v1/accounts"):
        assert api_client.get(path, headers=bearer(token)).status_code == 403, path
    # a planner's token is not a phone's
    assert api_client.get("/v1/me/work", headers=bearer(planners["city"])).status_code == 403


def test_an_entry_from_the_phone_is_written_once_and_reaches_the_planners_change_log(api_client, xuzhou, planners):
    c = cadre(xuzhou, COUNTY_IN)
    account_id, token = enrolled(api_client, planners["county"], c["id"])
    today = dt.datetime.now(dt.UTC).date().isoformat()
    entry = {"date": today, "kind": "duty", "region_id": c["region"], "text": "走访结对企业"}
    assert api_client.post("/v1/me/record", json=entry, headers=bearer(token)).status_code == 422  # no Idempotency-Key
    headers = {**bearer(token), "Idempotency-Key": "phone-k-1"}
    first = api_client.post("/v1/me/record", json=entry, headers=headers)
    assert first.status_code == 201, first.text
    again = api_client.post("/v1/me/record", json=entry, headers=headers)
    assert again.status_code == 201 and again.headers.get("Idempotent-Replayed") == "true" and again.json()["id"] == first.json()["id"]
    rows = xuzhou.read("MATCH (f:FrontlineRecord)-[:RECORD_OF]->(:Cadre {id: $id}) WHERE f.id STARTS WITH 'fr-m-' RETURN f.recorded_by AS by", {"id": c["id"]})
    assert [r["by"] for r in rows] == ["field-test phone"]
    # the cadre is the account's own person whatever the body says; a place outside the area is refused
    assert api_client.post("/v1/me/record", json={**entry, "cadre_id": "c-x"}, headers={**headers, "Idempotency-Key": "k-2"}).status_code == 422
    outside = {**entry, "region_id": COUNTY_OUT}
    r = api_client.post("/v1/me/record", json=outside, headers={**headers, "Idempotency-Key": "k-3"})
    assert r.status_code == 422 and "region_id" in r.text
    mine = api_client.get("/v1/me/record", headers=bearer(token)).json()
    assert first.json()["id"] in {e["id"] for e in mine["entries"]}
    log = api_client.get("/v1/changes", params={"region": COUNTY_IN, "kind": "frontline_records"}, headers=bearer(planners["county"]))
    assert log.status_code == 200, log.text
    assert any(ch.get("account") == account_id and first.json()["id"] in ch.get("items", []) for ch in log.json()["items"]), log.text[:500]
    # the planner may void it with a reason; the phone sees the reason in its record
    entry_id = first.json()["id"]
    void = api_client.post(f"/v1/records/frontline_records/{entry_id}/void", json={"reason": "重复记录"}, headers=bearer(planners["county"]))
    assert void.status_code == 200, void.text
    mine = {e["id"]: e for e in api_client.get("/v1/me/record", headers=bearer(token)).json()["entries"]}
    assert mine[entry_id]["voided"] is True and mine[entry_id]["void_reason"] == "重复记录"
    second = api_client.post("/v1/me/record", json=entry, headers={**headers, "Idempotency-Key": "phone-k-4"})
    assert second.status_code == 201, second.text


def test_a_revoked_phone_is_refused_at_once(api_client, xuzhou, planners):
    c = cadre(xuzhou, COUNTY_IN)
    account_id, token = enrolled(api_client, planners["county"], c["id"])
    assert api_client.get("/v1/me/work", headers=bearer(token)).status_code == 200
    r = api_client.post(f"/v1/field/accounts/{account_id}/revoke", headers=bearer(planners["county"]))
    assert r.status_code == 200 and r.json()["disabled"] is True
    assert api_client.get("/v1/me/work", headers=bearer(token)).status_code == 401


def test_a_new_code_for_a_new_phone_ends_the_old_phones_token(api_client, xuzhou, planners):
    c = cadre(xuzhou, COUNTY_IN)
    account_id, old = enrolled(api_client, planners["county"], c["id"])
    r = api_client.post(f"/v1/field/accounts/{account_id}/enrolment", headers=bearer(planners["county"]))
    assert r.status_code == 200, r.text
    new = api_client.post("/v1/field/enrol", json={"code": r.json()["code"]}).json()["token"]
    assert api_client.get("/v1/me/work", headers=bearer(new)).status_code == 200
    assert api_client.get("/v1/me/work", headers=bearer(old)).status_code == 401


PAIRED_AND_CARING = """
MATCH (c:Cadre)-[r:PAIRED_WITH]->(:Enterprise)
WHERE c.region_id STARTS WITH $county AND r.until IS NULL AND NOT coalesce(r.voided, false)
RETURN c.id AS id, c.region_id AS region ORDER BY id LIMIT 1
"""


def test_a_cadre_records_a_visit_to_a_paired_enterprise_once_and_it_is_no_longer_due(api_client, xuzhou, planners):
    c = cadre(xuzhou, COUNTY_IN)
    account_id, token = enrolled(api_client, planners["county"], c["id"])
    work = api_client.get("/v1/me/work", headers=bearer(token)).json()
    target = work["pairings"][0]
    today = dt.datetime.now(dt.UTC).date().isoformat()
    visit = {"date": today, "enterprise_id": target["id"], "text": "走访结对企业，了解复工"}
    path = "/v1/me/visits/enterprise_visits"

    def unvisited() -> list[str]:  # pairing_visits as of today: the paired cadres with no visit in the last 30 days
        r = api_client.get(f"/v1/coverage/pairing_visits/items/{target['id']}", params={"as_of": today}, headers=bearer(planners["county"]))
        assert r.status_code == 200, r.text
        return [x["cadre_id"] for x in r.json()["details"]["lapsed"] + r.json()["details"]["never"]]

    assert c["id"] in unvisited()  # the seed's visits are dated 2020
    assert api_client.post(path, json=visit, headers=bearer(token)).status_code == 422  # no Idempotency-Key
    headers = {**bearer(token), "Idempotency-Key": "visit-k-1"}
    first = api_client.post(path, json=visit, headers=headers)
    assert first.status_code == 201, first.text
    again = api_client.post(path, json=visit, headers=headers)
    assert again.status_code == 201 and again.headers.get("Idempotent-Replayed") == "true" and again.json()["id"] == first.json()["id"]
    rows = xuzhou.read(
        # the seed's own visits (dated 2020, for pairing_visits) are not the phone's
        "MATCH (v:EnterpriseVisit {cadre_id: $id}) WHERE v.id STARTS WITH 'ev-m-' RETURN v.id AS id, v.enterprise_id AS e, v.region_id AS region, v.recorded_by AS by",
        {"id": c["id"]},
    )
    assert rows == [{"id": first.json()["id"], "e": target["id"], "region": target["region_id"], "by": "field-test phone"}]
    # the visitor is the account's person whatever the body says; an enterprise not paired with me is not found
    assert api_client.post(path, json={**visit, "cadre_id": "c-x"}, headers={**headers, "Idempotency-Key": "visit-k-2"}).status_code == 422
    other = xuzhou.read("MATCH (e:Enterprise) WHERE NOT EXISTS { (:Cadre {id: $id})-[:PAIRED_WITH]->(e) } RETURN e.id AS id LIMIT 1", {"id": c["id"]})[0]["id"]
    r = api_client.post(path, json={**visit, "enterprise_id": other}, headers={**headers, "Idempotency-Key": "visit-k-3"})
    assert r.status_code == 404, r.text
    # a cadre does not record household visits or shifts
    r = api_client.post("/v1/me/visits/household_visits", json={"date": today, "household_id": "h-1"}, headers={**headers, "Idempotency-Key": "visit-k-4"})
    assert r.status_code == 422
    work = api_client.get("/v1/me/work", headers=bearer(token)).json()
    assert {p["id"]: p["due"] for p in work["pairings"]}[target["id"]] is None
    assert c["id"] not in unvisited()  # the metric counts the phone's visit at once
    mine = api_client.get("/v1/me/record", headers=bearer(token)).json()
    assert [(v["id"], v["kind"], v["target"]) for v in mine["visits"] if v["id"].startswith("ev-m-")] == [
        (first.json()["id"], "enterprise_visits", target["id"])
    ]
    log = api_client.get("/v1/changes", params={"region": COUNTY_IN, "kind": "enterprise_visits"}, headers=bearer(planners["county"]))
    assert log.status_code == 200, log.text
    assert any(ch.get("account") == account_id and first.json()["id"] in ch.get("items", []) and ch["role"] == "field" for ch in log.json()["items"])


MEMBER_ON_A_TEAM = """
MATCH (m:PartyMember)-[r:ON_TEAM]->(t:VolunteerTeam)<-[r2:ON_TEAM]-(mate:PartyMember)
WHERE m.region_id STARTS WITH $county AND r.until IS NULL AND NOT coalesce(r.voided, false) AND r2.until IS NULL AND NOT coalesce(r2.voided, false)
MATCH (cp:Checkpoint) WHERE cp.region_id STARTS WITH $county AND NOT EXISTS { (t)-[:DEPLOYED_TO]->(cp) }
RETURN m.id AS id, t.id AS team, mate.id AS mate, cp.id AS checkpoint ORDER BY id, mate, checkpoint LIMIT 1
"""


@pytest.fixture
def deployed(api_client, xuzhou, planners):
    """A 丰县 member on a team (a city organ's) deployed from yesterday to a 丰县 checkpoint (by the city's planner)."""
    rows = xuzhou.read(MEMBER_ON_A_TEAM, {"county": COUNTY_IN})
    assert rows, "the demo seed has a 丰县 member on a team with another member"
    m = rows[0]
    since = (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)).isoformat()
    body = {"team_id": m["team"], "target_type": "checkpoint", "target_id": m["checkpoint"], "since": since, "duties": []}
    r = api_client.post("/v1/records/deployments", json=body, headers=bearer(planners["city"]))
    assert r.status_code == 201, r.text
    yield m
    void = api_client.post(f"/v1/records/deployments/{r.json()['id']}/void", json={"reason": "test over"}, headers=bearer(planners["city"]))
    assert void.status_code == 200, void.text


def test_a_party_member_records_a_shift_with_its_roster(api_client, xuzhou, planners, deployed):
    m = deployed
    account_id, token = enrolled(api_client, planners["county"], m["id"], person_type="party_member")
    work = api_client.get("/v1/me/work", headers=bearer(token)).json()
    shift_due = [d for d in work["deployments"] if d["target_id"] == m["checkpoint"]]
    assert shift_due and all(d["due"] == "no_roster_today" for d in shift_due)
    today = dt.datetime.now(dt.UTC).date().isoformat()
    outsider = xuzhou.read(
        "MATCH (p:PartyMember) WHERE NOT EXISTS { (p)-[:ON_TEAM]->(:VolunteerTeam)-[:DEPLOYED_TO]->(:Checkpoint {id: $cp}) } RETURN p.id AS id LIMIT 1",
        {"cp": m["checkpoint"]},
    )[0]["id"]
    path = "/v1/me/visits/checkpoint_shifts"
    shift = {"date": today, "checkpoint_id": m["checkpoint"], "on_duty": [m["mate"]], "text": "白班"}
    refused = api_client.post(path, json={**shift, "on_duty": [m["mate"], outsider]}, headers={**bearer(token), "Idempotency-Key": "shift-0"})
    assert refused.status_code == 422 and outsider in refused.text
    first = api_client.post(path, json=shift, headers={**bearer(token), "Idempotency-Key": "shift-1"})
    assert first.status_code == 201, first.text
    stored = xuzhou.read("MATCH (s:CheckpointShift {id: $id}) RETURN s.on_duty AS on_duty, s.member_id AS by", {"id": first.json()["id"]})
    assert stored == [{"on_duty": [m["id"], m["mate"]], "by": m["id"]}]  # the recorder is always on the roster
    work = api_client.get("/v1/me/work", headers=bearer(token)).json()
    assert all(d["due"] is None for d in work["deployments"] if d["target_id"] == m["checkpoint"])
    mine = api_client.get("/v1/me/record", headers=bearer(token)).json()
    assert [(v["id"], v["kind"], v["on_duty"]) for v in mine["visits"]] == [(first.json()["id"], "checkpoint_shifts", 2)]
    mate_account, mate_token = enrolled(api_client, planners["city"], m["mate"], person_type="party_member")
    theirs = api_client.get("/v1/me/record", headers=bearer(mate_token)).json()  # a shift I was on is in my record too
    assert [v["id"] for v in theirs["visits"]] == [first.json()["id"]]
    # a member may not record an enterprise visit (a cadre's)
    r = api_client.post("/v1/me/visits/enterprise_visits", json={"date": today, "enterprise_id": "e-1"}, headers={**bearer(token), "Idempotency-Key": "ev-x"})
    assert r.status_code == 422


def test_a_party_member_records_a_household_visit(api_client, xuzhou, planners):
    q = "MATCH (m:PartyMember)-[l:LINKS]->(:Household) WHERE m.region_id STARTS WITH $county AND l.until IS NULL RETURN m.id AS id ORDER BY id LIMIT 1"
    member = xuzhou.read(q, {"county": COUNTY_IN})[0]["id"]
    _, token = enrolled(api_client, planners["county"], member, person_type="party_member")
    work = api_client.get("/v1/me/work", headers=bearer(token)).json()
    household = work["households"][0]
    assert household["due"] == "no_visit_this_month"
    today = dt.datetime.now(dt.UTC).date().isoformat()
    body, headers = {"date": today, "household_id": household["id"]}, {**bearer(token), "Idempotency-Key": "hv-1"}
    hv = api_client.post("/v1/me/visits/household_visits", json=body, headers=headers)
    assert hv.status_code == 201, hv.text
    assert api_client.post("/v1/me/visits/household_visits", json=body, headers=headers).json()["id"] == hv.json()["id"]
    assert xuzhou.read("MATCH (v:HouseholdVisit {member_id: $id}) RETURN count(v) AS n", {"id": member}) == [{"n": 1}]
    work = api_client.get("/v1/me/work", headers=bearer(token)).json()
    assert {h["id"]: h["due"] for h in work["households"]}[household["id"]] is None
    # a party member keeps no frontline record file (纪实档案: leading cadres'); the refusal says so and what to record instead
    entry = {"date": today, "kind": "duty", "region_id": work["places"][0]["id"], "text": "入户"}
    refused = api_client.post("/v1/me/record", json=entry, headers={**bearer(token), "Idempotency-Key": "fr-member-1"})
    assert refused.status_code == 422, refused.text
    assert "纪实档案只为领导干部建立" in refused.json()["detail"] and "入户走访或卡口值守" in refused.json()["detail"]
    assert refused.json()["errors"] == [{"field": "person", "reason": entries.NOT_FOR_MEMBERS_REASON}]
    assert xuzhou.read(
        "MATCH (f:FrontlineRecord) WHERE f.id STARTS WITH 'fr-m-' AND f.recorded_by = 'field-test phone' AND f.cadre_id = $id RETURN count(f) AS n",
        {"id": member},
    ) == [{"n": 0}]
    assert api_client.get("/v1/me/record", headers=bearer(token)).json()["entries"] == []


def test_a_cadre_records_a_care_contact_with_a_family_they_support(api_client, xuzhou, planners):
    q = "MATCH (c:Cadre)-[r:CARES_FOR]->(d:DutyDeath) WHERE r.until IS NULL AND NOT coalesce(r.voided, false) RETURN c.id AS id, d.id AS family ORDER BY id LIMIT 1"
    c = xuzhou.read(q)[0]
    _, token = enrolled(api_client, planners["city"], c["id"])
    work = api_client.get("/v1/me/work", headers=bearer(token)).json()
    family = {f["id"]: f for f in work["families"]}[c["family"]]
    assert family["due"] == "no_contact_this_month" and family["family_type"] == "duty_death"
    today = dt.datetime.now(dt.UTC).date().isoformat()
    path, headers = "/v1/me/visits/family_visits", {**bearer(token), "Idempotency-Key": "fc-1"}
    wrong = api_client.post(path, json={"date": today, "family_type": "medical_worker", "family_id": c["family"]}, headers=headers)
    assert wrong.status_code == 404  # not a medical worker's family I support
    r = api_client.post(
        path, json={"date": today, "family_type": "duty_death", "family_id": c["family"], "text": "慰问"}, headers={**headers, "Idempotency-Key": "fc-2"}
    )
    assert r.status_code == 201, r.text
    work = api_client.get("/v1/me/work", headers=bearer(token)).json()
    assert {f["id"]: f["due"] for f in work["families"]}[c["family"]] is None


def test_a_planner_lists_the_field_accounts_of_their_scope_only(api_client, xuzhou, planners):
    c = cadre(xuzhou, COUNTY_IN)
    account_id, _ = enrolled(api_client, planners["county"], c["id"])
    out = cadre(xuzhou, COUNTY_OUT)
    other, _ = enrolled(api_client, planners["city"], out["id"])
    county = api_client.get("/v1/field/accounts", headers=bearer(planners["county"]))
    assert county.status_code == 200, county.text
    ids = {a["id"] for a in county.json()["items"]}
    assert account_id in ids and other not in ids
    mine = {a["id"]: a for a in county.json()["items"]}[account_id]
    assert (mine["person_id"], mine["disabled"], mine["enrolled_at"] is not None) == (c["id"], False, True)
    assert {account_id, other} <= {a["id"] for a in api_client.get("/v1/field/accounts", headers=bearer(planners["city"])).json()["items"]}
    assert api_client.post(f"/v1/field/accounts/{account_id}/revoke", headers=bearer(planners["county"])).status_code == 200
    assert {a["id"]: a for a in api_client.get("/v1/field/accounts", headers=bearer(planners["county"])).json()["items"]}[account_id]["disabled"] is True
