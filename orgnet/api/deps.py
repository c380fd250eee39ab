"""Dependencies that routes declare by type: ``graph: GraphDep``, ``caller: CallerDep``.

They are ``async def`` although they do no I/O worth awaiting (a ``stat`` at most): FastAPI runs
a plain ``def`` dependency in its thread pool, one thread hop per dependency per request, which
the bench showed as a constant share of every request's overhead."""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from starlette.concurrency import run_in_threadpool

from orgnet.accounts.roles import EXCHANGE_PUSHERS, ROLE_RANK, Role
from orgnet.accounts.store import LASTING, Identity, identify_or_refusal
from orgnet.accounts.tokens import split_token
from orgnet.coverage.policies import configured_policy
from orgnet.coverage.policy import Policy
from orgnet.errors import Forbidden, InvalidInput, OrgnetError, PayloadTooLarge, Unauthorized
from orgnet.graph.db import Graph
from orgnet.settings import Settings, get_settings, parse_api_tokens


async def get_graph(request: Request) -> Graph:
    return request.app.state.graph


@dataclass(frozen=True)
class Caller:
    """Who is calling: a role and, for an account, the regions it is scoped to.

    ``scope`` holds region ids: the caller sees personal data and writes only inside their
    subtrees (see :mod:`orgnet.api.scope`). ``None`` means no restriction (the bootstrap tokens of
    ``API_TOKENS``, anonymous viewers, and accounts scoped to the whole graph)."""

    role: Role
    account: str | None = None
    scope: tuple[str, ...] | None = None

    @property
    def sees_personal_data(self) -> bool:
        """Names of members, households and medical workers: planners and admins only."""
        return ROLE_RANK[self.role] >= ROLE_RANK["planner"]

    def require(self, role: Role) -> None:
        if role == "exchange":
            if self.role not in EXCHANGE_PUSHERS:
                raise Forbidden(f"This needs the exchange role; your token gives {self.role}.")
            return
        if ROLE_RANK[self.role] < ROLE_RANK[role]:
            raise Forbidden(f"This needs the {role} role; your token gives {self.role}.")


def parse_tokens(spec: str) -> dict[str, Role]:
    """``"tok1:planner,tok2:admin"`` → mapping; validated as at start-up (``ValueError`` otherwise).

    >>> parse_tokens("0123456789abcdef:planner, fedcba9876543210:admin")
    {'0123456789abcdef': 'planner', 'fedcba9876543210': 'admin'}
    """
    return parse_api_tokens(spec)  # type: ignore[return-value]


@lru_cache(maxsize=8)
def _configured_tokens(spec: str) -> tuple[tuple[bytes, Role], ...]:
    """The configured tokens as bytes, parsed once per distinct ``API_TOKENS`` value.  Their length was
    checked when the settings were read (tests that set ``api_tokens`` directly may use short ones)."""
    return tuple((token.encode(), role) for token, role in parse_api_tokens(spec, min_length=1).items())


def role_for_token(spec: str, presented: str) -> Role | None:
    """The role of ``presented`` among the tokens of ``spec``, or None.

    Compared with :func:`hmac.compare_digest` against every configured token, without stopping at
    a match, so the time taken does not tell how much of a guess was right or which entry matched.
    An empty token never matches, whatever ``spec`` holds (start-up refuses empty and short ones).

    >>> spec = "0123456789abcdef:planner"
    >>> role_for_token(spec, "0123456789abcdef"), role_for_token(spec, "0123456789abcdeX"), role_for_token(spec, "")
    ('planner', None, None)
    """
    found: Role | None = None
    candidate = presented.encode()
    for token, role in _configured_tokens(spec):
        if hmac.compare_digest(candidate, token):
            found = role
    return found if presented else None


def authenticate(settings: Settings, authorization: str | None, *, graph: Graph | None = None) -> Identity | None:
    """Who sends an ``Authorization`` header; None for an anonymous caller (no header).

    A bearer token is one of ``API_TOKENS`` (the bootstrap admin tokens: unrestricted, no account)
    or an account token ``<account id>.<secret>`` (:func:`orgnet.accounts.store.identify`, which
    needs ``graph``).  Raises :class:`Unauthorized` with one and the same detail for anything else
    (malformed, unknown account, wrong secret, revoked, expired), and for no header when anonymous
    callers are not viewers (``API_ANONYMOUS_VIEWERS``)."""
    if authorization is None:
        if not settings.anonymous_viewers:
            raise Unauthorized(NEEDS_TOKEN_DETAIL)
        return None
    token = bearer_token(authorization)
    refusal = LASTING
    if token:
        role = role_for_token(settings.api_tokens, token)
        if role is not None:
            return Identity(role=role, account=None, scope=None)
        if graph is not None and is_account_token(token):
            identity, refusal = identify_or_refusal(graph, token)
            if identity is not None:
                return identity
    raise RefusedToken(UNKNOWN_TOKEN_DETAIL, lasting=refusal == LASTING)


class RefusedToken(Unauthorized):
    """An unknown token (one detail whatever the reason).  ``lasting``: no later change makes it
    good (not a token of any kind, no such account, a wrong secret), so a worker may answer it from
    memory; a revoked or expired account's own token is not lasting (an admin may enable it again)."""

    def __init__(self, detail: str, *, lasting: bool) -> None:
        super().__init__(detail)
        self.lasting = lasting


NEEDS_TOKEN_DETAIL = "This API needs a token: send Authorization: Bearer <token> (see API_TOKENS)."
UNKNOWN_TOKEN_DETAIL = "Unknown API token."


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer <token>`` header: the one parser of that header
    (authentication, the failed-token limits and the admission slots all key on what it returns).
    Empty for no header, another scheme or an empty token.

    >>> bearer_token("Bearer abc"), bearer_token("bearer   abc "), bearer_token("Basic abc"), bearer_token("Bearer "), bearer_token(None)
    ('abc', 'abc', '', '', '')
    """
    if not authorization:
        return ""
    scheme, _, token = authorization.strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def is_account_token(token: str) -> bool:
    """Whether ``token`` has the shape of an account token (only those cost a database read)."""
    return split_token(token) is not None


async def get_caller(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings)],
    authorization: Annotated[str | None, Header(description="`Bearer <token>`; absent: viewer")] = None,
) -> Caller:
    # The guard middleware (orgnet.api.guard) has already authenticated the request, before its body
    # was read; without it (an app built without the middleware) authenticate here.
    if hasattr(request.state, "caller_identity"):
        identity = request.state.caller_identity
        if identity is None and not settings.anonymous_viewers:
            raise Unauthorized(NEEDS_TOKEN_DETAIL)
    else:
        graph = getattr(request.app.state, "graph", None)
        identity = await run_in_threadpool(authenticate, settings, authorization, graph=graph)
    if identity is None:
        return Caller(role="viewer")
    return Caller(role=identity.role, account=identity.account, scope=identity.scope)


class PolicyFileError(OrgnetError):
    """The configured policy file is invalid: a server misconfiguration, not the caller's fault."""

    title = "Invalid policy configuration"


async def get_policy(settings: Annotated[Settings, Depends(get_settings)]) -> Policy:
    """The active policy, carrying the per-region ones (``POLICY_FILES``); a changed file applies at
    the next request (it is re-read when its modification time or size changes, not parsed on every request)."""
    try:
        return configured_policy(settings)
    except InvalidInput as e:
        raise PolicyFileError(e.detail, errors=e.errors) from e


GraphDep = Annotated[Graph, Depends(get_graph)]
PolicyDep = Annotated[Policy, Depends(get_policy)]
CallerDep = Annotated[Caller, Depends(get_caller)]


async def require_planner(caller: CallerDep) -> Caller:
    """The caller, if a planner or admin: 403 otherwise, before the path, query or body is
    validated (a viewer learns nothing from a 422 about a body it may not send anyway)."""
    caller.require("planner")
    return caller


PlannerDep = Annotated[Caller, Depends(require_planner)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def _bundle_records(bundle: dict[str, Any]) -> int:
    """Records in a bundle: the items of its sections (lists); anything else is the validator's business.

    >>> _bundle_records({"format": "orgnet-bundle/1", "regions": [{}, {}], "households": [{}]})
    3
    """
    return sum(len(v) for v in bundle.values() if isinstance(v, list))


async def read_json_object(request: Request, *, what: str) -> dict[str, Any]:
    """The request's body as a JSON object, parsed off the event loop (up to IMPORT_MAX_BYTES, which
    the guard middleware enforces); :class:`InvalidInput` (422) when it is not JSON, nests deeper
    than the parser goes (a ``RecursionError``, which was a 500) or is not an object."""
    raw = await request.body()
    try:
        data = await run_in_threadpool(json.loads, raw)  # up to 16 MiB: not on the event loop
    except ValueError as e:
        raise InvalidInput("The body is not JSON.", errors=[{"field": "body", "reason": "JSON decode error"}]) from e
    except RecursionError:
        raise InvalidInput("The body nests too deeply.", errors=[{"field": "body", "reason": "JSON nested too deeply"}]) from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{what} is a JSON object.", errors=[{"field": "body", "reason": "not an object"}])
    return data


async def read_exchange_file(request: Request, caller: CallerDep) -> dict[str, Any]:
    """The body of ``POST /v1/exchange``, read only for an exchange account or an admin of the whole
    graph (403 before one byte of it is read; anonymous: 401 or 403 as any refused role), then as
    :func:`read_json_object`."""
    caller.require("exchange")
    if caller.scope is not None:  # a file replaces the figures of whole regions
        raise Forbidden("Exchange files need an account for the whole graph.")
    return await read_json_object(request, what="An exchange file")


ExchangeFileDep = Annotated[dict[str, Any], Depends(read_exchange_file)]


async def read_import_bundle(request: Request, caller: CallerDep, settings: SettingsDep) -> dict[str, Any]:
    """The body of ``POST /v1/import``, read only for a planner and only up to the limits.

    In this order, so a refusal costs as little as possible: the role and an unrestricted scope (403,
    before one byte of the body is read), the body's size (413; the guard middleware stops reading at IMPORT_MAX_BYTES),
    JSON (422), the record count (413, before any validation builds objects for the records)."""
    caller.require("planner")
    if caller.scope is not None:  # a bundle spans regions; per-record writes check each record's region
        raise Forbidden("Bundle imports need a planner for the whole city; write records one by one inside your regions.")
    bundle = await read_json_object(request, what="A bundle")
    records = _bundle_records(bundle)
    if records > settings.import_max_records:
        raise PayloadTooLarge(
            f"The bundle has {records:,} records; POST /v1/import takes at most {settings.import_max_records:,} "
            "(IMPORT_MAX_RECORDS). Load a large bundle with `orgnet import FILE` on the server, or send it in "
            "chunks (regions first, then what refers to them)."
        )
    return bundle


ImportBundleDep = Annotated[dict[str, Any], Depends(read_import_bundle)]
