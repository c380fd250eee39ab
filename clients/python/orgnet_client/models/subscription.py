from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.subscription_channel import SubscriptionChannel
from ..models.subscription_digest import SubscriptionDigest
from ..models.subscription_lang import SubscriptionLang
from ..types import UNSET, Unset

T = TypeVar("T", bound="Subscription")


@_attrs_define
class Subscription:
    """
    Attributes:
        channel (SubscriptionChannel):
        events (list[str]):
        id (str):
        regions (list[str]):
        active (bool | Unset):  Default: True.
        created_at (None | str | Unset):
        digest (SubscriptionDigest | Unset):  Default: SubscriptionDigest.NONE.
        email (None | str | Unset):
        lang (SubscriptionLang | Unset):  Default: SubscriptionLang.ZH.
        name (str | Unset):  Default: ''.
        next_digest_at (None | str | Unset):
        owner (None | str | Unset):
        url (None | str | Unset):
    """

    channel: SubscriptionChannel
    events: list[str]
    id: str
    regions: list[str]
    active: bool | Unset = True
    created_at: None | str | Unset = UNSET
    digest: SubscriptionDigest | Unset = SubscriptionDigest.NONE
    email: None | str | Unset = UNSET
    lang: SubscriptionLang | Unset = SubscriptionLang.ZH
    name: str | Unset = ""
    next_digest_at: None | str | Unset = UNSET
    owner: None | str | Unset = UNSET
    url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        events = self.events

        id = self.id

        regions = self.regions

        active = self.active

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        else:
            created_at = self.created_at

        digest: str | Unset = UNSET
        if not isinstance(self.digest, Unset):
            digest = self.digest.value

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        lang: str | Unset = UNSET
        if not isinstance(self.lang, Unset):
            lang = self.lang.value

        name = self.name

        next_digest_at: None | str | Unset
        if isinstance(self.next_digest_at, Unset):
            next_digest_at = UNSET
        else:
            next_digest_at = self.next_digest_at

        owner: None | str | Unset
        if isinstance(self.owner, Unset):
            owner = UNSET
        else:
            owner = self.owner

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel": channel,
                "events": events,
                "id": id,
                "regions": regions,
            }
        )
        if active is not UNSET:
            field_dict["active"] = active
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if digest is not UNSET:
            field_dict["digest"] = digest
        if email is not UNSET:
            field_dict["email"] = email
        if lang is not UNSET:
            field_dict["lang"] = lang
        if name is not UNSET:
            field_dict["name"] = name
        if next_digest_at is not UNSET:
            field_dict["next_digest_at"] = next_digest_at
        if owner is not UNSET:
            field_dict["owner"] = owner
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = SubscriptionChannel(d.pop("channel"))

        events = cast(list[str], d.pop("events"))

        id = d.pop("id")

        regions = cast(list[str], d.pop("regions"))

        active = d.pop("active", UNSET)

        def _parse_created_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        _digest = d.pop("digest", UNSET)
        digest: SubscriptionDigest | Unset
        if isinstance(_digest, Unset):
            digest = UNSET
        else:
            digest = SubscriptionDigest(_digest)

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        _lang = d.pop("lang", UNSET)
        lang: SubscriptionLang | Unset
        if isinstance(_lang, Unset):
            lang = UNSET
        else:
            lang = SubscriptionLang(_lang)

        name = d.pop("name", UNSET)

        def _parse_next_digest_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_digest_at = _parse_next_digest_at(d.pop("next_digest_at", UNSET))

        def _parse_owner(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner = _parse_owner(d.pop("owner", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        subscription = cls(
            channel=channel,
            events=events,
            id=id,
            regions=regions,
            active=active,
            created_at=created_at,
            digest=digest,
            email=email,
            lang=lang,
            name=name,
            next_digest_at=next_digest_at,
            owner=owner,
            url=url,
        )

        subscription.additional_properties = d
        return subscription

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
