import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.compare_coverage_v1_coverage_metric_compare_get_metric import (
    CompareCoverageV1CoverageMetricCompareGetMetric,
)
from ...models.compare_coverage_v1_coverage_metric_compare_get_response_compare_coverage_v1_coverage_metric_compare_get import (
    CompareCoverageV1CoverageMetricCompareGetResponseCompareCoverageV1CoverageMetricCompareGet,
)
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    metric: CompareCoverageV1CoverageMetricCompareGetMetric,
    *,
    before: datetime.date,
    after: datetime.date,
    region: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_before = before.isoformat()
    params["before"] = json_before

    json_after = after.isoformat()
    params["after"] = json_after

    json_region: None | str | Unset
    if isinstance(region, Unset):
        json_region = UNSET
    else:
        json_region = region
    params["region"] = json_region

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/coverage/{metric}/compare".format(
            metric=quote(str(metric), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CompareCoverageV1CoverageMetricCompareGetResponseCompareCoverageV1CoverageMetricCompareGet | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = (
            CompareCoverageV1CoverageMetricCompareGetResponseCompareCoverageV1CoverageMetricCompareGet.from_dict(
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
    CompareCoverageV1CoverageMetricCompareGetResponseCompareCoverageV1CoverageMetricCompareGet | ProblemDetails
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    metric: CompareCoverageV1CoverageMetricCompareGetMetric,
    *,
    client: AuthenticatedClient,
    before: datetime.date,
    after: datetime.date,
    region: None | str | Unset = UNSET,
) -> Response[
    CompareCoverageV1CoverageMetricCompareGetResponseCompareCoverageV1CoverageMetricCompareGet | ProblemDetails
]:
    """Coverage on two days, side by side

     The region's and each child's covered / total / ratio on `before` and on `after`.

    Args:
        metric (CompareCoverageV1CoverageMetricCompareGetMetric): Metric name (see `GET
            /v1/metrics`)
        before (datetime.date): First day, YYYY-MM-DD
        after (datetime.date): Second day, YYYY-MM-DD
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompareCoverageV1CoverageMetricCompareGetResponseCompareCoverageV1CoverageMetricCompareGet | ProblemDetails]
    """

    kwargs = _get_kwargs(
        metric=metric,
        before=before,
        after=after,
        region=region,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    metric: CompareCoverageV1CoverageMetricCompareGetMetric,
    *,
    client: AuthenticatedClient,
    before: datetime.date,
    after: datetime.date,
    region: None | str | Unset = UNSET,
) -> CompareCoverageV1CoverageMetricCompareGetResponseCompareCoverageV1CoverageMetricCompareGet | ProblemDetails | None:
    """Coverage on two days, side by side

     The region's and each child's covered / total / ratio on `before` and on `after`.

    Args:
        metric (CompareCoverageV1CoverageMetricCompareGetMetric): Metric name (see `GET
            /v1/metrics`)
        before (datetime.date): First day, YYYY-MM-DD
        after (datetime.date): Second day, YYYY-MM-DD
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompareCoverageV1CoverageMetricCompareGetResponseCompareCoverageV1CoverageMetricCompareGet | ProblemDetails
    """

    return sync_detailed(
        metric=metric,
        client=client,
        before=before,
        after=after,
        region=region,
    ).parsed


async def asyncio_detailed(
    metric: CompareCoverageV1CoverageMetricCompareGetMetric,
    *,
    client: AuthenticatedClient,
    before: datetime.date,
    after: datetime.date,
    region: None | str | Unset = UNSET,
) -> Response[
    CompareCoverageV1CoverageMetricCompareGetResponseCompareCoverageV1CoverageMetricCompareGet | ProblemDetails
]:
    """Coverage on two days, side by side

     The region's and each child's covered / total / ratio on `before` and on `after`.

    Args:
        metric (CompareCoverageV1CoverageMetricCompareGetMetric): Metric name (see `GET
            /v1/metrics`)
        before (datetime.date): First day, YYYY-MM-DD
        after (datetime.date): Second day, YYYY-MM-DD
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompareCoverageV1CoverageMetricCompareGetResponseCompareCoverageV1CoverageMetricCompareGet | ProblemDetails]
    """

    kwargs = _get_kwargs(
        metric=metric,
        before=before,
        after=after,
        region=region,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    metric: CompareCoverageV1CoverageMetricCompareGetMetric,
    *,
    client: AuthenticatedClient,
    before: datetime.date,
    after: datetime.date,
    region: None | str | Unset = UNSET,
) -> CompareCoverageV1CoverageMetricCompareGetResponseCompareCoverageV1CoverageMetricCompareGet | ProblemDetails | None:
    """Coverage on two days, side by side

     The region's and each child's covered / total / ratio on `before` and on `after`.

    Args:
        metric (CompareCoverageV1CoverageMetricCompareGetMetric): Metric name (see `GET
            /v1/metrics`)
        before (datetime.date): First day, YYYY-MM-DD
        after (datetime.date): Second day, YYYY-MM-DD
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompareCoverageV1CoverageMetricCompareGetResponseCompareCoverageV1CoverageMetricCompareGet | ProblemDetails
    """

    return (
        await asyncio_detailed(
            metric=metric,
            client=client,
            before=before,
            after=after,
            region=region,
        )
    ).parsed
