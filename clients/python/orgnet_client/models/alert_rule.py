from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.alert_rule_kind import AlertRuleKind
from ..models.alert_rule_level_type_0 import AlertRuleLevelType0
from ..models.alert_rule_metric import AlertRuleMetric
from ..models.alert_rule_threshold_ref_type_0 import AlertRuleThresholdRefType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="AlertRule")


@_attrs_define
class AlertRule:
    """
    Attributes:
        id (str):
        kind (AlertRuleKind): `below`, `fall` or `new_gap`
        metric (AlertRuleMetric): A metric name (`GET /v1/metrics`)
        name (str): For people: what the rule watches
        owner (None | str): The account that made it (null: a bootstrap token or the command line)
        region_id (str): The region watched (with its subtree)
        as_of (datetime.date | None | Unset): The day evaluated, YYYY-MM-DD; null: today (UTC)
        created_at (None | str | Unset):
        created_by (None | str | Unset):
        enabled (bool | Unset):  Default: True.
        items (int | None | Unset): `fall`: covered items
        level (AlertRuleLevelType0 | None | Unset): Evaluate each region at this level under `region_id` (one alert
            each); null: the region itself
        period_days (int | Unset): `fall`: the window the highest value is taken from Default: 7.
        points (float | None | Unset): `fall`: percentage points
        reason (None | str | Unset): `new_gap`: a reason code of the metric
        threshold (float | None | Unset): `below`: percentage
        threshold_ref (AlertRuleThresholdRefType0 | None | Unset): `below`: the policy's `status.warn` or `status.ok`
            instead of `threshold`
        updated_at (None | str | Unset):
    """

    id: str
    kind: AlertRuleKind
    metric: AlertRuleMetric
    name: str
    owner: None | str
    region_id: str
    as_of: datetime.date | None | Unset = UNSET
    created_at: None | str | Unset = UNSET
    created_by: None | str | Unset = UNSET
    enabled: bool | Unset = True
    items: int | None | Unset = UNSET
    level: AlertRuleLevelType0 | None | Unset = UNSET
    period_days: int | Unset = 7
    points: float | None | Unset = UNSET
    reason: None | str | Unset = UNSET
    threshold: float | None | Unset = UNSET
    threshold_ref: AlertRuleThresholdRefType0 | None | Unset = UNSET
    updated_at: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        metric = self.metric.value

        name = self.name

        owner: None | str
        owner = self.owner

        region_id = self.region_id

        as_of: None | str | Unset
        if isinstance(self.as_of, Unset):
            as_of = UNSET
        elif isinstance(self.as_of, datetime.date):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        else:
            created_at = self.created_at

        created_by: None | str | Unset
        if isinstance(self.created_by, Unset):
            created_by = UNSET
        else:
            created_by = self.created_by

        enabled = self.enabled

        items: int | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        else:
            items = self.items

        level: None | str | Unset
        if isinstance(self.level, Unset):
            level = UNSET
        elif isinstance(self.level, AlertRuleLevelType0):
            level = self.level.value
        else:
            level = self.level

        period_days = self.period_days

        points: float | None | Unset
        if isinstance(self.points, Unset):
            points = UNSET
        else:
            points = self.points

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        threshold: float | None | Unset
        if isinstance(self.threshold, Unset):
            threshold = UNSET
        else:
            threshold = self.threshold

        threshold_ref: None | str | Unset
        if isinstance(self.threshold_ref, Unset):
            threshold_ref = UNSET
        elif isinstance(self.threshold_ref, AlertRuleThresholdRefType0):
            threshold_ref = self.threshold_ref.value
        else:
            threshold_ref = self.threshold_ref

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "metric": metric,
                "name": name,
                "owner": owner,
                "region_id": region_id,
            }
        )
        if as_of is not UNSET:
            field_dict["as_of"] = as_of
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if created_by is not UNSET:
            field_dict["created_by"] = created_by
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if items is not UNSET:
            field_dict["items"] = items
        if level is not UNSET:
            field_dict["level"] = level
        if period_days is not UNSET:
            field_dict["period_days"] = period_days
        if points is not UNSET:
            field_dict["points"] = points
        if reason is not UNSET:
            field_dict["reason"] = reason
        if threshold is not UNSET:
            field_dict["threshold"] = threshold
        if threshold_ref is not UNSET:
            field_dict["threshold_ref"] = threshold_ref
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        kind = AlertRuleKind(d.pop("kind"))

        metric = AlertRuleMetric(d.pop("metric"))

        name = d.pop("name")

        def _parse_owner(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        owner = _parse_owner(d.pop("owner"))

        region_id = d.pop("region_id")

        def _parse_as_of(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                as_of_type_0 = datetime.date.fromisoformat(data)

                return as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        as_of = _parse_as_of(d.pop("as_of", UNSET))

        def _parse_created_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_created_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_by = _parse_created_by(d.pop("created_by", UNSET))

        enabled = d.pop("enabled", UNSET)

        def _parse_items(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        items = _parse_items(d.pop("items", UNSET))

        def _parse_level(data: object) -> AlertRuleLevelType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                level_type_0 = AlertRuleLevelType0(data)

                return level_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AlertRuleLevelType0 | None | Unset, data)

        level = _parse_level(d.pop("level", UNSET))

        period_days = d.pop("period_days", UNSET)

        def _parse_points(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        points = _parse_points(d.pop("points", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_threshold(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        threshold = _parse_threshold(d.pop("threshold", UNSET))

        def _parse_threshold_ref(data: object) -> AlertRuleThresholdRefType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                threshold_ref_type_0 = AlertRuleThresholdRefType0(data)

                return threshold_ref_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AlertRuleThresholdRefType0 | None | Unset, data)

        threshold_ref = _parse_threshold_ref(d.pop("threshold_ref", UNSET))

        def _parse_updated_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        alert_rule = cls(
            id=id,
            kind=kind,
            metric=metric,
            name=name,
            owner=owner,
            region_id=region_id,
            as_of=as_of,
            created_at=created_at,
            created_by=created_by,
            enabled=enabled,
            items=items,
            level=level,
            period_days=period_days,
            points=points,
            reason=reason,
            threshold=threshold,
            threshold_ref=threshold_ref,
            updated_at=updated_at,
        )

        return alert_rule
