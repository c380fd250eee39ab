"""The one place where errors become HTTP responses (RFC 9457 problem details)."""

from __future__ import annotations

import logging
import uuid

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from orgnet.errors import (
    Conflict,
    DatabaseError,
    DatabaseUnavailable,
    Forbidden,
    HeldAtSource,
    InvalidInput,
    LocalServerError,
    NotFound,
    OrgnetError,
    PayloadTooLarge,
    PreconditionFailed,
    QueryTimeout,
    RateLimited,
    ServiceBusy,
    SummariesUnavailable,
    Unauthorized,
    UntrustedHost,
)

log = logging.getLogger("orgnet.api")

STATUS: dict[type[OrgnetError], int] = {
    NotFound: 404,
    InvalidInput: 422,
    Forbidden: 403,
    Unauthorized: 401,
    QueryTimeout: 504,
    DatabaseUnavailable: 503,
    DatabaseError: 500,
    LocalServerError: 503,
    SummariesUnavailable: 503,
    RateLimited: 429,
    PayloadTooLarge: 413,
    ServiceBusy: 503,
    UntrustedHost: 400,
    Conflict: 409,
    HeldAtSource: 409,
    PreconditionFailed: 412,
}
PROBLEM_TYPES = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    409: "conflict",
    412: "precondition-failed",
    413: "too-large",
    422: "invalid-input",
    429: "rate-limited",
    503: "unavailable",
    504: "timeout",
}


def status_for(exc: OrgnetError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def problem_response(
    status: int,
    title: str,
    detail: str,
    request: Request,
    errors: list | None = None,
    headers: dict[str, str] | None = None,
    members: dict | None = None,
) -> JSONResponse:
    """An RFC 9457 body; ``members`` are extension members (they cannot replace the standard ones)."""
    body = {
        **{k: v for k, v in (members or {}).items() if k not in ("type", "title", "status", "detail", "instance")},
        "type": f"https://orgnet.example/problems/{PROBLEM_TYPES.get(status, 'error')}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type="application/problem+json", headers=headers)


def request_id(request: Request) -> str:
    """The request's id for the log and the ``X-Request-Id`` header: the one
    :class:`~orgnet.api.guard.ResponseHeadersMiddleware` gave it (``request.state.request_id``), else the
    caller's ``X-Request-Id`` (at most 64 safe characters), else a new one."""
    rid = getattr(request.state, "request_id", None)
    if not rid:
        given = request.headers.get("x-request-id", "")
        ok = 0 < len(given) <= 64 and all(c.isalnum() or c in "-_.:" for c in given)
        rid = given if ok else uuid.uuid4().hex[:16]
        request.state.request_id = rid
    return rid


def problem_for_error(exc: OrgnetError, request: Request) -> JSONResponse:
    """The problem response of ``exc``: the one builder, used by the exception handler and by the
    ASGI guard middleware (orgnet/api/guard.py), which refuses requests before they reach a route.

    Its headers: ``Retry-After`` from ``retry_after_s``; ``WWW-Authenticate: Bearer`` on a 401;
    the current ``ETag`` (and ``current_version``) on a failed ``If-Match``; ``X-Request-Id`` on a
    5xx, which is logged with it."""
    status = status_for(exc)
    headers: dict[str, str] = {}
    if status >= 500:
        rid = request_id(request)
        headers["X-Request-Id"] = rid
        log.warning("%s %s on %s %s [request %s]: %s", status, type(exc).__name__, request.method, request.url.path, rid, exc.detail)
    retry_after = getattr(exc, "retry_after_s", None)
    if retry_after:
        headers["Retry-After"] = str(retry_after)
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    members = dict(exc.members) if exc.members else None  # e.g. a stopped write's `written`, `retry_safe`
    if isinstance(exc, PreconditionFailed) and exc.current_version:
        # RFC 9110 §13.1.1: the client re-reads; the current version saves it the round trip
        headers["ETag"] = f'"{exc.current_version}"'
        members = {**(members or {}), "current_version": exc.current_version}
    return problem_response(status, exc.title, exc.detail, request, exc.errors, headers=headers or None, members=members)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(OrgnetError)
    async def _orgnet(request: Request, exc: OrgnetError) -> JSONResponse:
        return problem_for_error(exc, request)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"field": ".".join(str(x) for x in e["loc"]), "reason": e["msg"]} for e in exc.errors()[:200]]
        return problem_response(422, "Invalid input", "The request has invalid fields.", request, errors)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Anything not an OrgnetError is a bug: logged with its traceback and the request id, and
        # answered as problem details with no Python text (Starlette re-raises it afterwards).
        rid = request_id(request)
        log.error("500 %s on %s %s [request %s]", type(exc).__name__, request.method, request.url.path, rid, exc_info=exc)
        return problem_response(
            500, "Internal error", f"An unexpected error; the server log has it under request {rid}.", request, headers={"X-Request-Id": rid}
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        return problem_response(exc.status_code, str(exc.detail), str(exc.detail), request, headers=headers or None)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers on this path (RFC 9110 `Allow`).

    Starlette's own 405 names the methods of the first route whose path matches, so a path served
    by two routes (GET and POST of one query) would advertise only one of them."""
    from fastapi.routing import iter_route_contexts
    from starlette.routing import Match

    methods: set[str] = set()
    for route in iter_route_contexts(request.app.routes):
        if route.methods and route.matches(dict(request.scope))[0] != Match.NONE:  # PARTIAL: path matches, method not
            methods |= set(route.methods)
    return sorted(methods)
