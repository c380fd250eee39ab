"""Idempotency keys of POSTs (``Idempotency-Key``, draft-ietf-httpapi-idempotency-key-header).

The first request with a key writes, and in the same transaction stores ``(:IdempotencyKey)``
with a fingerprint of the request (method, path, body) and its answer.  Its ``id`` has a
uniqueness constraint, and the ``MERGE`` on it is the transaction's *first* statement: of two
concurrent duplicates, the second waits on the first's lock, then finds the key, writes nothing
and replays the stored answer.  The same key with another request is refused (422).  Keys are
per caller (an account, or a role for the bootstrap tokens), so two callers never share one.

>>> fingerprint("POST", "/v1/records/pairings", {"b": 1, "a": 2}) == fingerprint("POST", "/v1/records/pairings", {"a": 2, "b": 1})
True
>>> scoped_key("planner-1", "abc")
'planner-1:abc'
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

import neo4j

from orgnet.errors import DatabaseUnavailable, InvalidInput, OrgnetError, QueryTimeout, explain_stopped_write
from orgnet.graph.db import Graph

MAX_KEY_LENGTH = 200
KEY_PATTERN = r"^[!-~]+$"
"""Visible ASCII (a UUID, a ULID, ...): a key is an opaque token, not text."""

CLAIM = """
MERGE (k:IdempotencyKey {id: $id})
ON CREATE SET k.fingerprint = $fingerprint, k.created_at = datetime(), k.new = true
WITH k, coalesce(k.new, false) AS new
REMOVE k.new
RETURN new, k.fingerprint AS fingerprint, k.status AS status, k.response AS response
"""
STORE = "MATCH (k:IdempotencyKey {id: $id}) SET k.status = $status, k.response = $response"
READ = "MATCH (k:IdempotencyKey {id: $id}) RETURN k.fingerprint AS fingerprint, k.status AS status, k.response AS response"


def fingerprint(method: str, path: str, body: Any) -> str:
    raw = json.dumps([method.upper(), path, body], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def scoped_key(caller_key: str, key: str) -> str:
    return f"{caller_key}:{key}"


def check_key(key: str) -> str:
    """The header's value, or :class:`InvalidInput` for an empty or overlong one."""
    if not re.fullmatch(KEY_PATTERN, key) or len(key) > MAX_KEY_LENGTH:
        raise InvalidInput(
            "Idempotency-Key is 1 to 200 visible ASCII characters.",
            errors=[{"field": "Idempotency-Key", "reason": f"1..{MAX_KEY_LENGTH} visible ASCII characters"}],
        )
    return key


@dataclass
class Replay(Exception):
    """Raised inside a write transaction that found its key already used: rolled back, nothing written."""

    status: int
    response: Any


def claim(tx: neo4j.ManagedTransaction, *, key_id: str, fingerprint_: str) -> None:
    """The first statement of a keyed write: claim the key, or raise :class:`Replay` / :class:`InvalidInput`."""
    row = tx.run(CLAIM, {"id": key_id, "fingerprint": fingerprint_}).single()
    if row is None or row["new"]:
        return
    if row["fingerprint"] != fingerprint_:
        raise _reused()
    raise Replay(status=row["status"] or 200, response=json.loads(row["response"]) if row["response"] else None)


def store(tx: neo4j.ManagedTransaction, *, key_id: str, status: int, response: Any) -> None:
    tx.run(STORE, {"id": key_id, "status": status, "response": json.dumps(response, ensure_ascii=False, default=str)}).consume()


def update(graph: Graph, *, key_id: str, status: int, response: Any) -> None:
    """The final answer (with the summaries' refresh), replacing the one stored with the write."""
    try:
        graph.write(STORE, {"id": key_id, "status": status, "response": json.dumps(response, ensure_ascii=False, default=str)})
    except OrgnetError:
        pass  # the write and its first answer are stored; a replay then lacks only the refresh's report


def lookup(graph: Graph, *, key_id: str, fingerprint_: str) -> Replay | None:
    """A stored answer for this key before any write is tried (the common double click)."""
    rows = graph.read(READ, {"id": key_id})
    if not rows:
        return None
    if rows[0]["fingerprint"] != fingerprint_:
        raise _reused()
    if rows[0]["status"] is None:
        return None  # claimed by a transaction that has not committed: cannot be, a claim commits with its answer
    return Replay(status=rows[0]["status"], response=json.loads(rows[0]["response"]) if rows[0]["response"] else None)


def _reused() -> InvalidInput:
    return InvalidInput(
        "This Idempotency-Key was used for another request; use a new key for a new request.",
        errors=[{"field": "Idempotency-Key", "reason": "already used with another method, path or body"}],
    )


P = ParamSpec("P")
R = TypeVar("R")


def says_what_was_written(write: Callable[P, R]) -> Callable[P, R]:
    """``write`` (a workflow write) whose database errors (503, 504) say whether it was written and
    whether sending it again is safe (:func:`orgnet.errors.explain_stopped_write`), keyed when its
    ``idem`` argument is given.

    For functions whose one write transaction is their last database step (reads before it write
    nothing; the refresh after it never raises), so the write's own transaction decides.  A
    journaled import (``atomic=False``) commits batch by batch and says so itself (``ImportIncomplete``).
    """

    @functools.wraps(write)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return write(*args, **kwargs)
        except (DatabaseUnavailable, QueryTimeout) as e:
            if kwargs.get("atomic", True) is not False:
                explain_stopped_write(e, keyed=kwargs.get("idem") is not None)
            raise

    return checked
