from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.scorecard_line_status import ScorecardLineStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ScorecardLine")


@_attrs_define
class ScorecardLine:
    """
    Attributes:
        covered (int):
        metric (str):
        ratio (float | None):
        status (ScorecardLineStatus): From the policy's thresholds; total 0 is ok
        title_en (str):
        title_zh (str):
        total (int):
        uncovered (int):
        policy (None | str | Unset): Fingerprint of the policy the figures were computed under; `mixed` above regions
            with different ones
    """

    covered: int
    metric: str
    ratio: float | None
    status: ScorecardLineStatus
    title_en: str
    title_zh: str
    total: int
    uncovered: int
    policy: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        covered = self.covered

        metric = self.metric

        ratio: float | None
        ratio = self.ratio

        status = self.status.value

        title_en = self.title_en

        title_zh = self.title_zh

        total = self.total

        uncovered = self.uncovered

        policy: None | str | Unset
        if isinstance(self.policy, Unset):
            policy = UNSET
        else:
            policy = self.policy

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "covered": covered,
                "metric": metric,
                "ratio": ratio,
                "status": status,
                "title_en": title_en,
                "title_zh": title_zh,
                "total": total,
                "uncovered": uncovered,
            }
        )
        if policy is not UNSET:
            field_dict["policy"] = policy

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        covered = d.pop("covered")

        metric = d.pop("metric")

        def _parse_ratio(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        ratio = _parse_ratio(d.pop("ratio"))

        status = ScorecardLineStatus(d.pop("status"))

        title_en = d.pop("title_en")

        title_zh = d.pop("title_zh")

        total = d.pop("total")

        uncovered = d.pop("uncovered")

        def _parse_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        policy = _parse_policy(d.pop("policy", UNSET))

        scorecard_line = cls(
            covered=covered,
            metric=metric,
            ratio=ratio,
            status=status,
            title_en=title_en,
            title_zh=title_zh,
            total=total,
            uncovered=uncovered,
            policy=policy,
        )

        scorecard_line.additional_properties = d
        return scorecard_line

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
