"""The rows of a read workbook as bundle records, each problem pointing at its cell (``党员!C12``).

No database here: each cell is converted (:func:`orgnet.sheets.values.convert`), then the record is
checked by its section's model (the bundle's rules: ids, texts, dates in order); a row with any
problem is refused, with every problem it has.  What needs the database (references, scope, what
is new or changed) is :mod:`orgnet.sheets.plan`'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from orgnet.graph.model import SECTION_MODELS
from orgnet.sheets import identity
from orgnet.sheets.reader import Sheet, Workbook
from orgnet.sheets.values import Bad, convert, is_blank, shown

# Sections whose rows may leave the id out: matched by name and village (orgnet.sheets.plan.match_by_name).
MATCHED_BY_NAME = {"party_members"}
# pydantic's sentences (the bundle's own) and what a planner reads
_ZH = {
    "missing": "必填项为空",
    "string_pattern_mismatch": "编号只能包含字母、数字和 _ . : -",
    "string_too_long": "内容过长",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
}


@dataclass(frozen=True)
class Refusal:
    cell: str  # 党员!C12, or 党员!12 for the row
    field: str
    value: str
    zh: str
    en: str

    def as_dict(self) -> dict[str, str]:
        return {"cell": self.cell, "field": self.field, "value": self.value, "reason_zh": self.zh, "reason": self.en}


@dataclass
class Row:
    sheet: Sheet
    number: int
    raw: tuple[Any, ...]
    record: dict[str, Any] | None = None
    refusals: list[Refusal] = field(default_factory=list)
    key: str | None = None  # the record's id (an assignment's start~end~since)
    status: str | None = None  # added / changed / unchanged / refused
    id_hash: str | None = None  # the keyed hash of the row's 身份证号 (the number itself is never kept)

    @property
    def section(self) -> str:
        return self.sheet.section.section

    def refuse(self, field_name: str | None, zh: str, en: str) -> None:
        column = next((c for c in self.sheet.columns.values() if c.field == field_name), None)
        if column is None:
            cell, value = f"{self.sheet.name}!{self.number}", ""
        else:
            cell, value = self.sheet.cell(self.number, column), shown(self.sheet.values(self.raw).get(column.field))
            value = identity.HIDDEN if column.match_only and value else value
        self.refusals.append(Refusal(cell, field_name or "", value, zh, en))
        self.status = "refused"


def typed_rows(book: Workbook, id_key: bytes | None = None) -> list[Row]:
    """Every row of the workbook, converted and checked on its own; a 身份证号 becomes its hash under
    ``id_key`` at once (without a key such a row is refused)."""
    out = []
    for sheet in book.sheets:
        section = sheet.section
        present = {c.field for c in sheet.columns.values()}
        missing = [c for c in section.columns if c.required and c.field not in present]
        for number, raw in sheet.rows:
            row = Row(sheet, number, raw)
            out.append(row)
            for c in missing:
                row.refuse(None, f"工作表缺少必填列“{c.header}”({c.field})", f"the sheet has no column {c.field!r} ({c.header})")
            values = sheet.values(raw)
            record: dict[str, Any] = {}
            for c in sheet.columns.values():
                value = values.get(c.field)
                if is_blank(value):
                    if c.required:
                        row.refuse(c.field, f"“{c.header}”为必填项", f"{c.field} is required")
                    continue
                try:
                    if c.type == "idnumber":
                        if id_key is None:
                            raise Bad("服务器未配置身份证号密钥, 无法使用此列", "no ID_NUMBER_SECRET on this server: the column cannot be used")
                        row.id_hash = identity.keyed(id_key, identity.normal(value))
                    else:
                        record[c.field] = convert(c, value)
                except Bad as e:
                    row.refuse(c.field, e.zh, e.en)
            if row.refusals:
                continue
            if section.section in MATCHED_BY_NAME and "id" not in record:
                row.record = record  # the id comes from matching (orgnet.sheets.plan), then finish()
                continue
            finish(row, record)
    return out


def finish(row: Row, record: dict[str, Any]) -> None:
    """Check the record by its section's model; keep it (and its key) or refuse the row."""
    model = SECTION_MODELS[row.section]
    present = {c.field for c in row.sheet.columns.values()}
    try:
        model.model_validate(record)
    except ValidationError as e:
        for err in e.errors():
            name = str(err["loc"][0]) if err["loc"] else None
            en = err["msg"].removeprefix("Value error, ")
            zh = _ZH.get(err["type"], "不符合要求") if "before since" not in en else "结束日期早于开始日期"
            if "stages of an application" in en:
                zh = "各阶段日期应按先后顺序, 且不早于递交日期"
            row.refuse(name if name in record or name in present else None, zh, en)
        return
    row.record = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in record.items()}
    row.key = record_key(row.section, row.record)


def record_key(section: str, record: dict[str, Any]) -> str:
    """An item's id, or an assignment's ``start~end~since`` (the key the loader merges on)."""
    from orgnet.writes.records import KINDS, assignment_id

    kind = KINDS[section]
    if not kind.is_assignment:
        return str(record["id"])
    return assignment_id(start=record[kind.start_field], end=record[kind.end_field], since=record["since"])
