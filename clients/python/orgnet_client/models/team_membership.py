from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TeamMembership")


@_attrs_define
class TeamMembership:
    """
    Attributes:
        member_id (str):
        since (datetime.date):
        team_id (str):
        until (datetime.date | None | Unset):
    """

    member_id: str
    since: datetime.date
    team_id: str
    until: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        member_id = self.member_id

        since = self.since.isoformat()

        team_id = self.team_id

        until: None | str | Unset
        if isinstance(self.until, Unset):
            until = UNSET
        elif isinstance(self.until, datetime.date):
            until = self.until.isoformat()
        else:
            until = self.until

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "member_id": member_id,
                "since": since,
                "team_id": team_id,
            }
        )
        if until is not UNSET:
            field_dict["until"] = until

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        member_id = d.pop("member_id")

        since = datetime.date.fromisoformat(d.pop("since"))

        team_id = d.pop("team_id")

        def _parse_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                until_type_0 = datetime.date.fromisoformat(data)

                return until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        until = _parse_until(d.pop("until", UNSET))

        team_membership = cls(
            member_id=member_id,
            since=since,
            team_id=team_id,
            until=until,
        )

        return team_membership
