from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.read_query_v1_queries_namespace_name_get_name import ReadQueryV1QueriesNamespaceNameGetName
from ...models.read_query_v1_queries_namespace_name_get_namespace import ReadQueryV1QueriesNamespaceNameGetNamespace
from ...models.read_query_v1_queries_namespace_name_get_response_read_query_v1_queries_namespace_name_get import (
    ReadQueryV1QueriesNamespaceNameGetResponseReadQueryV1QueriesNamespaceNameGet,
)
from ...types import Response


def _get_kwargs(
    namespace: ReadQueryV1QueriesNamespaceNameGetNamespace,
    name: ReadQueryV1QueriesNamespaceNameGetName,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/queries/{namespace}/{name}".format(
            namespace=quote(str(namespace), safe=""),
            name=quote(str(name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | ReadQueryV1QueriesNamespaceNameGetResponseReadQueryV1QueriesNamespaceNameGet | None:
    if response.status_code == 200:
        response_200 = ReadQueryV1QueriesNamespaceNameGetResponseReadQueryV1QueriesNamespaceNameGet.from_dict(
            response.json()
        )

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ProblemDetails | ReadQueryV1QueriesNamespaceNameGetResponseReadQueryV1QueriesNamespaceNameGet]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    namespace: ReadQueryV1QueriesNamespaceNameGetNamespace,
    name: ReadQueryV1QueriesNamespaceNameGetName,
    *,
    client: AuthenticatedClient,
) -> Response[ProblemDetails | ReadQueryV1QueriesNamespaceNameGetResponseReadQueryV1QueriesNamespaceNameGet]:
    """One query with its text (pastes into Neo4j Browser)

    Args:
        namespace (ReadQueryV1QueriesNamespaceNameGetNamespace): Folder of the query
        name (ReadQueryV1QueriesNamespaceNameGetName): Query name

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadQueryV1QueriesNamespaceNameGetResponseReadQueryV1QueriesNamespaceNameGet]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        name=name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    namespace: ReadQueryV1QueriesNamespaceNameGetNamespace,
    name: ReadQueryV1QueriesNamespaceNameGetName,
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | ReadQueryV1QueriesNamespaceNameGetResponseReadQueryV1QueriesNamespaceNameGet | None:
    """One query with its text (pastes into Neo4j Browser)

    Args:
        namespace (ReadQueryV1QueriesNamespaceNameGetNamespace): Folder of the query
        name (ReadQueryV1QueriesNamespaceNameGetName): Query name

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadQueryV1QueriesNamespaceNameGetResponseReadQueryV1QueriesNamespaceNameGet
    """

    return sync_detailed(
        namespace=namespace,
        name=name,
        client=client,
    ).parsed


async def asyncio_detailed(
    namespace: ReadQueryV1QueriesNamespaceNameGetNamespace,
    name: ReadQueryV1QueriesNamespaceNameGetName,
    *,
    client: AuthenticatedClient,
) -> Response[ProblemDetails | ReadQueryV1QueriesNamespaceNameGetResponseReadQueryV1QueriesNamespaceNameGet]:
    """One query with its text (pastes into Neo4j Browser)

    Args:
        namespace (ReadQueryV1QueriesNamespaceNameGetNamespace): Folder of the query
        name (ReadQueryV1QueriesNamespaceNameGetName): Query name

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReadQueryV1QueriesNamespaceNameGetResponseReadQueryV1QueriesNamespaceNameGet]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        name=name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    namespace: ReadQueryV1QueriesNamespaceNameGetNamespace,
    name: ReadQueryV1QueriesNamespaceNameGetName,
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | ReadQueryV1QueriesNamespaceNameGetResponseReadQueryV1QueriesNamespaceNameGet | None:
    """One query with its text (pastes into Neo4j Browser)

    Args:
        namespace (ReadQueryV1QueriesNamespaceNameGetNamespace): Folder of the query
        name (ReadQueryV1QueriesNamespaceNameGetName): Query name

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReadQueryV1QueriesNamespaceNameGetResponseReadQueryV1QueriesNamespaceNameGet
    """

    return (
        await asyncio_detailed(
            namespace=namespace,
            name=name,
            client=client,
        )
    ).parsed
