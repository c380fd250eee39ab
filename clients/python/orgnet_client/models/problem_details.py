from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.problem_details_written import ProblemDetailsWritten
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.problem_details_errors_item import ProblemDetailsErrorsItem


T = TypeVar("T", bound="ProblemDetails")


@_attrs_define
class ProblemDetails:
    """RFC 9457 problem details: every error orgnet answers.

    Attributes:
        detail (str): What went wrong, for a person
        instance (str): The request path
        status (int):
        title (str):
        type_ (str): URI naming the kind of problem
        errors (list[ProblemDetailsErrorsItem] | Unset): Each invalid field (or bundle record) with the reason
        retry_safe (bool | Unset): A stopped write: whether sending the same request again cannot write it twice
        written (ProblemDetailsWritten | Unset): A write Neo4j stopped (503, 504): `no` (rolled back), `unknown` (its
            COMMIT got no answer)
    """

    detail: str
    instance: str
    status: int
    title: str
    type_: str
    errors: list[ProblemDetailsErrorsItem] | Unset = UNSET
    retry_safe: bool | Unset = UNSET
    written: ProblemDetailsWritten | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        instance = self.instance

        status = self.status

        title = self.title

        type_ = self.type_

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        retry_safe = self.retry_safe

        written: str | Unset = UNSET
        if not isinstance(self.written, Unset):
            written = self.written.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
                "instance": instance,
                "status": status,
                "title": title,
                "type": type_,
            }
        )
        if errors is not UNSET:
            field_dict["errors"] = errors
        if retry_safe is not UNSET:
            field_dict["retry_safe"] = retry_safe
        if written is not UNSET:
            field_dict["written"] = written

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.problem_details_errors_item import ProblemDetailsErrorsItem  # noqa: PLC0415

        d = dict(src_dict)
        detail = d.pop("detail")

        instance = d.pop("instance")

        status = d.pop("status")

        title = d.pop("title")

        type_ = d.pop("type")

        _errors = d.pop("errors", UNSET)
        errors: list[ProblemDetailsErrorsItem] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = ProblemDetailsErrorsItem.from_dict(errors_item_data)

                errors.append(errors_item)

        retry_safe = d.pop("retry_safe", UNSET)

        _written = d.pop("written", UNSET)
        written: ProblemDetailsWritten | Unset
        if isinstance(_written, Unset):
            written = UNSET
        else:
            written = ProblemDetailsWritten(_written)

        problem_details = cls(
            detail=detail,
            instance=instance,
            status=status,
            title=title,
            type_=type_,
            errors=errors,
            retry_safe=retry_safe,
            written=written,
        )

        problem_details.additional_properties = d
        return problem_details

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
