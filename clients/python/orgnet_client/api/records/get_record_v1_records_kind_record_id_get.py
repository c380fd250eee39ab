from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_record_v1_records_kind_record_id_get_kind import GetRecordV1RecordsKindRecordIdGetKind
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    kind: GetRecordV1RecordsKindRecordIdGetKind,
    record_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/records/{kind}/{record_id}".format(
            kind=quote(str(kind), safe=""),
            record_id=quote(str(record_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = response.json()
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
) -> Response[Any | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    kind: GetRecordV1RecordsKindRecordIdGetKind,
    record_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | ProblemDetails]:
    """One record with its version (planner role)

     The record as stored (bundle fields, void marks), the regions it belongs to, the `names`
    of an assignment's two ends (`{id: name}`), and its `version`, also sent as `ETag` for
    `If-Match` on writes.

    Args:
        kind (GetRecordV1RecordsKindRecordIdGetKind): Record kind (a bundle section)
        record_id (str): An item's id, or an assignment's `<start id>~<end id>~<since>`

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        kind=kind,
        record_id=record_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    kind: GetRecordV1RecordsKindRecordIdGetKind,
    record_id: str,
    *,
    client: AuthenticatedClient,
) -> Any | ProblemDetails | None:
    """One record with its version (planner role)

     The record as stored (bundle fields, void marks), the regions it belongs to, the `names`
    of an assignment's two ends (`{id: name}`), and its `version`, also sent as `ETag` for
    `If-Match` on writes.

    Args:
        kind (GetRecordV1RecordsKindRecordIdGetKind): Record kind (a bundle section)
        record_id (str): An item's id, or an assignment's `<start id>~<end id>~<since>`

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
    ).parsed


async def asyncio_detailed(
    kind: GetRecordV1RecordsKindRecordIdGetKind,
    record_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | ProblemDetails]:
    """One record with its version (planner role)

     The record as stored (bundle fields, void marks), the regions it belongs to, the `names`
    of an assignment's two ends (`{id: name}`), and its `version`, also sent as `ETag` for
    `If-Match` on writes.

    Args:
        kind (GetRecordV1RecordsKindRecordIdGetKind): Record kind (a bundle section)
        record_id (str): An item's id, or an assignment's `<start id>~<end id>~<since>`

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        kind=kind,
        record_id=record_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    kind: GetRecordV1RecordsKindRecordIdGetKind,
    record_id: str,
    *,
    client: AuthenticatedClient,
) -> Any | ProblemDetails | None:
    """One record with its version (planner role)

     The record as stored (bundle fields, void marks), the regions it belongs to, the `names`
    of an assignment's two ends (`{id: name}`), and its `version`, also sent as `ETag` for
    `If-Match` on writes.

    Args:
        kind (GetRecordV1RecordsKindRecordIdGetKind): Record kind (a bundle section)
        record_id (str): An item's id, or an assignment's `<start id>~<end id>~<since>`

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
        )
    ).parsed
