"""The application_followup metric (issue 13, 一线发展党员): a Party application made at the front is
decided (moved to the next stage or declined) within the policy's number of days.

As of a day: an application enters the population on the day it is submitted, and a decision counts
(and is quoted in a gap's reason) only when dated on or before the day; the generator adds both
filters from the declaration below."""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import DATED_PROPERTIES, AsOf, Metric, MetricQuery

_DEADLINE = "a.submitted_on + duration({days: $followup_days})"
_DETAILS = "{applicant_type: a.applicant_type, submitted_on: toString(a.submitted_on), decided_on: toString(<<measure>>), followup_days: $followup_days}"
_POPULATION = "(r)<-[:LOCATED_IN]-(a:PartyApplication {at_front: true}<<unvoided:a>>)"


def _reason(d: dict[str, Any]) -> str:
    start = f"Applied to join the Party at the front on {d.get('submitted_on')}"
    if d.get("decided_on"):
        return f"{start}; decided on {d['decided_on']}, later than the policy's {d.get('followup_days')} days."
    return f"{start}; still undecided after the policy's {d.get('followup_days')} days."


def _categories(d: dict[str, Any]) -> list[str]:
    return ["decided_late" if d.get("decided_on") else "undecided"]


METRIC = Metric(
    name="application_followup",
    title_en="Frontline Party applications followed up",
    title_zh="一线入党申请及时处理",
    description="A Party application made at the front is decided (activist, probationary member or declined) within the policy's number of days.",
    population="Party applications made at the front (cadres, talents, medical workers)",
    label="PartyApplication",
    as_of=AsOf(enters={"PartyApplication": "submitted_on"}, evidence_properties={"PartyApplication": DATED_PROPERTIES["PartyApplication"]}),
    reason=_reason,
    reason_zh=ReasonText(
        parts=(("", "{submitted_on} 提交的入党申请"), ("!decided_on", "逾期未处理"), ("decided_on", "于 {decided_on} 处理，超过 {followup_days} 天")), end="。"
    ),
    category_predicates={"undecided": "d.decided_on IS NULL", "decided_late": "d.decided_on IS NOT NULL"},
    categories=_categories,
    category_texts={"undecided": {"en": "undecided", "zh": "逾期未处理"}, "decided_late": {"en": "decided late", "zh": "处理超时"}},
    rule=f"(d <= {_DEADLINE} OR coalesce(<<measure>> <= {_DEADLINE}, false))",
    measure="coalesce(a.activist_on, a.probationary_on, a.full_member_on, a.declined_on)",
    sections=("party_applications",),
    summary_population=("Region", "PartyApplication"),
    policy_params={"followup_days": "int[1..3650] = 30 -- Policy: days within which a frontline application is decided"},
    queries={
        "coverage": MetricQuery(
            title="Frontline Party applications decided in time, rolled up",
            description="Party applications made at the front under the region that are, on the day, not overdue: still\nwithin the policy's days, or decided within them. Returns one `region` row for the region itself,\nthen one `group` row per region at the group level (default: the children), in id order, zeros included.",
            body=f"""\
MATCH (r:Region)
WHERE (<<under:$region>>)
CALL (r, d) {{
  MATCH {_POPULATION}
  RETURN count(a) AS total, count(CASE WHEN <<rule>> THEN 1 END) AS covered
}}
""",
        ),
        "gaps": MetricQuery(
            title="Frontline Party applications not decided in time",
            description="Party applications made at the front under the region that, on the day, are past the policy's\ndays and were not decided within them. Stable order by id; page with `after` = the last id returned.",
            body=f"""\
MATCH {_POPULATION}
WHERE ($after IS NULL OR a.id > $after) AND NOT <<rule>>
WITH d, r, a ORDER BY a.id LIMIT toInteger($limit)
OPTIONAL MATCH (a)-[:APPLIED_BY]->(person)
RETURN a.id AS id, person.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {_DETAILS} AS details
""",
        ),
        "status": MetricQuery(
            title="Is a frontline Party application decided in time?",
            description="For each given application made at the front: whether it is within the policy's days or was\ndecided within them. Ids that are not in the population return no row.",
            body=f"""\
MATCH (a:PartyApplication {{id: item_id, at_front: true}}<<unvoided:a>>)-[:LOCATED_IN]->(r:Region)
OPTIONAL MATCH (a)-[:APPLIED_BY]->(person)
RETURN a.id AS id, person.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, <<rule>> AS covered, {_DETAILS} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Application follow-up: coverage timeline per region",
            description="Frontline Party applications made in each given region: each from the day it is submitted,\ncovered until the day after the policy's days when it was not decided within them.",
            body=f"""\
CALL (r) {{
  MATCH {_POPULATION}
  WITH a, {_DEADLINE} AS deadline
  RETURN count(a) AS total, collect(a.submitted_on) AS submitted,
         collect(CASE WHEN <<measure>> IS NULL OR <<measure>> > deadline THEN deadline + duration('P1D') END) AS lapses
}}
CALL (submitted, lapses) {{
  UNWIND [x IN submitted | {{b: x, delta: 1}}] + [x IN lapses WHERE x IS NOT NULL | {{b: x, delta: -1}}] AS e
  WITH e.b AS b, sum(e.delta) AS delta
  WITH b, delta WHERE delta <> 0
  ORDER BY b
  RETURN collect({{day: b, delta: delta}}) AS events
}}
RETURN r.id AS region_id, total, events, <<day_counts:submitted>> AS entered
""",
        ),
    },
)
