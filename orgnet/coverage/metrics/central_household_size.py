"""The central_household_size metric: population, rule, reasons and the parts of its four queries."""

from __future__ import annotations

from typing import Any

from orgnet.coverage.metrics._reasons import ReasonText
from orgnet.coverage.metrics._unit import Metric, MetricQuery


def _central_reason(d: dict[str, Any]) -> str:
    n, target = d["members"], d["target"]
    return f"Has {n} member(s); the target is exactly {target}."


def _categories(d: dict[str, Any]) -> list[str]:
    return ["fewer" if d["members"] < d["target"] else "more"]


METRIC = Metric(
    name="central_household_size",
    title_en="Central household size (10×10)",
    title_zh="党员中心户规模达标",
    description="Exactly the policy's target number of party members (10).",
    population="Party-member central households",
    label="CentralHousehold",
    reason=_central_reason,
    reason_zh=ReasonText(parts=(("", "中心户有 {members} 名党员，目标为 {target} 名。"),)),
    category_predicates={"fewer": "d.members < d.target", "more": "NOT d.members < d.target"},
    categories=_categories,
    category_texts={"fewer": {"en": "fewer than target", "zh": "少于目标"}, "more": {"en": "more than target", "zh": "多于目标"}},
    rule="<<measure>> = $central_household_target",
    measure="COUNT { (ch)<-[:IN_CENTRAL_HOUSEHOLD]-(member:PartyMember<<unvoided:member>>) }",
    sections=("central_households", "party_members"),
    summary_population=("Region", "CentralHousehold", "IN_CENTRAL_HOUSEHOLD"),
    policy_params={
        "central_household_target": "int[1..1000] = 10 -- Policy: members a central household must have, exactly",
    },
    whatif_affected="""\
UNWIND $members AS member_id
MATCH (:PartyMember {id: member_id})-[:IN_CENTRAL_HOUSEHOLD]->(item:CentralHousehold)
""",
    whatif_params=("unavailable_members",),
    queries={
        "coverage": MetricQuery(
            title="Central households with exactly the target members, rolled up",
            description="Party-member central households under the region with exactly the policy's target number of\nmembers. Returns one `region` row for the region itself, then one `group` row per region at the\ngroup level (default: the children), in id order, zeros included.",
            body="""\
MATCH (r:Region)
WHERE (<<under:$region>>)
CALL (r) {
  MATCH (r)<-[:LOCATED_IN]-(ch:CentralHousehold<<unvoided:ch>>)
  RETURN count(ch) AS total,
         count(CASE WHEN <<rule>> THEN 1 END) AS covered
}
""",
        ),
        "gaps": MetricQuery(
            title="Central households off the member target",
            description="Central households under the region whose number of members is not exactly the target. Stable\norder by id; page with `after` = the last id returned.",
            body="""\
MATCH (r)<-[:LOCATED_IN]-(ch:CentralHousehold<<unvoided:ch>>)
WHERE $after IS NULL OR ch.id > $after
WITH r, ch, <<measure>> AS members
WHERE members <> $central_household_target
WITH r, ch, members ORDER BY ch.id LIMIT toInteger($limit)
RETURN ch.id AS id, null AS name, r.path_ids AS path_ids, r.path_names AS path_names, {members: members, target: $central_household_target} AS details
""",
        ),
        "status": MetricQuery(
            title="Does a central household have exactly the target members?",
            description="For each given central household: its members (not counting `unavailable_members`) against the\ntarget. Ids that are not in the population return no row.",
            body="""\
MATCH (ch:CentralHousehold {id: item_id}<<unvoided:ch>>)-[:LOCATED_IN]->(r:Region)
WITH r, ch, COUNT { (ch)<-[:IN_CENTRAL_HOUSEHOLD]-(m:PartyMember<<unvoided:m>>) WHERE NOT m.id IN $unavailable_members } AS members
RETURN ch.id AS id, null AS name, r.path_ids AS path_ids, r.path_names AS path_names, members = $central_household_target AS covered,
       {members: members, target: $central_household_target} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Central household size: coverage timeline per region",
            description="Central households located in each given region and whether they have exactly the target number of\nmembers; the rule has no dates, so the only event is day 0001-01-01.",
            body="""\
CALL (r) {
  MATCH (r)<-[:LOCATED_IN]-(ch:CentralHousehold<<unvoided:ch>>)
  RETURN count(ch) AS total, count(CASE WHEN <<rule>> THEN 1 END) AS covered
}
RETURN r.id AS region_id, total, CASE WHEN covered > 0 THEN [{day: date('0001-01-01'), delta: covered}] ELSE [] END AS events
""",
        ),
    },
)
