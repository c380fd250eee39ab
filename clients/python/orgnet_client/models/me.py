from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.me_role import MeRole

if TYPE_CHECKING:
    from ..models.account_ref import AccountRef
    from ..models.scope_region import ScopeRegion


T = TypeVar("T", bound="Me")


@_attrs_define
class Me:
    """
    Attributes:
        account (AccountRef | None): The account behind the token; null for anonymous callers and `API_TOKENS` tokens
        can_write (bool): The role may write records (planner or admin), inside `scope` unless `unrestricted`
        role (MeRole): `anonymous`: no Authorization header; `exchange`: an instance that pushes aggregate exchange
            files (reads as a viewer); `field`: one person's phone (the field app, /m/)
        scope (list[ScopeRegion]): The account's scope regions; empty for anonymous callers and `API_TOKENS` tokens
        unrestricted (bool): No region restriction: names (where the role shows them) and writes everywhere
    """

    account: AccountRef | None
    can_write: bool
    role: MeRole
    scope: list[ScopeRegion]
    unrestricted: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.account_ref import AccountRef  # noqa: PLC0415

        account: dict[str, Any] | None
        if isinstance(self.account, AccountRef):
            account = self.account.to_dict()
        else:
            account = self.account

        can_write = self.can_write

        role = self.role.value

        scope = []
        for scope_item_data in self.scope:
            scope_item = scope_item_data.to_dict()
            scope.append(scope_item)

        unrestricted = self.unrestricted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account": account,
                "can_write": can_write,
                "role": role,
                "scope": scope,
                "unrestricted": unrestricted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_ref import AccountRef  # noqa: PLC0415
        from ..models.scope_region import ScopeRegion  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_account(data: object) -> AccountRef | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                account_type_0 = AccountRef.from_dict(data)

                return account_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountRef | None, data)

        account = _parse_account(d.pop("account"))

        can_write = d.pop("can_write")

        role = MeRole(d.pop("role"))

        scope = []
        _scope = d.pop("scope")
        for scope_item_data in _scope:
            scope_item = ScopeRegion.from_dict(scope_item_data)

            scope.append(scope_item)

        unrestricted = d.pop("unrestricted")

        me = cls(
            account=account,
            can_write=can_write,
            role=role,
            scope=scope,
            unrestricted=unrestricted,
        )

        me.additional_properties = d
        return me

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
