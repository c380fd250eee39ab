from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Unavailable")


@_attrs_define
class Unavailable:
    """
    Attributes:
        cadres (list[str] | Unset): Cadre ids (e.g. in quarantine)
        members (list[str] | Unset): Party member ids
        teams (list[str] | Unset): Volunteer team ids
    """

    cadres: list[str] | Unset = UNSET
    members: list[str] | Unset = UNSET
    teams: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cadres: list[str] | Unset = UNSET
        if not isinstance(self.cadres, Unset):
            cadres = self.cadres

        members: list[str] | Unset = UNSET
        if not isinstance(self.members, Unset):
            members = self.members

        teams: list[str] | Unset = UNSET
        if not isinstance(self.teams, Unset):
            teams = self.teams

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if cadres is not UNSET:
            field_dict["cadres"] = cadres
        if members is not UNSET:
            field_dict["members"] = members
        if teams is not UNSET:
            field_dict["teams"] = teams

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cadres = cast(list[str], d.pop("cadres", UNSET))

        members = cast(list[str], d.pop("members", UNSET))

        teams = cast(list[str], d.pop("teams", UNSET))

        unavailable = cls(
            cadres=cadres,
            members=members,
            teams=teams,
        )

        return unavailable
