from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.stats_v1_stats_get_response_stats_v1_stats_get_additional_property import (
        StatsV1StatsGetResponseStatsV1StatsGetAdditionalProperty,
    )


T = TypeVar("T", bound="StatsV1StatsGetResponseStatsV1StatsGet")


@_attrs_define
class StatsV1StatsGetResponseStatsV1StatsGet:
    additional_properties: dict[str, StatsV1StatsGetResponseStatsV1StatsGetAdditionalProperty] = _attrs_field(
        init=False, factory=dict
    )

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stats_v1_stats_get_response_stats_v1_stats_get_additional_property import (
            StatsV1StatsGetResponseStatsV1StatsGetAdditionalProperty,  # noqa: PLC0415
        )

        d = dict(src_dict)
        stats_v1_stats_get_response_stats_v1_stats_get = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = StatsV1StatsGetResponseStatsV1StatsGetAdditionalProperty.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        stats_v1_stats_get_response_stats_v1_stats_get.additional_properties = additional_properties
        return stats_v1_stats_get_response_stats_v1_stats_get

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> StatsV1StatsGetResponseStatsV1StatsGetAdditionalProperty:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: StatsV1StatsGetResponseStatsV1StatsGetAdditionalProperty) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
