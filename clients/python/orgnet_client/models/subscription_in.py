from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.subscription_in_channel import SubscriptionInChannel
from ..models.subscription_in_digest import SubscriptionInDigest
from ..models.subscription_in_events_item import SubscriptionInEventsItem
from ..models.subscription_in_lang import SubscriptionInLang
from ..types import UNSET, Unset

T = TypeVar("T", bound="SubscriptionIn")


@_attrs_define
class SubscriptionIn:
    """
    Attributes:
        channel (SubscriptionInChannel):
        digest (SubscriptionInDigest | Unset): email: one message per alert event, or a digest Default:
            SubscriptionInDigest.NONE.
        email (None | str | Unset): email: the recipient's address
        events (list[SubscriptionInEventsItem] | Unset): Event types to deliver
        lang (SubscriptionInLang | Unset): email: the language of the messages Default: SubscriptionInLang.ZH.
        name (str | Unset): For people Default: ''.
        regions (list[str] | None | Unset): Events of these regions (with their subtrees); default: the caller's scope
        url (None | str | Unset): webhook: http(s) URL that receives a signed POST per event
    """

    channel: SubscriptionInChannel
    digest: SubscriptionInDigest | Unset = SubscriptionInDigest.NONE
    email: None | str | Unset = UNSET
    events: list[SubscriptionInEventsItem] | Unset = UNSET
    lang: SubscriptionInLang | Unset = SubscriptionInLang.ZH
    name: str | Unset = ""
    regions: list[str] | None | Unset = UNSET
    url: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        digest: str | Unset = UNSET
        if not isinstance(self.digest, Unset):
            digest = self.digest.value

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.value
                events.append(events_item)

        lang: str | Unset = UNSET
        if not isinstance(self.lang, Unset):
            lang = self.lang.value

        name = self.name

        regions: list[str] | None | Unset
        if isinstance(self.regions, Unset):
            regions = UNSET
        elif isinstance(self.regions, list):
            regions = self.regions

        else:
            regions = self.regions

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
            }
        )
        if digest is not UNSET:
            field_dict["digest"] = digest
        if email is not UNSET:
            field_dict["email"] = email
        if events is not UNSET:
            field_dict["events"] = events
        if lang is not UNSET:
            field_dict["lang"] = lang
        if name is not UNSET:
            field_dict["name"] = name
        if regions is not UNSET:
            field_dict["regions"] = regions
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = SubscriptionInChannel(d.pop("channel"))

        _digest = d.pop("digest", UNSET)
        digest: SubscriptionInDigest | Unset
        if isinstance(_digest, Unset):
            digest = UNSET
        else:
            digest = SubscriptionInDigest(_digest)

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        _events = d.pop("events", UNSET)
        events: list[SubscriptionInEventsItem] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = SubscriptionInEventsItem(events_item_data)

                events.append(events_item)

        _lang = d.pop("lang", UNSET)
        lang: SubscriptionInLang | Unset
        if isinstance(_lang, Unset):
            lang = UNSET
        else:
            lang = SubscriptionInLang(_lang)

        name = d.pop("name", UNSET)

        def _parse_regions(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                regions_type_0 = cast(list[str], data)

                return regions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        regions = _parse_regions(d.pop("regions", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        subscription_in = cls(
            channel=channel,
            digest=digest,
            email=email,
            events=events,
            lang=lang,
            name=name,
            regions=regions,
            url=url,
        )

        return subscription_in
