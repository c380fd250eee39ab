from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.read_children_v1_regions_region_id_children_get_response_read_children_v1_regions_region_id_children_get import (
    ReadChildrenV1RegionsRegionIdChildrenGetResponseReadChildrenV1RegionsRegionIdChildrenGet,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    region_id: str,
    *,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/regions/{region_id}/children".format(
            region_id=quote(str(region_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | ReadChildrenV1RegionsRegionIdChildrenGetResponseReadChildrenV1RegionsRegionIdChildrenGet | None:
    if response.status_code == 200:
        response_200 = (
            ReadChildrenV1RegionsRegionIdChildrenGetResponseReadChildrenV1RegionsRegionIdChildrenGet.from_dict(
                response.json()
            )
        )

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
) -> Response[
    ProblemDetails | ReadChildrenV1RegionsRegionIdChildrenGetResponseReadChildrenV1RegionsRegionIdChildrenGet
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    region_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[
    ProblemDetails | ReadChildrenV1RegionsRegionIdChildrenGetResponseReadChildrenV1RegionsRegionIdChildrenGet
]:
    """Child regions with counts, paginated

    Args:
        region_id (str): Region id, e.g. `320321` (丰县)
        limit (int | Unset): Page size (hard maximum 500) Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadChildrenV1RegionsRegionIdChildrenGetResponseReadChildrenV1RegionsRegionIdChildrenGet]
    """

    kwargs = _get_kwargs(
        region_id=region_id,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    region_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> ProblemDetails | ReadChildrenV1RegionsRegionIdChildrenGetResponseReadChildrenV1RegionsRegionIdChildrenGet | None:
    """Child regions with counts, paginated

    Args:
        region_id (str): Region id, e.g. `320321` (丰县)
        limit (int | Unset): Page size (hard maximum 500) Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadChildrenV1RegionsRegionIdChildrenGetResponseReadChildrenV1RegionsRegionIdChildrenGet
    """

    return sync_detailed(
        region_id=region_id,
        client=client,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    region_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[
    ProblemDetails | ReadChildrenV1RegionsRegionIdChildrenGetResponseReadChildrenV1RegionsRegionIdChildrenGet
]:
    """Child regions with counts, paginated

    Args:
        region_id (str): Region id, e.g. `320321` (丰县)
        limit (int | Unset): Page size (hard maximum 500) Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadChildrenV1RegionsRegionIdChildrenGetResponseReadChildrenV1RegionsRegionIdChildrenGet]
    """

    kwargs = _get_kwargs(
        region_id=region_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    region_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> ProblemDetails | ReadChildrenV1RegionsRegionIdChildrenGetResponseReadChildrenV1RegionsRegionIdChildrenGet | None:
    """Child regions with counts, paginated

    Args:
        region_id (str): Region id, e.g. `320321` (丰县)
        limit (int | Unset): Page size (hard maximum 500) Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadChildrenV1RegionsRegionIdChildrenGetResponseReadChildrenV1RegionsRegionIdChildrenGet
    """

    return (
        await asyncio_detailed(
            region_id=region_id,
            client=client,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
