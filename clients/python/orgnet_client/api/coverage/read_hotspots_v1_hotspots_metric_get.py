import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.hotspots import Hotspots
from ...models.problem_details import ProblemDetails
from ...models.read_hotspots_v1_hotspots_metric_get_level_type_0 import ReadHotspotsV1HotspotsMetricGetLevelType0
from ...models.read_hotspots_v1_hotspots_metric_get_metric import ReadHotspotsV1HotspotsMetricGetMetric
from ...types import UNSET, Response, Unset


def _get_kwargs(
    metric: ReadHotspotsV1HotspotsMetricGetMetric,
    *,
    level: None | ReadHotspotsV1HotspotsMetricGetLevelType0 | Unset = UNSET,
    limit: int | Unset = 20,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_level: None | str | Unset
    if isinstance(level, Unset):
        json_level = UNSET
    elif isinstance(level, ReadHotspotsV1HotspotsMetricGetLevelType0):
        json_level = level.value
    else:
        json_level = level
    params["level"] = json_level

    params["limit"] = limit

    json_region: None | str | Unset
    if isinstance(region, Unset):
        json_region = UNSET
    else:
        json_region = region
    params["region"] = json_region

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.date):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/hotspots/{metric}".format(
            metric=quote(str(metric), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Hotspots | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = Hotspots.from_dict(response.json())

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
) -> Response[Hotspots | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    metric: ReadHotspotsV1HotspotsMetricGetMetric,
    *,
    client: AuthenticatedClient,
    level: None | ReadHotspotsV1HotspotsMetricGetLevelType0 | Unset = UNSET,
    limit: int | Unset = 20,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[Hotspots | ProblemDetails]:
    """Where the gaps are: descendant regions ranked by uncovered items

     Regions at `level` under the region, ranked by uncovered count (desc), then ratio (asc).

    Args:
        metric (ReadHotspotsV1HotspotsMetricGetMetric): Metric name (see `GET /v1/metrics`)
        level (None | ReadHotspotsV1HotspotsMetricGetLevelType0 | Unset): Level of the ranked
            regions (default: one level below the region's); none lies under the region at its own
            level or above (an empty list)
        limit (int | Unset): How many (hard maximum 500) Default: 20.
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Hotspots | ProblemDetails]
    """

    kwargs = _get_kwargs(
        metric=metric,
        level=level,
        limit=limit,
        region=region,
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    metric: ReadHotspotsV1HotspotsMetricGetMetric,
    *,
    client: AuthenticatedClient,
    level: None | ReadHotspotsV1HotspotsMetricGetLevelType0 | Unset = UNSET,
    limit: int | Unset = 20,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Hotspots | ProblemDetails | None:
    """Where the gaps are: descendant regions ranked by uncovered items

     Regions at `level` under the region, ranked by uncovered count (desc), then ratio (asc).

    Args:
        metric (ReadHotspotsV1HotspotsMetricGetMetric): Metric name (see `GET /v1/metrics`)
        level (None | ReadHotspotsV1HotspotsMetricGetLevelType0 | Unset): Level of the ranked
            regions (default: one level below the region's); none lies under the region at its own
            level or above (an empty list)
        limit (int | Unset): How many (hard maximum 500) Default: 20.
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Hotspots | ProblemDetails
    """

    return sync_detailed(
        metric=metric,
        client=client,
        level=level,
        limit=limit,
        region=region,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    metric: ReadHotspotsV1HotspotsMetricGetMetric,
    *,
    client: AuthenticatedClient,
    level: None | ReadHotspotsV1HotspotsMetricGetLevelType0 | Unset = UNSET,
    limit: int | Unset = 20,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[Hotspots | ProblemDetails]:
    """Where the gaps are: descendant regions ranked by uncovered items

     Regions at `level` under the region, ranked by uncovered count (desc), then ratio (asc).

    Args:
        metric (ReadHotspotsV1HotspotsMetricGetMetric): Metric name (see `GET /v1/metrics`)
        level (None | ReadHotspotsV1HotspotsMetricGetLevelType0 | Unset): Level of the ranked
            regions (default: one level below the region's); none lies under the region at its own
            level or above (an empty list)
        limit (int | Unset): How many (hard maximum 500) Default: 20.
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Hotspots | ProblemDetails]
    """

    kwargs = _get_kwargs(
        metric=metric,
        level=level,
        limit=limit,
        region=region,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    metric: ReadHotspotsV1HotspotsMetricGetMetric,
    *,
    client: AuthenticatedClient,
    level: None | ReadHotspotsV1HotspotsMetricGetLevelType0 | Unset = UNSET,
    limit: int | Unset = 20,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Hotspots | ProblemDetails | None:
    """Where the gaps are: descendant regions ranked by uncovered items

     Regions at `level` under the region, ranked by uncovered count (desc), then ratio (asc).

    Args:
        metric (ReadHotspotsV1HotspotsMetricGetMetric): Metric name (see `GET /v1/metrics`)
        level (None | ReadHotspotsV1HotspotsMetricGetLevelType0 | Unset): Level of the ranked
            regions (default: one level below the region's); none lies under the region at its own
            level or above (an empty list)
        limit (int | Unset): How many (hard maximum 500) Default: 20.
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Hotspots | ProblemDetails
    """

    return (
        await asyncio_detailed(
            metric=metric,
            client=client,
            level=level,
            limit=limit,
            region=region,
            as_of=as_of,
        )
    ).parsed
