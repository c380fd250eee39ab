from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MedicalWorker")


@_attrs_define
class MedicalWorker:
    """
    Attributes:
        batch (int):
        destination (str):
        id (str):
        name (str):
        region_id (None | str | Unset): Where the family lives
    """

    batch: int
    destination: str
    id: str
    name: str
    region_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        batch = self.batch

        destination = self.destination

        id = self.id

        name = self.name

        region_id: None | str | Unset
        if isinstance(self.region_id, Unset):
            region_id = UNSET
        else:
            region_id = self.region_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "batch": batch,
                "destination": destination,
                "id": id,
                "name": name,
            }
        )
        if region_id is not UNSET:
            field_dict["region_id"] = region_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        batch = d.pop("batch")

        destination = d.pop("destination")

        id = d.pop("id")

        name = d.pop("name")

        def _parse_region_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region_id = _parse_region_id(d.pop("region_id", UNSET))

        medical_worker = cls(
            batch=batch,
            destination=destination,
            id=id,
            name=name,
            region_id=region_id,
        )

        return medical_worker
