"""``GET /v1/whatif/assignment`` (issue 24): what one new assignment would close and open, before it
is written, and that it is what the write then does (the gap lists after the write say so)."""

from __future__ import annotations

import pytest

from orgnet.settings import get_settings

DAY = "2020-03-31"
FENGXIAN = "320321"
PLANNER = "whatif-planner-token"
URL = "/v1/whatif/assignment"


@pytest.fixture
def client(xuzhou, settings):
    from fastapi.testclient import TestClient

    from orgnet.api.main import create_app

    s = settings.model_copy(update={"api_tokens": f"{PLANNER}:planner"})
    app = create_app(settings=s, graph=xuzhou)
    app.dependency_overrides[get_settings] = lambda: s
    with TestClient(app, raise_server_exceptions=False) as c:
        c.headers["Authorization"] = f"Bearer {PLANNER}"
        yield c


def gap_ids(client, metric: str, region: str) -> set[str]:
    body = client.get(f"/v1/gaps/{metric}", params={"region": region, "as_of": DAY, "limit": 500}).json()
    return {i["id"] for i in body["items"]}


def test_a_link_closes_the_households_gap_says_what_it_does_to_the_members_load_and_the_write_agrees(client, xuzhou):
    gaps = client.get("/v1/gaps/household_linkage", params={"region": FENGXIAN, "as_of": DAY, "limit": 50}).json()["items"]
    assert gaps, "丰县 has unlinked households on the day"
    household = gaps[0]
    village = household["region_path"][-1]["id"]
    members = xuzhou.read(
        "MATCH (m:PartyMember {region_id: $v}) WHERE NOT coalesce(m.voided, false) AND NOT EXISTS { (m)-[:LINKS]->(:Household {id: $h}) } "
        "RETURN m.id AS m, COUNT { MATCH (m)-[l:LINKS]->() WHERE l.since <= date($day) AND (l.until IS NULL OR l.until >= date($day)) "
        "AND NOT coalesce(l.voided, false) } AS n ORDER BY (n = 10) DESC, m.id DESC",
        {"v": village, "h": household["id"], "day": DAY},
    )
    member, n = members[0]["m"], members[0]["n"]
    target = 10  # the default policy's households per member
    load_effect = "closes" if n + 1 == target else "opens" if n == target else "none"
    links = xuzhou.read("MATCH ()-[l:LINKS]->() RETURN count(l) AS n")[0]["n"]
    res = client.get(URL, params={"kind": "household_links", "start": member, "end": household["id"], "as_of": DAY})
    assert res.status_code == 200, res.text
    body = res.json()
    assert [(x["metric"], x["effect"]) for x in body["lines"]] == [("household_linkage", "closes"), ("member_link_load", load_effect)]
    assert ("household_linkage", household["id"]) in [(x["metric"], x["item_id"]) for x in body["closes"]]
    load = body["lines"][1]
    assert (load["item_id"], load["load_before"], load["load_after"], load["limit"]) == (member, n, n + 1, target)
    assert xuzhou.read("MATCH ()-[l:LINKS]->() RETURN count(l) AS n")[0]["n"] == links  # nothing written
    # the write does what the what-if said
    member_gap_before = member in gap_ids(client, "member_link_load", village)
    record = f"{member}~{household['id']}~{DAY}"
    written = client.post(
        "/v1/records/household_links", json={"member_id": member, "household_id": household["id"], "since": DAY}, headers={"Idempotency-Key": "whatif-1"}
    )
    assert written.status_code == 201, written.text
    try:
        assert household["id"] not in gap_ids(client, "household_linkage", village)
        member_gap_after = member in gap_ids(client, "member_link_load", village)
        assert (member_gap_before, member_gap_after) == {"closes": (True, False), "opens": (False, True), "none": (member_gap_before, member_gap_before)}[
            load_effect
        ]
        # asked again now: the pair is linked already, nothing changes
        again = client.get(URL, params={"kind": "household_links", "start": member, "end": household["id"], "as_of": DAY}).json()
        assert again["closes"] == [] and again["opens"] == [] and again["lines"][0]["why"] == "already_assigned"
    finally:
        client.post(f"/v1/records/household_links/{record}/void", json={"reason": "test cleanup"}).raise_for_status()


def test_a_pairing_closes_only_a_level_its_cadre_can_close_and_unknown_ids_are_404(client, xuzhou):
    gaps = client.get("/v1/gaps/enterprise_pairing", params={"region": FENGXIAN, "as_of": DAY, "limit": 500, "reason": "missing_town"}).json()["items"]
    enterprise = gaps[0]
    town = next(p["id"] for p in enterprise["region_path"] if p["id"].count("-") == 1)
    cadres = xuzhou.read(
        "MATCH (c:Cadre {level: 'town'}) WHERE c.region_id STARTS WITH $c AND NOT coalesce(c.voided, false) RETURN c.id AS id, c.region_id AS r ORDER BY id",
        {"c": FENGXIAN},
    )
    own = next(c["id"] for c in cadres if c["r"] == town)
    other = next(c["id"] for c in cadres if c["r"] != town)
    body = client.get(URL, params={"kind": "pairings", "start": own, "end": enterprise["id"], "as_of": DAY}).json()
    line = body["lines"][0]
    assert line["metric"] == "enterprise_pairing" and line["uncovered_before"] is True
    missing = enterprise["details"]["missing_levels"]
    assert line["effect"] == ("closes" if missing == ["town"] and not enterprise["details"].get("outside_jurisdiction") else "narrows")
    assert line["missing_after"] == [x for x in missing if x != "town"]
    assert [x["metric"] for x in body["lines"]] == ["enterprise_pairing", "cadre_load"]
    elsewhere = client.get(URL, params={"kind": "pairings", "start": other, "end": enterprise["id"], "as_of": DAY}).json()
    assert elsewhere["closes"] == [] and elsewhere["lines"][0]["effect"] == "none"
    assert client.get(URL, params={"kind": "pairings", "start": "nobody", "end": enterprise["id"], "as_of": DAY}).status_code == 404
    assert client.get(URL, params={"kind": "bundle", "start": own, "end": enterprise["id"], "as_of": DAY}).status_code == 422
