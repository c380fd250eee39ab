from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="NewFieldAccount")


@_attrs_define
class NewFieldAccount:
    """
    Attributes:
        name (str): The account's name (shown in the change log)
        person_id (str): The cadre's or party member's id
        person_type (str): Whom the account is for
    """

    name: str
    person_id: str
    person_type: str

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        person_id = self.person_id

        person_type = self.person_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "person_id": person_id,
                "person_type": person_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        person_id = d.pop("person_id")

        person_type = d.pop("person_type")

        new_field_account = cls(
            name=name,
            person_id=person_id,
            person_type=person_type,
        )

        return new_field_account
