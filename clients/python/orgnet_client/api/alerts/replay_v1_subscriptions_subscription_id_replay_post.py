from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.replayed import Replayed
from ...types import UNSET, Response, Unset


def _get_kwargs(
    subscription_id: str,
    *,
    delivery: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_delivery: None | str | Unset
    if isinstance(delivery, Unset):
        json_delivery = UNSET
    else:
        json_delivery = delivery
    params["delivery"] = json_delivery

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/subscriptions/{subscription_id}/replay".format(
            subscription_id=quote(str(subscription_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ProblemDetails | Replayed | None:
    if response.status_code == 200:
        response_200 = Replayed.from_dict(response.json())

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
) -> Response[Any | ProblemDetails | Replayed]:
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
    delivery: None | str | Unset = UNSET,
) -> Response[Any | ProblemDetails | Replayed]:
    """Replay dead-lettered deliveries (admins)

     Dead deliveries go back to pending with their attempts counted from zero; their log is kept.

    Args:
        subscription_id (str): Subscription id
        delivery (None | str | Unset): Only this delivery (default: every dead one of the
            subscription)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails | Replayed]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        delivery=delivery,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    subscription_id: str,
    *,
    client: AuthenticatedClient,
    delivery: None | str | Unset = UNSET,
) -> Any | ProblemDetails | Replayed | None:
    """Replay dead-lettered deliveries (admins)

     Dead deliveries go back to pending with their attempts counted from zero; their log is kept.

    Args:
        subscription_id (str): Subscription id
        delivery (None | str | Unset): Only this delivery (default: every dead one of the
            subscription)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails | Replayed
    """

    return sync_detailed(
        subscription_id=subscription_id,
        client=client,
        delivery=delivery,
    ).parsed


async def asyncio_detailed(
    subscription_id: str,
    *,
    client: AuthenticatedClient,
    delivery: None | str | Unset = UNSET,
) -> Response[Any | ProblemDetails | Replayed]:
    """Replay dead-lettered deliveries (admins)

     Dead deliveries go back to pending with their attempts counted from zero; their log is kept.

    Args:
        subscription_id (str): Subscription id
        delivery (None | str | Unset): Only this delivery (default: every dead one of the
            subscription)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails | Replayed]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        delivery=delivery,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    subscription_id: str,
    *,
    client: AuthenticatedClient,
    delivery: None | str | Unset = UNSET,
) -> Any | ProblemDetails | Replayed | None:
    """Replay dead-lettered deliveries (admins)

     Dead deliveries go back to pending with their attempts counted from zero; their log is kept.

    Args:
        subscription_id (str): Subscription id
        delivery (None | str | Unset): Only this delivery (default: every dead one of the
            subscription)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails | Replayed
    """

    return (
        await asyncio_detailed(
            subscription_id=subscription_id,
            client=client,
            delivery=delivery,
        )
    ).parsed
