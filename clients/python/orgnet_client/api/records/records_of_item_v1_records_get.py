from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.records_of_item_v1_records_get_response_records_of_item_v1_records_get import (
    RecordsOfItemV1RecordsGetResponseRecordsOfItemV1RecordsGet,
)
from ...types import UNSET, Response


def _get_kwargs(
    *,
    item: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["item"] = item

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/records",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ProblemDetails | RecordsOfItemV1RecordsGetResponseRecordsOfItemV1RecordsGet | None:
    if response.status_code == 200:
        response_200 = RecordsOfItemV1RecordsGetResponseRecordsOfItemV1RecordsGet.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

    if response.status_code == 404:
        response_404 = cast(Any, None)
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
) -> Response[Any | ProblemDetails | RecordsOfItemV1RecordsGetResponseRecordsOfItemV1RecordsGet]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    item: str,
) -> Response[Any | ProblemDetails | RecordsOfItemV1RecordsGetResponseRecordsOfItemV1RecordsGet]:
    """The assignment records an item takes part in (planner role)

     Every assignment with the item at one of its ends (pairings, supervisions, household
    links, team memberships, deployments, family supports, care contacts), ended and voided ones
    included, seed and imported records as well as those written here, each with its `version`
    for `If-Match` and the `names` of its two ends (`{id: name}`). Only records whose every region is in
    the caller's scope are listed; 404 when
    none is (an unknown id, an item with no assignments, or one outside the scope: the same answer).

    Args:
        item (str): An item's id (a cadre, an enterprise, a household, ...)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails | RecordsOfItemV1RecordsGetResponseRecordsOfItemV1RecordsGet]
    """

    kwargs = _get_kwargs(
        item=item,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    item: str,
) -> Any | ProblemDetails | RecordsOfItemV1RecordsGetResponseRecordsOfItemV1RecordsGet | None:
    """The assignment records an item takes part in (planner role)

     Every assignment with the item at one of its ends (pairings, supervisions, household
    links, team memberships, deployments, family supports, care contacts), ended and voided ones
    included, seed and imported records as well as those written here, each with its `version`
    for `If-Match` and the `names` of its two ends (`{id: name}`). Only records whose every region is in
    the caller's scope are listed; 404 when
    none is (an unknown id, an item with no assignments, or one outside the scope: the same answer).

    Args:
        item (str): An item's id (a cadre, an enterprise, a household, ...)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails | RecordsOfItemV1RecordsGetResponseRecordsOfItemV1RecordsGet
    """

    return sync_detailed(
        client=client,
        item=item,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    item: str,
) -> Response[Any | ProblemDetails | RecordsOfItemV1RecordsGetResponseRecordsOfItemV1RecordsGet]:
    """The assignment records an item takes part in (planner role)

     Every assignment with the item at one of its ends (pairings, supervisions, household
    links, team memberships, deployments, family supports, care contacts), ended and voided ones
    included, seed and imported records as well as those written here, each with its `version`
    for `If-Match` and the `names` of its two ends (`{id: name}`). Only records whose every region is in
    the caller's scope are listed; 404 when
    none is (an unknown id, an item with no assignments, or one outside the scope: the same answer).

    Args:
        item (str): An item's id (a cadre, an enterprise, a household, ...)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails | RecordsOfItemV1RecordsGetResponseRecordsOfItemV1RecordsGet]
    """

    kwargs = _get_kwargs(
        item=item,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    item: str,
) -> Any | ProblemDetails | RecordsOfItemV1RecordsGetResponseRecordsOfItemV1RecordsGet | None:
    """The assignment records an item takes part in (planner role)

     Every assignment with the item at one of its ends (pairings, supervisions, household
    links, team memberships, deployments, family supports, care contacts), ended and voided ones
    included, seed and imported records as well as those written here, each with its `version`
    for `If-Match` and the `names` of its two ends (`{id: name}`). Only records whose every region is in
    the caller's scope are listed; 404 when
    none is (an unknown id, an item with no assignments, or one outside the scope: the same answer).

    Args:
        item (str): An item's id (a cadre, an enterprise, a household, ...)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails | RecordsOfItemV1RecordsGetResponseRecordsOfItemV1RecordsGet
    """

    return (
        await asyncio_detailed(
            client=client,
            item=item,
        )
    ).parsed
