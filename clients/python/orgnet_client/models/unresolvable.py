from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Unresolvable")


@_attrs_define
class Unresolvable:
    """
    Attributes:
        enterprise_id (str):
        level (str):
        reason (str):
    """

    enterprise_id: str
    level: str
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enterprise_id = self.enterprise_id

        level = self.level

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "enterprise_id": enterprise_id,
                "level": level,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enterprise_id = d.pop("enterprise_id")

        level = d.pop("level")

        reason = d.pop("reason")

        unresolvable = cls(
            enterprise_id=enterprise_id,
            level=level,
            reason=reason,
        )

        unresolvable.additional_properties = d
        return unresolvable

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
