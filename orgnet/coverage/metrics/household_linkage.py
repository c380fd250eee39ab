"""The household_linkage metric: population, rule, reasons and the parts of its four queries."""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._frames import timeline_steps
from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import AsOf, Metric, MetricQuery


def _household_reason(d: dict[str, Any]) -> str:
    base = "No party member links this household on the day"
    if d.get("active_links"):
        return f"{d['active_links']} active link(s)."
    ended = d.get("last_link_ended")
    return base + (f" (the last link ended on {ended})." if ended else ".")


def _categories(d: dict[str, Any]) -> list[str]:
    return ["link_ended" if d.get("last_link_ended") else "never_linked"]


METRIC = Metric(
    name="household_linkage",
    title_en="Household linkage (10×10)",
    title_zh="党员联户覆盖",
    description="Linked to at least one party member by an active link.",
    population="Households",
    label="Household",
    as_of=AsOf(evidence={"LINKS": "since"}),
    reason=_household_reason,
    reason_zh=ReasonText(parts=(("", "当日没有党员联系该户"), ("last_link_ended", "（最近一次联系于 {last_link_ended} 结束）")), end="。"),
    category_predicates={"never_linked": "d.last_link_ended IS NULL", "link_ended": "d.last_link_ended IS NOT NULL"},
    categories=_categories,
    category_texts={"never_linked": {"en": "never linked", "zh": "从未联系"}, "link_ended": {"en": "link ended", "zh": "联系已结束"}},
    rule="EXISTS { (h)<-[l:LINKS<<unvoided:l>>]-(member:PartyMember<<unvoided:member>>) WHERE <<active:l>> }",
    sections=("households", "household_links", "party_members"),  # a void member links nothing
    summary_population=("Region", "Household", "LINKS"),
    policy_params={},
    whatif_affected="""\
UNWIND $members AS member_id
MATCH (:PartyMember {id: member_id})-[l:LINKS]->(item:Household)
WHERE <<active:l>>
""",
    whatif_params=("unavailable_members",),
    queries={
        "coverage": MetricQuery(
            title="Household linkage (10x10), rolled up",
            description="Households under the region linked, on the day, to at least one party member by an active link.\nReturns one `region` row for the region itself, then one `group` row per region at the group\nlevel (default: the children), in id order, zeros included.",
            body="""\
MATCH (r:Region)
WHERE (<<under:$region>>)
CALL (r, d) {
  MATCH (r)<-[:LOCATED_IN]-(h:Household<<unvoided:h>>)
  RETURN count(h) AS total,
         count(CASE WHEN <<rule>> THEN 1 END) AS covered
}
""",
        ),
        "gaps": MetricQuery(
            title="Households with no active link",
            description="Households under the region that no party member links on the day. `details.last_link_ended` is\nthe last day of the most recent ended link, if any. Stable order by id; page with `after` = the\nlast id returned.",
            body="""\
MATCH (r)<-[:LOCATED_IN]-(h:Household<<unvoided:h>>)
WHERE ($after IS NULL OR h.id > $after)
  AND NOT <<rule>>
WITH d, r, h ORDER BY h.id LIMIT toInteger($limit)
WITH r, h, COLLECT { MATCH (h)<-[l:LINKS<<unvoided:l>>]-(member:PartyMember<<unvoided:member>>) WHERE l.until IS NOT NULL AND l.until < d RETURN l.until ORDER BY l.until DESC LIMIT 1 }[0] AS last_ended
RETURN h.id AS id, h.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {active_links: 0, last_link_ended: last_ended} AS details
""",
        ),
        "status": MetricQuery(
            title="Is a household linked?",
            description="For each given household: the number of members linking it on the day; members listed in\n`unavailable_members` do not count. Ids that are not in the population return no row.",
            body="""\
MATCH (h:Household {id: item_id}<<unvoided:h>>)-[:LOCATED_IN]->(r:Region)
WITH d, r, h, COUNT { MATCH (h)<-[l:LINKS<<unvoided:l>>]-(m:PartyMember<<unvoided:m>>) WHERE <<active:l>> AND NOT m.id IN $unavailable_members RETURN DISTINCT m } AS links
WITH r, h, links, COLLECT { MATCH (h)<-[l:LINKS<<unvoided:l>>]-(member:PartyMember<<unvoided:member>>) WHERE l.until IS NOT NULL AND l.until < d RETURN l.until ORDER BY l.until DESC LIMIT 1 }[0] AS last_ended
RETURN h.id AS id, h.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, links > 0 AS covered, {active_links: links, last_link_ended: last_ended} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Household linkage (10x10): coverage timeline per region",
            description="Households located in each given region and the days their linkage changes.",
            body="""\
CALL (r) {
  MATCH (r)<-[:LOCATED_IN]-(h:Household<<unvoided:h>>)
  WITH h, COLLECT { MATCH (h)<-[l:LINKS<<unvoided:l>>]-(member:PartyMember<<unvoided:member>>) RETURN {since: l.since, until: l.until} } AS ls
"""
            + timeline_steps(carry="ls", boundaries="<<boundaries:ls>>", covered_on="any(l IN ls WHERE <<active:l@DAY>>)")
            + """\
}
RETURN r.id AS region_id, COUNT { (r)<-[:LOCATED_IN]-(household:Household<<unvoided:household>>) } AS total, events
""",
        ),
    },
)
