from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_state import DeliveryState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attempt import Attempt


T = TypeVar("T", bound="Delivery")


@_attrs_define
class Delivery:
    """
    Attributes:
        attempts (int):
        channel (str):
        event_id (str):
        event_type (str):
        id (str):
        log (list[Attempt]):
        state (DeliveryState):
        subscription_id (str):
        created_at (None | str | Unset):
        delivered_at (None | str | Unset):
        last_error (None | str | Unset):
        next_at (float | None | Unset):
    """

    attempts: int
    channel: str
    event_id: str
    event_type: str
    id: str
    log: list[Attempt]
    state: DeliveryState
    subscription_id: str
    created_at: None | str | Unset = UNSET
    delivered_at: None | str | Unset = UNSET
    last_error: None | str | Unset = UNSET
    next_at: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts

        channel = self.channel

        event_id = self.event_id

        event_type = self.event_type

        id = self.id

        log = []
        for log_item_data in self.log:
            log_item = log_item_data.to_dict()
            log.append(log_item)

        state = self.state.value

        subscription_id = self.subscription_id

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        else:
            created_at = self.created_at

        delivered_at: None | str | Unset
        if isinstance(self.delivered_at, Unset):
            delivered_at = UNSET
        else:
            delivered_at = self.delivered_at

        last_error: None | str | Unset
        if isinstance(self.last_error, Unset):
            last_error = UNSET
        else:
            last_error = self.last_error

        next_at: float | None | Unset
        if isinstance(self.next_at, Unset):
            next_at = UNSET
        else:
            next_at = self.next_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "channel": channel,
                "event_id": event_id,
                "event_type": event_type,
                "id": id,
                "log": log,
                "state": state,
                "subscription_id": subscription_id,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if delivered_at is not UNSET:
            field_dict["delivered_at"] = delivered_at
        if last_error is not UNSET:
            field_dict["last_error"] = last_error
        if next_at is not UNSET:
            field_dict["next_at"] = next_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attempt import Attempt  # noqa: PLC0415

        d = dict(src_dict)
        attempts = d.pop("attempts")

        channel = d.pop("channel")

        event_id = d.pop("event_id")

        event_type = d.pop("event_type")

        id = d.pop("id")

        log = []
        _log = d.pop("log")
        for log_item_data in _log:
            log_item = Attempt.from_dict(log_item_data)

            log.append(log_item)

        state = DeliveryState(d.pop("state"))

        subscription_id = d.pop("subscription_id")

        def _parse_created_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_delivered_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at", UNSET))

        def _parse_last_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_error = _parse_last_error(d.pop("last_error", UNSET))

        def _parse_next_at(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        next_at = _parse_next_at(d.pop("next_at", UNSET))

        delivery = cls(
            attempts=attempts,
            channel=channel,
            event_id=event_id,
            event_type=event_type,
            id=id,
            log=log,
            state=state,
            subscription_id=subscription_id,
            created_at=created_at,
            delivered_at=delivered_at,
            last_error=last_error,
            next_at=next_at,
        )

        delivery.additional_properties = d
        return delivery

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
