import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_changes_v1_changes_get_response_list_changes_v1_changes_get import (
    ListChangesV1ChangesGetResponseListChangesV1ChangesGet,
)
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    region: None | str | Unset = UNSET,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    account: None | str | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    item: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_region: None | str | Unset
    if isinstance(region, Unset):
        json_region = UNSET
    else:
        json_region = region
    params["region"] = json_region

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    elif isinstance(since, datetime.date):
        json_since = since.isoformat()
    else:
        json_since = since
    params["since"] = json_since

    json_until: None | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
    elif isinstance(until, datetime.date):
        json_until = until.isoformat()
    else:
        json_until = until
    params["until"] = json_until

    json_account: None | str | Unset
    if isinstance(account, Unset):
        json_account = UNSET
    else:
        json_account = account
    params["account"] = json_account

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_item: None | str | Unset
    if isinstance(item, Unset):
        json_item = UNSET
    else:
        json_item = item
    params["item"] = json_item

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/changes",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ListChangesV1ChangesGetResponseListChangesV1ChangesGet | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = ListChangesV1ChangesGetResponseListChangesV1ChangesGet.from_dict(response.json())

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
) -> Response[Any | ListChangesV1ChangesGetResponseListChangesV1ChangesGet | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    account: None | str | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    item: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[Any | ListChangesV1ChangesGetResponseListChangesV1ChangesGet | ProblemDetails]:
    """The audit trail: who changed what, when (planner role)

     Newest first. Every write appends one change (per-record writes, applied suggestions,
    bundle imports over the API and the CLI, seed loads); nothing edits or deletes one. A scoped
    account sees the changes of regions in its scope only (`region` defaults to its scope's one region),
    without the states that lie outside it (a record moved out of its scope: `after` is null and
    `redacted` lists it), and `item` outside its scope is a 404, as for `GET /v1/records?item=`.

    Args:
        region (None | str | Unset): Changes touching this region or anything under it
        since (datetime.date | None | Unset): From this day (YYYY-MM-DD, UTC, inclusive)
        until (datetime.date | None | Unset): Before this day (YYYY-MM-DD, UTC, exclusive)
        account (None | str | Unset): Made by this account
        kind (None | str | Unset): Record kind (a bundle section), or `bundle` for imports and
            seeds
        item (None | str | Unset): Touching this record id, or an item's id (its own changes and
            those of its assignments `<start>~<end>~<since>`)
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page, exactly as returned
            (signed: one altered or of another listing is a 422)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ListChangesV1ChangesGetResponseListChangesV1ChangesGet | ProblemDetails]
    """

    kwargs = _get_kwargs(
        region=region,
        since=since,
        until=until,
        account=account,
        kind=kind,
        item=item,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    account: None | str | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    item: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Any | ListChangesV1ChangesGetResponseListChangesV1ChangesGet | ProblemDetails | None:
    """The audit trail: who changed what, when (planner role)

     Newest first. Every write appends one change (per-record writes, applied suggestions,
    bundle imports over the API and the CLI, seed loads); nothing edits or deletes one. A scoped
    account sees the changes of regions in its scope only (`region` defaults to its scope's one region),
    without the states that lie outside it (a record moved out of its scope: `after` is null and
    `redacted` lists it), and `item` outside its scope is a 404, as for `GET /v1/records?item=`.

    Args:
        region (None | str | Unset): Changes touching this region or anything under it
        since (datetime.date | None | Unset): From this day (YYYY-MM-DD, UTC, inclusive)
        until (datetime.date | None | Unset): Before this day (YYYY-MM-DD, UTC, exclusive)
        account (None | str | Unset): Made by this account
        kind (None | str | Unset): Record kind (a bundle section), or `bundle` for imports and
            seeds
        item (None | str | Unset): Touching this record id, or an item's id (its own changes and
            those of its assignments `<start>~<end>~<since>`)
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page, exactly as returned
            (signed: one altered or of another listing is a 422)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ListChangesV1ChangesGetResponseListChangesV1ChangesGet | ProblemDetails
    """

    return sync_detailed(
        client=client,
        region=region,
        since=since,
        until=until,
        account=account,
        kind=kind,
        item=item,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    account: None | str | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    item: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[Any | ListChangesV1ChangesGetResponseListChangesV1ChangesGet | ProblemDetails]:
    """The audit trail: who changed what, when (planner role)

     Newest first. Every write appends one change (per-record writes, applied suggestions,
    bundle imports over the API and the CLI, seed loads); nothing edits or deletes one. A scoped
    account sees the changes of regions in its scope only (`region` defaults to its scope's one region),
    without the states that lie outside it (a record moved out of its scope: `after` is null and
    `redacted` lists it), and `item` outside its scope is a 404, as for `GET /v1/records?item=`.

    Args:
        region (None | str | Unset): Changes touching this region or anything under it
        since (datetime.date | None | Unset): From this day (YYYY-MM-DD, UTC, inclusive)
        until (datetime.date | None | Unset): Before this day (YYYY-MM-DD, UTC, exclusive)
        account (None | str | Unset): Made by this account
        kind (None | str | Unset): Record kind (a bundle section), or `bundle` for imports and
            seeds
        item (None | str | Unset): Touching this record id, or an item's id (its own changes and
            those of its assignments `<start>~<end>~<since>`)
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page, exactly as returned
            (signed: one altered or of another listing is a 422)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ListChangesV1ChangesGetResponseListChangesV1ChangesGet | ProblemDetails]
    """

    kwargs = _get_kwargs(
        region=region,
        since=since,
        until=until,
        account=account,
        kind=kind,
        item=item,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    account: None | str | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    item: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Any | ListChangesV1ChangesGetResponseListChangesV1ChangesGet | ProblemDetails | None:
    """The audit trail: who changed what, when (planner role)

     Newest first. Every write appends one change (per-record writes, applied suggestions,
    bundle imports over the API and the CLI, seed loads); nothing edits or deletes one. A scoped
    account sees the changes of regions in its scope only (`region` defaults to its scope's one region),
    without the states that lie outside it (a record moved out of its scope: `after` is null and
    `redacted` lists it), and `item` outside its scope is a 404, as for `GET /v1/records?item=`.

    Args:
        region (None | str | Unset): Changes touching this region or anything under it
        since (datetime.date | None | Unset): From this day (YYYY-MM-DD, UTC, inclusive)
        until (datetime.date | None | Unset): Before this day (YYYY-MM-DD, UTC, exclusive)
        account (None | str | Unset): Made by this account
        kind (None | str | Unset): Record kind (a bundle section), or `bundle` for imports and
            seeds
        item (None | str | Unset): Touching this record id, or an item's id (its own changes and
            those of its assignments `<start>~<end>~<since>`)
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page, exactly as returned
            (signed: one altered or of another listing is a 422)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ListChangesV1ChangesGetResponseListChangesV1ChangesGet | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            region=region,
            since=since,
            until=until,
            account=account,
            kind=kind,
            item=item,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
