from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.duty_death_person_type import DutyDeathPersonType

T = TypeVar("T", bound="DutyDeath")


@_attrs_define
class DutyDeath:
    """A person who died on duty (因公殉职); their family is cared for.

    Attributes:
        date (datetime.date):
        id (str):
        person_id (str):
        person_type (DutyDeathPersonType):
        region_id (str): Where the family lives
    """

    date: datetime.date
    id: str
    person_id: str
    person_type: DutyDeathPersonType
    region_id: str

    def to_dict(self) -> dict[str, Any]:
        date = self.date.isoformat()

        id = self.id

        person_id = self.person_id

        person_type = self.person_type.value

        region_id = self.region_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "date": date,
                "id": id,
                "person_id": person_id,
                "person_type": person_type,
                "region_id": region_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        date = datetime.date.fromisoformat(d.pop("date"))

        id = d.pop("id")

        person_id = d.pop("person_id")

        person_type = DutyDeathPersonType(d.pop("person_type"))

        region_id = d.pop("region_id")

        duty_death = cls(
            date=date,
            id=id,
            person_id=person_id,
            person_type=person_type,
            region_id=region_id,
        )

        return duty_death
