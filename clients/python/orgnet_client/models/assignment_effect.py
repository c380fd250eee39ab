from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assignment_effect_effect import AssignmentEffectEffect

T = TypeVar("T", bound="AssignmentEffect")


@_attrs_define
class AssignmentEffect:
    """
    Attributes:
        effect (AssignmentEffectEffect): What the record does to the item's gap: closes it, opens one, narrows it (an
            enterprise still lacking another level), or nothing
        item_id (str):
        metric (str): The metric whose item this is (one end of the record)
        name (None | str): The item's name, for callers who may read it
        uncovered_before (bool): Whether the item is a gap of the metric on the day
    """

    effect: AssignmentEffectEffect
    item_id: str
    metric: str
    name: None | str
    uncovered_before: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        effect = self.effect.value

        item_id = self.item_id

        metric = self.metric

        name: None | str
        name = self.name

        uncovered_before = self.uncovered_before

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "effect": effect,
                "item_id": item_id,
                "metric": metric,
                "name": name,
                "uncovered_before": uncovered_before,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        effect = AssignmentEffectEffect(d.pop("effect"))

        item_id = d.pop("item_id")

        metric = d.pop("metric")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        uncovered_before = d.pop("uncovered_before")

        assignment_effect = cls(
            effect=effect,
            item_id=item_id,
            metric=metric,
            name=name,
            uncovered_before=uncovered_before,
        )

        assignment_effect.additional_properties = d
        return assignment_effect

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
