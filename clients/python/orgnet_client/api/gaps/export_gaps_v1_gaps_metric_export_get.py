import datetime
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.export_gaps_v1_gaps_metric_export_get_format import ExportGapsV1GapsMetricExportGetFormat
from ...models.export_gaps_v1_gaps_metric_export_get_lang import ExportGapsV1GapsMetricExportGetLang
from ...models.export_gaps_v1_gaps_metric_export_get_metric import ExportGapsV1GapsMetricExportGetMetric
from ...models.export_gaps_v1_gaps_metric_export_get_reason_type_0 import ExportGapsV1GapsMetricExportGetReasonType0
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    metric: ExportGapsV1GapsMetricExportGetMetric,
    *,
    format_: ExportGapsV1GapsMetricExportGetFormat | Unset = ExportGapsV1GapsMetricExportGetFormat.CSV,
    lang: ExportGapsV1GapsMetricExportGetLang | Unset = ExportGapsV1GapsMetricExportGetLang.EN,
    reason: ExportGapsV1GapsMetricExportGetReasonType0 | None | Unset = UNSET,
    within: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    json_reason: None | str | Unset
    if isinstance(reason, Unset):
        json_reason = UNSET
    elif isinstance(reason, ExportGapsV1GapsMetricExportGetReasonType0):
        json_reason = reason.value
    else:
        json_reason = reason
    params["reason"] = json_reason

    json_within: None | str | Unset
    if isinstance(within, Unset):
        json_within = UNSET
    else:
        json_within = within
    params["within"] = json_within

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

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
        "url": "/v1/gaps/{metric}/export".format(
            metric=quote(str(metric), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = cast(Any, None)
        return response_409

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
    metric: ExportGapsV1GapsMetricExportGetMetric,
    *,
    client: AuthenticatedClient,
    format_: ExportGapsV1GapsMetricExportGetFormat | Unset = ExportGapsV1GapsMetricExportGetFormat.CSV,
    lang: ExportGapsV1GapsMetricExportGetLang | Unset = ExportGapsV1GapsMetricExportGetLang.EN,
    reason: ExportGapsV1GapsMetricExportGetReasonType0 | None | Unset = UNSET,
    within: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[Any | ProblemDetails]:
    """Export a gap list as CSV or Excel (.xlsx)

     Every uncovered item of the metric under the region that passes the filters `reason`, `within` and
    `q` (the same as `GET /v1/gaps/{metric}`), one row per item: metric, id, type, name (personal names
    only for planners), county, town, village, region path, region id, reason and details; rows in
    region order (region id, then item id). The whole list is read from one query and streamed (a city's
    1.5M households too; at most `EXPORT_MAX_ROWS` rows, within `EXPORT_BUDGET_S` seconds). `X-Orgnet-
    Total` is the number of items of the filtered list when the export starts, `X-Orgnet-Max-Rows` the
    most rows one export holds and `X-Orgnet-Truncated` whether the list is longer. A CSV holds exactly
    `X-Orgnet-Total` rows unless its last line starts with `#`: that line says how many it holds and why
    (cut at the maximum, stopped early by the time budget or the database, or the list changed
    meanwhile); the workbook's `about` sheet always says how many rows it holds and whether they are
    complete. `lang=zh` writes it in Chinese: headers, type (社区 or 村), reason, details, metric and the
    `about` sheet. CSV is UTF-8 with a byte-order mark so Excel shows Chinese; no cell can run as a
    formula, whatever separator a spreadsheet splits it on. An expensive request: at most
    `EXPENSIVE_SLOTS_PER_CALLER` per caller (429) and `EXPENSIVE_SLOTS` overall (503); a client that
    leaves stops the export.

    Args:
        metric (ExportGapsV1GapsMetricExportGetMetric): Metric name (see `GET /v1/metrics`)
        format_ (ExportGapsV1GapsMetricExportGetFormat | Unset): `csv` or `xlsx` Default:
            ExportGapsV1GapsMetricExportGetFormat.CSV.
        lang (ExportGapsV1GapsMetricExportGetLang | Unset): Language of the file: headers, type,
            reason, details, metric, about sheet Default: ExportGapsV1GapsMetricExportGetLang.EN.
        reason (ExportGapsV1GapsMetricExportGetReasonType0 | None | Unset): Only gaps with this
            reason code (as `GET /v1/gaps/{metric}`)
        within (None | str | Unset): Only gaps under this region, itself under `region`
        q (None | str | Unset): Only gaps whose id, name (where shown) or region path contains
            this text
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        metric=metric,
        format_=format_,
        lang=lang,
        reason=reason,
        within=within,
        q=q,
        region=region,
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    metric: ExportGapsV1GapsMetricExportGetMetric,
    *,
    client: AuthenticatedClient,
    format_: ExportGapsV1GapsMetricExportGetFormat | Unset = ExportGapsV1GapsMetricExportGetFormat.CSV,
    lang: ExportGapsV1GapsMetricExportGetLang | Unset = ExportGapsV1GapsMetricExportGetLang.EN,
    reason: ExportGapsV1GapsMetricExportGetReasonType0 | None | Unset = UNSET,
    within: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Any | ProblemDetails | None:
    """Export a gap list as CSV or Excel (.xlsx)

     Every uncovered item of the metric under the region that passes the filters `reason`, `within` and
    `q` (the same as `GET /v1/gaps/{metric}`), one row per item: metric, id, type, name (personal names
    only for planners), county, town, village, region path, region id, reason and details; rows in
    region order (region id, then item id). The whole list is read from one query and streamed (a city's
    1.5M households too; at most `EXPORT_MAX_ROWS` rows, within `EXPORT_BUDGET_S` seconds). `X-Orgnet-
    Total` is the number of items of the filtered list when the export starts, `X-Orgnet-Max-Rows` the
    most rows one export holds and `X-Orgnet-Truncated` whether the list is longer. A CSV holds exactly
    `X-Orgnet-Total` rows unless its last line starts with `#`: that line says how many it holds and why
    (cut at the maximum, stopped early by the time budget or the database, or the list changed
    meanwhile); the workbook's `about` sheet always says how many rows it holds and whether they are
    complete. `lang=zh` writes it in Chinese: headers, type (社区 or 村), reason, details, metric and the
    `about` sheet. CSV is UTF-8 with a byte-order mark so Excel shows Chinese; no cell can run as a
    formula, whatever separator a spreadsheet splits it on. An expensive request: at most
    `EXPENSIVE_SLOTS_PER_CALLER` per caller (429) and `EXPENSIVE_SLOTS` overall (503); a client that
    leaves stops the export.

    Args:
        metric (ExportGapsV1GapsMetricExportGetMetric): Metric name (see `GET /v1/metrics`)
        format_ (ExportGapsV1GapsMetricExportGetFormat | Unset): `csv` or `xlsx` Default:
            ExportGapsV1GapsMetricExportGetFormat.CSV.
        lang (ExportGapsV1GapsMetricExportGetLang | Unset): Language of the file: headers, type,
            reason, details, metric, about sheet Default: ExportGapsV1GapsMetricExportGetLang.EN.
        reason (ExportGapsV1GapsMetricExportGetReasonType0 | None | Unset): Only gaps with this
            reason code (as `GET /v1/gaps/{metric}`)
        within (None | str | Unset): Only gaps under this region, itself under `region`
        q (None | str | Unset): Only gaps whose id, name (where shown) or region path contains
            this text
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return sync_detailed(
        metric=metric,
        client=client,
        format_=format_,
        lang=lang,
        reason=reason,
        within=within,
        q=q,
        region=region,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    metric: ExportGapsV1GapsMetricExportGetMetric,
    *,
    client: AuthenticatedClient,
    format_: ExportGapsV1GapsMetricExportGetFormat | Unset = ExportGapsV1GapsMetricExportGetFormat.CSV,
    lang: ExportGapsV1GapsMetricExportGetLang | Unset = ExportGapsV1GapsMetricExportGetLang.EN,
    reason: ExportGapsV1GapsMetricExportGetReasonType0 | None | Unset = UNSET,
    within: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[Any | ProblemDetails]:
    """Export a gap list as CSV or Excel (.xlsx)

     Every uncovered item of the metric under the region that passes the filters `reason`, `within` and
    `q` (the same as `GET /v1/gaps/{metric}`), one row per item: metric, id, type, name (personal names
    only for planners), county, town, village, region path, region id, reason and details; rows in
    region order (region id, then item id). The whole list is read from one query and streamed (a city's
    1.5M households too; at most `EXPORT_MAX_ROWS` rows, within `EXPORT_BUDGET_S` seconds). `X-Orgnet-
    Total` is the number of items of the filtered list when the export starts, `X-Orgnet-Max-Rows` the
    most rows one export holds and `X-Orgnet-Truncated` whether the list is longer. A CSV holds exactly
    `X-Orgnet-Total` rows unless its last line starts with `#`: that line says how many it holds and why
    (cut at the maximum, stopped early by the time budget or the database, or the list changed
    meanwhile); the workbook's `about` sheet always says how many rows it holds and whether they are
    complete. `lang=zh` writes it in Chinese: headers, type (社区 or 村), reason, details, metric and the
    `about` sheet. CSV is UTF-8 with a byte-order mark so Excel shows Chinese; no cell can run as a
    formula, whatever separator a spreadsheet splits it on. An expensive request: at most
    `EXPENSIVE_SLOTS_PER_CALLER` per caller (429) and `EXPENSIVE_SLOTS` overall (503); a client that
    leaves stops the export.

    Args:
        metric (ExportGapsV1GapsMetricExportGetMetric): Metric name (see `GET /v1/metrics`)
        format_ (ExportGapsV1GapsMetricExportGetFormat | Unset): `csv` or `xlsx` Default:
            ExportGapsV1GapsMetricExportGetFormat.CSV.
        lang (ExportGapsV1GapsMetricExportGetLang | Unset): Language of the file: headers, type,
            reason, details, metric, about sheet Default: ExportGapsV1GapsMetricExportGetLang.EN.
        reason (ExportGapsV1GapsMetricExportGetReasonType0 | None | Unset): Only gaps with this
            reason code (as `GET /v1/gaps/{metric}`)
        within (None | str | Unset): Only gaps under this region, itself under `region`
        q (None | str | Unset): Only gaps whose id, name (where shown) or region path contains
            this text
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        metric=metric,
        format_=format_,
        lang=lang,
        reason=reason,
        within=within,
        q=q,
        region=region,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    metric: ExportGapsV1GapsMetricExportGetMetric,
    *,
    client: AuthenticatedClient,
    format_: ExportGapsV1GapsMetricExportGetFormat | Unset = ExportGapsV1GapsMetricExportGetFormat.CSV,
    lang: ExportGapsV1GapsMetricExportGetLang | Unset = ExportGapsV1GapsMetricExportGetLang.EN,
    reason: ExportGapsV1GapsMetricExportGetReasonType0 | None | Unset = UNSET,
    within: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Any | ProblemDetails | None:
    """Export a gap list as CSV or Excel (.xlsx)

     Every uncovered item of the metric under the region that passes the filters `reason`, `within` and
    `q` (the same as `GET /v1/gaps/{metric}`), one row per item: metric, id, type, name (personal names
    only for planners), county, town, village, region path, region id, reason and details; rows in
    region order (region id, then item id). The whole list is read from one query and streamed (a city's
    1.5M households too; at most `EXPORT_MAX_ROWS` rows, within `EXPORT_BUDGET_S` seconds). `X-Orgnet-
    Total` is the number of items of the filtered list when the export starts, `X-Orgnet-Max-Rows` the
    most rows one export holds and `X-Orgnet-Truncated` whether the list is longer. A CSV holds exactly
    `X-Orgnet-Total` rows unless its last line starts with `#`: that line says how many it holds and why
    (cut at the maximum, stopped early by the time budget or the database, or the list changed
    meanwhile); the workbook's `about` sheet always says how many rows it holds and whether they are
    complete. `lang=zh` writes it in Chinese: headers, type (社区 or 村), reason, details, metric and the
    `about` sheet. CSV is UTF-8 with a byte-order mark so Excel shows Chinese; no cell can run as a
    formula, whatever separator a spreadsheet splits it on. An expensive request: at most
    `EXPENSIVE_SLOTS_PER_CALLER` per caller (429) and `EXPENSIVE_SLOTS` overall (503); a client that
    leaves stops the export.

    Args:
        metric (ExportGapsV1GapsMetricExportGetMetric): Metric name (see `GET /v1/metrics`)
        format_ (ExportGapsV1GapsMetricExportGetFormat | Unset): `csv` or `xlsx` Default:
            ExportGapsV1GapsMetricExportGetFormat.CSV.
        lang (ExportGapsV1GapsMetricExportGetLang | Unset): Language of the file: headers, type,
            reason, details, metric, about sheet Default: ExportGapsV1GapsMetricExportGetLang.EN.
        reason (ExportGapsV1GapsMetricExportGetReasonType0 | None | Unset): Only gaps with this
            reason code (as `GET /v1/gaps/{metric}`)
        within (None | str | Unset): Only gaps under this region, itself under `region`
        q (None | str | Unset): Only gaps whose id, name (where shown) or region path contains
            this text
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return (
        await asyncio_detailed(
            metric=metric,
            client=client,
            format_=format_,
            lang=lang,
            reason=reason,
            within=within,
            q=q,
            region=region,
            as_of=as_of,
        )
    ).parsed
