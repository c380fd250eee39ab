"""Accounts over HTTP, for admins: list, add, rotate a token, revoke (``orgnet accounts`` does the same).

A token is shown once, in the answer that created it (add, rotate); only its Argon2 hash is stored.
Managing accounts needs an admin who is not restricted to some regions (an ``API_TOKENS`` admin, or
an admin account scoped to the city): a county admin could otherwise give itself the city."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query
from pydantic import BaseModel, Field

from orgnet.accounts import store
from orgnet.api.deps import Caller, CallerDep, GraphDep
from orgnet.errors import Forbidden

router = APIRouter(prefix="/v1/accounts", tags=["accounts"])

MAX_PAGE = 500
AccountId = Annotated[str, Path(max_length=64, pattern=r"^acc-[0-9a-f]{12}$", description="Account id", examples=["acc-0123456789ab"])]
ERRORS = {
    401: {"description": "No valid token (problem details)"},
    403: {"description": "Not an admin, or an admin restricted to some regions"},
}


class AccountWithToken(BaseModel):
    account: store.AccountView
    token: str = Field(description="`<account id>.<secret>`: shown this once, stored only as a hash")


async def require_account_admin(caller: CallerDep) -> Caller:
    """The caller, if an admin for the whole city: 403 otherwise, before the body is validated (a
    caller who may not add accounts learns nothing from a 422 about one)."""
    caller.require("admin")
    if caller.scope is not None:
        raise Forbidden("Managing accounts needs an admin for the whole city.")
    return caller


AccountAdminDep = Annotated[Caller, Depends(require_account_admin)]


@router.get("", summary="Accounts, in id order (admins)", response_model=list[store.AccountView], responses=ERRORS)
def list_accounts(
    graph: GraphDep,
    caller: AccountAdminDep,
    after: Annotated[str | None, Query(max_length=64, description="Last id of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size (hard maximum {MAX_PAGE})")] = 100,
) -> list[dict[str, Any]]:
    """Every account without its token hash, revoked and expired ones included."""
    return store.list_accounts(graph, after=after, limit=limit)


@router.post(
    "",
    status_code=201,
    summary="Add an account; its token is shown once (admins)",
    response_model=AccountWithToken,
    responses={**ERRORS, 422: {"description": "Unknown role or region, expiry in the past (problem details naming the field)"}},
)
def add_account(body: Annotated[store.NewAccount, Body()], graph: GraphDep, caller: AccountAdminDep) -> dict[str, Any]:
    account, token = store.add_account(graph, **body.model_dump(), created_by=caller.account or "API_TOKENS")
    return {"account": account, "token": token}


@router.post(
    "/{account_id}/rotate",
    summary="A new token for an account; the old one stops working at once (admins)",
    response_model=AccountWithToken,
    responses={**ERRORS, 404: {"description": "No such account"}, 422: {"description": "The account is revoked"}},
)
def rotate(account_id: AccountId, graph: GraphDep, caller: AccountAdminDep) -> dict[str, Any]:
    account, token = store.rotate_token(graph, account_id=account_id)
    return {"account": account, "token": token}


@router.post(
    "/{account_id}/revoke",
    summary="Revoke an account: its token stops working at once (admins)",
    response_model=store.AccountView,
    responses={**ERRORS, 404: {"description": "No such account"}},
)
def revoke(account_id: AccountId, graph: GraphDep, caller: AccountAdminDep) -> dict[str, Any]:
    return store.revoke_account(graph, account_id=account_id)
