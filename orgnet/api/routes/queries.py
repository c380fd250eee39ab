"""The named query library over HTTP: the same ``.cypher`` files Neo4j Browser users paste."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request

from orgnet.api.deps import CallerDep, SettingsDep, read_json_object
from orgnet.api.limits import HeavyReadDep
from orgnet.api.scope import require_query_in_scope
from orgnet.graph.privacy import redact_public
from orgnet.queries.library import library, run_query

router = APIRouter(prefix="/v1/queries", tags=["queries"])

Namespace = Annotated[str, Path(max_length=64, pattern=r"^[a-z_]+$", description="Folder of the query", examples=["gaps"])]
Name = Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_]+$", description="Query name", examples=["party_org_presence"])]

LIST_EXAMPLE = [
    {
        "namespace": "gaps",
        "name": "party_org_presence",
        "key": "gaps/party_org_presence",
        "title": "Villages and communities without a party organisation",
        "description": "Village-level units (villages and communities) under the region where no party organisation is located.",
        "params": [{"name": "region", "type": "string", "default": "320300", "nullable": False, "doc": "Region id whose subtree is searched"}],
        "returns": ["id", "name", "path_ids", "path_names", "details"],
        "personal": [],
    }
]
RUN_EXAMPLE = {
    "query": "gaps/party_org_presence",
    "params": {"region": "320321", "after": None, "limit": 2},
    "ignored": [],
    "columns": ["id", "name", "path_ids", "path_names", "details"],
    "rows": [
        {
            "id": "320321-004-001",
            "name": "首羡社区居委会",
            "path_ids": ["320300", "320321", "320321-004", "320321-004-001"],
            "path_names": ["徐州市", "丰县", "首羡镇", "首羡社区居委会"],
            "details": {"kind": "community", "party_orgs": 0},
        }
    ],
    "row_count": 1,
    "truncated": False,
}


@router.get("", summary="Every query of the library", responses={200: {"content": {"application/json": {"example": LIST_EXAMPLE}}}})
def list_queries() -> list[dict[str, Any]]:
    """Name, title, description, typed parameters with defaults and returned columns of each query."""
    return [q.metadata() for q in library()]


@router.get(
    "/{namespace}/{name}",
    summary="One query with its text (pastes into Neo4j Browser)",
    responses={404: {"description": "No such query"}},
)
def read_query(namespace: Namespace, name: Name) -> dict[str, Any]:
    q = library().get(f"{namespace}/{name}")
    return {**q.metadata(), "params_line": q.params_line, "text": q.text}


# Every parameter name of the library: the body's documented properties (no other name is valid);
# a name another query declares is ignored by this one (`ignored` in the answer), not an error
LIBRARY_PARAMS = sorted({p.name for q in library() for p in q.params})


async def read_params(request: Request) -> dict[str, Any] | None:
    """The body: absent, JSON null or an object of parameters (as :func:`read_json_object` parses it)."""
    if not await request.body():
        return None
    if (await request.body()).strip() == b"null":
        return None
    return await read_json_object(request, what="The body of parameters")


@router.post(
    "/{namespace}/{name}",
    summary="Run a library query (READ transaction with a timeout)",
    # the body is read by a dependency, so that the document can list the names it may hold
    openapi_extra={
        "requestBody": {
            "required": False,
            "description": "Parameter values by name; missing ones take the declared default, names of the library's other "
            "queries are ignored (listed in `ignored`), values are checked against this query's header",
            "content": {
                "application/json": {
                    "schema": {"type": "object", "properties": {name: {} for name in LIBRARY_PARAMS}, "additionalProperties": False},
                    "example": {"region": "320321", "limit": 2},
                }
            },
        }
    },
    responses={
        200: {"content": {"application/json": {"example": RUN_EXAMPLE}}},
        404: {"description": "No such query"},
        422: {"description": "A parameter is unknown, has the wrong type or is out of its bounds (problem details naming it)"},
        429: {"description": "This caller already runs its maximum of heavy reads (Retry-After)"},
        503: {"description": "The server runs its maximum of heavy reads (Retry-After)"},
        504: {"description": "The query exceeded the timeout"},
    },
)
def run_library_query(
    namespace: Namespace,
    name: Name,
    graph: HeavyReadDep,  # a library query may read everything under a region: admission-controlled
    caller: CallerDep,
    settings: SettingsDep,
    params: Annotated[dict[str, Any] | None, Depends(read_params)],
) -> dict[str, Any]:
    """Parameters are checked against the query's header (names, types and bounds); at most
    `PAGE_SIZE_MAX` rows are returned (`truncated` says when there were more).  Nodes come back as
    `{element_id, labels, properties}`, relationships as `{element_id, type, start, end, properties}`,
    paths as `{nodes, relationships}`.  For callers who may not see personal data (no token, or a
    viewer's) nodes and relationships keep only the properties the privacy table lists as public,
    wherever they are nested, and the columns the query's header declares `personal` are null."""
    q = library().get(f"{namespace}/{name}")
    declared = {p.name for p in q.params}
    ignored = sorted(k for k in (params or {}) if k not in declared and k in LIBRARY_PARAMS)
    bound = q.bind({k: v for k, v in (params or {}).items() if k not in ignored}, strict=True)
    require_query_in_scope(graph, caller=caller, query=q, params=bound)  # 404 for regions or items outside the scope
    rows, truncated = run_query(graph, q, bound, strict=True, max_rows=settings.page_size_max)
    if not caller.sees_personal_data:
        # structural first (nodes, relationships, paths by label, deny by default), then the
        # header's projected columns, which carry no label
        rows = q.redact(redact_public(rows))
    return {"query": q.key, "params": bound, "ignored": ignored, "columns": q.returns, "rows": rows, "row_count": len(rows), "truncated": truncated}
