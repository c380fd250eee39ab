"""The OpenAPI document tells the truth: schemathesis runs every check on every operation.

The real app runs in process (ASGI) on the seeded demo database, once anonymous and once with
a planner token, a bounded number of generated cases per operation (``MAX_EXAMPLES`` in the
fuzzing phase, plus the examples and coverage phases, which generate a fixed set per operation:
declared examples, boundary values, missing and malformed parameters, undeclared methods).

POST /v1/import is the one operation that writes.  Anonymous, every case is refused (403 before
the bundle is read, 422 or 413 before that).  With the planner token a schema-valid generated
bundle could write random regions into the seed every later test reads, so its positive cases
are sent as a bundle that only re-declares records already in the seed (``REDECLARED``): the
positive-acceptance check then runs on a bundle the server must accept, and the seed stays as it
was (asserted after the run).  Its negative cases are sent as generated: a schema-violating
bundle is refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    allow_header_conformance,
    content_type_conformance,
    ensure_resource_availability,
    ignored_auth,
    missing_required_header,
    negative_data_rejection,
    object_level_authorization,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
    use_after_free,
)

from orgnet.api.routes.changes import _midnight
from orgnet.coverage.cursor import sign_cursor
from orgnet.coverage.gap_filters import REASON_CODES
from orgnet.coverage.service import encode_cursor
from orgnet.errors import InvalidInput
from orgnet.graph.stats import graph_stats
from orgnet.queries.library import library
from orgnet.settings import get_settings
from orgnet.sheets.sections import SECTIONS
from orgnet.writes import changes

# Every check schemathesis has (as `--checks all`), named so that a new release's additions
# show up as a deliberate change here rather than silently.
ALL_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    positive_data_acceptance,
    negative_data_rejection,
    missing_required_header,
    unsupported_method,
    allow_header_conformance,
    use_after_free,
    ensure_resource_availability,
    ignored_auth,
    object_level_authorization,
]
MAX_EXAMPLES = 10
CITY = "320300"
# schemathesis gives up on a response after 10 s; a city-wide suggestion or scorecard on a busy
# test machine can take longer, and the server's own limit is the query timeout (504)
TIMEOUT_S = 120
PLANNER_TOKEN = "conformance-planner"
PLANNER = {"Authorization": f"Bearer {PLANNER_TOKEN}"}
# A record copied from the seed as it is: importing it again changes nothing (and, a supervision
# counting towards no metric, recomputes no coverage summary).
REDECLARED = {
    "format": "orgnet-bundle/1",
    "supervisions": [{"cadre_id": "cadre-k-320302-01", "region_id": "320302-001", "since": "2020-02-05"}],
}

# A pairing of the seed: applying it again as a suggestion is a 409 (it exists), nothing written.
SEED_PAIRING = {"since": "2020-02-09", "pairings": [{"cadre_id": "cadre-c-01", "enterprise_id": "ent-0006"}]}

# The party-member roster's two header rows (Chinese headers, field names) and no row.
_ROSTER = SECTIONS["party_members"].columns
EMPTY_ROSTER = ",".join(c.header for c in _ROSTER) + "\n" + ",".join(c.field for c in _ROSTER) + "\n"

HYPOTHESIS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same cases on every run: `make test` is reproducible
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _document() -> dict:
    """The document as the app serves it (building it needs no database)."""
    from orgnet.api.main import create_app

    return create_app().openapi()


_CURSOR_KEY: list[bytes | None] = [None]

# Loaded when the module is imported (one pytest item per operation); the app that answers is
# the one on the seeded database (``seeded_app``), passed to every call.
schema = schemathesis.openapi.from_dict(_document())
if os.environ.get("ORGNET_CONFORMANCE_PATHS"):  # a regex of paths: a part of the document (while fixing it)
    schema = schema.include(path_regex=os.environ["ORGNET_CONFORMANCE_PATHS"])


@pytest.fixture
def seeded_app(xuzhou, settings):
    """The real app on the seed, knowing one planner token; the seed's counts must not change."""
    from orgnet.api.main import create_app

    s = settings.model_copy(update={"api_tokens": f"{PLANNER_TOKEN}:planner"})
    app = create_app(settings=s, graph=xuzhou)
    app.dependency_overrides[get_settings] = lambda: s
    _CURSOR_KEY[0] = s.effective_cursor_secret()  # the key the API signs and checks cursors with
    before = graph_stats(xuzhou)
    yield app
    assert graph_stats(xuzhou) == before, "the conformance run changed the seed"
    # the accepted re-import of REDECLARED is a write: it appends a change (and keeps its idempotency
    # key); the seed is restored to what every later test reads
    xuzhou.write("MATCH (n) WHERE n:Change OR n:IdempotencyKey DETACH DELETE n")


def _is_positive(case) -> bool:
    # a case without generation metadata is one of the document's own examples: schema-valid by
    # design (the import's example adds a community: left as it is it would write into the seed)
    # (the coverage phase mixes: a case of a positive mode may carry one negative component)
    if case.meta is None:
        return True
    return not case.meta.generation.mode.is_negative and not any(c.mode.is_negative for c in case.meta.components.values())


def _within_rules_no_schema_states(case) -> None:
    """Make a positive (schema-valid) case also satisfy the rules a JSON schema cannot state, so
    that the positive-acceptance check tests the parameters, not these rules.  Each rule has its
    own explicit test (below or in test_coverage_api.py) of what the API answers when broken."""
    label = f"{case.operation.method.upper()} {case.operation.path}"
    if case.headers and "Idempotency-Key" in case.headers:
        # generated cases repeat keys with other bodies, which is a 422 by design (tests/integration/test_writes.py)
        case.headers["Idempotency-Key"] = uuid.uuid4().hex
    if label == "POST /v1/import":
        # a generated valid bundle would write into the seed every later test reads
        case.body = REDECLARED
    elif (
        label in ("GET /v1/gaps/{metric}", "GET /v1/gaps/{metric}/export")
        and case.query
        and any(case.query.get(k) is not None for k in ("reason", "within", "q"))
    ):
        # `within` is a region under `region`, and a cursor belongs to its filter: each rule has its
        # own test in test_gap_filters.py (a reason code of another metric is a valid, empty filter:
        # test_conformance_cases.py)
        if case.query.get("cursor"):
            case.query.pop("reason", None)
        case.query.pop("within", None)
        if case.query.get("cursor"):
            case.query.pop("q", None)
    if label == "GET /v1/gaps/{metric}" and case.query and case.query.get("cursor"):
        # a cursor is valid only for the listing (metric, region, day) it was issued for
        case.query["cursor"] = encode_cursor(
            metric=case.path_parameters["metric"],
            region_id=case.query.get("region") or CITY,
            as_of=dt.date.fromisoformat(case.query["as_of"]) if case.query.get("as_of") else dt.date.today(),
            after=case.query["cursor"][:64],  # an id: at most 64 characters, so the cursor stays under its 512
            key=_CURSOR_KEY[0],
        )
    elif label == "POST /v1/records/{kind}":
        # a generated valid record would write into the seed; re-creating one of its records is a 409
        case.path_parameters["kind"] = "supervisions"
        case.body = REDECLARED["supervisions"][0]
    elif label in ("PUT /v1/records/{kind}/{record_id}", "POST /v1/records/{kind}/{record_id}/end", "POST /v1/records/{kind}/{record_id}/void"):
        # the document's examples name records of the seed: changing one would change what every later
        # test reads (its If-Match is a 412 at best); a record that does not exist is a 404, nothing written
        case.path_parameters["record_id"] = "no-such-record"
    elif label == "POST /v1/subscriptions" and isinstance(case.body, dict):
        # an account for the whole city names regions that exist (tests/integration/test_events.py)
        case.body["regions"] = [CITY]
    elif label in ("POST /v1/alert-rules", "PUT /v1/alert-rules/{rule_id}") and isinstance(case.body, dict) and case.body.get("metric"):
        # the rules between a rule's fields, each refused by its own test (tests/integration/test_events.py):
        # `below` one of threshold and threshold_ref, `fall` points or items, `new_gap` a reason code of the metric
        body, codes = case.body, REASON_CODES.get(case.body["metric"], ())
        body["region_id"] = "320321"  # a region that exists
        if body.get("kind") == "below" and (body.get("threshold") is None) == (body.get("threshold_ref") is None):
            body["threshold"], body["threshold_ref"] = 50.0, None
        if body.get("kind") == "fall" and body.get("points") is None and body.get("items") is None:
            body["points"] = 1.0
        if body.get("kind") == "new_gap":
            if codes:
                body["reason"] = body.get("reason") if body.get("reason") in codes else codes[0]
            else:
                body["kind"], body["points"] = "fall", 1.0
    elif label == "POST /v1/imports":
        # generated bytes are no spreadsheet (the document names the part `party_members.csv`): a roster
        # holding only its header rows is one, and writes nothing whatever the query asks
        # (tests/integration/test_sheets_import.py tests the refusals of files that are no roster)
        # as text: schemathesis revalidates a changed body and judges one holding bytes schema-violating
        case.body = {"file": EMPTY_ROSTER}
    elif label == "POST /v1/suggestions/enterprise_pairing/apply":
        case.body = SEED_PAIRING  # likewise: a pairing the seed has (a 409)
    elif label == "GET /v1/changes" and case.query and case.query.get("cursor"):
        # a cursor is valid only for the listing (its filters) it was issued for (tests/integration/test_writes.py
        # tests the refusals): a generated one is replaced by one signed for its filters
        q = case.query
        filters = {
            "region": q.get("region"),
            **{k: _midnight(dt.date.fromisoformat(q[k])) if q.get(k) else None for k in ("since", "until")},
            **{k: q.get(k) for k in ("account", "kind", "item")},
        }
        q["cursor"] = sign_cursor("changes", [changes.listing_key(**filters)], after="9999-12-31T00:00:00+00:00|z", key=_CURSOR_KEY[0])
    elif label == "GET /v1/coverage/{metric}/series" and case.query is not None:
        # `from` is on or before `to` and the period holds at most 1000 points (test_series.py
        # tests both refusals); one day given alone gets the other 30 days away unless it lies beyond
        # the seed's calendar on that side (a series of that one day: test_conformance_cases.py)
        q, day = case.query, dt.date.fromisoformat
        start = day(q["from"]) if q.get("from") else None
        end = day(q["to"]) if q.get("to") else None

        def later(d, days):  # d + days, or the last day of the calendar
            return d + dt.timedelta(days=days) if d <= dt.date.max - dt.timedelta(days=days) else dt.date.max

        if start and not end and start < dt.date(2021, 1, 1):
            end = later(start, 30)
        if end and not start and end > dt.date(2019, 1, 1):
            start = end - dt.timedelta(days=30)
        if start and end:
            start, end = min(start, end), max(start, end)
            end = min(end, later(start, 900))
            q["from"], q["to"] = start.isoformat(), end.isoformat()
    elif label == "POST /v1/queries/{namespace}/{name}" and isinstance(case.body, dict):
        # each query has its own parameters and bounds (GET /v1/queries/{namespace}/{name} lists them);
        # the names of the library's other queries are ignored (test_conformance_cases.py)
        key = f"{case.path_parameters['namespace']}/{case.path_parameters['name']}"
        query = library().get(key) if key in library() else None
        declared = {p.name for p in query.params} if query else set()
        case.body = {k: v for k, v in case.body.items() if k not in declared or _binds(query, k, v)}


def _binds(query, name, value) -> bool:
    try:
        query.bind({name: value})
    except InvalidInput:
        return False
    return True


@schema.parametrize()
@HYPOTHESIS
def test_anonymous(case, seeded_app):
    if _is_positive(case):
        _within_rules_no_schema_states(case)
    case.call_and_validate(app=seeded_app, checks=ALL_CHECKS, timeout=TIMEOUT_S)


def _writes(case) -> bool:
    """Whether the case is an import the server would accept: a bundle that parses writes.
    (The per-record writes need ids of the seed, which generated cases do not hit.)"""
    from orgnet.graph.validate import parse_bundle

    if f"{case.operation.method.upper()} {case.operation.path}" != "POST /v1/import":
        return False
    try:
        parse_bundle(case.body)
    except Exception:  # noqa: BLE001 - refused whole: nothing would be written
        return False
    return True


@schema.parametrize()
@HYPOTHESIS
def test_planner(case, seeded_app):
    if _is_positive(case):
        _within_rules_no_schema_states(case)
    elif _writes(case):
        # a generated "negative" case that is still a valid bundle would write into the shared seed
        case.body = REDECLARED
    case.call_and_validate(app=seeded_app, headers=PLANNER, checks=ALL_CHECKS, timeout=TIMEOUT_S)


@pytest.mark.parametrize("as_of", ["0", "20200331", "2020-02-30", "2020-03-31T00:00:00", "1585612800"])
def test_a_day_that_is_not_yyyy_mm_dd_is_refused(xuzhou, api_client, as_of):
    # before: `as_of=0` was 1970-01-01 (pydantic reads a number as a Unix time) and answered 200
    for url in (f"/v1/coverage/party_org_presence?as_of={as_of}", f"/v1/gaps/party_org_presence/export?as_of={as_of}"):
        response = api_client.get(url)
        assert response.status_code == 422, url
        assert response.json()["errors"][0]["field"] == "query.as_of"
    response = api_client.get(f"/v1/coverage/party_org_presence/compare?before={as_of}&after=2020-03-31")
    assert response.status_code == 422
