"""Accounts in Neo4j: ``(:Account {id, name, role, scope, created_at, expires_at, disabled, ...})``.

Keyword-only functions over :class:`~orgnet.graph.db.Graph`; every value is a ``$parameter``.  The
token's hash (``token_hash``) never leaves this module: what the functions return is
:func:`public_view` of an account.  Times are stored as UTC ISO-8601 strings ending in ``Z``, which
sort as they compare.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from orgnet.accounts import tokens
from orgnet.accounts.roles import Role
from orgnet.errors import InvalidInput, NotFound
from orgnet.graph.db import Graph

MAX_SCOPE_REGIONS = 50
MAX_NAME = 100
PUBLIC_FIELDS = ("id", "name", "role", "scope", "created_at", "created_by", "expires_at", "disabled", "disabled_at", "rotated_at")

SCHEMA = "CREATE CONSTRAINT account_id_unique IF NOT EXISTS FOR (n:Account) REQUIRE n.id IS UNIQUE"


@dataclass(frozen=True)
class Identity:
    """Who a token belongs to: role, account id, and scope (None: everywhere)."""

    role: Role
    account: str | None
    scope: tuple[str, ...] | None


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso_utc(moment: dt.datetime) -> str:
    """UTC, to the second, with ``Z``.

    >>> iso_utc(dt.datetime(2026, 1, 2, 3, 4, 5, 999, tzinfo=dt.UTC))
    '2026-01-02T03:04:05Z'
    """
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_expiry(value: str | None, *, now: dt.datetime | None = None) -> str | None:
    """An expiry given as a day (``2027-01-31``: valid through that day, UTC) or an ISO date-time;
    it must lie in the future.

    >>> parse_expiry("2099-01-31")
    '2099-02-01T00:00:00Z'
    >>> parse_expiry("2099-01-31T08:00:00+08:00")
    '2099-01-31T00:00:00Z'
    >>> parse_expiry("2000-01-01")
    Traceback (most recent call last):
    ...
    orgnet.errors.InvalidInput: The expiry 2000-01-01 is not in the future.
    """
    if value is None or value == "":
        return None
    try:
        if len(value) == 10:
            moment = dt.datetime.combine(dt.date.fromisoformat(value) + dt.timedelta(days=1), dt.time(), dt.UTC)
        else:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=dt.UTC)
    except ValueError:
        raise InvalidInput("The expiry is not a date (YYYY-MM-DD) or an ISO date-time.", errors=[{"field": "expires_at", "reason": "not a date"}]) from None
    if moment <= (now or utc_now()):
        raise InvalidInput(f"The expiry {value} is not in the future.", errors=[{"field": "expires_at", "reason": "in the past"}])
    return iso_utc(moment)


def ensure_schema(graph: Graph) -> None:
    """The uniqueness constraint on ``Account.id`` (also applied by ``orgnet schema apply``)."""
    graph.write(SCHEMA)


def public_view(account: dict[str, Any]) -> dict[str, Any]:
    """An account as shown to admins: everything but the token's hash."""
    view = {k: account.get(k) for k in PUBLIC_FIELDS}
    view["scope"] = list(view["scope"] or [])
    view["disabled"] = bool(view["disabled"])
    view["expired"] = bool(account.get("expires_at")) and account["expires_at"] <= iso_utc(utc_now())
    return view


class NewAccount(BaseModel):
    """An account to add: the one model the API's body (``POST /v1/accounts``) and ``orgnet accounts
    add`` are both validated by.  Whether the scope's regions exist is checked by :func:`add_account`
    (it needs the graph).

    >>> NewAccount(name=" 丰县 planner ", role="planner", scope=["320322", "320321", "320321"]).scope
    ['320321', '320322']
    """

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=MAX_NAME, description="Who uses the account", examples=["丰县组织部 planner"])
    role: Role = Field(description="viewer, planner, admin, or exchange (may push exchange files: POST /v1/exchange)")
    scope: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        min_length=1,
        max_length=MAX_SCOPE_REGIONS,
        description="Region ids: personal data and writes only in their subtrees (the city's id: everywhere)",
        examples=[["320321"]],
    )
    expires_at: str | None = Field(default=None, max_length=40, description="YYYY-MM-DD (valid through that day, UTC) or an ISO date-time; null: never")

    @field_validator("name")
    @classmethod
    def _stripped(cls, value: str) -> str:
        if not value.strip():
            raise ValueError(f"1 to {MAX_NAME} characters, not only spaces")
        return value.strip()

    @field_validator("role")
    @classmethod
    def _not_field(cls, value: str) -> str:
        if value == "field":
            raise ValueError("a field account is bound to a person: create it with POST /v1/field/accounts")
        return value

    @field_validator("scope")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        return sorted(set(value))

    @field_validator("expires_at")
    @classmethod
    def _future(cls, value: str | None) -> str | None:
        try:
            return parse_expiry(value)
        except InvalidInput as e:
            raise ValueError(e.detail) from None

    @classmethod
    def checked(cls, **fields: Any) -> NewAccount:
        """The model from plain values (the command line's options); :class:`InvalidInput` naming each field."""
        try:
            return cls(**fields)
        except ValidationError as e:
            errors = [{"field": ".".join(str(x) for x in err["loc"]), "reason": err["msg"]} for err in e.errors()]
            raise InvalidInput("The account is not valid.", errors=errors) from None


class AccountView(BaseModel):
    """An account as shown to admins (:func:`public_view`): never its token or the token's hash."""

    id: str
    name: str
    role: Role
    scope: list[str]
    created_at: str
    created_by: str | None = None
    expires_at: str | None = None
    disabled: bool
    disabled_at: str | None = None
    rotated_at: str | None = None
    expired: bool


def _check_scope_regions(graph: Graph, scope: list[str]) -> None:
    rows = graph.read("UNWIND $ids AS id OPTIONAL MATCH (r:Region {id: id}) WITH id, r WHERE r IS NULL RETURN collect(id) AS unknown", {"ids": scope})
    unknown = rows[0]["unknown"] if rows else scope
    if unknown:
        raise InvalidInput("The account is not valid.", errors=[{"field": "scope", "reason": f"unknown region id(s): {', '.join(unknown[:10])}"}])


def add_account(
    graph: Graph, *, name: str, role: str, scope: list[str], expires_at: str | None = None, created_by: str | None = None
) -> tuple[dict[str, Any], str]:
    """Create an account (validated by :class:`NewAccount`: :class:`InvalidInput` naming each bad
    field); returns its public view and its token (shown once: only its hash is kept)."""
    account = NewAccount.checked(name=name, role=role, scope=scope, expires_at=expires_at)
    _check_scope_regions(graph, account.scope)
    ensure_schema(graph)
    account_id = tokens.new_account_id()
    token = tokens.new_token(account_id)
    props = {
        "id": account_id,
        **account.model_dump(),
        "created_at": iso_utc(utc_now()),
        "created_by": created_by,
        "disabled": False,
        "token_hash": tokens.hash_secret(tokens.split_token(token)[1]),  # type: ignore[index]
    }
    graph.write("CREATE (a:Account) SET a = $props", {"props": props})
    return public_view(props), token


def list_accounts(graph: Graph, *, after: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Accounts in id order, ``limit`` at most, after the id ``after`` (keyset paging)."""
    rows = graph.read(
        "MATCH (a:Account) WHERE $after IS NULL OR a.id > $after RETURN a {.*} AS a ORDER BY a.id LIMIT $limit",
        {"after": after, "limit": limit},
    )
    return [public_view(r["a"]) for r in rows]


def get_account(graph: Graph, *, account_id: str) -> dict[str, Any]:
    rows = graph.read("MATCH (a:Account {id: $id}) RETURN a {.*} AS a", {"id": account_id})
    if not rows:
        raise NotFound("No such account.")
    return public_view(rows[0]["a"])


def revoke_account(graph: Graph, *, account_id: str) -> dict[str, Any]:
    """Disable the account for good (its token stops working at once); kept for the record."""
    rows = graph.read("MATCH (a:Account {id: $id}) RETURN a.id AS id", {"id": account_id})
    if not rows:
        raise NotFound("No such account.")
    graph.write(
        "MATCH (a:Account {id: $id}) SET a.disabled = true, a.disabled_at = coalesce(a.disabled_at, $now)",
        {"id": account_id, "now": iso_utc(utc_now())},
    )
    tokens.VERIFIED.forget_account(account_id)
    return get_account(graph, account_id=account_id)


def rotate_token(graph: Graph, *, account_id: str) -> tuple[dict[str, Any], str]:
    """A new token for the account; the old one stops working at once.  A revoked account stays revoked."""
    account = get_account(graph, account_id=account_id)
    if account["disabled"]:
        raise InvalidInput("A revoked account gets no new token; add a new account.", errors=[{"field": "id", "reason": "revoked"}])
    token = tokens.new_token(account_id)
    graph.write(
        "MATCH (a:Account {id: $id}) SET a.token_hash = $hash, a.rotated_at = $now",
        {"id": account_id, "hash": tokens.hash_secret(tokens.split_token(token)[1]), "now": iso_utc(utc_now())},  # type: ignore[index]
    )
    tokens.VERIFIED.forget_account(account_id)
    return get_account(graph, account_id=account_id), token


_LOOKUP = """
MATCH (a:Account {id: $id})
RETURN a.role AS role, a.token_hash AS token_hash, coalesce(a.disabled, false) AS disabled, a.expires_at AS expires_at,
       coalesce(a.scope, []) AS scope,
       any(s IN coalesce(a.scope, []) WHERE EXISTS { MATCH (r:Region {id: s}) WHERE NOT EXISTS { (r)-[:PART_OF]->(:Region) } }) AS everywhere
"""


def identify(graph: Graph, token: str, *, cache: tokens.VerifiedTokens | None = None) -> Identity | None:
    """The identity behind an account token, or None for an unknown account, a wrong secret, a
    revoked (disabled) or an expired account: the caller cannot tell which.

    One indexed read per call; the Argon2 verification only when ``cache`` has not verified this
    token against the account's current hash.  An account scoped to the root region (the city of a city graph, the nation above provinces) is unrestricted."""
    return identify_or_refusal(graph, token, cache=cache)[0]


LASTING = "lasting"
"""A refusal that no later change makes good: no such account, or a secret that is not the one
whose hash the account holds (a new token after a rotate is another token)."""
UNUSABLE = "unusable"
"""A refusal of the right secret of a revoked or expired account (an admin may enable it again)."""


def identify_or_refusal(graph: Graph, token: str, *, cache: tokens.VerifiedTokens | None = None) -> tuple[Identity | None, str | None]:
    """:func:`identify`, and when it is None whether the refusal is :data:`LASTING` or :data:`UNUSABLE`
    (for the API's cache of unknown tokens; never shown to the caller)."""
    cache = tokens.VERIFIED if cache is None else cache
    parts = tokens.split_token(token)
    if parts is None:
        return None, LASTING
    account_id, secret = parts
    rows = graph.read(_LOOKUP, {"id": account_id})
    if not rows:
        tokens.burn_time(secret)
        return None, LASTING
    row = rows[0]
    usable = not row["disabled"] and not (row["expires_at"] and row["expires_at"] <= iso_utc(utc_now()))
    stored = row["token_hash"] or ""
    if not cache.matches(token, stored_hash=stored):
        if not tokens.verify_secret(stored or None, secret):
            return None, LASTING
        if usable:
            cache.remember(token, account_id=account_id, stored_hash=stored)
    if not usable:
        cache.forget_account(account_id)
        return None, UNUSABLE
    return Identity(role=row["role"], account=account_id, scope=None if row["everywhere"] else tuple(sorted(row["scope"]))), None
