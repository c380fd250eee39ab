from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.recognition_kind import RecognitionKind
from ..models.recognition_level import RecognitionLevel
from ..models.recognition_person_type import RecognitionPersonType

T = TypeVar("T", bound="Recognition")


@_attrs_define
class Recognition:
    """A recognition of a person: noted, promoted, commended, honoured, cared for.

    Attributes:
        awarding_body (str):
        date (datetime.date):
        id (str):
        kind (RecognitionKind):
        level (RecognitionLevel):
        person_id (str):
        person_type (RecognitionPersonType):
        region_id (str): Where it counts: the person's region (a medical worker's: the family's)
    """

    awarding_body: str
    date: datetime.date
    id: str
    kind: RecognitionKind
    level: RecognitionLevel
    person_id: str
    person_type: RecognitionPersonType
    region_id: str

    def to_dict(self) -> dict[str, Any]:
        awarding_body = self.awarding_body

        date = self.date.isoformat()

        id = self.id

        kind = self.kind.value

        level = self.level.value

        person_id = self.person_id

        person_type = self.person_type.value

        region_id = self.region_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "awarding_body": awarding_body,
                "date": date,
                "id": id,
                "kind": kind,
                "level": level,
                "person_id": person_id,
                "person_type": person_type,
                "region_id": region_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        awarding_body = d.pop("awarding_body")

        date = datetime.date.fromisoformat(d.pop("date"))

        id = d.pop("id")

        kind = RecognitionKind(d.pop("kind"))

        level = RecognitionLevel(d.pop("level"))

        person_id = d.pop("person_id")

        person_type = RecognitionPersonType(d.pop("person_type"))

        region_id = d.pop("region_id")

        recognition = cls(
            awarding_body=awarding_body,
            date=date,
            id=id,
            kind=kind,
            level=level,
            person_id=person_id,
            person_type=person_type,
            region_id=region_id,
        )

        return recognition
