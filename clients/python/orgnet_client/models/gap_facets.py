from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.gap_facets_reasons import GapFacetsReasons
    from ..models.region_count import RegionCount


T = TypeVar("T", bound="GapFacets")


@_attrs_define
class GapFacets:
    """
    Attributes:
        reasons (GapFacetsReasons): Items per reason code (the values `reason` takes), narrowed by `within` and `q`
        regions (list[RegionCount]): Items per child region of `region` (the values `within` takes), narrowed by
            `reason` and `q`
    """

    reasons: GapFacetsReasons
    regions: list[RegionCount]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reasons = self.reasons.to_dict()

        regions = []
        for regions_item_data in self.regions:
            regions_item = regions_item_data.to_dict()
            regions.append(regions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reasons": reasons,
                "regions": regions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gap_facets_reasons import GapFacetsReasons  # noqa: PLC0415
        from ..models.region_count import RegionCount  # noqa: PLC0415

        d = dict(src_dict)
        reasons = GapFacetsReasons.from_dict(d.pop("reasons"))

        regions = []
        _regions = d.pop("regions")
        for regions_item_data in _regions:
            regions_item = RegionCount.from_dict(regions_item_data)

            regions.append(regions_item)

        gap_facets = cls(
            reasons=reasons,
            regions=regions,
        )

        gap_facets.additional_properties = d
        return gap_facets

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
