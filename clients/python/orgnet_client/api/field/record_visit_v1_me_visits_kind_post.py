from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.record_visit_v1_me_visits_kind_post_body import RecordVisitV1MeVisitsKindPostBody
from ...models.record_visit_v1_me_visits_kind_post_kind import RecordVisitV1MeVisitsKindPostKind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    kind: RecordVisitV1MeVisitsKindPostKind,
    *,
    body: RecordVisitV1MeVisitsKindPostBody,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/me/visits/{kind}".format(
            kind=quote(str(kind), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ProblemDetails | None:
    if response.status_code == 201:
        response_201 = response.json()
        return response_201

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = cast(Any, None)
        return response_409

    if response.status_code == 422:
        response_422 = ProblemDetails.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ProblemDetails.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ProblemDetails.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = ProblemDetails.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    kind: RecordVisitV1MeVisitsKindPostKind,
    *,
    client: AuthenticatedClient,
    body: RecordVisitV1MeVisitsKindPostBody,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Any | ProblemDetails]:
    """Record a visit or a shift of my own work (field accounts; Idempotency-Key required)

     A cadre records visits to paired enterprises and care contacts with the families they support; a
    party member, visits to the households they link and shifts at the checkpoints their team is
    deployed to, with who was on duty. The visitor, the region and `recorded_by` are filled by the
    server.

    Args:
        kind (RecordVisitV1MeVisitsKindPostKind):
        idempotency_key (None | str | Unset): Repeat a POST safely: the same key and body replay
            the first answer (visible ASCII, 1 to 200)
        body (RecordVisitV1MeVisitsKindPostBody): `date`, `text` and what the kind names:
            `enterprise_id` (enterprise_visits), `household_id` (household_visits), `checkpoint_id`
            and `on_duty` (checkpoint_shifts: party member ids of the teams deployed there),
            `family_type` and `family_id` (family_visits)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        kind=kind,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    kind: RecordVisitV1MeVisitsKindPostKind,
    *,
    client: AuthenticatedClient,
    body: RecordVisitV1MeVisitsKindPostBody,
    idempotency_key: None | str | Unset = UNSET,
) -> Any | ProblemDetails | None:
    """Record a visit or a shift of my own work (field accounts; Idempotency-Key required)

     A cadre records visits to paired enterprises and care contacts with the families they support; a
    party member, visits to the households they link and shifts at the checkpoints their team is
    deployed to, with who was on duty. The visitor, the region and `recorded_by` are filled by the
    server.

    Args:
        kind (RecordVisitV1MeVisitsKindPostKind):
        idempotency_key (None | str | Unset): Repeat a POST safely: the same key and body replay
            the first answer (visible ASCII, 1 to 200)
        body (RecordVisitV1MeVisitsKindPostBody): `date`, `text` and what the kind names:
            `enterprise_id` (enterprise_visits), `household_id` (household_visits), `checkpoint_id`
            and `on_duty` (checkpoint_shifts: party member ids of the teams deployed there),
            `family_type` and `family_id` (family_visits)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return sync_detailed(
        kind=kind,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    kind: RecordVisitV1MeVisitsKindPostKind,
    *,
    client: AuthenticatedClient,
    body: RecordVisitV1MeVisitsKindPostBody,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Any | ProblemDetails]:
    """Record a visit or a shift of my own work (field accounts; Idempotency-Key required)

     A cadre records visits to paired enterprises and care contacts with the families they support; a
    party member, visits to the households they link and shifts at the checkpoints their team is
    deployed to, with who was on duty. The visitor, the region and `recorded_by` are filled by the
    server.

    Args:
        kind (RecordVisitV1MeVisitsKindPostKind):
        idempotency_key (None | str | Unset): Repeat a POST safely: the same key and body replay
            the first answer (visible ASCII, 1 to 200)
        body (RecordVisitV1MeVisitsKindPostBody): `date`, `text` and what the kind names:
            `enterprise_id` (enterprise_visits), `household_id` (household_visits), `checkpoint_id`
            and `on_duty` (checkpoint_shifts: party member ids of the teams deployed there),
            `family_type` and `family_id` (family_visits)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        kind=kind,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    kind: RecordVisitV1MeVisitsKindPostKind,
    *,
    client: AuthenticatedClient,
    body: RecordVisitV1MeVisitsKindPostBody,
    idempotency_key: None | str | Unset = UNSET,
) -> Any | ProblemDetails | None:
    """Record a visit or a shift of my own work (field accounts; Idempotency-Key required)

     A cadre records visits to paired enterprises and care contacts with the families they support; a
    party member, visits to the households they link and shifts at the checkpoints their team is
    deployed to, with who was on duty. The visitor, the region and `recorded_by` are filled by the
    server.

    Args:
        kind (RecordVisitV1MeVisitsKindPostKind):
        idempotency_key (None | str | Unset): Repeat a POST safely: the same key and body replay
            the first answer (visible ASCII, 1 to 200)
        body (RecordVisitV1MeVisitsKindPostBody): `date`, `text` and what the kind names:
            `enterprise_id` (enterprise_visits), `household_id` (household_visits), `checkpoint_id`
            and `on_duty` (checkpoint_shifts: party member ids of the teams deployed there),
            `family_type` and `family_id` (family_visits)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return (
        await asyncio_detailed(
            kind=kind,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
