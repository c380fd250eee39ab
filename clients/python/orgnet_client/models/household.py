from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Household")


@_attrs_define
class Household:
    """
    Attributes:
        id (str):
        name (str): Head of household (personal data)
        region_id (str):
    """

    id: str
    name: str
    region_id: str

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        region_id = self.region_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "region_id": region_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        region_id = d.pop("region_id")

        household = cls(
            id=id,
            name=name,
            region_id=region_id,
        )

        return household
