from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.revoke_v1_field_accounts_account_id_revoke_post_response_revoke_v1_field_accounts_account_id_revoke_post import (
    RevokeV1FieldAccountsAccountIdRevokePostResponseRevokeV1FieldAccountsAccountIdRevokePost,
)
from ...types import Response


def _get_kwargs(
    account_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/field/accounts/{account_id}/revoke".format(
            account_id=quote(str(account_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Any
    | ProblemDetails
    | RevokeV1FieldAccountsAccountIdRevokePostResponseRevokeV1FieldAccountsAccountIdRevokePost
    | None
):
    if response.status_code == 200:
        response_200 = (
            RevokeV1FieldAccountsAccountIdRevokePostResponseRevokeV1FieldAccountsAccountIdRevokePost.from_dict(
                response.json()
            )
        )

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
) -> Response[
    Any | ProblemDetails | RevokeV1FieldAccountsAccountIdRevokePostResponseRevokeV1FieldAccountsAccountIdRevokePost
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    Any | ProblemDetails | RevokeV1FieldAccountsAccountIdRevokePostResponseRevokeV1FieldAccountsAccountIdRevokePost
]:
    """Revoke a field account at once (planner role)

    Args:
        account_id (str): A field account's id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails | RevokeV1FieldAccountsAccountIdRevokePostResponseRevokeV1FieldAccountsAccountIdRevokePost]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: str,
    *,
    client: AuthenticatedClient,
) -> (
    Any
    | ProblemDetails
    | RevokeV1FieldAccountsAccountIdRevokePostResponseRevokeV1FieldAccountsAccountIdRevokePost
    | None
):
    """Revoke a field account at once (planner role)

    Args:
        account_id (str): A field account's id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails | RevokeV1FieldAccountsAccountIdRevokePostResponseRevokeV1FieldAccountsAccountIdRevokePost
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    Any | ProblemDetails | RevokeV1FieldAccountsAccountIdRevokePostResponseRevokeV1FieldAccountsAccountIdRevokePost
]:
    """Revoke a field account at once (planner role)

    Args:
        account_id (str): A field account's id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails | RevokeV1FieldAccountsAccountIdRevokePostResponseRevokeV1FieldAccountsAccountIdRevokePost]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    *,
    client: AuthenticatedClient,
) -> (
    Any
    | ProblemDetails
    | RevokeV1FieldAccountsAccountIdRevokePostResponseRevokeV1FieldAccountsAccountIdRevokePost
    | None
):
    """Revoke a field account at once (planner role)

    Args:
        account_id (str): A field account's id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails | RevokeV1FieldAccountsAccountIdRevokePostResponseRevokeV1FieldAccountsAccountIdRevokePost
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
        )
    ).parsed
