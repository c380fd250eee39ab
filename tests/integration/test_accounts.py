"""Accounts (orgnet/accounts/, /v1/accounts, `orgnet accounts`) and the scope they carry.

Tokens are real (Argon2id hashes in the test Neo4j); the bootstrap admin comes from API_TOKENS."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from orgnet.accounts import store, tokens
from orgnet.settings import get_settings
from tests.integration.conftest import cli_environment

BOOT = "bootstrap-admin-token-0123"
DAY = "2020-03-31"
FENG, PEI = "320321", "320322"  # 丰县, 沛县


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def app_client(xuzhou, settings):
    from fastapi.testclient import TestClient

    from orgnet.api.main import create_app

    def make(**overrides):
        s = settings.model_copy(update={"api_tokens": f"{BOOT}:admin", "api_anonymous_viewers": True, **overrides})
        app = create_app(settings=s, graph=xuzhou)
        app.dependency_overrides[get_settings] = lambda: s
        return TestClient(app, raise_server_exceptions=False)

    yield make
    xuzhou.write("MATCH (a:Account) WHERE a.name STARTS WITH 'test-' DETACH DELETE a")


def add(client, *, role="planner", scope=(FENG,), name="test-account", **extra) -> tuple[str, str]:
    r = client.post("/v1/accounts", json={"name": name, "role": role, "scope": list(scope), **extra}, headers=bearer(BOOT))
    assert r.status_code == 201, r.text
    return r.json()["account"]["id"], r.json()["token"]


def test_an_account_token_gives_its_role_and_its_county_opens_first(app_client):
    with app_client() as client:
        account_id, token = add(client)
        assert token.startswith(account_id + ".")
        r = client.get("/v1/gaps/household_linkage", params={"as_of": DAY}, headers=bearer(token))
        assert r.status_code == 200, r.text
        assert r.json()["region"]["id"] == FENG  # no region named: the account's county, not the city
        assert any(item["name"] for item in r.json()["items"])  # a planner: household names shown


def test_unknown_account_wrong_secret_revoked_and_expired_all_get_the_same_401(app_client, xuzhou):
    with app_client() as client:
        revoked_id, revoked = add(client, name="test-revoked")
        assert client.post(f"/v1/accounts/{revoked_id}/revoke", headers=bearer(BOOT)).json()["disabled"] is True
        expired_id, expired = add(client, name="test-expired", expires_at="2099-01-01")
        xuzhou.write("MATCH (a:Account {id: $id}) SET a.expires_at = '2000-01-01T00:00:00Z'", {"id": expired_id})
        live_id, live = add(client, name="test-live")
        bodies = []
        for presented in (
            "acc-000000000000." + live.split(".", 1)[1],  # no such account
            live + "x",  # wrong secret
            live_id + "." + tokens.new_token(live_id).split(".", 1)[1],  # another secret for the right id
            revoked,
            expired,
            "acc-nothex.secret",  # not an account token at all
        ):
            r = client.get("/v1/metrics", headers=bearer(presented))
            assert r.status_code == 401, (presented[:20], r.text)
            bodies.append({k: v for k, v in r.json().items() if k != "instance"})
        assert all(b == bodies[0] for b in bodies) and bodies[0]["detail"] == "Unknown API token."
        assert client.get("/v1/metrics", headers=bearer(live)).status_code == 200


def test_rotate_ends_the_old_token_at_once_and_the_new_one_works(app_client):
    with app_client() as client:
        account_id, old = add(client)
        assert client.get("/v1/metrics", headers=bearer(old)).status_code == 200  # verified and cached
        r = client.post(f"/v1/accounts/{account_id}/rotate", headers=bearer(BOOT))
        assert r.status_code == 200 and r.json()["account"]["rotated_at"]
        new = r.json()["token"]
        assert new != old and new.startswith(account_id + ".")
        assert client.get("/v1/metrics", headers=bearer(old)).status_code == 401
        assert client.get("/v1/metrics", headers=bearer(new)).status_code == 200
        revoked = client.post(f"/v1/accounts/{account_id}/revoke", headers=bearer(BOOT))
        assert client.post(f"/v1/accounts/{account_id}/rotate", headers=bearer(BOOT)).status_code == 422, revoked.text
        assert client.post("/v1/accounts/acc-000000000000/revoke", headers=bearer(BOOT)).status_code == 404


def test_the_cache_spares_argon2_and_a_change_made_by_another_process_ends_it(app_client, xuzhou, monkeypatch):
    verified = []
    real_verify = tokens.verify_secret
    monkeypatch.setattr(tokens, "verify_secret", lambda stored, secret: verified.append(1) or real_verify(stored, secret))
    with app_client() as client:
        account_id, token = add(client)
        for _ in range(3):
            assert client.get("/v1/metrics", headers=bearer(token)).status_code == 200
        assert len(verified) == 1  # one Argon2 verification, then the cache

        # `orgnet accounts rotate` in another process: a new hash in Neo4j, nothing dropped from this cache
        xuzhou.write("MATCH (a:Account {id: $id}) SET a.token_hash = $h", {"id": account_id, "h": tokens.hash_secret("elsewhere")})
        assert client.get("/v1/metrics", headers=bearer(token)).status_code == 401

        account_id, token = add(client, name="test-disabled")
        assert client.get("/v1/metrics", headers=bearer(token)).status_code == 200
        xuzhou.write("MATCH (a:Account {id: $id}) SET a.disabled = true", {"id": account_id})  # revoked elsewhere
        assert client.get("/v1/metrics", headers=bearer(token)).status_code == 401

        account_id, token = add(client, name="test-expiring", expires_at="2099-01-01")
        assert client.get("/v1/metrics", headers=bearer(token)).status_code == 200
        xuzhou.write("MATCH (a:Account {id: $id}) SET a.expires_at = '2000-01-01T00:00:00Z'", {"id": account_id})
        assert client.get("/v1/metrics", headers=bearer(token)).status_code == 401
        # and the expired entry is gone from the cache: making the account valid again verifies anew
        xuzhou.write("MATCH (a:Account {id: $id}) SET a.expires_at = null", {"id": account_id})
        before = len(verified)
        assert client.get("/v1/metrics", headers=bearer(token)).status_code == 200
        assert len(verified) == before + 1


def test_revoke_in_this_process_drops_the_cached_token(app_client):
    with app_client() as client:
        account_id, token = add(client)
        assert client.get("/v1/metrics", headers=bearer(token)).status_code == 200
        assert tokens.VERIFIED.matches(token, stored_hash=_stored_hash(client.app.state.graph, account_id))
        client.post(f"/v1/accounts/{account_id}/revoke", headers=bearer(BOOT))
        assert not tokens.VERIFIED.matches(token, stored_hash=_stored_hash(client.app.state.graph, account_id))


def _stored_hash(graph, account_id: str) -> str:
    return graph.read("MATCH (a:Account {id: $id}) RETURN a.token_hash AS h", {"id": account_id})[0]["h"]


def test_wrong_account_tokens_count_towards_the_failed_token_limit(app_client):
    with app_client(auth_failures_max=3, auth_failure_window_s=60) as client:
        _, token = add(client)
        for i in range(3):
            assert client.get("/v1/metrics", headers=bearer(f"{token}{i}")).status_code == 401
        r = client.get("/v1/metrics", headers=bearer(token))
        assert r.status_code == 429 and r.headers["retry-after"]


def test_only_the_hash_is_stored_and_no_answer_shows_it(app_client, xuzhou):
    with app_client() as client:
        account_id, token = add(client)
        secret = token.split(".", 1)[1]
        stored = _stored_hash(xuzhou, account_id)
        assert stored.startswith("$argon2id$") and secret not in stored
        listing = client.get("/v1/accounts", headers=bearer(BOOT))
        assert listing.status_code == 200 and account_id in listing.text
        assert "token_hash" not in listing.text and "$argon2" not in listing.text and secret not in listing.text


def test_account_management_needs_an_admin_for_the_whole_city(app_client):
    with app_client() as client:
        _, county_admin = add(client, role="admin", name="test-county-admin")
        _, planner = add(client, role="planner", scope=("320300",), name="test-city-planner")
        for token in (county_admin, planner):
            assert client.get("/v1/accounts", headers=bearer(token)).status_code == 403
            assert client.post("/v1/accounts", json={"name": "test-x", "role": "admin", "scope": ["320300"]}, headers=bearer(token)).status_code == 403
        _, city_admin = add(client, role="admin", scope=("320300",), name="test-city-admin")
        assert client.get("/v1/accounts", headers=bearer(city_admin)).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "test-x", "role": "superuser", "scope": [FENG]}, "role"),
        ({"name": "test-x", "role": "planner", "scope": ["999999"]}, "scope"),
        ({"name": "test-x", "role": "planner", "scope": []}, "scope"),
        ({"name": "test-x", "role": "planner", "scope": [FENG], "expires_at": "2001-01-01"}, "expires_at"),
        ({"name": "test-x", "role": "planner", "scope": [FENG], "expires_at": "soon"}, "expires_at"),
    ],
)
def test_a_bad_account_is_refused_naming_the_field_and_nothing_is_written(app_client, xuzhou, body, field):
    with app_client() as client:
        before = xuzhou.read("MATCH (a:Account) RETURN count(a) AS n")[0]["n"]
        r = client.post("/v1/accounts", json=body, headers=bearer(BOOT))
        assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json", r.text
        assert field in json.dumps(r.json()["errors"])
        assert xuzhou.read("MATCH (a:Account) RETURN count(a) AS n")[0]["n"] == before


# ------------------------------------------------------------------ scope: outside it, 404 and no hint


def _not_found(r) -> dict:
    assert r.status_code == 404, r.text
    return {k: v for k, v in r.json().items() if k != "instance"}


def test_outside_the_scope_an_item_is_answered_like_an_id_that_does_not_exist(app_client, xuzhou):
    pei_household = xuzhou.read("MATCH (h:Household)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:County {id: $c}) RETURN h.id AS id LIMIT 1", {"c": PEI})[0][
        "id"
    ]
    with app_client() as client:
        _, token = add(client)
        outside = _not_found(client.get(f"/v1/coverage/household_linkage/items/{pei_household}", params={"as_of": DAY}, headers=bearer(token)))
        missing = _not_found(client.get("/v1/coverage/household_linkage/items/hh-no-such", params={"as_of": DAY}, headers=bearer(token)))
        assert outside["title"] == missing["title"] and pei_household in outside["detail"] and "scope" not in outside["detail"]
        # the city's planner sees it
        _, city = add(client, scope=("320300",), name="test-city")
        assert client.get(f"/v1/coverage/household_linkage/items/{pei_household}", params={"as_of": DAY}, headers=bearer(city)).status_code == 200


def test_library_queries_name_only_regions_and_items_inside_the_scope(app_client, xuzhou):
    def enterprise(county):
        return xuzhou.read("MATCH (e:Enterprise) WHERE e.region_id STARTS WITH $c RETURN e.id AS id ORDER BY id LIMIT 1", {"c": county})[0]["id"]

    with app_client() as client:
        _, token = add(client)
        run = lambda key, params: client.post(f"/v1/queries/{key}", json=params, headers=bearer(token))  # noqa: E731
        assert run("explore/enterprise_pairings", {"enterprise": enterprise(FENG), "as_of": DAY}).status_code == 200
        _not_found(run("explore/enterprise_pairings", {"enterprise": enterprise(PEI), "as_of": DAY}))
        assert run("gaps/household_linkage", {"region": FENG, "as_of": DAY}).status_code == 200
        _not_found(run("gaps/household_linkage", {"region": PEI, "as_of": DAY}))
        _not_found(run("gaps/household_linkage", {"as_of": DAY}))  # the default region is the city
        _not_found(run("timeline/household_linkage", {"regions": [FENG, PEI]}))  # one region outside is enough


def test_what_if_names_only_people_inside_the_scope(app_client, xuzhou):
    def cadre(county):
        return xuzhou.read("MATCH (c:Cadre) WHERE c.region_id STARTS WITH $c RETURN c.id AS id ORDER BY id LIMIT 1", {"c": county})[0]["id"]

    with app_client() as client:
        _, token = add(client)
        body = lambda c: {"region": FENG, "as_of": DAY, "unavailable": {"cadres": [c], "members": [], "teams": []}}  # noqa: E731
        assert client.post("/v1/whatif", json=body(cadre(FENG)), headers=bearer(token)).status_code == 200
        _not_found(client.post("/v1/whatif", json=body(cadre(PEI)), headers=bearer(token)))
        city_cadre = xuzhou.read("MATCH (c:Cadre {level: 'city'}) RETURN c.id AS id ORDER BY id LIMIT 1")[0]["id"]
        _not_found(client.post("/v1/whatif", json=body(city_cadre), headers=bearer(token)))  # serves the whole city: outside 丰县


# ------------------------------------------------------------------ the command line


@pytest.fixture
def cli_env(settings, xuzhou):
    env = cli_environment(settings)
    yield env
    xuzhou.write("MATCH (a:Account) WHERE a.name STARTS WITH 'test-' DETACH DELETE a")


def orgnet(env, *args):
    return subprocess.run([sys.executable, "-m", "orgnet.cli", "accounts", *args], env=env, capture_output=True, text=True, timeout=120)


def test_cli_add_list_rotate_revoke(cli_env, xuzhou):
    done = orgnet(cli_env, "add", "--name", "test-cli", "--role", "planner", "--scope", FENG, "--scope", PEI, "--json")
    assert done.returncode == 0, done.stderr
    created = json.loads(done.stdout)
    account_id, token = created["account"]["id"], created["token"]
    assert created["account"]["scope"] == [FENG, PEI]
    assert store.identify(xuzhou, token) == store.Identity(role="planner", account=account_id, scope=(FENG, PEI))

    listing = orgnet(cli_env, "list", "--json")
    assert listing.returncode == 0 and token.split(".", 1)[1] not in listing.stdout
    assert [a for a in json.loads(listing.stdout) if a["id"] == account_id][0]["role"] == "planner"

    rotated = orgnet(cli_env, "rotate", account_id, "--json")
    new = json.loads(rotated.stdout)["token"]
    assert store.identify(xuzhou, token) is None and store.identify(xuzhou, new) is not None

    assert orgnet(cli_env, "revoke", account_id).returncode == 0
    assert store.identify(xuzhou, new) is None

    bad = orgnet(cli_env, "add", "--name", "test-bad", "--role", "planner", "--scope", "999999")
    assert bad.returncode == 2 and "unknown region" in bad.stderr


def test_an_account_scoped_to_the_city_is_unrestricted(xuzhou):
    account, token = store.add_account(xuzhou, name="test-city", role="planner", scope=["320300", FENG])
    try:
        assert store.identify(xuzhou, token) == store.Identity(role="planner", account=account["id"], scope=None)
    finally:
        xuzhou.write("MATCH (a:Account {id: $id}) DELETE a", {"id": account["id"]})
