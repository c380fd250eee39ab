from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.my_record_v1_me_record_get_response_my_record_v1_me_record_get import (
    MyRecordV1MeRecordGetResponseMyRecordV1MeRecordGet,
)
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/me/record",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | MyRecordV1MeRecordGetResponseMyRecordV1MeRecordGet | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = MyRecordV1MeRecordGetResponseMyRecordV1MeRecordGet.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

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
) -> Response[Any | MyRecordV1MeRecordGetResponseMyRecordV1MeRecordGet | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Any | MyRecordV1MeRecordGetResponseMyRecordV1MeRecordGet | ProblemDetails]:
    """My record: my entries, recognitions and applications (field accounts)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | MyRecordV1MeRecordGetResponseMyRecordV1MeRecordGet | ProblemDetails]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> Any | MyRecordV1MeRecordGetResponseMyRecordV1MeRecordGet | ProblemDetails | None:
    """My record: my entries, recognitions and applications (field accounts)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | MyRecordV1MeRecordGetResponseMyRecordV1MeRecordGet | ProblemDetails
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Any | MyRecordV1MeRecordGetResponseMyRecordV1MeRecordGet | ProblemDetails]:
    """My record: my entries, recognitions and applications (field accounts)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | MyRecordV1MeRecordGetResponseMyRecordV1MeRecordGet | ProblemDetails]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> Any | MyRecordV1MeRecordGetResponseMyRecordV1MeRecordGet | ProblemDetails | None:
    """My record: my entries, recognitions and applications (field accounts)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | MyRecordV1MeRecordGetResponseMyRecordV1MeRecordGet | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
