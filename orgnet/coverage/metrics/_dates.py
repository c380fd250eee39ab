"""The as-of rule of the metric units (docs/design.md §3), checked and applied where the queries are
produced: :func:`check_dates` refuses a metric that reads a dated kind of record without declaring
it (:class:`~orgnet.coverage.metrics._unit.AsOf`), :func:`pattern_label` tells
:func:`orgnet.coverage.generate.expand` which pattern a ``<<unvoided:x>>`` sits in (so it can add the
declared ``x.<date> <= d``), and :func:`dated_properties` reads declared dated properties as null
after the day."""

from __future__ import annotations

import re

from orgnet.coverage.metrics._unit import DATED_PROPERTIES, DATED_RECORDS, AsOf, Metric

_PATTERN_START = re.compile(r"[(\[]\s*(\w*)\s*(?::\s*(\w+))?")


def pattern_label(before: str) -> str | None:
    """The label or type of the pattern element that ends ``before`` (``(x:Label {...}``), if any."""
    start = max(before.rfind("("), before.rfind("["))
    m = _PATTERN_START.match(before[start:]) if start >= 0 else None
    return m.group(2) if m else None


def dated_properties(text: str, as_of: AsOf) -> str:
    """``text`` with every declared dated property (``a.activist_on`` of a ``PartyApplication`` bound
    to ``a``) read as null when it is after the day ``d``."""
    props = {f"{var}.{prop}" for label, names in as_of.evidence_properties.items() for var in _bound(text, label) for prop in names}
    if not props:
        return text
    found = re.compile(r"(?<![\w.])(" + "|".join(re.escape(p) for p in sorted(props, key=len, reverse=True)) + r")\b")
    return found.sub(lambda m: f"(CASE WHEN {m.group(1)} <= d THEN {m.group(1)} END)", text)


def _bound(text: str, label: str) -> set[str]:
    """The variables bound to ``label`` by patterns of ``text``."""
    return set(re.findall(r"\(\s*(\w+)\s*:\s*" + re.escape(label) + r"\b", text))


def check_dates(metric: Metric) -> None:
    """Refuse a metric that could count a record dated after the day: every dated kind of record it
    reads (:data:`~orgnet.coverage.metrics._unit.DATED_RECORDS`, and the dated properties of
    :data:`~orgnet.coverage.metrics._unit.DATED_PROPERTIES`) must be declared in its
    :class:`~orgnet.coverage.metrics._unit.AsOf` with the property that dates it, and every pattern
    of it must carry ``<<unvoided:x>>`` (where the generator adds the filter) or ``<<anyday:x>>``.

    >>> import dataclasses
    >>> from orgnet.coverage.metrics import get_metric
    >>> check_dates(dataclasses.replace(get_metric("record_backed_promotion"), as_of=AsOf()))
    Traceback (most recent call last):
    ...
    ValueError: record_backed_promotion reads FrontlineRecord records but does not declare their date (AsOf)
    """
    texts = [metric.rule, metric.measure, *(q.body for q in metric.queries.values())]
    declared = metric.as_of.records
    for text in texts:
        for m in re.finditer(r"[(\[]\s*(\w*)\s*:\s*(\w+)", text):
            var, label = m.group(1), m.group(2)
            if label not in DATED_RECORDS:
                continue
            if declared.get(label) != DATED_RECORDS[label]:
                raise ValueError(f"{metric.name} reads {label} records but does not declare their date (AsOf)")
            rest = text[m.end() :]
            element = rest[: min(i for i in (rest.find(")"), rest.find("]"), len(rest)) if i >= 0)]
            if f"<<unvoided:{var}>>" not in element and f"<<anyday:{var}>>" not in element:
                raise ValueError(f"{metric.name} reads {label} records without <<unvoided:{var}>>, so no as-of filter can be added")
    # a dated property is read through a variable bound to its label anywhere in the metric's texts
    bound = {label: set().union(*(_bound(text, label) for text in texts)) for label in DATED_PROPERTIES}
    for text in texts:
        for label, props in DATED_PROPERTIES.items():
            for var in bound[label]:
                for prop in props:
                    if re.search(rf"(?<![\w.]){re.escape(var)}\.{prop}\b", text) and prop not in metric.as_of.evidence_properties.get(label, ()):
                        raise ValueError(f"{metric.name} reads {label}.{prop} but does not declare it as dated evidence (AsOf)")
