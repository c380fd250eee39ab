"""People search (issue 14): ``GET /v1/people`` by id or name, names only for who may see them."""

from __future__ import annotations

import pytest

from orgnet.settings import get_settings

TOKENS = {"planner": "planner-token", "viewer": "viewer-token"}


@pytest.fixture
def client(xuzhou, settings):
    from fastapi.testclient import TestClient

    from orgnet.api.main import create_app

    s = settings.model_copy(update={"api_tokens": ",".join(f"{t}:{r}" for r, t in TOKENS.items())})
    app = create_app(settings=s, graph=xuzhou)
    app.dependency_overrides[get_settings] = lambda: s
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def as_(role):
    return {"Authorization": f"Bearer {TOKENS[role]}"}


def test_people_by_id_paged_under_a_region(client, xuzhou):
    expected = [r["id"] for r in xuzhou.read("MATCH (c:Cadre) WHERE c.id CONTAINS 'cadre-k-320321' RETURN c.id AS id ORDER BY id")]
    assert len(expected) > 5
    seen, cursor = [], None
    while True:
        res = client.get("/v1/people", params={"q": "CADRE-K-320321", "limit": 4, **({"cursor": cursor} if cursor else {})})
        assert res.status_code == 200, res.text
        body = res.json()
        assert len(body["items"]) <= 4
        seen += [i["id"] for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == expected
    # under 沛县 none of 丰县's county cadres; medical workers only when asked for
    other = client.get("/v1/people", params={"q": "cadre-k-320321", "region": "320322"}).json()
    assert other["items"] == []
    mw = client.get("/v1/people", params={"q": "mw-", "kind": "medical_worker", "limit": 200}).json()["items"]
    assert mw and {i["kind"] for i in mw} == {"medical_worker"}


def test_names_are_found_and_shown_only_to_planners(client, xuzhou):
    person = xuzhou.read("MATCH (m:PartyMember {region_id: '320321-001-001'}) RETURN m.id AS id, m.name AS name ORDER BY id LIMIT 1")[0]
    planner = client.get("/v1/people", params={"q": person["name"], "kind": "member", "region": "320321"}, headers=as_("planner")).json()
    assert person["id"] in [i["id"] for i in planner["items"]]
    assert all(person["name"] in i["name"] for i in planner["items"])
    for role in ("viewer", None):
        hidden = client.get("/v1/people", params={"q": person["name"], "kind": "member"}, headers=as_(role) if role else {}).json()
        assert hidden["items"] == []  # a match on a hidden name would reveal it
        by_id = client.get("/v1/people", params={"q": person["id"]}, headers=as_(role) if role else {}).json()["items"]
        assert [i["id"] for i in by_id] == [person["id"]] and by_id[0]["name"] is None


def test_people_search_refuses_bad_parameters(client, xuzhou):
    for params, status in (
        ({}, 422),
        ({"q": ""}, 422),
        ({"q": "x" * 65}, 422),
        ({"q": "a", "kind": "talent"}, 422),
        ({"q": "a", "limit": 201}, 422),
        ({"q": "a", "region": "nowhere"}, 404),
    ):
        res = client.get("/v1/people", params=params)
        assert res.status_code == status, (params, res.text)
        assert res.headers["content-type"].startswith("application/problem+json")


def test_people_by_place_with_their_load_on_the_day(client, xuzhou):
    """Assign's search (issue 24): a village's name finds its members for anyone (a place is not
    personal), and with `as_of` each carries the households it links that day and the policy's number."""
    village = xuzhou.read(
        "MATCH (r:Region {level: 'village'}) WHERE r.id STARTS WITH '320321-' AND size(r.name) >= 2 "
        "AND COUNT { MATCH (o:Region {level: 'village'}) WHERE o.name CONTAINS r.name } = 1 "
        "AND EXISTS { MATCH (m:PartyMember {region_id: r.id}) } RETURN r.id AS id, r.name AS name ORDER BY id LIMIT 1"
    )[0]
    members = xuzhou.read(
        "MATCH (m:PartyMember {region_id: $v}) "
        "RETURN m.id AS id, COUNT { MATCH (m)-[l:LINKS]->(:Household) WHERE l.since <= date('2020-03-31') "
        "AND (l.until IS NULL OR l.until >= date('2020-03-31')) AND NOT coalesce(l.voided, false) } AS n ORDER BY id",
        {"v": village["id"]},
    )
    res = client.get("/v1/people", params={"q": village["name"], "kind": "member", "region": "320321", "limit": 200, "as_of": "2020-03-31"})
    assert res.status_code == 200, res.text
    found = {i["id"]: i for i in res.json()["items"]}
    assert set(found) == {m["id"] for m in members}
    for m in members:
        assert found[m["id"]]["load"] == {"count": m["n"], "limit": 10, "rule": "exact"}
        assert found[m["id"]]["region_path"][-1]["id"] == village["id"]
    # without a day no load is counted
    assert "load" not in client.get("/v1/people", params={"q": village["name"], "kind": "member", "region": "320321"}).json()["items"][0]
