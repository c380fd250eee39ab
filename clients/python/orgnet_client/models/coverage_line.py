from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CoverageLine")


@_attrs_define
class CoverageLine:
    """
    Attributes:
        covered (int):
        id (str):
        level (str):
        name (str):
        ratio (float | None): covered / total; null when total is 0
        total (int):
        policy (None | str | Unset): Fingerprint of the policy the figures were computed under; `mixed` above regions
            with different ones
    """

    covered: int
    id: str
    level: str
    name: str
    ratio: float | None
    total: int
    policy: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        covered = self.covered

        id = self.id

        level = self.level

        name = self.name

        ratio: float | None
        ratio = self.ratio

        total = self.total

        policy: None | str | Unset
        if isinstance(self.policy, Unset):
            policy = UNSET
        else:
            policy = self.policy

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "covered": covered,
                "id": id,
                "level": level,
                "name": name,
                "ratio": ratio,
                "total": total,
            }
        )
        if policy is not UNSET:
            field_dict["policy"] = policy

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        covered = d.pop("covered")

        id = d.pop("id")

        level = d.pop("level")

        name = d.pop("name")

        def _parse_ratio(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        ratio = _parse_ratio(d.pop("ratio"))

        total = d.pop("total")

        def _parse_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        policy = _parse_policy(d.pop("policy", UNSET))

        coverage_line = cls(
            covered=covered,
            id=id,
            level=level,
            name=name,
            ratio=ratio,
            total=total,
            policy=policy,
        )

        coverage_line.additional_properties = d
        return coverage_line

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
