from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.find_regions_v1_regions_get_level_type_0 import FindRegionsV1RegionsGetLevelType0
from ...models.find_regions_v1_regions_get_response_find_regions_v1_regions_get import (
    FindRegionsV1RegionsGetResponseFindRegionsV1RegionsGet,
)
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    q: str,
    level: FindRegionsV1RegionsGetLevelType0 | None | Unset = UNSET,
    limit: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["q"] = q

    json_level: None | str | Unset
    if isinstance(level, Unset):
        json_level = UNSET
    elif isinstance(level, FindRegionsV1RegionsGetLevelType0):
        json_level = level.value
    else:
        json_level = level
    params["level"] = json_level

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/regions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FindRegionsV1RegionsGetResponseFindRegionsV1RegionsGet | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = FindRegionsV1RegionsGetResponseFindRegionsV1RegionsGet.from_dict(response.json())

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
) -> Response[FindRegionsV1RegionsGetResponseFindRegionsV1RegionsGet | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    q: str,
    level: FindRegionsV1RegionsGetLevelType0 | None | Unset = UNSET,
    limit: int | Unset = 20,
) -> Response[FindRegionsV1RegionsGetResponseFindRegionsV1RegionsGet | ProblemDetails]:
    """Search regions by part of the name, or by id or code

     The dashboard's type-ahead: matches with their ancestor path, names that start with `q` first,
    then from the city down; `total` counts every match.

    Args:
        q (str): Part of the name (case-insensitive), or the start of the id or code
        level (FindRegionsV1RegionsGetLevelType0 | None | Unset): Only regions of this level
        limit (int | Unset): How many (hard maximum 50) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FindRegionsV1RegionsGetResponseFindRegionsV1RegionsGet | ProblemDetails]
    """

    kwargs = _get_kwargs(
        q=q,
        level=level,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    q: str,
    level: FindRegionsV1RegionsGetLevelType0 | None | Unset = UNSET,
    limit: int | Unset = 20,
) -> FindRegionsV1RegionsGetResponseFindRegionsV1RegionsGet | ProblemDetails | None:
    """Search regions by part of the name, or by id or code

     The dashboard's type-ahead: matches with their ancestor path, names that start with `q` first,
    then from the city down; `total` counts every match.

    Args:
        q (str): Part of the name (case-insensitive), or the start of the id or code
        level (FindRegionsV1RegionsGetLevelType0 | None | Unset): Only regions of this level
        limit (int | Unset): How many (hard maximum 50) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FindRegionsV1RegionsGetResponseFindRegionsV1RegionsGet | ProblemDetails
    """

    return sync_detailed(
        client=client,
        q=q,
        level=level,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    q: str,
    level: FindRegionsV1RegionsGetLevelType0 | None | Unset = UNSET,
    limit: int | Unset = 20,
) -> Response[FindRegionsV1RegionsGetResponseFindRegionsV1RegionsGet | ProblemDetails]:
    """Search regions by part of the name, or by id or code

     The dashboard's type-ahead: matches with their ancestor path, names that start with `q` first,
    then from the city down; `total` counts every match.

    Args:
        q (str): Part of the name (case-insensitive), or the start of the id or code
        level (FindRegionsV1RegionsGetLevelType0 | None | Unset): Only regions of this level
        limit (int | Unset): How many (hard maximum 50) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FindRegionsV1RegionsGetResponseFindRegionsV1RegionsGet | ProblemDetails]
    """

    kwargs = _get_kwargs(
        q=q,
        level=level,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    q: str,
    level: FindRegionsV1RegionsGetLevelType0 | None | Unset = UNSET,
    limit: int | Unset = 20,
) -> FindRegionsV1RegionsGetResponseFindRegionsV1RegionsGet | ProblemDetails | None:
    """Search regions by part of the name, or by id or code

     The dashboard's type-ahead: matches with their ancestor path, names that start with `q` first,
    then from the city down; `total` counts every match.

    Args:
        q (str): Part of the name (case-insensitive), or the start of the id or code
        level (FindRegionsV1RegionsGetLevelType0 | None | Unset): Only regions of this level
        limit (int | Unset): How many (hard maximum 50) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FindRegionsV1RegionsGetResponseFindRegionsV1RegionsGet | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            q=q,
            level=level,
            limit=limit,
        )
    ).parsed
