"""The one exception hierarchy of orgnet.

Every error a caller can act on is an :class:`OrgnetError`.  Driver errors are
wrapped (``raise ... from e``) at the database boundary, and the API maps these
classes to HTTP status codes in exactly one place (``orgnet.api.problems``).
"""

from __future__ import annotations

from typing import Any


class OrgnetError(Exception):
    """Base class: something orgnet can explain to its user."""

    title = "orgnet error"

    def __init__(self, detail: str, *, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []


class NotFound(OrgnetError):
    """An id, metric, query or route that does not exist."""

    title = "Not found"


class InvalidInput(OrgnetError):
    """The caller sent something malformed; ``errors`` names record, field and reason."""

    title = "Invalid input"


class DatabaseUnavailable(OrgnetError):
    """Neo4j cannot be reached or refused the credentials."""

    title = "Database unavailable"


class QueryTimeout(OrgnetError):
    """A read exceeded its transaction timeout."""

    title = "Query timed out"


class DatabaseError(OrgnetError):
    """Neo4j rejected a statement for a reason that is not the caller's fault."""

    title = "Database error"


class LocalServerError(OrgnetError):
    """The local Neo4j server could not be installed, started or stopped."""

    title = "Local Neo4j server error"


class Forbidden(OrgnetError):
    """The caller's role may not see or do this."""

    title = "Forbidden"


class Unauthorized(OrgnetError):
    """The caller sent a token orgnet does not know."""

    title = "Unauthorized"


class SummariesUnavailable(OrgnetError):
    """Stored coverage summaries were asked for explicitly but are stale, missing or from another policy."""

    title = "Coverage summaries unavailable"


class RateLimited(OrgnetError):
    """Too many requests of this kind from this caller, or overall; ``retry_after_s`` says when to try again."""

    title = "Too many requests"

    def __init__(self, detail: str, *, retry_after_s: int = 1, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(detail, errors=errors)
        self.retry_after_s = max(1, int(retry_after_s))


class PayloadTooLarge(OrgnetError):
    """A request body (or a bundle's record count) above the configured limit; nothing was read into memory whole."""

    title = "Payload too large"


class ServiceBusy(OrgnetError):
    """The server is at its limit for this kind of work, or the request ran out of its time budget."""

    title = "Service busy"

    def __init__(self, detail: str, *, retry_after_s: int = 5, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(detail, errors=errors)
        self.retry_after_s = max(1, int(retry_after_s))


class UntrustedHost(OrgnetError):
    """The request's ``Host`` header names a host the API does not serve (API_ALLOWED_HOSTS)."""

    title = "Untrusted host"


class DatabaseDown(DatabaseUnavailable):
    """Neo4j was found unreachable moments ago: the request is refused without trying it again."""

    title = "Database unavailable"

    def __init__(self, detail: str, *, retry_after_s: int = 5, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(detail, errors=errors)
        self.retry_after_s = max(1, int(retry_after_s))


class ImportIncomplete(OrgnetError):
    """A batched import stopped after committing some of its batches; its journal (``ImportJob``)
    says how many rows are written, and rerunning the same import resumes it."""

    title = "Import incomplete"


class RequestBudgetExceeded(QueryTimeout):
    """A request used up its total time budget (``REQUEST_BUDGET_S``) across all its queries: a
    timeout like :class:`QueryTimeout` (504), not a busy server: retrying the same request at once
    would take as long again."""

    title = "Request time budget exceeded"


class HeldAtSource(OrgnetError):
    """Items asked for on an instance that only received the region's aggregate figures
    (``orgnet/exchange``): the items stay at the instance that published them."""

    title = "Data held at the source"


class Conflict(OrgnetError):
    """The record to create exists already (same id, or an assignment with the same ends and ``since``)."""

    title = "Conflict"


class PreconditionFailed(OrgnetError):
    """``If-Match`` names a version of the record that is no longer the current one; ``current_version``
    is the one to read again (sent back as ``ETag``)."""

    title = "Precondition failed"

    def __init__(self, detail: str, *, current_version: str | None, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(detail, errors=errors)
        self.current_version = current_version
