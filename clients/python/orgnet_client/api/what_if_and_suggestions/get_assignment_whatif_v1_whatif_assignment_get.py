import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.assignment_what_if import AssignmentWhatIf
from ...models.get_assignment_whatif_v1_whatif_assignment_get_kind import GetAssignmentWhatifV1WhatifAssignmentGetKind
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    kind: GetAssignmentWhatifV1WhatifAssignmentGetKind,
    start: str,
    end: str,
    as_of: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind = kind.value
    params["kind"] = json_kind

    params["start"] = start

    params["end"] = end

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
        "url": "/v1/whatif/assignment",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | AssignmentWhatIf | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = AssignmentWhatIf.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = cast(Any, None)
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
) -> Response[Any | AssignmentWhatIf | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    kind: GetAssignmentWhatifV1WhatifAssignmentGetKind,
    start: str,
    end: str,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[Any | AssignmentWhatIf | ProblemDetails]:
    """What one new assignment would change: the gap it closes and any it opens (nothing is written)

     Before `POST /v1/records/{kind}` writes a household link, an enterprise pairing, a family
    support or a care contact active from `as_of`: the gap it would close (the household without a
    linked member, the enterprise's missing cadre level, the family nobody supports) and any it
    would open (the member past the households the policy wants, the cadre past the pairings of
    its level), per metric of either end (`lines`).  Read only: nothing is written.  Both ends must
    lie in a scoped account's regions (else 404, as for an unknown id).

    Args:
        kind (GetAssignmentWhatifV1WhatifAssignmentGetKind): The record's kind, as `POST
            /v1/records/{kind}` takes it
        start (str): Who is assigned: the member, the cadre or the supporting organisation
        end (str): The item assigned to: the household, the enterprise, the medical worker or the
            fallen cadre
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AssignmentWhatIf | ProblemDetails]
    """

    kwargs = _get_kwargs(
        kind=kind,
        start=start,
        end=end,
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    kind: GetAssignmentWhatifV1WhatifAssignmentGetKind,
    start: str,
    end: str,
    as_of: datetime.date | None | Unset = UNSET,
) -> Any | AssignmentWhatIf | ProblemDetails | None:
    """What one new assignment would change: the gap it closes and any it opens (nothing is written)

     Before `POST /v1/records/{kind}` writes a household link, an enterprise pairing, a family
    support or a care contact active from `as_of`: the gap it would close (the household without a
    linked member, the enterprise's missing cadre level, the family nobody supports) and any it
    would open (the member past the households the policy wants, the cadre past the pairings of
    its level), per metric of either end (`lines`).  Read only: nothing is written.  Both ends must
    lie in a scoped account's regions (else 404, as for an unknown id).

    Args:
        kind (GetAssignmentWhatifV1WhatifAssignmentGetKind): The record's kind, as `POST
            /v1/records/{kind}` takes it
        start (str): Who is assigned: the member, the cadre or the supporting organisation
        end (str): The item assigned to: the household, the enterprise, the medical worker or the
            fallen cadre
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AssignmentWhatIf | ProblemDetails
    """

    return sync_detailed(
        client=client,
        kind=kind,
        start=start,
        end=end,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    kind: GetAssignmentWhatifV1WhatifAssignmentGetKind,
    start: str,
    end: str,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[Any | AssignmentWhatIf | ProblemDetails]:
    """What one new assignment would change: the gap it closes and any it opens (nothing is written)

     Before `POST /v1/records/{kind}` writes a household link, an enterprise pairing, a family
    support or a care contact active from `as_of`: the gap it would close (the household without a
    linked member, the enterprise's missing cadre level, the family nobody supports) and any it
    would open (the member past the households the policy wants, the cadre past the pairings of
    its level), per metric of either end (`lines`).  Read only: nothing is written.  Both ends must
    lie in a scoped account's regions (else 404, as for an unknown id).

    Args:
        kind (GetAssignmentWhatifV1WhatifAssignmentGetKind): The record's kind, as `POST
            /v1/records/{kind}` takes it
        start (str): Who is assigned: the member, the cadre or the supporting organisation
        end (str): The item assigned to: the household, the enterprise, the medical worker or the
            fallen cadre
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AssignmentWhatIf | ProblemDetails]
    """

    kwargs = _get_kwargs(
        kind=kind,
        start=start,
        end=end,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    kind: GetAssignmentWhatifV1WhatifAssignmentGetKind,
    start: str,
    end: str,
    as_of: datetime.date | None | Unset = UNSET,
) -> Any | AssignmentWhatIf | ProblemDetails | None:
    """What one new assignment would change: the gap it closes and any it opens (nothing is written)

     Before `POST /v1/records/{kind}` writes a household link, an enterprise pairing, a family
    support or a care contact active from `as_of`: the gap it would close (the household without a
    linked member, the enterprise's missing cadre level, the family nobody supports) and any it
    would open (the member past the households the policy wants, the cadre past the pairings of
    its level), per metric of either end (`lines`).  Read only: nothing is written.  Both ends must
    lie in a scoped account's regions (else 404, as for an unknown id).

    Args:
        kind (GetAssignmentWhatifV1WhatifAssignmentGetKind): The record's kind, as `POST
            /v1/records/{kind}` takes it
        start (str): Who is assigned: the member, the cadre or the supporting organisation
        end (str): The item assigned to: the household, the enterprise, the medical worker or the
            fallen cadre
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AssignmentWhatIf | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            kind=kind,
            start=start,
            end=end,
            as_of=as_of,
        )
    ).parsed
