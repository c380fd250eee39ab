from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.replace_record_v1_records_kind_record_id_put_body import ReplaceRecordV1RecordsKindRecordIdPutBody
from ...models.replace_record_v1_records_kind_record_id_put_kind import ReplaceRecordV1RecordsKindRecordIdPutKind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    kind: ReplaceRecordV1RecordsKindRecordIdPutKind,
    record_id: str,
    *,
    body: ReplaceRecordV1RecordsKindRecordIdPutBody,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/records/{kind}/{record_id}".format(
            kind=quote(str(kind), safe=""),
            record_id=quote(str(record_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = response.json()
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

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = cast(Any, None)
        return response_409

    if response.status_code == 412:
        response_412 = cast(Any, None)
        return response_412

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
    kind: ReplaceRecordV1RecordsKindRecordIdPutKind,
    record_id: str,
    *,
    client: AuthenticatedClient,
    body: ReplaceRecordV1RecordsKindRecordIdPutBody,
    if_match: None | str | Unset = UNSET,
) -> Response[Any | ProblemDetails]:
    """Replace an item (planner role)

     The whole item, as a re-import states it (a move to another region included; both regions
    must be in scope). Send `If-Match` so that another planner's change is not lost.

    Args:
        kind (ReplaceRecordV1RecordsKindRecordIdPutKind): Item kind (a bundle section)
        record_id (str): The item's id
        if_match (None | str | Unset): The record's version (its ETag): 412 if it changed since
        body (ReplaceRecordV1RecordsKindRecordIdPutBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        kind=kind,
        record_id=record_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    kind: ReplaceRecordV1RecordsKindRecordIdPutKind,
    record_id: str,
    *,
    client: AuthenticatedClient,
    body: ReplaceRecordV1RecordsKindRecordIdPutBody,
    if_match: None | str | Unset = UNSET,
) -> Any | ProblemDetails | None:
    """Replace an item (planner role)

     The whole item, as a re-import states it (a move to another region included; both regions
    must be in scope). Send `If-Match` so that another planner's change is not lost.

    Args:
        kind (ReplaceRecordV1RecordsKindRecordIdPutKind): Item kind (a bundle section)
        record_id (str): The item's id
        if_match (None | str | Unset): The record's version (its ETag): 412 if it changed since
        body (ReplaceRecordV1RecordsKindRecordIdPutBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return sync_detailed(
        kind=kind,
        record_id=record_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    kind: ReplaceRecordV1RecordsKindRecordIdPutKind,
    record_id: str,
    *,
    client: AuthenticatedClient,
    body: ReplaceRecordV1RecordsKindRecordIdPutBody,
    if_match: None | str | Unset = UNSET,
) -> Response[Any | ProblemDetails]:
    """Replace an item (planner role)

     The whole item, as a re-import states it (a move to another region included; both regions
    must be in scope). Send `If-Match` so that another planner's change is not lost.

    Args:
        kind (ReplaceRecordV1RecordsKindRecordIdPutKind): Item kind (a bundle section)
        record_id (str): The item's id
        if_match (None | str | Unset): The record's version (its ETag): 412 if it changed since
        body (ReplaceRecordV1RecordsKindRecordIdPutBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        kind=kind,
        record_id=record_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    kind: ReplaceRecordV1RecordsKindRecordIdPutKind,
    record_id: str,
    *,
    client: AuthenticatedClient,
    body: ReplaceRecordV1RecordsKindRecordIdPutBody,
    if_match: None | str | Unset = UNSET,
) -> Any | ProblemDetails | None:
    """Replace an item (planner role)

     The whole item, as a re-import states it (a move to another region included; both regions
    must be in scope). Send `If-Match` so that another planner's change is not lost.

    Args:
        kind (ReplaceRecordV1RecordsKindRecordIdPutKind): Item kind (a bundle section)
        record_id (str): The item's id
        if_match (None | str | Unset): The record's version (its ETag): 412 if it changed since
        body (ReplaceRecordV1RecordsKindRecordIdPutBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return (
        await asyncio_detailed(
            kind=kind,
            record_id=record_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
