from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.frontline_record_kind import FrontlineRecordKind

T = TypeVar("T", bound="FrontlineRecord")


@_attrs_define
class FrontlineRecord:
    """An entry of a leading cadre's frontline record file (纪实档案), the basis of promotion.

    Attributes:
        cadre_id (str):
        date (datetime.date):
        id (str):
        kind (FrontlineRecordKind):
        recorded_by (str):
        region_id (str): Where it happened
        text (str):
    """

    cadre_id: str
    date: datetime.date
    id: str
    kind: FrontlineRecordKind
    recorded_by: str
    region_id: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        cadre_id = self.cadre_id

        date = self.date.isoformat()

        id = self.id

        kind = self.kind.value

        recorded_by = self.recorded_by

        region_id = self.region_id

        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cadre_id": cadre_id,
                "date": date,
                "id": id,
                "kind": kind,
                "recorded_by": recorded_by,
                "region_id": region_id,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cadre_id = d.pop("cadre_id")

        date = datetime.date.fromisoformat(d.pop("date"))

        id = d.pop("id")

        kind = FrontlineRecordKind(d.pop("kind"))

        recorded_by = d.pop("recorded_by")

        region_id = d.pop("region_id")

        text = d.pop("text")

        frontline_record = cls(
            cadre_id=cadre_id,
            date=date,
            id=id,
            kind=kind,
            recorded_by=recorded_by,
            region_id=region_id,
            text=text,
        )

        return frontline_record
