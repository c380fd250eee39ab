"""Field accounts (issue 26): one person's phone, bound to that person (a cadre or a party member).

A planner creates the account for a person inside their scope; it has no token yet.  What the planner
gets is an **enrolment code** (shown as a link and a QR code), valid ``FIELD_ENROLMENT_HOURS`` (24 h)
and good for one use: the phone sends it to ``POST /v1/field/enrol`` and gets the account's device
token (``<account id>.<secret>``, stored as an Argon2id hash like every account token).  A new code
(a lost phone) gives a new token when used, and the old one stops working; a revoke ends the
account and its unused codes at once.

``(:FieldEnrolment {code_hash, account_id, expires_at, used_at})``: the code is 144 random bits, so
its SHA-256 is enough to find it by (no Argon2: nothing guessable to protect), and a database copy
holds no usable code.  A code is taken under its write lock, so two phones racing with one code get
one token between them.

>>> len(new_code()), new_code() != new_code()
(24, True)
>>> code_hash("abc") == code_hash("abc")
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from orgnet.accounts import store, tokens
from orgnet.errors import InvalidInput, NotFound
from orgnet.graph.db import Graph

FIELD_PERSON_TYPES = {"cadre": "Cadre", "party_member": "PartyMember"}
"""Whom a field account may be bound to, and their label."""

SCHEMA = "CREATE CONSTRAINT field_enrolment_code IF NOT EXISTS FOR (n:FieldEnrolment) REQUIRE n.code_hash IS UNIQUE"


def new_code() -> str:
    return secrets.token_urlsafe(18)


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def person_region(graph: Graph, *, person_type: str, person_id: str) -> str:
    """The region the person belongs to (a cadre's jurisdiction, a member's home); NotFound otherwise."""
    label = FIELD_PERSON_TYPES.get(person_type)
    if label is None:
        raise InvalidInput(
            "A field account is for a cadre or a party member.", errors=[{"field": "person_type", "reason": f"one of {', '.join(FIELD_PERSON_TYPES)}"}]
        )
    rows = graph.read(f"MATCH (p:{label} {{id: $id}}) RETURN p.region_id AS region", {"id": person_id})
    if not rows or not rows[0]["region"]:
        raise NotFound("No such person.")
    return rows[0]["region"]


def _enrolment(graph: Graph, *, account_id: str, hours: int) -> dict[str, Any]:
    """A fresh code for the account (earlier unused codes of it stop working)."""
    code = new_code()
    expires = store.iso_utc(store.utc_now() + dt.timedelta(hours=hours))
    graph.write(SCHEMA)
    graph.write(
        """
        MATCH (a:Account {id: $account})
        OPTIONAL MATCH (old:FieldEnrolment {account_id: $account}) WHERE old.used_at IS NULL
        SET old.used_at = $now, old.superseded = true
        WITH DISTINCT a
        CREATE (e:FieldEnrolment {code_hash: $hash, account_id: $account, expires_at: $expires, created_at: $now})
        """,
        {"account": account_id, "hash": code_hash(code), "expires": expires, "now": store.iso_utc(store.utc_now())},
    )
    return {"code": code, "expires_at": expires}


def create_field_account(
    graph: Graph, *, person_type: str, person_id: str, name: str, created_by: str | None, hours: int = 24
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The account (public view, with its person) and its first enrolment code."""
    region = person_region(graph, person_type=person_type, person_id=person_id)
    clean = (name or "").strip()
    if not clean or len(clean) > store.MAX_NAME:
        raise InvalidInput("The account needs a name.", errors=[{"field": "name", "reason": f"1 to {store.MAX_NAME} characters"}])
    store.ensure_schema(graph)
    account_id = tokens.new_account_id()
    props = {
        "id": account_id,
        "name": clean,
        "role": "field",
        "scope": [region],
        "person_type": person_type,
        "person_id": person_id,
        "created_at": store.iso_utc(store.utc_now()),
        "created_by": created_by,
        "expires_at": None,
        "disabled": False,
    }
    graph.write("CREATE (a:Account) SET a = $props", {"props": props})
    return field_view(props), _enrolment(graph, account_id=account_id, hours=hours)


def field_view(account: dict[str, Any]) -> dict[str, Any]:
    return {
        **store.public_view(account),
        "person_type": account.get("person_type"),
        "person_id": account.get("person_id"),
        "enrolled_at": account.get("enrolled_at"),
    }


def get_field_account(graph: Graph, *, account_id: str) -> dict[str, Any]:
    rows = graph.read("MATCH (a:Account {id: $id, role: 'field'}) RETURN a {.*} AS a", {"id": account_id})
    if not rows:
        raise NotFound("No such account.")
    return field_view(rows[0]["a"])


def list_field_accounts(graph: Graph, *, limit: int = 500) -> list[dict[str, Any]]:
    """Every field account (newest first), with its region (``scope[0]``) and whether a code is open."""
    rows = graph.read(
        """
        MATCH (a:Account {role: 'field'})
        RETURN a {.*, region_id: a.scope[0],
                  open_code: EXISTS { MATCH (e:FieldEnrolment {account_id: a.id}) WHERE e.used_at IS NULL AND e.expires_at > $now }} AS a
        ORDER BY a.created_at DESC, a.id LIMIT $limit
        """,
        {"now": store.iso_utc(store.utc_now()), "limit": limit},
    )
    return [{**field_view(r["a"]), "region_id": r["a"]["region_id"], "open_code": r["a"]["open_code"]} for r in rows]


def new_enrolment(graph: Graph, *, account_id: str, hours: int = 24) -> dict[str, Any]:
    """Another code for a field account (a new phone); refused for a revoked one."""
    account = get_field_account(graph, account_id=account_id)
    if account["disabled"]:
        raise InvalidInput("A revoked account gets no new code; create a new account.", errors=[{"field": "id", "reason": "revoked"}])
    return _enrolment(graph, account_id=account_id, hours=hours)


_TAKE = """
MATCH (e:FieldEnrolment {code_hash: $hash})
SET e._lock = true REMOVE e._lock
WITH e WHERE e.used_at IS NULL AND e.expires_at > $now
MATCH (a:Account {id: e.account_id, role: 'field'}) WHERE NOT coalesce(a.disabled, false)
SET e.used_at = $now, a.token_hash = $hash_of_secret, a.enrolled_at = $now
RETURN a {.*} AS a
"""


def enrol(graph: Graph, *, code: str) -> tuple[dict[str, Any], str]:
    """Exchange a code for the account's device token (once); NotFound for an unknown, used or expired code."""
    if not isinstance(code, str) or not 8 <= len(code) <= 64:
        raise NotFound("This enrolment code is unknown, used or expired.")
    rows = graph.read("MATCH (e:FieldEnrolment {code_hash: $hash}) RETURN e.account_id AS account", {"hash": code_hash(code)})
    if not rows:
        raise NotFound("This enrolment code is unknown, used or expired.")
    token = tokens.new_token(rows[0]["account"])
    params = {"hash": code_hash(code), "now": store.iso_utc(store.utc_now()), "hash_of_secret": tokens.hash_secret(token.partition(".")[2])}

    def take(tx: Any) -> dict[str, Any] | None:
        found = tx.run(_TAKE, params).data()
        return found[0]["a"] if found else None

    account = graph.transact(take)
    if account is None:
        raise NotFound("This enrolment code is unknown, used or expired.")
    tokens.VERIFIED.forget_account(account["id"])  # a token of an earlier phone stops working at once
    return field_view(account), token


def revoke_field_account(graph: Graph, *, account_id: str) -> dict[str, Any]:
    """Revoke the account (its token stops working at once) and its unused codes."""
    get_field_account(graph, account_id=account_id)
    store.revoke_account(graph, account_id=account_id)
    graph.write(
        "MATCH (e:FieldEnrolment {account_id: $id}) WHERE e.used_at IS NULL SET e.used_at = $now, e.revoked = true",
        {"id": account_id, "now": store.iso_utc(store.utc_now())},
    )
    return get_field_account(graph, account_id=account_id)


def person_of(graph: Graph, *, account_id: str) -> dict[str, Any]:
    """The person a field account is bound to: ``{type, id, region_id, name}`` (the account's name)."""
    rows = graph.read(
        "MATCH (a:Account {id: $id, role: 'field'}) RETURN a.person_type AS type, a.person_id AS id, a.scope[0] AS region_id, a.name AS name",
        {"id": account_id},
    )
    if not rows or not rows[0]["id"]:
        raise NotFound("No such account.")
    return rows[0]
