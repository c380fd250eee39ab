from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.account_view_role import AccountViewRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="AccountView")


@_attrs_define
class AccountView:
    """An account as shown to admins (:func:`public_view`): never its token or the token's hash.

    Attributes:
        created_at (str):
        disabled (bool):
        expired (bool):
        id (str):
        name (str):
        role (AccountViewRole):
        scope (list[str]):
        created_by (None | str | Unset):
        disabled_at (None | str | Unset):
        expires_at (None | str | Unset):
        rotated_at (None | str | Unset):
    """

    created_at: str
    disabled: bool
    expired: bool
    id: str
    name: str
    role: AccountViewRole
    scope: list[str]
    created_by: None | str | Unset = UNSET
    disabled_at: None | str | Unset = UNSET
    expires_at: None | str | Unset = UNSET
    rotated_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        disabled = self.disabled

        expired = self.expired

        id = self.id

        name = self.name

        role = self.role.value

        scope = self.scope

        created_by: None | str | Unset
        if isinstance(self.created_by, Unset):
            created_by = UNSET
        else:
            created_by = self.created_by

        disabled_at: None | str | Unset
        if isinstance(self.disabled_at, Unset):
            disabled_at = UNSET
        else:
            disabled_at = self.disabled_at

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = self.expires_at

        rotated_at: None | str | Unset
        if isinstance(self.rotated_at, Unset):
            rotated_at = UNSET
        else:
            rotated_at = self.rotated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "disabled": disabled,
                "expired": expired,
                "id": id,
                "name": name,
                "role": role,
                "scope": scope,
            }
        )
        if created_by is not UNSET:
            field_dict["created_by"] = created_by
        if disabled_at is not UNSET:
            field_dict["disabled_at"] = disabled_at
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if rotated_at is not UNSET:
            field_dict["rotated_at"] = rotated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = d.pop("created_at")

        disabled = d.pop("disabled")

        expired = d.pop("expired")

        id = d.pop("id")

        name = d.pop("name")

        role = AccountViewRole(d.pop("role"))

        scope = cast(list[str], d.pop("scope"))

        def _parse_created_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_by = _parse_created_by(d.pop("created_by", UNSET))

        def _parse_disabled_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        disabled_at = _parse_disabled_at(d.pop("disabled_at", UNSET))

        def _parse_expires_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        def _parse_rotated_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rotated_at = _parse_rotated_at(d.pop("rotated_at", UNSET))

        account_view = cls(
            created_at=created_at,
            disabled=disabled,
            expired=expired,
            id=id,
            name=name,
            role=role,
            scope=scope,
            created_by=created_by,
            disabled_at=disabled_at,
            expires_at=expires_at,
            rotated_at=rotated_at,
        )

        account_view.additional_properties = d
        return account_view

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
