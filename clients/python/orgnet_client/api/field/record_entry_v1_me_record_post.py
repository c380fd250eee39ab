from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.record_entry_v1_me_record_post_body import RecordEntryV1MeRecordPostBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: RecordEntryV1MeRecordPostBody,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/me/record",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ProblemDetails | None:
    if response.status_code == 201:
        response_201 = response.json()
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

    if response.status_code == 409:
        response_409 = cast(Any, None)
        return response_409

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
) -> Response[Any | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: RecordEntryV1MeRecordPostBody,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Any | ProblemDetails]:
    """Record a frontline record entry for myself (field accounts; Idempotency-Key required)

     `{date, kind, region_id, text}`: the cadre, the author and `recorded_by` are the account's own.
    The place must be my region or under it. A repeat with the same key and body replays the first
    answer.
    A party member's account is refused (422, the reason in Chinese first): the article keeps the
    frontline
    record file for leading cadres; a party member's service is recorded as visits and shifts (`POST
    /v1/me/visits/{kind}`).

    Args:
        idempotency_key (None | str | Unset): Repeat a POST safely: the same key and body replay
            the first answer (visible ASCII, 1 to 200)
        body (RecordEntryV1MeRecordPostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: RecordEntryV1MeRecordPostBody,
    idempotency_key: None | str | Unset = UNSET,
) -> Any | ProblemDetails | None:
    """Record a frontline record entry for myself (field accounts; Idempotency-Key required)

     `{date, kind, region_id, text}`: the cadre, the author and `recorded_by` are the account's own.
    The place must be my region or under it. A repeat with the same key and body replays the first
    answer.
    A party member's account is refused (422, the reason in Chinese first): the article keeps the
    frontline
    record file for leading cadres; a party member's service is recorded as visits and shifts (`POST
    /v1/me/visits/{kind}`).

    Args:
        idempotency_key (None | str | Unset): Repeat a POST safely: the same key and body replay
            the first answer (visible ASCII, 1 to 200)
        body (RecordEntryV1MeRecordPostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: RecordEntryV1MeRecordPostBody,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Any | ProblemDetails]:
    """Record a frontline record entry for myself (field accounts; Idempotency-Key required)

     `{date, kind, region_id, text}`: the cadre, the author and `recorded_by` are the account's own.
    The place must be my region or under it. A repeat with the same key and body replays the first
    answer.
    A party member's account is refused (422, the reason in Chinese first): the article keeps the
    frontline
    record file for leading cadres; a party member's service is recorded as visits and shifts (`POST
    /v1/me/visits/{kind}`).

    Args:
        idempotency_key (None | str | Unset): Repeat a POST safely: the same key and body replay
            the first answer (visible ASCII, 1 to 200)
        body (RecordEntryV1MeRecordPostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: RecordEntryV1MeRecordPostBody,
    idempotency_key: None | str | Unset = UNSET,
) -> Any | ProblemDetails | None:
    """Record a frontline record entry for myself (field accounts; Idempotency-Key required)

     `{date, kind, region_id, text}`: the cadre, the author and `recorded_by` are the account's own.
    The place must be my region or under it. A repeat with the same key and body replays the first
    answer.
    A party member's account is refused (422, the reason in Chinese first): the article keeps the
    frontline
    record file for leading cadres; a party member's service is recorded as visits and shifts (`POST
    /v1/me/visits/{kind}`).

    Args:
        idempotency_key (None | str | Unset): Repeat a POST safely: the same key and body replay
            the first answer (visible ASCII, 1 to 200)
        body (RecordEntryV1MeRecordPostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
