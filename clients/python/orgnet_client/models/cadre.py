from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.level import Level
from ..types import UNSET, Unset

T = TypeVar("T", bound="Cadre")


@_attrs_define
class Cadre:
    """
    Attributes:
        id (str):
        level (Level):
        name (str):
        region_id (str): Jurisdiction: the region the cadre serves in (same level)
        applied_to_join_party_on (datetime.date | None | Unset):
        commended (bool | Unset): Noted for frontline performance Default: False.
        promoted (bool | Unset):  Default: False.
        young (bool | Unset):  Default: False.
    """

    id: str
    level: Level
    name: str
    region_id: str
    applied_to_join_party_on: datetime.date | None | Unset = UNSET
    commended: bool | Unset = False
    promoted: bool | Unset = False
    young: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        level = self.level.value

        name = self.name

        region_id = self.region_id

        applied_to_join_party_on: None | str | Unset
        if isinstance(self.applied_to_join_party_on, Unset):
            applied_to_join_party_on = UNSET
        elif isinstance(self.applied_to_join_party_on, datetime.date):
            applied_to_join_party_on = self.applied_to_join_party_on.isoformat()
        else:
            applied_to_join_party_on = self.applied_to_join_party_on

        commended = self.commended

        promoted = self.promoted

        young = self.young

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "level": level,
                "name": name,
                "region_id": region_id,
            }
        )
        if applied_to_join_party_on is not UNSET:
            field_dict["applied_to_join_party_on"] = applied_to_join_party_on
        if commended is not UNSET:
            field_dict["commended"] = commended
        if promoted is not UNSET:
            field_dict["promoted"] = promoted
        if young is not UNSET:
            field_dict["young"] = young

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        level = Level(d.pop("level"))

        name = d.pop("name")

        region_id = d.pop("region_id")

        def _parse_applied_to_join_party_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                applied_to_join_party_on_type_0 = datetime.date.fromisoformat(data)

                return applied_to_join_party_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        applied_to_join_party_on = _parse_applied_to_join_party_on(d.pop("applied_to_join_party_on", UNSET))

        commended = d.pop("commended", UNSET)

        promoted = d.pop("promoted", UNSET)

        young = d.pop("young", UNSET)

        cadre = cls(
            id=id,
            level=level,
            name=name,
            region_id=region_id,
            applied_to_join_party_on=applied_to_join_party_on,
            commended=commended,
            promoted=promoted,
            young=young,
        )

        return cadre
