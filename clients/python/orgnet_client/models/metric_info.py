from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MetricInfo")


@_attrs_define
class MetricInfo:
    """
    Attributes:
        description (str): When one item counts as covered (default policy)
        metric (str):
        population (str): What should be covered
        title_en (str):
        title_zh (str):
    """

    description: str
    metric: str
    population: str
    title_en: str
    title_zh: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        metric = self.metric

        population = self.population

        title_en = self.title_en

        title_zh = self.title_zh

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "metric": metric,
                "population": population,
                "title_en": title_en,
                "title_zh": title_zh,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        metric = d.pop("metric")

        population = d.pop("population")

        title_en = d.pop("title_en")

        title_zh = d.pop("title_zh")

        metric_info = cls(
            description=description,
            metric=metric,
            population=population,
            title_en=title_en,
            title_zh=title_zh,
        )

        metric_info.additional_properties = d
        return metric_info

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
