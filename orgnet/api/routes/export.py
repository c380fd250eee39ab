"""Export of any gap list to CSV or Excel: ``GET /v1/gaps/{metric}/export``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from orgnet.api import export
from orgnet.api.deps import CallerDep, GraphDep, PolicyDep
from orgnet.api.params import IsoDay
from orgnet.coverage.metrics import get_metric
from orgnet.coverage.service import MAX_GAP_LIMIT, gaps

router = APIRouter(prefix="/v1/gaps", tags=["gaps"])

MAX_EXPORT_ROWS = 50_000
PAGE = 500


@router.get(
    "/{metric}/export",
    summary="Export a gap list as CSV or Excel (.xlsx)",
    description="Every uncovered item of the metric under the region (at most "
    f"{MAX_EXPORT_ROWS:,} rows; the `X-Orgnet-Truncated` header and the workbook's `about` sheet "
    "say when there were more), one row per item: id, type, name (personal names only for "
    "planners), county, town, village, region path, reason and details. CSV is UTF-8 with a "
    "byte-order mark so Excel shows Chinese; `lang=zh` gives Chinese column headers.",
    response_class=Response,
    responses={
        200: {
            "content": {
                export.CSV_MEDIA_TYPE: {"example": "metric,id,type,name,county,town,village,region path,region id,reason,details\r\n"},
                export.XLSX_MEDIA_TYPE: {},
            },
            "description": "The file, as an attachment",
        },
        404: {"description": "Unknown metric or region"},
        422: {"description": "Malformed parameter"},
    },
)
def export_gaps(
    metric: Annotated[str, Path(max_length=64, description="Metric name, e.g. `party_org_presence`", examples=["party_org_presence"])],
    graph: GraphDep,
    policy: PolicyDep,
    caller: CallerDep,
    format: Annotated[Literal["csv", "xlsx"], Query(description="`csv` or `xlsx`")] = "csv",  # noqa: A002
    region: Annotated[str | None, Query(max_length=64, description="Region id (default: the city)", examples=["320321"])] = None,
    as_of: Annotated[IsoDay | None, Query(description="Day (YYYY-MM-DD; default today)")] = None,
    lang: Annotated[Literal["en", "zh"], Query(description="Language of the column headers")] = "en",
) -> Response:
    m = get_metric(metric)
    day = as_of or dt.date.today()
    rows: list[dict[str, str]] = []
    cursor: str | None = None
    first: dict | None = None
    truncated = False
    while True:
        page = gaps(
            graph,
            metric=m.name,
            region_id=region,
            as_of=day,
            policy=policy,
            limit=min(PAGE, MAX_GAP_LIMIT),
            cursor=cursor,
            personal=caller.sees_personal_data,
        )
        first = first or page
        for item in page["items"]:
            if len(rows) >= MAX_EXPORT_ROWS:
                truncated = True
                break
            rows.append(export.flatten(item, metric=m.name))
        cursor = page["next_cursor"]
        if truncated or cursor is None:
            break
    assert first is not None
    region_info = first["region"]
    name = export.filename(m.name, region_info["id"], day.isoformat(), format)
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Orgnet-Total": str(first["total"]),
        "X-Orgnet-Truncated": "true" if truncated else "false",
        "Cache-Control": "no-store",
    }
    if format == "csv":
        return Response(export.to_csv(rows, lang=lang), media_type=export.CSV_MEDIA_TYPE, headers=headers)
    about = export.about_sheet(
        metric=m.name,
        title=f"{m.title_en} · {m.title_zh}",
        region=region_info,
        as_of=day.isoformat(),
        total=first["total"],
        rows=len(rows),
        truncated=truncated,
        policy=policy.name,
    )
    return Response(export.to_xlsx(rows, about=about, lang=lang), media_type=export.XLSX_MEDIA_TYPE, headers=headers)
