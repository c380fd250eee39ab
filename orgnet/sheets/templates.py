"""The workbooks a planner fills: templates, exports (the same template, filled) and error workbooks.

One writer (:func:`write_workbook`) draws every one of them with XlsxWriter in constant memory:
per section a sheet with the Chinese header on row 1 and the field names on row 2 (frozen), ids as
text (``@``: leading zeros survive), dates as dates, drop-down lists (data validation) for the
kinds, levels and statuses; then the lookup sheets (the region's villages with their codes; the
items and people a planner may link to, names only for callers allowed to see them) and an
instructions sheet with one filled example row per section.  Every text is written as a string
(never a formula).  An error workbook has the refused rows as they were read, an error column and
the bad cells highlighted.

>>> import io, openpyxl
>>> out = io.BytesIO()
>>> write_workbook(out, [SECTIONS["allocations"]], villages=[Village("320321-001-001", "某村", "某镇", "丰县")],
...                rows={"allocations": [{"id": "007", "fund": "city_party_fee", "amount": 12.5, "date": "2020-02-01", "region_id": "320321-001-001"}]})
>>> wb = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
>>> wb.sheetnames
['经费拨付', '村(社区)', '人员', '填表说明']
>>> [c.value for c in wb["经费拨付"][3]][:4]
['007', '市级党费', 12.5, datetime.datetime(2020, 2, 1, 0, 0)]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

import xlsxwriter

from orgnet.sheets.sections import ERROR_HEADER, INSTRUCTIONS_SHEET, LOOKUP_SHEET, PEOPLE_SHEET, SECTIONS, Column, Section

FIRST_DATA_ROW = 3  # 1-based: row 1 Chinese headers, row 2 field names
VALIDATION_ROWS = 100_000  # drop-downs reach this far down (the import's row limit)
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Village:
    id: str
    name: str
    town: str | None
    county: str | None


@dataclass(frozen=True)
class Person:
    """An item a row may refer to: its type (党员, 干部, 党组织, ...), id, name (``None``: hidden) and region."""

    type: str
    id: str
    name: str | None
    region_id: str | None


@dataclass(frozen=True)
class RefusedRow:
    """A refused row as it was read: its cells (by field), the reasons, and the fields at fault."""

    cells: Mapping[str, Any]
    reasons: Sequence[str]
    fields: frozenset[str]


def cell_value(column: Column, value: Any) -> Any:
    """A bundle value as the template shows it: labels for codes, 是/否 for flags, dates as dates.

    >>> from orgnet.sheets.sections import SECTIONS
    >>> cell_value(SECTIONS["deployments"].column("duties"), ["disinfection", "temperature_check"])
    '消毒消杀、体温检测'
    >>> cell_value(SECTIONS["party_members"].column("rural"), True), cell_value(SECTIONS["pairings"].column("since"), "2020-02-01")
    ('是', datetime.date(2020, 2, 1))
    """
    if value is None or value == "":
        return None
    if column.type == "date":
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    if column.type == "flag":
        return "是" if value is True or value == "true" else "否"
    if column.type == "enum":
        return column.label_of(str(value))
    if column.type == "enums":
        return "、".join(column.label_of(v) for v in value)
    if column.type in ("int", "money"):
        return value
    return str(value)


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        self.header = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        self.field = wb.add_format({"italic": True, "font_color": "#7F7F7F", "bg_color": "#F2F2F2", "border": 1})
        self.text = wb.add_format({"num_format": "@"})
        self.date = wb.add_format({"num_format": "yyyy-mm-dd"})
        self.money = wb.add_format({"num_format": "0.00"})
        self.int = wb.add_format({"num_format": "0"})
        self.bad = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006", "num_format": "@"})
        self.error = wb.add_format({"font_color": "#9C0006", "text_wrap": True})
        self.title = wb.add_format({"bold": True, "font_size": 13})

    def of(self, column: Column) -> Any:
        return {"date": self.date, "money": self.money, "int": self.int}.get(column.type, self.text)


def _write(ws: Any, row: int, col: int, column: Column, value: Any, fmt: _Formats, bad: bool = False) -> None:
    if value is None or value == "":
        if bad:
            ws.write_blank(row, col, None, fmt.bad)
        return
    if bad:
        ws.write_string(row, col, value.isoformat() if isinstance(value, dt.date) else str(value), fmt.bad)
    elif isinstance(value, dt.date):
        ws.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), fmt.date)
    elif isinstance(value, bool):
        ws.write_string(row, col, "是" if value else "否", fmt.text)
    elif isinstance(value, int | float) and column.type in ("int", "money"):
        ws.write_number(row, col, value, fmt.of(column))
    else:
        ws.write_string(row, col, str(value), fmt.text)


def _sheet(wb: xlsxwriter.Workbook, section: Section, fmt: _Formats, *, error_column: bool) -> Any:
    ws = wb.add_worksheet(section.sheet)
    for col, column in enumerate(section.columns):
        ws.set_column(col, col, max(12, 2 * len(column.header) + 2), fmt.of(column))
        tip = {"date": "日期, 如 2020-02-01", "id": "编号(文本)", "money": "金额(元)", "int": "整数"}.get(column.type, "")
        if column.choices and column.type in ("enum", "flag"):
            ws.data_validation(
                FIRST_DATA_ROW - 1,
                col,
                VALIDATION_ROWS + 1,
                col,
                {"validate": "list", "source": [label for _, label in column.choices], "error_title": column.header, "error_message": "请从下拉列表中选择"},
            )
        elif column.type == "date":
            ws.data_validation(
                FIRST_DATA_ROW - 1,
                col,
                VALIDATION_ROWS + 1,
                col,
                {"validate": "date", "criteria": ">=", "value": dt.date(1900, 1, 1), "input_message": tip, "error_type": "warning"},
            )
    # constant memory: a row is complete before the next one starts
    for col, column in enumerate(section.columns):
        ws.write_string(0, col, column.header + ("" if column.required else "(选填)"), fmt.header)
    if error_column:
        ws.write_string(0, len(section.columns), ERROR_HEADER, fmt.header)
    for col, column in enumerate(section.columns):
        ws.write_string(1, col, column.field, fmt.field)
    if error_column:
        col = len(section.columns)
        ws.set_column(col, col, 60, fmt.error)
        ws.write_string(1, col, "error", fmt.field)
    ws.freeze_panes(FIRST_DATA_ROW - 1, 0)
    return ws


def write_workbook(
    out: IO[bytes],
    sections: Sequence[Section],
    *,
    villages: Iterable[Village] = (),
    people: Iterable[Person] = (),
    rows: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
    refused: Mapping[str, Iterable[RefusedRow]] | None = None,
    note: str | None = None,
) -> None:
    """A template (no ``rows``), an export (``rows``: bundle-shaped records by section) or an error
    workbook (``refused``: rows as read, by section)."""
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    fmt = _Formats(wb)
    for section in sections:
        ws = _sheet(wb, section, fmt, error_column=refused is not None)
        r = FIRST_DATA_ROW - 1
        for record in (rows or {}).get(section.section, ()):
            for col, column in enumerate(section.columns):
                _write(ws, r, col, column, cell_value(column, record.get(column.field)), fmt)
            r += 1
        for bad in (refused or {}).get(section.section, ()):
            for col, column in enumerate(section.columns):
                _write(ws, r, col, column, bad.cells.get(column.field), fmt, bad=column.field in bad.fields)
            ws.write_string(r, len(section.columns), "; ".join(bad.reasons), fmt.error)
            r += 1
    _lookup(wb, fmt, villages, people)
    _instructions(wb, fmt, sections, note)
    wb.close()


def _lookup(wb: xlsxwriter.Workbook, fmt: _Formats, villages: Iterable[Village], people: Iterable[Person]) -> None:
    ws = wb.add_worksheet(LOOKUP_SHEET)
    for col, (header, width) in enumerate((("村(社区)编号", 20), ("名称", 18), ("所在镇(街道)", 16), ("所在县(市、区)", 14))):
        ws.set_column(col, col, width, fmt.text)
        ws.write_string(0, col, header, fmt.header)
    for r, v in enumerate(villages, start=1):
        for col, value in enumerate((v.id, v.name, v.town, v.county)):
            if value:
                ws.write_string(r, col, value, fmt.text)
    ws.freeze_panes(1, 0)
    ws = wb.add_worksheet(PEOPLE_SHEET)
    for col, (header, width) in enumerate((("类别", 12), ("编号", 26), ("名称或姓名", 20), ("所在区划编号", 20))):
        ws.set_column(col, col, width, fmt.text)
        ws.write_string(0, col, header, fmt.header)
    for r, p in enumerate(people, start=1):
        for col, value in enumerate((p.type, p.id, p.name, p.region_id)):
            if value:
                ws.write_string(r, col, value, fmt.text)
    ws.freeze_panes(1, 0)


INSTRUCTIONS = (
    "每个工作表是一份名单; 第1行是中文表头, 第2行是字段名(请勿修改), 从第3行起每行一条记录。",
    "编号按文本填写(保留前导零)。日期可写 2020-02-01、2020/2/1、2020.2.1 或 2020年2月1日。",
    "带下拉列表的列请从列表中选择; 是/否 列填“是”或“否”; “(选填)”列可以留空。",
    "村(社区)编号见“村(社区)”表, 可关联的党组织、干部、党员等编号见“人员”表。",
    "导入时先试运行: 每条被拒绝的记录都会指出工作表、行和列(如 党员!C12)及原因, 确认后才写入。",
    "Row 1: Chinese headers; row 2: field names (keep them); data from row 3. Import = dry run first, then commit.",
)


def _instructions(wb: xlsxwriter.Workbook, fmt: _Formats, sections: Sequence[Section], note: str | None) -> None:
    ws = wb.add_worksheet(INSTRUCTIONS_SHEET)
    ws.set_column(0, 12, 18)
    r = 0
    for line in ((note,) if note else ()) + INSTRUCTIONS:
        ws.write_string(r, 0, line)
        r += 1
    for section in sections:
        r += 1
        ws.write_string(r, 0, f"{section.title}(工作表“{section.sheet}”)示例:", fmt.title)
        r += 1
        hints = ["、".join(label for _, label in c.choices) if c.choices else c.note for c in section.columns]
        for line, cells in enumerate(([c.header for c in section.columns], section.fields, section.example, hints)):
            for col, value in enumerate(cells):
                if value:
                    ws.write_string(r, col, value, (fmt.header, fmt.field, None, None)[line])
            r += 1


def sections_named(name: str) -> list[Section]:
    """``all``, a group (:data:`~orgnet.sheets.sections.GROUPS`) or one section (by section or sheet
    name); ``KeyError`` otherwise.

    >>> [s.sheet for s in sections_named("party_roster")]
    ['党员', '党员联系户']
    """
    from orgnet.sheets.sections import GROUPS, by_sheet

    if name == "all":
        return list(SECTIONS.values())
    if name in GROUPS:
        return [SECTIONS[s] for s in GROUPS[name]]

    section = by_sheet(name)
    if section is None:
        raise KeyError(name)
    return [section]
