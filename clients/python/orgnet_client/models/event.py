from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.change_ref import ChangeRef
    from ..models.event_alert_type_0 import EventAlertType0
    from ..models.touched import Touched


T = TypeVar("T", bound="Event")


@_attrs_define
class Event:
    """
    Attributes:
        id (str): The event's id (a receiver's idempotency key)
        seq (int): Its place in the stream: the SSE `id`, and `after` / `Last-Event-ID` to resume
        touched (Touched):
        type_ (str): `change`, `alert.opened`, `alert.acknowledged` or `alert.resolved`
        alert (EventAlertType0 | None | Unset): The alert as it was at the event (see `GET /v1/alerts/{alert_id}`)
        at (None | str | Unset):
        change (ChangeRef | None | Unset):
    """

    id: str
    seq: int
    touched: Touched
    type_: str
    alert: EventAlertType0 | None | Unset = UNSET
    at: None | str | Unset = UNSET
    change: ChangeRef | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.change_ref import ChangeRef  # noqa: PLC0415
        from ..models.event_alert_type_0 import EventAlertType0  # noqa: PLC0415

        id = self.id

        seq = self.seq

        touched = self.touched.to_dict()

        type_ = self.type_

        alert: dict[str, Any] | None | Unset
        if isinstance(self.alert, Unset):
            alert = UNSET
        elif isinstance(self.alert, EventAlertType0):
            alert = self.alert.to_dict()
        else:
            alert = self.alert

        at: None | str | Unset
        if isinstance(self.at, Unset):
            at = UNSET
        else:
            at = self.at

        change: dict[str, Any] | None | Unset
        if isinstance(self.change, Unset):
            change = UNSET
        elif isinstance(self.change, ChangeRef):
            change = self.change.to_dict()
        else:
            change = self.change

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "seq": seq,
                "touched": touched,
                "type": type_,
            }
        )
        if alert is not UNSET:
            field_dict["alert"] = alert
        if at is not UNSET:
            field_dict["at"] = at
        if change is not UNSET:
            field_dict["change"] = change

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.change_ref import ChangeRef  # noqa: PLC0415
        from ..models.event_alert_type_0 import EventAlertType0  # noqa: PLC0415
        from ..models.touched import Touched  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        seq = d.pop("seq")

        touched = Touched.from_dict(d.pop("touched"))

        type_ = d.pop("type")

        def _parse_alert(data: object) -> EventAlertType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                alert_type_0 = EventAlertType0.from_dict(data)

                return alert_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EventAlertType0 | None | Unset, data)

        alert = _parse_alert(d.pop("alert", UNSET))

        def _parse_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        at = _parse_at(d.pop("at", UNSET))

        def _parse_change(data: object) -> ChangeRef | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                change_type_0 = ChangeRef.from_dict(data)

                return change_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChangeRef | None | Unset, data)

        change = _parse_change(d.pop("change", UNSET))

        event = cls(
            id=id,
            seq=seq,
            touched=touched,
            type_=type_,
            alert=alert,
            at=at,
            change=change,
        )

        event.additional_properties = d
        return event

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
