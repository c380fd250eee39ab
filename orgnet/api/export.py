"""Export of a gap list to CSV and to Excel (``.xlsx``, openpyxl).

A gap item (``GET /v1/gaps/{metric}``) is nested: a region path and a ``details`` mapping.
An export flattens it into one row per item with fixed columns, the region path spelled out
per level, and the details as ``key: value`` text, so a planner can sort and filter in Excel.

>>> item = {"id": "320321-008-007", "label": "Village", "name": "某村", "reason": "No party organisation.",
...         "region_path": [{"id": "320300", "name": "徐州市", "level": "city"},
...                         {"id": "320321", "name": "丰县", "level": "county"},
...                         {"id": "320321-008", "name": "某镇", "level": "town"}],
...         "details": {"kind": "village"}}
>>> row = flatten(item, metric="party_org_presence")
>>> row["county"], row["town"], row["region_path"], row["details"]
('丰县', '某镇', '徐州市 / 丰县 / 某镇', 'kind: village')
>>> to_csv([row]).decode("utf-8-sig").splitlines()[1].split(",")[:3]
['party_org_presence', '320321-008-007', 'Village']
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

# Column key → (English header, Chinese header).
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("metric", "metric", "指标"),
    ("id", "id", "编号"),
    ("label", "type", "类型"),
    ("name", "name", "名称"),
    ("county", "county", "县(市、区)"),
    ("town", "town", "镇(街道)"),
    ("village", "village", "村(社区)"),
    ("region_path", "region path", "所在区划"),
    ("region_id", "region id", "区划编号"),
    ("reason", "reason", "原因"),
    ("details", "details", "详情"),
)
FORMATS = ("csv", "xlsx")
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
# Spreadsheet programs run a cell starting with these as a formula; exports are read by people.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _detail_value(value: Any) -> str:
    if isinstance(value, list):
        if all(isinstance(v, str | int | float) for v in value):
            return ", ".join(str(v) for v in value)
        return "; ".join(_detail_value(v) for v in value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_detail_value(v)}" for k, v in value.items()) + "}"
    if value is None:
        return ""
    return str(value)


def details_text(details: Mapping[str, Any] | None) -> str:
    """``details`` as readable text.

    >>> details_text({"missing_levels": ["county", "town"], "outside_jurisdiction": [{"cadre_id": "c-1", "level": "town"}]})
    'missing_levels: county, town; outside_jurisdiction: {cadre_id: c-1, level: town}'
    """
    return "; ".join(f"{k}: {_detail_value(v)}" for k, v in (details or {}).items())


def flatten(item: Mapping[str, Any], *, metric: str) -> dict[str, str]:
    """One export row of one gap item (every column present, strings only)."""
    path = item.get("region_path") or []
    by_level = {p.get("level"): p for p in path}
    # An item that is a region itself (a village without a party organisation) is its own village.
    if item.get("label") == "Village" and "village" not in by_level:
        village_name = item.get("name") or ""
    else:
        village_name = (by_level.get("village") or {}).get("name", "")
    return {
        "metric": metric,
        "id": str(item.get("id", "")),
        "label": str(item.get("label") or ""),
        "name": "" if item.get("name") is None else str(item["name"]),
        "county": (by_level.get("county") or {}).get("name", ""),
        "town": (by_level.get("town") or {}).get("name", ""),
        "village": village_name,
        "region_path": " / ".join(p.get("name", "") for p in path),
        "region_id": path[-1].get("id", "") if path else "",
        "reason": str(item.get("reason") or ""),
        "details": details_text(item.get("details")),
    }


def _safe(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection): a leading ``'`` keeps the text as text.

    >>> _safe("=HYPERLINK(1)"), _safe("丰县")
    ("'=HYPERLINK(1)", '丰县')
    """
    return "'" + value if value.startswith(_FORMULA_START) else value


def headers(lang: str = "en") -> list[str]:
    return [zh if lang == "zh" else en for _, en, zh in COLUMNS]


def to_csv(rows: Iterable[Mapping[str, str]], *, lang: str = "en") -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel shows Chinese correctly), header first."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(headers(lang))
    for row in rows:
        w.writerow([_safe(row.get(key, "")) for key, _, _ in COLUMNS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(
    rows: list[Mapping[str, str]],
    *,
    about: Mapping[str, Any],
    lang: str = "en",
) -> bytes:
    """An Excel workbook: sheet ``gaps`` (header, frozen, filterable) and sheet ``about`` (what this is)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "gaps"
    ws.append(headers(lang))
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="B03A2E")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
    widths = [len(h) + 2 for h in headers(lang)]
    for row in rows:
        values = [row.get(key, "") for key, _, _ in COLUMNS]
        ws.append(values)
        for cell in ws[ws.max_row]:  # text that looks like a formula stays text
            if cell.data_type == "f":
                cell.data_type = "s"
        for i, v in enumerate(values):
            widths[i] = max(widths[i], min(60, len(v) * (2 if any(ord(c) > 0x2E80 for c in v) else 1) + 2))
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, len(rows) + 1)}"

    info = wb.create_sheet("about")
    for key, value in about.items():
        info.append([key, value if isinstance(value, str | int | float) else json.dumps(value, ensure_ascii=False)])
    info.column_dimensions["A"].width = 18
    info.column_dimensions["B"].width = 80
    for cell in info["A"]:
        cell.font = Font(bold=True)

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def filename(metric: str, region_id: str, as_of: str, fmt: str) -> str:
    """``gaps-<metric>-<region>-<date>.<fmt>`` (ASCII only, safe in a header).

    >>> filename("party_org_presence", "320321", "2020-03-31", "csv")
    'gaps-party_org_presence-320321-2020-03-31.csv'
    """
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in f"{metric}-{region_id}-{as_of}")
    return f"gaps-{safe}.{fmt}"


def about_sheet(*, metric: str, title: str, region: Mapping[str, Any], as_of: str, total: int, rows: int, truncated: bool, policy: str) -> dict[str, Any]:
    return {
        "metric": metric,
        "title": title,
        "region": " / ".join(p["name"] for p in region.get("path", [])) or region.get("name", ""),
        "region id": region.get("id", ""),
        "as of": as_of,
        "policy": policy,
        "uncovered items": total,
        "rows exported": rows,
        "truncated": "yes" if truncated else "no",
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
    }
