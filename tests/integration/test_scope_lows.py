"""Issue 20 §5, the Low findings about scope: the audit trail and record creation tell a county
planner nothing about what lies outside the county (on the small two-county graph of
test_writes.py, never the shared seed)."""

from __future__ import annotations

from tests.integration.test_writes import COUNTY_PLANNER, city, client_as, graph_state, two_counties  # noqa: F401 - fixtures

HOUSEHOLD = {"id": "h-1", "name": "王五", "region_id": "X-1-1-1"}


def test_the_trail_shows_no_after_state_of_a_household_moved_out_of_the_scope(two_counties, settings, city):  # noqa: F811
    version = city.get("/v1/records/households/h-1").json()["version"]
    moved = city.put("/v1/records/households/h-1", json={**HOUSEHOLD, "name": "王五（迁出）", "region_id": "X-2-1-1"}, headers={"If-Match": f'"{version}"'})
    assert moved.status_code == 200, moved.text
    with client_as(two_counties, settings, COUNTY_PLANNER) as county:
        items = county.get("/v1/changes").json()["items"]
        (move,) = [c for c in items if c["kind"] == "households" and c["action"] != "create"]
        # before: the X-2 name and region of the household were in the after-state
        assert move["after"] is None and move["redacted"] == ["after"]
        assert move["before"]["name"] == "王五"  # the county's own state of it
        assert "王五（迁出）" not in county.get("/v1/changes").text
    # the city planner sees both
    (move,) = [c for c in city.get("/v1/changes", params={"kind": "households"}).json()["items"] if c["action"] != "create"]
    assert move["after"]["name"] == "王五（迁出）" and "redacted" not in move


def test_the_trail_of_an_item_outside_the_scope_is_404_as_its_records(two_counties, settings, city):  # noqa: F811
    city.post("/v1/records/pairings", json={"cadre_id": "c-2", "enterprise_id": "e-2", "since": "2020-03-01"})
    with client_as(two_counties, settings, COUNTY_PLANNER) as county:
        assert county.get("/v1/records", params={"item": "e-2"}).status_code == 404
        # before: 200 (an empty or filtered page) where the records answer 404
        for item in ("e-2", "c-2", "c-2~e-2~2020-03-01"):
            assert county.get("/v1/changes", params={"item": item}).status_code == 404, item
        assert county.get("/v1/changes", params={"item": "e-1"}).status_code == 200
        assert county.get("/v1/changes", params={"item": "no-such-item"}).status_code == 200


def test_creating_a_record_with_an_id_that_exists_outside_the_scope_is_refused_as_any_write_there(two_counties, settings, city):  # noqa: F811
    with client_as(two_counties, settings, COUNTY_PLANNER) as county:
        before = graph_state(two_counties)
        # e-2 is X-2's; the new record would be in X-1
        taken = county.post("/v1/records/enterprises", json={"id": "e-2", "name": "新厂", "kind": "non_public", "region_id": "X-1-1-1"})
        unknown_region = county.post("/v1/records/enterprises", json={"id": "e-9", "name": "新厂", "kind": "non_public", "region_id": "X-2-1-1"})
        # before: 409 "The record e-2 exists already"
        assert taken.status_code == unknown_region.status_code == 404, taken.text
        assert "e-2" not in taken.text and taken.json()["detail"] == unknown_region.json()["detail"]
        assert graph_state(two_counties) == before
        # inside the scope the answer is still 409
        assert county.post("/v1/records/enterprises", json={"id": "e-1", "name": "一厂", "kind": "non_public", "region_id": "X-1-1-1"}).status_code == 409
