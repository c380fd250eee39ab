from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.gap_facets import GapFacets
    from ..models.gap_item import GapItem
    from ..models.region_info import RegionInfo


T = TypeVar("T", bound="Gaps")


@_attrs_define
class Gaps:
    """
    Attributes:
        as_of (str):
        items (list[GapItem]):
        metric (str):
        next_cursor (None | str): Pass as `cursor` for the next page; null on the last page
        region (RegionInfo):
        total (int): Uncovered items under the region that pass the filters (`reason`, `within`, `q`), all pages
        facets (GapFacets | None | Unset): Counts per reason and per child region, each of the list narrowed by the
            other filters; on the first page and on every page of a filtered list; null on later pages of an unfiltered list
    """

    as_of: str
    items: list[GapItem]
    metric: str
    next_cursor: None | str
    region: RegionInfo
    total: int
    facets: GapFacets | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.gap_facets import GapFacets  # noqa: PLC0415

        as_of = self.as_of

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        metric = self.metric

        next_cursor: None | str
        next_cursor = self.next_cursor

        region = self.region.to_dict()

        total = self.total

        facets: dict[str, Any] | None | Unset
        if isinstance(self.facets, Unset):
            facets = UNSET
        elif isinstance(self.facets, GapFacets):
            facets = self.facets.to_dict()
        else:
            facets = self.facets

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "items": items,
                "metric": metric,
                "next_cursor": next_cursor,
                "region": region,
                "total": total,
            }
        )
        if facets is not UNSET:
            field_dict["facets"] = facets

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gap_facets import GapFacets  # noqa: PLC0415
        from ..models.gap_item import GapItem  # noqa: PLC0415
        from ..models.region_info import RegionInfo  # noqa: PLC0415

        d = dict(src_dict)
        as_of = d.pop("as_of")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = GapItem.from_dict(items_item_data)

            items.append(items_item)

        metric = d.pop("metric")

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        region = RegionInfo.from_dict(d.pop("region"))

        total = d.pop("total")

        def _parse_facets(data: object) -> GapFacets | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                facets_type_0 = GapFacets.from_dict(data)

                return facets_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GapFacets | None | Unset, data)

        facets = _parse_facets(d.pop("facets", UNSET))

        gaps = cls(
            as_of=as_of,
            items=items,
            metric=metric,
            next_cursor=next_cursor,
            region=region,
            total=total,
            facets=facets,
        )

        gaps.additional_properties = d
        return gaps

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
