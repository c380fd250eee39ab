from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.hotspot import Hotspot
    from ..models.region_info import RegionInfo


T = TypeVar("T", bound="Hotspots")


@_attrs_define
class Hotspots:
    """
    Attributes:
        as_of (str):
        items (list[Hotspot]): Ranked by uncovered (desc), then ratio (asc), then id
        level (str):
        metric (str):
        region (RegionInfo):
    """

    as_of: str
    items: list[Hotspot]
    level: str
    metric: str
    region: RegionInfo
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        level = self.level

        metric = self.metric

        region = self.region.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "items": items,
                "level": level,
                "metric": metric,
                "region": region,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hotspot import Hotspot  # noqa: PLC0415
        from ..models.region_info import RegionInfo  # noqa: PLC0415

        d = dict(src_dict)
        as_of = d.pop("as_of")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Hotspot.from_dict(items_item_data)

            items.append(items_item)

        level = d.pop("level")

        metric = d.pop("metric")

        region = RegionInfo.from_dict(d.pop("region"))

        hotspots = cls(
            as_of=as_of,
            items=items,
            level=level,
            metric=metric,
            region=region,
        )

        hotspots.additional_properties = d
        return hotspots

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
