from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.read_policy_v1_policy_get_response_read_policy_v1_policy_get import (
    ReadPolicyV1PolicyGetResponseReadPolicyV1PolicyGet,
)
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/policy",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | ReadPolicyV1PolicyGetResponseReadPolicyV1PolicyGet | None:
    if response.status_code == 200:
        response_200 = ReadPolicyV1PolicyGetResponseReadPolicyV1PolicyGet.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ProblemDetails | ReadPolicyV1PolicyGetResponseReadPolicyV1PolicyGet]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ProblemDetails | ReadPolicyV1PolicyGetResponseReadPolicyV1PolicyGet]:
    """The active coverage policy

     The policy every metric follows now, with where it was read from.

    Change it by pointing `POLICY_FILE` at a copy of `orgnet/policy/default.toml`; give a city (or
    the province) its own with a `<region id>.toml` in `POLICY_FILES`, listed in `regional`.
    `fingerprint` is the whole configuration's (what the stored summaries record).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadPolicyV1PolicyGetResponseReadPolicyV1PolicyGet]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | ReadPolicyV1PolicyGetResponseReadPolicyV1PolicyGet | None:
    """The active coverage policy

     The policy every metric follows now, with where it was read from.

    Change it by pointing `POLICY_FILE` at a copy of `orgnet/policy/default.toml`; give a city (or
    the province) its own with a `<region id>.toml` in `POLICY_FILES`, listed in `regional`.
    `fingerprint` is the whole configuration's (what the stored summaries record).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadPolicyV1PolicyGetResponseReadPolicyV1PolicyGet
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ProblemDetails | ReadPolicyV1PolicyGetResponseReadPolicyV1PolicyGet]:
    """The active coverage policy

     The policy every metric follows now, with where it was read from.

    Change it by pointing `POLICY_FILE` at a copy of `orgnet/policy/default.toml`; give a city (or
    the province) its own with a `<region id>.toml` in `POLICY_FILES`, listed in `regional`.
    `fingerprint` is the whole configuration's (what the stored summaries record).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadPolicyV1PolicyGetResponseReadPolicyV1PolicyGet]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | ReadPolicyV1PolicyGetResponseReadPolicyV1PolicyGet | None:
    """The active coverage policy

     The policy every metric follows now, with where it was read from.

    Change it by pointing `POLICY_FILE` at a copy of `orgnet/policy/default.toml`; give a city (or
    the province) its own with a `<region id>.toml` in `POLICY_FILES`, listed in `regional`.
    `fingerprint` is the whole configuration's (what the stored summaries record).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadPolicyV1PolicyGetResponseReadPolicyV1PolicyGet
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
