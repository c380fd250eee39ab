"""Alert rules: for a region (and its subtree) and a metric, when to open an alert.

Three kinds (``kind``):

- ``below``: the region's coverage is below ``threshold`` (a percentage) or below the policy's
  ``warn`` or ``ok`` ratio (``threshold_ref``; the region's own policy under ``POLICY_FILES``);
- ``fall``: coverage fell by at least ``points`` percentage points, or the covered items by at
  least ``items``, from the highest value seen in the last ``period_days`` days (every evaluation
  records what it saw; the first is taken when the rule is made);
- ``new_gap``: an item became a gap with the reason code ``reason`` (the metric unit's codes, e.g.
  ``missing_town`` of enterprise pairing); gaps that existed when the rule was made do not count.

``level`` (optional) evaluates each region at that level under ``region_id`` instead of
``region_id`` itself (one alert per region); ``as_of`` (optional) fixes the day evaluated
(default: today, UTC).  A rule belongs to the account that made it; planners and admins make,
change and delete rules inside their scope.  Every change of a rule is in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from orgnet.coverage.metrics import METRICS, get_metric
from orgnet.errors import InvalidInput, NotFound
from orgnet.events import outbox
from orgnet.events.alerts import resolve_for_deleted_rule
from orgnet.events.labels import RULE_LABEL, WATCH_LABEL
from orgnet.graph.db import Graph
from orgnet.writes import changes

MAX_RULES_PAGE = 500
LEVELS = ("province", "city", "county", "town", "village")
Kind = Literal["below", "fall", "new_gap"]


class RuleIn(BaseModel):
    """What a client sends to make or replace a rule."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, description="For people: what the rule watches")
    region_id: str = Field(min_length=1, max_length=64, description="The region watched (with its subtree)", examples=["320321"])
    metric: str = Field(description="A metric name (`GET /v1/metrics`)", examples=["household_linkage"])
    kind: Kind = Field(description="`below`, `fall` or `new_gap`")
    threshold: float | None = Field(default=None, ge=0, le=100, description="`below`: percentage", examples=[99.5])
    threshold_ref: Literal["warn", "ok"] | None = Field(default=None, description="`below`: the policy's `status.warn` or `status.ok` instead of `threshold`")
    points: float | None = Field(default=None, gt=0, le=100, description="`fall`: percentage points")
    items: int | None = Field(default=None, ge=1, le=1_000_000, description="`fall`: covered items")
    period_days: int = Field(default=7, ge=1, le=366, description="`fall`: the window the highest value is taken from")
    reason: str | None = Field(default=None, max_length=64, description="`new_gap`: a reason code of the metric")
    level: Literal["province", "city", "county", "town", "village"] | None = Field(
        default=None, description="Evaluate each region at this level under `region_id` (one alert each); null: the region itself"
    )
    as_of: dt.date | None = Field(default=None, description="The day evaluated; null: today (UTC)")
    enabled: bool = True

    @model_validator(mode="after")
    def _complete(self) -> RuleIn:
        metric = get_metric_or_none(self.metric)
        if metric is None:
            raise ValueError(f"metric: one of {', '.join(m.name for m in METRICS)}")
        if self.kind == "below" and (self.threshold is None) == (self.threshold_ref is None):
            raise ValueError("below: give exactly one of threshold and threshold_ref")
        if self.kind == "fall" and self.points is None and self.items is None:
            raise ValueError("fall: give points or items")
        if self.kind == "new_gap":
            codes = tuple(metric.category_texts)
            if self.reason not in codes:
                raise ValueError(f"new_gap: reason is one of {', '.join(codes) or '(this metric has no reason codes)'}")
        return self


def get_metric_or_none(name: str) -> Any:
    try:
        return get_metric(name)
    except NotFound:
        return None


def parse_rule(data: Any) -> RuleIn:
    """A client's rule, or :class:`InvalidInput` naming each field."""
    try:
        return RuleIn.model_validate(data)
    except ValidationError as e:
        errors = [{"field": ".".join(str(x) for x in err["loc"]) or "(rule)", "reason": err["msg"].removeprefix("Value error, ")} for err in e.errors()]
        raise InvalidInput("The alert rule is not valid.", errors=errors) from e


def _stored(rule: RuleIn) -> dict[str, Any]:
    data = rule.model_dump()
    data["as_of"] = rule.as_of.isoformat() if rule.as_of else None
    return data


def public(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: row.get(k) for k in ("id", *RuleIn.model_fields, "owner", "created_by", "created_at", "updated_at")}
    for key in ("created_at", "updated_at"):
        if hasattr(out[key], "isoformat"):
            out[key] = out[key].isoformat()
    if hasattr(out["as_of"], "isoformat"):
        out["as_of"] = out["as_of"].isoformat()
    return out


def _audit(rule_id: str, action: str, *, account: str | None, role: str | None, path: str, before: Any, after: Any, region_id: str) -> tuple[str, dict]:
    return changes.append_statement(
        [
            changes.change(
                kind="alert_rules",
                action=action,
                items=[rule_id],
                path=path,  # type: ignore[arg-type]
                account=account,
                role=role,
                before=before,
                after=after,
                region_ids=[region_id],
            )
        ]
    )


def _region_exists(graph: Graph, region_id: str) -> None:
    if not graph.read("MATCH (r:Region {id: $id}) RETURN r.id AS id", {"id": region_id}):
        raise InvalidInput(f"No region {region_id!r}.", errors=[{"field": "region_id", "reason": "no such region"}])


def create_rule(graph: Graph, rule: RuleIn, *, account: str | None, role: str | None, path: str = "api") -> dict[str, Any]:
    """Store ``rule`` (the caller checked its region is in scope) and queue its first evaluation
    (``rule.created``: a baseline for ``fall`` and ``new_gap``; ``below`` opens at once if breached)."""
    _region_exists(graph, rule.region_id)
    rid = "rule-" + uuid.uuid4().hex[:12]
    props = {**_stored(rule), "id": rid, "owner": account, "created_by": account or (f"role:{role}" if role else path)}
    graph.write_many(
        [
            (f"CREATE (r:{RULE_LABEL}) SET r = $props, r.created_at = datetime(), r.updated_at = datetime()", {"props": props}),
            _audit(rid, "create", account=account, role=role, path=path, before=None, after=props, region_id=rule.region_id),
            outbox.enqueue_other("rule.created", {"rule_id": rid, "region_ids": [rule.region_id], "metrics": [rule.metric]}),
        ]
    )
    return get_rule(graph, rid)


def get_rule(graph: Graph, rule_id: str) -> dict[str, Any]:
    rows = graph.read(f"MATCH (r:{RULE_LABEL} {{id: $id}}) RETURN properties(r) AS r", {"id": rule_id})
    if not rows:
        raise NotFound("No such alert rule.")
    return public(rows[0]["r"])


def list_rules(graph: Graph, *, scope: tuple[str, ...] | None, after: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Rules whose region lies in ``scope`` (None: all), by id, after ``after``."""
    rows = graph.read(
        f"MATCH (r:{RULE_LABEL}) WHERE ($after IS NULL OR r.id > $after) "
        "OPTIONAL MATCH (g:Region {id: r.region_id}) "
        "WITH r, g WHERE $scope IS NULL OR any(s IN $scope WHERE s = g.id OR s IN coalesce(g.path_ids, [])) "
        "RETURN properties(r) AS r ORDER BY r.id LIMIT $limit",
        {"scope": list(scope) if scope is not None else None, "after": after, "limit": min(limit, MAX_RULES_PAGE)},
    )
    return [public(r["r"]) for r in rows]


def replace_rule(graph: Graph, rule_id: str, rule: RuleIn, *, account: str | None, role: str | None, path: str = "api") -> dict[str, Any]:
    """Replace a rule's definition; its watches start again (a new baseline), its open alerts stay
    until the next evaluation decides."""
    before = get_rule(graph, rule_id)
    _region_exists(graph, rule.region_id)
    props = _stored(rule)
    graph.write_many(
        [
            (f"MATCH (r:{RULE_LABEL} {{id: $id}}) SET r += $props, r.updated_at = datetime()", {"id": rule_id, "props": props}),
            (f"MATCH (w:{WATCH_LABEL} {{rule_id: $id}}) DETACH DELETE w", {"id": rule_id}),
            _audit(rule_id, "replace", account=account, role=role, path=path, before=before, after=props, region_id=rule.region_id),
            outbox.enqueue_other("rule.created", {"rule_id": rule_id, "region_ids": [rule.region_id], "metrics": [rule.metric]}),
        ]
    )
    return get_rule(graph, rule_id)


def delete_rule(graph: Graph, rule_id: str, *, account: str | None, role: str | None, path: str = "api") -> None:
    """Delete a rule and its watches; its alerts still open are resolved (``resolution: rule_deleted``)."""
    before = get_rule(graph, rule_id)
    graph.write_many(
        [
            *resolve_for_deleted_rule(rule_id, by=account or (f"role:{role}" if role else path)),
            (f"MATCH (r:{RULE_LABEL} {{id: $id}}) DETACH DELETE r", {"id": rule_id}),
            (f"MATCH (w:{WATCH_LABEL} {{rule_id: $id}}) DETACH DELETE w", {"id": rule_id}),
            _audit(rule_id, "delete", account=account, role=role, path=path, before=before, after=None, region_id=before["region_id"]),
        ]
    )


def rules_for(graph: Graph, *, metrics: list[str], scope_ids: list[str] | None, rule_id: str | None = None) -> list[dict[str, Any]]:
    """The enabled rules an event can concern: of its metrics, on a region that is one of the
    changed regions or above one (``scope_ids``; None: anywhere, for a change whose reach is unknown)."""
    rows = graph.read(
        f"MATCH (r:{RULE_LABEL}) WHERE r.enabled AND ($rule IS NULL OR r.id = $rule) AND ($rule IS NOT NULL OR r.metric IN $metrics) "
        "AND ($rule IS NOT NULL OR $scope IS NULL OR r.region_id IN $scope) RETURN properties(r) AS r ORDER BY r.id",
        {"metrics": metrics, "scope": scope_ids, "rule": rule_id},
    )
    return [public(r["r"]) for r in rows]
