from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.item_status_details import ItemStatusDetails
    from ..models.path_step import PathStep


T = TypeVar("T", bound="ItemStatus")


@_attrs_define
class ItemStatus:
    """
    Attributes:
        as_of (str):
        covered (bool):
        details (ItemStatusDetails): Machine-readable reason, e.g. missing_levels, outside_jurisdiction
        id (str):
        label (str): Node label of the item
        metric (str):
        name (None | str): Null for personal data (members, households, medical workers, cadres) unless the caller is a
            planner or admin
        reason (None | str): Null when covered
        region_path (list[PathStep]):
    """

    as_of: str
    covered: bool
    details: ItemStatusDetails
    id: str
    label: str
    metric: str
    name: None | str
    reason: None | str
    region_path: list[PathStep]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of

        covered = self.covered

        details = self.details.to_dict()

        id = self.id

        label = self.label

        metric = self.metric

        name: None | str
        name = self.name

        reason: None | str
        reason = self.reason

        region_path = []
        for region_path_item_data in self.region_path:
            region_path_item = region_path_item_data.to_dict()
            region_path.append(region_path_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "covered": covered,
                "details": details,
                "id": id,
                "label": label,
                "metric": metric,
                "name": name,
                "reason": reason,
                "region_path": region_path,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_status_details import ItemStatusDetails  # noqa: PLC0415
        from ..models.path_step import PathStep  # noqa: PLC0415

        d = dict(src_dict)
        as_of = d.pop("as_of")

        covered = d.pop("covered")

        details = ItemStatusDetails.from_dict(d.pop("details"))

        id = d.pop("id")

        label = d.pop("label")

        metric = d.pop("metric")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        region_path = []
        _region_path = d.pop("region_path")
        for region_path_item_data in _region_path:
            region_path_item = PathStep.from_dict(region_path_item_data)

            region_path.append(region_path_item)

        item_status = cls(
            as_of=as_of,
            covered=covered,
            details=details,
            id=id,
            label=label,
            metric=metric,
            name=name,
            reason=reason,
            region_path=region_path,
        )

        item_status.additional_properties = d
        return item_status

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
