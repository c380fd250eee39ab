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
    members: dict[str, Any] | None = None
    """Extension members of its problem details (RFC 9457 §3.2), e.g. a stopped write's ``written``."""

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
    commit_unknown = False
    """True when the connection was lost (or given up) after the transaction was sent to commit:
    Neo4j may or may not have written it (the driver's ``IncompleteCommit``)."""


class QueryTimeout(OrgnetError):
    """A read exceeded its transaction timeout."""

    title = "Query timed out"


class DatabaseError(OrgnetError):
    """Neo4j rejected a statement for a reason that is not the caller's fault."""

    title = "Database error"


class LocalServerError(OrgnetError):
    """The local Neo4j server could not be installed, started or stopped."""

    title = "Local Neo4j server error"


class BrowserNotOffline(LocalServerError):
    """The local server's Neo4j Browser jar is not one orgnet knows how to make offline (left unchanged)."""

    title = "Neo4j Browser not made offline"


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


class DatabaseNoAnswer(DatabaseUnavailable):
    """Neo4j did not answer a transaction within its timeout plus ``NEO4J_ANSWER_MARGIN_S``: orgnet
    closed its connection (the driver has no client-side read timeout) and marks Neo4j down, so
    the next requests get a 503 at once.  ``commit_unknown`` when it was waiting for a COMMIT."""

    title = "Database did not answer"

    def __init__(self, detail: str, *, retry_after_s: int = 5, commit_unknown: bool = False) -> None:
        super().__init__(detail)
        self.retry_after_s = max(1, int(retry_after_s))
        self.commit_unknown = commit_unknown


def explain_stopped_write(e: OrgnetError, *, keyed: bool) -> OrgnetError:
    """``e`` (a database error that stopped a write) saying what the client can know of the write.

    Adds the members ``written`` (``"no"``: no COMMIT was sent, or Neo4j answered with an error, so
    Neo4j rolled it back; ``"unknown"``: COMMIT was sent and no answer came) and ``retry_safe``
    (whether sending the same request again cannot write it twice: always after ``"no"``; after
    ``"unknown"`` only with the same Idempotency-Key, which replays the first answer if it was
    written), and says the same in ``detail``.

    >>> e = explain_stopped_write(DatabaseNoAnswer("Neo4j did not answer.", commit_unknown=True), keyed=True)
    >>> e.members
    {'written': 'unknown', 'retry_safe': True}
    >>> explain_stopped_write(DatabaseNoAnswer("Neo4j did not answer.", commit_unknown=True), keyed=False).members
    {'written': 'unknown', 'retry_safe': False}
    >>> explain_stopped_write(QueryTimeout("The query exceeded its timeout."), keyed=False).members
    {'written': 'no', 'retry_safe': True}
    """
    if e.members and "written" in e.members:
        return e  # said already (a write calling another)
    if not getattr(e, "commit_unknown", False):
        e.members = {"written": "no", "retry_safe": True}
        e.detail += " Nothing was written (Neo4j rolls back a transaction that was not committed): sending the same request again is safe."
    elif keyed:
        e.members = {"written": "unknown", "retry_safe": True}
        e.detail += (
            " The write was sent to commit and no answer came: it may or may not be written. Retrying with the same "
            "Idempotency-Key is safe: if it was written, the retry gets its first answer; if not, it is written once."
        )
    else:
        e.members = {"written": "unknown", "retry_safe": False}
        e.detail += (
            " The write was sent to commit and no answer came: it may or may not be written. Read the record before "
            "sending it again (a create that was written answers 409); a request with an Idempotency-Key can always be retried."
        )
    e.args = (e.detail,)
    return e


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


class QueryFileError(OrgnetError):
    """A query file breaks the header rules; the message names file and line."""

    title = "Invalid query file"
