from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Suggestion")


@_attrs_define
class Suggestion:
    """
    Attributes:
        cadre_id (str):
        cadre_name (None | str): Null for viewers (personal data)
        distance (int): Levels between the cadre's jurisdiction and the enterprise's region
        enterprise_id (str):
        enterprise_name (str):
        level (str):
        reason (str):
    """

    cadre_id: str
    cadre_name: None | str
    distance: int
    enterprise_id: str
    enterprise_name: str
    level: str
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cadre_id = self.cadre_id

        cadre_name: None | str
        cadre_name = self.cadre_name

        distance = self.distance

        enterprise_id = self.enterprise_id

        enterprise_name = self.enterprise_name

        level = self.level

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cadre_id": cadre_id,
                "cadre_name": cadre_name,
                "distance": distance,
                "enterprise_id": enterprise_id,
                "enterprise_name": enterprise_name,
                "level": level,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cadre_id = d.pop("cadre_id")

        def _parse_cadre_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cadre_name = _parse_cadre_name(d.pop("cadre_name"))

        distance = d.pop("distance")

        enterprise_id = d.pop("enterprise_id")

        enterprise_name = d.pop("enterprise_name")

        level = d.pop("level")

        reason = d.pop("reason")

        suggestion = cls(
            cadre_id=cadre_id,
            cadre_name=cadre_name,
            distance=distance,
            enterprise_id=enterprise_id,
            enterprise_name=enterprise_name,
            level=level,
            reason=reason,
        )

        suggestion.additional_properties = d
        return suggestion

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
