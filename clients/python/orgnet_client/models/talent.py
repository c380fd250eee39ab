from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.talent_kind import TalentKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="Talent")


@_attrs_define
class Talent:
    """A grassroots talent or worker who is not a party member (a party applicant, a recognised person).

    Attributes:
        id (str):
        name (str):
        region_id (str): Where the person works
        kind (TalentKind | Unset):  Default: TalentKind.TALENT.
    """

    id: str
    name: str
    region_id: str
    kind: TalentKind | Unset = TalentKind.TALENT

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        region_id = self.region_id

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        region_id = d.pop("region_id")

        _kind = d.pop("kind", UNSET)
        kind: TalentKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = TalentKind(_kind)

        talent = cls(
            id=id,
            name=name,
            region_id=region_id,
            kind=kind,
        )

        return talent
