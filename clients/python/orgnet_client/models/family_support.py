from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.family_support_supporter_type import FamilySupportSupporterType
from ..types import UNSET, Unset

T = TypeVar("T", bound="FamilySupport")


@_attrs_define
class FamilySupport:
    """
    Attributes:
        medical_worker_id (str):
        since (datetime.date):
        supporter_id (str):
        supporter_type (FamilySupportSupporterType):
        until (datetime.date | None | Unset):
    """

    medical_worker_id: str
    since: datetime.date
    supporter_id: str
    supporter_type: FamilySupportSupporterType
    until: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        medical_worker_id = self.medical_worker_id

        since = self.since.isoformat()

        supporter_id = self.supporter_id

        supporter_type = self.supporter_type.value

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
                "medical_worker_id": medical_worker_id,
                "since": since,
                "supporter_id": supporter_id,
                "supporter_type": supporter_type,
            }
        )
        if until is not UNSET:
            field_dict["until"] = until

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        medical_worker_id = d.pop("medical_worker_id")

        since = datetime.date.fromisoformat(d.pop("since"))

        supporter_id = d.pop("supporter_id")

        supporter_type = FamilySupportSupporterType(d.pop("supporter_type"))

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

        family_support = cls(
            medical_worker_id=medical_worker_id,
            since=since,
            supporter_id=supporter_id,
            supporter_type=supporter_type,
            until=until,
        )

        return family_support
