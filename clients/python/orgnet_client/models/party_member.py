from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PartyMember")


@_attrs_define
class PartyMember:
    """
    Attributes:
        id (str):
        name (str):
        org_id (str):
        region_id (str): Where the member lives
        central_household_id (None | str | Unset):
        city_organ (bool | Unset):  Default: False.
        rural (bool | Unset): In the rural 10x10 scheme Default: False.
    """

    id: str
    name: str
    org_id: str
    region_id: str
    central_household_id: None | str | Unset = UNSET
    city_organ: bool | Unset = False
    rural: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        org_id = self.org_id

        region_id = self.region_id

        central_household_id: None | str | Unset
        if isinstance(self.central_household_id, Unset):
            central_household_id = UNSET
        else:
            central_household_id = self.central_household_id

        city_organ = self.city_organ

        rural = self.rural

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "org_id": org_id,
                "region_id": region_id,
            }
        )
        if central_household_id is not UNSET:
            field_dict["central_household_id"] = central_household_id
        if city_organ is not UNSET:
            field_dict["city_organ"] = city_organ
        if rural is not UNSET:
            field_dict["rural"] = rural

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        org_id = d.pop("org_id")

        region_id = d.pop("region_id")

        def _parse_central_household_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        central_household_id = _parse_central_household_id(d.pop("central_household_id", UNSET))

        city_organ = d.pop("city_organ", UNSET)

        rural = d.pop("rural", UNSET)

        party_member = cls(
            id=id,
            name=name,
            org_id=org_id,
            region_id=region_id,
            central_household_id=central_household_id,
            city_organ=city_organ,
            rural=rural,
        )

        return party_member
