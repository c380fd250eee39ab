import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.read_series_v1_coverage_metric_series_get_metric import ReadSeriesV1CoverageMetricSeriesGetMetric
from ...models.read_series_v1_coverage_metric_series_get_response_read_series_v1_coverage_metric_series_get import (
    ReadSeriesV1CoverageMetricSeriesGetResponseReadSeriesV1CoverageMetricSeriesGet,
)
from ...models.read_series_v1_coverage_metric_series_get_step import ReadSeriesV1CoverageMetricSeriesGetStep
from ...types import UNSET, Response, Unset


def _get_kwargs(
    metric: ReadSeriesV1CoverageMetricSeriesGetMetric,
    *,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    step: ReadSeriesV1CoverageMetricSeriesGetStep | Unset = ReadSeriesV1CoverageMetricSeriesGetStep.DAY,
    region: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    json_step: str | Unset = UNSET
    if not isinstance(step, Unset):
        json_step = step.value

    params["step"] = json_step

    json_region: None | str | Unset
    if isinstance(region, Unset):
        json_region = UNSET
    else:
        json_region = region
    params["region"] = json_region

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/coverage/{metric}/series".format(
            metric=quote(str(metric), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | ReadSeriesV1CoverageMetricSeriesGetResponseReadSeriesV1CoverageMetricSeriesGet | None:
    if response.status_code == 200:
        response_200 = ReadSeriesV1CoverageMetricSeriesGetResponseReadSeriesV1CoverageMetricSeriesGet.from_dict(
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
) -> Response[ProblemDetails | ReadSeriesV1CoverageMetricSeriesGetResponseReadSeriesV1CoverageMetricSeriesGet]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    metric: ReadSeriesV1CoverageMetricSeriesGetMetric,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    step: ReadSeriesV1CoverageMetricSeriesGetStep | Unset = ReadSeriesV1CoverageMetricSeriesGetStep.DAY,
    region: None | str | Unset = UNSET,
) -> Response[ProblemDetails | ReadSeriesV1CoverageMetricSeriesGetResponseReadSeriesV1CoverageMetricSeriesGet]:
    """Coverage of a region over time

     Covered / total / ratio of the region on `from`, every `step` after it, and `to`
    (at most 1000 points: a longer period at that step is a 422, as is `from` after `to`), from the
    stored step functions of the coverage summaries.

    Args:
        metric (ReadSeriesV1CoverageMetricSeriesGetMetric): Metric name (see `GET /v1/metrics`)
        from_ (datetime.date | None | Unset): First day, YYYY-MM-DD (default: the calendar's
            first, or `to` if earlier)
        to (datetime.date | None | Unset): Last day, YYYY-MM-DD (default: the calendar's last, or
            `from` if later)
        step (ReadSeriesV1CoverageMetricSeriesGetStep | Unset): Distance between two points; the
            last point is always `to` Default: ReadSeriesV1CoverageMetricSeriesGetStep.DAY.
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadSeriesV1CoverageMetricSeriesGetResponseReadSeriesV1CoverageMetricSeriesGet]
    """

    kwargs = _get_kwargs(
        metric=metric,
        from_=from_,
        to=to,
        step=step,
        region=region,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    metric: ReadSeriesV1CoverageMetricSeriesGetMetric,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    step: ReadSeriesV1CoverageMetricSeriesGetStep | Unset = ReadSeriesV1CoverageMetricSeriesGetStep.DAY,
    region: None | str | Unset = UNSET,
) -> ProblemDetails | ReadSeriesV1CoverageMetricSeriesGetResponseReadSeriesV1CoverageMetricSeriesGet | None:
    """Coverage of a region over time

     Covered / total / ratio of the region on `from`, every `step` after it, and `to`
    (at most 1000 points: a longer period at that step is a 422, as is `from` after `to`), from the
    stored step functions of the coverage summaries.

    Args:
        metric (ReadSeriesV1CoverageMetricSeriesGetMetric): Metric name (see `GET /v1/metrics`)
        from_ (datetime.date | None | Unset): First day, YYYY-MM-DD (default: the calendar's
            first, or `to` if earlier)
        to (datetime.date | None | Unset): Last day, YYYY-MM-DD (default: the calendar's last, or
            `from` if later)
        step (ReadSeriesV1CoverageMetricSeriesGetStep | Unset): Distance between two points; the
            last point is always `to` Default: ReadSeriesV1CoverageMetricSeriesGetStep.DAY.
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadSeriesV1CoverageMetricSeriesGetResponseReadSeriesV1CoverageMetricSeriesGet
    """

    return sync_detailed(
        metric=metric,
        client=client,
        from_=from_,
        to=to,
        step=step,
        region=region,
    ).parsed


async def asyncio_detailed(
    metric: ReadSeriesV1CoverageMetricSeriesGetMetric,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    step: ReadSeriesV1CoverageMetricSeriesGetStep | Unset = ReadSeriesV1CoverageMetricSeriesGetStep.DAY,
    region: None | str | Unset = UNSET,
) -> Response[ProblemDetails | ReadSeriesV1CoverageMetricSeriesGetResponseReadSeriesV1CoverageMetricSeriesGet]:
    """Coverage of a region over time

     Covered / total / ratio of the region on `from`, every `step` after it, and `to`
    (at most 1000 points: a longer period at that step is a 422, as is `from` after `to`), from the
    stored step functions of the coverage summaries.

    Args:
        metric (ReadSeriesV1CoverageMetricSeriesGetMetric): Metric name (see `GET /v1/metrics`)
        from_ (datetime.date | None | Unset): First day, YYYY-MM-DD (default: the calendar's
            first, or `to` if earlier)
        to (datetime.date | None | Unset): Last day, YYYY-MM-DD (default: the calendar's last, or
            `from` if later)
        step (ReadSeriesV1CoverageMetricSeriesGetStep | Unset): Distance between two points; the
            last point is always `to` Default: ReadSeriesV1CoverageMetricSeriesGetStep.DAY.
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadSeriesV1CoverageMetricSeriesGetResponseReadSeriesV1CoverageMetricSeriesGet]
    """

    kwargs = _get_kwargs(
        metric=metric,
        from_=from_,
        to=to,
        step=step,
        region=region,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    metric: ReadSeriesV1CoverageMetricSeriesGetMetric,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    step: ReadSeriesV1CoverageMetricSeriesGetStep | Unset = ReadSeriesV1CoverageMetricSeriesGetStep.DAY,
    region: None | str | Unset = UNSET,
) -> ProblemDetails | ReadSeriesV1CoverageMetricSeriesGetResponseReadSeriesV1CoverageMetricSeriesGet | None:
    """Coverage of a region over time

     Covered / total / ratio of the region on `from`, every `step` after it, and `to`
    (at most 1000 points: a longer period at that step is a 422, as is `from` after `to`), from the
    stored step functions of the coverage summaries.

    Args:
        metric (ReadSeriesV1CoverageMetricSeriesGetMetric): Metric name (see `GET /v1/metrics`)
        from_ (datetime.date | None | Unset): First day, YYYY-MM-DD (default: the calendar's
            first, or `to` if earlier)
        to (datetime.date | None | Unset): Last day, YYYY-MM-DD (default: the calendar's last, or
            `from` if later)
        step (ReadSeriesV1CoverageMetricSeriesGetStep | Unset): Distance between two points; the
            last point is always `to` Default: ReadSeriesV1CoverageMetricSeriesGetStep.DAY.
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadSeriesV1CoverageMetricSeriesGetResponseReadSeriesV1CoverageMetricSeriesGet
    """

    return (
        await asyncio_detailed(
            metric=metric,
            client=client,
            from_=from_,
            to=to,
            step=step,
            region=region,
        )
    ).parsed
