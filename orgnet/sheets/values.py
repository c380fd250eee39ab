"""A cell's value as the bundle's: dates in the forms offices write, full-width digits, 是/否, labels.

Every problem is a :class:`Bad` with a reason in Chinese and in English.  Ids, dates, numbers,
kinds and flags are read after Unicode NFKC (full-width digits, letters and spaces become ASCII);
free text keeps its characters (a full-width bracket in a name is the name), only its ideographic
spaces at the ends are stripped.

>>> parse_date("2020年2月1日"), parse_date("2020/2/1"), parse_date("２０２０.２.１"), parse_date(43862)
(datetime.date(2020, 2, 1), datetime.date(2020, 2, 1), datetime.date(2020, 2, 1), datetime.date(2020, 2, 1))
>>> parse_date("2020.2.30")
Traceback (most recent call last):
...
orgnet.sheets.values.Bad: 2020.2.30 不是有效日期 / not a day of the calendar
>>> from orgnet.sheets.sections import SECTIONS
>>> convert(SECTIONS["allocations"].column("amount"), "￥２０,０００.５０元")
20000.5
>>> convert(SECTIONS["party_members"].column("id"), 7.0), convert(SECTIONS["party_members"].column("rural"), " 是 ")
('7', True)
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from orgnet.sheets.sections import Column

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's phantom 1900-02-29 included)
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_YES = {"是", "yes", "y", "true", "1", "√", "✓", "有"}
_NO = {"否", "no", "n", "false", "0", "×", "无"}
_SPLIT = re.compile(r"[、,;/\s]+")


class Bad(ValueError):
    """A cell that cannot be read: ``zh`` and ``en`` say why."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en


def nfkc(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.replace("\u3000", " ").strip())


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value, str(value))
    text = nfkc(value)
    if text.isdigit() and len(text) <= 6:
        return _serial(int(text), text)
    m = _DATE.fullmatch(text) or _COMPACT.fullmatch(text)
    if not m:
        raise Bad(f"{text} 不是日期(应如 2020-02-01)", f"{text!r} is not a date (write 2020-02-01)")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise Bad(f"{text} 不是有效日期", "not a day of the calendar") from None


def _serial(n: float, text: str) -> dt.date:
    if n != int(n) or not 1 <= n <= 2_958_465:
        raise Bad(f"{text} 不是日期", f"{text!r} is not a date")
    return EXCEL_EPOCH + dt.timedelta(days=int(n))


def _number(value: Any, column: Column) -> Decimal:
    if isinstance(value, bool):
        raise Bad(f"{column.header}应为数字", f"{column.field} must be a number")
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = nfkc(value).replace(",", "").removeprefix("¥").removeprefix("￥").removesuffix("元").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise Bad(f"{nfkc(value)} 不是数字", f"{nfkc(value)!r} is not a number") from None
    if not number.is_finite():
        raise Bad(f"{text} 不是数字", f"{text!r} is not a number")
    return number


def convert(column: Column, value: Any) -> Any:
    """The bundle value of a non-blank cell of ``column``, or :class:`Bad`."""
    kind = column.type
    if kind == "text":
        return str(value).replace("\u3000", " ").strip() if not isinstance(value, dt.date) else value.isoformat()
    if kind == "id":
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return nfkc(value)
    if kind == "date":
        return parse_date(value)
    if kind == "int":
        number = _number(value, column)
        if number != number.to_integral_value():
            raise Bad(f"{column.header}应为整数, 不是 {value}", f"{column.field} must be a whole number, not {value}")
        return int(number)
    if kind == "money":
        number = _number(value, column)
        if number < 0 or number.as_tuple().exponent < -2:  # type: ignore[operator]
            raise Bad(f"金额 {value} 应为不小于0、至多两位小数的数", f"an amount is >= 0 with at most 2 decimals, not {value}")
        return float(number)
    if kind == "flag":
        text = nfkc(value).lower() if not isinstance(value, bool) else ("true" if value else "false")
        if text in _YES:
            return True
        if text in _NO:
            return False
        raise Bad(f"{nfkc(value)} 应为 是 或 否", f"{nfkc(value)!r} must be 是 (yes) or 否 (no)")
    if kind == "enum":
        code = column.code_of(nfkc(value))
        if code is None:
            raise Bad(f"{nfkc(value)} 不在可选值中: {'、'.join(label for _, label in column.choices)}", f"{nfkc(value)!r} is not one of the choices")
        return code
    if kind == "enums":
        codes = []
        for part in filter(None, _SPLIT.split(nfkc(value))):
            code = column.code_of(part)
            if code is None:
                raise Bad(f"{part} 不在可选值中: {'、'.join(label for _, label in column.choices)}", f"{part!r} is not one of the choices")
            codes.append(code)
        return codes
    raise AssertionError(kind)


def shown(value: Any) -> str:
    """A cell's value as a refusal quotes it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
