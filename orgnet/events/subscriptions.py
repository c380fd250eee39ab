"""Subscriptions: where an account's events go — a webhook URL or an e-mail address — for regions of
its scope and the event types it chose.

A webhook's secret (for :mod:`orgnet.events.signing`) is shown once, when it is made or rotated;
it is stored (the server must sign with it) and never listed.  An e-mail subscription names its
language (``zh`` or ``en``) and a digest (``none``: one message per alert event; ``daily`` or
``weekly``: a digest instead, see :mod:`orgnet.events.mail`).  Every change of a subscription is in
the audit trail (``kind: subscriptions``).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from orgnet.errors import InvalidInput, NotFound
from orgnet.events.signing import new_secret
from orgnet.graph.db import Graph
from orgnet.writes import changes

SUBSCRIPTION_LABEL = "Subscription"
EVENT_TYPES = ("change", "alert.opened", "alert.acknowledged", "alert.resolved")
DEFAULT_EVENTS = ["alert.opened", "alert.acknowledged", "alert.resolved"]
PUBLIC_FIELDS = ("id", "name", "channel", "url", "email", "regions", "events", "lang", "digest", "owner", "created_at", "active", "next_digest_at")
DIGEST_PERIOD = {"daily": dt.timedelta(days=1), "weekly": dt.timedelta(days=7)}


EMAIL_PATTERN = r"^[^@\s<>,;\x00-\x1f\x7f]+@[^@\s<>,;\x00-\x1f\x7f]+$"
URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://"
# the rules between fields, in the schema as the model checks them (the document and the code agree)
_CONDITIONS = {
    "allOf": [
        {
            "if": {"properties": {"channel": {"const": "webhook"}}, "required": ["channel"]},
            "then": {"required": ["url"], "properties": {"url": {"type": "string"}, "digest": {"const": "none"}}},
        },
        {
            "if": {"properties": {"channel": {"const": "email"}}, "required": ["channel"]},
            "then": {"required": ["email"], "properties": {"email": {"type": "string"}}},
        },
    ]
}


class SubscriptionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra=_CONDITIONS)

    name: str = Field(default="", max_length=200, description="For people")
    channel: Literal["webhook", "email"]
    url: str | None = Field(default=None, max_length=2000, pattern=URL_PATTERN, description="webhook: http(s) URL that receives a signed POST per event")
    email: str | None = Field(default=None, max_length=320, pattern=EMAIL_PATTERN, description="email: the recipient's address")
    regions: list[str] | None = Field(default=None, max_length=50, description="Events of these regions (with their subtrees); default: the caller's scope")
    events: list[Literal["change", "alert.opened", "alert.acknowledged", "alert.resolved"]] = Field(
        default_factory=lambda: list(DEFAULT_EVENTS), min_length=1, description="Event types to deliver"
    )
    lang: Literal["zh", "en"] = Field(default="zh", description="email: the language of the messages")
    digest: Literal["none", "daily", "weekly"] = Field(default="none", description="email: one message per alert event, or a digest")

    @field_validator("url")
    @classmethod
    def _http(cls, v: str | None) -> str | None:
        if v is not None and not v.lower().startswith(("http://", "https://")):
            raise ValueError("an http:// or https:// URL")
        return v

    @field_validator("email")
    @classmethod
    def _address(cls, v: str | None) -> str | None:
        if v is not None and (not re.fullmatch(EMAIL_PATTERN, v) or any(c.isspace() for c in v)):  # as the document's pattern
            raise ValueError("an e-mail address (name@host)")
        return v

    @model_validator(mode="after")
    def _target(self) -> SubscriptionIn:
        if self.channel == "webhook" and not self.url:
            raise ValueError("webhook: url is required")
        if self.channel == "email" and not self.email:
            raise ValueError("email: email is required")
        if self.channel == "webhook" and self.digest != "none":
            raise ValueError("digest is for e-mail")
        return self


def parse_subscription(data: Any) -> SubscriptionIn:
    try:
        return SubscriptionIn.model_validate(data)
    except ValidationError as e:
        errors = [{"field": ".".join(str(x) for x in err["loc"]) or "(subscription)", "reason": err["msg"].removeprefix("Value error, ")} for err in e.errors()]
        raise InvalidInput("The subscription is not valid.", errors=errors) from e


def public(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: row.get(k) for k in PUBLIC_FIELDS}
    for key in ("created_at",):
        if hasattr(out[key], "isoformat"):
            out[key] = out[key].isoformat()
    return out


def next_digest(digest: str, *, after: dt.datetime, hour: int) -> str | None:
    """When a digest subscription's next digest is due: the next ``hour`` o'clock (UTC), a Monday for weekly.

    >>> next_digest("daily", after=dt.datetime(2026, 3, 4, 9, tzinfo=dt.UTC), hour=7)
    '2026-03-05T07:00:00+00:00'
    >>> next_digest("weekly", after=dt.datetime(2026, 3, 4, 9, tzinfo=dt.UTC), hour=7)  # a Wednesday
    '2026-03-09T07:00:00+00:00'
    """
    if digest == "none":
        return None
    at = after.replace(hour=hour, minute=0, second=0, microsecond=0)
    while at <= after or (digest == "weekly" and at.weekday() != 0):
        at += dt.timedelta(days=1)
    return at.isoformat()


def _audit(sub_id: str, action: str, *, account: str | None, role: str | None, path: str, after: Any, regions: list[str]) -> tuple[str, dict]:
    return changes.append_statement(
        [changes.change(kind="subscriptions", action=action, items=[sub_id], path=path, account=account, role=role, after=after, region_ids=regions)]  # type: ignore[arg-type]
    )


def create_subscription(
    graph: Graph, sub: SubscriptionIn, *, regions: list[str], account: str | None, role: str, personal: bool, digest_hour: int, path: str = "api"
) -> tuple[dict[str, Any], str | None]:
    """Store a subscription for ``regions`` (checked in scope by the caller); returns it and, for a
    webhook, its secret (shown this once)."""
    found = {r["id"] for r in graph.read("UNWIND $ids AS id MATCH (r:Region {id: id}) RETURN r.id AS id", {"ids": regions})}
    missing = [r for r in regions if r not in found]
    if missing or not regions:
        raise InvalidInput("Name regions that exist.", errors=[{"field": "regions", "reason": f"no such region: {', '.join(missing) or '(none given)'}"}])
    sid = "sub-" + uuid.uuid4().hex[:12]
    secret = new_secret() if sub.channel == "webhook" else None
    props = {
        **sub.model_dump(),
        "id": sid,
        "regions": regions,
        "owner": account,
        "owner_role": role,
        "personal": personal,
        "secret": secret,
        "active": True,
        "next_digest_at": next_digest(sub.digest, after=dt.datetime.now(dt.UTC), hour=digest_hour),
    }
    shown = {k: v for k, v in props.items() if k != "secret"}
    graph.write_many(
        [
            (f"CREATE (s:{SUBSCRIPTION_LABEL}) SET s = $props, s.created_at = datetime()", {"props": props}),
            _audit(sid, "create", account=account, role=role, path=path, after=shown, regions=regions),
        ]
    )
    return get_subscription(graph, sid), secret


def get_subscription(graph: Graph, sub_id: str, *, with_secret: bool = False) -> dict[str, Any]:
    rows = graph.read(f"MATCH (s:{SUBSCRIPTION_LABEL} {{id: $id}}) RETURN properties(s) AS s", {"id": sub_id})
    if not rows:
        raise NotFound("No such subscription.")
    return rows[0]["s"] if with_secret else public(rows[0]["s"])


def list_subscriptions(graph: Graph, *, owner: str | None, every: bool, after: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """The caller's own subscriptions (``every``: an admin's view of all of them)."""
    rows = graph.read(
        f"MATCH (s:{SUBSCRIPTION_LABEL}) WHERE ($every OR s.owner = $owner) AND ($after IS NULL OR s.id > $after) RETURN properties(s) AS s ORDER BY s.id LIMIT $limit",
        {"owner": owner, "every": every, "after": after, "limit": min(limit, 500)},
    )
    return [public(r["s"]) for r in rows]


def delete_subscription(graph: Graph, sub_id: str, *, account: str | None, role: str, path: str = "api") -> None:
    current = get_subscription(graph, sub_id)
    graph.write_many(
        [
            (f"MATCH (s:{SUBSCRIPTION_LABEL} {{id: $id}}) DETACH DELETE s", {"id": sub_id}),
            ("MATCH (d:Delivery {subscription_id: $id}) WHERE d.state = 'pending' SET d.state = 'cancelled'", {"id": sub_id}),
            _audit(sub_id, "delete", account=account, role=role, path=path, after=None, regions=current["regions"]),
        ]
    )


def rotate_secret(graph: Graph, sub_id: str, *, account: str | None, role: str, path: str = "api") -> tuple[dict[str, Any], str]:
    current = get_subscription(graph, sub_id)
    if current["channel"] != "webhook":
        raise InvalidInput("Only a webhook has a secret.", errors=[{"field": "channel", "reason": "not a webhook"}])
    secret = new_secret()
    graph.write_many(
        [
            (f"MATCH (s:{SUBSCRIPTION_LABEL} {{id: $id}}) SET s.secret = $secret", {"id": sub_id, "secret": secret}),
            _audit(sub_id, "rotate", account=account, role=role, path=path, after={"secret": "rotated"}, regions=current["regions"]),
        ]
    )
    return current, secret
