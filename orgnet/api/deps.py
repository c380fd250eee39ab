"""Dependencies that routes declare by type: ``graph: GraphDep``, ``caller: CallerDep``.

They are ``async def`` although they do no I/O worth awaiting (a ``stat`` at most): FastAPI runs
a plain ``def`` dependency in its thread pool, one thread hop per dependency per request, which
the bench showed as a constant share of every request's overhead."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Header, Request

from orgnet.coverage.policy import Policy, load_policy_cached
from orgnet.errors import Forbidden, InvalidInput, OrgnetError, Unauthorized
from orgnet.graph.db import Graph
from orgnet.settings import Settings, get_settings

Role = Literal["viewer", "planner", "admin"]
ROLE_RANK = {"viewer": 0, "planner": 1, "admin": 2}


async def get_graph(request: Request) -> Graph:
    return request.app.state.graph


@dataclass(frozen=True)
class Caller:
    role: Role

    @property
    def sees_personal_data(self) -> bool:
        """Names of members, households and medical workers: planners and admins only."""
        return ROLE_RANK[self.role] >= ROLE_RANK["planner"]

    def require(self, role: Role) -> None:
        if ROLE_RANK[self.role] < ROLE_RANK[role]:
            raise Forbidden(f"This needs the {role} role; your token gives {self.role}.")


def parse_tokens(spec: str) -> dict[str, Role]:
    """``"tok1:planner,tok2:admin"`` → mapping.

    >>> parse_tokens("a:planner, b:admin")
    {'a': 'planner', 'b': 'admin'}
    """
    out: dict[str, Role] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        token, _, role = part.partition(":")
        if role not in ROLE_RANK:
            raise ValueError(f"API_TOKENS: unknown role {role!r} for a token (use viewer, planner, admin)")
        out[token] = role  # type: ignore[assignment]
    return out


async def get_caller(
    settings: Annotated[Settings, Depends(get_settings)],
    authorization: Annotated[str | None, Header(description="`Bearer <token>`; absent: viewer")] = None,
) -> Caller:
    if not authorization:
        return Caller(role="viewer")
    scheme, _, token = authorization.partition(" ")
    role = parse_tokens(settings.api_tokens).get(token.strip()) if scheme.lower() == "bearer" else None
    if role is None:
        raise Unauthorized("Unknown API token.")
    return Caller(role=role)


class PolicyFileError(OrgnetError):
    """The configured policy file is invalid: a server misconfiguration, not the caller's fault."""

    title = "Invalid policy configuration"


async def get_policy(settings: Annotated[Settings, Depends(get_settings)]) -> Policy:
    """The active policy; a changed file applies at the next request (it is re-read when its
    modification time or size changes, not parsed on every request)."""
    try:
        return load_policy_cached(settings.policy_file)
    except InvalidInput as e:
        raise PolicyFileError(e.detail, errors=e.errors) from e


GraphDep = Annotated[Graph, Depends(get_graph)]
PolicyDep = Annotated[Policy, Depends(get_policy)]
CallerDep = Annotated[Caller, Depends(get_caller)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
