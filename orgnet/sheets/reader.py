"""A spreadsheet file into the rows of its sheets, each cell still as written, each row with its number.

``.xlsx`` is read by openpyxl in read-only mode (rows stream, memory stays flat) with the cached
values of formulas (never evaluated); ``.csv`` in UTF-8 (with or without BOM), UTF-16 (with BOM)
or GB18030 (a superset of GBK, which many offices' tools write).  Before anything is parsed an
``.xlsx`` (a zip) is checked against ``SHEET_MAX_ZIP_ENTRIES`` and ``SHEET_MAX_UNZIPPED_BYTES`` from
its directory (zip bombs); ``.xlsm`` (macros) and legacy ``.xls`` are refused with a message that
says what to do.  A sheet is recognised by its name (党员, or the section name) or else by its
header; the header is found among the first rows by the field names or the Chinese headers (a
merged group header above them is skipped), so columns may be in any order and unknown columns
are reported, not read.  Empty rows are skipped; hidden sheets and rows are read and reported.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from xml.etree.ElementTree import iterparse

from openpyxl.utils import get_column_letter

from orgnet.errors import InvalidInput
from orgnet.sheets.sections import INSTRUCTIONS_SHEET, LOOKUP_SHEET, PEOPLE_SHEET, SECTIONS, Column, Section, by_sheet
from orgnet.sheets.values import is_blank, nfkc

HEADER_SCAN_ROWS = 6
SKIPPED_SHEETS = {LOOKUP_SHEET, PEOPLE_SHEET, INSTRUCTIONS_SHEET}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class FileRefused(InvalidInput):
    """The whole file is refused (nothing of it read or written); ``zh`` / ``en`` say why."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}", errors=[{"field": "file", "reason": en, "reason_zh": zh}])
        self.zh, self.en = zh, en


@dataclass(frozen=True)
class Limits:
    max_rows: int = 100_000
    max_unzipped_bytes: int = 256 * 1_048_576
    max_zip_entries: int = 500

    @classmethod
    def of(cls, settings: Any) -> Limits:
        return cls(settings.sheet_max_rows, settings.sheet_max_unzipped_bytes, settings.sheet_max_zip_entries)


@dataclass
class Sheet:
    """A sheet holding one section: which column is which field, and its rows (number, values)."""

    section: Section
    name: str
    columns: dict[int, Column]
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)
    hidden: bool = False
    hidden_rows: list[int] = field(default_factory=list)

    def cell(self, row: int, column: Column) -> str:
        """``党员!C12``"""
        col = next(i for i, c in self.columns.items() if c is column)
        return f"{self.name}!{get_column_letter(col + 1)}{row}"

    def values(self, raw: tuple[Any, ...]) -> dict[str, Any]:
        return {c.field: raw[i] if i < len(raw) else None for i, c in self.columns.items()}


@dataclass
class Workbook:
    filename: str
    sha256: str
    sheets: list[Sheet] = field(default_factory=list)
    notes: list[dict[str, str]] = field(default_factory=list)  # hidden sheets/rows, ignored sheets/columns

    @property
    def rows(self) -> int:
        return sum(len(s.rows) for s in self.sheets)

    def note(self, zh: str, en: str) -> None:
        self.notes.append({"zh": zh, "en": en})


def _key(value: Any) -> str:
    return re.sub(r"[*＊\s]|\(选填\)|（选填）", "", nfkc(value)) if not is_blank(value) else ""


def find_header(top: list[tuple[Any, ...]], candidates: Iterable[Section]) -> tuple[Section, dict[int, Column], int, list[str]] | None:
    """The section whose columns the first rows name best: ``(section, columns by index, rows of
    header, unknown headers)``; a row counts as header when it names at least one column."""
    best = None
    for section in candidates:
        names = {}
        for c in section.columns:
            names[c.field] = c
            names[_key(c.header)] = c
        columns: dict[int, Column] = {}
        last = -1
        for r, row in enumerate(top[:HEADER_SCAN_ROWS]):
            hits = {i: names[_key(v)] for i, v in enumerate(row) if _key(v) in names}
            if hits:
                columns.update(hits)
                last = r
        if columns and (best is None or len(set(columns.values())) > len(set(best[1].values()))):
            unknown = [str(v) for i, v in enumerate(top[last]) if i not in columns and not is_blank(v)] if last >= 0 else []
            best = (section, columns, last + 1, unknown)
    return best


def read_file(filename: str, data: bytes, limits: Limits) -> Workbook:
    """The rows of every data sheet of the file, or :class:`FileRefused`."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsm" or suffix == ".xltm":
        raise FileRefused("不接受启用宏的工作簿(.xlsm): 请另存为 .xlsx 再导入", "macro-enabled workbooks (.xlsm) are refused: save as .xlsx and import that")
    if suffix == ".xls" or data.startswith(_OLE2):
        raise FileRefused(
            "不接受旧版 Excel 文件(.xls): 请在 Excel 或 WPS 中另存为 .xlsx 再导入",
            "legacy .xls workbooks are refused: save as .xlsx (Excel or WPS) and import that",
        )
    book = Workbook(filename=PurePath(filename).name, sha256=hashlib.sha256(data).hexdigest())
    if suffix == ".csv":
        _read_csv(book, data, limits)
    elif suffix == ".xlsx":
        _read_xlsx(book, data, limits)
    else:
        raise FileRefused(f"不支持的文件类型 {suffix or '(无后缀)'}: 请用 .xlsx 或 .csv", f"unsupported file type {suffix or '(none)'}: use .xlsx or .csv")
    if not book.sheets:
        raise FileRefused(
            "文件中没有可识别的名单(表头应含模板的字段名或中文列名)", "no sheet with a recognised header (the template's field names or Chinese headers)"
        )
    return book


def _take_rows(book: Workbook, sheet: Sheet, rows: Iterator[tuple[Any, ...]], start: int, limits: Limits) -> None:
    for number, raw in enumerate(rows, start=start):
        if all(is_blank(v) for v in raw):
            continue
        if book.rows >= limits.max_rows:
            raise FileRefused(
                f"文件超过 {limits.max_rows:,} 行的上限: 请分成多个文件导入; 未写入任何数据",
                f"the file has more than {limits.max_rows:,} rows (SHEET_MAX_ROWS): split it; nothing was written",
            )
        sheet.rows.append((number, raw))


# ----------------------------------------------------------------------------- CSV


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else GB18030 (GBK's superset); else refused.

    >>> decode("党员".encode("gbk")), decode("\\ufeff党员".encode("utf-8")), decode("党员".encode("utf-8"))
    ('党员', '党员', '党员')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused("无法识别 CSV 文件的编码: 请另存为 UTF-8 或 GBK", "the CSV is neither UTF-8 nor GB18030/GBK: save it as UTF-8")


def _read_csv(book: Workbook, data: bytes, limits: Limits) -> None:
    text = decode(data)
    first = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    top = []
    for row in rows:
        top.append(tuple(row))
        if len(top) >= HEADER_SCAN_ROWS:
            break
    stem = by_sheet(PurePath(book.filename).stem)
    found = find_header(top, [stem] if stem else SECTIONS.values())
    if found is None:
        return
    section, columns, header_rows, unknown = found
    sheet = Sheet(section=section, name=section.sheet, columns=columns)
    _report_unknown(book, sheet, unknown)
    book.sheets.append(sheet)
    _take_rows(book, sheet, iter(top[header_rows:]), header_rows + 1, limits)
    _take_rows(book, sheet, (tuple(r) for r in rows), len(top) + 1, limits)


def _report_unknown(book: Workbook, sheet: Sheet, unknown: list[str]) -> None:
    if unknown:
        book.note(f"工作表“{sheet.name}”中未识别的列未导入: {'、'.join(unknown)}", f"sheet {sheet.name!r}: unknown columns not read: {', '.join(unknown)}")


# ----------------------------------------------------------------------------- xlsx


def check_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """The archive, after its directory says it is small enough and holds no macros."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileRefused("文件不是有效的 .xlsx(已损坏或不是 Excel 文件)", "not a valid .xlsx (damaged, or not an Excel file)") from None
    infos = archive.infolist()
    if len(infos) > limits.max_zip_entries:
        raise FileRefused(
            f"文件结构异常(包含 {len(infos):,} 个内部文件, 上限 {limits.max_zip_entries:,}), 已拒绝",
            f"the archive holds {len(infos):,} entries, more than SHEET_MAX_ZIP_ENTRIES ({limits.max_zip_entries:,}); refused before parsing",
        )
    size = sum(i.file_size for i in infos)
    if size > limits.max_unzipped_bytes:
        raise FileRefused(
            f"文件解压后过大({size / 1_048_576:,.0f} MiB, 上限 {limits.max_unzipped_bytes / 1_048_576:,.0f} MiB), 疑为压缩炸弹, 已拒绝",
            f"the archive unpacks to {size:,} bytes, more than SHEET_MAX_UNZIPPED_BYTES ({limits.max_unzipped_bytes:,}): refused before parsing (zip bomb)",
        )
    if any(i.filename.lower().endswith("vbaproject.bin") for i in infos):
        raise FileRefused("文件包含宏, 不接受: 请另存为不含宏的 .xlsx", "the workbook contains macros (vbaProject.bin): save as a macro-free .xlsx")
    return archive


def hidden_rows(archive: zipfile.ZipFile, path: str) -> list[int]:
    """Rows of a sheet's XML marked hidden (a streaming pass over its ``<row>`` elements, only when
    the XML says ``hidden`` at all: most sheets do not, and the pass costs a tenth of the read)."""
    out = []
    try:
        with archive.open(path.lstrip("/")) as f:
            if not any(b"hidden=" in chunk for chunk in _overlapping(f)):
                return []
        with archive.open(path.lstrip("/")) as f:
            for _, elem in iterparse(f, events=("end",)):
                if elem.tag.endswith("}row"):
                    if elem.get("hidden") in ("1", "true"):
                        out.append(int(elem.get("r", "0")))
                    elem.clear()
    except KeyError:
        return []
    return out


def _overlapping(f: Any, size: int = 1 << 20) -> Iterator[bytes]:
    """A stream in chunks that overlap by 16 bytes (a short word split between two is still found)."""
    tail = b""
    while chunk := f.read(size):
        yield tail + chunk
        tail = chunk[-16:]


def shared_strings(src: Any) -> list[str]:
    """The shared strings of a workbook as openpyxl's ``read_string_table`` reads them (the plain
    text of each ``<si>``: its ``<t>`` and its runs' ``<t>``, not the phonetic ``<rPh>``), without
    building openpyxl's objects for each: a third of the time of reading a large roster."""
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    si, t, r = ns + "si", ns + "t", ns + "r"
    out = []
    for _, node in iterparse(src):
        if node.tag == si:
            parts = [child.text or "" for child in node if child.tag == t]
            parts += [x.text or "" for child in node if child.tag == r for x in child if x.tag == t]
            out.append("".join(parts).replace("x005F_", ""))
            node.clear()
    return out


def _load(data: bytes) -> Any:
    """openpyxl's ``load_workbook(read_only=True, data_only=True)`` with :func:`shared_strings`."""
    from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader

    class Reader(ExcelReader):
        def read_strings(self) -> None:
            ct = self.package.find(SHARED_STRINGS)
            if ct is not None:
                with self.archive.open(ct.PartName[1:]) as src:
                    self.shared_strings = shared_strings(src)

    reader = Reader(io.BytesIO(data), read_only=True, data_only=True)
    reader.read()
    return reader.wb


def _read_xlsx(book: Workbook, data: bytes, limits: Limits) -> None:
    archive = check_zip(data, limits)
    try:
        wb = _load(data)
    except Exception as e:  # openpyxl raises many kinds on damaged files
        raise FileRefused("无法读取该 .xlsx 文件(已损坏?)", f"the .xlsx cannot be read ({type(e).__name__})") from None
    try:
        for ws in wb.worksheets:
            if ws.title in SKIPPED_SHEETS:
                continue
            rows = ws.iter_rows(values_only=True)
            top = []
            for row in rows:
                top.append(tuple(row))
                if len(top) >= HEADER_SCAN_ROWS:
                    break
            named = by_sheet(ws.title)
            found = find_header(top, [named] if named else SECTIONS.values())
            if found is None or (named is None and len(set(found[1].values())) < 2):
                book.note(f"工作表“{ws.title}”不是可识别的名单, 未导入", f"sheet {ws.title!r} is not a recognised list: not read")
                continue
            section, columns, header_rows, unknown = found
            sheet = Sheet(section=section, name=ws.title, columns=columns, hidden=ws.sheet_state != "visible")
            book.sheets.append(sheet)
            _report_unknown(book, sheet, unknown)
            if sheet.hidden:
                book.note(f"工作表“{ws.title}”是隐藏的, 已读取", f"sheet {ws.title!r} is hidden; it was read")
            _take_rows(book, sheet, iter(top[header_rows:]), header_rows + 1, limits)
            _take_rows(book, sheet, (tuple(r) for r in rows), len(top) + 1, limits)
            read = {n for n, _ in sheet.rows}
            sheet.hidden_rows = [r for r in hidden_rows(archive, ws._worksheet_path) if r in read]
            if sheet.hidden_rows:
                cells = "、".join(str(r) for r in sheet.hidden_rows[:20]) + (" ..." if len(sheet.hidden_rows) > 20 else "")
                book.note(f"工作表“{ws.title}”的隐藏行已读取: 第 {cells} 行", f"sheet {ws.title!r}: hidden rows were read: {cells}")
    finally:
        wb.close()
