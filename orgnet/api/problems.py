"""The one place where errors become HTTP responses (RFC 9457 problem details)."""

from __future__ import annotations

import logging
import uuid

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from orgnet.errors import (
    DatabaseError,
    DatabaseUnavailable,
    Forbidden,
    InvalidInput,
    LocalServerError,
    NotFound,
    OrgnetError,
    QueryTimeout,
    PayloadTooLarge,
    RateLimited,
    ServiceBusy,
    SummariesUnavailable,
    Unauthorized,
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
}
PROBLEM_TYPES = {404: "not-found", 422: "invalid-input", 403: "forbidden", 401: "unauthorized", 504: "timeout", 503: "unavailable", 429: "rate-limited", 413: "too-large"}


def status_for(exc: OrgnetError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def problem_response(
    status: int, title: str, detail: str, request: Request, errors: list | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {
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
    """The request's id for the log and the ``X-Request-Id`` header: one set by a middleware
    (``request.state.request_id``), else the caller's ``X-Request-Id`` (at most 64 safe
    characters), else a new one."""
    rid = getattr(request.state, "request_id", None)
    if not rid:
        given = request.headers.get("x-request-id", "")
        ok = 0 < len(given) <= 64 and all(c.isalnum() or c in "-_.:" for c in given)
        rid = given if ok else uuid.uuid4().hex[:16]
        request.state.request_id = rid
    return rid


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(OrgnetError)
    async def _orgnet(request: Request, exc: OrgnetError) -> JSONResponse:
        status = status_for(exc)
        headers: dict[str, str] = {}
        if status >= 500:
            rid = request_id(request)
            headers["X-Request-Id"] = rid
            log.warning("%s %s on %s %s [request %s]: %s", status, type(exc).__name__, request.method, request.url.path, rid, exc.detail)
        retry_after = getattr(exc, "retry_after_s", None)
        if retry_after:
            headers["Retry-After"] = str(retry_after)
        return problem_response(status, exc.title, exc.detail, request, exc.errors, headers=headers or None)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": ".".join(str(x) for x in e["loc"]), "reason": e["msg"]} for e in exc.errors()[:200]
        ]
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
        return problem_response(exc.status_code, str(exc.detail), str(exc.detail), request)
