import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.find_people_v1_people_get_kind_type_0_item import FindPeopleV1PeopleGetKindType0Item
from ...models.find_people_v1_people_get_response_find_people_v1_people_get import (
    FindPeopleV1PeopleGetResponseFindPeopleV1PeopleGet,
)
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    q: str,
    kind: list[FindPeopleV1PeopleGetKindType0Item] | None | Unset = UNSET,
    region: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["q"] = q

    json_kind: list[str] | None | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, list):
        json_kind = []
        for kind_type_0_item_data in kind:
            kind_type_0_item = kind_type_0_item_data.value
            json_kind.append(kind_type_0_item)

    else:
        json_kind = kind
    params["kind"] = json_kind

    json_region: None | str | Unset
    if isinstance(region, Unset):
        json_region = UNSET
    else:
        json_region = region
    params["region"] = json_region

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.date):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/people",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FindPeopleV1PeopleGetResponseFindPeopleV1PeopleGet | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = FindPeopleV1PeopleGetResponseFindPeopleV1PeopleGet.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

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
) -> Response[FindPeopleV1PeopleGetResponseFindPeopleV1PeopleGet | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    q: str,
    kind: list[FindPeopleV1PeopleGetKindType0Item] | None | Unset = UNSET,
    region: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[FindPeopleV1PeopleGetResponseFindPeopleV1PeopleGet | ProblemDetails]:
    """Find people by id, name or place (for what-if and assignments), with their load

     People whose id or place (village, town, county name) contains `q`, or whose name does for
    callers who may see names (planners and admins; others get `name: null` and no match on names,
    which would reveal them), in id order, one page at a time; with `as_of`, each member's and
    cadre's `load` on that day and the policy's `limit` for it.  `region` must lie in a scoped account's
    regions (else 404).

    Args:
        q (str): Part of an id, of the name of the person's village, town or county, or, for
            planners and admins, of a name
        kind (list[FindPeopleV1PeopleGetKindType0Item] | None | Unset): Which people (repeatable;
            default: all three)
        region (None | str | Unset): Only people under this region (default: the city)
        limit (int | Unset): Page size (hard maximum 200) Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page
        as_of (datetime.date | None | Unset): With a day: each member's and cadre's `load` on it
            (households linked, enterprises paired)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FindPeopleV1PeopleGetResponseFindPeopleV1PeopleGet | ProblemDetails]
    """

    kwargs = _get_kwargs(
        q=q,
        kind=kind,
        region=region,
        limit=limit,
        cursor=cursor,
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    q: str,
    kind: list[FindPeopleV1PeopleGetKindType0Item] | None | Unset = UNSET,
    region: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> FindPeopleV1PeopleGetResponseFindPeopleV1PeopleGet | ProblemDetails | None:
    """Find people by id, name or place (for what-if and assignments), with their load

     People whose id or place (village, town, county name) contains `q`, or whose name does for
    callers who may see names (planners and admins; others get `name: null` and no match on names,
    which would reveal them), in id order, one page at a time; with `as_of`, each member's and
    cadre's `load` on that day and the policy's `limit` for it.  `region` must lie in a scoped account's
    regions (else 404).

    Args:
        q (str): Part of an id, of the name of the person's village, town or county, or, for
            planners and admins, of a name
        kind (list[FindPeopleV1PeopleGetKindType0Item] | None | Unset): Which people (repeatable;
            default: all three)
        region (None | str | Unset): Only people under this region (default: the city)
        limit (int | Unset): Page size (hard maximum 200) Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page
        as_of (datetime.date | None | Unset): With a day: each member's and cadre's `load` on it
            (households linked, enterprises paired)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FindPeopleV1PeopleGetResponseFindPeopleV1PeopleGet | ProblemDetails
    """

    return sync_detailed(
        client=client,
        q=q,
        kind=kind,
        region=region,
        limit=limit,
        cursor=cursor,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    q: str,
    kind: list[FindPeopleV1PeopleGetKindType0Item] | None | Unset = UNSET,
    region: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[FindPeopleV1PeopleGetResponseFindPeopleV1PeopleGet | ProblemDetails]:
    """Find people by id, name or place (for what-if and assignments), with their load

     People whose id or place (village, town, county name) contains `q`, or whose name does for
    callers who may see names (planners and admins; others get `name: null` and no match on names,
    which would reveal them), in id order, one page at a time; with `as_of`, each member's and
    cadre's `load` on that day and the policy's `limit` for it.  `region` must lie in a scoped account's
    regions (else 404).

    Args:
        q (str): Part of an id, of the name of the person's village, town or county, or, for
            planners and admins, of a name
        kind (list[FindPeopleV1PeopleGetKindType0Item] | None | Unset): Which people (repeatable;
            default: all three)
        region (None | str | Unset): Only people under this region (default: the city)
        limit (int | Unset): Page size (hard maximum 200) Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page
        as_of (datetime.date | None | Unset): With a day: each member's and cadre's `load` on it
            (households linked, enterprises paired)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FindPeopleV1PeopleGetResponseFindPeopleV1PeopleGet | ProblemDetails]
    """

    kwargs = _get_kwargs(
        q=q,
        kind=kind,
        region=region,
        limit=limit,
        cursor=cursor,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    q: str,
    kind: list[FindPeopleV1PeopleGetKindType0Item] | None | Unset = UNSET,
    region: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> FindPeopleV1PeopleGetResponseFindPeopleV1PeopleGet | ProblemDetails | None:
    """Find people by id, name or place (for what-if and assignments), with their load

     People whose id or place (village, town, county name) contains `q`, or whose name does for
    callers who may see names (planners and admins; others get `name: null` and no match on names,
    which would reveal them), in id order, one page at a time; with `as_of`, each member's and
    cadre's `load` on that day and the policy's `limit` for it.  `region` must lie in a scoped account's
    regions (else 404).

    Args:
        q (str): Part of an id, of the name of the person's village, town or county, or, for
            planners and admins, of a name
        kind (list[FindPeopleV1PeopleGetKindType0Item] | None | Unset): Which people (repeatable;
            default: all three)
        region (None | str | Unset): Only people under this region (default: the city)
        limit (int | Unset): Page size (hard maximum 200) Default: 20.
        cursor (None | str | Unset): `next_cursor` of the previous page
        as_of (datetime.date | None | Unset): With a day: each member's and cadre's `load` on it
            (households linked, enterprises paired)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FindPeopleV1PeopleGetResponseFindPeopleV1PeopleGet | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            q=q,
            kind=kind,
            region=region,
            limit=limit,
            cursor=cursor,
            as_of=as_of,
        )
    ).parsed
