from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.assignment_effect import AssignmentEffect


T = TypeVar("T", bound="AssignmentWhatIf")


@_attrs_define
class AssignmentWhatIf:
    """
    Attributes:
        as_of (str):
        closes (list[AssignmentEffect]): The gaps the record would close
        end (str):
        kind (str):
        lines (list[AssignmentEffect]): Every metric of either end, with its status before and the record's effect
        opens (list[AssignmentEffect]): The gaps the record would open (a member past the households the policy wants, a
            cadre past the pairings of its level)
        start (str):
    """

    as_of: str
    closes: list[AssignmentEffect]
    end: str
    kind: str
    lines: list[AssignmentEffect]
    opens: list[AssignmentEffect]
    start: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of

        closes = []
        for closes_item_data in self.closes:
            closes_item = closes_item_data.to_dict()
            closes.append(closes_item)

        end = self.end

        kind = self.kind

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        opens = []
        for opens_item_data in self.opens:
            opens_item = opens_item_data.to_dict()
            opens.append(opens_item)

        start = self.start

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "closes": closes,
                "end": end,
                "kind": kind,
                "lines": lines,
                "opens": opens,
                "start": start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.assignment_effect import AssignmentEffect  # noqa: PLC0415

        d = dict(src_dict)
        as_of = d.pop("as_of")

        closes = []
        _closes = d.pop("closes")
        for closes_item_data in _closes:
            closes_item = AssignmentEffect.from_dict(closes_item_data)

            closes.append(closes_item)

        end = d.pop("end")

        kind = d.pop("kind")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = AssignmentEffect.from_dict(lines_item_data)

            lines.append(lines_item)

        opens = []
        _opens = d.pop("opens")
        for opens_item_data in _opens:
            opens_item = AssignmentEffect.from_dict(opens_item_data)

            opens.append(opens_item)

        start = d.pop("start")

        assignment_what_if = cls(
            as_of=as_of,
            closes=closes,
            end=end,
            kind=kind,
            lines=lines,
            opens=opens,
            start=start,
        )

        assignment_what_if.additional_properties = d
        return assignment_what_if

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
