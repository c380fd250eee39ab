"""Per-record writes (planner role): create, end (assignments), void (with a reason), replace (items),
and the applied pairing suggestions.  All go through :mod:`orgnet.writes.workflow`.

Every write checks the caller's scope on every region the record belongs to (404 outside, nothing
written), takes ``Idempotency-Key`` on POST (a repeat replays the first answer) and ``If-Match``
(the version ``GET`` sent as ``ETag``; another version: 412 with the current one)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Header, Path, Query, Request
from fastapi.responses import JSONResponse

from orgnet.api.deps import Caller, GraphDep, PlannerDep, PolicyDep
from orgnet.api.scope import regions_outside_scope, require_in_scope
from orgnet.errors import InvalidInput, NotFound
from orgnet.graph.db import Graph
from orgnet.writes import workflow
from orgnet.writes.idempotency import KEY_PATTERN, MAX_KEY_LENGTH, check_key, fingerprint, scoped_key
from orgnet.writes.records import KINDS, assignments_of_item, get_kind, read_record

router = APIRouter(prefix="/v1", tags=["records"])

KindName = Literal[tuple(KINDS)]  # type: ignore[valid-type]  # an enum in the schema
KindP = Annotated[KindName, Path(description="Record kind (a bundle section)", examples=["pairings"])]
RecordIdP = Annotated[
    str,
    Path(description="An item's id, or an assignment's `<start id>~<end id>~<since>`", examples=["cadre-c-01~ent-0006~2020-02-09"], max_length=200),
]
# the PUT replaces an item (not an assignment): its own examples, of the demo seed as all the document's
ItemKindP = Annotated[KindName, Path(description="Item kind (a bundle section)", examples=["enterprises"])]
ItemIdP = Annotated[str, Path(description="The item's id", examples=["ent-0006"], max_length=200)]
IdempotencyKeyH = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        pattern=KEY_PATTERN,
        max_length=MAX_KEY_LENGTH,
        description="Repeat a POST safely: the same key and body replay the first answer (visible ASCII, 1 to 200)",
    ),
]
IfMatchH = Annotated[str | None, Header(alias="If-Match", max_length=100, description="The record's version (its ETag): 412 if it changed since")]
WRITE_ERRORS = {
    403: {"description": "Needs the planner role"},
    404: {"description": "Unknown kind or record, or outside the caller's scope; nothing written"},
    409: {"description": "The record exists already, is void, or has ended already"},
    412: {"description": "If-Match names another version; the body and ETag carry the current one"},
    422: {"description": "Invalid record (field-level `errors`, as for a bundle), or an Idempotency-Key reused with another body"},
}
# ids of the demo seed (`make run`), so that the document's own examples are requests the demo answers
RECORD_EXAMPLE = {"cadre_id": "cadre-c-01", "enterprise_id": "ent-0006", "since": "2020-03-01"}


def body_schema(schema: dict[str, Any], example: Any) -> dict[str, Any]:
    """The documented body of a route that reads it as a plain object (its own validation answers
    with the bundle's field-level errors, which a pydantic body model would not)."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema, "example": example}}}}


def only_fields(body: dict[str, Any], *fields: str) -> None:
    """Refuse a plain-object body holding a field its document does not declare
    (``additionalProperties: false``): a misspelt field is refused, not silently dropped.

    >>> only_fields({"until": "2020-03-31"}, "until")
    >>> only_fields({"untill": "2020-03-31"}, "until")
    Traceback (most recent call last):
    ...
    orgnet.errors.InvalidInput: Unknown field 'untill': the body has `until`.
    """
    unknown = sorted(set(body) - set(fields))
    if unknown:
        raise InvalidInput(
            f"Unknown field{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}: the body has {' and '.join(f'`{f}`' for f in fields)}.",
            errors=[{"field": f"body.{name}", "reason": "unknown field"} for name in unknown],
        )


DAY = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
END_BODY = body_schema({"type": "object", "required": ["until"], "additionalProperties": False, "properties": {"until": DAY}}, {"until": "2020-03-31"})
VOID_BODY = body_schema(
    {
        "type": "object",
        "required": ["reason"],
        "additionalProperties": False,
        "properties": {"reason": {"type": "string", "minLength": 1, "maxLength": 500, "pattern": r"\S"}},
    },
    {"reason": "entered twice"},
)
ID = {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[A-Za-z0-9_.:\\-]+$"}
APPLY_BODY = body_schema(
    {
        "type": "object",
        "required": ["since", "pairings"],
        "additionalProperties": False,
        "properties": {
            "since": DAY,
            "pairings": {
                "type": "array",
                "minItems": 1,
                "maxItems": 1000,
                "items": {
                    "type": "object",
                    "required": ["cadre_id", "enterprise_id"],
                    "additionalProperties": False,
                    "properties": {"cadre_id": ID, "enterprise_id": ID},
                },
            },
        },
    },
    {"since": "2020-03-01", "pairings": [{"cadre_id": "cadre-c-01", "enterprise_id": "ent-0006"}]},
)


def scope_check(graph: Graph, caller: Caller) -> workflow.ScopeCheck:
    """Every region must be in the caller's scope; a record in no region is writable only unscoped."""

    def check(region_ids: list[str]) -> None:
        if caller.scope is not None and not region_ids:
            raise NotFound("No such record.")
        require_in_scope(graph, caller=caller, region_ids=region_ids, what="record")

    return check


def author(caller: Caller) -> workflow.Author:
    return workflow.Author(path="api", account=caller.account, role=caller.role)


def idem_of(request: Request, caller: Caller, key: str | None, body: Any) -> workflow.Idempotency | None:
    if key is None:
        return None
    who = caller.account or f"role:{caller.role}"
    return workflow.Idempotency(key=scoped_key(who, check_key(key)), fingerprint=fingerprint(request.method, request.url.path, body))


def answer(result: workflow.WriteResult) -> JSONResponse:
    headers = {}
    if result.version:
        headers["ETag"] = f'"{result.version}"'
    if result.replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(result.body, status_code=result.status, headers=headers)


@router.get("/records", summary="The assignment records an item takes part in (planner role)", responses={403: WRITE_ERRORS[403], 404: WRITE_ERRORS[404]})
def records_of_item(
    graph: GraphDep,
    caller: PlannerDep,
    item: Annotated[str, Query(min_length=1, max_length=64, description="An item's id (a cadre, an enterprise, a household, ...)", examples=["cadre-c-01"])],
) -> dict[str, Any]:
    """Every assignment with the item at one of its ends (pairings, supervisions, household
    links, team memberships, deployments, family supports, care contacts), ended and voided ones
    included, seed and imported records as well as those written here, each with its `version`
    for `If-Match` and the `names` of its two ends (`{id: name}`). Only records whose every region is in the caller's scope are listed; 404 when
    none is (an unknown id, an item with no assignments, or one outside the scope: the same answer)."""
    caller.require("planner")
    stored, truncated = assignments_of_item(graph, item_id=item)
    if caller.scope is not None:
        stored = [s for s in stored if s.regions]
        outside = set(regions_outside_scope(graph, caller=caller, region_ids={r for s in stored for r in s.regions}))
        stored = [s for s in stored if not outside.intersection(s.regions)]
    if not stored:
        raise NotFound("No such item, or no assignment of it.")
    return {"item": item, "items": [s.as_dict(names=caller.sees_personal_data) for s in stored], "truncated": truncated}


@router.get("/records/{kind}/{record_id}", summary="One record with its version (planner role)", responses={403: WRITE_ERRORS[403], 404: WRITE_ERRORS[404]})
def get_record(kind: KindP, record_id: RecordIdP, graph: GraphDep, caller: PlannerDep) -> JSONResponse:
    """The record as stored (bundle fields, void marks), the regions it belongs to, the `names`
    of an assignment's two ends (`{id: name}`), and its `version`, also sent as `ETag` for
    `If-Match` on writes."""
    caller.require("planner")
    stored = read_record(graph, get_kind(kind), record_id)
    scope_check(graph, caller)(stored.regions)
    return JSONResponse(stored.as_dict(names=caller.sees_personal_data), headers={"ETag": f'"{stored.version}"'})


@router.post("/records/{kind}", summary="Create a record (planner role)", status_code=201, responses=WRITE_ERRORS)
def create_record(
    kind: KindP,
    request: Request,
    graph: GraphDep,
    caller: PlannerDep,
    policy: PolicyDep,
    body: Annotated[dict[str, Any], Body(examples=[RECORD_EXAMPLE])],
    idempotency_key: IdempotencyKeyH = None,
) -> JSONResponse:
    """One record of the kind, in the bundle's format for its section, validated as an import
    validates it (422 with field-level `errors`, nothing written). 409 if it exists already."""
    caller.require("planner")
    return answer(
        workflow.create_record(
            graph,
            section=kind,
            data=body,
            author=author(caller),
            policy=policy,
            in_scope=scope_check(graph, caller),
            idem=idem_of(request, caller, idempotency_key, body),
        )
    )


@router.post(
    "/records/{kind}/{record_id}/end", summary="End an assignment: set its last active day (planner role)", responses=WRITE_ERRORS, openapi_extra=END_BODY
)
def end_record(
    kind: KindP,
    record_id: RecordIdP,
    request: Request,
    graph: GraphDep,
    caller: PlannerDep,
    policy: PolicyDep,
    body: Annotated[dict[str, Any], Body()],
    idempotency_key: IdempotencyKeyH = None,
    if_match: IfMatchH = None,
) -> JSONResponse:
    """`{"until": "YYYY-MM-DD"}`: the assignment's last active day. History stays: coverage on any
    earlier day is unchanged."""
    caller.require("planner")
    only_fields(body, "until")
    return answer(
        workflow.end_record(
            graph,
            section=kind,
            record_id=record_id,
            until=body.get("until"),
            author=author(caller),
            policy=policy,
            if_match=if_match,
            in_scope=scope_check(graph, caller),
            idem=idem_of(request, caller, idempotency_key, body),
        )
    )


@router.post("/records/{kind}/{record_id}/void", summary="Void a wrong record, with a reason (planner role)", responses=WRITE_ERRORS, openapi_extra=VOID_BODY)
def void_record(
    kind: KindP,
    record_id: RecordIdP,
    request: Request,
    graph: GraphDep,
    caller: PlannerDep,
    policy: PolicyDep,
    body: Annotated[dict[str, Any], Body()],
    idempotency_key: IdempotencyKeyH = None,
    if_match: IfMatchH = None,
) -> JSONResponse:
    """`{"reason": "..."}` (required): the record stays, marked `voided` with the reason, when and
    by whom; no metric counts it on any day."""
    caller.require("planner")
    only_fields(body, "reason")
    return answer(
        workflow.void_record(
            graph,
            section=kind,
            record_id=record_id,
            reason=body.get("reason"),
            author=author(caller),
            policy=policy,
            if_match=if_match,
            in_scope=scope_check(graph, caller),
            idem=idem_of(request, caller, idempotency_key, body),
        )
    )


@router.put("/records/{kind}/{record_id}", summary="Replace an item (planner role)", responses=WRITE_ERRORS)
def replace_record(
    kind: ItemKindP,
    record_id: ItemIdP,
    graph: GraphDep,
    caller: PlannerDep,
    policy: PolicyDep,
    body: Annotated[
        dict[str, Any], Body(examples=[{"id": "ent-0006", "name": "丰财街道华安能源有限公司", "kind": "city_owned", "region_id": "320302-002-008"}])
    ],
    if_match: IfMatchH = None,
) -> JSONResponse:
    """The whole item, as a re-import states it (a move to another region included; both regions
    must be in scope). Send `If-Match` so that another planner's change is not lost."""
    caller.require("planner")
    return answer(
        workflow.replace_record(
            graph,
            section=kind,
            record_id=record_id,
            data=body,
            author=author(caller),
            policy=policy,
            if_match=if_match,
            in_scope=scope_check(graph, caller),
        )
    )


@router.post(
    "/suggestions/enterprise_pairing/apply",
    summary="Write chosen pairing suggestions in one transaction (planner role)",
    status_code=201,
    tags=["what-if and suggestions"],
    responses=WRITE_ERRORS,
    openapi_extra=APPLY_BODY,
)
def apply_pairing_suggestions(
    request: Request,
    graph: GraphDep,
    caller: PlannerDep,
    policy: PolicyDep,
    body: Annotated[dict[str, Any], Body()],
    idempotency_key: IdempotencyKeyH = None,
) -> JSONResponse:
    """`{"since": day, "pairings": [{"cadre_id", "enterprise_id"}, ...]}`, as chosen from
    `GET /v1/suggestions/enterprise_pairing`: every pairing is validated and scope-checked, then
    all are written in one transaction (one change record each), or none."""
    caller.require("planner")
    only_fields(body, "since", "pairings")
    return answer(
        workflow.apply_pairings(
            graph,
            pairings=body.get("pairings"),
            since=body.get("since"),
            author=author(caller),
            policy=policy,
            in_scope=scope_check(graph, caller),
            idem=idem_of(request, caller, idempotency_key, body),
        )
    )
