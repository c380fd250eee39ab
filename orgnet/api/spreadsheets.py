"""The rows of a gap export and their texts in two languages; the files (CSV and ``.xlsx``) are
written by :mod:`orgnet.api.sheet_files`, the route is api/routes/export.py.

A gap item (``GET /v1/gaps/{metric}``) is nested: a region path and a ``details`` mapping.
An export flattens it into one row per item with fixed columns, the region path spelled out
per level, and the details as ``key: value`` text, so a planner can sort and filter in Excel.
The same rows come from a streamed list (:class:`GapSheet`, a region at a time), and every cell is
kept from running as a formula (:func:`neutralise`).  The reasons are the metric units'.

>>> item = {"id": "320321-008-007", "label": "Village", "name": "某村", "reason": "No party organisation.",
...         "region_path": [{"id": "320300", "name": "徐州市", "level": "city"},
...                         {"id": "320321", "name": "丰县", "level": "county"},
...                         {"id": "320321-008", "name": "某镇", "level": "town"}],
...         "details": {"kind": "village"}}
>>> row = flatten(item, metric="party_org_presence")
>>> row["county"], row["town"], row["region_path"], row["details"]
('丰县', '某镇', '徐州市 / 丰县 / 某镇', 'kind: village')
>>> row["metric"], row["id"], row["label"]
('party_org_presence', '320321-008-007', 'Village')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from orgnet.coverage.metrics import METRICS

_UNITS = {m.name: m for m in METRICS}

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
# Column widths of the workbook.
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
    "most rows per export": "单次导出上限",
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
    """The reason of a gap in the user's language (the API's ``reason`` is English); the
    sentences are the metric unit's (:meth:`~orgnet.coverage.metrics.Metric.reason_in`).

    >>> from orgnet.coverage.metrics import get_metric
    >>> item = {"reason": "x", "details": {"kind": "community"}}
    >>> reason_text(item, metric="party_org_presence", lang="zh") == get_metric("party_org_presence").reason_in(item["details"], "zh")
    True
    >>> reason_text({"reason": "x", "details": {}}, metric="nope", lang="zh")
    'x'
    """
    unit = _UNITS.get(metric)
    if lang != "zh" or unit is None or unit.reason_zh is None:
        return str(item.get("reason") or "")
    return unit.reason_in(dict(item.get("details") or {}), "zh")


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
    language; ``metric_title`` is shown in the metric column when given (the zh title).  The
    same cells as a streamed export's (:class:`GapSheet`)."""
    details = dict(item.get("details") or {})
    (row,) = GapSheet(metric, lang=lang, metric_title=metric_title).rows(item.get("region_path") or [], [(str(item.get("id", "")), item.get("name"), details)])
    return dict(zip((key for key, _, _ in COLUMNS), row, strict=True))


# ----------------------------------------------------------------------------- formulas (CSV injection)
# OWASP's rule: no cell may start a formula (= + - @, a tab or a line break), also where a
# spreadsheet starts a cell that the writer did not: after any separator a program may split on
# (`,` `;` or a tab, whatever the list separator of the reader's locale) or a line break.  A
# spreadsheet may skip white space and invisible characters before it looks for the formula, and
# folds full-width and small forms (NFKC): both classes are below, as code point ranges
# (tests/unit/test_expensive_requests.py recomputes them from the whole of Unicode).
_SKIPPABLE_RANGES = (
    (0x0, 0x20), (0x7F, 0xA0), (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F),
    (0x890, 0x891), (0x8E2, 0x8E2), (0x1680, 0x1680), (0x180E, 0x180E), (0x2000, 0x200F), (0x2028, 0x202F),
    (0x205F, 0x2064), (0x2066, 0x206F), (0x3000, 0x3000), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip
_FORMULA_RANGES = (
    (0x2B, 0x2B), (0x2D, 0x2D), (0x3D, 0x3D), (0x40, 0x40), (0x207A, 0x207A), (0x207C, 0x207C), (0x208A, 0x208A),
    (0x208C, 0x208C), (0x2A75, 0x2A76), (0xFB29, 0xFB29), (0xFE62, 0xFE63), (0xFE66, 0xFE66), (0xFE6B, 0xFE6B),
    (0xFF0B, 0xFF0B), (0xFF0D, 0xFF0D), (0xFF1D, 0xFF1D), (0xFF20, 0xFF20),
)  # fmt: skip
# Where a reader may start a cell inside a value: the list separators of every locale, and line breaks.
SEPARATORS = ",;\t\r\n"


def _char_class(ranges: Iterable[tuple[int, int]], extra: str = "") -> str:
    return "[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges) + re.escape(extra) + "]"


_SKIP = _char_class(_SKIPPABLE_RANGES, '"')  # a quote too: `x;"=1"` is the cell `=1` to a reader splitting on `;`
_FORMULA = _char_class(_FORMULA_RANGES)
_RISKY_START = re.compile(rf"[\t\r\n]|{_SKIP}*{_FORMULA}")
_RISKY_AFTER_SEPARATOR = re.compile(rf"([{re.escape(SEPARATORS)}])(?=[\t\r\n]|{_SKIP}*{_FORMULA})")


def neutralise(value: str) -> str:
    r"""The text of a CSV cell that no spreadsheet runs as a formula (CSV injection), whichever
    separator it splits the line on.

    A ``'`` (Excel and LibreOffice then read text) goes before the cell when, after any white space,
    line breaks, quotes or invisible format characters, it starts with ``=``, ``+``, ``-`` or ``@``,
    also in their full-width or small forms (``＝``, ``﹦``, ``＋``, ``－``, ``＠``: NFKC folds them),
    or when it starts with a tab, carriage return or line feed; and after every separator
    (:data:`SEPARATORS`) that such a start follows.  Anything else is returned unchanged.

    >>> neutralise("=HYPERLINK(1)"), neutralise(" =1+1"), neutralise("\u200b=1"), neutralise("＝1+1")
    ("'=HYPERLINK(1)", "' =1+1", "'\u200b=1", "'＝1+1")
    >>> neutralise("x;=cmd|' /C calc'!A0"), neutralise("a,b; -1"), neutralise("\n=1"), neutralise("a;\tb")
    ("x;'=cmd|' /C calc'!A0", "a,b;' -1", "'\n'=1", "a;'\tb")
    >>> neutralise("丰县"), neutralise("a=b"), neutralise("hh-00001-01-01"), neutralise("kind: village; level: town")
    ('丰县', 'a=b', 'hh-00001-01-01', 'kind: village; level: town')
    """
    if not value:
        return value
    if _RISKY_AFTER_SEPARATOR.search(value):
        value = _RISKY_AFTER_SEPARATOR.sub(r"\1'", value)
    if _RISKY_START.match(value):
        value = "'" + value
    return value


def risky(value: str) -> bool:
    """Whether :func:`neutralise` would change ``value`` (a workbook marks such a text cell
    quote-prefixed, so that editing it in Excel keeps it text)."""
    return bool(value) and bool(_RISKY_START.match(value) or _RISKY_AFTER_SEPARATOR.search(value))


def headers(lang: str = "en") -> list[str]:
    return [zh if lang == "zh" else en for _, en, zh in COLUMNS]


# ----------------------------------------------------------------------------- rows of a streamed list


class GapSheet:
    """The cells of export rows, straight from a streamed gap list
    (:func:`orgnet.coverage.gap_export.stream_gaps`: a region path and its items at a time), in
    :data:`COLUMNS` order.  What is the same for a region's rows (its columns) or for a whole
    file (the metric, the types) is written once, not per row; the result is what
    :func:`flatten` gives for the same item."""

    def __init__(self, metric: str, *, lang: str = "en", metric_title: str | None = None) -> None:
        self.metric = metric
        self.lang = lang
        self._unit = _UNITS[metric]
        self._metric_cell = metric_title or metric
        self._types: dict[tuple[str, Any], str] = {}

    def _type(self, details: Mapping[str, Any]) -> str:
        label = self._unit.item_label(dict(details))
        key = (label, details.get("kind") if label == "Village" else None)
        text = self._types.get(key)
        if text is None:
            text = self._types[key] = type_text({"label": label, "details": {"kind": key[1]}}, metric=self.metric, lang=self.lang)
        return text

    def rows(self, path: list[Mapping[str, str]], items: Iterable[tuple[str, str | None, dict[str, Any]]]) -> list[list[str]]:
        """One row per ``(id, name, details)`` item located in the region ``path``."""
        by_level = {p.get("level"): p for p in path}
        county = (by_level.get("county") or {}).get("name", "")
        town = (by_level.get("town") or {}).get("name", "")
        village = (by_level.get("village") or {}).get("name")
        path_text = " / ".join(p.get("name", "") for p in path)
        region_id = path[-1].get("id", "") if path else ""
        reason = self._unit.reason_in
        out = []
        for item_id, name, details in items:
            label = self._type(details)
            # an item that is a region itself (a village without a party organisation) is its own village
            own_village = village if village is not None else (name or "" if self._unit.label == "Village" else "")
            out.append(
                [
                    self._metric_cell,
                    item_id,
                    label,
                    "" if name is None else name,
                    county,
                    town,
                    own_village,
                    path_text,
                    region_id,
                    reason(details, self.lang),
                    details_text(details, self.lang),
                ]
            )
        return out


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
    max_rows: int | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """The ``about`` sheet (keys and yes/no in the user's language): how many rows the workbook
    holds of how many items, and whether that is all; ``ended_early`` says why an export stopped
    before its last row; ``filters`` the filters the list was exported with; ``max_rows`` the
    most rows one export holds."""
    yes, no = ("是", "否") if lang == "zh" else ("yes", "no")
    complete = yes
    if ended_early:
        complete = f"{no}: {ended_early}"
    elif truncated:
        complete = f"{no}: 仅前 {rows:,} 行" if lang == "zh" else f"{no}: the first {rows:,} rows"
    elif rows != total:
        complete = f"{yes}：导出期间清单有变化" if lang == "zh" else f"{yes}: the list changed while it was exported"
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
        "complete": complete,
        **({"most rows per export": max_rows} if max_rows is not None else {}),
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
    }
    return {ABOUT_ZH[k]: v for k, v in about.items()} if lang == "zh" else about
