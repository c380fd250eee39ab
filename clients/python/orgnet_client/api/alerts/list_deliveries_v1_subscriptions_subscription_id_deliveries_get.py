from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delivery import Delivery
from ...models.list_deliveries_v1_subscriptions_subscription_id_deliveries_get_state_type_0 import (
    ListDeliveriesV1SubscriptionsSubscriptionIdDeliveriesGetStateType0,
)
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    subscription_id: str,
    *,
    state: ListDeliveriesV1SubscriptionsSubscriptionIdDeliveriesGetStateType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, ListDeliveriesV1SubscriptionsSubscriptionIdDeliveriesGetStateType0):
        json_state = state.value
    else:
        json_state = state
    params["state"] = json_state

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/subscriptions/{subscription_id}/deliveries".format(
            subscription_id=quote(str(subscription_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ProblemDetails | list[Delivery] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Delivery.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

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
) -> Response[Any | ProblemDetails | list[Delivery]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    subscription_id: str,
    *,
    client: AuthenticatedClient,
    state: ListDeliveriesV1SubscriptionsSubscriptionIdDeliveriesGetStateType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[Any | ProblemDetails | list[Delivery]]:
    """A subscription's deliveries, newest first, each with its attempts

    Args:
        subscription_id (str): Subscription id
        state (ListDeliveriesV1SubscriptionsSubscriptionIdDeliveriesGetStateType0 | None | Unset):
            Only deliveries in this state
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails | list[Delivery]]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        state=state,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    subscription_id: str,
    *,
    client: AuthenticatedClient,
    state: ListDeliveriesV1SubscriptionsSubscriptionIdDeliveriesGetStateType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
) -> Any | ProblemDetails | list[Delivery] | None:
    """A subscription's deliveries, newest first, each with its attempts

    Args:
        subscription_id (str): Subscription id
        state (ListDeliveriesV1SubscriptionsSubscriptionIdDeliveriesGetStateType0 | None | Unset):
            Only deliveries in this state
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails | list[Delivery]
    """

    return sync_detailed(
        subscription_id=subscription_id,
        client=client,
        state=state,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    subscription_id: str,
    *,
    client: AuthenticatedClient,
    state: ListDeliveriesV1SubscriptionsSubscriptionIdDeliveriesGetStateType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[Any | ProblemDetails | list[Delivery]]:
    """A subscription's deliveries, newest first, each with its attempts

    Args:
        subscription_id (str): Subscription id
        state (ListDeliveriesV1SubscriptionsSubscriptionIdDeliveriesGetStateType0 | None | Unset):
            Only deliveries in this state
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails | list[Delivery]]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        state=state,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    subscription_id: str,
    *,
    client: AuthenticatedClient,
    state: ListDeliveriesV1SubscriptionsSubscriptionIdDeliveriesGetStateType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
) -> Any | ProblemDetails | list[Delivery] | None:
    """A subscription's deliveries, newest first, each with its attempts

    Args:
        subscription_id (str): Subscription id
        state (ListDeliveriesV1SubscriptionsSubscriptionIdDeliveriesGetStateType0 | None | Unset):
            Only deliveries in this state
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails | list[Delivery]
    """

    return (
        await asyncio_detailed(
            subscription_id=subscription_id,
            client=client,
            state=state,
            limit=limit,
        )
    ).parsed
