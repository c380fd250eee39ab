"""The typed parameters of a library query: the types a header may declare (``string``, ``date``,
``int[<min>..<max>]``, ``float[<min>..<max>]``, ``bool``, ``list<string>``), how a value is checked
and coerced before it reaches Neo4j, and the Browser ``:params`` line of the defaults."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

PARAM_TYPES = ("string", "date", "int", "float", "bool", "list<string>")


MAX_STRING = 1000


MAX_LIST = 10_000


INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"


_BOUNDED_TYPE = re.compile(rf"^(int|float)\[({_NUMBER})\.\.({_NUMBER})\]$")


@dataclass(frozen=True)
class Param:
    """One declared parameter: name, type, default (``None``: nullable), documentation and, for
    ``int`` and ``float``, the inclusive bounds (``int[1..500]`` in a header; a ``Param`` made
    in code without them gets the 64-bit range, or any finite number)."""

    name: str
    type: str
    default: Any
    doc: str
    minimum: int | float | None = None
    maximum: int | float | None = None
    spelling: str | None = field(default=None, compare=False, repr=False)  # the type as the header wrote it

    @property
    def nullable(self) -> bool:
        return self.default is None

    @property
    def declared_type(self) -> str:
        """The type as a header writes it.

        >>> Param("limit", "int", 50, "", 1, 500).declared_type, Param("x", "string", "", "").declared_type
        ('int[1..500]', 'string')
        """
        if self.spelling:
            return self.spelling
        if self.minimum is None and self.maximum is None:
            return self.type
        return f"{self.type}[{_bound_text(self.minimum)}..{_bound_text(self.maximum)}]"

    def _check_bounds(self, value: int | float) -> None:
        low = self.minimum if self.minimum is not None else (INT64_MIN if self.type == "int" else None)
        high = self.maximum if self.maximum is not None else (INT64_MAX if self.type == "int" else None)
        if (low is not None and value < low) or (high is not None and value > high):
            raise ValueError(f"must be between {_bound_text(low)} and {_bound_text(high)}")

    def coerce(self, value: Any) -> Any:
        """Check ``value`` against the type; return what is sent to Neo4j (dates as ISO strings).

        >>> Param("d", "date", None, "").coerce("2020-03-31")
        '2020-03-31'
        >>> Param("n", "float", 1.0, "").coerce(2)
        2.0
        >>> Param("n", "int", 1, "").coerce(True)
        Traceback (most recent call last):
        ...
        ValueError: expected an integer
        >>> Param("n", "int", 1, "", 1, 500).coerce(-1)
        Traceback (most recent call last):
        ...
        ValueError: must be between 1 and 500
        >>> Param("n", "int", 1, "").coerce(2**63)
        Traceback (most recent call last):
        ...
        ValueError: must be between -9223372036854775808 and 9223372036854775807
        >>> Param("n", "float", 1.0, "").coerce(float("inf"))
        Traceback (most recent call last):
        ...
        ValueError: expected a finite number
        """
        if value is None:
            if self.nullable:
                return None
            raise ValueError("must not be null")
        t = self.type
        if t == "string":
            if not isinstance(value, str):
                raise ValueError("expected a string")
            if len(value) > MAX_STRING:
                raise ValueError(f"longer than {MAX_STRING} characters")
            return value
        if t == "date":
            if isinstance(value, dt.date):
                return value.isoformat()
            if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError("expected a date YYYY-MM-DD")
            try:
                return dt.date.fromisoformat(value).isoformat()
            except ValueError:
                raise ValueError("expected a date YYYY-MM-DD") from None
        if t == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError("expected an integer")
            self._check_bounds(value)
            return value
        if t == "float":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError("expected a number")
            try:
                number = float(value)
            except OverflowError:  # an integer beyond any float
                raise ValueError("expected a finite number") from None
            if not math.isfinite(number):
                raise ValueError("expected a finite number")
            self._check_bounds(number)
            return number
        if t == "bool":
            if not isinstance(value, bool):
                raise ValueError("expected true or false")
            return value
        if t == "list<string>":
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise ValueError("expected a list of strings")
            if len(value) > MAX_LIST:
                raise ValueError(f"more than {MAX_LIST} items")
            if any(len(v) > MAX_STRING for v in value):
                raise ValueError(f"an item is longer than {MAX_STRING} characters")
            return list(value)
        raise ValueError(f"unknown type {t}")  # pragma: no cover - refused by the loader

    def as_dict(self) -> dict[str, Any]:
        out = {"name": self.name, "type": self.type, "default": self.default, "nullable": self.nullable, "doc": self.doc}
        if self.type in ("int", "float"):
            out |= {"minimum": self.minimum, "maximum": self.maximum}
        return out


def _bound_text(x: int | float | None) -> str:
    """A bound as a header can write it: ``1``, ``0.5``, ``1000000000000000``."""
    if x is None:
        return ""
    return str(int(x)) if isinstance(x, int) or x.is_integer() else repr(x)


def parse_param_type(text: str) -> tuple[str, int | float | None, int | float | None]:
    """``"int[1..500]"`` → ``("int", 1, 500)``; raise ``ValueError`` saying what is wrong.

    >>> parse_param_type("float[0..1e15]"), parse_param_type("string")
    (('float', 0.0, 1000000000000000.0), ('string', None, None))
    >>> parse_param_type("int")
    Traceback (most recent call last):
    ...
    ValueError: an int parameter needs bounds: write int[<min>..<max>]
    """
    m = _BOUNDED_TYPE.match(text)
    if m:
        kind, low_text, high_text = m.groups()
        if kind == "int":
            if not re.fullmatch(r"-?\d+", low_text) or not re.fullmatch(r"-?\d+", high_text):
                raise ValueError("int bounds are whole numbers")
            low, high = int(low_text), int(high_text)
            if low < INT64_MIN or high > INT64_MAX:
                raise ValueError("int bounds must fit 64 bits")
        else:
            low, high = float(low_text), float(high_text)
            if not (math.isfinite(low) and math.isfinite(high)):
                raise ValueError("float bounds must be finite")
        if low > high:
            raise ValueError(f"the lower bound {low_text} is above the upper bound {high_text}")
        return kind, low, high
    if text in ("int", "float"):
        raise ValueError(f"an {text} parameter needs bounds: write {text}[<min>..<max>]")
    if text not in PARAM_TYPES:
        raise ValueError(f"unknown type {text!r} (allowed: {', '.join(PARAM_TYPES)}; int and float with bounds, e.g. int[1..500])")
    return text, None, None


def params_line_for(params: tuple[Param, ...] | list[Param]) -> str:
    """The Browser ``:params`` line holding ``params``' defaults.

    >>> params_line_for([Param("a", "int", 1, ""), Param("b", "list<string>", ["x"], "")])
    ':params {a: 1, b: ["x"]};'
    """
    inner = ", ".join(f"{p.name}: {json.dumps(p.default, ensure_ascii=False)}" for p in params)
    return f":params {{{inner}}};"
