from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    section: str,
    *,
    region: None | str | Unset = UNSET,
    filled: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_region: None | str | Unset
    if isinstance(region, Unset):
        json_region = UNSET
    else:
        json_region = region
    params["region"] = json_region

    params["filled"] = filled

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/templates/{section}.xlsx".format(
            section=quote(str(section), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ProblemDetails | None:
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
) -> Response[Any | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    section: str,
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    filled: bool | Unset = False,
) -> Response[Any | ProblemDetails]:
    """A spreadsheet template to fill and import

     Per section a sheet: Chinese headers on row 1, field names on row 2, ids as text, dates as dates,
    drop-down lists for kinds, levels and statuses; a lookup sheet of the region's villages and one of
    the items and people a row may refer to (names only for callers who may see personal data), and
    instructions with an example row per section. `filled=true` (planner) fills the sheets with the
    region's current records: edit them and import the file again.

    Args:
        section (str): `all` (one workbook with every sheet), a list of several sheets
            (`party_roster`: 党员花名册, the members and the households they link) or a section:
            `party_members`, `household_links`, `pairings`, `volunteer_teams`, `team_memberships`,
            `deployments`, `medical_workers`, `family_supports`, `allocations`, `frontline_records`,
            `recognitions`, `party_applications` (or its sheet's Chinese name)
        region (None | str | Unset): Region whose villages and people the lookup sheets list
            (default: your scope, else the city)
        filled (bool | Unset): Fill the sheets with the region's current records (an export to
            edit and import again; planner) Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        section=section,
        region=region,
        filled=filled,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    section: str,
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    filled: bool | Unset = False,
) -> Any | ProblemDetails | None:
    """A spreadsheet template to fill and import

     Per section a sheet: Chinese headers on row 1, field names on row 2, ids as text, dates as dates,
    drop-down lists for kinds, levels and statuses; a lookup sheet of the region's villages and one of
    the items and people a row may refer to (names only for callers who may see personal data), and
    instructions with an example row per section. `filled=true` (planner) fills the sheets with the
    region's current records: edit them and import the file again.

    Args:
        section (str): `all` (one workbook with every sheet), a list of several sheets
            (`party_roster`: 党员花名册, the members and the households they link) or a section:
            `party_members`, `household_links`, `pairings`, `volunteer_teams`, `team_memberships`,
            `deployments`, `medical_workers`, `family_supports`, `allocations`, `frontline_records`,
            `recognitions`, `party_applications` (or its sheet's Chinese name)
        region (None | str | Unset): Region whose villages and people the lookup sheets list
            (default: your scope, else the city)
        filled (bool | Unset): Fill the sheets with the region's current records (an export to
            edit and import again; planner) Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return sync_detailed(
        section=section,
        client=client,
        region=region,
        filled=filled,
    ).parsed


async def asyncio_detailed(
    section: str,
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    filled: bool | Unset = False,
) -> Response[Any | ProblemDetails]:
    """A spreadsheet template to fill and import

     Per section a sheet: Chinese headers on row 1, field names on row 2, ids as text, dates as dates,
    drop-down lists for kinds, levels and statuses; a lookup sheet of the region's villages and one of
    the items and people a row may refer to (names only for callers who may see personal data), and
    instructions with an example row per section. `filled=true` (planner) fills the sheets with the
    region's current records: edit them and import the file again.

    Args:
        section (str): `all` (one workbook with every sheet), a list of several sheets
            (`party_roster`: 党员花名册, the members and the households they link) or a section:
            `party_members`, `household_links`, `pairings`, `volunteer_teams`, `team_memberships`,
            `deployments`, `medical_workers`, `family_supports`, `allocations`, `frontline_records`,
            `recognitions`, `party_applications` (or its sheet's Chinese name)
        region (None | str | Unset): Region whose villages and people the lookup sheets list
            (default: your scope, else the city)
        filled (bool | Unset): Fill the sheets with the region's current records (an export to
            edit and import again; planner) Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        section=section,
        region=region,
        filled=filled,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    section: str,
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    filled: bool | Unset = False,
) -> Any | ProblemDetails | None:
    """A spreadsheet template to fill and import

     Per section a sheet: Chinese headers on row 1, field names on row 2, ids as text, dates as dates,
    drop-down lists for kinds, levels and statuses; a lookup sheet of the region's villages and one of
    the items and people a row may refer to (names only for callers who may see personal data), and
    instructions with an example row per section. `filled=true` (planner) fills the sheets with the
    region's current records: edit them and import the file again.

    Args:
        section (str): `all` (one workbook with every sheet), a list of several sheets
            (`party_roster`: 党员花名册, the members and the households they link) or a section:
            `party_members`, `household_links`, `pairings`, `volunteer_teams`, `team_memberships`,
            `deployments`, `medical_workers`, `family_supports`, `allocations`, `frontline_records`,
            `recognitions`, `party_applications` (or its sheet's Chinese name)
        region (None | str | Unset): Region whose villages and people the lookup sheets list
            (default: your scope, else the city)
        filled (bool | Unset): Fill the sheets with the region's current records (an export to
            edit and import again; planner) Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return (
        await asyncio_detailed(
            section=section,
            client=client,
            region=region,
            filled=filled,
        )
    ).parsed
