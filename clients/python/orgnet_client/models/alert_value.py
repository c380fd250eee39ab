from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.alert_value_from_type_0 import AlertValueFromType0


T = TypeVar("T", bound="AlertValue")


@_attrs_define
class AlertValue:
    """
    Attributes:
        as_of (None | str | Unset):
        covered (int | None | Unset):
        from_ (AlertValueFromType0 | None | Unset): `fall`: the highest value of the window ({ratio, covered})
        gaps (int | None | Unset): `new_gap`: gaps with the reason now
        new (int | None | Unset): `new_gap`: gaps new since the last look
        ratio (float | None | Unset):
        total (int | None | Unset):
    """

    as_of: None | str | Unset = UNSET
    covered: int | None | Unset = UNSET
    from_: AlertValueFromType0 | None | Unset = UNSET
    gaps: int | None | Unset = UNSET
    new: int | None | Unset = UNSET
    ratio: float | None | Unset = UNSET
    total: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.alert_value_from_type_0 import AlertValueFromType0  # noqa: PLC0415

        as_of: None | str | Unset
        if isinstance(self.as_of, Unset):
            as_of = UNSET
        else:
            as_of = self.as_of

        covered: int | None | Unset
        if isinstance(self.covered, Unset):
            covered = UNSET
        else:
            covered = self.covered

        from_: dict[str, Any] | None | Unset
        if isinstance(self.from_, Unset):
            from_ = UNSET
        elif isinstance(self.from_, AlertValueFromType0):
            from_ = self.from_.to_dict()
        else:
            from_ = self.from_

        gaps: int | None | Unset
        if isinstance(self.gaps, Unset):
            gaps = UNSET
        else:
            gaps = self.gaps

        new: int | None | Unset
        if isinstance(self.new, Unset):
            new = UNSET
        else:
            new = self.new

        ratio: float | None | Unset
        if isinstance(self.ratio, Unset):
            ratio = UNSET
        else:
            ratio = self.ratio

        total: int | None | Unset
        if isinstance(self.total, Unset):
            total = UNSET
        else:
            total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if as_of is not UNSET:
            field_dict["as_of"] = as_of
        if covered is not UNSET:
            field_dict["covered"] = covered
        if from_ is not UNSET:
            field_dict["from"] = from_
        if gaps is not UNSET:
            field_dict["gaps"] = gaps
        if new is not UNSET:
            field_dict["new"] = new
        if ratio is not UNSET:
            field_dict["ratio"] = ratio
        if total is not UNSET:
            field_dict["total"] = total

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.alert_value_from_type_0 import AlertValueFromType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_as_of(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        as_of = _parse_as_of(d.pop("as_of", UNSET))

        def _parse_covered(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        covered = _parse_covered(d.pop("covered", UNSET))

        def _parse_from_(data: object) -> AlertValueFromType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                from_type_0 = AlertValueFromType0.from_dict(data)

                return from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AlertValueFromType0 | None | Unset, data)

        from_ = _parse_from_(d.pop("from", UNSET))

        def _parse_gaps(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        gaps = _parse_gaps(d.pop("gaps", UNSET))

        def _parse_new(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        new = _parse_new(d.pop("new", UNSET))

        def _parse_ratio(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        ratio = _parse_ratio(d.pop("ratio", UNSET))

        def _parse_total(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        total = _parse_total(d.pop("total", UNSET))

        alert_value = cls(
            as_of=as_of,
            covered=covered,
            from_=from_,
            gaps=gaps,
            new=new,
            ratio=ratio,
            total=total,
        )

        alert_value.additional_properties = d
        return alert_value

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
