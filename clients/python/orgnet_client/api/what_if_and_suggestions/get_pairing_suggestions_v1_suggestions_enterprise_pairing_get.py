import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.suggestions import Suggestions
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_region: None | str | Unset
    if isinstance(region, Unset):
        json_region = UNSET
    else:
        json_region = region
    params["region"] = json_region

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
        "url": "/v1/suggestions/enterprise_pairing",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | Suggestions | None:
    if response.status_code == 200:
        response_200 = Suggestions.from_dict(response.json())

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
) -> Response[ProblemDetails | Suggestions]:
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
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[ProblemDetails | Suggestions]:
    """Cadre pairings that would close enterprise-pairing gaps (min-cost flow)

     For each enterprise under the region missing a required level, a cadre of that level
    whose jurisdiction contains it and who has spare capacity under the policy maximum; load is
    spread evenly (networkx min-cost flow).  What cannot be closed is listed with the reason.
    Nothing is written.

    Args:
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | Suggestions]
    """

    kwargs = _get_kwargs(
        region=region,
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> ProblemDetails | Suggestions | None:
    """Cadre pairings that would close enterprise-pairing gaps (min-cost flow)

     For each enterprise under the region missing a required level, a cadre of that level
    whose jurisdiction contains it and who has spare capacity under the policy maximum; load is
    spread evenly (networkx min-cost flow).  What cannot be closed is listed with the reason.
    Nothing is written.

    Args:
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | Suggestions
    """

    return sync_detailed(
        client=client,
        region=region,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[ProblemDetails | Suggestions]:
    """Cadre pairings that would close enterprise-pairing gaps (min-cost flow)

     For each enterprise under the region missing a required level, a cadre of that level
    whose jurisdiction contains it and who has spare capacity under the policy maximum; load is
    spread evenly (networkx min-cost flow).  What cannot be closed is listed with the reason.
    Nothing is written.

    Args:
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | Suggestions]
    """

    kwargs = _get_kwargs(
        region=region,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> ProblemDetails | Suggestions | None:
    """Cadre pairings that would close enterprise-pairing gaps (min-cost flow)

     For each enterprise under the region missing a required level, a cadre of that level
    whose jurisdiction contains it and who has spare capacity under the policy maximum; load is
    spread evenly (networkx min-cost flow).  What cannot be closed is listed with the reason.
    Nothing is written.

    Args:
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | Suggestions
    """

    return (
        await asyncio_detailed(
            client=client,
            region=region,
            as_of=as_of,
        )
    ).parsed
