from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert import Alert
from ...models.list_alerts_v1_alerts_get_state import ListAlertsV1AlertsGetState
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    region: None | str | Unset = UNSET,
    state: ListAlertsV1AlertsGetState | Unset = ListAlertsV1AlertsGetState.ACTIVE,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_region: None | str | Unset
    if isinstance(region, Unset):
        json_region = UNSET
    else:
        json_region = region
    params["region"] = json_region

    json_state: str | Unset = UNSET
    if not isinstance(state, Unset):
        json_state = state.value

    params["state"] = json_state

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/alerts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ProblemDetails | list[Alert] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Alert.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Any | ProblemDetails | list[Alert]]:
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
    state: ListAlertsV1AlertsGetState | Unset = ListAlertsV1AlertsGetState.ACTIVE,
    limit: int | Unset = 50,
) -> Response[Any | ProblemDetails | list[Alert]]:
    """Alerts of the caller's scope, newest first (planner role): the dashboard's bell

    Args:
        region (None | str | Unset): Only this region and its subtree (in the caller's scope)
        state (ListAlertsV1AlertsGetState | Unset): `active`: open or acknowledged Default:
            ListAlertsV1AlertsGetState.ACTIVE.
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails | list[Alert]]
    """

    kwargs = _get_kwargs(
        region=region,
        state=state,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    state: ListAlertsV1AlertsGetState | Unset = ListAlertsV1AlertsGetState.ACTIVE,
    limit: int | Unset = 50,
) -> Any | ProblemDetails | list[Alert] | None:
    """Alerts of the caller's scope, newest first (planner role): the dashboard's bell

    Args:
        region (None | str | Unset): Only this region and its subtree (in the caller's scope)
        state (ListAlertsV1AlertsGetState | Unset): `active`: open or acknowledged Default:
            ListAlertsV1AlertsGetState.ACTIVE.
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails | list[Alert]
    """

    return sync_detailed(
        client=client,
        region=region,
        state=state,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    state: ListAlertsV1AlertsGetState | Unset = ListAlertsV1AlertsGetState.ACTIVE,
    limit: int | Unset = 50,
) -> Response[Any | ProblemDetails | list[Alert]]:
    """Alerts of the caller's scope, newest first (planner role): the dashboard's bell

    Args:
        region (None | str | Unset): Only this region and its subtree (in the caller's scope)
        state (ListAlertsV1AlertsGetState | Unset): `active`: open or acknowledged Default:
            ListAlertsV1AlertsGetState.ACTIVE.
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails | list[Alert]]
    """

    kwargs = _get_kwargs(
        region=region,
        state=state,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    state: ListAlertsV1AlertsGetState | Unset = ListAlertsV1AlertsGetState.ACTIVE,
    limit: int | Unset = 50,
) -> Any | ProblemDetails | list[Alert] | None:
    """Alerts of the caller's scope, newest first (planner role): the dashboard's bell

    Args:
        region (None | str | Unset): Only this region and its subtree (in the caller's scope)
        state (ListAlertsV1AlertsGetState | Unset): `active`: open or acknowledged Default:
            ListAlertsV1AlertsGetState.ACTIVE.
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails | list[Alert]
    """

    return (
        await asyncio_detailed(
            client=client,
            region=region,
            state=state,
            limit=limit,
        )
    ).parsed
