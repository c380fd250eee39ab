from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.path_step import PathStep


T = TypeVar("T", bound="Hotspot")


@_attrs_define
class Hotspot:
    """
    Attributes:
        id (str):
        name (str):
        path (list[PathStep]):
        ratio (float | None):
        total (int):
        uncovered (int):
        policy (None | str | Unset): Fingerprint of the policy the figures were computed under; `mixed` above regions
            with different ones
    """

    id: str
    name: str
    path: list[PathStep]
    ratio: float | None
    total: int
    uncovered: int
    policy: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        path = []
        for path_item_data in self.path:
            path_item = path_item_data.to_dict()
            path.append(path_item)

        ratio: float | None
        ratio = self.ratio

        total = self.total

        uncovered = self.uncovered

        policy: None | str | Unset
        if isinstance(self.policy, Unset):
            policy = UNSET
        else:
            policy = self.policy

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "path": path,
                "ratio": ratio,
                "total": total,
                "uncovered": uncovered,
            }
        )
        if policy is not UNSET:
            field_dict["policy"] = policy

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.path_step import PathStep  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        path = []
        _path = d.pop("path")
        for path_item_data in _path:
            path_item = PathStep.from_dict(path_item_data)

            path.append(path_item)

        def _parse_ratio(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        ratio = _parse_ratio(d.pop("ratio"))

        total = d.pop("total")

        uncovered = d.pop("uncovered")

        def _parse_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        policy = _parse_policy(d.pop("policy", UNSET))

        hotspot = cls(
            id=id,
            name=name,
            path=path,
            ratio=ratio,
            total=total,
            uncovered=uncovered,
            policy=policy,
        )

        hotspot.additional_properties = d
        return hotspot

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
