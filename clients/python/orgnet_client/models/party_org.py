from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.party_org_kind import PartyOrgKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="PartyOrg")


@_attrs_define
class PartyOrg:
    """
    Attributes:
        id (str):
        name (str):
        region_id (str):
        kind (PartyOrgKind | Unset):  Default: PartyOrgKind.BRANCH.
        parent_id (None | str | Unset):
    """

    id: str
    name: str
    region_id: str
    kind: PartyOrgKind | Unset = PartyOrgKind.BRANCH
    parent_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        region_id = self.region_id

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        parent_id: None | str | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        else:
            parent_id = self.parent_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "region_id": region_id,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        region_id = d.pop("region_id")

        _kind = d.pop("kind", UNSET)
        kind: PartyOrgKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = PartyOrgKind(_kind)

        def _parse_parent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_id = _parse_parent_id(d.pop("parent_id", UNSET))

        party_org = cls(
            id=id,
            name=name,
            region_id=region_id,
            kind=kind,
            parent_id=parent_id,
        )

        return party_org
