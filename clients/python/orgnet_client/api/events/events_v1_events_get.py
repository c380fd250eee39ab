from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event_page import EventPage
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    region: None | str | Unset = UNSET,
    after: int | None | Unset = UNSET,
    limit: int | Unset = 100,
    last_event_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = last_event_id

    params: dict[str, Any] = {}

    json_region: None | str | Unset
    if isinstance(region, Unset):
        json_region = UNSET
    else:
        json_region = region
    params["region"] = json_region

    json_after: int | None | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EventPage | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = EventPage.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

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
) -> Response[EventPage | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    after: int | None | Unset = UNSET,
    limit: int | Unset = 100,
    last_event_id: str | Unset = UNSET,
) -> Response[EventPage | ProblemDetails]:
    """Changes and alerts of the caller's scope: a live stream (SSE) or a page

     With `Accept: text/event-stream`: events as they are published (and first those after `Last-Event-
    ID` or `after`), until
    EVENTS_STREAM_MAX_S; reconnect with `Last-Event-ID` to go on. Otherwise: the events after `after` as
    JSON. A scoped account
    gets the events of its regions only; record ids and who wrote only planners and admins.

    Args:
        region (None | str | Unset): Only events touching this region or its subtree
        after (int | None | Unset): Events after this `seq` (the SSE `Last-Event-ID` header does
            the same)
        limit (int | Unset): JSON page size Default: 100.
        last_event_id (str | Unset): Resume a stream after this event (its `seq`)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        region=region,
        after=after,
        limit=limit,
        last_event_id=last_event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    after: int | None | Unset = UNSET,
    limit: int | Unset = 100,
    last_event_id: str | Unset = UNSET,
) -> EventPage | ProblemDetails | None:
    """Changes and alerts of the caller's scope: a live stream (SSE) or a page

     With `Accept: text/event-stream`: events as they are published (and first those after `Last-Event-
    ID` or `after`), until
    EVENTS_STREAM_MAX_S; reconnect with `Last-Event-ID` to go on. Otherwise: the events after `after` as
    JSON. A scoped account
    gets the events of its regions only; record ids and who wrote only planners and admins.

    Args:
        region (None | str | Unset): Only events touching this region or its subtree
        after (int | None | Unset): Events after this `seq` (the SSE `Last-Event-ID` header does
            the same)
        limit (int | Unset): JSON page size Default: 100.
        last_event_id (str | Unset): Resume a stream after this event (its `seq`)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | ProblemDetails
    """

    return sync_detailed(
        client=client,
        region=region,
        after=after,
        limit=limit,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    after: int | None | Unset = UNSET,
    limit: int | Unset = 100,
    last_event_id: str | Unset = UNSET,
) -> Response[EventPage | ProblemDetails]:
    """Changes and alerts of the caller's scope: a live stream (SSE) or a page

     With `Accept: text/event-stream`: events as they are published (and first those after `Last-Event-
    ID` or `after`), until
    EVENTS_STREAM_MAX_S; reconnect with `Last-Event-ID` to go on. Otherwise: the events after `after` as
    JSON. A scoped account
    gets the events of its regions only; record ids and who wrote only planners and admins.

    Args:
        region (None | str | Unset): Only events touching this region or its subtree
        after (int | None | Unset): Events after this `seq` (the SSE `Last-Event-ID` header does
            the same)
        limit (int | Unset): JSON page size Default: 100.
        last_event_id (str | Unset): Resume a stream after this event (its `seq`)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        region=region,
        after=after,
        limit=limit,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    after: int | None | Unset = UNSET,
    limit: int | Unset = 100,
    last_event_id: str | Unset = UNSET,
) -> EventPage | ProblemDetails | None:
    """Changes and alerts of the caller's scope: a live stream (SSE) or a page

     With `Accept: text/event-stream`: events as they are published (and first those after `Last-Event-
    ID` or `after`), until
    EVENTS_STREAM_MAX_S; reconnect with `Last-Event-ID` to go on. Otherwise: the events after `after` as
    JSON. A scoped account
    gets the events of its regions only; record ids and who wrote only planners and admins.

    Args:
        region (None | str | Unset): Only events touching this region or its subtree
        after (int | None | Unset): Events after this `seq` (the SSE `Last-Event-ID` header does
            the same)
        limit (int | Unset): JSON page size Default: 100.
        last_event_id (str | Unset): Resume a stream after this event (its `seq`)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            region=region,
            after=after,
            limit=limit,
            last_event_id=last_event_id,
        )
    ).parsed
