from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.days import Days
    from ..models.touched_region import TouchedRegion


T = TypeVar("T", bound="Touched")


@_attrs_define
class Touched:
    """
    Attributes:
        days (Days):
        metrics (list[str]): The metrics whose coverage can change
        reach_known (bool): false: items outside `regions` can change too (refresh every figure of `metrics`)
        regions (list[TouchedRegion]): The regions written, those of the caller's scope only
    """

    days: Days
    metrics: list[str]
    reach_known: bool
    regions: list[TouchedRegion]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        days = self.days.to_dict()

        metrics = self.metrics

        reach_known = self.reach_known

        regions = []
        for regions_item_data in self.regions:
            regions_item = regions_item_data.to_dict()
            regions.append(regions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "days": days,
                "metrics": metrics,
                "reach_known": reach_known,
                "regions": regions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.days import Days  # noqa: PLC0415
        from ..models.touched_region import TouchedRegion  # noqa: PLC0415

        d = dict(src_dict)
        days = Days.from_dict(d.pop("days"))

        metrics = cast(list[str], d.pop("metrics"))

        reach_known = d.pop("reach_known")

        regions = []
        _regions = d.pop("regions")
        for regions_item_data in _regions:
            regions_item = TouchedRegion.from_dict(regions_item_data)

            regions.append(regions_item)

        touched = cls(
            days=days,
            metrics=metrics,
            reach_known=reach_known,
            regions=regions,
        )

        touched.additional_properties = d
        return touched

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
