from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.account_view import AccountView


T = TypeVar("T", bound="AccountWithToken")


@_attrs_define
class AccountWithToken:
    """
    Attributes:
        account (AccountView): An account as shown to admins (:func:`public_view`): never its token or the token's hash.
        token (str): `<account id>.<secret>`: shown this once, stored only as a hash
    """

    account: AccountView
    token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account = self.account.to_dict()

        token = self.token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account": account,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_view import AccountView  # noqa: PLC0415

        d = dict(src_dict)
        account = AccountView.from_dict(d.pop("account"))

        token = d.pop("token")

        account_with_token = cls(
            account=account,
            token=token,
        )

        account_with_token.additional_properties = d
        return account_with_token

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
