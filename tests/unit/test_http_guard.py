"""The HTTP guard (orgnet/api/guard.py): tokens, hosts, headers and body limits, checked without a
database.  The app is built without a graph: every request here is decided before a route would
touch Neo4j (or the route needs none)."""

from __future__ import annotations

import asyncio
import hmac
import json
import re

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from orgnet.api.main import create_app
from orgnet.settings import Settings, get_settings

PLANNER_TOKEN = "planner-token-0123456789"
ADMIN_TOKEN = "admin-token-0123456789ab"
MIB = 1_048_576


def make_client(**overrides) -> TestClient:
    values = {
        "api_tokens": f"{PLANNER_TOKEN}:planner,{ADMIN_TOKEN}:admin",
        "api_allowed_hosts": "testserver,127.0.0.1,localhost",
        "neo4j_uri": "bolt://127.0.0.1:1",  # never reached: no graph is opened (no lifespan)
        **overrides,
    }
    settings = Settings(**values)
    app = create_app(settings=settings)
    app.dependency_overrides[get_settings] = lambda: settings
    app.state.graph = None  # no route here gets as far as using it
    return TestClient(app)


def is_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert not re.search(r" object at 0x|Traceback|neo4j\._", response.text)
    return body


def every_operation(app) -> list[tuple[str, str]]:
    """Every (method, concrete path) of the OpenAPI document and of the routes outside it (docs,
    dashboard, preflights), path parameters filled in: a new route is covered without touching this."""
    spec = app.openapi()
    out = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}

    def walk(routes):
        for route in routes:
            if hasattr(route, "original_router"):  # FastAPI's record of an included router
                walk(route.original_router.routes)
            elif getattr(route, "methods", None):
                out.update((m, route.path) for m in route.methods if m != "HEAD")

    walk(app.routes)
    return sorted((m, re.sub(r"\{[^}]+\}", "x", p)) for m, p in out)


# -- tokens -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        (":admin", "empty token"),
        (f"{PLANNER_TOKEN}:planner, :admin", "entry 2 has an empty token"),
        ("short:admin", "has 5 characters; use at least 16"),
        (f"{PLANNER_TOKEN}:superuser", "unknown role"),
        (PLANNER_TOKEN, "no role"),
        (f"{PLANNER_TOKEN}:planner,{PLANNER_TOKEN}:admin", "repeats an earlier token"),
    ],
)
def test_a_bad_api_tokens_setting_fails_at_start_up_naming_the_reason_not_the_token(spec, reason):
    with pytest.raises(ValidationError, match=reason) as e:
        Settings(api_tokens=spec)
    assert PLANNER_TOKEN not in str(e.value) and "short" not in str(e.value).replace("short:", "")


def test_an_empty_bearer_is_not_an_admin_whatever_is_configured():
    client = make_client()
    for header in ("Bearer ", "Bearer", "", "Basic " + PLANNER_TOKEN, PLANNER_TOKEN, f"Bearer {PLANNER_TOKEN[:-1]}"):
        is_problem(client.get("/v1/metrics", headers={"Authorization": header}), 401)
    assert client.get("/v1/metrics", headers={"Authorization": f"Bearer {PLANNER_TOKEN}"}).status_code == 200


def test_every_route_answers_401_to_an_invalid_token():
    client = make_client(auth_failures_max=10_000, auth_token_failures_max=10_000)
    operations = every_operation(client.app)
    assert ("GET", "/health") in operations and ("POST", "/v1/import") in operations and ("GET", "/openapi.json") in operations
    for method, path in operations + [("GET", "/no/such/route")]:
        response = client.request(method, path, headers={"Authorization": "Bearer not-a-configured-token"})
        body = is_problem(response, 401)
        assert body["detail"] == "Unknown API token." and response.headers["www-authenticate"] == "Bearer", (method, path)


def test_the_token_is_compared_in_constant_time_with_every_configured_token(monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append(b)
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    client = make_client()
    assert client.get("/v1/metrics", headers={"Authorization": f"Bearer {PLANNER_TOKEN}"}).status_code == 200
    # the first entry matched, and the second was still compared: no early exit, no dict lookup
    assert calls == [PLANNER_TOKEN.encode(), ADMIN_TOKEN.encode()]


def test_repeated_bad_tokens_from_one_address_get_429_with_retry_after():
    client = make_client(auth_failures_max=3, auth_failure_window_s=60)
    for _ in range(5):  # the same mistyped token again and again (the dashboard's calls) is one guess
        is_problem(client.get("/v1/metrics", headers={"Authorization": "Bearer guess-000000000000"}), 401)
    for guess in ("guess-000000000001", "guess-000000000002"):
        is_problem(client.get("/v1/metrics", headers={"Authorization": f"Bearer {guess}"}), 401)
    limited = client.get("/v1/metrics", headers={"Authorization": "Bearer guess-000000000003"})
    is_problem(limited, 429)
    assert 1 <= int(limited.headers["retry-after"]) <= 61
    # the right token too: a hit must not look different from a miss while the address is locked out
    is_problem(client.get("/v1/metrics", headers={"Authorization": f"Bearer {PLANNER_TOKEN}"}), 429)
    assert client.get("/v1/metrics").status_code == 200  # no token: not a guess, not refused


def test_anonymous_callers_are_viewers_only_on_a_loopback_address():
    assert make_client(api_host="127.0.0.1").get("/v1/metrics").status_code == 200
    remote = make_client(api_host="0.0.0.0")
    body = is_problem(remote.get("/v1/metrics"), 401)
    assert "needs a token" in body["detail"]
    assert remote.get("/v1/metrics", headers={"Authorization": f"Bearer {PLANNER_TOKEN}"}).status_code == 200
    assert remote.get("/health").status_code == 200  # not under /v1: liveness, dashboard, Browser kit
    assert make_client(api_host="0.0.0.0", api_anonymous_viewers=True).get("/v1/metrics").status_code == 200
    is_problem(make_client(api_host="127.0.0.1", api_anonymous_viewers=False).get("/v1/metrics"), 401)


# -- hosts and headers ---------------------------------------------------------------------------


def test_a_foreign_host_header_is_refused():
    client = make_client(api_allowed_hosts="")  # the default: the loopback names
    body = is_problem(client.get("/health", headers={"Host": "rebind.evil.example"}), 400)
    assert "rebind.evil.example" in body["detail"] and "API_ALLOWED_HOSTS" in body["detail"]
    for host in ("127.0.0.1:8000", "localhost:8000", "127.0.0.1"):
        assert client.get("/health", headers={"Host": host}).status_code == 200
    assert Settings(api_host="10.1.2.3").allowed_hosts == ["127.0.0.1", "localhost", "10.1.2.3"]
    named = make_client(api_allowed_hosts="orgnet.example.org")
    assert named.get("/health", headers={"Host": "orgnet.example.org"}).status_code == 200
    is_problem(named.get("/health", headers={"Host": "127.0.0.1"}), 400)


def test_security_headers_on_every_kind_of_response():
    client = make_client()
    responses = {
        "health": client.get("/health"),
        "v1": client.get("/v1/metrics"),
        "v1 error": client.get("/v1/metrics", headers={"Authorization": "Bearer nope-nope-nope-nope"}),
        "not found": client.get("/v1/no-such-thing"),
        "dashboard": client.get("/"),
        "script": client.get("/static/app.js"),
        "kit": client.get("/browser-kit/orgnet.grass"),
    }
    for name, r in responses.items():
        assert r.headers["x-content-type-options"] == "nosniff", name
        assert r.headers["x-frame-options"] == "DENY", name
        assert r.headers["referrer-policy"] == "no-referrer", name
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], name
    for name in ("v1", "v1 error", "not found", "health"):
        assert responses[name].headers["cache-control"] == "no-store", name
    # the dashboard keeps its own policy: its scripts are local files
    assert "script-src 'self'" in responses["dashboard"].headers["content-security-policy"]
    assert responses["script"].headers["cache-control"] == "no-cache"
    assert responses["kit"].headers["access-control-allow-origin"] == "*"  # Neo4j Browser fetches it


# -- body limits ----------------------------------------------------------------------------------


def run_asgi(app, *, method: str, path: str, headers: dict[str, str], total: int, chunk: int = 65_536):
    """Send a ``total``-byte body in chunks straight to the ASGI app; return (status, body, bytes the
    app pulled through ``receive``): what the server read, whatever a client has buffered."""
    consumed = 0
    messages = []

    async def receive():
        nonlocal consumed
        if consumed >= total:
            return {"type": "http.disconnect"}
        size = min(chunk, total - consumed)
        consumed += size
        return {"type": "http.request", "body": b" " * size, "more_body": consumed < total}

    async def send(message):
        messages.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in {"host": "127.0.0.1:8000", **headers}.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    asyncio.run(app(scope, receive, send))
    start = next(m for m in messages if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return start["status"], json.loads(body), consumed


FIFTY_MB = 50 * MIB


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_50_mb_import_is_refused_without_reading_it(declared):
    app = make_client().app
    length = {"content-length": str(FIFTY_MB)} if declared else {}
    planner = {"authorization": f"Bearer {PLANNER_TOKEN}", "content-type": "application/json", **length}

    status, body, read = run_asgi(app, method="POST", path="/v1/import", headers=planner, total=FIFTY_MB)
    assert status == 413 and "orgnet import" in body["detail"]
    # a declared length is refused before reading; a chunked body when it crosses the limit
    assert read == 0 if declared else read <= 16 * MIB + 65_536

    # anonymous (a viewer): refused for its role before one byte is read, declared or not
    anonymous = {k: v for k, v in planner.items() if k != "authorization"}
    status, body, read = run_asgi(app, method="POST", path="/v1/import", headers=anonymous, total=FIFTY_MB)
    assert status == (413 if declared else 403) and read == 0

    # an unknown token: 401 before the body
    status, body, read = run_asgi(app, method="POST", path="/v1/import", headers={**planner, "authorization": "Bearer wrong-wrong-wrong-wrong"}, total=FIFTY_MB)
    assert status == 401 and read == 0


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_other_routes_take_at_most_max_body_bytes(declared):
    app = make_client().app
    headers = {"content-type": "application/json", **({"content-length": str(5 * MIB)} if declared else {})}
    status, body, read = run_asgi(app, method="POST", path="/v1/whatif", headers=headers, total=5 * MIB)
    assert status == 413 and "MAX_BODY_BYTES" in body["detail"]
    assert read <= MIB + 65_536


def test_a_bundle_with_too_many_records_is_413_naming_orgnet_import():
    client = make_client(import_max_records=5)
    bundle = {"format": "orgnet-bundle/1", "regions": [{"id": f"r{i}"} for i in range(4)], "households": [{"id": "h1"}, {"id": "h2"}]}
    body = is_problem(client.post("/v1/import", json=bundle, headers={"Authorization": f"Bearer {PLANNER_TOKEN}"}), 413)
    assert "6 records" in body["detail"] and "orgnet import" in body["detail"] and "IMPORT_MAX_RECORDS" in body["detail"]


def test_an_import_body_that_is_not_a_json_object_is_422():
    client = make_client()
    planner = {"Authorization": f"Bearer {PLANNER_TOKEN}", "content-type": "application/json"}
    is_problem(client.post("/v1/import", content=b"{not json", headers=planner), 422)
    is_problem(client.post("/v1/import", content=b"[1, 2]", headers=planner), 422)


def test_the_import_request_body_is_still_documented():
    spec = make_client().app.openapi()
    body = spec["paths"]["/v1/import"]["post"]["requestBody"]["content"]["application/json"]
    assert body["examples"]["bundle"]["value"]["format"] == "orgnet-bundle/1"
    assert "413" in spec["paths"]["/v1/import"]["post"]["responses"]


# -- Neo4j unreachable --------------------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_with_neo4j_unreachable_ready_is_a_problem_and_data_requests_fail_fast():
    """Nothing listens on the port: /ready is 503 problem+json (it was application/json holding the
    driver's repr), and once a request found Neo4j down the next ones get 503 with Retry-After at once."""
    settings = Settings(
        neo4j_uri=f"bolt://127.0.0.1:{free_port()}",
        neo4j_password="unused-password",
        api_allowed_hosts="testserver",
        neo4j_down_retry_s=30,
    )
    app = create_app(settings=settings)
    app.dependency_overrides[get_settings] = lambda: settings
    with TestClient(app) as client:
        first = client.get("/v1/regions/320321")  # finds it down (after the driver's retries)
        is_problem(first, 503)
        assert 1 <= int(first.headers["retry-after"]) <= 30
        ready = client.get("/ready")
        body = is_problem(ready, 503)
        assert body["detail"] == "Neo4j is not reachable." and body["neo4j"] == "unavailable"
        assert int(ready.headers["retry-after"]) >= 1
        # /ready found it down: data requests are not even tried
        region = client.get("/v1/regions/320321")
        body = is_problem(region, 503)
        assert "not reachable" in body["detail"] and 1 <= int(region.headers["retry-after"]) <= 30
        assert app.state.graph.health.known_down
