"""The HTTP guard: what every request passes before any route sees it (pure ASGI middleware).

From the outside in::

    ResponseHeaders   every response carries ``X-Request-Id`` (the caller's own when it is a short
                      safe token, else a new one; the log lines of a 5xx name it), and nosniff,
                      no-store, frame and referrer policy (errors too)
    TrustedHost       a Host header that is not ours → 400 (DNS rebinding: a page on evil.example
                      whose name now resolves to 127.0.0.1 must not read the local API)
    Authentication    a bad or unknown token → 401 on every path; too many from one address, or
                      one token failing too often → 429 (orgnet.api.failed_tokens, shared by the
                      workers); no token where anonymous callers are not viewers → 401 on /v1.
                      An account token (``<id>.<secret>``) is looked up in Neo4j (orgnet.accounts)
    BodyLimit         a body larger than its route's limit → 413, without reading it: a declared
                      Content-Length is refused at once, a chunked body when it crosses the limit

so a request is authenticated before one byte of its body is read.  Their refusals are problem
details built by :func:`orgnet.api.problems.problem_for_error` (the one builder of problem responses).
The client address the limits count is the connection's own, unless the connection comes from one
of ``API_TRUSTED_PROXIES`` (uvicorn's ``ProxyHeadersMiddleware``, added in orgnet/api/main.py).
"""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

from cachetools import TTLCache
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from orgnet.api.deps import NEEDS_TOKEN_DETAIL, UNKNOWN_TOKEN_DETAIL, authenticate, bearer_token, is_account_token
from orgnet.api.failed_tokens import FailedTokens
from orgnet.api.limits import state_directory
from orgnet.api.problems import problem_for_error, request_id
from orgnet.errors import Forbidden, OrgnetError, PayloadTooLarge, RateLimited, Unauthorized, UntrustedHost
from orgnet.settings import Settings, get_settings

# Routes whose bodies may be larger than MAX_BODY_BYTES, with the setting that limits them.
IMPORT_PATH = "/v1/import"
EXCHANGE_PATH = "/v1/exchange"
SHEETS_PATH = "/v1/imports"
MIB = 1_048_576

# Cheap headers a mature API sends on everything.  The dashboard sets its own, stricter
# Content-Security-Policy (orgnet/api/routes/dashboard.py).
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
API_CSP = "default-src 'none'; frame-ancestors 'none'"
# Swagger UI and ReDoc (orgnet/api/docs_pages.py) load every file from this server: their pages start
# them with an inline script and ReDoc searches in a blob: worker; nothing may leave the server.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")
# No token needed even where anonymous callers are not viewers: the enrolment code is the credential.
OPEN_PATHS = frozenset({"/v1/field/enrol"})
# All a field account (one person's phone, issue 26) may call; every other path: 403, whatever it is.
FIELD_VISIT_KINDS = ("enterprise_visits", "checkpoint_shifts", "household_visits", "family_visits")
FIELD_PATHS = frozenset({"/v1/me", "/v1/me/work", "/v1/me/record", "/v1/me/visits/{kind}", "/health", "/ready"})
FIELD_ONLY = Forbidden("A field account may call only its own routes (/v1/me, /v1/me/work, /v1/me/record, /v1/me/visits/{kind}).")


def field_may_call(path: str) -> bool:
    """Whether a field account may call ``path`` (deny by default).

    >>> field_may_call("/v1/me/work"), field_may_call("/m/app.js"), field_may_call("/v1/gaps/enterprise_pairing"), field_may_call("/v1/me/../gaps")
    (True, True, False, False)
    >>> field_may_call("/v1/me/visits/checkpoint_shifts"), field_may_call("/v1/me/visits/{kind}"), field_may_call("/v1/me/visits/pairings")
    (True, False, False)
    """
    if path.startswith("/v1/me/visits/"):
        return path.removeprefix("/v1/me/visits/") in FIELD_VISIT_KINDS
    return path in FIELD_PATHS or (path.startswith("/m/") and ".." not in path)


def current_settings(scope: Scope) -> Settings:
    """The app's settings as its routes see them (tests swap them through ``dependency_overrides``)."""
    app = scope.get("app")
    override = getattr(app, "dependency_overrides", {}).get(get_settings) if app is not None else None
    if override is not None:
        return override()
    state = getattr(app, "state", None)
    return getattr(state, "settings", None) or get_settings()


def _has_body(scope: Scope) -> bool:
    headers = Headers(scope=scope)
    return "transfer-encoding" in headers or (headers.get("content-length") or "0").strip() not in ("", "0")


async def _refuse(exc: OrgnetError, scope: Scope, receive: Receive, send: Send) -> None:
    """Answer with ``exc``'s problem; the body (never read here) closes the connection."""
    await problem_for_error(exc, Request(scope))(scope, receive, _closing(send) if _has_body(scope) else send)


class ResponseHeadersMiddleware:
    """Gives each request its id (:func:`orgnet.api.problems.request_id`: the caller's
    ``X-Request-Id`` when it is a short safe token, else a new one) in ``request.state.request_id``,
    and adds to every response, the guard's refusals and a 503 of a Neo4j found down included:
    ``X-Request-Id`` (a 5xx can always be found in the log), :data:`SECURITY_HEADERS`,
    ``Cache-Control: no-store`` on every /v1 response (personal data must not stay in a browser's
    or a proxy's cache) and on any response that sets no caching of its own, and a CSP where the
    response sets none (``default-src 'none'``; the docs pages' :data:`DOCS_CSP`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        rid = request_id(Request(scope))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Request-Id"] = rid
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if path.startswith("/v1/") or "cache-control" not in headers:
                    headers["Cache-Control"] = "no-store"
                if "content-security-policy" not in headers:
                    headers["Content-Security-Policy"] = DOCS_CSP if path.startswith(DOCS_PATHS) else API_CSP
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ProblemTrustedHostMiddleware:
    """Starlette's :class:`TrustedHostMiddleware` decides; its plain-text refusal becomes a problem."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: list[str]) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.checker = TrustedHostMiddleware(self._host_ok, allowed_hosts=allowed_hosts, www_redirect=False)

    async def _host_ok(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["orgnet.host_ok"] = True
        await self.app(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return

        async def send_unless_refused(message: Message) -> None:
            if scope.get("orgnet.host_ok"):
                await send(message)  # the app's own response; the checker's is dropped below

        await self.checker(scope, receive, send_unless_refused)
        if not scope.get("orgnet.host_ok"):
            host = Headers(scope=scope).get("host", "")
            await _refuse(
                UntrustedHost(f"This API does not answer to the host name {host[:100]!r}; add it to API_ALLOWED_HOSTS if clients really use it."),
                scope,
                receive,
                send,
            )


class AuthenticationMiddleware:
    """Checks the ``Authorization`` header on every path; leaves the caller's
    :class:`~orgnet.accounts.store.Identity` (None: anonymous) in ``request.state.caller_identity``.

    What a token costs (the hot path of every authenticated read): the lockout check of
    :class:`~orgnet.api.failed_tokens.FailedTokens` (memory), then the identity.  A token found
    unknown for good (:class:`~orgnet.api.deps.RefusedToken` ``lasting``: no such account, a wrong
    secret) is remembered for :data:`UNKNOWN_FOR_S` in this worker (a cachetools ``TTLCache``:
    sent again, it is refused without a database read or an Argon2 check), and requests that carry
    the same token while it is being checked wait for that one check instead of each running their
    own (64 at once cost one Argon2 verification, not 64).  A per-worker cache is right here: an
    unknown token does not become valid (its secret is random), and each worker's first miss is
    counted by the shared limits anyway."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # both used on the event loop only (no lock needed): token digest → True, and the checks under way
        self.unknown: TTLCache = TTLCache(maxsize=UNKNOWN_MAX, ttl=UNKNOWN_FOR_S)
        self.checking: dict[str, asyncio.Future] = {}
        self._failures: FailedTokens | None = None

    def failures(self, scope: Scope, settings: Settings) -> FailedTokens:
        if self._failures is None:
            self._failures = FailedTokens(
                state_directory(scope["app"], settings),
                per_address=settings.auth_failures_max,
                per_token=settings.auth_token_failures_max,
                window_s=settings.auth_failure_window_s,
            )
        return self._failures

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        settings = current_settings(scope)
        authorization = Headers(scope=scope).get("authorization")
        state = scope.setdefault("state", {})
        if authorization is None:
            if not settings.anonymous_viewers and scope.get("path", "").startswith("/v1/") and scope.get("path") not in OPEN_PATHS:
                await _refuse(NEEDS_TOKEN, scope, receive, send)
                return
            state["caller_identity"] = None
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        token = bearer_token(authorization)  # the header as a bearer token, or the header itself when it is none
        digest = hashlib.sha256((f"Bearer {token}" if token else authorization).encode()).hexdigest()
        failures = self.failures(scope, settings)
        retry_after = failures.refused(client, digest)
        if retry_after is not None:
            await _refuse(
                RateLimited(
                    f"Too many unknown tokens from your address, or this token failed too often; try again in {retry_after} s.", retry_after_s=retry_after
                ),
                scope,
                receive,
                send,
            )
            return
        try:
            if digest in self.unknown:
                raise Unauthorized(UNKNOWN_TOKEN_DETAIL)
            identity = await self._identify_once(scope, settings, authorization, digest)
        except Unauthorized as e:
            if getattr(e, "lasting", True):
                self.unknown[digest] = True
            await run_in_threadpool(failures.record, client, digest)
            await _refuse(e, scope, receive, send)
            return
        except OrgnetError as e:  # Neo4j down while looking the account up: 503, not a failed guess
            await _refuse(e, scope, receive, send)
            return
        if identity is not None and identity.role == "field" and not field_may_call(scope.get("path", "")):
            await _refuse(FIELD_ONLY, scope, receive, send)
            return
        state["caller_identity"] = identity
        await self.app(scope, receive, send)

    async def _identify_once(self, scope: Scope, settings: Settings, authorization: str, digest: str) -> Any:
        """:meth:`_identify`, once for all the requests carrying this token at the same moment."""
        loop = asyncio.get_running_loop()
        pending = self.checking.get(digest)
        if pending is not None and pending.get_loop() is not loop:
            # one app served from two event loops (a test's client beside a live server): a future
            # cannot be awaited across loops, so this loop checks for itself
            return await self._identify(scope, settings, authorization)
        if pending is not None:
            try:
                return await asyncio.shield(pending)
            except asyncio.CancelledError:
                if not pending.cancelled():  # this request was cancelled, not the check it waited for
                    raise
            return await self._identify(scope, settings, authorization)  # the first request went away: check here
        pending = self.checking[digest] = loop.create_future()
        try:
            identity = await self._identify(scope, settings, authorization)
        except Exception as e:
            pending.set_exception(e)
            pending.exception()  # retrieved: nobody else may be waiting
            raise
        except BaseException:  # cancelled (the client went away): the waiting requests check for themselves
            pending.cancel()
            raise
        else:
            pending.set_result(identity)
            return identity
        finally:
            del self.checking[digest]

    @staticmethod
    async def _identify(scope: Scope, settings: Settings, authorization: str) -> Any:
        """The caller's identity; an account token is looked up in Neo4j (in a worker thread: the
        driver blocks), a bootstrap token (``API_TOKENS``) or a malformed one is decided here."""
        graph = getattr(getattr(scope.get("app"), "state", None), "graph", None)
        if graph is not None and is_account_token(bearer_token(authorization)):
            return await run_in_threadpool(authenticate, settings, authorization, graph=graph)
        return authenticate(settings, authorization)


UNKNOWN_FOR_S = 60
"""How long a worker answers an unknown token from memory (:class:`AuthenticationMiddleware`)."""
UNKNOWN_MAX = 10_000


NEEDS_TOKEN = Unauthorized(NEEDS_TOKEN_DETAIL)


def body_limit(settings: Settings, path: str) -> tuple[int, str]:
    """The largest body ``path`` accepts, and what to say when one is larger."""
    if path == IMPORT_PATH:
        return settings.import_max_bytes, (
            f"The bundle is larger than {settings.import_max_bytes / MIB:g} MiB (IMPORT_MAX_BYTES). Load a large "
            f"bundle with `orgnet import FILE` on the server, or send it in chunks of at most "
            f"{settings.import_max_records:,} records."
        )
    if path == SHEETS_PATH:
        return (
            settings.sheet_max_upload_bytes,
            f"The spreadsheet is larger than {settings.sheet_max_upload_bytes / MIB:g} MiB (SHEET_MAX_UPLOAD_BYTES): split it.",
        )
    if path == EXCHANGE_PATH:  # a province's file down to its towns is a few MiB
        return settings.import_max_bytes, (
            f"The exchange file is larger than {settings.import_max_bytes / MIB:g} MiB (IMPORT_MAX_BYTES): import it with "
            "`orgnet exchange import FILE` on the receiving server, or publish a higher level."
        )
    return settings.max_body_bytes, f"The request body is larger than {settings.max_body_bytes:,} bytes (MAX_BODY_BYTES)."


class _BodyTooLarge(PayloadTooLarge):
    """Raised from ``receive`` when a streamed body crosses its limit."""


class BodyLimitMiddleware:
    """Refuses a body above its route's limit (:func:`body_limit`) with 413, reading at most the limit.

    A declared ``Content-Length`` above it is refused before the app runs.  A chunked body (no
    length) is counted as the app receives it; the chunk that crosses the limit raises in
    ``receive``, and whatever the app makes of that (FastAPI turns errors while reading into 400),
    the client gets the 413.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, detail = body_limit(current_settings(scope), scope.get("path", ""))
        declared = Headers(scope=scope).get("content-length")
        has_body = _has_body(scope)
        # a response sent before the body was read whole closes the connection: otherwise the server
        # would go on reading (and dropping) the rest of it to keep the connection alive
        send_closing = _closing(send) if has_body else send
        if declared is not None and declared.strip().isdigit() and int(declared) > limit:
            await _refuse(PayloadTooLarge(detail), scope, receive, send)
            return
        received = 0
        state: dict[str, Any] = {"exceeded": False, "started": False, "replaced": False, "body_done": not has_body}

        async def limited_receive() -> Message:
            nonlocal received
            if state["exceeded"]:
                raise _BodyTooLarge(detail)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    state["exceeded"] = True
                    raise _BodyTooLarge(detail)
                state["body_done"] = not message.get("more_body", False)
            return message

        async def guarded_send(message: Message) -> None:
            if state["replaced"]:
                return
            if message["type"] == "http.response.start" and state["exceeded"]:
                state["replaced"] = True
                await _refuse(PayloadTooLarge(detail), scope, receive, send)
                return
            state["started"] = True
            await (send if state["body_done"] else send_closing)(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _BodyTooLarge:
            if state["started"]:
                raise
            if not state["replaced"]:
                await _refuse(PayloadTooLarge(detail), scope, receive, send)


def _closing(send: Send) -> Send:
    """``send`` with ``Connection: close`` on the response start."""

    async def send_closing(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message)["Connection"] = "close"
        await send(message)

    return send_closing
