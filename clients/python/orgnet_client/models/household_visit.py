from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="HouseholdVisit")


@_attrs_define
class HouseholdVisit:
    """A party member's visit to a household they link (入户走访).

    Attributes:
        date (datetime.date):
        household_id (str):
        id (str):
        member_id (str):
        recorded_by (str):
        region_id (str): Where it happened (the enterprise's, checkpoint's, household's or family's region)
        text (None | str | Unset):
    """

    date: datetime.date
    household_id: str
    id: str
    member_id: str
    recorded_by: str
    region_id: str
    text: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        date = self.date.isoformat()

        household_id = self.household_id

        id = self.id

        member_id = self.member_id

        recorded_by = self.recorded_by

        region_id = self.region_id

        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "date": date,
                "household_id": household_id,
                "id": id,
                "member_id": member_id,
                "recorded_by": recorded_by,
                "region_id": region_id,
            }
        )
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        date = datetime.date.fromisoformat(d.pop("date"))

        household_id = d.pop("household_id")

        id = d.pop("id")

        member_id = d.pop("member_id")

        recorded_by = d.pop("recorded_by")

        region_id = d.pop("region_id")

        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))

        household_visit = cls(
            date=date,
            household_id=household_id,
            id=id,
            member_id=member_id,
            recorded_by=recorded_by,
            region_id=region_id,
            text=text,
        )

        return household_visit
