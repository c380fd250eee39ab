from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.newly_uncovered import NewlyUncovered


T = TypeVar("T", bound="WhatIfMetric")


@_attrs_define
class WhatIfMetric:
    """
    Attributes:
        count (int):
        metric (str):
        newly_uncovered (list[NewlyUncovered]):
    """

    count: int
    metric: str
    newly_uncovered: list[NewlyUncovered]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        metric = self.metric

        newly_uncovered = []
        for newly_uncovered_item_data in self.newly_uncovered:
            newly_uncovered_item = newly_uncovered_item_data.to_dict()
            newly_uncovered.append(newly_uncovered_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "metric": metric,
                "newly_uncovered": newly_uncovered,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.newly_uncovered import NewlyUncovered  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        metric = d.pop("metric")

        newly_uncovered = []
        _newly_uncovered = d.pop("newly_uncovered")
        for newly_uncovered_item_data in _newly_uncovered:
            newly_uncovered_item = NewlyUncovered.from_dict(newly_uncovered_item_data)

            newly_uncovered.append(newly_uncovered_item)

        what_if_metric = cls(
            count=count,
            metric=metric,
            newly_uncovered=newly_uncovered,
        )

        what_if_metric.additional_properties = d
        return what_if_metric

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
