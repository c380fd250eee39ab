"""Regression cases of the schemathesis run (issue 20 §5): each a request the OpenAPI document
declares valid that the code refused, or one it declares invalid that the code accepted.

tests/integration/test_openapi_conformance.py runs schemathesis on every operation; these are the
cases it found, kept as plain tests so that each stays answered the same way whatever the
generator happens to try."""

from __future__ import annotations


def test_a_long_accept_header_is_content_negotiation_not_a_parameter(xuzhou, api_client):
    # before: `accept` was a declared header parameter with maxLength 1000, and schemathesis sent a
    # longer one that was refused with 422 while the document's own definition of it is ignored
    # (OpenAPI: a header parameter named Accept is ignored)
    long_accept = "application/json, " + ", ".join(f"application/x-type-{i}" for i in range(200))
    assert len(long_accept) > 1000
    r = api_client.get("/v1/events", headers={"Accept": long_accept})
    assert r.status_code == 200, r.text[:300]
    operation = api_client.get("/openapi.json").json()["paths"]["/v1/events"]["get"]
    assert not [p for p in operation.get("parameters", []) if p["in"] == "header" and p["name"].lower() == "accept"]
