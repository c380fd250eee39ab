"""The checkpoint_staffing metric: population, rule, reasons and the parts of its four queries."""

from __future__ import annotations

from orgnet.coverage.metrics._teams import (
    TEAM_CATEGORY_PREDICATES,
    TEAM_CATEGORY_TEXTS,
    TEAM_TIMELINE,
    team_affected,
    team_categories,
    team_deployed,
    team_reason,
    team_reason_zh,
    team_rule,
)
from orgnet.coverage.metrics._unit import AsOf, Metric, MetricQuery

METRIC = Metric(
    name="checkpoint_staffing",
    title_en="Checkpoint staffing",
    title_zh="卡口值守",
    description="At least one volunteer team actively deployed to the checkpoint with at least the policy's minimum number of active members.",
    population="Checkpoints (rail station exits, transport hubs, ...)",
    label="Checkpoint",
    as_of=AsOf(evidence={"DEPLOYED_TO": "since", "ON_TEAM": "since"}),
    reason=team_reason("checkpoint"),
    reason_zh=team_reason_zh("卡口"),
    categories=team_categories,
    category_texts=TEAM_CATEGORY_TEXTS,
    category_predicates=TEAM_CATEGORY_PREDICATES,
    rule=team_rule("cp"),
    measure=team_deployed("cp"),
    sections=("party_members", "volunteer_teams", "team_memberships", "checkpoints", "deployments"),
    summary_population=("Region", "Checkpoint", "DEPLOYED_TO", "ON_TEAM"),
    policy_params={
        "min_team_size": "int[1..10000] = 1 -- Policy: members active on a team for it to count",
    },
    whatif_affected=team_affected("(item:Checkpoint)"),
    whatif_params=("unavailable_members", "unavailable_teams"),
    queries={
        "coverage": MetricQuery(
            title="Checkpoints with an active team, rolled up",
            description="Checkpoints under the region with at least one volunteer team deployed there on the day whose\nactive members reach the policy's minimum team size. Returns one `region` row for the region\nitself, then one `group` row per region at the group level (default: the children), in id order,\nzeros included.",
            body="""\
MATCH (r:Region)
WHERE (<<under:$region>>)
CALL (r, d) {
  MATCH (r)<-[:LOCATED_IN]-(cp:Checkpoint<<unvoided:cp>>)
  RETURN count(cp) AS total, count(CASE WHEN <<rule>> THEN 1 END) AS covered
}
""",
        ),
        "gaps": MetricQuery(
            title="Unstaffed checkpoints",
            description="Checkpoints under the region with no volunteer team deployed on the day that reaches the minimum\nteam size. Stable order by id; page with `after` = the last id returned.",
            body="""\
MATCH (r)<-[:LOCATED_IN]-(cp:Checkpoint<<unvoided:cp>>)
WHERE ($after IS NULL OR cp.id > $after)
  AND NOT <<rule>>
WITH d, r, cp ORDER BY cp.id LIMIT toInteger($limit)
WITH r, cp, <<measure>> AS deployed
RETURN cp.id AS id, cp.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {kind: cp.kind, deployed: deployed, min_team_size: $min_team_size} AS details
""",
        ),
        "status": MetricQuery(
            title="Is a checkpoint staffed?",
            description="For each given checkpoint: the teams deployed there on the day with their active members; teams\nin `unavailable_teams` and members in `unavailable_members` do not count. Ids that are not in\nthe population return no row.",
            body="""\
MATCH (cp:Checkpoint {id: item_id}<<unvoided:cp>>)-[:LOCATED_IN]->(r:Region)
WITH d, r, cp, <<rule>> AS ok
WITH r, cp, ok, <<measure>> AS deployed
RETURN cp.id AS id, cp.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, ok AS covered, {kind: cp.kind, deployed: deployed, min_team_size: $min_team_size} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Checkpoint staffing: coverage timeline per region",
            description="Checkpoints located in each given region and the days on which whether a volunteer team with at least the minimum\nnumber of active members is actively deployed there changes.",
            body="""\
CALL (r) {
  MATCH (r)<-[:LOCATED_IN]-(item:Checkpoint<<unvoided:item>>)
"""
            + TEAM_TIMELINE
            + """}
RETURN r.id AS region_id, COUNT { (r)<-[:LOCATED_IN]-(checkpoint:Checkpoint<<unvoided:checkpoint>>) } AS total, events
""",
        ),
    },
)
