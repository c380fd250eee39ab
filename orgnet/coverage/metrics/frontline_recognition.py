"""The frontline_recognition metric (issue 13, 组织激励 / 精神激励): a person whose frontline service
reaches the policy's threshold has been recognised.

Frontline service is derived from what is already recorded, two ways:

- the days a party member has been on a team while the team was deployed (``ON_TEAM`` overlapping
  ``DEPLOYED_TO``), due at ``frontline_min_days``;
- a cadre's frontline record file (纪实档案: ``FrontlineRecord -[:RECORD_OF]-> Cadre``), due once
  ``min_record_entries`` entries are dated on or before the day.

The population is every member of a volunteer team (where they live) and every cadre with a
frontline record entry (where they serve); one is covered on a day while their service has not yet
reached a threshold, or once they hold a recognition dated from the policy's start day to that day,
so the population does not depend on the day and the stored summaries' step functions apply.

Items are people, by id: a party member and a cadre recorded with the same id are one person (their
days, entries and recognitions count together), found through the member record when that member is
on a team and through the cadre record otherwise, so nobody is counted twice.  Ids of different
people never meet: records of one label have unique ids, and the seed gives cadres ``cadre-…`` ids.
"""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import Metric, MetricQuery

_ON_A_TEAM = "EXISTS { (p)-[o:ON_TEAM<<unvoided:o>>]->(t:VolunteerTeam<<unvoided:t>>) }"
_HAS_RECORD = "EXISTS { (p)<-[:RECORD_OF]-(fr:FrontlineRecord<<unvoided:fr>>) }"
# a cadre whose id is also a team member's is found through the member record (counted once)
_NO_MEMBER_TWIN = (
    "NOT EXISTS { MATCH (tw:PartyMember {id: p.id})-[o:ON_TEAM<<unvoided:o>>]->(t:VolunteerTeam<<unvoided:t>>) WHERE NOT coalesce(tw.voided, false) }"
)


def _population(member: str, cadre: str, scope: str, returns: str) -> str:
    """The people, as rows ``returns``: ``p`` the record they are found through (and ``r`` its region
    when the caller has not bound it)."""
    return f"""\
CALL ({scope}) {{
    MATCH {member}
    WHERE {_ON_A_TEAM}
    RETURN {returns}
    UNION
    MATCH {cadre}
    WHERE {_HAS_RECORD} AND {_NO_MEMBER_TWIN}
    RETURN {returns}
  }}"""


_IN_REGION = _population("(r)<-[:LIVES_IN]-(p:PartyMember<<unvoided:p>>)", "(r)<-[:SERVES_IN]-(p:Cadre<<unvoided:p>>)", "r", "p")
_BY_ID = _population(
    "(p:PartyMember {id: item_id}<<unvoided:p>>)-[:LIVES_IN]->(r:Region)", "(p:Cadre {id: item_id}<<unvoided:p>>)-[:SERVES_IN]->(r:Region)", "item_id", "p, r"
)
# every record of the person (the member and the cadre with the id): their service and recognitions count together
_PEOPLE = (
    "COLLECT { MATCH (who:PartyMember {id: p.id}) WHERE NOT coalesce(who.voided, false) RETURN who }"
    " + COLLECT { MATCH (who:Cadre {id: p.id}) WHERE NOT coalesce(who.voided, false) RETURN who }"
)
# the first day the person's service reaches a threshold (null: never): a stint on one deployed team
# reaching the policy's days, or the frontline record entry that makes the policy's number
_REACHED = """reduce(first = null, day IN COLLECT { UNWIND ps AS who
             MATCH (who)-[o:ON_TEAM<<unvoided:o>>]->(t:VolunteerTeam<<unvoided:t>>)-[dep:DEPLOYED_TO<<unvoided:dep>>]->(place<<unvoided:place>>)
             WITH o, dep, CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END + duration({days: $frontline_min_days - 1}) AS reach
             WHERE (o.until IS NULL OR reach <= o.until) AND (dep.until IS NULL OR reach <= dep.until)
             RETURN reach
             UNION
             UNWIND ps AS who
             WITH COLLECT { MATCH (who)<-[:RECORD_OF]-(fr:FrontlineRecord<<unvoided:fr>>) RETURN fr.date ORDER BY fr.date }[toInteger($min_record_entries) - 1] AS reach
             WHERE reach IS NOT NULL
             RETURN reach }
           | CASE WHEN first IS NULL OR day < first THEN day ELSE first END)"""
_RECOGNISED = "EXISTS { UNWIND ps AS who MATCH (who)<-[:RECOGNISES]-(rec:Recognition<<unvoided:rec>>) WHERE date($recognition_since) <= rec.date <= d }"
# the longest stint up to the day and the record entries up to the day: what the gap's reason tells
_BEST = """COLLECT { UNWIND ps AS who
            MATCH (who)-[o:ON_TEAM<<unvoided:o>>]->(t:VolunteerTeam<<unvoided:t>>)-[dep:DEPLOYED_TO<<unvoided:dep>>]->(place<<unvoided:place>>)
            WITH t, place, CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END AS start,
                 reduce(e = d, y IN [o.until, dep.until] | CASE WHEN y IS NOT NULL AND y < e THEN y ELSE e END) AS stop
            WHERE start <= stop
            WITH duration.inDays(start, stop).days + 1 AS days, t.name AS team, place.name AS place
            RETURN {days: days, team: team, place: place} AS s ORDER BY days DESC, team, place LIMIT 1 }[0]"""
_ENTRIES = "COLLECT { UNWIND ps AS who MATCH (who)<-[:RECORD_OF]-(fr:FrontlineRecord<<unvoided:fr>>) WHERE fr.date <= d RETURN fr ORDER BY fr.date, fr.id }"
_DETAILS = """{days: best.days, team: best.team, place: best.place, min_days: $frontline_min_days,
        entries: size(frs), first_entry_on: toString(frs[0].date),
        entry_kinds: COLLECT { UNWIND frs AS f RETURN DISTINCT f.kind AS kind ORDER BY kind },
        min_entries: $min_record_entries,
        service: CASE WHEN best IS NOT NULL AND size(frs) > 0 THEN 'both' WHEN size(frs) > 0 THEN 'records' ELSE 'team' END,
        label: CASE WHEN p:Cadre THEN 'Cadre' ELSE 'PartyMember' END}"""

_POLICY_EN = {"team": "{min_days} days", "records": "{min_entries} entries", "both": "{min_days} days or {min_entries} entries"}


def _reason(d: dict[str, Any]) -> str:
    """What the person did, and that nobody recognised it.

    >>> _reason({"days": 38, "place": "徐州东站", "team": "先锋队", "min_days": 14, "service": "team"})
    '38 days at 徐州东站 with 先锋队, no recognition (policy: 14 days).'
    >>> _reason({"entries": 5, "first_entry_on": "2020-01-28", "entry_kinds": ["duty", "major_event"], "min_entries": 3, "service": "records"})
    '5 frontline record entries since 2020-01-28 (duty, major event), no recognition (policy: 3 entries).'
    """
    service = d.get("service") or "team"
    did = []
    if service != "records":
        did.append(f"{d.get('days')} days at {d.get('place')} with {d.get('team')}")
    if service != "team":
        kinds = ", ".join(str(k).replace("_", " ") for k in d.get("entry_kinds") or [])
        did.append(f"{d.get('entries')} frontline record entries since {d.get('first_entry_on')} ({kinds})")
    policy = _POLICY_EN.get(service, _POLICY_EN["team"]).format(min_days=d.get("min_days"), min_entries=d.get("min_entries"))
    return f"{'; '.join(did)}, no recognition (policy: {policy})."


METRIC = Metric(
    name="frontline_recognition",
    title_en="Frontline service recognised",
    title_zh="一线表现得到激励",
    description="A volunteer whose days on a deployed team reach the policy's minimum, or a cadre whose frontline record entries reach the policy's number, holds a recognition dated from the policy's start day to the day.",
    population="Party members on a volunteer team, where they live, and cadres with a frontline record entry, where they serve",
    label="PartyMember",
    extra_labels=("Cadre",),
    dated=True,
    reason=_reason,
    reason_zh=ReasonText(
        parts=(
            ("service!=records", "在{place}随{team}服务 {days} 天"),
            ("service=both", "；"),
            ("service!=team", "{first_entry_on} 起 {entries} 条纪实档案记录"),
            ("service=team", "，未获激励（政策：{min_days} 天）"),
            ("service=records", "，未获激励（政策：{min_entries} 条）"),
            ("service=both", "，未获激励（政策：{min_days} 天或 {min_entries} 条）"),
        ),
        end="。",
    ),
    category_predicates={"never_recognised": "true"},
    categories=lambda d: ["never_recognised"],
    category_texts={"never_recognised": {"en": "no recognition", "zh": "未获激励"}},
    # every view binds `reach` to the measure first (it is read twice, computed once)
    rule=f"(reach IS NULL OR d < reach OR {_RECOGNISED})",
    measure=_REACHED,
    sections=("party_members", "team_memberships", "deployments", "cadres", "frontline_records", "recognitions"),
    summary_population=("Region", "PartyMember", "ON_TEAM", "DEPLOYED_TO", "Cadre", "FrontlineRecord", "Recognition"),
    policy_params={
        "frontline_min_days": "int[1..3650] = 14 -- Policy: days on a deployed team after which a volunteer is due a recognition",
        "min_record_entries": "int[1..1000] = 3 -- Policy: frontline record entries after which a cadre is due a recognition",
        "recognition_since": 'string = "2020-01-20" -- Policy: first day a recognition counts from (YYYY-MM-DD)',
    },
    queries={
        "coverage": MetricQuery(
            title="People with long frontline service who are recognised, rolled up",
            description="Members of volunteer teams living under the region and cadres with a frontline record entry serving\nunder it who, on the day, either have not yet reached the policy's days or entries or hold a\nrecognition. Returns one `region` row for the region itself, then one `group` row per region at the\ngroup level (default: the children), in id order, zeros included.",
            body=f"""\
MATCH (r:Region)
WHERE (<<under:$region>>)
CALL (r, d) {{
  {_IN_REGION}
  WITH d, p, {_PEOPLE} AS ps
  WITH d, p, ps, <<measure>> AS reach
  RETURN count(p) AS total, count(CASE WHEN <<rule>> THEN 1 END) AS covered
}}
""",
        ),
        "gaps": MetricQuery(
            title="People with long frontline service and no recognition",
            description="Members of volunteer teams living under the region and cadres with frontline record entries serving\nunder it whose service has reached the policy's days or entries and who hold no recognition on the\nday; `details` names the longest stint and the entries. Stable order by id; page with `after` = the\nlast id returned.",
            body=f"""\
{_IN_REGION}
WITH d, r, p
WHERE $after IS NULL OR p.id > $after
WITH d, r, p, {_PEOPLE} AS ps
WITH d, r, p, ps, <<measure>> AS reach
WHERE NOT <<rule>>
WITH d, r, p, ps ORDER BY p.id LIMIT toInteger($limit)
WITH d, r, p, {_BEST} AS best, {_ENTRIES} AS frs
RETURN p.id AS id, p.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {_DETAILS} AS details
""",
        ),
        "status": MetricQuery(
            title="Is a person with long frontline service recognised?",
            description="For each given person (a volunteer's or a cadre's id): whether their service has reached the\npolicy's days or entries and whether they hold a recognition on the day. Ids that are not in the\npopulation return no row.",
            body=f"""\
{_BY_ID}
WITH d, r, p, {_PEOPLE} AS ps
WITH d, r, p, ps, <<measure>> AS reach
WITH d, r, p, ps, <<rule>> AS ok, {_BEST} AS best, {_ENTRIES} AS frs
RETURN p.id AS id, p.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, ok AS covered, {_DETAILS} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Frontline recognition: coverage timeline per region",
            description="People found in each given region (volunteers where they live, cadres where they serve): covered\nuntil their service reaches the policy's days or entries, and from their first recognition (on or\nafter the policy's start day) on.",
            body=f"""\
CALL (r) {{
  {_IN_REGION}
  WITH p, {_PEOPLE} AS ps
  WITH p, ps, <<measure>> AS reach,
       COLLECT {{ UNWIND ps AS who MATCH (who)<-[:RECOGNISES]-(rec:Recognition<<unvoided:rec>>) WHERE rec.date >= date($recognition_since) RETURN rec.date }} AS recs
  RETURN count(p) AS total, collect({{id: p.id, reach: reach, recs: recs}}) AS items
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
