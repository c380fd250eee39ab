from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.unavailable import Unavailable


T = TypeVar("T", bound="WhatIfRequest")


@_attrs_define
class WhatIfRequest:
    """
    Attributes:
        as_of (None | str | Unset): Day, YYYY-MM-DD (default: today)
        region (None | str | Unset): Region to report on (default: the city)
        unavailable (Unavailable | Unset):
    """

    as_of: None | str | Unset = UNSET
    region: None | str | Unset = UNSET
    unavailable: Unavailable | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        as_of: None | str | Unset
        if isinstance(self.as_of, Unset):
            as_of = UNSET
        else:
            as_of = self.as_of

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        else:
            region = self.region

        unavailable: dict[str, Any] | Unset = UNSET
        if not isinstance(self.unavailable, Unset):
            unavailable = self.unavailable.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if as_of is not UNSET:
            field_dict["as_of"] = as_of
        if region is not UNSET:
            field_dict["region"] = region
        if unavailable is not UNSET:
            field_dict["unavailable"] = unavailable

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.unavailable import Unavailable  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_as_of(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        as_of = _parse_as_of(d.pop("as_of", UNSET))

        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        _unavailable = d.pop("unavailable", UNSET)
        unavailable: Unavailable | Unset
        if isinstance(_unavailable, Unset):
            unavailable = UNSET
        else:
            unavailable = Unavailable.from_dict(_unavailable)

        what_if_request = cls(
            as_of=as_of,
            region=region,
            unavailable=unavailable,
        )

        return what_if_request
