from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EnterpriseVisit")


@_attrs_define
class EnterpriseVisit:
    """A cadre's visit to an enterprise they are paired with (走访结对企业).

    Attributes:
        cadre_id (str):
        date (datetime.date):
        enterprise_id (str):
        id (str):
        recorded_by (str):
        region_id (str): Where it happened (the enterprise's, checkpoint's, household's or family's region)
        text (None | str | Unset):
    """

    cadre_id: str
    date: datetime.date
    enterprise_id: str
    id: str
    recorded_by: str
    region_id: str
    text: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cadre_id = self.cadre_id

        date = self.date.isoformat()

        enterprise_id = self.enterprise_id

        id = self.id

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
                "cadre_id": cadre_id,
                "date": date,
                "enterprise_id": enterprise_id,
                "id": id,
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
        cadre_id = d.pop("cadre_id")

        date = datetime.date.fromisoformat(d.pop("date"))

        enterprise_id = d.pop("enterprise_id")

        id = d.pop("id")

        recorded_by = d.pop("recorded_by")

        region_id = d.pop("region_id")

        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))

        enterprise_visit = cls(
            cadre_id=cadre_id,
            date=date,
            enterprise_id=enterprise_id,
            id=id,
            recorded_by=recorded_by,
            region_id=region_id,
            text=text,
        )

        return enterprise_visit
