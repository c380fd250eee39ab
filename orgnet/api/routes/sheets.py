"""Spreadsheets in and out (issue 23): templates, exports in the template's shape, and imports of
``.xlsx`` / ``.csv`` with a dry run first (the package :mod:`orgnet.sheets` does the work)."""

from __future__ import annotations

import io
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from orgnet.api.deps import CallerDep, GraphDep, SettingsDep
from orgnet.api.scope import require_region
from orgnet.errors import NotFound
from orgnet.sheets import lookups
from orgnet.sheets.sections import SECTIONS
from orgnet.sheets.templates import XLSX_MEDIA_TYPE, sections_named, write_workbook

router = APIRouter(prefix="/v1", tags=["spreadsheets"])

SECTION_DOC = f"`all` (one workbook with every sheet) or a section: {', '.join(f'`{s}`' for s in SECTIONS)} (or its sheet's Chinese name)"


def xlsx_response(content: bytes, filename: str) -> Response:
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_")
    return Response(
        content,
        media_type=XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"},
    )


@router.get(
    "/templates/{section}.xlsx",
    summary="A spreadsheet template to fill and import",
    description="Per section a sheet: Chinese headers on row 1, field names on row 2, ids as text, dates as dates, drop-down "
    "lists for kinds, levels and statuses; a lookup sheet of the region's villages and one of the items and people a row "
    "may refer to (names only for callers who may see personal data), and instructions with an example row per section.",
    response_class=Response,
    responses={200: {"content": {XLSX_MEDIA_TYPE: {}}, "description": "The workbook"}, 404: {"description": "Unknown section or region"}},
)
def template(
    graph: GraphDep,
    settings: SettingsDep,
    caller: CallerDep,
    section: str = Path(description=SECTION_DOC),
    region: str | None = Query(None, description="Region whose villages and people the lookup sheets list (default: your scope, else the city)"),
) -> Response:
    caller.require("viewer")
    try:
        sections = sections_named(section)
    except KeyError:
        raise NotFound(f"No section {section!r}; sections: all, {', '.join(SECTIONS)}.") from None
    region_id = require_region(graph, caller=caller, region_id=region)
    out = io.BytesIO()
    write_workbook(
        out,
        sections,
        villages=lookups.villages(graph, region_id, limit=settings.sheet_max_rows),
        people=lookups.people(graph, region_id, names=caller.sees_personal_data, limit=settings.sheet_lookup_max_rows),
    )
    name = "all" if section == "all" else sections[0].section
    return xlsx_response(out.getvalue(), f"orgnet-template-{name}{'-' + region_id if region_id else ''}.xlsx")
