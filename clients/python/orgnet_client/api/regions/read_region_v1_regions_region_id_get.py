from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.read_region_v1_regions_region_id_get_response_read_region_v1_regions_region_id_get import (
    ReadRegionV1RegionsRegionIdGetResponseReadRegionV1RegionsRegionIdGet,
)
from ...types import Response


def _get_kwargs(
    region_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/regions/{region_id}".format(
            region_id=quote(str(region_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | ReadRegionV1RegionsRegionIdGetResponseReadRegionV1RegionsRegionIdGet | None:
    if response.status_code == 200:
        response_200 = ReadRegionV1RegionsRegionIdGetResponseReadRegionV1RegionsRegionIdGet.from_dict(response.json())

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
) -> Response[ProblemDetails | ReadRegionV1RegionsRegionIdGetResponseReadRegionV1RegionsRegionIdGet]:
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
) -> Response[ProblemDetails | ReadRegionV1RegionsRegionIdGetResponseReadRegionV1RegionsRegionIdGet]:
    """One region with its ancestor path

    Args:
        region_id (str): Region id, e.g. `320321` (丰县)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadRegionV1RegionsRegionIdGetResponseReadRegionV1RegionsRegionIdGet]
    """

    kwargs = _get_kwargs(
        region_id=region_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    region_id: str,
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | ReadRegionV1RegionsRegionIdGetResponseReadRegionV1RegionsRegionIdGet | None:
    """One region with its ancestor path

    Args:
        region_id (str): Region id, e.g. `320321` (丰县)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadRegionV1RegionsRegionIdGetResponseReadRegionV1RegionsRegionIdGet
    """

    return sync_detailed(
        region_id=region_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    region_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ProblemDetails | ReadRegionV1RegionsRegionIdGetResponseReadRegionV1RegionsRegionIdGet]:
    """One region with its ancestor path

    Args:
        region_id (str): Region id, e.g. `320321` (丰县)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadRegionV1RegionsRegionIdGetResponseReadRegionV1RegionsRegionIdGet]
    """

    kwargs = _get_kwargs(
        region_id=region_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    region_id: str,
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | ReadRegionV1RegionsRegionIdGetResponseReadRegionV1RegionsRegionIdGet | None:
    """One region with its ancestor path

    Args:
        region_id (str): Region id, e.g. `320321` (丰县)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadRegionV1RegionsRegionIdGetResponseReadRegionV1RegionsRegionIdGet
    """

    return (
        await asyncio_detailed(
            region_id=region_id,
            client=client,
        )
    ).parsed
