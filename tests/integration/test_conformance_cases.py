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


def test_the_exchange_checks_the_role_before_it_reads_the_body(xuzhou, api_client):
    # before: an anonymous caller's invalid JSON was read (up to 16 MiB), parsed and answered 422
    for body in (b"{not json", b"[]", b'{"format": "orgnet-exchange"}'):
        r = api_client.post("/v1/exchange", content=body, headers={"Content-Type": "application/json"})
        assert r.status_code in (401, 403), (body, r.status_code)


def test_json_nested_deeper_than_the_parser_goes_is_422(xuzhou, settings, monkeypatch, api_client):
    # before: RecursionError from json.loads, a 500, on the admin's POST /v1/import
    monkeypatch.setattr(settings, "api_tokens", "nest-admin-token-0001:admin")
    deep = b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    for path in ("/v1/import", "/v1/exchange"):
        r = api_client.post(path, content=deep, headers={"Authorization": "Bearer nest-admin-token-0001", "Content-Type": "application/json"})
        assert r.status_code == 422, (path, r.status_code, r.text[:200])
        assert r.json()["errors"][0]["field"] == "body"


def test_a_recognition_day_that_is_not_a_date_is_422(xuzhou, api_client):
    # before: the string reached Cypher's date() and failed there, a 500
    for value in ("x' OR 1=1 --", "2020-13-45", "yesterday"):
        r = api_client.post("/v1/queries/gaps/frontline_recognition", json={"region": "320300", "recognition_since": value, "limit": 1})
        assert r.status_code == 422, (value, r.status_code, r.text[:200])
        assert r.json()["errors"][0]["field"] == "recognition_since"
    assert (
        api_client.post("/v1/queries/gaps/frontline_recognition", json={"region": "320300", "recognition_since": "2020-01-20", "limit": 1}).status_code == 200
    )


def test_a_reason_code_is_one_the_document_lists_and_another_metrics_matches_nothing(xuzhou, api_client):
    # before: `reason=_` matched the document's pattern ^[a-z_]+$ and was refused (422) by the code;
    # now the document lists the codes, and a code of another metric is a valid, empty filter
    for path in ("/v1/gaps/household_linkage", "/v1/gaps/household_linkage/export"):
        assert api_client.get(path, params={"reason": "_"}).status_code == 422
        foreign = api_client.get(path, params={"reason": "no_payment", "region": "320321"})
        assert foreign.status_code == 200, foreign.text[:300]
    assert api_client.get("/v1/gaps/household_linkage", params={"reason": "no_payment", "region": "320321"}).json()["total"] == 0
    parameter = next(p for p in api_client.get("/openapi.json").json()["paths"]["/v1/gaps/{metric}"]["get"]["parameters"] if p["name"] == "reason")
    assert "never_linked" in str(parameter["schema"]) and "pattern" not in str(parameter["schema"])


def test_hotspots_at_a_level_not_below_the_region_are_an_empty_list(xuzhou, api_client):
    # before: 422 for `level=county` within a county (and a village's default), which the document declared valid
    for params in ({"region": "320321", "level": "county"}, {"region": "320321-004", "level": "town"}, {"region": "320321-004-001"}):
        r = api_client.get("/v1/hotspots/cadre_load", params=params)
        assert r.status_code == 200, (params, r.text[:300])
        assert r.json()["items"] == []
    assert api_client.get("/v1/hotspots/cadre_load", params={"level": "city"}).status_code == 422  # not a level the document lists


def test_the_documents_own_record_examples_are_answered_by_the_demo_seed(xuzhou, settings, monkeypatch, api_client):
    # before: the examples named c-1 and e-1, ids of no seed: the document's own examples were refused
    monkeypatch.setattr(settings, "api_tokens", "examples-planner-0001:planner")
    planner = {"Authorization": "Bearer examples-planner-0001"}
    paths = api_client.get("/openapi.json").json()["paths"]

    def example(path: str, method: str, name: str) -> str:
        (param,) = [p for p in paths[path][method]["parameters"] if p["name"] == name]
        return param.get("example") or next(iter(param["examples"].values()))["value"]

    kind = example("/v1/records/{kind}/{record_id}", "get", "kind")
    record_id = example("/v1/records/{kind}/{record_id}", "get", "record_id")
    assert api_client.get(f"/v1/records/{kind}/{record_id}", headers=planner).status_code == 200, (kind, record_id)
    item = example("/v1/records", "get", "item")
    assert api_client.get("/v1/records", params={"item": item}, headers=planner).status_code == 200, item
    kind, item = example("/v1/records/{kind}/{record_id}", "put", "kind"), example("/v1/records/{kind}/{record_id}", "put", "record_id")
    current = api_client.get(f"/v1/records/{kind}/{item}", headers=planner)
    assert current.status_code == 200, (kind, item)
    shown = paths["/v1/records/{kind}/{record_id}"]["put"]["requestBody"]["content"]["application/json"]["schema"]["examples"][0]
    assert {k: current.json()["record"].get(k) for k in shown} == shown  # the example restates the item as it is


def test_q_is_measured_as_sent_then_cleaned(xuzhou, api_client):
    # before: the length limits were checked on the cleaned text: a lone control character (a valid
    # `q` of length 1) became "" and was refused; 101 characters with one control character (an
    # invalid `q`) became 100 and were accepted, astral characters or not
    for path, top in (("/v1/gaps/household_linkage", 100), ("/v1/gaps/household_linkage/export", 100), ("/v1/regions", 64)):
        params = {"region": "320321"} if "gaps" in path else {}
        assert api_client.get(path, params={**params, "q": "\x01"}).status_code == 200, path
        too_long = "\U0001f600" * (top - 1) + "\x01\x02"
        assert api_client.get(path, params={**params, "q": too_long}).status_code == 422, path
        assert api_client.get(path, params={**params, "q": "\U0001f600" * top}).status_code == 200, path


def test_one_end_of_a_series_alone_beyond_the_calendar_is_a_series_of_that_day(xuzhou, api_client):
    # before: `from` alone after the calendar's last day was "from is after to", a 422 for a request
    # the document declares valid (and likewise `to` alone before its first day)
    for params, day in (({"from": "2031-05-01"}, "2031-05-01"), ({"to": "1999-01-01"}, "1999-01-01")):
        r = api_client.get("/v1/coverage/household_linkage/series", params={"region": "320321", **params})
        assert r.status_code == 200, (params, r.text[:300])
        assert [p["day"] for p in r.json()["points"]] == [day]


def test_a_changes_cursor_has_the_form_the_document_gives_it(xuzhou, settings, monkeypatch, api_client):
    # before: any string up to 2000 characters was a valid cursor by the document, and refused (422) by the code
    from orgnet.api.routes.changes import _midnight  # noqa: F401 - the route's own day bounds
    from orgnet.coverage.cursor import sign_cursor
    from orgnet.writes import changes

    monkeypatch.setattr(settings, "api_tokens", "cursor-planner-0001:planner")
    planner = {"Authorization": "Bearer cursor-planner-0001"}
    (param,) = [p for p in api_client.get("/openapi.json").json()["paths"]["/v1/changes"]["get"]["parameters"] if p["name"] == "cursor"]
    assert param["schema"].get("pattern") or any(s.get("pattern") for s in param["schema"].get("anyOf", []))
    assert api_client.get("/v1/changes", params={"cursor": "garbage!"}, headers=planner).status_code == 422
    filters = {"region": None, "since": None, "until": None, "account": None, "kind": "pairings", "item": None}
    valid = sign_cursor("changes", [changes.listing_key(**filters)], after="9999-12-31T00:00:00+00:00|z", key=settings.effective_cursor_secret())
    assert api_client.get("/v1/changes", params={"kind": "pairings", "cursor": valid}, headers=planner).status_code == 200


def test_a_library_query_ignores_the_parameters_of_the_librarys_other_queries(xuzhou, api_client):
    # before: the body was documented as any object, and a name this query does not declare was a 422
    run = api_client.post("/v1/queries/gaps/party_org_presence", json={"region": "320321", "limit": 2, "recognition_since": "2020-01-20"})
    assert run.status_code == 200, run.text[:300]
    assert run.json()["ignored"] == ["recognition_since"] and run.json()["row_count"] == 2
    # a name no query has is refused, as the document now says (additionalProperties: false)
    assert api_client.post("/v1/queries/gaps/party_org_presence", json={"region": "320321", "colour": "red"}).status_code == 422
    body = api_client.get("/openapi.json").json()["paths"]["/v1/queries/{namespace}/{name}"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    assert schema["additionalProperties"] is False and {"region", "limit", "recognition_since"} <= set(schema["properties"])
    assert api_client.post("/v1/queries/gaps/party_org_presence").status_code == 200  # no body: the defaults


def test_alert_rules_subscriptions_and_event_ids_are_checked_as_the_document_states(xuzhou, settings, monkeypatch, api_client):
    # before (schemathesis on main): `enabled: 0` accepted as false (the document says boolean);
    # `email: ""` on an e-mail subscription and `Last-Event-ID: null` refused though the document allowed them
    monkeypatch.setattr(settings, "api_tokens", "events-planner-0001:planner")
    planner = {"Authorization": "Bearer events-planner-0001"}
    rule = {"name": "r", "region_id": "320321", "metric": "household_linkage", "kind": "fall", "points": 1}
    for bad in ({"enabled": 0}, {"as_of": 0}, {"points": "1"}, {"metric": "nope"}):
        r = api_client.post("/v1/alert-rules", json={**rule, **bad}, headers=planner)
        assert r.status_code == 422, (bad, r.status_code)
    assert api_client.post("/v1/subscriptions", json={"channel": "email", "email": ""}, headers=planner).status_code == 422
    assert api_client.get("/v1/events", headers={**planner, "Last-Event-ID": "null"}).status_code == 422
    document = api_client.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert schemas["SubscriptionIn"]["properties"]["email"]["anyOf"][0]["pattern"]
    assert "enum" in str(schemas["RuleIn"]["properties"]["metric"])
    (last,) = [p for p in document["paths"]["/v1/events"]["get"]["parameters"] if p["name"] == "Last-Event-ID"]
    assert "pattern" in str(last["schema"])
