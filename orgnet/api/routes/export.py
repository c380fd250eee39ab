"""Export of any gap list to CSV or Excel: ``GET /v1/gaps/{metric}/export``.

An export is expensive work (:data:`~orgnet.api.limits.ExpensiveDep`: admission control and a
total time budget) and is streamed: the first page is read before the response starts, so an
unknown metric or region is still a clean 404 and ``X-Orgnet-Total`` is known; every later page
is written out as it arrives.  Should a page fail or the budget run out once the file has
started, the file says so in its last line (CSV) or its ``about`` sheet (xlsx) and the failure
is logged: an export never ends short silently.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from starlette.requests import Request

from orgnet.api import spreadsheets
from orgnet.api.deps import CallerDep, PolicyDep, SettingsDep
from orgnet.api.limits import BudgetedGraph, Deadline, ExpensiveDep
from orgnet.api.params import DayDep, MetricDep, RegionDep, SearchText
from orgnet.api.scope import require_region
from orgnet.coverage import gap_filters
from orgnet.coverage.cursor import MAX_GAP_LIMIT
from orgnet.coverage.gaps import gaps
from orgnet.errors import OrgnetError

router = APIRouter(prefix="/v1/gaps", tags=["gaps"])
log = logging.getLogger("orgnet.api")

# A whole city's list is written (146k households on 2020-02-01): the cap only stops a runaway.
MAX_EXPORT_ROWS = 1_000_000
PAGE = 500
# A filtered page is one pass over the list in the database: few, large pages.
FILTERED_PAGE = 5_000
FILE_CHUNK = 64 * 1024


class ExportRun:
    """The rows of one export, page after page from the first, with what happened on the way:
    ``written`` rows, ``truncated`` (more than ``MAX_EXPORT_ROWS``), ``ended_early`` (why the
    rows stopped before the last one, or ``None``)."""

    def __init__(
        self,
        first: dict[str, Any],
        next_page: Any,
        *,
        metric: str,
        path: str,
        max_rows: int = MAX_EXPORT_ROWS,
        lang: str = "en",
        metric_title: str | None = None,
    ) -> None:
        self.first = first
        self.total: int = first["total"]
        self.truncated = self.total > max_rows
        self.written = 0
        self.ended_early: str | None = None
        self._next_page = next_page
        self._metric = metric
        self._path = path
        self._max_rows = max_rows
        self._lang = lang
        self._metric_title = metric_title

    def rows(self) -> Iterator[dict[str, str]]:
        page = self.first
        while True:
            for item in page["items"]:
                if self.written >= self._max_rows:
                    return
                self.written += 1
                yield spreadsheets.flatten(item, metric=self._metric, lang=self._lang, metric_title=self._metric_title)
            if page["next_cursor"] is None or self.written >= self._max_rows:
                return
            try:
                page = self._next_page(page["next_cursor"])
            except OrgnetError as e:  # the response has started: say so in the file, and log it
                self.ended_early = f"{e.title} after {self.written:,} of {self.total:,} rows"
                log.warning("export %s ended early: %s (%s)", self._path, self.ended_early, type(e).__name__)
                return
            except Exception:
                self.ended_early = f"Internal error after {self.written:,} of {self.total:,} rows"
                log.exception("export %s ended early: %s", self._path, self.ended_early)
                return

    @property
    def rows_expected(self) -> int:
        """The rows the file holds when nothing stops it early."""
        return min(self.total, self._max_rows)

    def trailer(self) -> str | None:
        """The last line of a CSV that did not get every row (``None`` when it did)."""
        if self.ended_early:
            return f"# INCOMPLETE: {self.ended_early}; export again, or a smaller region"
        if self.truncated:
            return f"# TRUNCATED: the first {self.written:,} of {self.total:,} rows (the most one export holds); export each county separately"
        return None


@router.get(
    "/{metric}/export",
    summary="Export a gap list as CSV or Excel (.xlsx)",
    description="Every uncovered item of the metric under the region that passes the filters `reason`, "
    "`within` and `q` (the same as `GET /v1/gaps/{metric}`), one row per item: metric, id, type, name "
    "(personal names only for planners), county, town, village, region path, region id, reason and details. "
    "The whole list is written, streamed (a city's 146k households too; at most "
    f"{MAX_EXPORT_ROWS:,} rows, and `EXPORT_BUDGET_S` seconds). `X-Orgnet-Total` is the number of items of the "
    "filtered list and `X-Orgnet-Rows` the number of rows the file holds; should the export stop early "
    "(time budget, database), the CSV's last line and the workbook's `about` sheet say so and how many rows "
    "were written. `lang=zh` writes it in Chinese: headers, type (社区 or 村), reason, details, metric and the "
    "`about` sheet. CSV is UTF-8 with a byte-order mark so Excel shows Chinese. An expensive request: at most "
    "`EXPENSIVE_SLOTS_PER_CALLER` per caller (429) and `EXPENSIVE_SLOTS` overall (503).",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {
                spreadsheets.CSV_MEDIA_TYPE: {"example": "metric,id,type,name,county,town,village,region path,region id,reason,details\r\n"},
                spreadsheets.XLSX_MEDIA_TYPE: {},
            },
            "description": "The file, as an attachment",
        },
        404: {"description": "Unknown metric or region"},
        422: {"description": "Malformed parameter, a reason the metric does not have, or `within` not under `region`"},
        429: {"description": "This caller already runs its maximum of expensive requests (Retry-After)"},
        503: {"description": "The server runs its maximum of expensive requests (Retry-After)"},
        504: {"description": "The first page exceeded the time budget"},
    },
)
def export_gaps(
    request: Request,
    metric: MetricDep,
    work: ExpensiveDep,
    policy: PolicyDep,
    caller: CallerDep,
    settings: SettingsDep,
    region: RegionDep,
    as_of: DayDep,
    format: Annotated[Literal["csv", "xlsx"], Query(description="`csv` or `xlsx`")] = "csv",  # noqa: A002
    lang: Annotated[Literal["en", "zh"], Query(description="Language of the file: headers, type, reason, details, metric, about sheet")] = "en",
    reason: Annotated[
        str | None, Query(max_length=32, pattern=r"^[a-z_]+$", description="Only gaps with this reason code (as `GET /v1/gaps/{metric}`)")
    ] = None,
    within: Annotated[str | None, Query(max_length=64, description="Only gaps under this region, itself under `region`")] = None,
    q: Annotated[
        SearchText | None,
        Query(min_length=1, max_length=gap_filters.Q_MAX_LENGTH, description="Only gaps whose id, name (where shown) or region path contains this text"),
    ] = None,
) -> StreamingResponse:
    m, day = metric, as_of
    region = require_region(work.graph, caller=caller, region_id=region)  # personal data: only in the caller's scope
    gap_filter = gap_filters.GapFilter(reason=reason, within=within, q=q)
    # an export holds its slot for as long as it streams: its own, longer budget
    graph = BudgetedGraph(work.graph, Deadline(settings.export_budget_s))

    def page(cursor: str | None) -> dict[str, Any]:
        if gap_filter.active:
            return gap_filters.filtered_gaps(
                graph,
                metric=m.name,
                region_id=region,
                as_of=day,
                policy=policy,
                gap_filter=gap_filter,
                limit=FILTERED_PAGE,
                max_limit=FILTERED_PAGE,
                cursor=cursor,
                personal=caller.sees_personal_data,
            )
        return gaps(
            graph, metric=m.name, region_id=region, as_of=day, policy=policy, limit=min(PAGE, MAX_GAP_LIMIT), cursor=cursor, personal=caller.sees_personal_data
        )

    title = m.title_zh if lang == "zh" else None
    run = ExportRun(page(None), page, metric=m.name, path=request.url.path, lang=lang, metric_title=title)
    region_info = run.first["region"]
    name = spreadsheets.filename(m.name, region_info["id"], day.isoformat(), format)
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Orgnet-Total": str(run.total),
        "X-Orgnet-Rows": str(run.rows_expected),
        "X-Orgnet-Truncated": "true" if run.truncated else "false",
        "Cache-Control": "no-store",
    }
    if format == "csv":
        return StreamingResponse(_csv_body(run, lang=lang), media_type=spreadsheets.CSV_MEDIA_TYPE, headers=headers)
    filters = ", ".join(f"{k}={v}" for k, v in (("reason", reason), ("within", within), ("q", gap_filter.q)) if v)

    def about(rows: int) -> dict[str, Any]:
        return spreadsheets.about_sheet(
            metric=m.name,
            title=f"{m.title_en} · {m.title_zh}",
            region=region_info,
            as_of=day.isoformat(),
            total=run.total,
            rows=rows,
            truncated=run.truncated,
            policy=policy.name,
            ended_early=run.ended_early,
            filters=filters,
            lang=lang,
        )

    return StreamingResponse(_xlsx_body(run, about=about, lang=lang), media_type=spreadsheets.XLSX_MEDIA_TYPE, headers=headers)


def _csv_body(run: ExportRun, *, lang: str) -> Iterator[bytes]:
    yield from spreadsheets.csv_chunks(run.rows(), lang=lang)
    trailer = run.trailer()
    if trailer:
        yield (trailer + "\r\n").encode("utf-8")


def _xlsx_body(run: ExportRun, *, about: Any, lang: str) -> Iterator[bytes]:
    # A workbook is a zip whose directory comes last: it is written to a temporary file (rows
    # streamed into it, memory bounded) and then sent in chunks.
    with tempfile.TemporaryFile() as f:
        spreadsheets.write_xlsx(run.rows(), f, about=about, lang=lang)
        f.seek(0)
        while chunk := f.read(FILE_CHUNK):
            yield chunk
