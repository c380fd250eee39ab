from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ApplyPairingSuggestionsV1SuggestionsEnterprisePairingApplyPostBodyPairingsItem")


@_attrs_define
class ApplyPairingSuggestionsV1SuggestionsEnterprisePairingApplyPostBodyPairingsItem:
    """
    Attributes:
        cadre_id (str):
        enterprise_id (str):
    """

    cadre_id: str
    enterprise_id: str

    def to_dict(self) -> dict[str, Any]:
        cadre_id = self.cadre_id

        enterprise_id = self.enterprise_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cadre_id": cadre_id,
                "enterprise_id": enterprise_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cadre_id = d.pop("cadre_id")

        enterprise_id = d.pop("enterprise_id")

        apply_pairing_suggestions_v1_suggestions_enterprise_pairing_apply_post_body_pairings_item = cls(
            cadre_id=cadre_id,
            enterprise_id=enterprise_id,
        )

        return apply_pairing_suggestions_v1_suggestions_enterprise_pairing_apply_post_body_pairings_item
