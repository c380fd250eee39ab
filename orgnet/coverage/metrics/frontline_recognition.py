"""The frontline_recognition metric (issue 13, 组织激励 / 精神激励): a person whose frontline service
reaches the policy's threshold has been recognised.

Frontline service is derived from what is already recorded, two ways:

- the **total of distinct days on duty** up to the day: the days a party member was on a team while
  the team was deployed (``ON_TEAM`` overlapping ``DEPLOYED_TO``), across all the member's teams and
  deployments, each day once (on duty 10 + 3 + 1 days = 14 days), due at ``frontline_min_days``;
- a cadre's frontline record file (纪实档案: ``FrontlineRecord -[:RECORD_OF]-> Cadre``), due once
  ``min_record_entries`` entries are dated on or before the day.

As of a day, the population is everyone whose frontline service has begun by then (a first day on
duty, a first record entry): a person enters it with their first evidence, and every record read is
dated on or before the day (the generator adds those filters from the declaration).  One is covered
while their service has not reached a threshold, or once they hold a recognition dated from the
policy's start day to the day.

Items are people, by id: a party member and a cadre recorded with the same id are one person (their
days, entries and recognitions count together), found through the member record when that member is
on a team (on any day: that decides only *where* the person is counted, ``<<anyday:x>>``) and
through the cadre record otherwise, so nobody is counted twice.  Ids of different people never
meet: records of one label have unique ids, and the seed gives cadres ``cadre-…`` ids.

The incentives funnel (``orgnet/queries/incentives/funnel.cypher``) is produced from :data:`FUNNEL`,
on this population: the card and the chart count the same people.
"""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import AsOf, Metric, MetricQuery

# where a person is found: a team member (any day) where they live, else a cadre with a record entry
_ON_A_TEAM = "EXISTS { (p)-[o:ON_TEAM<<anyday:o>>]->(t:VolunteerTeam<<unvoided:t>>) }"
_HAS_RECORD = "EXISTS { (p)<-[:RECORD_OF]-(fr:FrontlineRecord<<anyday:fr>>) }"
# a cadre whose id is also a team member's is found through the member record (counted once)
_NO_MEMBER_TWIN = (
    "NOT EXISTS { MATCH (tw:PartyMember {id: p.id})-[o:ON_TEAM<<anyday:o>>]->(t:VolunteerTeam<<unvoided:t>>) WHERE NOT coalesce(tw.voided, false) }"
)


def _population(member: str, cadre: str, scope: str, returns: str) -> str:
    """The people, as rows ``returns``: ``p`` the record they are found through (and ``r`` its region
    when the caller has not bound it); whether their service has begun is :data:`_SERVED`."""
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
# the person's stints on duty: a membership overlapping a deployment of the team, first day `s`, last
# day `e` (null: open), in order of their first day (as of the day: both begun on or before it)
_STINTS = """COLLECT { UNWIND ps AS who
             MATCH (who)-[o:ON_TEAM<<unvoided:o>>]->(t:VolunteerTeam<<unvoided:t>>)-[dep:DEPLOYED_TO<<unvoided:dep>>]->(place<<unvoided:place>>)
             WITH t, place, CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END AS s,
                  CASE WHEN o.until IS NULL THEN dep.until WHEN dep.until IS NULL OR o.until < dep.until THEN o.until ELSE dep.until END AS e
             WHERE e IS NULL OR s <= e
             RETURN {s: s, e: e, team: t.name, place: place.name} AS x ORDER BY x.s, x.team, x.place }"""
# the stints merged into the distinct days on duty: consecutive or overlapping stints become one
# interval (`e` null: still on duty), so a day on two teams counts once
_MERGED = """reduce(m = [], x IN stints | CASE
             WHEN size(m) > 0 AND (last(m).e IS NULL OR x.s <= last(m).e + duration('P1D'))
             THEN m[..-1] + [{s: last(m).s, e: CASE WHEN last(m).e IS NULL OR x.e IS NULL THEN null WHEN x.e > last(m).e THEN x.e ELSE last(m).e END}]
             ELSE m + [{s: x.s, e: x.e}] END)"""
# the day the distinct days on duty reach the policy's number (null: not reached)
_DAYS_REACH = """reduce(a = {days: 0, reach: null}, x IN merged | CASE
             WHEN a.reach IS NOT NULL THEN a
             WHEN x.e IS NULL OR a.days + duration.inDays(x.s, x.e).days + 1 >= $frontline_min_days
             THEN {days: a.days, reach: x.s + duration({days: $frontline_min_days - a.days - 1})}
             ELSE {days: a.days + duration.inDays(x.s, x.e).days + 1, reach: null} END).reach"""
_ENTRY_DAYS = "COLLECT { UNWIND ps AS who MATCH (who)<-[:RECORD_OF]-(fr:FrontlineRecord<<unvoided:fr>>) RETURN fr.date ORDER BY fr.date }"
# the first day the person's service reaches a threshold (null: never): the days on duty reaching the
# policy's number, or the frontline record entry that makes the policy's number; every view binds
# `stints` and `entry_days` first (:data:`_SERVICE`)
_REACHED = f"""reduce(first = null, day IN [{_DAYS_REACH.replace("merged", _MERGED)}, entry_days[toInteger($min_record_entries) - 1]]
           | CASE WHEN day IS NULL THEN first WHEN first IS NULL OR day < first THEN day ELSE first END)"""
_SERVICE = f"{_STINTS} AS stints, {_ENTRY_DAYS} AS entry_days"
# the first day of service: the first day on duty or the first record entry (the day the person enters the population)
_STARTED = "reduce(first = null, day IN [head(stints).s, head(entry_days)] | CASE WHEN day IS NULL THEN first WHEN first IS NULL OR day < first THEN day ELSE first END)"
_RECOGNISED = "EXISTS { UNWIND ps AS who MATCH (who)<-[:RECOGNISES]-(rec:Recognition<<unvoided:rec>>) WHERE date($recognition_since) <= rec.date }"
# what the gap's reason tells: the distinct days on duty up to the day, the stint with the most of them,
# and the record entries up to the day (as of the day, the stints and entries read are those begun by then)
_UP_TO_DAY = "[x IN stints | {s: x.s, e: CASE WHEN x.e IS NULL OR x.e > d THEN d ELSE x.e END, team: x.team, place: x.place}]"
_DAYS_ON_DUTY = f"reduce(n = 0, x IN {_MERGED.replace('stints', 'upto')} | n + duration.inDays(x.s, x.e).days + 1)"
_DETAILS = """{days: CASE WHEN size(upto) > 0 THEN on_duty END, team: most.team, place: most.place, min_days: $frontline_min_days,
        entries: size(entry_days), first_entry_on: toString(entry_days[0]),
        entry_kinds: COLLECT { UNWIND ps AS who MATCH (who)<-[:RECORD_OF]-(fr:FrontlineRecord<<unvoided:fr>>) RETURN DISTINCT fr.kind AS kind ORDER BY kind },
        min_entries: $min_record_entries,
        service: CASE WHEN size(upto) > 0 AND size(entry_days) > 0 THEN 'both' WHEN size(entry_days) > 0 THEN 'records' ELSE 'team' END,
        label: CASE WHEN p:Cadre THEN 'Cadre' ELSE 'PartyMember' END}"""
# binds `upto`, `on_duty` and `most` (the stint with the most days up to the day; ties: team, place) for _DETAILS
_TOLD = f"""WITH d, r, p, ps, stints, entry_days, ok, {_UP_TO_DAY} AS upto
WITH d, r, p, ps, entry_days, ok, upto, {_DAYS_ON_DUTY} AS on_duty,
     COLLECT {{ UNWIND upto AS x WITH x, duration.inDays(x.s, x.e).days + 1 AS n ORDER BY n DESC, x.team, x.place RETURN {{team: x.team, place: x.place}} AS y LIMIT 1 }}[0] AS most"""


def _served(carry: str, *, reach: bool = True) -> str:
    """From rows ``carry`` (``p`` among them): the person's records ``ps``, their ``stints`` and
    ``entry_days``, ``started`` (their first day of service; rows of people whose service has not
    begun are dropped: they are not in the population) and, with ``reach``, the day their service
    reaches a threshold (``<<measure>>``)."""
    out = f"""WITH {carry}, {_PEOPLE} AS ps
WITH {carry}, ps, {_SERVICE}
WITH {carry}, ps, stints, entry_days, {_STARTED} AS started
WHERE started IS NOT NULL"""
    if reach:
        out += f"\nWITH {carry}, ps, stints, entry_days, started, <<measure>> AS reach"
    return out


_POLICY_EN = {"team": "{min_days} days", "records": "{min_entries} entries", "both": "{min_days} days or {min_entries} entries"}


def _reason(d: dict[str, Any]) -> str:
    """What the person did, and that nobody recognised it.

    >>> _reason({"days": 38, "place": "徐州东站", "team": "先锋队", "min_days": 14, "service": "team"})
    '38 days on duty, most at 徐州东站 with 先锋队, no recognition (policy: 14 days).'
    >>> _reason({"entries": 5, "first_entry_on": "2020-01-28", "entry_kinds": ["duty", "major_event"], "min_entries": 3, "service": "records"})
    '5 frontline record entries since 2020-01-28 (duty, major event), no recognition (policy: 3 entries).'
    """
    service = d.get("service") or "team"
    did = []
    if service != "records":
        did.append(f"{d.get('days')} days on duty, most at {d.get('place')} with {d.get('team')}")
    if service != "team":
        kinds = ", ".join(str(k).replace("_", " ") for k in d.get("entry_kinds") or [])
        did.append(f"{d.get('entries')} frontline record entries since {d.get('first_entry_on')} ({kinds})")
    policy = _POLICY_EN.get(service, _POLICY_EN["team"]).format(min_days=d.get("min_days"), min_entries=d.get("min_entries"))
    return f"{'; '.join(did)}, no recognition (policy: {policy})."


METRIC = Metric(
    name="frontline_recognition",
    title_en="Frontline service recognised",
    title_zh="一线表现得到激励",
    description="A volunteer whose distinct days on duty (on a team while it is deployed, all teams together) reach the policy's minimum, or a cadre whose frontline record entries reach the policy's number, holds a recognition dated from the policy's start day to the day.",
    population="People whose frontline service has begun by the day: party members on duty with a volunteer team, where they live, and cadres with a frontline record entry, where they serve",
    label="PartyMember",
    extra_labels=("Cadre",),
    as_of=AsOf(
        enters_with_evidence=True,
        evidence={"ON_TEAM": "since", "DEPLOYED_TO": "since", "FrontlineRecord": "date", "Recognition": "date"},
    ),
    reason=_reason,
    reason_zh=ReasonText(
        parts=(
            ("service!=records", "一线值守 {days} 天，主要在{place}随{team}"),
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
        "frontline_min_days": "int[1..3650] = 14 -- Policy: distinct days on duty after which a volunteer is due a recognition",
        "min_record_entries": "int[1..1000] = 3 -- Policy: frontline record entries after which a cadre is due a recognition",
        "recognition_since": 'date = "2020-01-20" -- Policy: first day a recognition counts from (YYYY-MM-DD)',
    },
    queries={
        "coverage": MetricQuery(
            title="People with long frontline service who are recognised, rolled up",
            description="People whose frontline service has begun by the day (members on duty with volunteer teams, living\nunder the region; cadres with a frontline record entry, serving under it) who either have not yet\nreached the policy's days or entries or hold a recognition. Returns one `region` row for the region\nitself, then one `group` row per region at the group level (default: the children), in id order,\nzeros included.",
            body=f"""\
MATCH (r:Region)
WHERE (<<under:$region>>)
CALL (r, d) {{
  {_IN_REGION}
  {_served("d, p").replace(chr(10), chr(10) + "  ")}
  RETURN count(p) AS total, count(CASE WHEN <<rule>> THEN 1 END) AS covered
}}
""",
        ),
        "gaps": MetricQuery(
            title="People with long frontline service and no recognition",
            description="People whose frontline service (distinct days on duty, or frontline record entries) has reached the\npolicy's days or entries by the day and who hold no recognition; `details` tells the days on duty up\nto the day, the stint with the most of them, and the entries. Stable order by id; page with `after` =\nthe last id returned.",
            body=f"""\
{_IN_REGION}
WITH d, r, p
WHERE $after IS NULL OR p.id > $after
{_served("d, r, p")}
WHERE NOT <<rule>>
WITH d, r, p, ps, stints, entry_days, false AS ok ORDER BY p.id LIMIT toInteger($limit)
{_TOLD}
RETURN p.id AS id, p.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {_DETAILS} AS details
""",
        ),
        "status": MetricQuery(
            title="Is a person with long frontline service recognised?",
            description="For each given person (a volunteer's or a cadre's id): whether their service has reached the\npolicy's days or entries and whether they hold a recognition on the day. Ids that are not in the\npopulation on the day (service not begun) return no row.",
            body=f"""\
{_BY_ID}
{_served("d, r, p")}
WITH d, r, p, ps, stints, entry_days, <<rule>> AS ok
{_TOLD}
RETURN p.id AS id, p.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, ok AS covered, {_DETAILS} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Frontline recognition: coverage timeline per region",
            description="People found in each given region (volunteers where they live, cadres where they serve): each\nfrom their first day of service, covered until their service reaches the policy's days or entries,\nand from their first recognition (on or after the policy's start day) on.",
            body=f"""\
CALL (r) {{
  {_IN_REGION}
  {_served("p").replace(chr(10), chr(10) + "  ")}
  WITH p, started, reach,
       COLLECT {{ UNWIND ps AS who MATCH (who)<-[:RECOGNISES]-(rec:Recognition<<unvoided:rec>>) WHERE rec.date >= date($recognition_since) RETURN rec.date }} AS recs
  RETURN count(p) AS total, collect(started) AS starts, collect({{id: p.id, started: started, reach: reach, recs: recs}}) AS items
}}
CALL (items) {{
  UNWIND items AS it
  UNWIND [date('0001-01-01'), it.started] + CASE WHEN it.reach IS NULL THEN [] ELSE [it.reach] END + it.recs AS b
  WITH DISTINCT it, b  // one boundary per item and day (the item's id keeps equal items apart)
  WITH it, b, b - duration('P1D') AS p
  // in the population from the first day of service on
  WITH b, CASE WHEN it.started <= b AND (it.reach IS NULL OR b < it.reach OR any(x IN it.recs WHERE x <= b)) THEN 1 ELSE 0 END AS now,
       CASE WHEN b = date('0001-01-01') THEN 0
            WHEN it.started <= p AND (it.reach IS NULL OR p < it.reach OR any(x IN it.recs WHERE x <= p)) THEN 1 ELSE 0 END AS before
<<events>>
}}
RETURN r.id AS region_id, total, events, <<day_counts:starts>> AS entered
""",
        ),
    },
)

FUNNEL = f"""\
MATCH (x:Region {{id: $region}})
WITH x, coalesce(date($as_of), date()) AS d
CALL (x, d) {{
  MATCH (r:Region) WHERE r.id = x.id OR r.nation_id = x.id OR r.province_id = x.id OR r.city_id = x.id OR r.county_id = x.id OR r.town_id = x.id
  // the people of frontline_recognition on the day (its population, each once), and the kinds of
  // recognition each holds from the policy start day to the day
  CALL (r, d) {{
    {_IN_REGION.replace(chr(10), chr(10) + "  ")}
    {_served("d, p", reach=False).replace(chr(10), chr(10) + "    ")}
    WITH p, COLLECT {{ UNWIND ps AS who MATCH (who)<-[:RECOGNISES]-(rec:Recognition<<unvoided:rec>>) WHERE date($recognition_since) <= rec.date
                      RETURN DISTINCT rec.kind AS kind }} AS kinds
    RETURN count(p) AS served, count(CASE WHEN size(kinds) > 0 THEN 1 END) AS recognised,
           count(CASE WHEN 'noted' IN kinds THEN 1 END) AS noted,
           count(CASE WHEN 'noted' IN kinds AND 'promoted' IN kinds THEN 1 END) AS promoted
  }}
  RETURN sum(served) AS served, sum(recognised) AS recognised, sum(noted) AS noted, sum(promoted) AS promoted
}}
RETURN served, recognised, noted, promoted
"""
"""The body of ``incentives/funnel`` (produced by :mod:`orgnet.coverage.generate` with this metric's
as-of filters): the metric's people on the day (``served``, what its card counts), those of them
recognised in the policy's window, those of the recognised who were noted (纳入组织视野), those of the
noted who were promoted. Each stage is a subset of the one before, by construction."""
