from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.account_with_token import AccountWithToken
from ...models.new_account import NewAccount
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    *,
    body: NewAccount,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/accounts",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccountWithToken | Any | ProblemDetails | None:
    if response.status_code == 201:
        response_201 = AccountWithToken.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

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
) -> Response[AccountWithToken | Any | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: NewAccount,
) -> Response[AccountWithToken | Any | ProblemDetails]:
    """Add an account; its token is shown once (admins)

    Args:
        body (NewAccount): An account to add: the one model the API's body (``POST /v1/accounts``)
            and ``orgnet accounts
            add`` are both validated by.  Whether the scope's regions exist is checked by
            :func:`add_account`
            (it needs the graph).

            >>> NewAccount(name=" 丰县 planner ", role="planner", scope=["320322", "320321",
            "320321"]).scope
            ['320321', '320322']

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountWithToken | Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: NewAccount,
) -> AccountWithToken | Any | ProblemDetails | None:
    """Add an account; its token is shown once (admins)

    Args:
        body (NewAccount): An account to add: the one model the API's body (``POST /v1/accounts``)
            and ``orgnet accounts
            add`` are both validated by.  Whether the scope's regions exist is checked by
            :func:`add_account`
            (it needs the graph).

            >>> NewAccount(name=" 丰县 planner ", role="planner", scope=["320322", "320321",
            "320321"]).scope
            ['320321', '320322']

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountWithToken | Any | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NewAccount,
) -> Response[AccountWithToken | Any | ProblemDetails]:
    """Add an account; its token is shown once (admins)

    Args:
        body (NewAccount): An account to add: the one model the API's body (``POST /v1/accounts``)
            and ``orgnet accounts
            add`` are both validated by.  Whether the scope's regions exist is checked by
            :func:`add_account`
            (it needs the graph).

            >>> NewAccount(name=" 丰县 planner ", role="planner", scope=["320322", "320321",
            "320321"]).scope
            ['320321', '320322']

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountWithToken | Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: NewAccount,
) -> AccountWithToken | Any | ProblemDetails | None:
    """Add an account; its token is shown once (admins)

    Args:
        body (NewAccount): An account to add: the one model the API's body (``POST /v1/accounts``)
            and ``orgnet accounts
            add`` are both validated by.  Whether the scope's regions exist is checked by
            :func:`add_account`
            (it needs the graph).

            >>> NewAccount(name=" 丰县 planner ", role="planner", scope=["320322", "320321",
            "320321"]).scope
            ['320321', '320322']

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountWithToken | Any | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
