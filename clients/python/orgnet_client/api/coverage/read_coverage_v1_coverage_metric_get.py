import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.coverage import Coverage
from ...models.problem_details import ProblemDetails
from ...models.read_coverage_v1_coverage_metric_get_metric import ReadCoverageV1CoverageMetricGetMetric
from ...types import UNSET, Response, Unset


def _get_kwargs(
    metric: ReadCoverageV1CoverageMetricGetMetric,
    *,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

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
        "url": "/v1/coverage/{metric}".format(
            metric=quote(str(metric), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Coverage | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = Coverage.from_dict(response.json())

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
) -> Response[Coverage | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    metric: ReadCoverageV1CoverageMetricGetMetric,
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[Coverage | ProblemDetails]:
    """Coverage of a metric in a region and each child region

     Covered / total / ratio for the region and for every child region (explicit zeros).

    Answers carry an `ETag`: send it back as `If-None-Match` to get `304 Not Modified` while the
    figures are unchanged (the same holds for gap pages, scorecards and hotspots).

    Args:
        metric (ReadCoverageV1CoverageMetricGetMetric): Metric name (see `GET /v1/metrics`)
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Coverage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        metric=metric,
        region=region,
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    metric: ReadCoverageV1CoverageMetricGetMetric,
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Coverage | ProblemDetails | None:
    """Coverage of a metric in a region and each child region

     Covered / total / ratio for the region and for every child region (explicit zeros).

    Answers carry an `ETag`: send it back as `If-None-Match` to get `304 Not Modified` while the
    figures are unchanged (the same holds for gap pages, scorecards and hotspots).

    Args:
        metric (ReadCoverageV1CoverageMetricGetMetric): Metric name (see `GET /v1/metrics`)
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Coverage | ProblemDetails
    """

    return sync_detailed(
        metric=metric,
        client=client,
        region=region,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    metric: ReadCoverageV1CoverageMetricGetMetric,
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[Coverage | ProblemDetails]:
    """Coverage of a metric in a region and each child region

     Covered / total / ratio for the region and for every child region (explicit zeros).

    Answers carry an `ETag`: send it back as `If-None-Match` to get `304 Not Modified` while the
    figures are unchanged (the same holds for gap pages, scorecards and hotspots).

    Args:
        metric (ReadCoverageV1CoverageMetricGetMetric): Metric name (see `GET /v1/metrics`)
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Coverage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        metric=metric,
        region=region,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    metric: ReadCoverageV1CoverageMetricGetMetric,
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Coverage | ProblemDetails | None:
    """Coverage of a metric in a region and each child region

     Covered / total / ratio for the region and for every child region (explicit zeros).

    Answers carry an `ETag`: send it back as `If-None-Match` to get `304 Not Modified` while the
    figures are unchanged (the same holds for gap pages, scorecards and hotspots).

    Args:
        metric (ReadCoverageV1CoverageMetricGetMetric): Metric name (see `GET /v1/metrics`)
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Coverage | ProblemDetails
    """

    return (
        await asyncio_detailed(
            metric=metric,
            client=client,
            region=region,
            as_of=as_of,
        )
    ).parsed
