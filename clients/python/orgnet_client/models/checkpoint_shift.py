from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CheckpointShift")


@_attrs_define
class CheckpointShift:
    """A shift at a checkpoint and the party members on duty (卡口值守), recorded by one of them.

    Attributes:
        checkpoint_id (str):
        date (datetime.date):
        id (str):
        member_id (str): Who recorded the shift
        on_duty (list[str]): The party members on duty (the roster)
        recorded_by (str):
        region_id (str): Where it happened (the enterprise's, checkpoint's, household's or family's region)
        text (None | str | Unset):
    """

    checkpoint_id: str
    date: datetime.date
    id: str
    member_id: str
    on_duty: list[str]
    recorded_by: str
    region_id: str
    text: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        checkpoint_id = self.checkpoint_id

        date = self.date.isoformat()

        id = self.id

        member_id = self.member_id

        on_duty = self.on_duty

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
                "checkpoint_id": checkpoint_id,
                "date": date,
                "id": id,
                "member_id": member_id,
                "on_duty": on_duty,
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
        checkpoint_id = d.pop("checkpoint_id")

        date = datetime.date.fromisoformat(d.pop("date"))

        id = d.pop("id")

        member_id = d.pop("member_id")

        on_duty = cast(list[str], d.pop("on_duty"))

        recorded_by = d.pop("recorded_by")

        region_id = d.pop("region_id")

        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))

        checkpoint_shift = cls(
            checkpoint_id=checkpoint_id,
            date=date,
            id=id,
            member_id=member_id,
            on_duty=on_duty,
            recorded_by=recorded_by,
            region_id=region_id,
            text=text,
        )

        return checkpoint_shift
