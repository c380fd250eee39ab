"""Incentive records through the per-record write workflow (issue 13): a frontline entry, a
recognition, an application decision and a care payment are written, scoped, audited and
idempotent like every other record, and change the incentive metrics."""

from __future__ import annotations

from .test_writes import CITY_PLANNER, COUNTY_PLANNER, client_as, two_counties  # noqa: F401  (fixture)

DEATH = {"id": "dd-1", "person_type": "cadre", "person_id": "c-1", "date": "2020-02-20", "region_id": "X-1-1-1"}
RECOGNITION = {
    "id": "rec-1", "person_type": "cadre", "person_id": "c-1", "kind": "promoted", "level": "city",
    "date": "2020-03-20", "awarding_body": "组织部", "region_id": "X-1-1",
}  # fmt: skip


def test_incentive_records_are_written_scoped_and_counted(two_counties, settings):  # noqa: F811
    with client_as(two_counties, settings, COUNTY_PLANNER) as county:
        # a promotion without a frontline record: a gap of record_backed_promotion
        assert county.post("/v1/records/recognitions", json=RECOGNITION).status_code == 201
        gaps = county.get("/v1/gaps/record_backed_promotion", params={"region": "X-1", "as_of": "2020-03-31"})
        assert [g["id"] for g in gaps.json()["items"]] == ["rec-1"], gaps.text
        entry = {"id": "fr-1", "cadre_id": "c-1", "date": "2020-02-10", "kind": "duty", "region_id": "X-1-1", "text": "卡口值守", "recorded_by": "组织部"}
        made = county.post("/v1/records/frontline_records", json=entry, headers={"Idempotency-Key": "fr-1-once"})
        assert made.status_code == 201, made.text
        replay = county.post("/v1/records/frontline_records", json=entry, headers={"Idempotency-Key": "fr-1-once"})
        assert replay.status_code == 201 and replay.json()["version"] == made.json()["version"]
        assert county.get("/v1/gaps/record_backed_promotion", params={"region": "X-1", "as_of": "2020-03-31"}).json()["items"] == []
        # a death on duty, the family's care contact and a care payment (which belongs to the family's region)
        assert county.post("/v1/records/duty_deaths", json=DEATH).status_code == 201
        contact = {"supporter_type": "cadre", "supporter_id": "c-1", "duty_death_id": "dd-1", "since": "2020-02-22"}
        assert county.post("/v1/records/care_contacts", json=contact).status_code == 201
        pay = county.post(
            "/v1/records/care_payments", json={"id": "pay-1", "duty_death_id": "dd-1", "fund": "pengcheng_care_fund", "amount": 20000.0, "date": "2020-03-25"}
        )
        assert pay.status_code == 201 and pay.json()["regions"] == ["X-1-1-1"]
        cov = county.get("/v1/coverage/duty_death_family_care", params={"region": "X-1", "as_of": "2020-03-31"}).json()
        assert (cov["covered"], cov["total"]) == (1, 1)
        # outside the county: refused as if it did not exist
        outside = {**RECOGNITION, "id": "rec-2", "person_id": "c-2", "region_id": "X-2-1"}
        assert county.post("/v1/records/recognitions", json=outside).status_code == 404
        # every write is in the audit trail
        kinds = {c["kind"] for c in county.get("/v1/changes").json()["items"]}
        assert {"recognitions", "frontline_records", "duty_deaths", "care_contacts", "care_payments"} <= kinds
    with client_as(two_counties, settings, CITY_PLANNER) as city:
        # an application decision is an update of the application record (If-Match: its version)
        application = {"id": "app-1", "applicant_type": "cadre", "applicant_id": "c-2", "region_id": "X-2-1", "submitted_on": "2020-02-01", "at_front": True}
        made = city.post("/v1/records/party_applications", json=application)
        assert made.status_code == 201
        gaps = city.get("/v1/gaps/application_followup", params={"region": "X", "as_of": "2020-03-31"}).json()["items"]
        assert [g["id"] for g in gaps] == ["app-1"]
        decided = city.put(
            "/v1/records/party_applications/app-1", json={**application, "activist_on": "2020-02-20"}, headers={"If-Match": made.headers["ETag"]}
        )
        assert decided.status_code == 200, decided.text
        assert city.get("/v1/gaps/application_followup", params={"region": "X", "as_of": "2020-03-31"}).json()["items"] == []
