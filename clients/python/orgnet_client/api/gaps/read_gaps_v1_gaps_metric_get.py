import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.gaps import Gaps
from ...models.problem_details import ProblemDetails
from ...models.read_gaps_v1_gaps_metric_get_lang import ReadGapsV1GapsMetricGetLang
from ...models.read_gaps_v1_gaps_metric_get_metric import ReadGapsV1GapsMetricGetMetric
from ...models.read_gaps_v1_gaps_metric_get_reason_type_0 import ReadGapsV1GapsMetricGetReasonType0
from ...types import UNSET, Response, Unset


def _get_kwargs(
    metric: ReadGapsV1GapsMetricGetMetric,
    *,
    reason: None | ReadGapsV1GapsMetricGetReasonType0 | Unset = UNSET,
    within: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    facets: bool | Unset = False,
    lang: ReadGapsV1GapsMetricGetLang | Unset = ReadGapsV1GapsMetricGetLang.EN,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_reason: None | str | Unset
    if isinstance(reason, Unset):
        json_reason = UNSET
    elif isinstance(reason, ReadGapsV1GapsMetricGetReasonType0):
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

    params["facets"] = facets

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

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

    json_limit: int | None | Unset
    if isinstance(limit, Unset):
        json_limit = UNSET
    else:
        json_limit = limit
    params["limit"] = json_limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/gaps/{metric}".format(
            metric=quote(str(metric), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Gaps | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = Gaps.from_dict(response.json())

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
) -> Response[Gaps | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    metric: ReadGapsV1GapsMetricGetMetric,
    *,
    client: AuthenticatedClient,
    reason: None | ReadGapsV1GapsMetricGetReasonType0 | Unset = UNSET,
    within: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    facets: bool | Unset = False,
    lang: ReadGapsV1GapsMetricGetLang | Unset = ReadGapsV1GapsMetricGetLang.EN,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
) -> Response[Gaps | ProblemDetails]:
    """Uncovered items under a region, with region path and reason

     One page of the uncovered items under the region, in id order.

    `reason`, `within` and `q` narrow the list on the server: `total` counts the filtered list,
    and `facets` counts it by reason code and by child region of `region`, each narrowed by the
    other filters (the regions' counts are of the chosen reason, the reasons' of the chosen region:
    so a client can offer every choice with the count it would show).  `facets` is counted on the first
    page and
    carried by the cursor of a filtered list; the later pages of an unfiltered list, paged with
    the cheap id walk, repeat no count (`facets` is null there).

    Cursors are signed (HMAC-SHA256 with `CURSOR_SECRET`): an altered or forged one is refused
    with 422 naming the `cursor` field, so the `total` a cursor carries can be trusted.  Paging is
    keyset (`after` the last id), so a deep page costs what the first does.

    Names of party members, households, medical workers and cadres are shown to planners and
    admins only.

    Args:
        metric (ReadGapsV1GapsMetricGetMetric): Metric name (see `GET /v1/metrics`)
        reason (None | ReadGapsV1GapsMetricGetReasonType0 | Unset): Only gaps with this reason
            code (the keys of `facets.reasons`, e.g. `never_linked`; one of another metric matches
            nothing)
        within (None | str | Unset): Only gaps under this region, itself under `region`
        q (None | str | Unset): Only gaps whose id, name (where shown) or region path contains
            this text (case-insensitive), e.g. `刘庄`
        facets (bool | Unset): Also count the list by reason and by child region (`facets`, each
            narrowed by the other filters): one pass over the whole list, costly at city level
            Default: False.
        lang (ReadGapsV1GapsMetricGetLang | Unset): Language of each gap's `reason` (as the
            export's `lang`) Default: ReadGapsV1GapsMetricGetLang.EN.
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)
        limit (int | None | Unset): Page size (default: the `PAGE_SIZE_DEFAULT` setting; at most
            `PAGE_SIZE_MAX`)
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Gaps | ProblemDetails]
    """

    kwargs = _get_kwargs(
        metric=metric,
        reason=reason,
        within=within,
        q=q,
        facets=facets,
        lang=lang,
        region=region,
        as_of=as_of,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    metric: ReadGapsV1GapsMetricGetMetric,
    *,
    client: AuthenticatedClient,
    reason: None | ReadGapsV1GapsMetricGetReasonType0 | Unset = UNSET,
    within: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    facets: bool | Unset = False,
    lang: ReadGapsV1GapsMetricGetLang | Unset = ReadGapsV1GapsMetricGetLang.EN,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
) -> Gaps | ProblemDetails | None:
    """Uncovered items under a region, with region path and reason

     One page of the uncovered items under the region, in id order.

    `reason`, `within` and `q` narrow the list on the server: `total` counts the filtered list,
    and `facets` counts it by reason code and by child region of `region`, each narrowed by the
    other filters (the regions' counts are of the chosen reason, the reasons' of the chosen region:
    so a client can offer every choice with the count it would show).  `facets` is counted on the first
    page and
    carried by the cursor of a filtered list; the later pages of an unfiltered list, paged with
    the cheap id walk, repeat no count (`facets` is null there).

    Cursors are signed (HMAC-SHA256 with `CURSOR_SECRET`): an altered or forged one is refused
    with 422 naming the `cursor` field, so the `total` a cursor carries can be trusted.  Paging is
    keyset (`after` the last id), so a deep page costs what the first does.

    Names of party members, households, medical workers and cadres are shown to planners and
    admins only.

    Args:
        metric (ReadGapsV1GapsMetricGetMetric): Metric name (see `GET /v1/metrics`)
        reason (None | ReadGapsV1GapsMetricGetReasonType0 | Unset): Only gaps with this reason
            code (the keys of `facets.reasons`, e.g. `never_linked`; one of another metric matches
            nothing)
        within (None | str | Unset): Only gaps under this region, itself under `region`
        q (None | str | Unset): Only gaps whose id, name (where shown) or region path contains
            this text (case-insensitive), e.g. `刘庄`
        facets (bool | Unset): Also count the list by reason and by child region (`facets`, each
            narrowed by the other filters): one pass over the whole list, costly at city level
            Default: False.
        lang (ReadGapsV1GapsMetricGetLang | Unset): Language of each gap's `reason` (as the
            export's `lang`) Default: ReadGapsV1GapsMetricGetLang.EN.
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)
        limit (int | None | Unset): Page size (default: the `PAGE_SIZE_DEFAULT` setting; at most
            `PAGE_SIZE_MAX`)
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Gaps | ProblemDetails
    """

    return sync_detailed(
        metric=metric,
        client=client,
        reason=reason,
        within=within,
        q=q,
        facets=facets,
        lang=lang,
        region=region,
        as_of=as_of,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    metric: ReadGapsV1GapsMetricGetMetric,
    *,
    client: AuthenticatedClient,
    reason: None | ReadGapsV1GapsMetricGetReasonType0 | Unset = UNSET,
    within: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    facets: bool | Unset = False,
    lang: ReadGapsV1GapsMetricGetLang | Unset = ReadGapsV1GapsMetricGetLang.EN,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
) -> Response[Gaps | ProblemDetails]:
    """Uncovered items under a region, with region path and reason

     One page of the uncovered items under the region, in id order.

    `reason`, `within` and `q` narrow the list on the server: `total` counts the filtered list,
    and `facets` counts it by reason code and by child region of `region`, each narrowed by the
    other filters (the regions' counts are of the chosen reason, the reasons' of the chosen region:
    so a client can offer every choice with the count it would show).  `facets` is counted on the first
    page and
    carried by the cursor of a filtered list; the later pages of an unfiltered list, paged with
    the cheap id walk, repeat no count (`facets` is null there).

    Cursors are signed (HMAC-SHA256 with `CURSOR_SECRET`): an altered or forged one is refused
    with 422 naming the `cursor` field, so the `total` a cursor carries can be trusted.  Paging is
    keyset (`after` the last id), so a deep page costs what the first does.

    Names of party members, households, medical workers and cadres are shown to planners and
    admins only.

    Args:
        metric (ReadGapsV1GapsMetricGetMetric): Metric name (see `GET /v1/metrics`)
        reason (None | ReadGapsV1GapsMetricGetReasonType0 | Unset): Only gaps with this reason
            code (the keys of `facets.reasons`, e.g. `never_linked`; one of another metric matches
            nothing)
        within (None | str | Unset): Only gaps under this region, itself under `region`
        q (None | str | Unset): Only gaps whose id, name (where shown) or region path contains
            this text (case-insensitive), e.g. `刘庄`
        facets (bool | Unset): Also count the list by reason and by child region (`facets`, each
            narrowed by the other filters): one pass over the whole list, costly at city level
            Default: False.
        lang (ReadGapsV1GapsMetricGetLang | Unset): Language of each gap's `reason` (as the
            export's `lang`) Default: ReadGapsV1GapsMetricGetLang.EN.
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)
        limit (int | None | Unset): Page size (default: the `PAGE_SIZE_DEFAULT` setting; at most
            `PAGE_SIZE_MAX`)
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Gaps | ProblemDetails]
    """

    kwargs = _get_kwargs(
        metric=metric,
        reason=reason,
        within=within,
        q=q,
        facets=facets,
        lang=lang,
        region=region,
        as_of=as_of,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    metric: ReadGapsV1GapsMetricGetMetric,
    *,
    client: AuthenticatedClient,
    reason: None | ReadGapsV1GapsMetricGetReasonType0 | Unset = UNSET,
    within: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    facets: bool | Unset = False,
    lang: ReadGapsV1GapsMetricGetLang | Unset = ReadGapsV1GapsMetricGetLang.EN,
    region: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
) -> Gaps | ProblemDetails | None:
    """Uncovered items under a region, with region path and reason

     One page of the uncovered items under the region, in id order.

    `reason`, `within` and `q` narrow the list on the server: `total` counts the filtered list,
    and `facets` counts it by reason code and by child region of `region`, each narrowed by the
    other filters (the regions' counts are of the chosen reason, the reasons' of the chosen region:
    so a client can offer every choice with the count it would show).  `facets` is counted on the first
    page and
    carried by the cursor of a filtered list; the later pages of an unfiltered list, paged with
    the cheap id walk, repeat no count (`facets` is null there).

    Cursors are signed (HMAC-SHA256 with `CURSOR_SECRET`): an altered or forged one is refused
    with 422 naming the `cursor` field, so the `total` a cursor carries can be trusted.  Paging is
    keyset (`after` the last id), so a deep page costs what the first does.

    Names of party members, households, medical workers and cadres are shown to planners and
    admins only.

    Args:
        metric (ReadGapsV1GapsMetricGetMetric): Metric name (see `GET /v1/metrics`)
        reason (None | ReadGapsV1GapsMetricGetReasonType0 | Unset): Only gaps with this reason
            code (the keys of `facets.reasons`, e.g. `never_linked`; one of another metric matches
            nothing)
        within (None | str | Unset): Only gaps under this region, itself under `region`
        q (None | str | Unset): Only gaps whose id, name (where shown) or region path contains
            this text (case-insensitive), e.g. `刘庄`
        facets (bool | Unset): Also count the list by reason and by child region (`facets`, each
            narrowed by the other filters): one pass over the whole list, costly at city level
            Default: False.
        lang (ReadGapsV1GapsMetricGetLang | Unset): Language of each gap's `reason` (as the
            export's `lang`) Default: ReadGapsV1GapsMetricGetLang.EN.
        region (None | str | Unset): Region id (default: the caller's scope region, else the city
            root)
        as_of (datetime.date | None | Unset): Day the assignments must be active on, YYYY-MM-DD
            (default: today)
        limit (int | None | Unset): Page size (default: the `PAGE_SIZE_DEFAULT` setting; at most
            `PAGE_SIZE_MAX`)
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Gaps | ProblemDetails
    """

    return (
        await asyncio_detailed(
            metric=metric,
            client=client,
            reason=reason,
            within=within,
            q=q,
            facets=facets,
            lang=lang,
            region=region,
            as_of=as_of,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
