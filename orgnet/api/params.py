"""Parameter types that accept exactly what the OpenAPI document says they accept.

FastAPI validates query parameters in pydantic's lax mode, where ``as_of=0`` is a date
(1970-01-01, read as a Unix time) although the document says ``format: date``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator

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
