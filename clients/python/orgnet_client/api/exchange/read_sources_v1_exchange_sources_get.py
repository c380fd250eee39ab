from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.read_sources_v1_exchange_sources_get_response_read_sources_v1_exchange_sources_get import (
    ReadSourcesV1ExchangeSourcesGetResponseReadSourcesV1ExchangeSourcesGet,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | None | Unset = UNSET,
    after: str | Unset = "",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_limit: int | None | Unset
    if isinstance(limit, Unset):
        json_limit = UNSET
    else:
        json_limit = limit
    params["limit"] = json_limit

    params["after"] = after

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/exchange/sources",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | ReadSourcesV1ExchangeSourcesGetResponseReadSourcesV1ExchangeSourcesGet | None:
    if response.status_code == 200:
        response_200 = ReadSourcesV1ExchangeSourcesGetResponseReadSourcesV1ExchangeSourcesGet.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

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
) -> Response[ProblemDetails | ReadSourcesV1ExchangeSourcesGetResponseReadSourcesV1ExchangeSourcesGet]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | None | Unset = UNSET,
    after: str | Unset = "",
) -> Response[ProblemDetails | ReadSourcesV1ExchangeSourcesGetResponseReadSourcesV1ExchangeSourcesGet]:
    """What this instance received through the exchange, from whom and when

     The sources (last file received, its export time, level and policy) and, one page at a time in
    id order, each received region with the time its figures last arrived; `policy` is this
    instance's fingerprint (what a publisher's files must carry, or EXCHANGE_POLICIES list).

    Args:
        limit (int | None | Unset): Regions per page (at most PAGE_SIZE_MAX)
        after (str | Unset): The `next_after` of the previous page Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadSourcesV1ExchangeSourcesGetResponseReadSourcesV1ExchangeSourcesGet]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | None | Unset = UNSET,
    after: str | Unset = "",
) -> ProblemDetails | ReadSourcesV1ExchangeSourcesGetResponseReadSourcesV1ExchangeSourcesGet | None:
    """What this instance received through the exchange, from whom and when

     The sources (last file received, its export time, level and policy) and, one page at a time in
    id order, each received region with the time its figures last arrived; `policy` is this
    instance's fingerprint (what a publisher's files must carry, or EXCHANGE_POLICIES list).

    Args:
        limit (int | None | Unset): Regions per page (at most PAGE_SIZE_MAX)
        after (str | Unset): The `next_after` of the previous page Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadSourcesV1ExchangeSourcesGetResponseReadSourcesV1ExchangeSourcesGet
    """

    return sync_detailed(
        client=client,
        limit=limit,
        after=after,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | None | Unset = UNSET,
    after: str | Unset = "",
) -> Response[ProblemDetails | ReadSourcesV1ExchangeSourcesGetResponseReadSourcesV1ExchangeSourcesGet]:
    """What this instance received through the exchange, from whom and when

     The sources (last file received, its export time, level and policy) and, one page at a time in
    id order, each received region with the time its figures last arrived; `policy` is this
    instance's fingerprint (what a publisher's files must carry, or EXCHANGE_POLICIES list).

    Args:
        limit (int | None | Unset): Regions per page (at most PAGE_SIZE_MAX)
        after (str | Unset): The `next_after` of the previous page Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadSourcesV1ExchangeSourcesGetResponseReadSourcesV1ExchangeSourcesGet]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | None | Unset = UNSET,
    after: str | Unset = "",
) -> ProblemDetails | ReadSourcesV1ExchangeSourcesGetResponseReadSourcesV1ExchangeSourcesGet | None:
    """What this instance received through the exchange, from whom and when

     The sources (last file received, its export time, level and policy) and, one page at a time in
    id order, each received region with the time its figures last arrived; `policy` is this
    instance's fingerprint (what a publisher's files must carry, or EXCHANGE_POLICIES list).

    Args:
        limit (int | None | Unset): Regions per page (at most PAGE_SIZE_MAX)
        after (str | Unset): The `next_after` of the previous page Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadSourcesV1ExchangeSourcesGetResponseReadSourcesV1ExchangeSourcesGet
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            after=after,
        )
    ).parsed
