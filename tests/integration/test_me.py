"""``GET /v1/me``: who the dashboard talks to (role, account, scope regions), never the token."""

from __future__ import annotations

import pytest

from orgnet.accounts import store


@pytest.fixture
def accounts(xuzhou):
    made: dict[str, tuple[str, str]] = {}
    for key, role, scope in (("fengxian", "planner", ["320321"]), ("city_viewer", "viewer", ["320300"]), ("two", "planner", ["320322", "320321"])):
        account, token = store.add_account(xuzhou, name=f"me-test {key}", role=role, scope=scope)
        made[key] = (account["id"], token)
    yield made
    xuzhou.write("MATCH (a:Account) WHERE a.id IN $ids DETACH DELETE a", {"ids": [i for i, _ in made.values()]})


def me(api_client, token: str | None):
    return api_client.get("/v1/me", headers={"Authorization": f"Bearer {token}"} if token else {})


def test_a_county_planner_sees_its_role_account_and_scope_names_but_not_its_token(api_client, accounts):
    account_id, token = accounts["fengxian"]
    r = me(api_client, token)
    assert r.status_code == 200, r.text
    assert r.json() == {
        "role": "planner",
        "account": {"id": account_id, "name": "me-test fengxian"},
        "scope": [{"id": "320321", "name": "丰县", "level": "county"}],
        "unrestricted": False,
        "can_write": True,
    }
    assert token.split(".", 1)[1] not in r.text and "hash" not in r.text


def test_scope_regions_come_in_id_order_with_their_names(api_client, accounts):
    body = me(api_client, accounts["two"][1]).json()
    assert [(s["id"], s["name"]) for s in body["scope"]] == [("320321", "丰县"), ("320322", "沛县")]


def test_a_city_viewer_is_unrestricted_and_may_not_write(api_client, accounts):
    body = me(api_client, accounts["city_viewer"][1]).json()
    assert (body["role"], body["unrestricted"], body["can_write"]) == ("viewer", True, False)
    assert body["scope"] == [{"id": "320300", "name": "徐州市", "level": "city"}]


def test_anonymous_is_anonymous(api_client, xuzhou):
    assert me(api_client, None).json() == {"role": "anonymous", "account": None, "scope": [], "unrestricted": True, "can_write": False}


def test_a_revoked_token_is_a_401_problem_without_detail_about_why(api_client, accounts):
    account_id, token = accounts["fengxian"]
    store.revoke_account(api_client.app.state.graph, account_id=account_id)
    r = me(api_client, token)
    assert r.status_code == 401 and r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["detail"] == "Unknown API token."
