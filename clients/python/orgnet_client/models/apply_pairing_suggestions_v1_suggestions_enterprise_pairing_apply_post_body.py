from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.apply_pairing_suggestions_v1_suggestions_enterprise_pairing_apply_post_body_pairings_item import (
        ApplyPairingSuggestionsV1SuggestionsEnterprisePairingApplyPostBodyPairingsItem,
    )


T = TypeVar("T", bound="ApplyPairingSuggestionsV1SuggestionsEnterprisePairingApplyPostBody")


@_attrs_define
class ApplyPairingSuggestionsV1SuggestionsEnterprisePairingApplyPostBody:
    """
    Attributes:
        pairings (list[ApplyPairingSuggestionsV1SuggestionsEnterprisePairingApplyPostBodyPairingsItem]):
        since (datetime.date):
    """

    pairings: list[ApplyPairingSuggestionsV1SuggestionsEnterprisePairingApplyPostBodyPairingsItem]
    since: datetime.date

    def to_dict(self) -> dict[str, Any]:
        pairings = []
        for pairings_item_data in self.pairings:
            pairings_item = pairings_item_data.to_dict()
            pairings.append(pairings_item)

        since = self.since.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "pairings": pairings,
                "since": since,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.apply_pairing_suggestions_v1_suggestions_enterprise_pairing_apply_post_body_pairings_item import (
            ApplyPairingSuggestionsV1SuggestionsEnterprisePairingApplyPostBodyPairingsItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        pairings = []
        _pairings = d.pop("pairings")
        for pairings_item_data in _pairings:
            pairings_item = ApplyPairingSuggestionsV1SuggestionsEnterprisePairingApplyPostBodyPairingsItem.from_dict(
                pairings_item_data
            )

            pairings.append(pairings_item)

        since = datetime.date.fromisoformat(d.pop("since"))

        apply_pairing_suggestions_v1_suggestions_enterprise_pairing_apply_post_body = cls(
            pairings=pairings,
            since=since,
        )

        return apply_pairing_suggestions_v1_suggestions_enterprise_pairing_apply_post_body
