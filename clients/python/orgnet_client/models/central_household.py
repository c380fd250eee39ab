from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CentralHousehold")


@_attrs_define
class CentralHousehold:
    """
    Attributes:
        id (str):
        region_id (str):
    """

    id: str
    region_id: str

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        region_id = self.region_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "region_id": region_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        region_id = d.pop("region_id")

        central_household = cls(
            id=id,
            region_id=region_id,
        )

        return central_household
