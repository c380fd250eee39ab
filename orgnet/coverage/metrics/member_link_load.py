"""The member_link_load metric: population, rule, reasons and the parts of its four queries."""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._frames import timeline_steps
from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import AsOf, Metric, MetricQuery


def _member_reason(d: dict[str, Any]) -> str:
    n, target = d["active_links"], d["target"]
    how = "fewer" if n < target else "more"
    return f"Links {n} household(s) actively, {how} than the target of exactly {target}."


def _categories(d: dict[str, Any]) -> list[str]:
    return ["fewer" if d["active_links"] < d["target"] else "more"]


METRIC = Metric(
    name="member_link_load",
    title_en="Member link load (10×10)",
    title_zh="党员联户数达标",
    description="The member actively links exactly the policy's target number of households (10).",
    population="Rural party members in the 10×10 scheme",
    label="PartyMember",
    as_of=AsOf(evidence={"LINKS": "since"}),
    reason=_member_reason,
    reason_zh=ReasonText(parts=(("", "实际有效联系 {active_links} 户，目标为 {target} 户。"),)),
    category_predicates={"fewer": "d.active_links < d.target", "more": "NOT d.active_links < d.target"},
    categories=_categories,
    category_texts={"fewer": {"en": "fewer than target", "zh": "少于目标"}, "more": {"en": "more than target", "zh": "多于目标"}},
    rule="<<measure>> = $member_link_target",
    measure="COUNT { MATCH (m)-[l:LINKS<<unvoided:l>>]->(h:Household<<unvoided:h>>) WHERE <<active:l>> RETURN DISTINCT h }",
    sections=("party_members", "household_links"),
    summary_population=("Region", "PartyMember", "LIVES_IN", "LINKS"),
    policy_params={
        "member_link_target": "int[1..1000] = 10 -- Policy: households a rural member must actively link, exactly",
    },
    queries={
        "coverage": MetricQuery(
            title="Rural members linking exactly the target number of households, rolled up",
            description="Rural party members in the 10x10 scheme living under the region who actively link, on the day,\nexactly the policy's target number of distinct households. Returns one `region` row for the\nregion itself, then one `group` row per region at the group level (default: the children), in id\norder, zeros included.",
            body="""\
MATCH (r:Region)
WHERE (<<under:$region>>)
CALL (r, d) {
  MATCH (r)<-[:LIVES_IN]-(m:PartyMember {rural: true}<<unvoided:m>>)
  RETURN count(m) AS total, count(CASE WHEN <<rule>> THEN 1 END) AS covered
}
""",
        ),
        "gaps": MetricQuery(
            title="Rural members off the household-link target",
            description="Rural party members in the scheme living under the region whose active links on the day are not\nexactly the target. Stable order by id; page with `after` = the last id returned.",
            body="""\
MATCH (r)<-[:LIVES_IN]-(m:PartyMember {rural: true}<<unvoided:m>>)
WHERE $after IS NULL OR m.id > $after
WITH r, m, <<measure>> AS links
WHERE links <> $member_link_target
WITH r, m, links ORDER BY m.id LIMIT toInteger($limit)
RETURN m.id AS id, m.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {active_links: links, target: $member_link_target} AS details
""",
        ),
        "status": MetricQuery(
            title="Does a rural member link exactly the target number of households?",
            description="For each given rural member in the scheme: active links on the day against the target. Ids that\nare not in the population return no row.",
            body="""\
MATCH (m:PartyMember {id: item_id, rural: true}<<unvoided:m>>)-[:LIVES_IN]->(r:Region)
WITH r, m, <<measure>> AS links
RETURN m.id AS id, m.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, links = $member_link_target AS covered,
       {active_links: links, target: $member_link_target} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Member linkage load: coverage timeline per region",
            description="Rural party members living in each given region and the days on which whether they link exactly the\ntarget number of households changes.",
            body="""\
CALL (r) {
  MATCH (r)<-[:LIVES_IN]-(m:PartyMember {rural: true}<<unvoided:m>>)
  WITH m, COLLECT { MATCH (m)-[l:LINKS<<unvoided:l>>]->(h:Household<<unvoided:h>>) RETURN {h: h.id, since: l.since, until: l.until} } AS ls
"""
            + timeline_steps(
                carry="ls",
                boundaries="<<boundaries:ls>>",
                covered_on="size(reduce(acc = [], x IN [l IN ls WHERE <<active:l@DAY>> | l.h] | CASE WHEN x IN acc THEN acc ELSE acc + [x] END)) = $member_link_target",
            )
            + """\
}
RETURN r.id AS region_id, COUNT { (r)<-[:LIVES_IN]-(member:PartyMember {rural: true}<<unvoided:member>>) } AS total, events
""",
        ),
    },
)
