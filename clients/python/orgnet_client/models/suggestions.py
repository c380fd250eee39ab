from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.suggestion import Suggestion
    from ..models.unresolvable import Unresolvable


T = TypeVar("T", bound="Suggestions")


@_attrs_define
class Suggestions:
    """
    Attributes:
        suggestions (list[Suggestion]):
        unresolvable (list[Unresolvable]):
    """

    suggestions: list[Suggestion]
    unresolvable: list[Unresolvable]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        suggestions = []
        for suggestions_item_data in self.suggestions:
            suggestions_item = suggestions_item_data.to_dict()
            suggestions.append(suggestions_item)

        unresolvable = []
        for unresolvable_item_data in self.unresolvable:
            unresolvable_item = unresolvable_item_data.to_dict()
            unresolvable.append(unresolvable_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "suggestions": suggestions,
                "unresolvable": unresolvable,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.suggestion import Suggestion  # noqa: PLC0415
        from ..models.unresolvable import Unresolvable  # noqa: PLC0415

        d = dict(src_dict)
        suggestions = []
        _suggestions = d.pop("suggestions")
        for suggestions_item_data in _suggestions:
            suggestions_item = Suggestion.from_dict(suggestions_item_data)

            suggestions.append(suggestions_item)

        unresolvable = []
        _unresolvable = d.pop("unresolvable")
        for unresolvable_item_data in _unresolvable:
            unresolvable_item = Unresolvable.from_dict(unresolvable_item_data)

            unresolvable.append(unresolvable_item)

        suggestions = cls(
            suggestions=suggestions,
            unresolvable=unresolvable,
        )

        suggestions.additional_properties = d
        return suggestions

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
