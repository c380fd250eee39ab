import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.check_item_v1_coverage_metric_items_item_id_get_metric import (
    CheckItemV1CoverageMetricItemsItemIdGetMetric,
)
from ...models.item_status import ItemStatus
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    metric: CheckItemV1CoverageMetricItemsItemIdGetMetric,
    item_id: str,
    *,
    as_of: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

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
        "url": "/v1/coverage/{metric}/items/{item_id}".format(
            metric=quote(str(metric), safe=""),
            item_id=quote(str(item_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ItemStatus | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = ItemStatus.from_dict(response.json())

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
) -> Response[ItemStatus | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    metric: CheckItemV1CoverageMetricItemsItemIdGetMetric,
    item_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[ItemStatus | ProblemDetails]:
    """Check one item: is it covered, and if not, why

     The check paired with the gap list: one item's coverage with the reason and details.

    Args:
        metric (CheckItemV1CoverageMetricItemsItemIdGetMetric): Metric name (see `GET
            /v1/metrics`)
        item_id (str): Id of an item of the metric's population
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ItemStatus | ProblemDetails]
    """

    kwargs = _get_kwargs(
        metric=metric,
        item_id=item_id,
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    metric: CheckItemV1CoverageMetricItemsItemIdGetMetric,
    item_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
) -> ItemStatus | ProblemDetails | None:
    """Check one item: is it covered, and if not, why

     The check paired with the gap list: one item's coverage with the reason and details.

    Args:
        metric (CheckItemV1CoverageMetricItemsItemIdGetMetric): Metric name (see `GET
            /v1/metrics`)
        item_id (str): Id of an item of the metric's population
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ItemStatus | ProblemDetails
    """

    return sync_detailed(
        metric=metric,
        item_id=item_id,
        client=client,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    metric: CheckItemV1CoverageMetricItemsItemIdGetMetric,
    item_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[ItemStatus | ProblemDetails]:
    """Check one item: is it covered, and if not, why

     The check paired with the gap list: one item's coverage with the reason and details.

    Args:
        metric (CheckItemV1CoverageMetricItemsItemIdGetMetric): Metric name (see `GET
            /v1/metrics`)
        item_id (str): Id of an item of the metric's population
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ItemStatus | ProblemDetails]
    """

    kwargs = _get_kwargs(
        metric=metric,
        item_id=item_id,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    metric: CheckItemV1CoverageMetricItemsItemIdGetMetric,
    item_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
) -> ItemStatus | ProblemDetails | None:
    """Check one item: is it covered, and if not, why

     The check paired with the gap list: one item's coverage with the reason and details.

    Args:
        metric (CheckItemV1CoverageMetricItemsItemIdGetMetric): Metric name (see `GET
            /v1/metrics`)
        item_id (str): Id of an item of the metric's population
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ItemStatus | ProblemDetails
    """

    return (
        await asyncio_detailed(
            metric=metric,
            item_id=item_id,
            client=client,
            as_of=as_of,
        )
    ).parsed
