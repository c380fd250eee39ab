"""The request parameters every coverage route shares, checked and resolved once, here.

``metric``, ``region``, ``as_of``, ``limit`` and ``cursor`` arrive as typed dependencies
(:data:`MetricDep`, :data:`RegionDep`, :data:`DayDep`, :data:`PageDep`): the metric is looked up
once (404 for an unknown one), the region defaults to the city root, the day to today, and the
page size to ``PAGE_SIZE_DEFAULT`` within ``PAGE_SIZE_MAX`` (settings, not literals).  Services
receive the resolved values.

The types accept exactly what the OpenAPI document says they accept: FastAPI validates query
parameters in pydantic's lax mode, where ``as_of=0`` is a date (1970-01-01, read as a Unix time)
although the document says ``format: date``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Path, Query
from pydantic import BeforeValidator

from orgnet.api.deps import CallerDep, GraphDep, SettingsDep
from orgnet.api.scope import default_region
from orgnet.coverage.cursor import MAX_GAP_LIMIT
from orgnet.coverage.metrics import Metric, get_metric
from orgnet.coverage.rollups import default_region_id

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_day(value: Any) -> Any:
    """A ``YYYY-MM-DD`` string of a calendar day becomes a date; anything else is refused.

    >>> iso_day("2020-03-31")
    datetime.date(2020, 3, 31)
    >>> iso_day("0")
    Traceback (most recent call last):
    ...
    ValueError: a day is written YYYY-MM-DD
    >>> iso_day("2020-02-30")
    Traceback (most recent call last):
    ...
    ValueError: not a day of the calendar
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise ValueError("a day is written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError("not a day of the calendar") from None


IsoDay = Annotated[dt.date, BeforeValidator(iso_day)]


def search_text(value: str) -> str:
    r"""A search text as searched for: NFC, without control, format or surrogate characters (no
    name holds them, and a file that echoes the search could not), stripped.  Never refused: any
    string the document allows is a search, at worst for nothing (an empty text filters nothing).

    >>> search_text(" 刘\u202e庄\x08 "), search_text("\x00\x13")
    ('刘庄', '')
    """
    text = unicodedata.normalize("NFC", value)
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs")).strip()


# Not a validator on the parameter's type: pydantic would check the document's minLength and
# maxLength on the cleaned text (a lone control character, a valid `q`, became "" and too short; 101
# characters with one control character, an invalid `q`, became 100 and passed).  Routes take the
# text as the document describes it and clean it themselves.


def resolve_metric(
    metric: Annotated[str, Path(max_length=64, description="Metric name (see `GET /v1/metrics`)", examples=["enterprise_pairing"])],
) -> Metric:
    """The metric named in the path; 404 (:class:`~orgnet.errors.NotFound`) for an unknown one."""
    return get_metric(metric)


def resolve_region(
    graph: GraphDep,
    caller: CallerDep,
    region: Annotated[
        str | None,
        Query(max_length=64, description="Region id (default: the caller's scope region, else the city root)", examples=["320321"]),
    ] = None,
) -> str:
    """The region id asked for; else the scope region of an account scoped to one region (a county
    planner's pages open on the county), else the city root.  The services answer 404 for an
    unknown id; routes with personal data also check the scope (:func:`orgnet.api.scope.require_region`)."""
    return default_region(caller, region) or default_region_id(graph)


def resolve_day(
    as_of: Annotated[
        IsoDay | None,
        Query(description="Day the assignments must be active on, YYYY-MM-DD (default: today)", examples=["2020-03-31"]),
    ] = None,
) -> dt.date:
    """The day asked for, or today (the one place ``as_of`` gets its default)."""
    return as_of or dt.date.today()


@dataclass(frozen=True)
class Page:
    """A resolved page request: ``limit`` within the settings' bounds and the opaque ``cursor``."""

    limit: int
    cursor: str | None


def resolve_page(
    settings: SettingsDep,
    limit: Annotated[
        int | None,
        Query(ge=1, le=MAX_GAP_LIMIT, description="Page size (default: the `PAGE_SIZE_DEFAULT` setting; at most `PAGE_SIZE_MAX`)"),
    ] = None,
    cursor: Annotated[str | None, Query(max_length=2048, description="`next_cursor` of the previous page")] = None,
) -> Page:
    """The page size asked for (default ``PAGE_SIZE_DEFAULT``), never above ``PAGE_SIZE_MAX``."""
    return Page(limit=min(limit or settings.page_size_default, settings.page_size_max), cursor=cursor)


MetricDep = Annotated[Metric, Depends(resolve_metric)]
RegionDep = Annotated[str, Depends(resolve_region)]
DayDep = Annotated[dt.date, Depends(resolve_day)]
PageDep = Annotated[Page, Depends(resolve_page)]
