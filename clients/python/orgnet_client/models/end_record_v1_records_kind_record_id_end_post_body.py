from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EndRecordV1RecordsKindRecordIdEndPostBody")


@_attrs_define
class EndRecordV1RecordsKindRecordIdEndPostBody:
    """
    Attributes:
        until (datetime.date):
    """

    until: datetime.date

    def to_dict(self) -> dict[str, Any]:
        until = self.until.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "until": until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        until = datetime.date.fromisoformat(d.pop("until"))

        end_record_v1_records_kind_record_id_end_post_body = cls(
            until=until,
        )

        return end_record_v1_records_kind_record_id_end_post_body
