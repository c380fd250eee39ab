"""Importing bundles over HTTP: validated whole, written atomically, or refused whole."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from orgnet.api.deps import CallerDep, GraphDep, ImportBundleDep, PolicyDep, SettingsDep
from orgnet.api.routes.records import IdempotencyKeyH, idem_of, scope_check
from orgnet.graph.validate import parse_bundle
from orgnet.writes import workflow

router = APIRouter(prefix="/v1", tags=["import"])

BUNDLE_EXAMPLE = {
    "format": "orgnet-bundle/1",
    "regions": [{"id": "320321-001-900", "name": "新建社区居委会", "level": "village", "kind": "community", "parent_id": "320321-001"}],
    "party_orgs": [{"id": "po-new-1", "name": "新建社区党支部", "kind": "branch", "region_id": "320321-001-900"}],
}


@router.post(
    "/import",
    summary="Import a bundle (planner role)",
    description="The bundle format is documented in the manual (/manual/operators/import-bundles.html). The whole bundle is "
    "validated first; any problem refuses it whole with 422 and an `errors` list naming "
    "section, index, id, field and reason. A valid bundle is written in one transaction; then the "
    "stored coverage summaries of the metrics it can change are recomputed (`summaries` in the response: "
    "`status` `fresh`, or `stale` when recomputing failed or another write overtook it; the import is written "
    "either way, and rollups of stale metrics run the live queries). One change record is appended (path `import`); "
    "`Idempotency-Key` makes a repeat replay the first answer.",
    responses={
        422: {"description": "Invalid bundle; nothing written"},
        403: {"description": "Needs the planner role"},
        413: {"description": "Body above IMPORT_MAX_BYTES or more than IMPORT_MAX_RECORDS records: use `orgnet import` or chunks"},
    },
    # the body is read by a dependency (role first, then the limits), so it is described here
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "object"}, "examples": {"bundle": {"value": BUNDLE_EXAMPLE}}}},
        }
    },
)
def import_bundle(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    caller: CallerDep,
    policy: PolicyDep,
    bundle: ImportBundleDep,
    allow_new_root: bool = Query(False, description="Accept a region without a parent besides the existing root"),  # noqa: B008
    idempotency_key: IdempotencyKeyH = None,
) -> Any:
    caller.require("planner")
    parsed = parse_bundle(bundle)
    # one transaction: the idempotency key, the rows, the stale mark and the change record; then the
    # refresh (a failed refresh leaves the summaries stale, readers run the live queries; the body says so)
    outcome = workflow.import_bundle(
        graph,
        parsed,
        author=workflow.Author(path="import", account=caller.account, role=caller.role),
        policy=policy,
        batch_size=settings.write_batch_size,
        atomic=True,
        allow_new_root=allow_new_root,
        in_scope=scope_check(graph, caller),
        idem=idem_of(request, caller, idempotency_key, {"bundle": bundle, "allow_new_root": allow_new_root}),
    )
    if outcome.replayed:
        return JSONResponse(outcome.body, headers={"Idempotent-Replayed": "true"})
    return outcome.body
