"""``GET /v1/me``: who the dashboard is talking to, so it can open the account's scope first and
offer write controls only where the account may write (issue 12, "Dashboard").

Aggregates only: the role, the account's id and name, and its scope regions (ids and names, which
are public administrative data).  Never the token, its hash or when it was rotated."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from orgnet.api.deps import CallerDep, GraphDep
from orgnet.graph.db import Graph

router = APIRouter(prefix="/v1", tags=["accounts"])


class ScopeRegion(BaseModel):
    id: str
    name: str
    level: str


class AccountRef(BaseModel):
    id: str
    name: str


class Me(BaseModel):
    role: Literal["anonymous", "viewer", "planner", "admin", "exchange", "field"] = Field(
        description="`anonymous`: no Authorization header; `exchange`: an instance that pushes aggregate exchange files (reads as a viewer); "
        "`field`: one person's phone (the field app, /m/)"
    )
    account: AccountRef | None = Field(description="The account behind the token; null for anonymous callers and `API_TOKENS` tokens")
    scope: list[ScopeRegion] = Field(description="The account's scope regions; empty for anonymous callers and `API_TOKENS` tokens")
    unrestricted: bool = Field(description="No region restriction: names (where the role shows them) and writes everywhere")
    can_write: bool = Field(description="The role may write records (planner or admin), inside `scope` unless `unrestricted`")


_ACCOUNT = """
MATCH (a:Account {id: $id})
OPTIONAL MATCH (r:Region) WHERE r.id IN coalesce(a.scope, [])
WITH a, r ORDER BY r.id
RETURN a.name AS name, [x IN collect(r) | {id: x.id, name: x.name, level: x.level}] AS scope
"""


def account_view(graph: Graph, *, account_id: str) -> dict[str, Any] | None:
    """An account's name and scope regions (id, name, level, in id order); None if it is gone."""
    rows = graph.read(_ACCOUNT, {"id": account_id})
    return rows[0] if rows else None


@router.get("/me", summary="Who am I: role, account and scope regions (no token echoed)")
def me(request: Request, graph: GraphDep, caller: CallerDep) -> Me:
    """The caller as the API sees it. An anonymous caller (no `Authorization` header) is `anonymous`
    (a viewer where anonymous callers are allowed); a bad token never gets here (401)."""
    anonymous = request.headers.get("authorization") is None
    account = account_view(graph, account_id=caller.account) if caller.account else None
    return Me(
        role="anonymous" if anonymous else caller.role,
        account=AccountRef(id=caller.account, name=account["name"]) if caller.account and account else None,
        scope=[ScopeRegion(**r) for r in account["scope"]] if account else [],
        unrestricted=caller.scope is None,
        can_write=not anonymous and caller.sees_personal_data,
    )
