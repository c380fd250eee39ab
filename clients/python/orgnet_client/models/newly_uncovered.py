from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.path_step import PathStep


T = TypeVar("T", bound="NewlyUncovered")


@_attrs_define
class NewlyUncovered:
    """
    Attributes:
        id (str):
        label (str):
        name (None | str):
        reason (str):
        region_path (list[PathStep]):
    """

    id: str
    label: str
    name: None | str
    reason: str
    region_path: list[PathStep]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        label = self.label

        name: None | str
        name = self.name

        reason = self.reason

        region_path = []
        for region_path_item_data in self.region_path:
            region_path_item = region_path_item_data.to_dict()
            region_path.append(region_path_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "label": label,
                "name": name,
                "reason": reason,
                "region_path": region_path,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.path_step import PathStep  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        label = d.pop("label")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        reason = d.pop("reason")

        region_path = []
        _region_path = d.pop("region_path")
        for region_path_item_data in _region_path:
            region_path_item = PathStep.from_dict(region_path_item_data)

            region_path.append(region_path_item)

        newly_uncovered = cls(
            id=id,
            label=label,
            name=name,
            reason=reason,
            region_path=region_path,
        )

        newly_uncovered.additional_properties = d
        return newly_uncovered

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
