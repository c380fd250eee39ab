"""Export of any gap list to CSV or Excel: ``GET /v1/gaps/{metric}/export``.

An export is expensive work (:data:`~orgnet.api.limits.ExpensiveDep`: admission control and its
own time budget, ``EXPORT_BUDGET_S``).  The request is checked and the list counted before the
response starts (an unknown metric or region is still a clean 404, a bad filter a 422), then the
whole list is read from one streamed query (:mod:`orgnet.coverage.gap_export`) and written as it
arrives (:mod:`orgnet.api.sheet_files`), by a thread that stops within a moment of the client
leaving (:class:`~orgnet.api.streaming.ThreadedBody`); the expensive slot is freed only then.

The headers say only what is known before the first row: ``X-Orgnet-Total`` (the items of the
list when counted), ``X-Orgnet-Max-Rows`` (``EXPORT_MAX_ROWS``) and ``X-Orgnet-Truncated`` (the list
is longer than that).  What the file holds, the file says: a CSV holds exactly ``X-Orgnet-Total``
rows unless its last line starts with ``#`` and says how many it holds and why (cut at the
maximum, stopped early by the budget or the database, or the list changed while it was read);
the workbook's ``about`` sheet always says how many rows it holds and whether they are complete.
Abandoned and short exports are logged.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import time
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from starlette.requests import Request

from orgnet.api import spreadsheets
from orgnet.api.deps import CallerDep, PolicyDep, SettingsDep
from orgnet.api.limits import BudgetedGraph, Deadline, ExpensiveDep
from orgnet.api.params import DayDep, MetricDep, RegionDep, search_text
from orgnet.api.scope import require_region
from orgnet.api.sheet_files import CsvWriter, XlsxWriter
from orgnet.api.streaming import Stop, ThreadedBody
from orgnet.coverage import gap_filters
from orgnet.coverage.gap_export import Listing, open_listing, stream_gaps
from orgnet.errors import OrgnetError

router = APIRouter(prefix="/v1/gaps", tags=["gaps"])
log = logging.getLogger("orgnet.api")

# Bytes of CSV handed to the response at a time.
CSV_CHUNK_BYTES = 64 * 1024
# Regions read ahead while a region's rows are written (Neo4j computes while Python writes).
READ_AHEAD = 4


class ExportRun:
    """The rows of one export as the cells of each region's rows, with what happened on the way:
    ``written`` rows, ``truncated`` (rows were left out at ``max_rows``), ``ended_early`` (why the
    rows stopped before the last one, or ``None``)."""

    def __init__(self, graph: BudgetedGraph, listing: Listing, *, max_rows: int, path: str, lang: str, metric_title: str | None) -> None:
        self.graph = graph
        self.listing = listing
        self.total = listing.total
        self.max_rows = max_rows
        self.written = 0
        self.truncated = False
        self.ended_early: str | None = None
        self.tag = "export-" + secrets.token_hex(8)
        self.started = time.monotonic()
        self._path = path
        self._sheet = spreadsheets.GapSheet(listing.metric.name, lang=lang, metric_title=metric_title)

    def rows(self, stop: Stop) -> Iterator[list[list[str]]]:
        """Each region's rows, as the query streams them, up to ``max_rows``."""
        try:
            # one transaction for the whole list: what is left of EXPORT_BUDGET_S, not QUERY_TIMEOUT_S
            deadline = self.graph.deadline
            timeout_s = deadline.timeout_for(deadline.budget_s)
            with stream_gaps(self.graph, self.listing, tag=self.tag, timeout_s=timeout_s, read_ahead=READ_AHEAD) as regions:
                for region in regions:
                    stop.check()
                    items = region.items[: self.max_rows - self.written]
                    if items:
                        self.written += len(items)
                        yield self._sheet.rows(region.path, items)
                    if self.written >= self.max_rows:
                        self.truncated = len(items) < len(region.items) or next(regions, None) is not None
                        return
                    deadline.check()  # the next region only within EXPORT_BUDGET_S
        except OrgnetError as e:  # the response has started: the file says so, and the log
            self.ended_early = f"{e.title} after {self.written:,} of {self.total:,} rows"
            log.warning("export %s ended early: %s (%s)", self._path, self.ended_early, type(e).__name__)
        except Exception:
            self.ended_early = f"Internal error after {self.written:,} of {self.total:,} rows"
            log.exception("export %s ended early: %s", self._path, self.ended_early)

    def last_line(self) -> str | None:
        """The CSV's last line when the file does not hold exactly ``total`` rows (``None`` when it does)."""
        if self.ended_early:
            return f"# INCOMPLETE: {self.ended_early}; this file holds {self.written:,} rows; export again, or a smaller region"
        if self.truncated:
            return (
                f"# TRUNCATED: this file holds the first {self.written:,} of {self.total:,} rows "
                f"(EXPORT_MAX_ROWS = {self.max_rows:,}, the most one export holds); export each county separately"
            )
        if self.written != self.total:
            return f"# CHANGED: this file holds {self.written:,} rows; the list held {self.total:,} when the export started and changed while it was read"
        return None

    def abandoned(self, stopped_in_s: float) -> None:
        log.warning(
            "export %s abandoned by the client after %s of %s rows and %.1f s; its work stopped %.2f s later",
            self._path,
            f"{self.written:,}",
            f"{self.total:,}",
            time.monotonic() - self.started - stopped_in_s,
            stopped_in_s,
        )

    def interrupt(self) -> None:
        """End the export's query (the reader may be waiting on Neo4j, not on its next row)."""
        with contextlib.suppress(OrgnetError):
            self.graph.terminate(self.tag)


@router.get(
    "/{metric}/export",
    summary="Export a gap list as CSV or Excel (.xlsx)",
    description="Every uncovered item of the metric under the region that passes the filters `reason`, "
    "`within` and `q` (the same as `GET /v1/gaps/{metric}`), one row per item: metric, id, type, name "
    "(personal names only for planners), county, town, village, region path, region id, reason and details; "
    "rows in region order (region id, then item id). The whole list is read from one query and streamed "
    "(a city's 1.5M households too; at most `EXPORT_MAX_ROWS` rows, within `EXPORT_BUDGET_S` seconds). "
    "`X-Orgnet-Total` is the number of items of the filtered list when the export starts, `X-Orgnet-Max-Rows` "
    "the most rows one export holds and `X-Orgnet-Truncated` whether the list is longer. A CSV holds exactly "
    "`X-Orgnet-Total` rows unless its last line starts with `#`: that line says how many it holds and why "
    "(cut at the maximum, stopped early by the time budget or the database, or the list changed meanwhile); "
    "the workbook's `about` sheet always says how many rows it holds and whether they are complete. "
    "`lang=zh` writes it in Chinese: headers, type (社区 or 村), reason, details, metric and the `about` sheet. "
    "CSV is UTF-8 with a byte-order mark so Excel shows Chinese; no cell can run as a formula, whatever "
    "separator a spreadsheet splits it on. An expensive request: at most `EXPENSIVE_SLOTS_PER_CALLER` per "
    "caller (429) and `EXPENSIVE_SLOTS` overall (503); a client that leaves stops the export.",
    response_class=ThreadedBody,
    responses={
        200: {
            "content": {
                spreadsheets.CSV_MEDIA_TYPE: {"example": "metric,id,type,name,county,town,village,region path,region id,reason,details\r\n"},
                spreadsheets.XLSX_MEDIA_TYPE: {},
            },
            "description": "The file, as an attachment",
        },
        404: {"description": "Unknown metric or region"},
        409: {"description": "The region lies above regions computed under different policies"},
        422: {"description": "Malformed parameter (a reason code no metric has), or `within` not under `region`"},
        429: {"description": "This caller already runs its maximum of expensive requests (Retry-After)"},
        503: {"description": "The server runs its maximum of expensive requests (Retry-After)"},
        504: {"description": "Counting the list exceeded the time budget"},
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
    reason: Annotated[gap_filters.ReasonCode | None, Query(description="Only gaps with this reason code (as `GET /v1/gaps/{metric}`)")] = None,
    within: Annotated[str | None, Query(max_length=64, description="Only gaps under this region, itself under `region`")] = None,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=gap_filters.Q_MAX_LENGTH, description="Only gaps whose id, name (where shown) or region path contains this text"),
    ] = None,
) -> ThreadedBody:
    m, day = metric, as_of
    region = require_region(work.graph, caller=caller, region_id=region)  # personal data: only in the caller's scope
    gap_filter = gap_filters.GapFilter(reason=reason, within=within, q=search_text(q) if q is not None else None)
    # an export holds its slot for as long as it streams: its own, longer budget
    graph = BudgetedGraph(work.graph, Deadline(settings.export_budget_s))
    listing = open_listing(
        graph, metric=m.name, region_id=region, as_of=day, policy=policy, gap_filter=gap_filter, personal=caller.sees_personal_data, scope=caller.scope
    )
    run = ExportRun(graph, listing, max_rows=settings.export_max_rows, path=request.url.path, lang=lang, metric_title=m.title_zh if lang == "zh" else None)
    name = spreadsheets.filename(m.name, listing.region["id"], day.isoformat(), format)
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Orgnet-Total": str(listing.total),
        "X-Orgnet-Max-Rows": str(settings.export_max_rows),
        "X-Orgnet-Truncated": "true" if listing.total > settings.export_max_rows else "false",
        "Cache-Control": "no-store",
    }
    if format == "csv":
        produce, media_type = _csv_body(run, lang=lang), spreadsheets.CSV_MEDIA_TYPE
    else:
        filters = ", ".join(f"{k}={v}" for k, v in (("reason", reason), ("within", within), ("q", gap_filter.q)) if v)

        def about() -> dict[str, Any]:
            return spreadsheets.about_sheet(
                metric=m.name,
                title=f"{m.title_en} · {m.title_zh}",
                region=listing.region,
                as_of=day.isoformat(),
                total=listing.total,
                rows=run.written,
                truncated=run.truncated,
                policy=policy.name,
                ended_early=run.ended_early,
                filters=filters,
                max_rows=settings.export_max_rows,
                lang=lang,
            )

        produce, media_type = _xlsx_body(run, about=about, lang=lang), spreadsheets.XLSX_MEDIA_TYPE
    return ThreadedBody(produce, media_type=media_type, headers=headers, interrupt=run.interrupt, on_abandoned=run.abandoned)


Emit = Callable[[bytes], None]


def _csv_body(run: ExportRun, *, lang: str) -> Callable[[Emit, Stop], None]:
    def produce(emit: Emit, stop: Stop) -> None:
        out = CsvWriter(emit, lang=lang, chunk_bytes=CSV_CHUNK_BYTES)
        out.flush()  # the header at once: the client sees the file start
        with contextlib.closing(run.rows(stop)) as regions:
            for rows in regions:
                out.rows(rows)
        line = run.last_line()
        if line:
            out.line(line)
        out.flush()

    return produce


class _Chunks:
    """A file-like target that hands on what is written in chunks (the workbook's zip)."""

    def __init__(self, emit: Emit, size: int = CSV_CHUNK_BYTES) -> None:
        self._emit, self._size, self._parts, self._held = emit, size, [], 0

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        self._held += len(data)
        if self._held >= self._size:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self._held:
            self._emit(b"".join(self._parts))
            self._parts, self._held = [], 0


def _xlsx_body(run: ExportRun, *, about: Callable[[], dict[str, Any]], lang: str) -> Callable[[Emit, Stop], None]:
    def produce(emit: Emit, stop: Stop) -> None:
        # a workbook is a zip whose directory comes last: the rows go to a temporary file as they
        # arrive (constant memory) and the zip is streamed out when the last one is written
        sink = _Chunks(emit)
        book = XlsxWriter(sink, lang=lang)
        with contextlib.closing(run.rows(stop)) as regions:
            for rows in regions:
                book.rows(rows)
        book.close(about())
        sink.flush()

    return produce
