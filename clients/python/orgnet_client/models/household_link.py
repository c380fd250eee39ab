from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="HouseholdLink")


@_attrs_define
class HouseholdLink:
    """
    Attributes:
        household_id (str):
        member_id (str):
        since (datetime.date):
        until (datetime.date | None | Unset):
    """

    household_id: str
    member_id: str
    since: datetime.date
    until: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        household_id = self.household_id

        member_id = self.member_id

        since = self.since.isoformat()

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
                "household_id": household_id,
                "member_id": member_id,
                "since": since,
            }
        )
        if until is not UNSET:
            field_dict["until"] = until

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        household_id = d.pop("household_id")

        member_id = d.pop("member_id")

        since = datetime.date.fromisoformat(d.pop("since"))

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

        household_link = cls(
            household_id=household_id,
            member_id=member_id,
            since=since,
            until=until,
        )

        return household_link
