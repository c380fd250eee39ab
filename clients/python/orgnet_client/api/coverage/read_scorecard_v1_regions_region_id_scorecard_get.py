import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.scorecard import Scorecard
from ...types import UNSET, Response, Unset


def _get_kwargs(
    region_id: str,
    *,
    as_of: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

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
        "url": "/v1/regions/{region_id}/scorecard".format(
            region_id=quote(str(region_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | Scorecard | None:
    if response.status_code == 200:
        response_200 = Scorecard.from_dict(response.json())

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
) -> Response[ProblemDetails | Scorecard]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    region_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[ProblemDetails | Scorecard]:
    """Every metric for one region, with status colours

     Covered / total / ratio / uncovered per metric; status `ok`, `warn` or `bad` from the policy.

    Args:
        region_id (str): Region id
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | Scorecard]
    """

    kwargs = _get_kwargs(
        region_id=region_id,
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    region_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
) -> ProblemDetails | Scorecard | None:
    """Every metric for one region, with status colours

     Covered / total / ratio / uncovered per metric; status `ok`, `warn` or `bad` from the policy.

    Args:
        region_id (str): Region id
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | Scorecard
    """

    return sync_detailed(
        region_id=region_id,
        client=client,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    region_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[ProblemDetails | Scorecard]:
    """Every metric for one region, with status colours

     Covered / total / ratio / uncovered per metric; status `ok`, `warn` or `bad` from the policy.

    Args:
        region_id (str): Region id
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | Scorecard]
    """

    kwargs = _get_kwargs(
        region_id=region_id,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    region_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
) -> ProblemDetails | Scorecard | None:
    """Every metric for one region, with status colours

     Covered / total / ratio / uncovered per metric; status `ok`, `warn` or `bad` from the policy.

    Args:
        region_id (str): Region id
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | Scorecard
    """

    return (
        await asyncio_detailed(
            region_id=region_id,
            client=client,
            as_of=as_of,
        )
    ).parsed
