"""A gap's reason as data, so one text serves the export (Python) and the dashboard (JavaScript).

A metric's Chinese reason is a :class:`ReasonText`: parts, each shown when its condition on the
gap's ``details`` holds, with ``{placeholders}`` filled from the details.  The unit holds it once;
:func:`orgnet.coverage.generate.render_texts` writes it into ``orgnet/api/static/metric_texts.js``,
where ``reasonText`` in ``i18n.js`` renders it with the same rules as :func:`ReasonText.render`
(kept small on purpose: two interpreters of it exist, this one and that one).

Conditions (``when``): ``""`` always; ``"key"`` the value is truthy; ``"!key"`` it is not;
``"key=value"`` / ``"key!=value"`` its text is (is not) ``value``, ``null`` meaning absent.

Placeholders: ``{key}`` the value as text (absent: empty); ``{a-b}`` the difference of two numbers;
``{key|level}`` a level's Chinese name; ``{key|levels}`` a list of levels; ``{key|money}`` a number
with two decimals and thousands separators; ``{key|each:name}`` each element of a list rendered
with the item template ``items[name]``, joined by ``、``.

>>> t = ReasonText(parts=(("", "缺 {missing|levels} 级"), ("who", "：{who|each:c}")), end="。",
...                items={"c": "{id}（{level|level}级）"})
>>> t.render({"missing": ["county", "town"], "who": [{"id": "c-1", "level": "town"}]})
'缺 县、镇 级：c-1（镇级）。'
>>> ReasonText(parts=(("a=null", "无上限"),), otherwise="（无）").render({"a": 5})
'（无）'
>>> ReasonText(parts=(("", "缺 {s-a|money} 元"),)).render({"s": 50000, "a": 1234.5})
'缺 48,765.50 元'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The levels' Chinese names (``{key|level}``); exported to the page with the reasons.
LEVEL_ZH: Mapping[str, str] = {"nation": "国家", "province": "省", "city": "市", "county": "县", "town": "镇", "village": "村"}
LIST_SEPARATOR = "、"
_PLACEHOLDER = re.compile(r"\{([^{}|]+)(?:\|([^{}]+))?\}")


@dataclass(frozen=True)
class ReasonText:
    """A reason sentence built from a gap's details (see the module docstring).

    Attributes
    ----------
    parts
        ``(when, template)`` pairs, in order.
    sep, end
        What joins the parts shown, and what follows them.
    otherwise
        The whole sentence when no part is shown.
    items
        Item templates for ``{key|each:name}``.
    """

    parts: tuple[tuple[str, str], ...]
    sep: str = ""
    end: str = ""
    otherwise: str = ""
    items: Mapping[str, str] = field(default_factory=dict)

    def render(self, details: Mapping[str, Any] | None) -> str:
        d = details or {}
        shown = [_fill(template, d, self.items) for when, template in self.parts if _holds(when, d)]
        return self.sep.join(shown) + self.end if shown else self.otherwise

    def as_json(self) -> dict[str, Any]:
        return {"parts": [list(p) for p in self.parts], "sep": self.sep, "end": self.end, "otherwise": self.otherwise, "items": dict(self.items)}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _holds(when: str, d: Mapping[str, Any]) -> bool:
    if not when:
        return True
    for op in ("!=", "="):
        key, found, expected = when.partition(op)
        if found:
            value = d.get(key)
            same = value is None if expected == "null" else _text(value) == expected
            return same if op == "=" else not same
    return not d.get(when[1:]) if when.startswith("!") else bool(d.get(when))


def _fill(template: str, d: Mapping[str, Any], items: Mapping[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        key, fmt = m.group(1), m.group(2) or ""
        if "-" in key:
            a, b = key.split("-", 1)
            value: Any = (d.get(a) or 0) - (d.get(b) or 0)
        else:
            value = d.get(key)
        if fmt == "level":
            return LEVEL_ZH.get(_text(value), _text(value))
        if fmt == "levels":
            return LIST_SEPARATOR.join(LEVEL_ZH.get(_text(v), _text(v)) for v in value or [])
        if fmt == "money":
            return f"{value or 0:,.2f}"
        if fmt.startswith("each:"):
            return LIST_SEPARATOR.join(_fill(items[fmt[5:]], v, items) for v in value or [])
        return _text(value)

    return _PLACEHOLDER.sub(one, template)
