from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.rule_in_kind import RuleInKind
from ..models.rule_in_level_type_0 import RuleInLevelType0
from ..models.rule_in_metric import RuleInMetric
from ..models.rule_in_threshold_ref_type_0 import RuleInThresholdRefType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="RuleIn")


@_attrs_define
class RuleIn:
    """What a client sends to make or replace a rule (strict: a number is not a boolean, a text not a number).

    Attributes:
        kind (RuleInKind): `below`, `fall` or `new_gap`
        metric (RuleInMetric): A metric name (`GET /v1/metrics`)
        name (str): For people: what the rule watches
        region_id (str): The region watched (with its subtree)
        as_of (datetime.date | None | Unset): The day evaluated, YYYY-MM-DD; null: today (UTC)
        enabled (bool | Unset):  Default: True.
        items (int | None | Unset): `fall`: covered items
        level (None | RuleInLevelType0 | Unset): Evaluate each region at this level under `region_id` (one alert each);
            null: the region itself
        period_days (int | Unset): `fall`: the window the highest value is taken from Default: 7.
        points (float | None | Unset): `fall`: percentage points
        reason (None | str | Unset): `new_gap`: a reason code of the metric
        threshold (float | None | Unset): `below`: percentage
        threshold_ref (None | RuleInThresholdRefType0 | Unset): `below`: the policy's `status.warn` or `status.ok`
            instead of `threshold`
    """

    kind: RuleInKind
    metric: RuleInMetric
    name: str
    region_id: str
    as_of: datetime.date | None | Unset = UNSET
    enabled: bool | Unset = True
    items: int | None | Unset = UNSET
    level: None | RuleInLevelType0 | Unset = UNSET
    period_days: int | Unset = 7
    points: float | None | Unset = UNSET
    reason: None | str | Unset = UNSET
    threshold: float | None | Unset = UNSET
    threshold_ref: None | RuleInThresholdRefType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        metric = self.metric.value

        name = self.name

        region_id = self.region_id

        as_of: None | str | Unset
        if isinstance(self.as_of, Unset):
            as_of = UNSET
        elif isinstance(self.as_of, datetime.date):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        enabled = self.enabled

        items: int | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        else:
            items = self.items

        level: None | str | Unset
        if isinstance(self.level, Unset):
            level = UNSET
        elif isinstance(self.level, RuleInLevelType0):
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
        elif isinstance(self.threshold_ref, RuleInThresholdRefType0):
            threshold_ref = self.threshold_ref.value
        else:
            threshold_ref = self.threshold_ref

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "metric": metric,
                "name": name,
                "region_id": region_id,
            }
        )
        if as_of is not UNSET:
            field_dict["as_of"] = as_of
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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = RuleInKind(d.pop("kind"))

        metric = RuleInMetric(d.pop("metric"))

        name = d.pop("name")

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

        enabled = d.pop("enabled", UNSET)

        def _parse_items(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        items = _parse_items(d.pop("items", UNSET))

        def _parse_level(data: object) -> None | RuleInLevelType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                level_type_0 = RuleInLevelType0(data)

                return level_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RuleInLevelType0 | Unset, data)

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

        def _parse_threshold_ref(data: object) -> None | RuleInThresholdRefType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                threshold_ref_type_0 = RuleInThresholdRefType0(data)

                return threshold_ref_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RuleInThresholdRefType0 | Unset, data)

        threshold_ref = _parse_threshold_ref(d.pop("threshold_ref", UNSET))

        rule_in = cls(
            kind=kind,
            metric=metric,
            name=name,
            region_id=region_id,
            as_of=as_of,
            enabled=enabled,
            items=items,
            level=level,
            period_days=period_days,
            points=points,
            reason=reason,
            threshold=threshold,
            threshold_ref=threshold_ref,
        )

        return rule_in
