"""The frontline_recognition metric (issue 13, 组织激励 / 精神激励): a volunteer whose frontline
service reaches the policy's days has been recognised.

Frontline service is derived from what is already recorded: the days a member has been on a team
while the team was deployed (``ON_TEAM`` overlapping ``DEPLOYED_TO``).  The population is every
member of a volunteer team; one is covered on a day while their service has not yet reached the
policy's days, or once they hold a recognition dated from the policy's start day to that day, so
the population does not depend on the day and the stored summaries' step functions apply.
"""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import Metric, MetricQuery

_POPULATION = "(r)<-[:LIVES_IN]-(m:PartyMember<<unvoided:m>>)"
_ON_A_TEAM = "EXISTS { (m)-[o:ON_TEAM<<unvoided:o>>]->(t:VolunteerTeam<<unvoided:t>>) }"
# the first day the member's service on one deployed team reaches the policy's days (null: never)
_REACHED = """COLLECT { MATCH (m)-[o:ON_TEAM<<unvoided:o>>]->(t:VolunteerTeam<<unvoided:t>>)-[dep:DEPLOYED_TO<<unvoided:dep>>]->(place<<unvoided:place>>)
           WITH o, dep, CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END + duration({days: $frontline_min_days - 1}) AS reach
           WHERE (o.until IS NULL OR reach <= o.until) AND (dep.until IS NULL OR reach <= dep.until)
           RETURN reach ORDER BY reach LIMIT 1 }[0]"""
_RECOGNISED = "EXISTS { (rec:Recognition<<unvoided:rec>>)-[:RECOGNISES]->(m) WHERE date($recognition_since) <= rec.date <= d }"
# the longest stint up to the day: what the gap's reason tells
_BEST = """COLLECT { MATCH (m)-[o:ON_TEAM<<unvoided:o>>]->(t:VolunteerTeam<<unvoided:t>>)-[dep:DEPLOYED_TO<<unvoided:dep>>]->(place<<unvoided:place>>)
            WITH t, place, CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END AS start,
                 reduce(e = d, x IN [o.until, dep.until] | CASE WHEN x IS NOT NULL AND x < e THEN x ELSE e END) AS stop
            WHERE start <= stop
            WITH duration.inDays(start, stop).days + 1 AS days, t.name AS team, place.name AS place
            RETURN {days: days, team: team, place: place} AS s ORDER BY days DESC, team, place LIMIT 1 }[0]"""
_DETAILS = "{days: best.days, team: best.team, place: best.place, min_days: $frontline_min_days}"


def _reason(d: dict[str, Any]) -> str:
    return f"{d.get('days')} days at {d.get('place')} with {d.get('team')}, no recognition (policy: {d.get('min_days')} days)."


METRIC = Metric(
    name="frontline_recognition",
    title_en="Frontline service recognised",
    title_zh="一线表现得到激励",
    description="A volunteer whose days on a deployed team reach the policy's minimum holds a recognition dated from the policy's start day to the day.",
    population="Party members on a volunteer team, where they live",
    label="PartyMember",
    dated=True,
    reason=_reason,
    reason_zh=ReasonText(parts=(("", "在{place}随{team}服务 {days} 天，未获激励（政策：{min_days} 天）"),), end="。"),
    category_predicates={"never_recognised": "true"},
    categories=lambda d: ["never_recognised"],
    category_texts={"never_recognised": {"en": "no recognition", "zh": "未获激励"}},
    rule=f"(<<measure>> IS NULL OR d < <<measure>> OR {_RECOGNISED})",
    measure=_REACHED,
    sections=("party_members", "team_memberships", "deployments", "recognitions"),
    summary_population=("Region", "PartyMember", "ON_TEAM", "DEPLOYED_TO", "Recognition"),
    policy_params={
        "frontline_min_days": "int[1..3650] = 14 -- Policy: days on a deployed team after which a volunteer is due a recognition",
        "recognition_since": 'string = "2020-01-20" -- Policy: first day a recognition counts from (YYYY-MM-DD)',
    },
    queries={
        "coverage": MetricQuery(
            title="Volunteers with long frontline service who are recognised, rolled up",
            description="Members of volunteer teams living under the region who, on the day, either have not yet served\nthe policy's days on a deployed team or hold a recognition. Returns one `region` row for the region\nitself, then one `group` row per region at the group level (default: the children), in id order,\nzeros included.",
            body=f"""\
MATCH (r:Region)
WHERE (<<under:$region>>)
CALL (r, d) {{
  MATCH {_POPULATION}
  WHERE {_ON_A_TEAM}
  RETURN count(m) AS total, count(CASE WHEN <<rule>> THEN 1 END) AS covered
}}
""",
        ),
        "gaps": MetricQuery(
            title="Volunteers with long frontline service and no recognition",
            description="Members of volunteer teams living under the region whose service on a deployed team has reached\nthe policy's days and who hold no recognition on the day; `details` names the longest stint. Stable\norder by id; page with `after` = the last id returned.",
            body=f"""\
MATCH {_POPULATION}
WHERE ($after IS NULL OR m.id > $after) AND {_ON_A_TEAM} AND NOT <<rule>>
WITH d, r, m ORDER BY m.id LIMIT toInteger($limit)
WITH r, m, {_BEST} AS best
RETURN m.id AS id, m.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {_DETAILS} AS details
""",
        ),
        "status": MetricQuery(
            title="Is a volunteer with long frontline service recognised?",
            description="For each given volunteer: whether their service has reached the policy's days and whether they\nhold a recognition on the day. Ids that are not in the population return no row.",
            body=f"""\
MATCH (m:PartyMember {{id: item_id}}<<unvoided:m>>)-[:LIVES_IN]->(r:Region)
WHERE {_ON_A_TEAM}
WITH d, r, m, <<rule>> AS ok, {_BEST} AS best
RETURN m.id AS id, m.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, ok AS covered, {_DETAILS} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Frontline recognition: coverage timeline per region",
            description="Volunteers living in each given region: covered until their service reaches the policy's days,\nand from their first recognition (on or after the policy's start day) on.",
            body=f"""\
CALL (r) {{
  MATCH {_POPULATION}
  WHERE {_ON_A_TEAM}
  WITH m, <<measure>> AS reach,
       COLLECT {{ MATCH (rec:Recognition<<unvoided:rec>>)-[:RECOGNISES]->(m) WHERE rec.date >= date($recognition_since) RETURN rec.date }} AS recs
  RETURN count(m) AS total, collect({{id: m.id, reach: reach, recs: recs}}) AS items
}}
CALL (items) {{
  UNWIND items AS it
  UNWIND [date('0001-01-01')] + CASE WHEN it.reach IS NULL THEN [] ELSE [it.reach] END + it.recs AS b
  WITH DISTINCT it, b  // one boundary per item and day (the item's id keeps equal items apart)
  WITH it, b, b - duration('P1D') AS p
  WITH b, CASE WHEN it.reach IS NULL OR b < it.reach OR any(x IN it.recs WHERE x <= b) THEN 1 ELSE 0 END AS now,
       CASE WHEN b = date('0001-01-01') THEN 0
            WHEN it.reach IS NULL OR p < it.reach OR any(x IN it.recs WHERE x <= p) THEN 1 ELSE 0 END AS before
<<events>>
}}
RETURN r.id AS region_id, total, events
""",
        ),
    },
)
