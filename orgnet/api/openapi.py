"""The one place that completes FastAPI's OpenAPI document so that it tells the truth.

FastAPI documents what the route decorators say.  What every route shares is added here,
once, instead of in each decorator:

- errors are RFC 9457 problem details (``application/problem+json``, schema ``ProblemDetails``),
  declared with the statuses each operation can really answer: 401 (unknown token) everywhere;
  400 (not JSON) where there is a body, 422 where there are parameters or a body; 404 where a path or ``region`` names something;
  403 and 413 on the import; 429, 503 (with ``Retry-After``) and 504 wherever the database is read
  or written;
- the ``Authorization`` header is an optional bearer security scheme (no token: viewer; what
  needs more answers 403);
- parameters that take a fixed set say so (``metric``: the metric names; the query library's
  namespaces and names);
- the import body is the bundle model's own JSON schema (what ``parse_bundle`` accepts);
- every tag has a description (:data:`TAGS`), and the gap lists and their exports sit under
  ``gaps``, not ``coverage``;
- a parameter's first example becomes its ``example``, which Swagger UI's "Try it out" fills in;
  the examples of one operation fit together (a ``within`` under the example ``region``), so they
  run as they are.

``tests/integration/test_openapi_conformance.py`` runs schemathesis with every check against this
document and the real app.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts

from orgnet.api.deps import get_graph

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_REF = {"$ref": "#/components/schemas/ProblemDetails"}
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "ProblemDetails",
    "description": "RFC 9457 problem details: every error orgnet answers.",
    "type": "object",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "description": "URI naming the kind of problem"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string", "description": "What went wrong, for a person"},
        "instance": {"type": "string", "description": "The request path"},
        "errors": {
            "type": "array",
            "description": "Each invalid field (or bundle record) with the reason",
            "items": {"type": "object", "additionalProperties": True},
        },
        "written": {
            "type": "string",
            "enum": ["no", "unknown"],
            "description": "A write Neo4j stopped (503, 504): `no` (rolled back), `unknown` (its COMMIT got no answer)",
        },
        "retry_safe": {"type": "boolean", "description": "A stopped write: whether sending the same request again cannot write it twice"},
    },
}
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before trying again (when the server says)", "schema": {"type": "integer", "minimum": 1}}}
PROBLEMS: dict[int, str] = {
    400: "The body is not JSON",
    401: "Unknown API token",
    403: "The token's role may not do this",
    404: "Unknown id or name",
    413: "Body or bundle larger than the configured limit; nothing was read whole",
    422: "Malformed parameter or body; `errors` names each field",
    429: "Too many requests; try again after `Retry-After` seconds",
    503: "Database unavailable, or the server is busy with this kind of work (`Retry-After`)",
    504: "The query ran out of time",
}
BEARER = "bearerAuth"
TAGS: list[dict[str, str]] = [
    {
        "name": "alerts",
        "description": "Alert rules on a region's coverage (below a threshold, a fall, a new gap with a reason), the alerts they open "
        "(open → acknowledged → resolved), and subscriptions that deliver them: signed webhooks and e-mail.",
    },
    {
        "name": "events",
        "description": "The live stream of changes and alerts in the caller's scope (Server-Sent Events, `Last-Event-ID` resume), "
        "saying which regions, metrics and days each change touched.",
    },
    {
        "name": "coverage",
        "description": "Covered / total / ratio of a metric for a region and its children, compared between two days; "
        "one item's check; scorecards; where the gaps are (hotspots); the metrics and the active policy.",
    },
    {
        "name": "gaps",
        "description": "The uncovered items themselves: one page at a time with signed keyset cursors, filtered by reason, "
        "sub-region and text with totals and facets, and exported whole as CSV or Excel in English or Chinese.",
    },
    {"name": "regions", "description": "The administrative tree: city → county → town → village, with paths and counts."},
    {
        "name": "what-if and suggestions",
        "description": "What becomes uncovered when people or teams are unavailable; pairings that would close enterprise gaps.",
    },
    {
        "name": "records",
        "description": "Per-record writes (planner role): create, end (`until`), void with a reason, replace; `Idempotency-Key` and `If-Match`.",
    },
    {"name": "changes", "description": "The append-only audit trail: one change per write, whatever path it took."},
    {"name": "accounts", "description": "Accounts with a role and scope regions (admin for the whole city): create, list, rotate, revoke."},
    {
        "name": "field",
        "description": "The field app (/m/): planners enrol a person's phone with a one-time code; the phone reads its own work and record "
        "and writes frontline record entries for itself (`Idempotency-Key` required).",
    },
    {"name": "people", "description": "Cadres, party members and medical workers found by id, or by name for planners and admins."},
    {"name": "queries", "description": "The named Cypher query library (also in Neo4j Browser's guide), run with parameters in READ transactions."},
    {"name": "import", "description": "Validate and load a bundle; an invalid bundle is refused whole."},
    {
        "name": "spreadsheets",
        "description": "Templates to fill, exports in the same shape, and spreadsheet imports: a dry run pointing at each refused cell, then one atomic commit.",
    },
    {
        "name": "exchange",
        "description": "The aggregate exchange between instances: receive a province's or city's coverage summaries (counts only) "
        "and see what came from whom and when.",
    },
    {"name": "stats", "description": "Node counts per label and relationship counts per type."},
    {"name": "health", "description": "Liveness and readiness (database reachable, summaries fresh)."},
    {"name": "browser-kit", "description": "The Neo4j Browser kit: style sheet and guide."},
]
GAPS_PATH_PREFIX = "/v1/gaps/"
IMPORT = ("post", "/v1/import")


def install_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` return the completed document (built once, then cached)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = complete(build(), routes=list(iter_route_contexts(app.routes)))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def complete(doc: dict[str, Any], *, routes: list[RouteContext]) -> dict[str, Any]:
    """``doc`` completed in place (and returned): see the module docstring."""
    uses_database = {(m.lower(), r.path_format) for r in routes if _depends_on(r.original_route, get_graph) for m in r.methods or ()}
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["ProblemDetails"] = PROBLEM_SCHEMA
    components["securitySchemes"] = {
        BEARER: {"type": "http", "scheme": "bearer", "description": "A token from `API_TOKENS`; without one the caller is a viewer."}
    }
    for path, operations in doc.get("paths", {}).items():
        for method, op in operations.items():
            key = (method, path)
            op["parameters"] = [p for p in op.get("parameters", []) if not _is_authorization(p)]
            if not op["parameters"]:
                del op["parameters"]
                if "requestBody" not in op:
                    # FastAPI declared its 422 for the Authorization header alone (GET /v1/me): nothing to refuse
                    op.get("responses", {}).pop("422", None)
            # no token is a viewer, not an unauthenticated caller: what needs more answers 403
            op["security"] = [{}, {BEARER: []}]
            _constrain_parameters(op)
            _fill_examples(op)
            if path.startswith(GAPS_PATH_PREFIX):
                op["tags"] = ["gaps"]
            if key == IMPORT:
                _bundle_body(op, schemas)
            for status in _problem_statuses(op, path=path, database=key in uses_database, key=key):
                _declare_problem(op, status)
    for unused in ("HTTPValidationError", "ValidationError"):
        if unused not in _refs(doc["paths"]):
            schemas.pop(unused, None)
    return doc


def _problem_statuses(op: dict[str, Any], *, path: str, database: bool, key: tuple[str, str]) -> list[int]:
    params = op.get("parameters", [])
    statuses = [401]
    if "requestBody" in op:
        statuses.append(400)
    if params or "requestBody" in op:
        statuses.append(422)
    if "{" in path or any(p["name"] == "region" for p in params):
        statuses.append(404)
    if key == IMPORT:
        statuses += [403, 413]
    if database:
        statuses += [429, 503, 504]
    return statuses


def _declare_problem(op: dict[str, Any], status: int) -> None:
    responses = op.setdefault("responses", {})
    response = responses.setdefault(str(status), {"description": PROBLEMS[status]})
    content = response.get("content", {})
    # FastAPI's own 422 (`HTTPValidationError` as application/json) is not what the app answers
    content = {k: v for k, v in content.items() if not (status == 422 and k == "application/json")}
    content[PROBLEM_MEDIA_TYPE] = {"schema": PROBLEM_REF}
    response["content"] = content
    if status in (429, 503):
        response.setdefault("headers", {}).update(RETRY_AFTER)


def _constrain_parameters(op: dict[str, Any]) -> None:
    from orgnet.coverage.metrics import METRIC_NAMES
    from orgnet.queries.library import library

    queries = list(library())
    fixed = {
        "metric": list(METRIC_NAMES),
        "namespace": sorted({q.namespace for q in queries}),
        "name": sorted({q.name for q in queries}),
    }
    for p in op.get("parameters", []):
        if p["in"] == "path" and p["name"] in fixed:
            schema = p["schema"]
            for loose in ("maxLength", "pattern"):
                schema.pop(loose, None)
            schema["enum"] = fixed[p["name"]]


def _fill_examples(op: dict[str, Any]) -> None:
    """A parameter's first schema example as its ``example`` (what Swagger UI fills in)."""
    for p in op.get("parameters", []):
        examples = p.get("schema", {}).get("examples") or p.get("examples")
        if "example" not in p and isinstance(examples, list) and examples:
            p["example"] = examples[0]


def _bundle_body(op: dict[str, Any], schemas: dict[str, Any]) -> None:
    """The import body is a bundle: the model's JSON schema, its definitions among the components."""
    from orgnet.graph.model import Bundle

    bundle = Bundle.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in bundle.pop("$defs", {}).items():
        schemas.setdefault(name, definition)
    schemas["Bundle"] = bundle
    body = op["requestBody"]["content"]["application/json"]
    examples = body.get("schema", {}).get("examples") or []
    body["schema"] = {"$ref": "#/components/schemas/Bundle"}
    if examples:
        body["example"] = examples[0]


def _depends_on(route: Any, call: Any) -> bool:
    if not isinstance(route, APIRoute):
        return False
    pending = [route.dependant]
    while pending:
        dependant = pending.pop()
        if dependant.call is call:
            return True
        pending.extend(dependant.dependencies)
    return False


def _is_authorization(param: dict[str, Any]) -> bool:
    return param.get("in") == "header" and param.get("name", "").lower() == "authorization"


def _refs(node: Any) -> set[str]:
    """Names of the component schemas ``node`` refers to."""
    found: set[str] = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[-1])
        for value in node.values():
            found |= _refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= _refs(value)
    return found
