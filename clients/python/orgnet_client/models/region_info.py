from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.path_step import PathStep


T = TypeVar("T", bound="RegionInfo")


@_attrs_define
class RegionInfo:
    """
    Attributes:
        id (str):
        level (str):
        name (str):
        path (list[PathStep]): Ancestors from the city down to the region itself
    """

    id: str
    level: str
    name: str
    path: list[PathStep]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        level = self.level

        name = self.name

        path = []
        for path_item_data in self.path:
            path_item = path_item_data.to_dict()
            path.append(path_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "level": level,
                "name": name,
                "path": path,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.path_step import PathStep  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        level = d.pop("level")

        name = d.pop("name")

        path = []
        _path = d.pop("path")
        for path_item_data in _path:
            path_item = PathStep.from_dict(path_item_data)

            path.append(path_item)

        region_info = cls(
            id=id,
            level=level,
            name=name,
            path=path,
        )

        region_info.additional_properties = d
        return region_info

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
