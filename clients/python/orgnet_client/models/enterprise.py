from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.enterprise_kind import EnterpriseKind

T = TypeVar("T", bound="Enterprise")


@_attrs_define
class Enterprise:
    """
    Attributes:
        id (str):
        kind (EnterpriseKind):
        name (str):
        region_id (str):
    """

    id: str
    kind: EnterpriseKind
    name: str
    region_id: str

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        name = self.name

        region_id = self.region_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "name": name,
                "region_id": region_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        kind = EnterpriseKind(d.pop("kind"))

        name = d.pop("name")

        region_id = d.pop("region_id")

        enterprise = cls(
            id=id,
            kind=kind,
            name=name,
            region_id=region_id,
        )

        return enterprise
