"""Parts of a metric's own query text that several metrics share, written once.

:func:`timeline_steps` is the step function of a ``timeline`` query: before it, every metric wrote
its rule twice (on the boundary day ``b`` and on the day before, ``p``), and the lines around it
once per metric (``duplicates`` over the produced Cypher found them).

>>> print(timeline_steps(carry="ls", boundaries="<<boundaries:ls>>", covered_on="any(l IN ls WHERE <<active:l@DAY>>)"))
  WITH ls, <<boundaries:ls>> AS bs
  UNWIND bs AS b
  WITH ls, b, b - duration('P1D') AS p
  WITH b, CASE WHEN any(l IN ls WHERE <<active:l@b>>) THEN 1 ELSE 0 END AS now,
       CASE WHEN b = date('0001-01-01') THEN 0 WHEN any(l IN ls WHERE <<active:l@p>>) THEN 1 ELSE 0 END AS before
<<events>>
<BLANKLINE>
"""

from __future__ import annotations


def timeline_steps(*, carry: str, boundaries: str, covered_on: str) -> str:
    """The rows ``(b, now, before)`` of a timeline and its ``<<events>>``.

    Parameters
    ----------
    carry
        The variables the rule reads (carried to every boundary day).
    boundaries
        The expression of the boundary days (usually ``<<boundaries:list>>``).
    covered_on
        The rule on the day ``DAY``: true when the item is covered on it (``DAY`` becomes ``b``,
        then ``p``).
    """
    now, before = covered_on.replace("DAY", "b"), covered_on.replace("DAY", "p")
    return (
        f"  WITH {carry}, {boundaries} AS bs\n"
        "  UNWIND bs AS b\n"
        f"  WITH {carry}, b, b - duration('P1D') AS p\n"
        f"  WITH b, CASE WHEN {now} THEN 1 ELSE 0 END AS now,\n"
        f"       CASE WHEN b = date('0001-01-01') THEN 0 WHEN {before} THEN 1 ELSE 0 END AS before\n"
        "<<events>>\n"
    )
