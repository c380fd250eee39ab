from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alert_state import AlertState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.alert_item import AlertItem
    from ..models.alert_value import AlertValue


T = TypeVar("T", bound="Alert")


@_attrs_define
class Alert:
    """
    Attributes:
        id (str):
        kind (str):
        metric (str):
        region_id (str):
        rule_id (str):
        state (AlertState):
        acknowledged_at (None | str | Unset):
        acknowledged_by (None | str | Unset):
        items (list[AlertItem] | Unset): `new_gap`: the items that became gaps
        opened_at (None | str | Unset):
        opened_value (AlertValue | None | Unset):
        path_ids (list[str] | Unset): The region's path, the region last
        region_name (None | str | Unset):
        resolution (None | str | Unset): `recovered` or `rule_deleted`
        resolved_at (None | str | Unset):
        rule_name (None | str | Unset):
        threshold (None | str | Unset): The condition, for people
        value (AlertValue | None | Unset): The latest value seen
    """

    id: str
    kind: str
    metric: str
    region_id: str
    rule_id: str
    state: AlertState
    acknowledged_at: None | str | Unset = UNSET
    acknowledged_by: None | str | Unset = UNSET
    items: list[AlertItem] | Unset = UNSET
    opened_at: None | str | Unset = UNSET
    opened_value: AlertValue | None | Unset = UNSET
    path_ids: list[str] | Unset = UNSET
    region_name: None | str | Unset = UNSET
    resolution: None | str | Unset = UNSET
    resolved_at: None | str | Unset = UNSET
    rule_name: None | str | Unset = UNSET
    threshold: None | str | Unset = UNSET
    value: AlertValue | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.alert_value import AlertValue  # noqa: PLC0415

        id = self.id

        kind = self.kind

        metric = self.metric

        region_id = self.region_id

        rule_id = self.rule_id

        state = self.state.value

        acknowledged_at: None | str | Unset
        if isinstance(self.acknowledged_at, Unset):
            acknowledged_at = UNSET
        else:
            acknowledged_at = self.acknowledged_at

        acknowledged_by: None | str | Unset
        if isinstance(self.acknowledged_by, Unset):
            acknowledged_by = UNSET
        else:
            acknowledged_by = self.acknowledged_by

        items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.items, Unset):
            items = []
            for items_item_data in self.items:
                items_item = items_item_data.to_dict()
                items.append(items_item)

        opened_at: None | str | Unset
        if isinstance(self.opened_at, Unset):
            opened_at = UNSET
        else:
            opened_at = self.opened_at

        opened_value: dict[str, Any] | None | Unset
        if isinstance(self.opened_value, Unset):
            opened_value = UNSET
        elif isinstance(self.opened_value, AlertValue):
            opened_value = self.opened_value.to_dict()
        else:
            opened_value = self.opened_value

        path_ids: list[str] | Unset = UNSET
        if not isinstance(self.path_ids, Unset):
            path_ids = self.path_ids

        region_name: None | str | Unset
        if isinstance(self.region_name, Unset):
            region_name = UNSET
        else:
            region_name = self.region_name

        resolution: None | str | Unset
        if isinstance(self.resolution, Unset):
            resolution = UNSET
        else:
            resolution = self.resolution

        resolved_at: None | str | Unset
        if isinstance(self.resolved_at, Unset):
            resolved_at = UNSET
        else:
            resolved_at = self.resolved_at

        rule_name: None | str | Unset
        if isinstance(self.rule_name, Unset):
            rule_name = UNSET
        else:
            rule_name = self.rule_name

        threshold: None | str | Unset
        if isinstance(self.threshold, Unset):
            threshold = UNSET
        else:
            threshold = self.threshold

        value: dict[str, Any] | None | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        elif isinstance(self.value, AlertValue):
            value = self.value.to_dict()
        else:
            value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "metric": metric,
                "region_id": region_id,
                "rule_id": rule_id,
                "state": state,
            }
        )
        if acknowledged_at is not UNSET:
            field_dict["acknowledged_at"] = acknowledged_at
        if acknowledged_by is not UNSET:
            field_dict["acknowledged_by"] = acknowledged_by
        if items is not UNSET:
            field_dict["items"] = items
        if opened_at is not UNSET:
            field_dict["opened_at"] = opened_at
        if opened_value is not UNSET:
            field_dict["opened_value"] = opened_value
        if path_ids is not UNSET:
            field_dict["path_ids"] = path_ids
        if region_name is not UNSET:
            field_dict["region_name"] = region_name
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if resolved_at is not UNSET:
            field_dict["resolved_at"] = resolved_at
        if rule_name is not UNSET:
            field_dict["rule_name"] = rule_name
        if threshold is not UNSET:
            field_dict["threshold"] = threshold
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.alert_item import AlertItem  # noqa: PLC0415
        from ..models.alert_value import AlertValue  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        kind = d.pop("kind")

        metric = d.pop("metric")

        region_id = d.pop("region_id")

        rule_id = d.pop("rule_id")

        state = AlertState(d.pop("state"))

        def _parse_acknowledged_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        acknowledged_at = _parse_acknowledged_at(d.pop("acknowledged_at", UNSET))

        def _parse_acknowledged_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        acknowledged_by = _parse_acknowledged_by(d.pop("acknowledged_by", UNSET))

        _items = d.pop("items", UNSET)
        items: list[AlertItem] | Unset = UNSET
        if _items is not UNSET:
            items = []
            for items_item_data in _items:
                items_item = AlertItem.from_dict(items_item_data)

                items.append(items_item)

        def _parse_opened_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        opened_at = _parse_opened_at(d.pop("opened_at", UNSET))

        def _parse_opened_value(data: object) -> AlertValue | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                opened_value_type_0 = AlertValue.from_dict(data)

                return opened_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AlertValue | None | Unset, data)

        opened_value = _parse_opened_value(d.pop("opened_value", UNSET))

        path_ids = cast(list[str], d.pop("path_ids", UNSET))

        def _parse_region_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region_name = _parse_region_name(d.pop("region_name", UNSET))

        def _parse_resolution(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        resolution = _parse_resolution(d.pop("resolution", UNSET))

        def _parse_resolved_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at", UNSET))

        def _parse_rule_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rule_name = _parse_rule_name(d.pop("rule_name", UNSET))

        def _parse_threshold(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        threshold = _parse_threshold(d.pop("threshold", UNSET))

        def _parse_value(data: object) -> AlertValue | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                value_type_0 = AlertValue.from_dict(data)

                return value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AlertValue | None | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        alert = cls(
            id=id,
            kind=kind,
            metric=metric,
            region_id=region_id,
            rule_id=rule_id,
            state=state,
            acknowledged_at=acknowledged_at,
            acknowledged_by=acknowledged_by,
            items=items,
            opened_at=opened_at,
            opened_value=opened_value,
            path_ids=path_ids,
            region_name=region_name,
            resolution=resolution,
            resolved_at=resolved_at,
            rule_name=rule_name,
            threshold=threshold,
            value=value,
        )

        alert.additional_properties = d
        return alert

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
