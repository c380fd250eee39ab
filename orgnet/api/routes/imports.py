"""Importing bundles over HTTP: validated whole, written atomically, or refused whole."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from orgnet.api.deps import CallerDep, GraphDep, ImportBundleDep, PolicyDep, SettingsDep
from orgnet.coverage.summaries import metrics_for_bundle, refresh_after_write
from orgnet.graph.loader import load_bundle
from orgnet.graph.validate import parse_bundle

router = APIRouter(prefix="/v1", tags=["import"])

BUNDLE_EXAMPLE = {
    "format": "orgnet-bundle/1",
    "regions": [{"id": "320321-001-900", "name": "新建社区居委会", "level": "village", "kind": "community", "parent_id": "320321-001"}],
    "party_orgs": [{"id": "po-new-1", "name": "新建社区党支部", "kind": "branch", "region_id": "320321-001-900"}],
}


@router.post(
    "/import",
    summary="Import a bundle (planner role)",
    description="The bundle format is documented in README.md (Import bundles). The whole bundle is "
    "validated first; any problem refuses it whole with 422 and an `errors` list naming "
    "section, index, id, field and reason. A valid bundle is written in one transaction; then the "
    "stored coverage summaries of the metrics it can change are recomputed (`summaries` in the response: "
    "`status` `fresh`, or `stale` when recomputing failed or another write overtook it; the import is written "
    "either way, and rollups of stale metrics run the live queries).",
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
    graph: GraphDep,
    settings: SettingsDep,
    caller: CallerDep,
    policy: PolicyDep,
    bundle: ImportBundleDep,
    allow_new_root: bool = Query(False, description="Accept a region without a parent besides the existing root"),  # noqa: B008
) -> dict[str, Any]:
    caller.require("planner")
    parsed = parse_bundle(bundle)
    metrics = metrics_for_bundle(parsed)
    report = load_bundle(
        graph, parsed, batch_size=settings.write_batch_size, atomic=True, stale_metrics=metrics, allow_new_root=allow_new_root
    )
    # committed: from here on the answer is 200 whatever happens to the summaries (a failed refresh
    # leaves them stale, so readers run the live queries; the body says so)
    return {**report.as_dict(), "summaries": refresh_after_write(graph, policy=policy, metrics=metrics)}
