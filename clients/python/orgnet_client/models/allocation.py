from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.allocation_fund import AllocationFund

T = TypeVar("T", bound="Allocation")


@_attrs_define
class Allocation:
    """
    Attributes:
        amount (float):
        date (datetime.date):
        fund (AllocationFund):
        id (str):
        region_id (str):
    """

    amount: float
    date: datetime.date
    fund: AllocationFund
    id: str
    region_id: str

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        date = self.date.isoformat()

        fund = self.fund.value

        id = self.id

        region_id = self.region_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "date": date,
                "fund": fund,
                "id": id,
                "region_id": region_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        date = datetime.date.fromisoformat(d.pop("date"))

        fund = AllocationFund(d.pop("fund"))

        id = d.pop("id")

        region_id = d.pop("region_id")

        allocation = cls(
            amount=amount,
            date=date,
            fund=fund,
            id=id,
            region_id=region_id,
        )

        return allocation
