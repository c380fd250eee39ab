from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/ready",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = response.json()
        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

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
) -> Response[Any | ProblemDetails]:
    """Neo4j reachable and the schema applied

     Answers within `READY_TIMEOUT_S` (0.8 s) always: checks that take longer (a Neo4j that is frozen or
    overloaded) make it 503, and data requests then fail at once with 503 and `Retry-After` for
    `NEO4J_DOWN_RETRY_S`. A 503 is problem details (`application/problem+json`) with the same members.
    `summaries.not_fresh` lists the metrics whose stored coverage summaries are stale or from another
    policy: their rollups run the live queries (correct, slower at city scale) until `orgnet summaries
    refresh`. `summaries.changed_outside_orgnet` lists those whose population was changed by something
    other than orgnet (`graph_changed_outside_orgnet`, `detail`); `imports.unfinished` lists the batched
    imports not finished: `running` (its process renews its lease) or `interrupted` (stopped by an
    error, or its process died and its lease ran out: `reason`), each with `resume`, the command that
    completes it. Neither makes the service unready.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> Any | ProblemDetails | None:
    """Neo4j reachable and the schema applied

     Answers within `READY_TIMEOUT_S` (0.8 s) always: checks that take longer (a Neo4j that is frozen or
    overloaded) make it 503, and data requests then fail at once with 503 and `Retry-After` for
    `NEO4J_DOWN_RETRY_S`. A 503 is problem details (`application/problem+json`) with the same members.
    `summaries.not_fresh` lists the metrics whose stored coverage summaries are stale or from another
    policy: their rollups run the live queries (correct, slower at city scale) until `orgnet summaries
    refresh`. `summaries.changed_outside_orgnet` lists those whose population was changed by something
    other than orgnet (`graph_changed_outside_orgnet`, `detail`); `imports.unfinished` lists the batched
    imports not finished: `running` (its process renews its lease) or `interrupted` (stopped by an
    error, or its process died and its lease ran out: `reason`), each with `resume`, the command that
    completes it. Neither makes the service unready.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Any | ProblemDetails]:
    """Neo4j reachable and the schema applied

     Answers within `READY_TIMEOUT_S` (0.8 s) always: checks that take longer (a Neo4j that is frozen or
    overloaded) make it 503, and data requests then fail at once with 503 and `Retry-After` for
    `NEO4J_DOWN_RETRY_S`. A 503 is problem details (`application/problem+json`) with the same members.
    `summaries.not_fresh` lists the metrics whose stored coverage summaries are stale or from another
    policy: their rollups run the live queries (correct, slower at city scale) until `orgnet summaries
    refresh`. `summaries.changed_outside_orgnet` lists those whose population was changed by something
    other than orgnet (`graph_changed_outside_orgnet`, `detail`); `imports.unfinished` lists the batched
    imports not finished: `running` (its process renews its lease) or `interrupted` (stopped by an
    error, or its process died and its lease ran out: `reason`), each with `resume`, the command that
    completes it. Neither makes the service unready.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> Any | ProblemDetails | None:
    """Neo4j reachable and the schema applied

     Answers within `READY_TIMEOUT_S` (0.8 s) always: checks that take longer (a Neo4j that is frozen or
    overloaded) make it 503, and data requests then fail at once with 503 and `Retry-After` for
    `NEO4J_DOWN_RETRY_S`. A 503 is problem details (`application/problem+json`) with the same members.
    `summaries.not_fresh` lists the metrics whose stored coverage summaries are stale or from another
    policy: their rollups run the live queries (correct, slower at city scale) until `orgnet summaries
    refresh`. `summaries.changed_outside_orgnet` lists those whose population was changed by something
    other than orgnet (`graph_changed_outside_orgnet`, `detail`); `imports.unfinished` lists the batched
    imports not finished: `running` (its process renews its lease) or `interrupted` (stopped by an
    error, or its process died and its lease ran out: `reason`), each with `resume`, the command that
    completes it. Neither makes the service unready.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
