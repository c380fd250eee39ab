from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bundle import Bundle
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: Bundle,
    allow_new_root: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["allow_new_root"] = allow_new_root

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/import",
        "params": params,
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
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = ProblemDetails.from_dict(response.json())

        return response_413

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
    *,
    client: AuthenticatedClient,
    body: Bundle,
    allow_new_root: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Any | ProblemDetails]:
    """Import a bundle (planner role)

     The bundle format is documented in the manual (/manual/operators/import-bundles.html). The whole
    bundle is validated first; any problem refuses it whole with 422 and an `errors` list naming
    section, index, id, field and reason. A valid bundle is written in one transaction; then the stored
    coverage summaries of the metrics it can change are recomputed (`summaries` in the response:
    `status` `fresh`, or `stale` when recomputing failed or another write overtook it; the import is
    written either way, and rollups of stale metrics run the live queries). One change record is
    appended (path `import`); `Idempotency-Key` makes a repeat replay the first answer.

    Args:
        allow_new_root (bool | Unset): Accept a region without a parent besides the existing root
            Default: False.
        idempotency_key (None | str | Unset): Repeat a POST safely: the same key and body replay
            the first answer (visible ASCII, 1 to 200)
        body (Bundle): A whole import: sections in load order (referenced records come first).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        allow_new_root=allow_new_root,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: Bundle,
    allow_new_root: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> Any | ProblemDetails | None:
    """Import a bundle (planner role)

     The bundle format is documented in the manual (/manual/operators/import-bundles.html). The whole
    bundle is validated first; any problem refuses it whole with 422 and an `errors` list naming
    section, index, id, field and reason. A valid bundle is written in one transaction; then the stored
    coverage summaries of the metrics it can change are recomputed (`summaries` in the response:
    `status` `fresh`, or `stale` when recomputing failed or another write overtook it; the import is
    written either way, and rollups of stale metrics run the live queries). One change record is
    appended (path `import`); `Idempotency-Key` makes a repeat replay the first answer.

    Args:
        allow_new_root (bool | Unset): Accept a region without a parent besides the existing root
            Default: False.
        idempotency_key (None | str | Unset): Repeat a POST safely: the same key and body replay
            the first answer (visible ASCII, 1 to 200)
        body (Bundle): A whole import: sections in load order (referenced records come first).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
        allow_new_root=allow_new_root,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: Bundle,
    allow_new_root: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Any | ProblemDetails]:
    """Import a bundle (planner role)

     The bundle format is documented in the manual (/manual/operators/import-bundles.html). The whole
    bundle is validated first; any problem refuses it whole with 422 and an `errors` list naming
    section, index, id, field and reason. A valid bundle is written in one transaction; then the stored
    coverage summaries of the metrics it can change are recomputed (`summaries` in the response:
    `status` `fresh`, or `stale` when recomputing failed or another write overtook it; the import is
    written either way, and rollups of stale metrics run the live queries). One change record is
    appended (path `import`); `Idempotency-Key` makes a repeat replay the first answer.

    Args:
        allow_new_root (bool | Unset): Accept a region without a parent besides the existing root
            Default: False.
        idempotency_key (None | str | Unset): Repeat a POST safely: the same key and body replay
            the first answer (visible ASCII, 1 to 200)
        body (Bundle): A whole import: sections in load order (referenced records come first).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        allow_new_root=allow_new_root,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: Bundle,
    allow_new_root: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> Any | ProblemDetails | None:
    """Import a bundle (planner role)

     The bundle format is documented in the manual (/manual/operators/import-bundles.html). The whole
    bundle is validated first; any problem refuses it whole with 422 and an `errors` list naming
    section, index, id, field and reason. A valid bundle is written in one transaction; then the stored
    coverage summaries of the metrics it can change are recomputed (`summaries` in the response:
    `status` `fresh`, or `stale` when recomputing failed or another write overtook it; the import is
    written either way, and rollups of stale metrics run the live queries). One change record is
    appended (path `import`); `Idempotency-Key` makes a repeat replay the first answer.

    Args:
        allow_new_root (bool | Unset): Accept a region without a parent besides the existing root
            Default: False.
        idempotency_key (None | str | Unset): Repeat a POST safely: the same key and body replay
            the first answer (visible ASCII, 1 to 200)
        body (Bundle): A whole import: sections in load order (referenced records come first).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            allow_new_root=allow_new_root,
            idempotency_key=idempotency_key,
        )
    ).parsed
