"""Export of a gap list to CSV and to Excel (``.xlsx``, openpyxl).

A gap item (``GET /v1/gaps/{metric}``) is nested: a region path and a ``details`` mapping.
An export flattens it into one row per item with fixed columns, the region path spelled out
per level, and the details as ``key: value`` text, so a planner can sort and filter in Excel.
It is over 400 lines because it holds both formats and their texts in two languages (headers,
region types, reasons, the about sheet), which must stay in step.

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
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, BinaryIO

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
# Spreadsheet programs run a CSV cell starting with these as a formula; exports are read by people.
_FORMULA_START = ("=", "+", "-", "@")
# Control characters that some programs drop or act on at the start of a cell.
_CONTROL_START = ("\t", "\r", "\n")
# Rows per CSV chunk of a streamed response: few enough to bound memory, enough to keep the
# per-chunk overhead (one thread hop each) small.
CSV_CHUNK_ROWS = 200
# Column widths of the workbook (write-only sheets need them before the first row).
XLSX_WIDTHS = {
    "metric": 22,
    "id": 24,
    "label": 16,
    "name": 14,
    "county": 12,
    "town": 14,
    "village": 16,
    "region_path": 44,
    "region_id": 20,
    "reason": 60,
    "details": 60,
}

# ----------------------------------------------------------------------------- the user's language
# A zh export is Chinese throughout: headers, type, reason, details, metric and the about sheet.

LEVEL_ZH = {"nation": "国", "province": "省", "city": "市", "county": "县", "town": "镇", "village": "村"}
# What an item is (its node label; a village-level region is a 社区 when it is a community).
TYPE_TEXT: dict[str, tuple[str, str]] = {
    "Enterprise": ("Enterprise", "企业"),
    "Cadre": ("Cadre", "干部"),
    "Village": ("Village", "村"),
    "Community": ("Community", "社区"),
    "Household": ("Household", "户"),
    "PartyMember": ("Party member", "党员"),
    "CentralHousehold": ("Central household", "党员中心户"),
    "Checkpoint": ("Checkpoint", "卡口"),
    "MedicalWorker": ("Medical worker", "医务人员"),
}
# Metrics whose population is communities (a Village-labelled region of kind community).
COMMUNITY_METRICS = ("community_teams", "community_funding")
# Readable names of the ``details`` keys.
DETAIL_KEYS: dict[str, tuple[str, str]] = {
    "missing_levels": ("missing levels", "缺少层级"),
    "outside_jurisdiction": ("paired outside jurisdiction", "辖区外包挂"),
    "kind": ("kind", "类别"),
    "active_pairings": ("active pairings", "有效包挂数"),
    "maximum": ("maximum", "上限"),
    "level": ("level", "层级"),
    "active_links": ("active links", "有效联系数"),
    "last_link_ended": ("last link ended", "最近联系结束"),
    "target": ("target", "目标"),
    "members": ("members", "党员数"),
    "deployed": ("deployed teams", "派驻服务队"),
    "min_team_size": ("minimum team size", "服务队最少人数"),
    "batch": ("batch", "批次"),
    "destination": ("destination", "派往地"),
    "active_supports": ("active supports", "有效帮扶数"),
    "last_support_ended": ("last support ended", "最近帮扶结束"),
    "allocated": ("allocated (CNY)", "已拨付（元）"),
    "standard": ("standard (CNY)", "标准（元）"),
    "funds": ("funds", "经费"),
}
VALUE_ZH = {
    "city": "市",
    "county": "县",
    "town": "镇",
    "village": "村",
    "community": "社区",
    "city_owned": "市属企业",
    "non_public": "非公企业",
    "talent": "人才企业",
}
ABOUT_ZH = {
    "metric": "指标",
    "title": "名称",
    "region": "区划",
    "region id": "区划编号",
    "as of": "日期",
    "policy": "规则",
    "uncovered items": "未覆盖对象",
    "filters": "筛选条件",
    "rows exported": "导出行数",
    "truncated": "是否截断",
    "complete": "是否完整",
    "generated": "生成时间",
    "yes": "是",
    "no": "否",
}


def type_text(item: Mapping[str, Any], *, metric: str, lang: str = "en") -> str:
    """The item's type in the user's language; a community is a community, not a village.

    >>> type_text({"label": "Village", "details": {"kind": "community"}}, metric="party_org_presence", lang="zh")
    '社区'
    >>> type_text({"label": "Village", "details": {}}, metric="community_funding")
    'Community'
    """
    label = str(item.get("label") or "")
    details = item.get("details") or {}
    if label == "Village" and (details.get("kind") == "community" or metric in COMMUNITY_METRICS):
        label = "Community"
    en, zh = TYPE_TEXT.get(label, (label, label))
    return zh if lang == "zh" else en


def _num(x: Any) -> str:
    return f"{x:,.2f}" if isinstance(x, float) else str(x)


def reason_text(item: Mapping[str, Any], *, metric: str, lang: str = "en") -> str:
    """The reason of a gap in the user's language (the API's ``reason`` is English).

    >>> reason_text({"reason": "x", "details": {"kind": "community"}}, metric="party_org_presence", lang="zh")
    '该社区没有党组织。'
    """
    if lang != "zh":
        return str(item.get("reason") or "")
    d = item.get("details") or {}
    lv = lambda v: LEVEL_ZH.get(v, str(v))  # noqa: E731
    if metric == "enterprise_pairing":
        parts = []
        if d.get("missing_levels"):
            parts.append(f"辖区内没有{'、'.join(lv(v) for v in d['missing_levels'])}级干部有效包挂")
        if d.get("outside_jurisdiction"):
            who = "、".join(f"{o['cadre_id']}（{lv(o['level'])}级）" for o in d["outside_jurisdiction"])
            parts.append(f"包挂干部不在企业所在辖区：{who}")
        return "；".join(parts) + "。" if parts else "未覆盖。"
    if metric == "cadre_load":
        if d.get("maximum") is None:
            return f"当前有效包挂 {d.get('active_pairings')} 家；规则未设{lv(d.get('level'))}级干部上限。"
        return f"当前有效包挂 {d.get('active_pairings')} 家，超过{lv(d.get('level'))}级干部上限 {d['maximum']} 家。"
    if metric == "party_org_presence":
        return f"该{'社区' if d.get('kind') == 'community' else '村'}没有党组织。"
    if metric == "household_linkage":
        ended = d.get("last_link_ended")
        return f"当日没有党员联系该户{f'（最近一次联系于 {ended} 结束）' if ended else ''}。"
    if metric == "member_link_load":
        return f"实际有效联系 {d.get('active_links')} 户，目标为 {d.get('target')} 户。"
    if metric == "central_household_size":
        return f"中心户有 {d.get('members')} 名党员，目标为 {d.get('target')} 名。"
    if metric in ("community_teams", "checkpoint_staffing"):
        what = "社区" if metric == "community_teams" else "卡口"
        if not d.get("deployed"):
            return f"当日没有志愿服务队派驻该{what}。"
        teams = "、".join(f"{t['team_id']}（{t['active_members']} 人）" for t in d["deployed"])
        return f"派驻的服务队在岗党员少于 {d.get('min_team_size')} 人：{teams}。"
    if metric == "medical_family_support":
        ended = d.get("last_support_ended")
        return f"没有有效的家庭帮扶联系人（第 {d.get('batch')} 批，{d.get('destination')}）{f'；最近一次帮扶于 {ended} 结束' if ended else ''}。"
    if metric == "community_funding":
        allocated, standard = d.get("allocated") or 0, d.get("standard") or 0
        return f"已拨付 {allocated:,.2f} 元，低于标准 {standard:,.2f} 元（缺 {standard - allocated:,.2f} 元）。"
    return str(item.get("reason") or "")


def _detail_value(value: Any, lang: str = "en") -> str:
    sep = "、" if lang == "zh" else ", "
    if isinstance(value, list):
        return sep.join(_detail_value(v, lang) for v in value)
    if isinstance(value, Mapping):
        # a paired cadre or a deployed team: its id, then what matters about it in brackets
        ident = next((str(value[k]) for k in ("cadre_id", "team_id", "id") if k in value), None)
        rest = [_detail_value(v, lang) for k, v in value.items() if k not in ("cadre_id", "team_id", "id")]
        if ident is not None:
            return f"{ident} ({', '.join(rest)})" if rest else ident
        return "{" + ", ".join(f"{k}: {_detail_value(v, lang)}" for k, v in value.items()) + "}"
    if value is None:
        return "—" if lang == "zh" else "none"
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if lang == "zh" and isinstance(value, str):
        return VALUE_ZH.get(value, value)
    return _num(value)


def details_text(details: Mapping[str, Any] | None, lang: str = "en") -> str:
    """``details`` as readable text, keys named in the user's language.

    >>> details_text({"missing_levels": ["county", "town"], "outside_jurisdiction": [{"cadre_id": "c-1", "level": "town"}]})
    'missing levels: county, town; paired outside jurisdiction: c-1 (town)'
    >>> details_text({"missing_levels": ["county"], "kind": "city_owned"}, lang="zh")
    '缺少层级：县；类别：市属企业'
    """
    key = (lambda k: DETAIL_KEYS.get(k, (k, k))[1]) if lang == "zh" else (lambda k: DETAIL_KEYS.get(k, (k.replace("_", " "), k))[0])
    colon, sep = ("：", "；") if lang == "zh" else (": ", "; ")
    return sep.join(f"{key(k)}{colon}{_detail_value(v, lang)}" for k, v in (details or {}).items())


def flatten(item: Mapping[str, Any], *, metric: str, lang: str = "en", metric_title: str | None = None) -> dict[str, str]:
    """One export row of one gap item (every column present, strings only), in the user's
    language; ``metric_title`` is shown in the metric column when given (the zh title)."""
    path = item.get("region_path") or []
    by_level = {p.get("level"): p for p in path}
    # An item that is a region itself (a village without a party organisation) is its own village.
    if item.get("label") == "Village" and "village" not in by_level:
        village_name = item.get("name") or ""
    else:
        village_name = (by_level.get("village") or {}).get("name", "")
    return {
        "metric": metric_title or metric,
        "id": str(item.get("id", "")),
        "label": type_text(item, metric=metric, lang=lang),
        "name": "" if item.get("name") is None else str(item["name"]),
        "county": (by_level.get("county") or {}).get("name", ""),
        "town": (by_level.get("town") or {}).get("name", ""),
        "village": village_name,
        "region_path": " / ".join(p.get("name", "") for p in path),
        "region_id": path[-1].get("id", "") if path else "",
        "reason": reason_text(item, metric=metric, lang=lang),
        "details": details_text(item.get("details"), lang),
    }


def _ignorable(c: str) -> bool:
    """Characters a spreadsheet may skip before it looks for a formula: white space, line breaks
    and invisible format characters (zero-width space U+200B, bidi overrides such as U+202E,
    the byte-order mark)."""
    return c.isspace() or unicodedata.category(c) in ("Cf", "Cc", "Zs", "Zl", "Zp")


def neutralise(value: str) -> str:
    r"""The text of a CSV cell that no spreadsheet runs as a formula (CSV injection).

    A cell is neutralised with a leading ``'`` (Excel and LibreOffice then show it as text) when,
    after any white space, line breaks or invisible format characters, it starts with ``=``,
    ``+``, ``-`` or ``@``, also in their full-width or small forms (``＝``, ``﹦``, ``＋``, ``－``,
    ``＠``: NFKC folds them), or when it starts with a tab, carriage return or line feed.
    Anything else is returned unchanged.

    >>> neutralise("=HYPERLINK(1)"), neutralise(" =1+1"), neutralise("\u200b=1"), neutralise("\u202e=1")
    ("'=HYPERLINK(1)", "' =1+1", "'\u200b=1", "'\u202e=1")
    >>> neutralise("＝1+1"), neutralise("\n=1"), neutralise("丰县"), neutralise("a=b")
    ("'＝1+1", "'\n=1", '丰县', 'a=b')
    """
    if not value:
        return value
    if value.startswith(_CONTROL_START):
        return "'" + value
    i = 0
    while i < len(value) and _ignorable(value[i]):
        i += 1
    if i < len(value) and unicodedata.normalize("NFKC", value[i]).startswith(_FORMULA_START):
        return "'" + value
    return value


def headers(lang: str = "en") -> list[str]:
    return [zh if lang == "zh" else en for _, en, zh in COLUMNS]


def _csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def csv_chunks(rows: Iterable[Mapping[str, str]], *, lang: str = "en", chunk_rows: int = CSV_CHUNK_ROWS) -> Iterator[bytes]:
    """UTF-8 CSV with a byte-order mark (so Excel shows Chinese correctly), header first, as
    chunks of at most ``chunk_rows`` rows written as the rows arrive (memory bounded by a chunk,
    whatever the number of rows).  Every cell goes through :func:`neutralise`.

    >>> b"".join(csv_chunks([{"id": "=1"}])).decode("utf-8-sig").splitlines()[1]
    ",'=1,,,,,,,,,"
    """
    yield ("\ufeff" + _csv_text([headers(lang)])).encode("utf-8")
    batch: list[list[str]] = []
    for row in rows:
        batch.append([neutralise(row.get(key, "")) for key, _, _ in COLUMNS])
        if len(batch) >= chunk_rows:
            yield _csv_text(batch).encode("utf-8")
            batch = []
    if batch:
        yield _csv_text(batch).encode("utf-8")


def to_csv(rows: Iterable[Mapping[str, str]], *, lang: str = "en") -> bytes:
    """The whole CSV of :func:`csv_chunks` as one ``bytes``."""
    return b"".join(csv_chunks(rows, lang=lang))


def write_xlsx(
    rows: Iterable[Mapping[str, str]],
    out: BinaryIO,
    *,
    about: Mapping[str, Any] | Callable[[int], Mapping[str, Any]],
    lang: str = "en",
) -> int:
    """Write an Excel workbook to ``out``: sheet ``gaps`` (header, frozen, filterable) and sheet
    ``about`` (what this is); return the number of rows written.

    The workbook is openpyxl's *write-only* kind: each row is written out as it arrives (to a
    temporary file), never held as cells in memory nor looked up again, so the time is linear in
    the rows.  Every value is a text cell (``t="s"``), so nothing is ever a formula, whatever it
    starts with.  ``about`` may be a callable taking the number of rows written (it is called
    after the last row, so it can say whether the export is complete).
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("gaps")
    for i, (key, _, _) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = XLSX_WIDTHS.get(key, 20)
    ws.freeze_panes = "A2"
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="B03A2E")

    def text(value: Any, **style: Any) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=value)
        for name, v in style.items():
            setattr(cell, name, v)
        if cell.data_type == "f":  # text that looks like a formula stays text
            cell.data_type = "s"
        return cell

    ws.append([text(h, font=bold, fill=fill) for h in headers(lang)])
    n = 0
    for row in rows:
        ws.append([text(row.get(key, "")) for key, _, _ in COLUMNS])
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{n + 1}"

    info = wb.create_sheet("about")
    info.column_dimensions["A"].width = 18
    info.column_dimensions["B"].width = 80
    key_font = Font(bold=True)
    for key, value in (about(n) if callable(about) else about).items():
        shown = value if isinstance(value, str | int | float) else json.dumps(value, ensure_ascii=False)
        info.append([text(key, font=key_font), text(shown) if isinstance(shown, str) else shown])
    wb.save(out)
    return n


def to_xlsx(rows: Iterable[Mapping[str, str]], *, about: Mapping[str, Any], lang: str = "en") -> bytes:
    """The workbook of :func:`write_xlsx` as ``bytes``."""
    out = io.BytesIO()
    write_xlsx(rows, out, about=about, lang=lang)
    return out.getvalue()


def filename(metric: str, region_id: str, as_of: str, fmt: str) -> str:
    """``gaps-<metric>-<region>-<date>.<fmt>`` (ASCII only, safe in a header).

    >>> filename("party_org_presence", "320321", "2020-03-31", "csv")
    'gaps-party_org_presence-320321-2020-03-31.csv'
    """
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in f"{metric}-{region_id}-{as_of}")
    return f"gaps-{safe}.{fmt}"


def about_sheet(
    *,
    metric: str,
    title: str,
    region: Mapping[str, Any],
    as_of: str,
    total: int,
    rows: int,
    truncated: bool,
    policy: str,
    ended_early: str | None = None,
    filters: str = "",
    lang: str = "en",
) -> dict[str, Any]:
    """The ``about`` sheet (keys and yes/no in the user's language); ``ended_early`` says why an
    export stopped before its last row; ``filters`` the filters the list was exported with."""
    yes, no = ("是", "否") if lang == "zh" else ("yes", "no")
    about = {
        "metric": metric,
        "title": title,
        "region": " / ".join(p["name"] for p in region.get("path", [])) or region.get("name", ""),
        "region id": region.get("id", ""),
        "as of": as_of,
        "policy": policy,
        "filters": filters or ("无" if lang == "zh" else "none"),
        "uncovered items": total,
        "rows exported": rows,
        "truncated": yes if truncated else no,
        "complete": f"{no}: {ended_early}" if ended_early else yes,
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
    }
    return {ABOUT_ZH[k]: v for k, v in about.items()} if lang == "zh" else about
