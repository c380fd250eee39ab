from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.receive_exchange_v1_exchange_post_body import ReceiveExchangeV1ExchangePostBody
from ...models.receive_exchange_v1_exchange_post_response_receive_exchange_v1_exchange_post import (
    ReceiveExchangeV1ExchangePostResponseReceiveExchangeV1ExchangePost,
)
from ...types import Response


def _get_kwargs(
    *,
    body: ReceiveExchangeV1ExchangePostBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/exchange",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ProblemDetails | ReceiveExchangeV1ExchangePostResponseReceiveExchangeV1ExchangePost | None:
    if response.status_code == 200:
        response_200 = ReceiveExchangeV1ExchangePostResponseReceiveExchangeV1ExchangePost.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

    if response.status_code == 413:
        response_413 = cast(Any, None)
        return response_413

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
) -> Response[Any | ProblemDetails | ReceiveExchangeV1ExchangePostResponseReceiveExchangeV1ExchangePost]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ReceiveExchangeV1ExchangePostBody,
) -> Response[Any | ProblemDetails | ReceiveExchangeV1ExchangePostResponseReceiveExchangeV1ExchangePost]:
    """Receive an exchange file (exchange role)

     An `orgnet-exchange` file (the manual, "The aggregate exchange"): per region down to the published
    level and per metric, the coverage step functions, the generation and the policy fingerprint; no
    personal data. Refused whole (422, nothing written) when its sha256 or (with EXCHANGE_KEY) its HMAC
    does not match, or when it was computed under a policy this instance was not told about (its own, or
    EXCHANGE_POLICIES). Idempotent by (source, metric, region, generation): `written` counts the
    summaries that changed, `unchanged` those already received. Only regions this instance does not hold
    itself (or that an admin delegated to the source) take the file's figures; a local region is never
    renamed or re-levelled (422 when the file has figures of one). Each file appends a change
    (`/v1/changes`, kind `exchange`) saying how to undo it (`orgnet exchange withdraw SOURCE`).

    Args:
        body (ReceiveExchangeV1ExchangePostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails | ReceiveExchangeV1ExchangePostResponseReceiveExchangeV1ExchangePost]
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
    body: ReceiveExchangeV1ExchangePostBody,
) -> Any | ProblemDetails | ReceiveExchangeV1ExchangePostResponseReceiveExchangeV1ExchangePost | None:
    """Receive an exchange file (exchange role)

     An `orgnet-exchange` file (the manual, "The aggregate exchange"): per region down to the published
    level and per metric, the coverage step functions, the generation and the policy fingerprint; no
    personal data. Refused whole (422, nothing written) when its sha256 or (with EXCHANGE_KEY) its HMAC
    does not match, or when it was computed under a policy this instance was not told about (its own, or
    EXCHANGE_POLICIES). Idempotent by (source, metric, region, generation): `written` counts the
    summaries that changed, `unchanged` those already received. Only regions this instance does not hold
    itself (or that an admin delegated to the source) take the file's figures; a local region is never
    renamed or re-levelled (422 when the file has figures of one). Each file appends a change
    (`/v1/changes`, kind `exchange`) saying how to undo it (`orgnet exchange withdraw SOURCE`).

    Args:
        body (ReceiveExchangeV1ExchangePostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails | ReceiveExchangeV1ExchangePostResponseReceiveExchangeV1ExchangePost
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ReceiveExchangeV1ExchangePostBody,
) -> Response[Any | ProblemDetails | ReceiveExchangeV1ExchangePostResponseReceiveExchangeV1ExchangePost]:
    """Receive an exchange file (exchange role)

     An `orgnet-exchange` file (the manual, "The aggregate exchange"): per region down to the published
    level and per metric, the coverage step functions, the generation and the policy fingerprint; no
    personal data. Refused whole (422, nothing written) when its sha256 or (with EXCHANGE_KEY) its HMAC
    does not match, or when it was computed under a policy this instance was not told about (its own, or
    EXCHANGE_POLICIES). Idempotent by (source, metric, region, generation): `written` counts the
    summaries that changed, `unchanged` those already received. Only regions this instance does not hold
    itself (or that an admin delegated to the source) take the file's figures; a local region is never
    renamed or re-levelled (422 when the file has figures of one). Each file appends a change
    (`/v1/changes`, kind `exchange`) saying how to undo it (`orgnet exchange withdraw SOURCE`).

    Args:
        body (ReceiveExchangeV1ExchangePostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails | ReceiveExchangeV1ExchangePostResponseReceiveExchangeV1ExchangePost]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ReceiveExchangeV1ExchangePostBody,
) -> Any | ProblemDetails | ReceiveExchangeV1ExchangePostResponseReceiveExchangeV1ExchangePost | None:
    """Receive an exchange file (exchange role)

     An `orgnet-exchange` file (the manual, "The aggregate exchange"): per region down to the published
    level and per metric, the coverage step functions, the generation and the policy fingerprint; no
    personal data. Refused whole (422, nothing written) when its sha256 or (with EXCHANGE_KEY) its HMAC
    does not match, or when it was computed under a policy this instance was not told about (its own, or
    EXCHANGE_POLICIES). Idempotent by (source, metric, region, generation): `written` counts the
    summaries that changed, `unchanged` those already received. Only regions this instance does not hold
    itself (or that an admin delegated to the source) take the file's figures; a local region is never
    renamed or re-levelled (422 when the file has figures of one). Each file appends a change
    (`/v1/changes`, kind `exchange`) saying how to undo it (`orgnet exchange withdraw SOURCE`).

    Args:
        body (ReceiveExchangeV1ExchangePostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails | ReceiveExchangeV1ExchangePostResponseReceiveExchangeV1ExchangePost
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
