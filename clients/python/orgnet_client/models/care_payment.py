from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.care_payment_fund import CarePaymentFund

T = TypeVar("T", bound="CarePayment")


@_attrs_define
class CarePayment:
    """Care money paid to the family of one who died on duty.

    Attributes:
        amount (float):
        date (datetime.date):
        duty_death_id (str):
        fund (CarePaymentFund):
        id (str):
    """

    amount: float
    date: datetime.date
    duty_death_id: str
    fund: CarePaymentFund
    id: str

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        date = self.date.isoformat()

        duty_death_id = self.duty_death_id

        fund = self.fund.value

        id = self.id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "date": date,
                "duty_death_id": duty_death_id,
                "fund": fund,
                "id": id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        date = datetime.date.fromisoformat(d.pop("date"))

        duty_death_id = d.pop("duty_death_id")

        fund = CarePaymentFund(d.pop("fund"))

        id = d.pop("id")

        care_payment = cls(
            amount=amount,
            date=date,
            duty_death_id=duty_death_id,
            fund=fund,
            id=id,
        )

        return care_payment
