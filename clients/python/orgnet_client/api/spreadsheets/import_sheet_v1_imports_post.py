from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.import_sheet_v1_imports_post_body import ImportSheetV1ImportsPostBody
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ImportSheetV1ImportsPostBody,
    commit: bool | Unset = False,
    errors: bool | Unset = False,
    dry_run_id: None | str | Unset = UNSET,
    filename: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["commit"] = commit

    params["errors"] = errors

    json_dry_run_id: None | str | Unset
    if isinstance(dry_run_id, Unset):
        json_dry_run_id = UNSET
    else:
        json_dry_run_id = dry_run_id
    params["dry_run_id"] = json_dry_run_id

    json_filename: None | str | Unset
    if isinstance(filename, Unset):
        json_filename = UNSET
    else:
        json_filename = filename
    params["filename"] = json_filename

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/imports",
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

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
        response_403 = cast(Any, None)
        return response_403

    if response.status_code == 409:
        response_409 = cast(Any, None)
        return response_409

    if response.status_code == 413:
        response_413 = cast(Any, None)
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
    body: ImportSheetV1ImportsPostBody,
    commit: bool | Unset = False,
    errors: bool | Unset = False,
    dry_run_id: None | str | Unset = UNSET,
    filename: None | str | Unset = UNSET,
) -> Response[Any | ProblemDetails]:
    """Import a spreadsheet (.xlsx or .csv): a dry run, or its commit (planner role, inside your scope)

     The file as `multipart/form-data` (part `file`) or as the body with `?filename=`. By default a **dry
    run**: nothing is written; the answer says per section how many rows would be added, changed, left
    unchanged and refused, and every refused row with its cell (`党员!C12`), value and reason
    (`reason_zh`, `reason`). `errors=true` answers the refused rows as the workbook with an error column
    and the bad cells highlighted. `commit=true` writes the added and changed rows in one transaction
    with one change record (file, sha256, counts), refreshes the summaries, and leaves refused and
    unchanged rows out; with `dry_run_id` (the dry run's) it is refused (409) when the file is not the
    one previewed. A file over the limits (SHEET_MAX_ROWS, SHEET_MAX_UNZIPPED_BYTES,
    SHEET_MAX_ZIP_ENTRIES), an `.xlsm` or an `.xls` is refused whole (422), nothing written.

    Args:
        commit (bool | Unset): Write the added and changed rows (otherwise a dry run) Default:
            False.
        errors (bool | Unset): Answer the refused rows as an .xlsx with an error column Default:
            False.
        dry_run_id (None | str | Unset): The dry run's id: the commit is refused unless the file
            is the same
        filename (None | str | Unset): The file's name, when the body is the file itself
        body (ImportSheetV1ImportsPostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        commit=commit,
        errors=errors,
        dry_run_id=dry_run_id,
        filename=filename,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ImportSheetV1ImportsPostBody,
    commit: bool | Unset = False,
    errors: bool | Unset = False,
    dry_run_id: None | str | Unset = UNSET,
    filename: None | str | Unset = UNSET,
) -> Any | ProblemDetails | None:
    """Import a spreadsheet (.xlsx or .csv): a dry run, or its commit (planner role, inside your scope)

     The file as `multipart/form-data` (part `file`) or as the body with `?filename=`. By default a **dry
    run**: nothing is written; the answer says per section how many rows would be added, changed, left
    unchanged and refused, and every refused row with its cell (`党员!C12`), value and reason
    (`reason_zh`, `reason`). `errors=true` answers the refused rows as the workbook with an error column
    and the bad cells highlighted. `commit=true` writes the added and changed rows in one transaction
    with one change record (file, sha256, counts), refreshes the summaries, and leaves refused and
    unchanged rows out; with `dry_run_id` (the dry run's) it is refused (409) when the file is not the
    one previewed. A file over the limits (SHEET_MAX_ROWS, SHEET_MAX_UNZIPPED_BYTES,
    SHEET_MAX_ZIP_ENTRIES), an `.xlsm` or an `.xls` is refused whole (422), nothing written.

    Args:
        commit (bool | Unset): Write the added and changed rows (otherwise a dry run) Default:
            False.
        errors (bool | Unset): Answer the refused rows as an .xlsx with an error column Default:
            False.
        dry_run_id (None | str | Unset): The dry run's id: the commit is refused unless the file
            is the same
        filename (None | str | Unset): The file's name, when the body is the file itself
        body (ImportSheetV1ImportsPostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
        commit=commit,
        errors=errors,
        dry_run_id=dry_run_id,
        filename=filename,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ImportSheetV1ImportsPostBody,
    commit: bool | Unset = False,
    errors: bool | Unset = False,
    dry_run_id: None | str | Unset = UNSET,
    filename: None | str | Unset = UNSET,
) -> Response[Any | ProblemDetails]:
    """Import a spreadsheet (.xlsx or .csv): a dry run, or its commit (planner role, inside your scope)

     The file as `multipart/form-data` (part `file`) or as the body with `?filename=`. By default a **dry
    run**: nothing is written; the answer says per section how many rows would be added, changed, left
    unchanged and refused, and every refused row with its cell (`党员!C12`), value and reason
    (`reason_zh`, `reason`). `errors=true` answers the refused rows as the workbook with an error column
    and the bad cells highlighted. `commit=true` writes the added and changed rows in one transaction
    with one change record (file, sha256, counts), refreshes the summaries, and leaves refused and
    unchanged rows out; with `dry_run_id` (the dry run's) it is refused (409) when the file is not the
    one previewed. A file over the limits (SHEET_MAX_ROWS, SHEET_MAX_UNZIPPED_BYTES,
    SHEET_MAX_ZIP_ENTRIES), an `.xlsm` or an `.xls` is refused whole (422), nothing written.

    Args:
        commit (bool | Unset): Write the added and changed rows (otherwise a dry run) Default:
            False.
        errors (bool | Unset): Answer the refused rows as an .xlsx with an error column Default:
            False.
        dry_run_id (None | str | Unset): The dry run's id: the commit is refused unless the file
            is the same
        filename (None | str | Unset): The file's name, when the body is the file itself
        body (ImportSheetV1ImportsPostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        commit=commit,
        errors=errors,
        dry_run_id=dry_run_id,
        filename=filename,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ImportSheetV1ImportsPostBody,
    commit: bool | Unset = False,
    errors: bool | Unset = False,
    dry_run_id: None | str | Unset = UNSET,
    filename: None | str | Unset = UNSET,
) -> Any | ProblemDetails | None:
    """Import a spreadsheet (.xlsx or .csv): a dry run, or its commit (planner role, inside your scope)

     The file as `multipart/form-data` (part `file`) or as the body with `?filename=`. By default a **dry
    run**: nothing is written; the answer says per section how many rows would be added, changed, left
    unchanged and refused, and every refused row with its cell (`党员!C12`), value and reason
    (`reason_zh`, `reason`). `errors=true` answers the refused rows as the workbook with an error column
    and the bad cells highlighted. `commit=true` writes the added and changed rows in one transaction
    with one change record (file, sha256, counts), refreshes the summaries, and leaves refused and
    unchanged rows out; with `dry_run_id` (the dry run's) it is refused (409) when the file is not the
    one previewed. A file over the limits (SHEET_MAX_ROWS, SHEET_MAX_UNZIPPED_BYTES,
    SHEET_MAX_ZIP_ENTRIES), an `.xlsm` or an `.xls` is refused whole (422), nothing written.

    Args:
        commit (bool | Unset): Write the added and changed rows (otherwise a dry run) Default:
            False.
        errors (bool | Unset): Answer the refused rows as an .xlsx with an error column Default:
            False.
        dry_run_id (None | str | Unset): The dry run's id: the commit is refused unless the file
            is the same
        filename (None | str | Unset): The file's name, when the body is the file itself
        body (ImportSheetV1ImportsPostBody):

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
            commit=commit,
            errors=errors,
            dry_run_id=dry_run_id,
            filename=filename,
        )
    ).parsed
