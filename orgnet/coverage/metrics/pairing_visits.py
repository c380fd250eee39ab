"""The pairing_visits metric (issue 26): every cadre pairing of an enterprise is followed up by visits.

The article's four-level pairing (市县镇村四级干部包挂) has each paired cadre "guide and help" the
enterprise through protection and the resumption of work; ``enterprise_pairing`` asks whether the
pairings exist, this metric whether they are lived: visits recorded from the field app
(``enterprise_visits``: :class:`~orgnet.graph.model.EnterpriseVisit`, a cadre, an enterprise, a day).

- **Population on the day**: enterprises with at least one pairing in force on the day (an
  enterprise with none is ``enterprise_pairing``'s gap, not this one's; a pairing that ended
  yesterday asks for no visit).  Every pairing counts, whether or not the cadre's jurisdiction
  contains the enterprise: the duty to visit comes with the pairing, and a pairing outside
  jurisdiction is ``enterprise_pairing``'s to report.
- **Covered**: every pairing in force on the day that has been in force for the policy's
  ``window_days`` (30) has a visit *by that cadre* to the enterprise dated within the last
  ``window_days`` days, the day itself included.  A younger pairing is not due yet (nobody can have
  visited for 30 days a pairing made last week).  Another cadre's visit does not stand in: each
  level's pairing is its own duty.
- As of a day: visits dated after the day, and voided ones, count for nothing; the generator adds
  those filters from the declaration below.

No what-if: the visits in the 30 days up to a day are already made or not; a cadre unavailable
from that day on changes none of them.
"""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import AsOf, Metric, MetricQuery

# the first day of the window ending on the day (`window_days` days, the day included)
_START = "d - duration({days: $visit_window_days - 1})"
# the enterprise has a pairing in force on the day: it is in the population
_PAIRED = "EXISTS { (e)<-[p:PAIRED_WITH<<unvoided:p>>]-(c:Cadre<<unvoided:c>>) WHERE <<active:p>> }"
# the cadres of the due pairings (in force since the window's first day) with no visit in the window,
# with their last visit up to the day
_UNVISITED = f"""COLLECT {{ MATCH (e)<-[p:PAIRED_WITH<<unvoided:p>>]-(c:Cadre<<unvoided:c>>)
      WHERE <<active:p>> AND p.since <= {_START}
      WITH DISTINCT c, COLLECT {{ MATCH (v:EnterpriseVisit {{enterprise_id: e.id}}<<unvoided:v>>) WHERE v.cadre_id = c.id
                                 RETURN v.date AS day ORDER BY day DESC LIMIT 1 }}[0] AS last
      WHERE last IS NULL OR last < {_START}
      RETURN {{cadre_id: c.id, level: c.level, last_visit_on: toString(last)}} AS x ORDER BY x.cadre_id }}"""
_DETAILS = """{kind: e.kind, window_days: $visit_window_days,
        pairings: size(COLLECT { MATCH (e)<-[p:PAIRED_WITH<<unvoided:p>>]-(c:Cadre<<unvoided:c>>) WHERE <<active:p>> RETURN DISTINCT c.id }),
        lapsed: [x IN unvisited WHERE x.last_visit_on IS NOT NULL],
        never: [x IN unvisited WHERE x.last_visit_on IS NULL | {cadre_id: x.cadre_id, level: x.level}]}"""


def _covered_on(day: str) -> str:
    """The rule on ``day`` over an item ``it`` of the timeline (``ps``: its pairings, ``vs``: its visits)."""
    active = f"x.since <= {day} AND (x.until IS NULL OR {day} <= x.until)"
    start = f"{day} - duration({{days: $visit_window_days - 1}})"
    return (
        f"any(x IN it.ps WHERE {active}) AND all(x IN it.ps WHERE NOT ({active} AND x.since <= {start})"
        f" OR any(v IN it.vs WHERE v.cadre = x.cadre AND {start} <= v.day AND v.day <= {day}))"
    )


def _in_population(day: str) -> str:
    return f"any(x IN it.ps WHERE x.since <= {day} AND (x.until IS NULL OR {day} <= x.until))"


def _steps(rule: str, name: str) -> str:
    """The step function of ``rule`` (on ``b`` and the day before, ``p``) over the timeline's items."""
    return f"""CALL (items) {{
  UNWIND items AS it
  UNWIND [date('0001-01-01')] + [x IN it.ps | x.since] + [x IN it.ps WHERE x.until IS NOT NULL | x.until + duration('P1D')]
         + [x IN it.ps | x.since + duration({{days: $visit_window_days - 1}})] + [v IN it.vs | v.day] + [v IN it.vs | v.day + duration({{days: $visit_window_days}})] AS b
  WITH DISTINCT it, b
  WITH it, b, b - duration('P1D') AS p
  WITH b, CASE WHEN {rule.replace("DAY", "b")} THEN 1 ELSE 0 END AS now,
       CASE WHEN b = date('0001-01-01') THEN 0 WHEN {rule.replace("DAY", "p")} THEN 1 ELSE 0 END AS before
  WHERE now <> before
  WITH b, sum(now - before) AS delta ORDER BY b
  RETURN collect({{day: b, delta: delta}}) AS {name}
}}
"""


def _reason(d: dict[str, Any]) -> str:
    """Which paired cadres have not visited in the window.

    >>> _reason({"window_days": 30, "lapsed": [{"cadre_id": "c-1", "level": "town", "last_visit_on": "2020-02-01"}], "never": [{"cadre_id": "c-2", "level": "county"}]})
    'No visit in the last 30 days by paired cadre(s): c-1 (town-level, last visit 2020-02-01); never visited by paired cadre(s): c-2 (county-level).'
    """
    parts = []
    if d.get("lapsed"):
        who = ", ".join(f"{x['cadre_id']} ({x['level']}-level, last visit {x['last_visit_on']})" for x in d["lapsed"])
        parts.append(f"No visit in the last {d.get('window_days')} days by paired cadre(s): {who}")
    if d.get("never"):
        who = ", ".join(f"{x['cadre_id']} ({x['level']}-level)" for x in d["never"])
        parts.append(f"{'never' if parts else 'Never'} visited by paired cadre(s): {who}")
    return "; ".join(parts) + "." if parts else "A paired cadre has not visited in time."


def _categories(d: dict[str, Any]) -> list[str]:
    return [code for code in ("lapsed", "never") if d.get(code)]


METRIC = Metric(
    name="pairing_visits",
    title_en="Paired enterprises visited",
    title_zh="包挂企业走访",
    description="Every cadre pairing in force on the day for at least the policy's window (30 days) has a visit by that cadre "
    "to the enterprise dated within the window (the 30 days up to the day, the day included).",
    population="Enterprises with a cadre pairing in force on the day",
    label="Enterprise",
    as_of=AsOf(enters={"PAIRED_WITH": "since"}, evidence={"EnterpriseVisit": "date"}),
    reason=_reason,
    reason_zh=ReasonText(
        parts=(
            ("lapsed", "结对干部近{window_days}天未走访：{lapsed|each:lapsed}"),
            ("never", "结对干部从未走访：{never|each:never}"),
        ),
        sep="；",
        end="。",
        otherwise="结对干部未按期走访。",
        items={"lapsed": "{cadre_id}（{level|level}级，上次走访 {last_visit_on}）", "never": "{cadre_id}（{level|level}级）"},
    ),
    category_predicates={"lapsed": "size(coalesce(d.lapsed, [])) > 0", "never": "size(coalesce(d.never, [])) > 0"},
    categories=_categories,
    category_texts={
        "lapsed": {"en": "no visit within the window", "zh": "近期未走访"},
        "never": {"en": "never visited", "zh": "从未走访"},
    },
    rule="size(<<measure>>) = 0",
    measure=_UNVISITED,
    sections=("cadres", "enterprises", "pairings", "enterprise_visits"),
    summary_population=("Region", "Enterprise", "PAIRED_WITH", "EnterpriseVisit"),
    policy_params={
        "visit_window_days": "int[1..366] = 30 -- Policy: days a pairing's visit counts for, and days a new pairing has before its first visit is due",
    },
    queries={
        "coverage": MetricQuery(
            title="Paired enterprises visited, rolled up",
            description="Enterprises under the region with a cadre pairing in force on the day, and of them those where\nevery pairing in force for the policy's window has a visit by its cadre within the window up to the\nday. Returns one `region` row for the region itself, then one `group` row per region at the group\nlevel (default: the children), in id order, zeros included.",
            body=f"""\
MATCH (r:Region)
WHERE (<<under:$region>>)
CALL (r, d) {{
  MATCH (r)<-[:LOCATED_IN]-(e:Enterprise<<unvoided:e>>)
  WHERE {_PAIRED}
  RETURN count(e) AS total, count(CASE WHEN <<rule>> THEN 1 END) AS covered
}}
""",
        ),
        "gaps": MetricQuery(
            title="Paired enterprises a paired cadre has not visited",
            description="Enterprises under the region with a pairing in force for the policy's window whose cadre has not\nvisited the enterprise within the window up to the day. `details` names them: `lapsed` (with their\nlast visit) and `never`. Stable order by id; page with `after` = the last id returned.",
            body=f"""\
MATCH (r)<-[:LOCATED_IN]-(e:Enterprise<<unvoided:e>>)
WHERE ($after IS NULL OR e.id > $after) AND {_PAIRED}
WITH d, r, e, <<measure>> AS unvisited
WHERE size(unvisited) > 0
WITH d, r, e, unvisited ORDER BY e.id LIMIT toInteger($limit)
RETURN e.id AS id, e.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {_DETAILS} AS details
""",
        ),
        "status": MetricQuery(
            title="Is a paired enterprise visited by its cadres?",
            description="For each given enterprise with a pairing in force on the day: whether every pairing in force for\nthe policy's window has a visit by its cadre within the window. Ids that are not in the\npopulation return no row.",
            body=f"""\
MATCH (e:Enterprise {{id: item_id}}<<unvoided:e>>)-[:LOCATED_IN]->(r:Region)
WHERE {_PAIRED}
WITH d, r, e, <<measure>> AS unvisited
RETURN e.id AS id, e.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, size(unvisited) = 0 AS covered, {_DETAILS} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Pairing visits: coverage timeline per region",
            description="Enterprises located in each given region, each while it has a pairing in force, and the days on\nwhich whether every due pairing has a visit by its cadre within the window changes (a pairing\nbegins, ends or falls due; a visit is made or leaves the window).",
            body="""\
CALL (r) {
  MATCH (r)<-[:LOCATED_IN]-(e:Enterprise<<unvoided:e>>)
  WITH e, COLLECT { MATCH (e)<-[p:PAIRED_WITH<<unvoided:p>>]-(c:Cadre<<unvoided:c>>) RETURN {cadre: c.id, since: p.since, until: p.until} } AS ps
  WHERE size(ps) > 0
  RETURN count(e) AS total,
         collect({id: e.id, ps: ps, vs: COLLECT { MATCH (v:EnterpriseVisit {enterprise_id: e.id}<<unvoided:v>>) RETURN {cadre: v.cadre_id, day: v.date} }}) AS items
}
"""
            + _steps(_covered_on("DAY"), "events")
            + _steps(_in_population("DAY"), "entered")
            + """\
RETURN r.id AS region_id, total, events, entered
""",
        ),
    },
)
