"""Coverage over time, the data calendar, and coverage of many regions at once, read from the
stored step functions (:mod:`orgnet.coverage.summaries`) when they are fresh for the policy.

A stored summary already holds every day on which a region's covered count changes, so a series
of a year by day is one node read, not 366 rollups.  When the summaries are not fresh (a write
since the last refresh, another policy), the live rollup answers each day instead, for at most
:data:`LIVE_MAX_POINTS` days; the response says which source answered.

>>> sample_days(dt.date(2020, 1, 30), dt.date(2020, 4, 15), "month")
[datetime.date(2020, 1, 30), datetime.date(2020, 2, 29), datetime.date(2020, 3, 30), datetime.date(2020, 4, 15)]
>>> points_from_steps([dt.date(1, 1, 1), dt.date(2020, 2, 3)], [1, 3], total=4, days=[dt.date(2020, 2, 2), dt.date(2020, 2, 3)])
[{'day': '2020-02-02', 'covered': 1, 'total': 4, 'ratio': 0.25}, {'day': '2020-02-03', 'covered': 3, 'total': 4, 'ratio': 0.75}]
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal

from orgnet.coverage.metrics import METRICS, get_metric
from orgnet.coverage.policy import Policy
from orgnet.coverage.rollups import default_region_id, ratio, resolve_region
from orgnet.coverage.stored_or_live import rollup
from orgnet.coverage.summary_rows import ORIGIN, value_on
from orgnet.coverage.summary_state import CHANGED_OUTSIDE, policy_fingerprint, summary_key
from orgnet.errors import InvalidInput, SummariesUnavailable
from orgnet.graph.db import Graph
from orgnet.graph.schema import STATE_LABEL, SUMMARY_LABEL

Step = Literal["day", "week", "month"]
MAX_POINTS = 1000
"""Hard maximum of the days of one series (about 2.7 years by day; choose `week` or `month` beyond)."""
LIVE_MAX_POINTS = 60
"""Days a series may have when the stored summaries are not fresh and each day is a live rollup."""
MAX_BATCH_REGIONS = 500
"""Hard maximum of the regions of one batch coverage request."""

STORED = f"""
MATCH (st:{STATE_LABEL} {{id: $metric}})
WHERE st.stale = false AND st.policy = $policy
UNWIND $ids AS rid
MATCH (s:{SUMMARY_LABEL} {{id: $metric + ':' + rid}})
MATCH (r:Region {{id: rid}})
RETURN rid AS id, r.name AS name, r.level AS level, s.total AS total, s.days AS days, s.covered AS covered,
       s.total_days AS total_days, s.totals AS totals
"""

REGIONS = """
UNWIND $ids AS rid
MATCH (r:Region {id: rid})
RETURN r.id AS id, r.name AS name, r.level AS level
"""

CALENDAR_STORED = f"""
MATCH (st:{STATE_LABEL})
WHERE st.id IN $metrics AND st.stale = false AND st.policy = $policy
MATCH (s:{SUMMARY_LABEL} {{id: st.id + ':' + $root}})
WITH count(st) AS metrics, collect(s.days + coalesce(s.total_days, [])) AS steps
UNWIND steps AS days
UNWIND days AS day
WITH metrics, day WHERE day > date("0001-01-01")
RETURN metrics, min(day) AS first, max(day) AS last
"""

# Fallback when no summary is fresh: the days assignments start, and the day after they end
# (``until`` is the last active day); records marked void count on no day.
CALENDAR_LIVE = """
MATCH ()-[r]->()
WHERE r.since IS NOT NULL AND coalesce(r.voided, false) = false
WITH min(r.since) AS first, max(r.since) AS last_start, max(r.until) AS last_end
RETURN first, CASE WHEN last_end IS NULL OR last_start > last_end + duration('P1D') THEN last_start
                   ELSE last_end + duration('P1D') END AS last
"""


def _add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def sample_days(start: dt.date, end: dt.date, step: Step) -> list[dt.date]:
    """``start``, then every ``step`` after it while before ``end``, then ``end``.

    >>> sample_days(dt.date(2020, 2, 1), dt.date(2020, 2, 16), "week")
    [datetime.date(2020, 2, 1), datetime.date(2020, 2, 8), datetime.date(2020, 2, 15), datetime.date(2020, 2, 16)]
    >>> sample_days(dt.date(2020, 2, 1), dt.date(2020, 2, 1), "day")
    [datetime.date(2020, 2, 1)]
    """
    if end < start:
        raise InvalidInput("`from` is after `to`.", errors=[{"loc": ["query", "from"], "msg": "after `to`", "type": "value_error"}])
    out, i = [], 0
    while True:
        day = start + dt.timedelta(days=i) if step == "day" else start + dt.timedelta(weeks=i) if step == "week" else _add_months(start, i)
        if day >= end:
            break
        out.append(day)
        if len(out) >= MAX_POINTS:
            raise InvalidInput(
                f"More than {MAX_POINTS} days from {start} to {end} by {step}: choose a longer step or a shorter period.",
                errors=[{"loc": ["query", "step"], "msg": f"more than {MAX_POINTS} points", "type": "value_error"}],
            )
        i += 1
    return [*out, end]


def points_from_steps(
    steps_days: Sequence[dt.date],
    steps_covered: Sequence[int],
    *,
    total: int,
    days: Sequence[dt.date],
    totals: tuple[Sequence[dt.date], Sequence[int]] | None = None,
) -> list[dict[str, Any]]:
    """The points of a stored step function on ``days``; ``totals``: the population's step function
    (``total_days``, ``totals``; ``None``: ``total`` every day)."""
    points = []
    for day in days:
        covered = value_on(steps_days, steps_covered, day)
        on_day = total if totals is None else value_on(*totals, day)
        points.append({"day": day.isoformat(), "covered": covered, "total": on_day, "ratio": ratio(covered, on_day)})
    return points


def _totals(row: dict[str, Any]) -> tuple[Sequence[dt.date], Sequence[int]] | None:
    """A stored summary's population step function, if it has one (received summaries do not)."""
    return None if row.get("total_days") is None else (row["total_days"], row["totals"])


def _stored(graph: Graph, *, metric: str, region_ids: list[str], policy: Policy) -> dict[str, dict[str, Any]] | None:
    """The stored summaries of the regions, or ``None`` when they are not fresh for the policy."""
    key = summary_key(graph, metric=metric, policy=policy)
    rows = graph.read(STORED, {"metric": metric, "policy": key, "ids": region_ids})
    if not rows:
        return None
    return {r["id"]: r for r in rows}


def series(graph: Graph, *, metric: str, region_id: str | None, start: dt.date | None, end: dt.date | None, step: Step, policy: Policy) -> dict[str, Any]:
    """``{metric, region, from, to, step, source, points: [{day, covered, total, ratio}]}``.

    ``start``/``end`` default to the data calendar's first and last day (:func:`data_calendar`).
    """
    m = get_metric(metric)
    region = resolve_region(graph, region_id=region_id)
    if start is None or end is None:
        cal = data_calendar(graph, policy=policy)
        start = start or dt.date.fromisoformat(cal["first"])
        end = end or dt.date.fromisoformat(cal["last"])
    days = sample_days(start, end, step)
    stored = _stored(graph, metric=m.name, region_ids=[region["id"]], policy=policy)
    if stored is not None and region["id"] in stored:
        row = stored[region["id"]]
        points, source = points_from_steps(row["days"], row["covered"], total=row["total"], days=days, totals=_totals(row)), "summaries"
    else:
        if len(days) > LIVE_MAX_POINTS:
            raise SummariesUnavailable(
                f"The stored summaries of {m.name} are not fresh, and {len(days)} days are more than the "
                f"{LIVE_MAX_POINTS} a live series may have: choose a longer step, or run `orgnet summaries refresh`."
            )
        points, source = [], "live"
        for day in days:
            top, _ = rollup(graph, metric=m.name, region_id=region["id"], as_of=day, policy=policy, source="live")
            points.append({"day": day.isoformat(), "covered": top["covered"], "total": top["total"], "ratio": ratio(top["covered"], top["total"])})
    return {
        "metric": m.name,
        "region": region,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "step": step,
        "source": source,
        "points": points,
    }


def many_regions(graph: Graph, *, metric: str, region_ids: Sequence[str], as_of: dt.date, policy: Policy) -> dict[str, Any]:
    """Covered / total / ratio of each listed region on one day (the dashboard's tree after a metric switch).

    Unknown ids are left out; the order is the order asked for.
    """
    m = get_metric(metric)
    ids = list(dict.fromkeys(region_ids))
    if len(ids) > MAX_BATCH_REGIONS:
        raise InvalidInput(f"At most {MAX_BATCH_REGIONS} regions at once.", errors=[{"loc": ["query", "id"], "msg": "too many", "type": "value_error"}])
    stored = _stored(graph, metric=m.name, region_ids=ids, policy=policy)
    items = []
    if stored is not None:
        for rid in ids:
            if rid in stored:
                r = stored[rid]
                covered = value_on(r["days"], r["covered"], as_of)
                total = r["total"] if _totals(r) is None else value_on(*_totals(r), as_of)
                items.append({"id": rid, "name": r["name"], "level": r["level"], "covered": covered, "total": total, "ratio": ratio(covered, total)})
        source = "summaries"
    else:
        for r in graph.read(REGIONS, {"ids": ids}):
            top, _ = rollup(graph, metric=m.name, region_id=r["id"], as_of=as_of, policy=policy, source="live")
            items.append({**r, "covered": top["covered"], "total": top["total"], "ratio": ratio(top["covered"], top["total"])})
        order = {rid: i for i, rid in enumerate(ids)}
        items.sort(key=lambda x: order[x["id"]])
        source = "live"
    return {"metric": m.name, "as_of": as_of.isoformat(), "source": source, "items": items}


def data_calendar(graph: Graph, *, policy: Policy) -> dict[str, Any]:
    """``{first, last, source}``: the first and the last day on which any metric's covered count
    changes in the city (the dashboard's default day is ``last``).

    From the stored summaries when every metric's are fresh; otherwise from the assignments' own
    days (``since``, and the day after ``until``).  With no dated record at all: today, twice.
    """
    root = default_region_id(graph)
    names = [m.name for m in METRICS]
    fresh = [m for m in names if summary_key(graph, metric=m, policy=policy) != CHANGED_OUTSIDE]
    first = last = None
    source = "summaries"
    if len(fresh) == len(names):
        rows = graph.read(CALENDAR_STORED, {"metrics": names, "policy": policy_fingerprint(policy), "root": root})
        if rows and rows[0]["metrics"] == len(names):
            first, last = rows[0]["first"], rows[0]["last"]
    if first is None:
        source = "assignments"
        rows = graph.read(CALENDAR_LIVE)
        first, last = (rows[0]["first"], rows[0]["last"]) if rows else (None, None)
    if first is None or last is None:
        first = last = dt.date.today()
        source = "today"
    if first == ORIGIN:
        first = last
    return {"first": first.isoformat(), "last": last.isoformat(), "source": source}
