from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.coverage_line import CoverageLine
    from ..models.region_info import RegionInfo


T = TypeVar("T", bound="Coverage")


@_attrs_define
class Coverage:
    """
    Attributes:
        as_of (str):
        children (list[CoverageLine]): Every child region, zeros included, by id
        covered (int):
        metric (str):
        ratio (float | None):
        region (RegionInfo):
        total (int):
        policies (list[str] | Unset): The fingerprints the figures were computed under: one, or each of a mixed region's
        policy (None | str | Unset): Fingerprint of the policy the figures were computed under; `mixed` above regions
            with different ones
    """

    as_of: str
    children: list[CoverageLine]
    covered: int
    metric: str
    ratio: float | None
    region: RegionInfo
    total: int
    policies: list[str] | Unset = UNSET
    policy: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of

        children = []
        for children_item_data in self.children:
            children_item = children_item_data.to_dict()
            children.append(children_item)

        covered = self.covered

        metric = self.metric

        ratio: float | None
        ratio = self.ratio

        region = self.region.to_dict()

        total = self.total

        policies: list[str] | Unset = UNSET
        if not isinstance(self.policies, Unset):
            policies = self.policies

        policy: None | str | Unset
        if isinstance(self.policy, Unset):
            policy = UNSET
        else:
            policy = self.policy

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "children": children,
                "covered": covered,
                "metric": metric,
                "ratio": ratio,
                "region": region,
                "total": total,
            }
        )
        if policies is not UNSET:
            field_dict["policies"] = policies
        if policy is not UNSET:
            field_dict["policy"] = policy

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coverage_line import CoverageLine  # noqa: PLC0415
        from ..models.region_info import RegionInfo  # noqa: PLC0415

        d = dict(src_dict)
        as_of = d.pop("as_of")

        children = []
        _children = d.pop("children")
        for children_item_data in _children:
            children_item = CoverageLine.from_dict(children_item_data)

            children.append(children_item)

        covered = d.pop("covered")

        metric = d.pop("metric")

        def _parse_ratio(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        ratio = _parse_ratio(d.pop("ratio"))

        region = RegionInfo.from_dict(d.pop("region"))

        total = d.pop("total")

        policies = cast(list[str], d.pop("policies", UNSET))

        def _parse_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        policy = _parse_policy(d.pop("policy", UNSET))

        coverage = cls(
            as_of=as_of,
            children=children,
            covered=covered,
            metric=metric,
            ratio=ratio,
            region=region,
            total=total,
            policies=policies,
            policy=policy,
        )

        coverage.additional_properties = d
        return coverage

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
