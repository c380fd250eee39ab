from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.run_library_query_v1_queries_namespace_name_post_body import (
    RunLibraryQueryV1QueriesNamespaceNamePostBody,
)
from ...models.run_library_query_v1_queries_namespace_name_post_name import (
    RunLibraryQueryV1QueriesNamespaceNamePostName,
)
from ...models.run_library_query_v1_queries_namespace_name_post_namespace import (
    RunLibraryQueryV1QueriesNamespaceNamePostNamespace,
)
from ...models.run_library_query_v1_queries_namespace_name_post_response_run_library_query_v1_queries_namespace_name_post import (
    RunLibraryQueryV1QueriesNamespaceNamePostResponseRunLibraryQueryV1QueriesNamespaceNamePost,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    namespace: RunLibraryQueryV1QueriesNamespaceNamePostNamespace,
    name: RunLibraryQueryV1QueriesNamespaceNamePostName,
    *,
    body: RunLibraryQueryV1QueriesNamespaceNamePostBody | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/queries/{namespace}/{name}".format(
            namespace=quote(str(namespace), safe=""),
            name=quote(str(name), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | RunLibraryQueryV1QueriesNamespaceNamePostResponseRunLibraryQueryV1QueriesNamespaceNamePost | None:
    if response.status_code == 200:
        response_200 = (
            RunLibraryQueryV1QueriesNamespaceNamePostResponseRunLibraryQueryV1QueriesNamespaceNamePost.from_dict(
                response.json()
            )
        )

        return response_200

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(response.json())

        return response_400

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
) -> Response[
    ProblemDetails | RunLibraryQueryV1QueriesNamespaceNamePostResponseRunLibraryQueryV1QueriesNamespaceNamePost
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    namespace: RunLibraryQueryV1QueriesNamespaceNamePostNamespace,
    name: RunLibraryQueryV1QueriesNamespaceNamePostName,
    *,
    client: AuthenticatedClient,
    body: RunLibraryQueryV1QueriesNamespaceNamePostBody | Unset = UNSET,
) -> Response[
    ProblemDetails | RunLibraryQueryV1QueriesNamespaceNamePostResponseRunLibraryQueryV1QueriesNamespaceNamePost
]:
    """Run a library query (READ transaction with a timeout)

     Parameters are checked against the query's header (names, types and bounds); at most
    `PAGE_SIZE_MAX` rows are returned (`truncated` says when there were more).  Nodes come back as
    `{element_id, labels, properties}`, relationships as `{element_id, type, start, end, properties}`,
    paths as `{nodes, relationships}`.  For callers who may not see personal data (no token, or a
    viewer's) nodes and relationships keep only the properties the privacy table lists as public,
    wherever they are nested, and the columns the query's header declares `personal` are null.

    Args:
        namespace (RunLibraryQueryV1QueriesNamespaceNamePostNamespace): Folder of the query
        name (RunLibraryQueryV1QueriesNamespaceNamePostName): Query name
        body (RunLibraryQueryV1QueriesNamespaceNamePostBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RunLibraryQueryV1QueriesNamespaceNamePostResponseRunLibraryQueryV1QueriesNamespaceNamePost]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        name=name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    namespace: RunLibraryQueryV1QueriesNamespaceNamePostNamespace,
    name: RunLibraryQueryV1QueriesNamespaceNamePostName,
    *,
    client: AuthenticatedClient,
    body: RunLibraryQueryV1QueriesNamespaceNamePostBody | Unset = UNSET,
) -> ProblemDetails | RunLibraryQueryV1QueriesNamespaceNamePostResponseRunLibraryQueryV1QueriesNamespaceNamePost | None:
    """Run a library query (READ transaction with a timeout)

     Parameters are checked against the query's header (names, types and bounds); at most
    `PAGE_SIZE_MAX` rows are returned (`truncated` says when there were more).  Nodes come back as
    `{element_id, labels, properties}`, relationships as `{element_id, type, start, end, properties}`,
    paths as `{nodes, relationships}`.  For callers who may not see personal data (no token, or a
    viewer's) nodes and relationships keep only the properties the privacy table lists as public,
    wherever they are nested, and the columns the query's header declares `personal` are null.

    Args:
        namespace (RunLibraryQueryV1QueriesNamespaceNamePostNamespace): Folder of the query
        name (RunLibraryQueryV1QueriesNamespaceNamePostName): Query name
        body (RunLibraryQueryV1QueriesNamespaceNamePostBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RunLibraryQueryV1QueriesNamespaceNamePostResponseRunLibraryQueryV1QueriesNamespaceNamePost
    """

    return sync_detailed(
        namespace=namespace,
        name=name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    namespace: RunLibraryQueryV1QueriesNamespaceNamePostNamespace,
    name: RunLibraryQueryV1QueriesNamespaceNamePostName,
    *,
    client: AuthenticatedClient,
    body: RunLibraryQueryV1QueriesNamespaceNamePostBody | Unset = UNSET,
) -> Response[
    ProblemDetails | RunLibraryQueryV1QueriesNamespaceNamePostResponseRunLibraryQueryV1QueriesNamespaceNamePost
]:
    """Run a library query (READ transaction with a timeout)

     Parameters are checked against the query's header (names, types and bounds); at most
    `PAGE_SIZE_MAX` rows are returned (`truncated` says when there were more).  Nodes come back as
    `{element_id, labels, properties}`, relationships as `{element_id, type, start, end, properties}`,
    paths as `{nodes, relationships}`.  For callers who may not see personal data (no token, or a
    viewer's) nodes and relationships keep only the properties the privacy table lists as public,
    wherever they are nested, and the columns the query's header declares `personal` are null.

    Args:
        namespace (RunLibraryQueryV1QueriesNamespaceNamePostNamespace): Folder of the query
        name (RunLibraryQueryV1QueriesNamespaceNamePostName): Query name
        body (RunLibraryQueryV1QueriesNamespaceNamePostBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RunLibraryQueryV1QueriesNamespaceNamePostResponseRunLibraryQueryV1QueriesNamespaceNamePost]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        name=name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    namespace: RunLibraryQueryV1QueriesNamespaceNamePostNamespace,
    name: RunLibraryQueryV1QueriesNamespaceNamePostName,
    *,
    client: AuthenticatedClient,
    body: RunLibraryQueryV1QueriesNamespaceNamePostBody | Unset = UNSET,
) -> ProblemDetails | RunLibraryQueryV1QueriesNamespaceNamePostResponseRunLibraryQueryV1QueriesNamespaceNamePost | None:
    """Run a library query (READ transaction with a timeout)

     Parameters are checked against the query's header (names, types and bounds); at most
    `PAGE_SIZE_MAX` rows are returned (`truncated` says when there were more).  Nodes come back as
    `{element_id, labels, properties}`, relationships as `{element_id, type, start, end, properties}`,
    paths as `{nodes, relationships}`.  For callers who may not see personal data (no token, or a
    viewer's) nodes and relationships keep only the properties the privacy table lists as public,
    wherever they are nested, and the columns the query's header declares `personal` are null.

    Args:
        namespace (RunLibraryQueryV1QueriesNamespaceNamePostNamespace): Folder of the query
        name (RunLibraryQueryV1QueriesNamespaceNamePostName): Query name
        body (RunLibraryQueryV1QueriesNamespaceNamePostBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RunLibraryQueryV1QueriesNamespaceNamePostResponseRunLibraryQueryV1QueriesNamespaceNamePost
    """

    return (
        await asyncio_detailed(
            namespace=namespace,
            name=name,
            client=client,
            body=body,
        )
    ).parsed
