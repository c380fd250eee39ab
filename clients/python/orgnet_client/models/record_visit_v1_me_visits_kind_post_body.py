from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.record_visit_v1_me_visits_kind_post_body_family_type import RecordVisitV1MeVisitsKindPostBodyFamilyType
from ..types import UNSET, Unset

T = TypeVar("T", bound="RecordVisitV1MeVisitsKindPostBody")


@_attrs_define
class RecordVisitV1MeVisitsKindPostBody:
    """`date`, `text` and what the kind names: `enterprise_id` (enterprise_visits), `household_id` (household_visits),
    `checkpoint_id` and `on_duty` (checkpoint_shifts: party member ids of the teams deployed there), `family_type` and
    `family_id` (family_visits)

        Attributes:
            date (datetime.date):
            checkpoint_id (str | Unset):
            enterprise_id (str | Unset):
            family_id (str | Unset):
            family_type (RecordVisitV1MeVisitsKindPostBodyFamilyType | Unset):
            household_id (str | Unset):
            on_duty (list[str] | Unset):
            text (str | Unset):
    """

    date: datetime.date
    checkpoint_id: str | Unset = UNSET
    enterprise_id: str | Unset = UNSET
    family_id: str | Unset = UNSET
    family_type: RecordVisitV1MeVisitsKindPostBodyFamilyType | Unset = UNSET
    household_id: str | Unset = UNSET
    on_duty: list[str] | Unset = UNSET
    text: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        date = self.date.isoformat()

        checkpoint_id = self.checkpoint_id

        enterprise_id = self.enterprise_id

        family_id = self.family_id

        family_type: str | Unset = UNSET
        if not isinstance(self.family_type, Unset):
            family_type = self.family_type.value

        household_id = self.household_id

        on_duty: list[str] | Unset = UNSET
        if not isinstance(self.on_duty, Unset):
            on_duty = self.on_duty

        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "date": date,
            }
        )
        if checkpoint_id is not UNSET:
            field_dict["checkpoint_id"] = checkpoint_id
        if enterprise_id is not UNSET:
            field_dict["enterprise_id"] = enterprise_id
        if family_id is not UNSET:
            field_dict["family_id"] = family_id
        if family_type is not UNSET:
            field_dict["family_type"] = family_type
        if household_id is not UNSET:
            field_dict["household_id"] = household_id
        if on_duty is not UNSET:
            field_dict["on_duty"] = on_duty
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        date = datetime.date.fromisoformat(d.pop("date"))

        checkpoint_id = d.pop("checkpoint_id", UNSET)

        enterprise_id = d.pop("enterprise_id", UNSET)

        family_id = d.pop("family_id", UNSET)

        _family_type = d.pop("family_type", UNSET)
        family_type: RecordVisitV1MeVisitsKindPostBodyFamilyType | Unset
        if isinstance(_family_type, Unset):
            family_type = UNSET
        else:
            family_type = RecordVisitV1MeVisitsKindPostBodyFamilyType(_family_type)

        household_id = d.pop("household_id", UNSET)

        on_duty = cast(list[str], d.pop("on_duty", UNSET))

        text = d.pop("text", UNSET)

        record_visit_v1_me_visits_kind_post_body = cls(
            date=date,
            checkpoint_id=checkpoint_id,
            enterprise_id=enterprise_id,
            family_id=family_id,
            family_type=family_type,
            household_id=household_id,
            on_duty=on_duty,
            text=text,
        )

        return record_visit_v1_me_visits_kind_post_body
