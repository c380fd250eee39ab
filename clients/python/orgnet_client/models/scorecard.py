from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.region_info import RegionInfo
    from ..models.scorecard_line import ScorecardLine


T = TypeVar("T", bound="Scorecard")


@_attrs_define
class Scorecard:
    """
    Attributes:
        as_of (str):
        metrics (list[ScorecardLine]):
        region (RegionInfo):
    """

    as_of: str
    metrics: list[ScorecardLine]
    region: RegionInfo
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of

        metrics = []
        for metrics_item_data in self.metrics:
            metrics_item = metrics_item_data.to_dict()
            metrics.append(metrics_item)

        region = self.region.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "metrics": metrics,
                "region": region,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.region_info import RegionInfo  # noqa: PLC0415
        from ..models.scorecard_line import ScorecardLine  # noqa: PLC0415

        d = dict(src_dict)
        as_of = d.pop("as_of")

        metrics = []
        _metrics = d.pop("metrics")
        for metrics_item_data in _metrics:
            metrics_item = ScorecardLine.from_dict(metrics_item_data)

            metrics.append(metrics_item)

        region = RegionInfo.from_dict(d.pop("region"))

        scorecard = cls(
            as_of=as_of,
            metrics=metrics,
            region=region,
        )

        scorecard.additional_properties = d
        return scorecard

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
