from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.new_account_role import NewAccountRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewAccount")


@_attrs_define
class NewAccount:
    """An account to add: the one model the API's body (``POST /v1/accounts``) and ``orgnet accounts
    add`` are both validated by.  Whether the scope's regions exist is checked by :func:`add_account`
    (it needs the graph).

    >>> NewAccount(name=" 丰县 planner ", role="planner", scope=["320322", "320321", "320321"]).scope
    ['320321', '320322']

        Attributes:
            name (str): Who uses the account
            role (NewAccountRole): viewer, planner, admin, or exchange (may push exchange files: POST /v1/exchange)
            scope (list[str]): Region ids: personal data and writes only in their subtrees (the city's id: everywhere)
            expires_at (None | str | Unset): YYYY-MM-DD (valid through that day, UTC) or an ISO date-time; null: never
    """

    name: str
    role: NewAccountRole
    scope: list[str]
    expires_at: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        role = self.role.value

        scope = self.scope

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = self.expires_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "role": role,
                "scope": scope,
            }
        )
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        role = NewAccountRole(d.pop("role"))

        scope = cast(list[str], d.pop("scope"))

        def _parse_expires_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        new_account = cls(
            name=name,
            role=role,
            scope=scope,
            expires_at=expires_at,
        )

        return new_account
