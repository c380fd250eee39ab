"""Spreadsheets in and out (issue 23): templates, exports in the template's shape, and imports of
``.xlsx`` / ``.csv`` with a dry run first (the package :mod:`orgnet.sheets` does the work)."""

from __future__ import annotations

import email.parser
import email.policy
import io
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from orgnet.api.deps import CallerDep, GraphDep, PolicyDep, SettingsDep
from orgnet.api.scope import regions_outside_scope, require_in_scope, require_region
from orgnet.errors import Conflict, InvalidInput, NotFound
from orgnet.sheets import export, lookups, plan
from orgnet.sheets.reader import Limits, read_file
from orgnet.sheets.sections import GROUPS, SECTIONS
from orgnet.sheets.templates import XLSX_MEDIA_TYPE, sections_named, write_workbook
from orgnet.writes import workflow

router = APIRouter(prefix="/v1", tags=["spreadsheets"])

SECTION_DOC = (
    f"`all` (one workbook with every sheet), a list of several sheets ({', '.join(f'`{g}`' for g in GROUPS)}: 党员花名册, the members "
    f"and the households they link) or a section: {', '.join(f'`{s}`' for s in SECTIONS)} (or its sheet's Chinese name)"
)


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
    "may refer to (names only for callers who may see personal data), and instructions with an example row per section. "
    "`filled=true` (planner) fills the sheets with the region's current records: edit them and import the file again.",
    response_class=Response,
    responses={
        200: {"content": {XLSX_MEDIA_TYPE: {}}, "description": "The workbook"},
        403: {"description": "`filled=true` needs the planner role"},
        404: {"description": "Unknown section or region"},
    },
)
def template(
    graph: GraphDep,
    settings: SettingsDep,
    caller: CallerDep,
    section: str = Path(description=SECTION_DOC),
    region: str | None = Query(None, description="Region whose villages and people the lookup sheets list (default: your scope, else the city)"),
    filled: bool = Query(False, description="Fill the sheets with the region's current records (an export to edit and import again; planner)"),
) -> Response:
    caller.require("planner" if filled else "viewer")
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
        rows={s.section: export.records(graph, s, region_id, limit=settings.sheet_max_rows) for s in sections} if filled else None,
    )
    name = section if section == "all" or section in GROUPS else sections[0].section
    return xlsx_response(out.getvalue(), f"orgnet-{'export' if filled else 'template'}-{name}{'-' + region_id if region_id else ''}.xlsx")


# ----------------------------------------------------------------------------- imports


def upload_of(body: bytes, content_type: str, filename: str | None) -> tuple[str, bytes]:
    """The file of a ``multipart/form-data`` body (its part ``file``), or the body itself named ``filename``.

    >>> b = b'--X\\r\\nContent-Disposition: form-data; name="file"; filename="a.csv"\\r\\nContent-Type: text/csv\\r\\n\\r\\nid\\r\\n--X--\\r\\n'
    >>> upload_of(b, "multipart/form-data; boundary=X", None)
    ('a.csv', b'id')
    """
    if content_type.lower().startswith("multipart/form-data"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body)
        for part in message.iter_parts():  # type: ignore[attr-defined]
            if part.get_param("name", header="content-disposition") == "file":
                return part.get_filename() or filename or "upload.xlsx", part.get_payload(decode=True) or b""
        raise InvalidInput("The form has no part named `file`.", errors=[{"field": "file", "reason": "missing"}])
    if not filename:
        raise InvalidInput(
            "Send the file as multipart/form-data (part `file`), or as the body with `?filename=`.", errors=[{"field": "filename", "reason": "missing"}]
        )
    return filename, body


def sheet_plan(graph: Any, caller: Any, settings: Any, filename: str, data: bytes) -> plan.Plan:
    book = read_file(filename, data, Limits.of(settings))
    outside = None if caller.scope is None else (lambda ids: regions_outside_scope(graph, caller=caller, region_ids=ids))
    return plan.dry_run(graph, book, outside_scope=outside, id_key=settings.effective_id_number_secret())


@router.post(
    "/imports",
    summary="Import a spreadsheet (.xlsx or .csv): a dry run, or its commit (planner role, inside your scope)",
    description="The file as `multipart/form-data` (part `file`) or as the body with `?filename=`. By default a **dry run**: "
    "nothing is written; the answer says per section how many rows would be added, changed, left unchanged and refused, "
    "and every refused row with its cell (`党员!C12`), value and reason (`reason_zh`, `reason`). `errors=true` answers the "
    "refused rows as the workbook with an error column and the bad cells highlighted. `commit=true` writes the added and "
    "changed rows in one transaction with one change record (file, sha256, counts), refreshes the summaries, and leaves "
    "refused and unchanged rows out; with `dry_run_id` (the dry run's) it is refused (409) when the file is not the one "
    "previewed. A file over the limits (SHEET_MAX_ROWS, SHEET_MAX_UNZIPPED_BYTES, SHEET_MAX_ZIP_ENTRIES), an `.xlsm` or an "
    "`.xls` is refused whole (422), nothing written.",
    responses={
        200: {"description": "The dry run (or the commit)", "content": {"application/json": {}, XLSX_MEDIA_TYPE: {}}},
        403: {"description": "Needs the planner role"},
        409: {"description": "`dry_run_id` is not this file's"},
        413: {"description": "Body above SHEET_MAX_UPLOAD_BYTES"},
        422: {"description": "The file is refused whole (type, size, zip bomb, rows); nothing written"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}},
                    # the file's name says its type (.xlsx or .csv): the part carries it
                    "encoding": {
                        "file": {
                            "contentType": f"{XLSX_MEDIA_TYPE}, text/csv",
                            "headers": {
                                "Content-Disposition": {"schema": {"type": "string"}, "example": 'form-data; name="file"; filename="party_members.csv"'}
                            },
                        }
                    },
                }
            },
        }
    },
)
async def import_sheet(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    caller: CallerDep,
    policy: PolicyDep,
    commit: bool = Query(False, description="Write the added and changed rows (otherwise a dry run)"),
    errors: bool = Query(False, description="Answer the refused rows as an .xlsx with an error column"),
    dry_run_id: str | None = Query(None, description="The dry run's id: the commit is refused unless the file is the same"),
    filename: str | None = Query(None, description="The file's name, when the body is the file itself"),
) -> Any:
    caller.require("planner")
    name, data = upload_of(await request.body(), request.headers.get("content-type", ""), filename)

    def work() -> Any:
        the_plan = sheet_plan(graph, caller, settings, name, data)
        if errors:
            out = io.BytesIO()
            write_workbook(
                out, list(dict.fromkeys(s.section for s in the_plan.book.sheets)), refused=the_plan.refused_rows(), note=f"{name}: 被拒绝的行 / refused rows"
            )
            return xlsx_response(out.getvalue(), f"{name.rsplit('.', 1)[0]}-errors.xlsx")
        if not commit:
            return the_plan.as_dict() | {"committed": False}
        if dry_run_id is not None and dry_run_id != the_plan.book.sha256:
            raise Conflict("The file is not the one of that dry run: run the dry run again.")
        in_scope = None if caller.scope is None else (lambda ids: require_in_scope(graph, caller=caller, region_ids=ids, what="record"))
        author = workflow.Author(path="import", account=caller.account, role=caller.role)
        return plan.commit(graph, the_plan, author=author, policy=policy, batch_size=settings.write_batch_size, in_scope=in_scope)

    return await run_in_threadpool(work)
