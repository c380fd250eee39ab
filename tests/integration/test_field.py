"""The field app's API (issue 26): enrolment by a one-time code, the phone's own work and record, and
frontline record entries from the phone through the write workflow (real Neo4j, the demo seed)."""

from __future__ import annotations

import datetime as dt

import pytest

from orgnet.accounts import field as field_accounts
from orgnet.accounts import store

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
    assert all(p["due"] == "no_entry_this_month" for p in body["pairings"]) and body["due"] == len(want)
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
    work = api_client.get("/v1/me/work", headers=bearer(token)).json()  # this month's entry in the cadre's region
    assert [p["id"] for p in work["pairings"] if p["due"] is None] == [p["id"] for p in work["pairings"] if p["region_id"] == c["region"]]


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
