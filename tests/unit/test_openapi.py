"""The OpenAPI document and the answers schemathesis checks against it, where no database is needed.

The full conformance run (every operation, every check) is tests/integration/test_openapi_conformance.py.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from orgnet.api.main import create_app
from orgnet.coverage.metrics import METRIC_NAMES

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}


@pytest.fixture(scope="module")
def doc() -> dict:
    return create_app().openapi()


@pytest.fixture(scope="module")
def client() -> TestClient:
    # no `with`: the lifespan (which opens Neo4j) does not run; these requests never reach a handler
    # an allowed Host (API_ALLOWED_HOSTS defaults to the loopback names; TestClient's is `testserver`)
    return TestClient(create_app(), base_url="http://127.0.0.1")


def operations(doc):
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            yield f"{method.upper()} {path}", op


def test_every_operation_declares_problem_details_for_an_unknown_token(doc):
    for label, op in operations(doc):
        assert op["responses"]["401"]["content"] == PROBLEM, label
        assert op["security"] == [{}, {"bearerAuth": []}], label
        assert not any(p["in"] == "header" and p["name"].lower() == "authorization" for p in op.get("parameters", [])), label


def test_validation_errors_are_declared_as_problem_details_not_fastapis_default(doc):
    for label, op in operations(doc):
        if op.get("parameters") or "requestBody" in op:
            assert op["responses"]["422"]["content"] == PROBLEM, label
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    assert doc["components"]["schemas"]["ProblemDetails"]["required"] == ["type", "title", "status", "detail", "instance"]


def test_limits_and_busy_answers_are_declared_where_they_apply(doc):
    ops = dict(operations(doc))
    imp = ops["POST /v1/import"]["responses"]
    assert {"400", "403", "413", "422", "429", "503", "504"} <= set(imp)
    assert "Retry-After" in imp["429"]["headers"] and "Retry-After" in imp["503"]["headers"]
    assert {"429", "503", "504"} <= set(ops["GET /v1/gaps/{metric}/export"]["responses"])
    # no database behind these: nothing to time out
    assert "504" not in ops["GET /v1/metrics"]["responses"] and "504" not in ops["GET /health"]["responses"]
    # /ready says why it is not ready as problem details with its checks as extension members
    assert "application/problem+json" in ops["GET /ready"]["responses"]["503"]["content"]


def test_fixed_sets_are_enums_and_the_import_body_is_a_bundle(doc):
    ops = dict(operations(doc))
    metric = next(p for p in ops["GET /v1/coverage/{metric}"]["parameters"] if p["name"] == "metric")
    assert metric["schema"]["enum"] == list(METRIC_NAMES)
    level = next(p for p in ops["GET /v1/hotspots/{metric}"]["parameters"] if p["name"] == "level")
    assert {"enum": ["county", "town", "village"], "type": "string"} in level["schema"]["anyOf"]
    body = ops["POST /v1/import"]["requestBody"]["content"]["application/json"]
    assert body["schema"] == {"$ref": "#/components/schemas/Bundle"}
    assert "regions" in doc["components"]["schemas"]["Bundle"]["properties"]


def test_export_declares_its_file_types(doc):
    content = dict(operations(doc))["GET /v1/gaps/{metric}/export"]["responses"]["200"]["content"]
    assert set(content) == {"text/csv; charset=utf-8", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("TRACE", "/health", "GET"),
        ("DELETE", "/v1/regions/320321", "GET"),
        # two routes on one path: Starlette's own 405 named only the first (GET)
        ("PUT", "/v1/queries/gaps/party_org_presence", "GET, POST"),
        ("PATCH", "/browser-kit/guide.html", "GET, OPTIONS"),
        ("POST", "/static/app.js", "GET"),
    ],
)
def test_an_undeclared_method_is_405_problem_details_with_allow(client, method, path, allow):
    # before: 405 without `Allow` (the problem handler dropped the exception's headers)
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["allow"] == allow
    assert response.json()["status"] == 405


# ------------------------------------------------------------------ docs offline (issue 14)


def test_docs_and_redoc_load_nothing_from_outside(client):
    """/docs and /redoc were blank offline: they loaded Swagger UI and ReDoc from a CDN."""
    import re

    for page in ("/docs", "/redoc"):
        res = client.get(page)
        assert res.status_code == 200, page
        urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url\(([^)]+)\)|['"](https?://[^'"]+)['"]""", res.text)
        found = [u for group in urls for u in group if u]
        assert found, page
        for url in found:
            assert url.startswith("/"), (page, url)  # served by this API, nothing from elsewhere
            if url.endswith((".js", ".css")):
                asset = client.get(url)
                assert asset.status_code == 200 and len(asset.content) > 10_000, url
        assert "validator.swagger.io" not in res.text and "fonts.googleapis" not in res.text


def test_tags_are_described_and_gaps_have_their_own(doc):
    described = {t["name"]: t.get("description") for t in doc["tags"]}
    used = {tag for _, op in operations(doc) for tag in op.get("tags", [])}
    assert used <= set(described) and all(described[t] for t in used)
    assert doc["paths"]["/v1/gaps/{metric}"]["get"]["tags"] == ["gaps"]
    assert doc["paths"]["/v1/gaps/{metric}/export"]["get"]["tags"] == ["gaps"]


def test_try_it_out_fills_the_examples_in_and_they_fit_together(doc):
    params = {p["name"]: p for p in doc["paths"]["/v1/gaps/{metric}"]["get"]["parameters"]}
    assert params["metric"]["schema"]["enum"] == list(METRIC_NAMES) and params["metric"]["example"] in METRIC_NAMES
    assert params["region"]["example"] == "320321" and params["within"]["example"].startswith("320321-")
    for label, op in operations(doc):
        for p in op.get("parameters", []):
            examples = p.get("schema", {}).get("examples")
            if examples:
                assert p["example"] == examples[0], (label, p["name"])
    level = {p["name"]: p for p in doc["paths"]["/v1/hotspots/{metric}"]["get"]["parameters"]}["level"]
    assert "village" in str(level["schema"])
