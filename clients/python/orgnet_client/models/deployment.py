from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.deployment_duties_item import DeploymentDutiesItem
from ..models.deployment_target_type import DeploymentTargetType
from ..types import UNSET, Unset

T = TypeVar("T", bound="Deployment")


@_attrs_define
class Deployment:
    """
    Attributes:
        since (datetime.date):
        target_id (str):
        target_type (DeploymentTargetType):
        team_id (str):
        duties (list[DeploymentDutiesItem] | Unset):
        until (datetime.date | None | Unset):
    """

    since: datetime.date
    target_id: str
    target_type: DeploymentTargetType
    team_id: str
    duties: list[DeploymentDutiesItem] | Unset = UNSET
    until: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        since = self.since.isoformat()

        target_id = self.target_id

        target_type = self.target_type.value

        team_id = self.team_id

        duties: list[str] | Unset = UNSET
        if not isinstance(self.duties, Unset):
            duties = []
            for duties_item_data in self.duties:
                duties_item = duties_item_data.value
                duties.append(duties_item)

        until: None | str | Unset
        if isinstance(self.until, Unset):
            until = UNSET
        elif isinstance(self.until, datetime.date):
            until = self.until.isoformat()
        else:
            until = self.until

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "since": since,
                "target_id": target_id,
                "target_type": target_type,
                "team_id": team_id,
            }
        )
        if duties is not UNSET:
            field_dict["duties"] = duties
        if until is not UNSET:
            field_dict["until"] = until

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        since = datetime.date.fromisoformat(d.pop("since"))

        target_id = d.pop("target_id")

        target_type = DeploymentTargetType(d.pop("target_type"))

        team_id = d.pop("team_id")

        _duties = d.pop("duties", UNSET)
        duties: list[DeploymentDutiesItem] | Unset = UNSET
        if _duties is not UNSET:
            duties = []
            for duties_item_data in _duties:
                duties_item = DeploymentDutiesItem(duties_item_data)

                duties.append(duties_item)

        def _parse_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                until_type_0 = datetime.date.fromisoformat(data)

                return until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        until = _parse_until(d.pop("until", UNSET))

        deployment = cls(
            since=since,
            target_id=target_id,
            target_type=target_type,
            team_id=team_id,
            duties=duties,
            until=until,
        )

        return deployment
