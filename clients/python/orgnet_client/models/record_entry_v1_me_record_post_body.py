from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.record_entry_v1_me_record_post_body_kind import RecordEntryV1MeRecordPostBodyKind

T = TypeVar("T", bound="RecordEntryV1MeRecordPostBody")


@_attrs_define
class RecordEntryV1MeRecordPostBody:
    """
    Attributes:
        date (datetime.date):
        kind (RecordEntryV1MeRecordPostBodyKind):
        region_id (str):
        text (str):
    """

    date: datetime.date
    kind: RecordEntryV1MeRecordPostBodyKind
    region_id: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        date = self.date.isoformat()

        kind = self.kind.value

        region_id = self.region_id

        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "date": date,
                "kind": kind,
                "region_id": region_id,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        date = datetime.date.fromisoformat(d.pop("date"))

        kind = RecordEntryV1MeRecordPostBodyKind(d.pop("kind"))

        region_id = d.pop("region_id")

        text = d.pop("text")

        record_entry_v1_me_record_post_body = cls(
            date=date,
            kind=kind,
            region_id=region_id,
            text=text,
        )

        return record_entry_v1_me_record_post_body
