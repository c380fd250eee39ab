from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.party_application_applicant_type import PartyApplicationApplicantType
from ..types import UNSET, Unset

T = TypeVar("T", bound="PartyApplication")


@_attrs_define
class PartyApplication:
    """An application to join the Party, with the dates of its stages (status history).

    Attributes:
        applicant_id (str):
        applicant_type (PartyApplicationApplicantType):
        id (str):
        region_id (str): Where the application was made
        submitted_on (datetime.date):
        activist_on (datetime.date | None | Unset): Accepted as an activist (入党积极分子)
        at_front (bool | Unset): Submitted at the front (在一线递交) Default: False.
        declined_on (datetime.date | None | Unset): Decided: not taken further
        full_member_on (datetime.date | None | Unset):
        joined_at_front (bool | Unset): Admitted at the front (火线入党) Default: False.
        probationary_on (datetime.date | None | Unset): Admitted as a probationary member (预备党员)
    """

    applicant_id: str
    applicant_type: PartyApplicationApplicantType
    id: str
    region_id: str
    submitted_on: datetime.date
    activist_on: datetime.date | None | Unset = UNSET
    at_front: bool | Unset = False
    declined_on: datetime.date | None | Unset = UNSET
    full_member_on: datetime.date | None | Unset = UNSET
    joined_at_front: bool | Unset = False
    probationary_on: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        applicant_id = self.applicant_id

        applicant_type = self.applicant_type.value

        id = self.id

        region_id = self.region_id

        submitted_on = self.submitted_on.isoformat()

        activist_on: None | str | Unset
        if isinstance(self.activist_on, Unset):
            activist_on = UNSET
        elif isinstance(self.activist_on, datetime.date):
            activist_on = self.activist_on.isoformat()
        else:
            activist_on = self.activist_on

        at_front = self.at_front

        declined_on: None | str | Unset
        if isinstance(self.declined_on, Unset):
            declined_on = UNSET
        elif isinstance(self.declined_on, datetime.date):
            declined_on = self.declined_on.isoformat()
        else:
            declined_on = self.declined_on

        full_member_on: None | str | Unset
        if isinstance(self.full_member_on, Unset):
            full_member_on = UNSET
        elif isinstance(self.full_member_on, datetime.date):
            full_member_on = self.full_member_on.isoformat()
        else:
            full_member_on = self.full_member_on

        joined_at_front = self.joined_at_front

        probationary_on: None | str | Unset
        if isinstance(self.probationary_on, Unset):
            probationary_on = UNSET
        elif isinstance(self.probationary_on, datetime.date):
            probationary_on = self.probationary_on.isoformat()
        else:
            probationary_on = self.probationary_on

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "applicant_id": applicant_id,
                "applicant_type": applicant_type,
                "id": id,
                "region_id": region_id,
                "submitted_on": submitted_on,
            }
        )
        if activist_on is not UNSET:
            field_dict["activist_on"] = activist_on
        if at_front is not UNSET:
            field_dict["at_front"] = at_front
        if declined_on is not UNSET:
            field_dict["declined_on"] = declined_on
        if full_member_on is not UNSET:
            field_dict["full_member_on"] = full_member_on
        if joined_at_front is not UNSET:
            field_dict["joined_at_front"] = joined_at_front
        if probationary_on is not UNSET:
            field_dict["probationary_on"] = probationary_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        applicant_id = d.pop("applicant_id")

        applicant_type = PartyApplicationApplicantType(d.pop("applicant_type"))

        id = d.pop("id")

        region_id = d.pop("region_id")

        submitted_on = datetime.date.fromisoformat(d.pop("submitted_on"))

        def _parse_activist_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                activist_on_type_0 = datetime.date.fromisoformat(data)

                return activist_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        activist_on = _parse_activist_on(d.pop("activist_on", UNSET))

        at_front = d.pop("at_front", UNSET)

        def _parse_declined_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                declined_on_type_0 = datetime.date.fromisoformat(data)

                return declined_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        declined_on = _parse_declined_on(d.pop("declined_on", UNSET))

        def _parse_full_member_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                full_member_on_type_0 = datetime.date.fromisoformat(data)

                return full_member_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        full_member_on = _parse_full_member_on(d.pop("full_member_on", UNSET))

        joined_at_front = d.pop("joined_at_front", UNSET)

        def _parse_probationary_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                probationary_on_type_0 = datetime.date.fromisoformat(data)

                return probationary_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        probationary_on = _parse_probationary_on(d.pop("probationary_on", UNSET))

        party_application = cls(
            applicant_id=applicant_id,
            applicant_type=applicant_type,
            id=id,
            region_id=region_id,
            submitted_on=submitted_on,
            activist_on=activist_on,
            at_front=at_front,
            declined_on=declined_on,
            full_member_on=full_member_on,
            joined_at_front=joined_at_front,
            probationary_on=probationary_on,
        )

        return party_application
