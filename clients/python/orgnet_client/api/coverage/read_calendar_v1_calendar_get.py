from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.read_calendar_v1_calendar_get_response_read_calendar_v1_calendar_get import (
    ReadCalendarV1CalendarGetResponseReadCalendarV1CalendarGet,
)
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/calendar",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | ReadCalendarV1CalendarGetResponseReadCalendarV1CalendarGet | None:
    if response.status_code == 200:
        response_200 = ReadCalendarV1CalendarGetResponseReadCalendarV1CalendarGet.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

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
) -> Response[ProblemDetails | ReadCalendarV1CalendarGetResponseReadCalendarV1CalendarGet]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ProblemDetails | ReadCalendarV1CalendarGetResponseReadCalendarV1CalendarGet]:
    """First and last day on which the data changes, and the day the dashboard opens on

     `first` and `last`: the first and the last day on which any metric's covered count changes
    in the city; `source`: `summaries`, `assignments` or `today`. `reference`: the day the dashboard
    opens on (REFERENCE_DAY; unset: the seed scenario's day on the seed, else today clipped to
    `first`..`last`), `reference_source`: `setting`, `seed` or `today`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadCalendarV1CalendarGetResponseReadCalendarV1CalendarGet]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | ReadCalendarV1CalendarGetResponseReadCalendarV1CalendarGet | None:
    """First and last day on which the data changes, and the day the dashboard opens on

     `first` and `last`: the first and the last day on which any metric's covered count changes
    in the city; `source`: `summaries`, `assignments` or `today`. `reference`: the day the dashboard
    opens on (REFERENCE_DAY; unset: the seed scenario's day on the seed, else today clipped to
    `first`..`last`), `reference_source`: `setting`, `seed` or `today`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadCalendarV1CalendarGetResponseReadCalendarV1CalendarGet
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ProblemDetails | ReadCalendarV1CalendarGetResponseReadCalendarV1CalendarGet]:
    """First and last day on which the data changes, and the day the dashboard opens on

     `first` and `last`: the first and the last day on which any metric's covered count changes
    in the city; `source`: `summaries`, `assignments` or `today`. `reference`: the day the dashboard
    opens on (REFERENCE_DAY; unset: the seed scenario's day on the seed, else today clipped to
    `first`..`last`), `reference_source`: `setting`, `seed` or `today`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadCalendarV1CalendarGetResponseReadCalendarV1CalendarGet]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | ReadCalendarV1CalendarGetResponseReadCalendarV1CalendarGet | None:
    """First and last day on which the data changes, and the day the dashboard opens on

     `first` and `last`: the first and the last day on which any metric's covered count changes
    in the city; `source`: `summaries`, `assignments` or `today`. `reference`: the day the dashboard
    opens on (REFERENCE_DAY; unset: the seed scenario's day on the seed, else today clipped to
    `first`..`last`), `reference_source`: `setting`, `seed` or `today`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadCalendarV1CalendarGetResponseReadCalendarV1CalendarGet
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
