from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_accounts_v1_field_accounts_get_response_list_accounts_v1_field_accounts_get import (
    ListAccountsV1FieldAccountsGetResponseListAccountsV1FieldAccountsGet,
)
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/field/accounts",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ListAccountsV1FieldAccountsGetResponseListAccountsV1FieldAccountsGet | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = ListAccountsV1FieldAccountsGetResponseListAccountsV1FieldAccountsGet.from_dict(response.json())

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
) -> Response[Any | ListAccountsV1FieldAccountsGetResponseListAccountsV1FieldAccountsGet | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Any | ListAccountsV1FieldAccountsGetResponseListAccountsV1FieldAccountsGet | ProblemDetails]:
    """The field accounts of people in your scope (planner role)

     Newest first: the account, its person, whether the phone has enrolled, whether a code is still
    open, and whether it is revoked (`disabled`). Accounts of people outside the caller's scope are left
    out.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ListAccountsV1FieldAccountsGetResponseListAccountsV1FieldAccountsGet | ProblemDetails]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> Any | ListAccountsV1FieldAccountsGetResponseListAccountsV1FieldAccountsGet | ProblemDetails | None:
    """The field accounts of people in your scope (planner role)

     Newest first: the account, its person, whether the phone has enrolled, whether a code is still
    open, and whether it is revoked (`disabled`). Accounts of people outside the caller's scope are left
    out.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ListAccountsV1FieldAccountsGetResponseListAccountsV1FieldAccountsGet | ProblemDetails
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Any | ListAccountsV1FieldAccountsGetResponseListAccountsV1FieldAccountsGet | ProblemDetails]:
    """The field accounts of people in your scope (planner role)

     Newest first: the account, its person, whether the phone has enrolled, whether a code is still
    open, and whether it is revoked (`disabled`). Accounts of people outside the caller's scope are left
    out.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ListAccountsV1FieldAccountsGetResponseListAccountsV1FieldAccountsGet | ProblemDetails]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> Any | ListAccountsV1FieldAccountsGetResponseListAccountsV1FieldAccountsGet | ProblemDetails | None:
    """The field accounts of people in your scope (planner role)

     Newest first: the account, its person, whether the phone has enrolled, whether a code is still
    open, and whether it is revoked (`disabled`). Accounts of people outside the caller's scope are left
    out.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ListAccountsV1FieldAccountsGetResponseListAccountsV1FieldAccountsGet | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
