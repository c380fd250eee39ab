import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.read_many_v1_coverage_metric_regions_get_metric import ReadManyV1CoverageMetricRegionsGetMetric
from ...models.read_many_v1_coverage_metric_regions_get_response_read_many_v1_coverage_metric_regions_get import (
    ReadManyV1CoverageMetricRegionsGetResponseReadManyV1CoverageMetricRegionsGet,
)
from ...types import UNSET, Response


def _get_kwargs(
    metric: ReadManyV1CoverageMetricRegionsGetMetric,
    *,
    id: list[str],
    as_of: datetime.date,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_id = id

    params["id"] = json_id

    json_as_of = as_of.isoformat()
    params["as_of"] = json_as_of

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/coverage/{metric}/regions".format(
            metric=quote(str(metric), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | ReadManyV1CoverageMetricRegionsGetResponseReadManyV1CoverageMetricRegionsGet | None:
    if response.status_code == 200:
        response_200 = ReadManyV1CoverageMetricRegionsGetResponseReadManyV1CoverageMetricRegionsGet.from_dict(
            response.json()
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
) -> Response[ProblemDetails | ReadManyV1CoverageMetricRegionsGetResponseReadManyV1CoverageMetricRegionsGet]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    metric: ReadManyV1CoverageMetricRegionsGetMetric,
    *,
    client: AuthenticatedClient,
    id: list[str],
    as_of: datetime.date,
) -> Response[ProblemDetails | ReadManyV1CoverageMetricRegionsGetResponseReadManyV1CoverageMetricRegionsGet]:
    """Coverage of several regions on one day

     Covered / total / ratio of each listed region (unknown ids are left out): one request for
    all the regions a tree shows after the metric changes.

    Args:
        metric (ReadManyV1CoverageMetricRegionsGetMetric): Metric name (see `GET /v1/metrics`)
        id (list[str]): Region ids (repeat `id`; at most 500)
        as_of (datetime.date): Day, YYYY-MM-DD

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadManyV1CoverageMetricRegionsGetResponseReadManyV1CoverageMetricRegionsGet]
    """

    kwargs = _get_kwargs(
        metric=metric,
        id=id,
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    metric: ReadManyV1CoverageMetricRegionsGetMetric,
    *,
    client: AuthenticatedClient,
    id: list[str],
    as_of: datetime.date,
) -> ProblemDetails | ReadManyV1CoverageMetricRegionsGetResponseReadManyV1CoverageMetricRegionsGet | None:
    """Coverage of several regions on one day

     Covered / total / ratio of each listed region (unknown ids are left out): one request for
    all the regions a tree shows after the metric changes.

    Args:
        metric (ReadManyV1CoverageMetricRegionsGetMetric): Metric name (see `GET /v1/metrics`)
        id (list[str]): Region ids (repeat `id`; at most 500)
        as_of (datetime.date): Day, YYYY-MM-DD

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadManyV1CoverageMetricRegionsGetResponseReadManyV1CoverageMetricRegionsGet
    """

    return sync_detailed(
        metric=metric,
        client=client,
        id=id,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    metric: ReadManyV1CoverageMetricRegionsGetMetric,
    *,
    client: AuthenticatedClient,
    id: list[str],
    as_of: datetime.date,
) -> Response[ProblemDetails | ReadManyV1CoverageMetricRegionsGetResponseReadManyV1CoverageMetricRegionsGet]:
    """Coverage of several regions on one day

     Covered / total / ratio of each listed region (unknown ids are left out): one request for
    all the regions a tree shows after the metric changes.

    Args:
        metric (ReadManyV1CoverageMetricRegionsGetMetric): Metric name (see `GET /v1/metrics`)
        id (list[str]): Region ids (repeat `id`; at most 500)
        as_of (datetime.date): Day, YYYY-MM-DD

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadManyV1CoverageMetricRegionsGetResponseReadManyV1CoverageMetricRegionsGet]
    """

    kwargs = _get_kwargs(
        metric=metric,
        id=id,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    metric: ReadManyV1CoverageMetricRegionsGetMetric,
    *,
    client: AuthenticatedClient,
    id: list[str],
    as_of: datetime.date,
) -> ProblemDetails | ReadManyV1CoverageMetricRegionsGetResponseReadManyV1CoverageMetricRegionsGet | None:
    """Coverage of several regions on one day

     Covered / total / ratio of each listed region (unknown ids are left out): one request for
    all the regions a tree shows after the metric changes.

    Args:
        metric (ReadManyV1CoverageMetricRegionsGetMetric): Metric name (see `GET /v1/metrics`)
        id (list[str]): Region ids (repeat `id`; at most 500)
        as_of (datetime.date): Day, YYYY-MM-DD

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadManyV1CoverageMetricRegionsGetResponseReadManyV1CoverageMetricRegionsGet
    """

    return (
        await asyncio_detailed(
            metric=metric,
            client=client,
            id=id,
            as_of=as_of,
        )
    ).parsed
